package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
)

// askPassphrase asks for a passphrase in a dialog over the window and waits
// for the answer. The store calls it from the goroutine that is loading or
// saving the vault, never on the UI thread.
func (v *view) askPassphrase(req vault.PassphraseRequest) (string, error) {
	answer := make(chan string, 1)
	cancelled := make(chan struct{}, 1)
	fyne.Do(func() {
		v.askingPass++
		v.showPassphraseDialog(req,
			func(p string) { v.askingPass--; answer <- p },
			func() { v.askingPass--; cancelled <- struct{}{} })
	})
	select {
	case p := <-answer:
		return p, nil
	case <-cancelled:
		return "", errCancelled
	}
}

// showPassphraseDialog shows the dialog for req; it calls ok with the
// passphrase, or cancel. For a new key the passphrase is asked twice.
func (v *view) showPassphraseDialog(req vault.PassphraseRequest, ok func(string), cancel func()) {
	var intro string
	title, okText := v.msg.T("ui.pass.title"), v.msg.T("ui.pass.ok")
	switch {
	case req.Reason == vault.ReasonNewFileKey:
		// Nothing to unlock yet: the person is choosing how the new
		// vault is protected.
		intro = v.msg.T("ui.pass.new")
		title, okText = v.msg.T("ui.pass.new_title"), v.msg.T("ui.pass.new_ok")
	case req.Attempt > 1:
		intro = v.msg.T("ui.pass.retry", map[string]any{"Attempt": req.Attempt})
	default:
		intro = v.msg.T("ui.pass.unlock")
	}
	items := []fyne.CanvasObject{wrapped(v.msg, intro)}
	if req.NoKeyring != nil {
		// Why the key cannot go to the keyring, in the person's language;
		// the keyring's own (English) error only as a detail for support.
		items = append(items, wrapped(v.msg, v.msg.T("ui.pass.no_keyring")), v.technicalDetail(req.NoKeyring))
	}
	pass := v.newPasswordEntry()
	pass.SetPlaceHolder(v.msg.T("ui.pass.label"))
	items = append(items, pass)
	var again *formEntry
	if req.Reason == vault.ReasonNewFileKey {
		items = append(items, v.passphraseMeter(pass, 0))
		again = v.newPasswordEntry()
		again.SetPlaceHolder(v.msg.T("ui.pass.confirm"))
		items = append(items, again)
	}
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	items = append(items, problem)

	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(title, okText, v.msg.T("ui.cancel"),
		container.NewVBox(items...), func(confirmed bool) {
			if !confirmed {
				cancel()
				return
			}
			msg := ""
			switch {
			case pass.Text == "":
				msg = v.msg.T("ui.pass.empty")
			case again != nil:
				// A new passphrase: the one rule, then the repeat.
				if msg = v.passphraseRefusal(pass.Text, 0); msg == "" && again.Text != pass.Text {
					msg = v.msg.T("ui.pass.mismatch")
				}
			}
			if msg != "" {
				problem.SetText(msg)
				problem.Show()
				d.Show()
				return
			}
			ok(pass.Text)
		}, v.win)
	submit := func(string) { d.Confirm() }
	pass.OnSubmitted = submit
	if again != nil {
		again.OnSubmitted = submit
	}
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
	v.win.Canvas().Focus(pass)
}

// passphraseSection is the part of Settings about the app passphrase: whether
// there is one, and buttons to set, change or remove it. They act at once,
// not on Save, and the section shows the new state after each.
func (v *view) passphraseSection() *fyne.Container {
	box := container.NewVBox()
	var fill func()
	fill = func() {
		info, err := v.store.Info()
		state := v.msg.T("ui.passphrase.off")
		if err == nil && info.Passphrase {
			state = v.msg.T("ui.passphrase.on")
		}
		label := wrapped(v.msg, state)
		label.Importance = widget.LowImportance
		var buttons []fyne.CanvasObject
		switch {
		case err != nil || !info.Exists && info.Backend == "":
			// No vault yet: there is no key to protect.
			buttons = nil
		case info.Passphrase:
			buttons = append(buttons,
				widget.NewButton(v.msg.T("ui.passphrase.change"), func() { v.showNewPassphrase(fill) }),
				widget.NewButton(v.msg.T("ui.passphrase.remove"), func() { v.confirmRemovePassphrase(fill) }))
		default:
			buttons = append(buttons,
				widget.NewButton(v.msg.T("ui.passphrase.set"), func() { v.showNewPassphrase(fill) }))
		}
		box.Objects = []fyne.CanvasObject{widget.NewLabel(v.msg.T("ui.passphrase")), label, container.NewHBox(buttons...)}
		box.Refresh()
	}
	fill()
	return box
}

