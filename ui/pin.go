package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"github.com/mamori-app/mamori/vault"
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
	v.async(func() {
		var label string
		vlt, err := v.store.Update(func(vlt *vault.Vault) error {
			a := vlt.Account(id)
			if a == nil {
				return vault.ErrNotFound
			}
			label = a.Label()
			if a.Pinned != pinned {
				a.Pinned = pinned
				a.Updated = v.now().UTC()
			}
			return nil
		})
		fyne.Do(func() {
			if err != nil {
				v.flash(v.msg.T("ui.pin.failed", map[string]any{"Error": err.Error()}))
				return
			}
			v.show(vlt, nil)
			if pinned {
				v.flash(v.msg.T("ui.pin.done", map[string]any{"Label": label}))
			} else {
				v.flash(v.msg.T("ui.pin.undone", map[string]any{"Label": label}))
			}
		})
	})
}

// trayMenu is the system tray menu: the pinned accounts (a click copies the
// current code, as in the window), then "Show Mamori" and "Quit". Locked or
// not yet open, it lists no accounts.
func (v *view) trayMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	if v.loaded {
		for _, a := range v.accounts {
			if !a.Pinned {
				continue
			}
			id := a.ID
			items = append(items, fyne.NewMenuItem(a.Label(), func() { v.copyFromTray(id) }))
		}
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
	quit := fyne.NewMenuItem(v.msg.T("ui.tray.quit"), v.app.Quit)
	quit.IsQuit = true
	items = append(items, fyne.NewMenuItemSeparator(), show, quit)
	return fyne.NewMenu("Mamori", items...)
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
	if d, ok := v.app.(desktop.App); ok {
		d.SetSystemTrayMenu(v.trayMenu())
	}
}
