package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
)

func TestNextCodeShowsInTheLastSeconds(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	next, err := v.accounts[0].Code(time.Unix(60, 0))
	if err != nil {
		t.Fatal(err)
	}
	// At 59 s one second is left: the next code shows under the current one.
	requireText(t, w, "287 082", "next: "+groupCode(next))

	// Early in a period it does not.
	v.now = func() time.Time { return time.Unix(61, 0) }
	v.tick()
	if hasText(w, "next: "+groupCode(next)) {
		t.Errorf("the next code shows 29 s before it is needed: %q", textsOf(w))
	}
	requireText(t, w, groupCode(next), "29 s")
}

func TestIdleLock(t *testing.T) {
	store := newStore(t, nil) // a key file, so there is a passphrase
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	clock := at59
	v.now = func() time.Time { return clock }
	after := func(d time.Duration) {
		clock = clock.Add(d)
		v.tick()
	}
	if got := v.idleLockDelay(); got != 5*time.Minute {
		t.Fatalf("default idle time is %v, want 5 min", got)
	}

	// Activity, by key or pointer, starts the idle time again.
	after(4 * time.Minute)
	test.TypeOnCanvas(w.Canvas(), "git")
	after(4 * time.Minute)
	test.MoveMouse(w.Canvas(), fyne.NewPos(280, 550)) // over the status line
	after(4 * time.Minute)
	if v.mode != modeList {
		t.Fatalf("locked although the window was in use; it shows %q", textsOf(w))
	}
	after(time.Minute + time.Second)
	if v.mode != modeLocked {
		t.Fatalf("not locked after 5 idle minutes; the window shows %q", textsOf(w))
	}
	requireText(t, w, "Mamori is locked")
	if hasText(w, "GitHub") {
		t.Errorf("the locked window still shows the vault")
	}
	tapButton(t, w, "Unlock")
	requireText(t, w, "GitHub")

	// Settings: 1 minute, kept in the preferences.
	v.showSettings()
	requireText(t, w, "Lock Mamori after this long without use", "5 min")
	selectsOf(w)[2].SetSelected("1 min")
	tapTopButton(t, w, "Save")
	if got := v.prefs.Int(prefIdleLockMinutes); got != 1 {
		t.Errorf("idle preference is %d, want 1", got)
	}
	after(61 * time.Second)
	if v.mode != modeLocked {
		t.Fatalf("not locked after 1 idle minute")
	}

	// Never.
	tapButton(t, w, "Unlock")
	v.prefs.SetInt(prefIdleLockMinutes, 0)
	after(time.Hour)
	if v.mode != modeList {
		t.Errorf("locked although the idle lock is off")
	}
}

func TestIdleLockNeedsAPassphrase(t *testing.T) {
	store := vault.NewStore(vault.Options{
		Dir:     t.TempDir(),
		Keyring: keystore.System,
		Now:     func() time.Time { return at59 },
	}, &keystore.Memory{})
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	clock := at59
	v.now = func() time.Time { return clock }
	clock = clock.Add(time.Hour)
	v.tick()
	if v.mode != modeList || hasText(w, "There is no app passphrase") {
		t.Errorf("without a passphrase the idle lock should do nothing; the window shows %q", textsOf(w))
	}
}

// passwordEntries are the password fields of the dialog on top.
func passwordEntries(w fyne.Window) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if e, ok := asEntry(o); ok && e.Password {
			out = append(out, e)
		}
	}
	return out
}

func TestPassphraseFromSettings(t *testing.T) {
	// A key in the (fake) system keyring, with no passphrase yet.
	store := vault.NewStore(vault.Options{
		Dir:              t.TempDir(),
		Keyring:          keystore.System,
		ScryptWorkFactor: 10,
		Passphrase:       func(vault.PassphraseRequest) (string, error) { return testPassphrase, nil },
		Now:              func() time.Time { return at59 },
	}, &keystore.Memory{})
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)

	v.showSettings()
	requireText(t, w, "App passphrase", "There is no app passphrase: Mamori opens without asking and cannot lock.")
	tapButton(t, w, "Set a passphrase…")
	entries := passwordEntries(w)
	if len(entries) != 2 {
		t.Fatalf("the new passphrase dialog has %d fields, want 2", len(entries))
	}
	entries[0].SetText(testPassphrase)
	entries[1].SetText("something else")
	tapTopButton(t, w, "Save")
	requireText(t, w, "The two passphrases differ.")
	entries[1].SetText(testPassphrase)
	tapTopButton(t, w, "Save")
	requireText(t, w, "The app passphrase is set. Mamori will ask for it when it opens and after locking.")
	if info, err := store.Info(); err != nil || !info.Passphrase {
		t.Fatalf("after setting it, Info = %+v, %v", info, err)
	}
	tapTopButton(t, w, "Close")
	// Settings shows the new state.
	requireText(t, w, "Change the passphrase…", "Remove the passphrase")

	// Now it locks, and removing the passphrase needs a yes.
	tapButton(t, w, "Remove the passphrase")
	requireText(t, w, "Remove the app passphrase? Mamori will then open without asking, and cannot lock.")
	tapTopButton(t, w, "Yes")
	requireText(t, w, "The app passphrase was removed.")
	if info, err := store.Info(); err != nil || info.Passphrase {
		t.Fatalf("after removing it, Info = %+v, %v", info, err)
	}
}

func TestFileKeyPassphraseCannotBeRemoved(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.showSettings()
	tapButton(t, w, "Remove the passphrase")
	tapTopButton(t, w, "Yes")
	requireText(t, w, "The passphrase cannot be removed: there is no system keyring, so the vault's key is kept in a file in the data directory, and without a passphrase it would lie there unprotected.")
	if info, err := store.Info(); err != nil || !info.Passphrase {
		t.Fatalf("the passphrase was removed: Info = %+v, %v", info, err)
	}

	// Changing it works, and the new one unlocks.
	tapTopButton(t, w, "Close")
	tapButton(t, w, "Change the passphrase…")
	for _, e := range passwordEntries(w) {
		e.SetText("a new passphrase")
	}
	tapTopButton(t, w, "Save")
	requireText(t, w, "The app passphrase is set. Mamori will ask for it when it opens and after locking.")
	store.SetPassphraseFunc(func(vault.PassphraseRequest) (string, error) { return "a new passphrase", nil })
	store.Lock()
	if _, err := store.Load(); err != nil {
		t.Fatalf("the new passphrase does not unlock: %v", err)
	}
}

// tapTopButton taps the button labelled text in the dialog on top.
func tapTopButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Visible() && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q in the dialog on top; the window shows %q", text, textsOf(w))
}
