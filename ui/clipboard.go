package ui

import (
	"fyne.io/fyne/v2"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
)

// tick runs once a second on the UI thread: it refreshes the codes and
// countdowns, ends flash messages and clears a code left on the clipboard.
func (v *view) tick() {
	now := v.now()
	if v.undo != nil {
		v.showUndo()
	}
	if v.loaded {
		if v.mode == modeList {
			v.list.Refresh()
		}
		if !now.Before(v.flashUntil) {
			v.updateStatus()
		}
	}
	for _, fn := range v.ticks {
		fn()
	}
	v.checkIdle(now)
	v.refreshTray(now)
	v.checkLockouts(now)
	if v.copiedCode != "" {
		if d := v.clipboardDelay(); d > 0 && now.Sub(v.copiedAt) >= d {
			if v.clearClipboard() {
				v.flash(v.msg.T("ui.clipboard.cleared"))
			}
		}
	}
}

// clearClipboard empties the clipboard if it still holds the code Mamori put
// there, and forgets that code; it reports whether it cleared anything.
func (v *view) clearClipboard() bool {
	if v.copiedCode == "" {
		return false
	}
	cleared := v.secretClipboard().ClearIf(v.copiedCode)
	v.copiedCode = ""
	return cleared
}

// copyCode puts code on the clipboard.
func (v *view) copyCode(a vault.Account, code string) {
	if code == "" {
		v.flash(v.msg.T("ui.copy.failed", map[string]any{"Label": a.Label()}))
		return
	}
	v.copySecret(code)
	if d := v.clipboardDelay(); d > 0 {
		v.flash(v.msg.T("ui.copied", map[string]any{"Label": a.Label(), "Seconds": int(d.Seconds())}))
	} else {
		v.flash(v.msg.T("ui.copied.keep", map[string]any{"Label": a.Label()}))
	}
}

// copyTop copies the code of the first account the search shows (Enter).
func (v *view) copyTop() {
	if !v.loaded {
		return
	}
	if len(v.shown) == 0 {
		v.flash(v.msg.T("ui.no_match", map[string]any{"Query": v.query}))
		return
	}
	v.copyAccount(v.accounts[v.shown[0]])
}

// copyAccount copies a's current code; an HOTP code only once it is shown.
func (v *view) copyAccount(a vault.Account) {
	switch {
	case !a.HasOTP():
		v.copyCode(a, "")
	case a.OTP.Type == otp.HOTP:
		h, ok := v.hotp[a.ID]
		if !ok {
			v.flash(v.msg.T("ui.copy.hotp", map[string]any{"Label": a.Label()}))
			return
		}
		v.copyCode(a, h.code)
	default:
		code, err := a.Code(v.now())
		if err != nil {
			code = ""
		}
		v.copyCode(a, code)
	}
}

// nextHOTP advances the counter of an HOTP account and saves the vault, and
// only once that is saved shows the code of the counter value it had, so no
// code is ever shown twice.
func (v *view) nextHOTP(id string) {
	if v.busy[id] {
		return
	}
	v.busy[id] = true
	v.list.Refresh()
	v.async(func() {
		got, err := v.ops().NextHOTP(id)
		fyne.Do(func() {
			delete(v.busy, id)
			if err != nil {
				v.flash(v.explain(err, "ui.hotp.failed"))
				v.list.Refresh()
				return
			}
			for i := range v.accounts {
				if v.accounts[i].ID == id {
					v.accounts[i] = got.Account
				}
			}
			v.hotp[id] = hotp{code: got.Code, counter: got.Counter}
			v.flash(v.msg.T("ui.hotp.shown", map[string]any{"Counter": got.Counter}))
			v.list.Refresh()
		})
	})
}
