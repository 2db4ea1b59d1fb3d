package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
)

func TestSyncRelevant(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"/data/vault.age", true},
		{"/data/vault (Taro's conflicted copy 2026-12-07).age", true},
		{"/data/vault.sync-conflict-20261207-101010-ABCDEFG.age", true},
		{"/data/vault.age.tmp123", false},
		{"/data/key.json", false},
		{"/data/merged-copies", false},
		{"/data/notes.txt", false},
	} {
		if got := syncRelevant(tc.name); got != tc.want {
			t.Errorf("syncRelevant(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestFolderWatchDebounces: changes that do not concern the vault arm
// nothing; a run of relevant changes leads to one merge once the folder is
// quiet, and each change restarts the wait.
func TestFolderWatchDebounces(t *testing.T) {
	names := make(chan string)
	timers := make(chan chan time.Time, 10)
	ran := make(chan struct{}, 10)
	fw := folderWatch{
		names:  names,
		settle: time.Second,
		after: func(time.Duration) <-chan time.Time {
			c := make(chan time.Time, 1)
			timers <- c
			return c
		},
		run: func() { ran <- struct{}{} },
	}
	done := make(chan struct{})
	defer close(done)
	go fw.loop(done)

	names <- "/d/key.json"
	names <- "/d/vault.age"
	first := <-timers
	names <- "/d/vault (Taro's conflicted copy 2026-12-07).age"
	second := <-timers
	select {
	case c := <-timers:
		t.Fatalf("an unrelated change armed a timer %v", c)
	default:
	}
	first <- time.Time{} // superseded: nothing runs
	names <- "/d/notes.txt"
	select {
	case <-ran:
		t.Fatal("a superseded wait ran the merge")
	default:
	}
	second <- time.Time{}
	<-ran
	names <- "/d/key.json" // the loop is back to waiting for names
	select {
	case <-ran:
		t.Fatal("ran twice for one run of changes")
	default:
	}
}

// TestWatchNamesSeesACopyArrive: a real watcher on a folder reports a
// conflict copy written into it.
func TestWatchNamesSeesACopyArrive(t *testing.T) {
	dir := t.TempDir()
	done := make(chan struct{})
	defer close(done)
	names, err := watchNames(dir, done)
	if err != nil {
		t.Fatal(err)
	}
	copyName := filepath.Join(dir, "vault (Taro's conflicted copy 2026-12-07).age")
	if err := os.WriteFile(copyName, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	timeout := time.After(30 * time.Second)
	for {
		select {
		case n := <-names:
			if n == copyName {
				return
			}
		case <-timeout:
			t.Fatal("no event for the conflict copy in 30 s")
		}
	}
}

// otherDesktop is a second store on a copy of store's files, as another
// desktop that shares the folder sees them; another computer, it remembers
// the generations it opened in a LocalDir of its own.
func otherDesktop(t *testing.T, store *vault.Store) *vault.Store {
	t.Helper()
	other := t.TempDir()
	for _, f := range []string{"vault.age", "key.json", "key.age"} {
		b, err := os.ReadFile(filepath.Join(store.Dir(), f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(other, f), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return vault.NewStore(vault.Options{Dir: other, Keyring: keystore.File, ScryptWorkFactor: 10, LocalDir: t.TempDir(),
		Passphrase: func(vault.PassphraseRequest) (string, error) { return testPassphrase, nil },
		Now:        func() time.Time { return at59 }}, &keystore.Memory{})
}

// TestSyncFromFolder: while the window is open, a conflict copy arrives or
// the vault file is replaced; the window merges, shows the other desktop's
// account, and says so. The window's own save changes nothing on screen.
func TestSyncFromFolder(t *testing.T) {
	for _, tc := range []struct {
		name  string
		dest  string
		flash string
	}{
		{"conflict copy", "vault (Taro's conflicted copy 2026-12-07).age", "Merged the changes made on another desktop (Dropbox)"},
		{"vault replaced", "vault.age", "Showing the changes made on another desktop"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := newStore(t, nil)
			addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
			there := otherDesktop(t, store)
			addAccounts(t, there, testAccount{"GitLab", "bob@example.com", otp.TOTP, 6, "GEZDGNBVGY3TQOJQ"})

			v, w := open(t, store)
			requireText(t, w, "GitHub")
			v.syncFromFolder() // nothing new: nothing changes
			if hasText(w, "GitLab") || hasText(w, tc.flash) {
				t.Fatal("the window changed with nothing from another desktop")
			}

			b, err := os.ReadFile(filepath.Join(there.Dir(), "vault.age"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(store.Dir(), tc.dest), b, 0o600); err != nil {
				t.Fatal(err)
			}
			v.syncFromFolder()
			requireText(t, w, "GitLab", tc.flash)
		})
	}
}

// TestSyncFromFolderWaitsWhileLocked: a locked window merges nothing (it
// would ask for the passphrase); the copy stays until the window unlocks.
func TestSyncFromFolderWaitsWhileLocked(t *testing.T) {
	asked := 0
	store := newStore(t, func(vault.PassphraseRequest) (string, error) { asked++; return testPassphrase, nil })
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	there := otherDesktop(t, store)
	addAccounts(t, there, testAccount{"GitLab", "bob@example.com", otp.TOTP, 6, "GEZDGNBVGY3TQOJQ"})
	v, w := open(t, store)
	v.lock()
	asked = 0
	b, err := os.ReadFile(filepath.Join(there.Dir(), "vault.age"))
	if err != nil {
		t.Fatal(err)
	}
	name := "vault (Taro's conflicted copy 2026-12-07).age"
	if err := os.WriteFile(filepath.Join(store.Dir(), name), b, 0o600); err != nil {
		t.Fatal(err)
	}
	v.syncFromFolder()
	if asked != 0 {
		t.Errorf("asked for the passphrase %d times while locked", asked)
	}
	if _, err := os.Stat(filepath.Join(store.Dir(), name)); err != nil {
		t.Errorf("the copy did not wait: %v", err)
	}

	// Unlocking merges it.
	v.reload()
	requireText(t, w, "GitLab", "Merged the changes made on another desktop (Dropbox)")
}
