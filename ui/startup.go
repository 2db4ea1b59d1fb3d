package ui

import (
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
)

// trayDelay is how long after the first tray menu the tray is put up. The
// first menu comes with the first list of codes; putting the tray up makes a
// hidden window of its own, which would hold back the frame that shows the
// codes.
const trayDelay = time.Second

// openWait is how long the window waits for the vault before it is first
// drawn, so that the first frame shows the codes rather than "Opening…".
const openWait = 200 * time.Millisecond

// opening is the vault being opened in the background.
type opening struct {
	done   chan opened   // the outcome, once
	asking chan struct{} // Load asked for a passphrase (which needs the window)
	// do runs f on the UI thread (fyne.Do; tests run it on the goroutine
	// that drives their window).
	do func(f func())
}

// opened is what Store.Load returned, and what merging the sync engine's
// conflict copies before it did.
type opened struct {
	vlt    *vault.Vault
	err    error
	copies usecase.CopiesReport
}

func newOpening() *opening {
	return &opening{done: make(chan opened, 1), asking: make(chan struct{}, 1), do: fyne.Do}
}

// start opens store's vault in the background, first merging the
// conflict copies a sync engine left beside it (usecase.MergeCopies). Set
// the store's passphrase function first; it should call asked before it
// waits for the window.
func (o *opening) start(store *vault.Store) {
	go func() {
		copies, err := usecase.New(store, nil).MergeCopies()
		if err != nil {
			o.done <- opened{err: err, copies: copies}
			return
		}
		vlt, err := store.Load()
		o.done <- opened{vlt, err, copies}
	}()
}

// asked tells show that the vault waits for a passphrase, so that the
// window is shown at once to ask for it.
func (o *opening) asked() {
	select {
	case o.asking <- struct{}{}:
	default:
	}
}

// show shows the vault in v at once when it opens within wait, without
// asking for a passphrase and without an error; otherwise it shows it from
// the UI thread, once the app runs and the vault is open. Call it on the UI
// thread.
func (o *opening) show(v *view, wait time.Duration) {
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case r := <-o.done:
		if r.err == nil {
			v.show(r.vlt, nil)
			v.tellMerged(r.copies)
			return
		}
		o.done <- r
	case <-o.asking:
	case <-t.C:
	}
	go func() {
		r := <-o.done
		o.do(func() {
			v.show(r.vlt, r.err)
			v.tellMerged(r.copies)
		})
	}()
}

// warmFonts measures a line in each text style the main window starts with
// (regular, bold, and monospace for the codes), so that Fyne parses and
// caches their fonts off the UI thread. Fyne's font cache is safe to fill
// from any goroutine.
func warmFonts() {
	for _, w := range warmTexts {
		fyne.MeasureText(w.text, theme.TextSize(), w.style)
	}
}

// warmTexts are what warmFonts measures. Monospace is Fyne's own font, which
// has no kana: Japanese measured in it would make Fyne scan the system for a
// font that has them and load it (about 14 MB), so only ASCII is.
var warmTexts = []struct {
	style fyne.TextStyle
	text  string
}{
	{fyne.TextStyle{}, "Mamori 123 あ"},
	{fyne.TextStyle{Bold: true}, "Mamori 123 あ"},
	{fyne.TextStyle{Monospace: true}, "Mamori 123"},
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
