//go:build keyring

package vault

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/mamori-app/mamori/vault/keystore"
)

// These tests run against the real Secret Service (make test starts
// gnome-keyring in a private D-Bus session). They fail, never skip, when it
// cannot be reached.

func TestKeyringStoreRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := NewStore(Options{Dir: dir, Keyring: keystore.System, ScryptWorkFactor: testWorkFactor}, nil)
	addAccount(t, s, "GitHub", "octo")
	addAccount(t, s, "みずほ銀行", "taro")
	info, err := s.Info()
	if err != nil || info.Backend != keystore.System {
		t.Fatalf("Info = %+v, %v; want the system keyring", info, err)
	}
	ki, err := s.readKeyInfo()
	if err != nil {
		t.Fatal(err)
	}
	stored, err := keystore.OS{}.Get(ki.entryName())
	if err != nil {
		t.Fatalf("the key is not in the Secret Service: %v", err)
	}
	t.Cleanup(func() { keystore.OS{}.Delete(ki.entryName()) })

	v, err := NewStore(Options{Dir: dir}, nil).Load()
	if err != nil || len(v.Accounts) != 2 {
		t.Fatalf("a fresh store read %v, %v", v, err)
	}

	// App passphrase: the keyring then holds the key wrapped with scrypt.
	if err := s.SetPassphrase("パスフレーズ"); err != nil {
		t.Fatal(err)
	}
	// The change made a new key and retired the old entry.
	old := ki
	if ki, err = s.readKeyInfo(); err != nil || ki.ID == old.ID {
		t.Fatalf("key.json after the change: %+v, %v; want a new key", ki, err)
	}
	t.Cleanup(func() { keystore.OS{}.Delete(ki.entryName()) })
	if _, err := (keystore.OS{}).Get(old.entryName()); !errors.Is(err, keystore.ErrNotFound) {
		t.Fatalf("the old key is still in the Secret Service: %v", err)
	}
	wrapped, _ := keystore.OS{}.Get(ki.entryName())
	if !keystore.Wrapped(wrapped) || wrapped == stored {
		t.Fatal("the keyring entry was not wrapped")
	}
	if _, err := NewStore(Options{Dir: dir}, nil).Load(); !errors.Is(err, ErrPassphraseRequired) {
		t.Fatalf("Load without passphrase = %v", err)
	}
	if _, err := NewStore(Options{Dir: dir, Passphrase: passphrase("違う")}, nil).Load(); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("Load with a wrong passphrase = %v", err)
	}
	s2 := NewStore(Options{Dir: dir, Passphrase: passphrase("パスフレーズ")}, nil)
	if v, err := s2.Load(); err != nil || len(v.Accounts) != 2 {
		t.Fatalf("Load with the passphrase = %v, %v", v, err)
	}
	if err := s2.SetPassphrase(""); err != nil {
		t.Fatal(err)
	}
	if ki, err = s2.readKeyInfo(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { keystore.OS{}.Delete(ki.entryName()) })
	if v, err := NewStore(Options{Dir: dir}, nil).Load(); err != nil || len(v.Accounts) != 2 {
		t.Fatalf("Load after removing the passphrase = %v, %v", v, err)
	}

	// The entry vanishes while the vault exists: explain, never start over.
	before, _ := os.ReadFile(filepath.Join(dir, vaultFile))
	if err := (keystore.OS{}).Delete(ki.entryName()); err != nil {
		t.Fatal(err)
	}
	s3 := NewStore(Options{Dir: dir}, nil)
	if _, err := s3.Load(); !errors.Is(err, ErrKeyMissing) {
		t.Fatalf("Load with the entry gone = %v, want ErrKeyMissing", err)
	}
	if _, err := s3.Update(func(*Vault) error { return nil }); !errors.Is(err, ErrKeyMissing) {
		t.Fatalf("Update with the entry gone = %v, want ErrKeyMissing", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, vaultFile))
	if !bytes.Equal(before, after) {
		t.Fatal("the vault changed while its key was missing")
	}
	if _, err := (keystore.OS{}).Get(ki.entryName()); !errors.Is(err, keystore.ErrNotFound) {
		t.Fatalf("a new key was stored over the missing one: %v", err)
	}
}

// lockLoginCollection locks the Secret Service's login collection, as a
// screen lock or a fresh login without auto-unlock would.
func lockLoginCollection(t *testing.T) {
	t.Helper()
	out, err := exec.Command("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.secrets",
		"/org/freedesktop/secrets", "org.freedesktop.Secret.Service.Lock",
		"array:objpath:/org/freedesktop/secrets/collection/login").CombinedOutput()
	if err != nil {
		t.Fatalf("locking the login collection: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		if err := unlockLoginCollection(os.Getenv("MAMORI_TEST_KEYRING_PASSWORD")); err != nil {
			t.Errorf("unlocking the login collection again: %v", err)
		}
		// An unlocked keyring answers at once; the bound only keeps a locked
		// one from hanging the test, so it is generous for a loaded machine.
		if _, err := (keystore.OS{Timeout: time.Minute}).Get("probe"); !errors.Is(err, keystore.ErrNotFound) {
			t.Errorf("the keyring did not come back unlocked: %v", err)
		}
	})
}

// unlockLoginCollection unlocks gnome-keyring's login collection with its
// password through the daemon's own interface, since no prompter can be shown.
func unlockLoginCollection(password string) error {
	conn, err := dbus.SessionBus()
	if err != nil {
		return err
	}
	svc := conn.Object("org.freedesktop.secrets", "/org/freedesktop/secrets")
	var ignored dbus.Variant
	var session dbus.ObjectPath
	if err := svc.Call("org.freedesktop.Secret.Service.OpenSession", 0, "plain", dbus.MakeVariant("")).Store(&ignored, &session); err != nil {
		return fmt.Errorf("opening a session: %w", err)
	}
	secret := struct {
		Session     dbus.ObjectPath
		Parameters  []byte
		Value       []byte
		ContentType string
	}{session, []byte{}, []byte(password), "text/plain"}
	return svc.Call("org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface.UnlockWithMasterPassword", 0,
		dbus.ObjectPath("/org/freedesktop/secrets/collection/login"), secret).Err
}

func TestKeyringLockedCollectionFallsBackToFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a locked collection is the Secret Service's (Linux); Windows' Credential Manager has none to lock")
	}
	lockLoginCollection(t)
	kr := keystore.OS{Timeout: 5 * time.Second}
	var reqs []PassphraseRequest
	ask := func(r PassphraseRequest) (string, error) {
		reqs = append(reqs, r)
		return "file pass", nil
	}
	dir := t.TempDir()
	addAccount(t, NewStore(Options{Dir: dir, Passphrase: ask, ScryptWorkFactor: testWorkFactor}, kr), "GitHub", "octo")
	if len(reqs) != 1 || reqs[0].Reason != ReasonNewFileKey || reqs[0].NoKeyring == nil {
		t.Fatalf("requests = %+v, want one ReasonNewFileKey that says why", reqs)
	}
	t.Logf("why the keyring was not used: %v", reqs[0].NoKeyring)
	if info, _ := NewStore(Options{Dir: dir}, kr).Info(); info.Backend != keystore.File {
		t.Fatalf("backend = %q, want file", info.Backend)
	}
}
