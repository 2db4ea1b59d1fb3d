package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
)

// fakeTray records the menus put in the system tray.
type fakeTray struct {
	fyne.App
	menus []*fyne.Menu
}

func (f *fakeTray) SetSystemTrayMenu(m *fyne.Menu)  { f.menus = append(f.menus, m) }
func (f *fakeTray) SetSystemTrayIcon(fyne.Resource) {}
func (f *fakeTray) SetSystemTrayWindow(fyne.Window) {}
func (f *fakeTray) labels() (out []string) {
	for _, m := range f.menus {
		out = append(out, m.Label)
	}
	return out
}

func TestLateTrayWaitsThenPutsUpTheNewestMenu(t *testing.T) {
	fake := &fakeTray{App: test.NewApp()}
	a := newLateTray(fake).(*lateTray)
	var waits []time.Duration
	var later []func()
	a.after = func(d time.Duration, f func()) {
		waits = append(waits, d)
		later = append(later, f)
	}

	a.SetSystemTrayMenu(fyne.NewMenu("first"))
	a.SetSystemTrayMenu(fyne.NewMenu("second"))
	if len(fake.menus) != 0 {
		t.Fatalf("the tray went up before the delay: %v", fake.labels())
	}
	if len(later) != 1 || waits[0] != trayDelay {
		t.Fatalf("scheduled %d tray starts (%v), want one after %v", len(later), waits, trayDelay)
	}

	later[0]()
	if got := fake.labels(); len(got) != 1 || got[0] != "second" {
		t.Fatalf("tray menus after the delay: %v, want [second]", got)
	}

	a.SetSystemTrayMenu(fyne.NewMenu("third"))
	if got := fake.labels(); len(got) != 2 || got[1] != "third" {
		t.Fatalf("tray menus once up: %v, want the new menu at once", got)
	}
	if len(later) != 1 {
		t.Errorf("scheduled the tray again once it was up")
	}
}

func TestLateTrayLeavesAppsWithoutTray(t *testing.T) {
	a := test.NewApp()
	if got := newLateTray(a); got != a {
		t.Errorf("newLateTray wrapped an app that has no system tray")
	}
}

func TestOpeningShowsTheVaultBeforeTheFirstFrame(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := openingView(t, store)
	if hasText(w, "GitHub") {
		t.Fatal("the account shows before the vault is opened")
	}
	o := newOpening()
	o.start(store)
	// The vault opens within the wait: show returns with the codes up.
	o.show(v, time.Hour)
	requireText(t, w, "GitHub", "alice@example.com")
}

func TestOpeningShowsTheWindowAtOnceToAskForAPassphrase(t *testing.T) {
	dir := t.TempDir()
	opts := vault.Options{
		Dir:              dir,
		Keyring:          keystore.File,
		ScryptWorkFactor: 10,
		Now:              func() time.Time { return at59 },
	}
	opts.Passphrase = func(vault.PassphraseRequest) (string, error) { return testPassphrase, nil }
	addAccounts(t, vault.NewStore(opts, &keystore.Memory{}), testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})

	// The app starts anew: the store has to ask for the passphrase.
	o := newOpening()
	release := make(chan struct{})
	opts.Passphrase = func(vault.PassphraseRequest) (string, error) {
		o.asked()
		<-release // the person types the passphrase in the window
		return testPassphrase, nil
	}
	// Fyne's test driver runs fyne.Do at once on the calling goroutine;
	// the window is this test's to drive, so the show comes back here.
	onUI := make(chan func(), 1)
	o.do = func(f func()) { onUI <- f }
	store := vault.NewStore(opts, &keystore.Memory{})
	v, w := openingView(t, store)
	o.start(store)
	o.show(v, time.Hour) // returns at once: the window must show to ask
	if hasText(w, "GitHub") {
		t.Fatal("the account shows before the passphrase is given")
	}
	close(release)
	select {
	case f := <-onUI:
		f()
	case <-time.After(2 * time.Minute): // only against a hang: it comes at once
		t.Fatalf("the vault was never handed to the window after the passphrase; the window shows %q", textsOf(w))
	}
	requireText(t, w, "GitHub", "alice@example.com")
}
