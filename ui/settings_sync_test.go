package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
)

func TestMoveTarget(t *testing.T) {
	empty := t.TempDir()
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "photo.jpg"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ dir, want string }{
		{empty, empty},
		{filepath.Join(empty, "new"), filepath.Join(empty, "new")},
		{full, filepath.Join(full, "Mamori")},
	} {
		if got := moveTarget(tc.dir); got != tc.want {
			t.Errorf("moveTarget(%q) = %q, want %q", tc.dir, got, tc.want)
		}
	}
}

// chooseFolderOf makes the folder dialog answer with dir.
func chooseFolderOf(t *testing.T, v *view, dir string) {
	t.Helper()
	v.syncs().chooseFolder = func(done func(fyne.ListableURI, error)) {
		l, err := storage.ListerForURI(storage.NewFileURI(dir))
		done(l, err)
	}
}

// TestSettingsMovesTheVault: Settings shows the vault folder; Move… puts
// the vault in the folder chosen (inside a "Mamori" folder when the one
// chosen holds other files), remembers it for this machine, and the window
// goes on with the moved vault.
func TestSettingsMovesTheVault(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	var pointed []string
	v.syncs().point = func(dir string) error { pointed = append(pointed, dir); return nil }

	v.showSettings()
	requireText(t, w, "Vault folder", store.Dir())

	synced := t.TempDir()
	if err := os.WriteFile(filepath.Join(synced, "notes.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	chooseFolderOf(t, v, synced)
	tapButton(t, w, "Move…")
	want := filepath.Join(synced, "Mamori")
	requireText(t, w, "Move the vault to "+want)
	tapButton(t, w, "Yes")

	if v.store.Dir() != want {
		t.Fatalf("the window uses %s, want %s", v.store.Dir(), want)
	}
	if _, err := os.Stat(filepath.Join(want, vault.VaultFile)); err != nil {
		t.Fatalf("the vault is not in the new folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(store.Dir(), vault.VaultFile)); err == nil {
		t.Fatal("the old folder still has the vault in place")
	}
	if len(pointed) != 1 || pointed[0] != want {
		t.Fatalf("remembered %q, want [%s]", pointed, want)
	}
	requireText(t, w, "GitHub", "Moved the vault to "+want, want)

	// Moving into a folder that is not empty is refused in words.
	v.moveVault(synced, nil)
	requireText(t, w, "that folder is not empty")
}

// systemStore is a store whose key is in this machine's keyring (a memory
// one), as on a desktop without an app passphrase kept in the folder.
func systemStore(t *testing.T, dir string) *vault.Store {
	return vault.NewStore(vault.Options{Dir: dir, Keyring: keystore.System, ScryptWorkFactor: 10, LocalDir: t.TempDir(),
		Passphrase: func(vault.PassphraseRequest) (string, error) { return testPassphrase, nil },
		Now:        func() time.Time { return at59 }}, &keystore.Memory{})
}

// TestSettingsSharesAndJoins: one desktop writes its key with a passphrase
// shown once (and copied on request); the other, with the synced folder,
// joins with that file and passphrase and shows the vault. A wrong
// passphrase is said in words and joins nothing.
func TestSettingsSharesAndJoins(t *testing.T) {
	first := systemStore(t, t.TempDir())
	addAccounts(t, first, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, first)
	const pass = "tide-harbor-lantern-orbit-velvet"
	v.syncs().passphrase = func() (string, error) { return pass, nil }
	keyFile := filepath.Join(t.TempDir(), "shared.age")
	saveTo(t, v, keyFile)
	v.shareKey()
	requireText(t, w, pass, keyFile)
	tapButton(t, w, "Copy the passphrase")
	if got := v.app.Clipboard().Content(); got != pass {
		t.Fatalf("clipboard %q, want the passphrase", got)
	}
	b, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) == 0 || string(b) == pass {
		t.Fatalf("the shared key file is %q", b)
	}

	// The second desktop: the synced folder, no key.
	dir := t.TempDir()
	for _, f := range []string{"vault.age", "key.json"} {
		b, err := os.ReadFile(filepath.Join(first.Dir(), f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	second := systemStore(t, dir)
	v2, w2 := open(t, second)
	if hasText(w2, "GitHub") {
		t.Fatal("the second desktop opened the vault without the key")
	}
	// The error screen offers to join, as Settings does.
	for _, tc := range []struct{ pass, want string }{
		{"wrong words here", "passphrase"},
		{pass, "GitHub"},
	} {
		pickFiles(t, v2, keyFile)
		tapButton(t, w2, "Join a shared vault…")
		entries := entriesIn(objectsShown(w2))
		if len(entries) == 0 {
			t.Fatalf("no passphrase entry; the window shows %q", textsOf(w2))
		}
		entries[len(entries)-1].SetText(tc.pass)
		tapButton(t, w2, "Join")
		requireText(t, w2, tc.want)
		if tc.pass != pass {
			if hasText(w2, "GitHub") {
				t.Fatal("a wrong passphrase opened the vault")
			}
			tapButton(t, w2, "OK")
		}
	}
	requireText(t, w2, "This computer now opens the shared vault")
}

// TestVaultFolderSettingsInJapanese: the vault folder's settings and the
// passphrase shown after sharing read in Japanese.
func TestVaultFolderSettingsInJapanese(t *testing.T) {
	store := systemStore(t, t.TempDir())
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.prefs.SetString(prefLanguage, "ja")
	v.applyLanguage()
	v.rebuild()
	v.showSettings()
	requireText(t, w, "保管庫のフォルダー", "移動…", "別のパソコンと共有…", "参加…")

	v.syncs().passphrase = func() (string, error) { return "tide-harbor", nil }
	saveTo(t, v, filepath.Join(t.TempDir(), "shared.age"))
	v.shareKey()
	requireText(t, w, "パスフレーズは今だけ表示されます", "パスフレーズをコピー")
}
