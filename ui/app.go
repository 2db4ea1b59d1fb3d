// Package ui is Mamori's desktop app, built with Fyne: windows, dialogs and
// what they show. It holds no business rules; everything it does goes through
// package vault, the same calls the command line makes.
package ui

import (
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/clipboard"
	"github.com/mamori-app/mamori/vault"
)

// AppID is the application's unique ID, as in FyneApp.toml. Fyne keeps the
// app's preferences (settings only, never secrets) under it.
const AppID = "app.mamori.desktop"

// Run opens the main window, titled "Mamori", on store and returns when the
// window is closed. The vault is opened in the background; a passphrase, when
// one is needed, is asked for in the window (MAMORI_PASSPHRASE, when set, is
// tried first). Errors opening the vault are shown in the window, not
// returned: Run fails only when there is no display to open a window on.
func Run(store *vault.Store) error { return run(store, false) }

// RunDemo is Run for "mamori --demo": the window is marked DEMO, with a
// banner, and the app keeps its settings apart from the real app's.
func RunDemo(store *vault.Store) error { return run(store, true) }

func run(store *vault.Store, demo bool) error {
	if err := checkDisplay(); err != nil {
		return err
	}
	id := AppID
	if demo {
		id += ".demo"
	}
	a := app.NewWithID(id)
	a.SetIcon(appIcon())
	a.Settings().SetTheme(newTheme())
	// The vault opens (keyring, decryption) while GLFW starts and the window
	// is made. A passphrase, when one is needed, is asked for in the window,
	// once it is there.
	var v *view
	made := make(chan struct{}) // closed once v is set
	o := newOpening()
	store.SetPassphraseFunc(func(req vault.PassphraseRequest) (string, error) {
		if p := os.Getenv("MAMORI_PASSPHRASE"); p != "" && req.Attempt == 1 {
			return p, nil
		}
		o.asked()
		<-made
		return v.askPassphrase(req)
	})
	o.start(store)
	// Parse the fonts while GLFW starts, rather than after it, when the
	// window's content is first measured; wait for them before building the
	// content, so that no font is parsed twice.
	warm := make(chan struct{})
	go func() {
		warmFonts()
		close(warm)
	}()
	w := a.NewWindow("Mamori")
	w.Resize(fyne.NewSize(560, 560))
	w.SetMaster()
	// The window shows at once, empty, as soon as GLFW has made it; its
	// content follows in the next frame.
	w.Show()
	<-warm
	v = newView(newLateTray(a), w, store)
	v.clip = clipboard.New(a.Clipboard())
	v.keyringNotice = true
	close(made)
	if demo {
		v.demo = true
		v.rebuild()
	}
	w.SetContent(v.content)
	// Closing the window quits: a code or secret still on the clipboard is
	// taken off first, since a clipboard manager would keep it after we
	// are gone.
	w.SetCloseIntercept(v.quit)
	// Codes in the first frame with content, when the vault is open by now.
	o.show(v, openWait)
	// Changes a sync engine delivers while the app runs are merged as
	// they come (ui/watch.go).
	v.watchFolder()
	defer v.stopWatching()
	done := make(chan struct{})
	a.Lifecycle().SetOnStarted(func() {
		go tickEverySecond(done, v.tick)
	})
	w.ShowAndRun()
	close(done)
	return nil
}

// tickEverySecond calls fn on the UI thread just after each full second, so
// countdowns change together with the codes, until done is closed.
func tickEverySecond(done <-chan struct{}, fn func()) {
	for {
		wait := time.Until(time.Now().Truncate(time.Second).Add(time.Second + 20*time.Millisecond))
		select {
		case <-done:
			return
		case <-time.After(wait):
			fyne.Do(fn)
		}
	}
}

func appIcon() fyne.Resource {
	return fyne.NewStaticResource("icon.png", assets.Icon)
}
