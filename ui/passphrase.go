package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault"
)

// askPassphrase asks for a passphrase in a dialog over the window and waits
// for the answer. The store calls it from the goroutine that is loading or
// saving the vault, never on the UI thread.
func (v *view) askPassphrase(req vault.PassphraseRequest) (string, error) {
	answer := make(chan string, 1)
	cancelled := make(chan struct{}, 1)
	fyne.Do(func() {
		v.showPassphraseDialog(req, func(p string) { answer <- p }, func() { cancelled <- struct{}{} })
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
	switch {
	case req.Reason == vault.ReasonNewFileKey:
		intro = v.msg.T("ui.pass.new")
	case req.Attempt > 1:
		intro = v.msg.T("ui.pass.retry", map[string]any{"Attempt": req.Attempt})
	default:
		intro = v.msg.T("ui.pass.unlock")
	}
	items := []fyne.CanvasObject{wrapped(v.msg, intro)}
	if req.NoKeyring != nil {
		why := wrapped(v.msg, v.msg.T("ui.pass.why", map[string]any{"Reason": req.NoKeyring.Error()}))
		why.Importance = widget.LowImportance
		items = append(items, why)
	}
	pass := widget.NewPasswordEntry()
	pass.SetPlaceHolder(v.msg.T("ui.pass.label"))
	items = append(items, pass)
	var again *widget.Entry
	if req.Reason == vault.ReasonNewFileKey {
		again = widget.NewPasswordEntry()
		again.SetPlaceHolder(v.msg.T("ui.pass.confirm"))
		items = append(items, again)
	}
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	items = append(items, problem)

	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(v.msg.T("ui.pass.title"), v.msg.T("ui.pass.ok"), v.msg.T("ui.cancel"),
		container.NewVBox(items...), func(confirmed bool) {
			if !confirmed {
				cancel()
				return
			}
			msg := ""
			switch {
			case pass.Text == "":
				msg = v.msg.T("ui.pass.empty")
			case again != nil && again.Text != pass.Text:
				msg = v.msg.T("ui.pass.mismatch")
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
