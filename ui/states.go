package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
)

// updateStatus shows how many accounts there are, unless a flash message
// such as "Copied" is still up.
func (v *view) updateStatus() {
	if !v.loaded || v.now().Before(v.flashUntil) {
		return
	}
	v.status.Importance = widget.LowImportance
	n := len(v.accounts)
	switch {
	case n == 0:
		// No accounts (a page open over the empty vault): nothing to count.
		v.status.SetText("")
	case len(v.shown) == 0:
		v.status.SetText(v.msg.T("ui.no_match", map[string]any{"Query": v.query}))
	case len(v.shown) < n:
		v.status.SetText(v.msg.T("ui.count.filtered", map[string]any{"Shown": len(v.shown), "Count": n}))
	case n == 1:
		v.status.SetText(v.msg.T("ui.count.one"))
	default:
		v.status.SetText(v.msg.T("ui.count", map[string]any{"Count": n}))
	}
}

// flash shows msg in the status bar for a few seconds.
func (v *view) flash(msg string) {
	v.flashUntil = v.now().Add(flashFor)
	// In the text colour, not the grey of the account count, so that
	// "Copied" is seen.
	v.status.Importance = widget.MediumImportance
	v.status.SetText(msg)
}

// setBody puts o in the window's body, in place of what was there.
func (v *view) setBody(o fyne.CanvasObject) {
	v.body.Objects = []fyne.CanvasObject{o}
	v.body.Refresh()
}

// showMessage replaces the list with one centred line, e.g. while loading.
func (v *view) showMessage(msg string) {
	v.closePages()
	v.loaded = false
	v.mode = modeMessage
	v.status.SetText("")
	l := widget.NewLabel(msg)
	l.Alignment = fyne.TextAlignCenter
	v.setBody(container.NewCenter(l))
}

// emptyState tells a person with no accounts how to add one.
func (v *view) emptyState() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(v.msg.T("ui.empty.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	body := widget.NewLabel(v.msg.T("ui.empty.body"))
	body.Wrapping = wrapping(v.msg)
	example := widget.NewLabel(v.msg.T("ui.empty.example"))
	example.TextStyle = fyne.TextStyle{Monospace: true}
	example.Wrapping = fyne.TextWrapBreak
	example.Selectable = true
	after := widget.NewLabel(v.msg.T("ui.empty.after", map[string]any{"Dir": v.store.Dir()}))
	after.Wrapping = wrapping(v.msg)
	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(96))
	addBtn := widget.NewButtonWithIcon(v.msg.T("ui.add"), theme.ContentAddIcon(), v.showAdd)
	addBtn.Importance = widget.HighImportance
	return container.NewPadded(container.NewVBox(
		layout.NewSpacer(), icon, title, body, example, after,
		container.NewCenter(container.NewHBox(addBtn,
			widget.NewButtonWithIcon(v.msg.T("ui.reload"), theme.ViewRefreshIcon(), v.reload))),
		layout.NewSpacer(),
	))
}

