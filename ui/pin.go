package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
)

// Fyne's theme has no pin icon: these are drawn in the foreground colour.
var (
	pinIcon = theme.NewThemedResource(fyne.NewStaticResource("pin.svg", []byte(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M16 9V4h1V2H7v2h1v5c0 1.66-1.34 3-3 3v2h5.97v7l1 1 1-1v-7H19v-2c-1.66 0-3-1.34-3-3z"/></svg>`)))
	unpinnedIcon = theme.NewThemedResource(fyne.NewStaticResource("pin-outline.svg", []byte(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M14 4v5c0 1.12.37 2.16 1 3H9c.65-.86 1-1.9 1-3V4h4m3-2H7c-.55 0-1 .45-1 1s.45 1 1 1h1v5c0 1.66-1.34 3-3 3v2h5.97v7l1 1 1-1v-7H19v-2c-1.66 0-3-1.34-3-3V4h1c.55 0 1-.45 1-1s-.45-1-1-1z"/></svg>`)))
)

// setPinned pins or unpins the account with id and saves the vault; the list
// then shows pinned accounts first and the tray menu follows.
func (v *view) setPinned(id string, pinned bool) {
	var r usecase.Changed
	v.run(func(s *usecase.Service) (*vault.Vault, error) {
		var err error
		r, err = s.SetPinned(id, pinned)
		return r.Vault, err
	}, func(err error) {
		switch {
		case err != nil:
			v.flash(v.msg.T("ui.pin.failed", map[string]any{"Error": err.Error()}))
		case pinned:
			v.flash(v.msg.T("ui.pin.done", map[string]any{"Label": r.Account.Label()}))
		default:
			v.flash(v.msg.T("ui.pin.undone", map[string]any{"Label": r.Account.Label()}))
		}
	})
}

// trayMenu is the system tray menu: the pinned accounts with their current
// codes (a click copies the code, as in the window; an HOTP code is never
// shown there, since showing one uses it up), then "Show Mamori" and
// "Quit". Locked or not yet open, it lists no accounts.
func (v *view) trayMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, a := range v.trayAccounts() {
		id, label := a.ID, a.Label()
		if code := trayCode(a, v.now()); code != "" {
			label = v.msg.T("ui.tray.item", map[string]any{"Label": label, "Code": groupCode(code)})
		}
		items = append(items, fyne.NewMenuItem(label, func() { v.copyFromTray(id) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(v.msg.T("ui.tray.none"), nil)
		none.Disabled = true
		items = append(items, none)
	}
	show := fyne.NewMenuItem(v.msg.T("ui.tray.show"), func() {
		v.win.Show()
		v.win.RequestFocus()
	})
	quit := fyne.NewMenuItem(v.msg.T("ui.tray.quit"), v.quit)
	quit.IsQuit = true
	items = append(items, fyne.NewMenuItemSeparator(), show, quit)
	return fyne.NewMenu("Mamori", items...)
}

// trayAccounts are the accounts the tray menu lists: the pinned ones, while
// the vault is open.
func (v *view) trayAccounts() []vault.Account {
	if !v.loaded {
		return nil
	}
	var out []vault.Account
	for _, a := range v.accounts {
		if a.Pinned {
			out = append(out, a)
		}
	}
	return out
}

// trayCode is the code the tray shows for a at now: the current TOTP or
// Steam code, "" for HOTP and accounts without a key.
func trayCode(a vault.Account, now time.Time) string {
	if !a.HasOTP() || a.OTP.Type == otp.HOTP {
		return ""
	}
	code, err := a.Code(now)
	if err != nil {
		return ""
	}
	return code
}

// trayKey sums up what the tray menu shows at now, so that tick rebuilds the
// menu only when a code or the list changes, not every second.
func (v *view) trayKey(now time.Time) string {
	var b strings.Builder
	b.WriteString(v.msg.Lang())
	for _, a := range v.trayAccounts() {
		b.WriteString("|" + a.ID + ":" + a.Label() + ":" + trayCode(a, now))
	}
	return b.String()
}

// quit ends the app from the window's close button or the tray: it clears
// the clipboard if it still holds a code or secret Mamori put there, then
// quits.
func (v *view) quit() {
	v.clearClipboard()
	v.app.Quit()
}

// copyFromTray copies the current code of the account with id, through the
// same path as a click in the window (so the clipboard is cleared after the
// delay).
func (v *view) copyFromTray(id string) {
	if !v.loaded {
		return
	}
	for _, a := range v.accounts {
		if a.ID == id {
			v.copyAccount(a)
			return
		}
	}
}

// updateTray puts the current tray menu in the system tray, where the app
// has one.
func (v *view) updateTray() {
	v.trayShown = v.trayKey(v.now())
	if d, ok := v.app.(desktop.App); ok {
		d.SetSystemTrayMenu(v.trayMenu())
	}
}

// refreshTray puts a new menu in the tray when its codes have changed.
func (v *view) refreshTray(now time.Time) {
	if v.trayKey(now) != v.trayShown {
		v.updateTray()
	}
}
