package ui

import (
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

// trayDelay is how long after the first tray menu the tray is put up. The
// first menu comes with the first list of codes; putting the tray up makes a
// hidden window of its own, which would hold back the frame that shows the
// codes.
const trayDelay = time.Second

// warmFonts measures a line in each text style the main window starts with
// (regular, bold, and monospace for the codes), so that Fyne parses and
// caches their fonts off the UI thread. Fyne's font cache is safe to fill
// from any goroutine.
func warmFonts() {
	for _, s := range []fyne.TextStyle{{}, {Bold: true}, {Monospace: true}} {
		fyne.MeasureText("Mamori 123 あ", theme.TextSize(), s)
	}
}

// lateTray is the app as the main window sees it, with a system tray that
// is put up trayDelay after the first menu is set, on the UI thread, rather
// than at once; later menus replace the tray's at once.
type lateTray struct {
	fyne.App
	tray    desktop.App
	up      bool       // the tray is up
	pending *fyne.Menu // the newest menu while the tray waits
	// after runs a func after a delay, in its own goroutine (time.AfterFunc;
	// tests run it when they choose).
	after func(time.Duration, func())
}

// newLateTray wraps a, when a has a system tray; otherwise it returns a.
func newLateTray(a fyne.App) fyne.App {
	d, ok := a.(desktop.App)
	if !ok {
		return a
	}
	return &lateTray{App: a, tray: d, after: func(d time.Duration, f func()) { time.AfterFunc(d, f) }}
}

// SetSystemTrayMenu puts m in the tray, or keeps it for when the tray goes
// up. Call it on the UI thread.
func (t *lateTray) SetSystemTrayMenu(m *fyne.Menu) {
	if t.up {
		t.tray.SetSystemTrayMenu(m)
		return
	}
	if t.pending == nil {
		t.after(trayDelay, func() {
			fyne.Do(func() {
				t.up = true
				t.tray.SetSystemTrayMenu(t.pending)
				t.pending = nil
				// Start-up is over: give back to the system the memory
				// that parsing fonts and opening the vault left behind.
				go debug.FreeOSMemory()
			})
		})
	}
	t.pending = m
}

// SetSystemTrayIcon sets the tray's icon; it only records it until the tray
// goes up.
func (t *lateTray) SetSystemTrayIcon(icon fyne.Resource) { t.tray.SetSystemTrayIcon(icon) }

// SetSystemTrayWindow sets the window the tray shows.
func (t *lateTray) SetSystemTrayWindow(w fyne.Window) { t.tray.SetSystemTrayWindow(w) }
