package cli

import (
	"errors"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault/importer"
)

// pageReason says, in the person's language, why no QR code could be read
// from a picture of a paper kit page. An error the CLI cannot explain is
// shown as it is.
func (a *app) pageReason(err error) string {
	switch {
	case errors.Is(err, importer.ErrNoQRCode):
		return a.msg.T("cli.kit.page.no_qr")
	case errors.Is(err, importer.ErrTooLarge):
		return a.msg.T("cli.kit.page.too_large")
	case errors.Is(err, importer.ErrMalformed), errors.Is(err, importer.ErrUnknownFormat), errors.Is(err, importer.ErrEmpty):
		return a.msg.T("cli.kit.page.not_image")
	}
	return err.Error()
}

// pagesReason says, in the person's language, why the QR codes of a paper
// kit's pages do not fit together (usecase.PaperReason). An error the CLI
// cannot explain is shown as it is.
func (a *app) pagesReason(err error) string {
	if m, ok := usecase.PaperReason(err); ok {
		return m.Text(a.msg)
	}
	return err.Error()
}
