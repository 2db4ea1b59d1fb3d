package cli

import (
	"errors"

	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/kit/paper"
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
// kit's pages do not fit together. An error the CLI cannot explain is shown
// as it is.
func (a *app) pagesReason(err error) string {
	for _, r := range []struct {
		err error
		key string
	}{
		{paper.ErrNotChunk, "cli.kit.pages.not_kit"},
		{paper.ErrCorruptChunk, "cli.kit.pages.corrupt"},
		{paper.ErrDuplicateChunk, "cli.kit.pages.duplicate"},
		{paper.ErrMixedKits, "cli.kit.pages.mixed"},
		{paper.ErrNoChunks, "cli.kit.pages.none"},
	} {
		if errors.Is(err, r.err) {
			return a.msg.T(r.key)
		}
	}
	return err.Error()
}
