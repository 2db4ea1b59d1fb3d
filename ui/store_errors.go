package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
)

// storeErrorText is the sentence, with its hint, for the errors
// usecase.ExplainStore knows (a forged, rolled-back or unsafe vault, a kit
// asking too much work); ok is false for any other.
func storeErrorText(msg *assets.Catalog, err error) (text string, ok bool) {
	m, ok := usecase.ExplainStore(err)
	if !ok {
		return "", false
	}
	text = msg.T(m.ID, m.Data)
	if m.Hint != nil {
		text += " " + msg.T(m.Hint.ID, m.Hint.Data)
	}
	return text, true
}

// storeText is storeErrorText in the view's language.
func (v *view) storeText(err error) (string, bool) { return storeErrorText(v.msg, err) }

// rollbackButtons offers, on the error page of a vault older than the one
// this computer last opened, to use it anyway after confirming.
func (v *view) rollbackButtons(err error) []fyne.CanvasObject {
	var rb *vault.RollbackError
	if !errors.As(err, &rb) {
		return nil
	}
	data := map[string]any{"Seen": rb.Seen, "Found": rb.Found}
	accept := widget.NewButtonWithIcon(v.msg.T("store.button.accept_older"), theme.HistoryIcon(), func() {
		d := dialog.NewCustomConfirm(v.msg.T("store.button.accept_older"), v.msg.T("ui.yes"), v.msg.T("ui.no"),
			wrapped(v.msg, v.msg.T("store.confirm.accept_older", data)), func(ok bool) {
				if !ok {
					return
				}
				v.async(func() {
					res, err := usecase.New(v.store, nil).AcceptOlder()
					fyne.Do(func() {
						v.show(res.Vault, err)
						if err == nil {
							v.flash(v.msg.T("store.note.accepted_older", map[string]any{"Generation": res.Vault.Generation, "Previous": res.Previous}))
						}
					})
				})
			}, v.win)
		d.Resize(fyne.NewSize(440, d.MinSize().Height))
		d.Show()
	})
	return []fyne.CanvasObject{accept}
}