// showNewPassphrase asks for a new app passphrase, twice, and sets it; done
// runs afterwards on the UI thread.
func (v *view) showNewPassphrase(done func()) {
	pass := v.newPasswordEntry()
	pass.SetPlaceHolder(v.msg.T("ui.pass.label"))
	again := v.newPasswordEntry()
	again.SetPlaceHolder(v.msg.T("ui.pass.confirm"))
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(v.msg.T("ui.passphrase"), v.msg.T("ui.save"), v.msg.T("ui.cancel"),
		container.NewVBox(wrapped(v.msg, v.msg.T("ui.passphrase.new")), pass, v.passphraseMeter(pass, 0), again, problem), func(ok bool) {
			if !ok {
				return
			}
			msg := ""
			switch {
			case pass.Text == "":
				msg = v.msg.T("ui.pass.empty")
			default:
				if msg = v.passphraseRefusal(pass.Text, 0); msg == "" && again.Text != pass.Text {
					msg = v.msg.T("ui.pass.mismatch")
				}
			}
			if msg != "" {
				problem.SetText(msg)
				problem.Show()
				d.Show()
				return
			}
			v.setPassphrase(pass.Text, done)
		}, v.win)
	submit := func(string) { d.Confirm() }
	pass.OnSubmitted = submit
	again.OnSubmitted = submit
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
	v.win.Canvas().Focus(pass)
}

// confirmRemovePassphrase removes the app passphrase once the person agrees.
func (v *view) confirmRemovePassphrase(done func()) {
	d := dialog.NewCustomConfirm(v.msg.T("ui.passphrase"), v.msg.T("ui.yes"), v.msg.T("ui.no"),
		wrapped(v.msg, v.msg.T("ui.passphrase.remove.confirm")), func(ok bool) {
			if ok {
				v.setPassphrase("", done)
			}
		}, v.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
}

// setPassphrase protects the vault's key with pass, or removes the
// protection when pass is empty, in the background (the store may ask for
// the current passphrase), and says how it went.
func (v *view) setPassphrase(pass string, done func()) {
	v.async(func() {
		err := v.changePassphrase(pass)
		fyne.Do(func() {
			var msg string
			system := false
			switch {
			case err == nil && pass == "":
				msg = v.msg.T("ui.passphrase.removed")
			case err == nil:
				msg = v.msg.T("ui.passphrase.done")
			case errors.Is(err, vault.ErrFileKeyNeedsPassphrase):
				msg = v.msg.T("ui.passphrase.file_key")
			default:
				var why string
				why, system = passphraseReason(v.msg, err)
				msg = v.msg.T("ui.passphrase.failed", map[string]any{"Reason": why})
			}
			v.touch()
			body := container.NewVBox(wrapped(v.msg, msg))
			if system {
				body.Add(v.technicalDetail(err))
			}
			d := dialog.NewCustom(v.msg.T("ui.passphrase"), v.msg.T("ui.close"), body, v.win)
			d.Resize(fyne.NewSize(420, d.MinSize().Height))
			d.Show()
			if done != nil {
				done()
			}
		})
	})
}

// changePassphrase runs the passphrase operation that fits: remove it
// when pass is empty, else change the one there is or set a first one.
func (v *view) changePassphrase(pass string) error {
	s := v.ops()
	newPass := func() (string, error) { return pass, nil }
	if pass == "" {
		return s.RemovePassphrase()
	}
	info, err := s.PassphraseInfo()
	switch {
	case err != nil:
		return err
	case info.Passphrase:
		return s.ChangePassphrase(newPass)
	}
	return s.SetPassphrase(newPass)
}

// passphraseReason is why the app passphrase could not be set, changed or
// removed, in msg's language: the person's own doing (a wrong current
// passphrase, a cancelled prompt, a locked keyring) is explained; anything
// else is a system failure (system is true), whose English detail is shown
// apart, for support.
func passphraseReason(msg *assets.Catalog, err error) (why string, system bool) {
	switch {
	case errors.Is(err, vault.ErrWrongPassphrase):
		return msg.T("ui.error.wrong_pass"), false
	case errors.Is(err, errCancelled):
		return msg.T("ui.passphrase.cancelled"), false
	case errors.Is(err, vault.ErrPassphraseRequired):
		return msg.T("ui.error.need_pass"), false
	case errors.Is(err, keystore.ErrUnavailable):
		return msg.T("ui.error.keyring"), true
	}
	return msg.T("ui.passphrase.system"), true
}
