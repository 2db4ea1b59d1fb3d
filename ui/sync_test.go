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

// TestOpeningMergesAnotherDesktopsChanges: the window opens a vault beside
// which a sync engine left another desktop's version; the account added
// there shows, and the status bar says what happened.
func TestOpeningMergesAnotherDesktopsChanges(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})

	// The other desktop: the same files, synced before it added GitLab.
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
	// It is another computer: it remembers what it opened in its own LocalDir.
	there := vault.NewStore(vault.Options{Dir: other, Keyring: keystore.File, ScryptWorkFactor: 10, LocalDir: t.TempDir(),
		Passphrase: func(vault.PassphraseRequest) (string, error) { return testPassphrase, nil },
		Now:        func() time.Time { return at59 }}, &keystore.Memory{})
	addAccounts(t, there, testAccount{"GitLab", "bob@example.com", otp.TOTP, 6, "GEZDGNBVGY3TQOJQ"})
	b, err := os.ReadFile(filepath.Join(other, "vault.age"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(store.Dir(), "vault (Taro's conflicted copy 2026-12-07).age"), b, 0o600); err != nil {
		t.Fatal(err)
	}

	v, w := openingView(t, store)
	o := newOpening()
	o.start(store)
	o.show(v, time.Hour)
	requireText(t, w, "GitHub", "GitLab", "Merged the changes made on another desktop (Dropbox)")
}