// showError explains why the vault could not be opened and offers what can
// be done about it; nothing is written until the person chooses.
func (v *view) showError(err error) {
	v.closePages()
	v.vault = nil
	v.loaded = false
	v.mode, v.lastErr = modeError, err
	v.accounts, v.keys, v.shown = nil, nil, nil
	v.status.SetText("")
	title := widget.NewLabelWithStyle(v.msg.T("ui.error.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	why := widget.NewLabel(errorText(v.msg, err))
	why.Wrapping = wrapping(v.msg)
	detail := widget.NewLabel(v.msg.T("ui.error.detail", map[string]any{"Error": err.Error()}))
	detail.Wrapping = wrapping(v.msg)
	detail.Importance = widget.LowImportance
	detail.Selectable = true
	items := []fyne.CanvasObject{title, why}
	buttons := []fyne.CanvasObject{widget.NewButtonWithIcon(v.msg.T("ui.retry"), theme.ViewRefreshIcon(), v.reload)}
	var damaged *vault.DamagedError
	if errors.As(err, &damaged) {
		if b := damaged.Backup; b != nil {
			data := map[string]any{
				"Saved":      b.Saved.Local().Format("2006-01-02 15:04"),
				"Generation": b.Generation,
				"Accounts":   b.Accounts,
			}
			items = append(items, wrapped(v.msg, v.msg.T("ui.error.backup", data)))
			restore := widget.NewButtonWithIcon(v.msg.T("ui.restore"), theme.HistoryIcon(), func() { v.confirmRestore(data) })
			restore.Importance = widget.HighImportance
			buttons = append([]fyne.CanvasObject{restore}, buttons...)
		} else {
			items = append(items, wrapped(v.msg, v.msg.T("ui.error.no_backup")))
		}
	}
	buttons = append(v.rollbackButtons(err), buttons...)
	if errors.Is(err, vault.ErrKeyMissing) {
		// A second desktop with the synced folder but not yet its key.
		buttons = append(buttons, widget.NewButton(v.msg.T("sync.join.button"), v.joinKey))
	}
	items = append(items, detail, container.NewHBox(buttons...))
	icon := widget.NewIcon(theme.ErrorIcon())
	v.setBody(container.NewPadded(container.NewBorder(nil, nil, container.NewVBox(icon), nil,
		container.NewVBox(items...))))
}

func (v *view) confirmRestore(data map[string]any) {
	d := dialog.NewCustomConfirm(v.msg.T("ui.restore.title"), v.msg.T("ui.yes"), v.msg.T("ui.no"), wrapped(v.msg, v.msg.T("ui.restore.confirm", data)), func(ok bool) {
		if !ok {
			return
		}
		v.showMessage(v.msg.T("ui.loading"))
		v.async(func() {
			vlt, err := v.store.RestoreBackup()
			fyne.Do(func() {
				v.show(vlt, err)
				if err == nil {
					v.flash(v.msg.T("ui.restore.done"))
				}
			})
		})
	}, v.win)
	d.Resize(fyne.NewSize(440, d.MinSize().Height))
	d.Show()
}

// wrapped is a label showing s, a text in msg's language, that wraps: at
// spaces in English, anywhere in Japanese, which has no spaces between
// words.
func wrapped(msg *assets.Catalog, s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = wrapping(msg)
	return l
}

// wrapping is how labels in msg's language wrap.
func wrapping(msg *assets.Catalog) fyne.TextWrap {
	if msg.Lang() == assets.LangJapanese {
		return fyne.TextWrapBreak
	}
	return fyne.TextWrapWord
}

// errorText is what a person reads about err, in msg's language; the
// details follow separately.
func errorText(msg *assets.Catalog, err error) string {
	if text, ok := storeErrorText(msg, err); ok {
		return text
	}
	switch {
	case errors.Is(err, vault.ErrNewerVersion):
		return msg.T("ui.error.newer")
	case errors.Is(err, vault.ErrDamaged):
		return msg.T("ui.error.damaged")
	case errors.Is(err, vault.ErrKeyMissing):
		return msg.T("ui.error.key")
	case errors.Is(err, vault.ErrWrongPassphrase):
		return msg.T("ui.error.wrong_pass")
	case errors.Is(err, errCancelled):
		return msg.T("ui.error.cancelled")
	case errors.Is(err, vault.ErrPassphraseRequired):
		return msg.T("ui.error.need_pass")
	case errors.Is(err, keystore.ErrUnavailable):
		return msg.T("ui.error.keyring")
	}
	return msg.T("ui.error.other")
}

// lock forgets the vault's key and shows the locked screen, when the vault
// has an app passphrase to unlock it with again; without one, locking would
// not protect anything, and the window says so.
func (v *view) lock() {
	info, err := v.store.Info()
	if err != nil || !info.Passphrase {
		v.flash(v.msg.T("ui.lock.no_pass"))
		return
	}
	v.store.Lock()
	v.clearClipboard()
	v.closePages()
	// Dialogs go too: an edit form, or anything else of the vault, must
	// not stay over the locked screen.
	ov := v.win.Canvas().Overlays()
	for o := ov.Top(); o != nil; o = ov.Top() {
		ov.Remove(o)
	}
	v.search.SetText("")
	v.vault, v.accounts, v.keys, v.shown = nil, nil, nil, nil
	v.hotp = map[string]hotp{}
	v.undo = nil // a deleted account is not kept past locking
	v.forgetTransfers()
	v.forgetVault()
	v.showUndo()
	v.showLocked()
	v.updateTray()
}

// showLocked is the locked screen: nothing of the vault, and a button that
// asks for the passphrase.
func (v *view) showLocked() {
	v.loaded = false
	v.mode = modeLocked
	v.status.SetText("")
	title := widget.NewLabelWithStyle(v.msg.T("ui.locked.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	body := widget.NewLabel(v.msg.T("ui.locked.body"))
	body.Alignment = fyne.TextAlignCenter
	unlock := widget.NewButtonWithIcon(v.msg.T("ui.pass.ok"), theme.LoginIcon(), v.reload)
	unlock.Importance = widget.HighImportance
	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(96))
	v.setBody(container.NewCenter(container.NewVBox(icon, title, body, container.NewCenter(unlock))))
}
