package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/export"
	"github.com/mamori-app/mamori/vault/keystore"
)

// The rule for errors shown to a person: a translated sentence that says
// what happened and what to do comes first. The raw Go error, in English,
// is shown only for unexpected system failures (disk, D-Bus, keyring), and
// then only as a low-importance line labelled as a technical detail for
// support. Bad input the app can explain never shows it.

// technicalDetail is a low-importance, selectable line with err's text,
// labelled as a technical detail for support.
func (v *view) technicalDetail(err error) *widget.Label {
	l := wrapped(v.msg, v.msg.T("ui.error.technical", map[string]any{"Error": err.Error()}))
	l.Importance = widget.LowImportance
	l.Selectable = true
	return l
}

// showFailure shows msg, a translated sentence, in a dialog, with err
// below it as a technical detail. It is for unexpected system failures.
func (v *view) showFailure(msg string, err error) {
	d := dialog.NewCustom(v.msg.T("ui.problem"), v.msg.T("ui.close"),
		container.NewVBox(wrapped(v.msg, msg), v.technicalDetail(err)), v.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
}

// accountReason is the translated reason, in msg's language, that
// vault.NewAccount refused an account: no label, or a bad OTP key.
func accountReason(msg *assets.Catalog, err error) string {
	if errors.Is(err, vault.ErrLabelRequired) {
		return msg.T("ui.add.need_label")
	}
	return usecase.KeyReason(err).Text(msg)
}

// shownError is an error from the store as the person reads it: Error is a
// sentence in their language, or, for an unexpected system failure, the
// original English text labelled as a technical detail. errors.Is and
// errors.As still see the cause, so callers map bad input as before.
type shownError struct {
	text string
	err  error
}

func (e *shownError) Error() string { return e.text }

func (e *shownError) Unwrap() error { return e.err }

// readable wraps err, from saving or unlocking the vault, for the person to
// read; nil stays nil. A screen's done function maps the errors it can
// explain first and puts Error() into its own "could not save" sentence
// only for the rest.
func (v *view) readable(err error) error {
	var already *shownError
	if err == nil || errors.As(err, &already) {
		return err
	}
	if text, ok := v.storeText(err); ok {
		return &shownError{text: text, err: err}
	}
	var text string
	switch {
	case errors.Is(err, errCancelled):
		text = v.msg.T("ui.error.cancelled")
	case errors.Is(err, vault.ErrWrongPassphrase):
		text = v.msg.T("ui.error.wrong_pass")
	case errors.Is(err, vault.ErrPassphraseRequired):
		text = v.msg.T("ui.error.need_pass")
	case errors.Is(err, keystore.ErrUnavailable):
		text = v.msg.T("ui.error.keyring") + " " + v.msg.T("ui.error.technical", map[string]any{"Error": err.Error()})
	default:
		text = v.msg.T("ui.error.technical", map[string]any{"Error": err.Error()})
	}
	return &shownError{text: text, err: err}
}

// qrErrorText says why a QR code could not be drawn: too much text for one
// code is the account's own (a very long name, say) and is explained; any
// other failure keeps its English text as a labelled technical detail.
func (v *view) qrErrorText(err error) string {
	if errors.Is(err, export.ErrTooLarge) {
		return v.msg.T("ui.exp.error.qr_too_large")
	}
	return v.msg.T("ui.exp.error.qr", map[string]any{"Error": v.msg.T("ui.error.technical", map[string]any{"Error": err.Error()})})
}
