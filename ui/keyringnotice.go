package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault/keystore"
)

// prefKeyringExplained records that the person has read (and closed) the
// explanation of what the OS keyring protects against: it is shown once.
const prefKeyringExplained = "keyring.explained"

// offerKeyringNotice explains, once, what keeping the vault key in the OS
// keyring without an app passphrase protects against and what it does not,
// and offers to set a passphrase. It shows when the vault has a key in the
// keyring with no passphrase, in the app (view.keyringNotice), not in the
// demo, and never again once closed either way.
func (v *view) offerKeyringNotice() {
	if !v.keyringNotice || v.demo || v.keyringNoticeOpen || v.prefs.Bool(prefKeyringExplained) {
		return
	}
	info, err := v.store.Info()
	if err != nil || !info.Exists || info.Backend != keystore.System || info.Passphrase {
		return
	}
	v.keyringNoticeOpen = true
	protects := wrapped(v.msg, v.msg.T("ui.keyring_notice.protects"))
	doesNot := wrapped(v.msg, v.msg.T("ui.keyring_notice.does_not"))
	doesNot.Importance = widget.WarningImportance
	body := container.NewVBox(
		wrapped(v.msg, v.msg.T("ui.keyring_notice.intro")),
		protects, doesNot,
		wrapped(v.msg, v.msg.T("ui.keyring_notice.offer")),
	)
	d := dialog.NewCustomConfirm(v.msg.T("ui.keyring_notice.title"), v.msg.T("ui.passphrase.set"),
		v.msg.T("ui.keyring_notice.not_now"), body, func(set bool) {
			v.keyringNoticeOpen = false
			v.prefs.SetBool(prefKeyringExplained, true)
			if set {
				v.showNewPassphrase(nil)
			}
		}, v.win)
	d.Resize(fyne.NewSize(480, d.MinSize().Height))
	d.Show()
}
