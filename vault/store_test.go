package vault

import (
	"bytes"
	"encoding/base32"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/private/privatetest"
)

// testWorkFactor keeps scrypt cheap in tests; the format is the same.
const testWorkFactor = 10

const testSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

func passphrase(p string) PassphraseFunc {
	return func(PassphraseRequest) (string, error) { return p, nil }
}

func newTestStore(t *testing.T, dir string, kr keystore.Keyring, mode keystore.Mode, pass PassphraseFunc) *Store {
	t.Helper()
	return NewStore(Options{Dir: dir, Keyring: mode, Passphrase: pass, ScryptWorkFactor: testWorkFactor, LocalDir: dir + "-local"}, kr)
}

// addAccount adds an account whose secret is testSecret for the first
// account and derived from the label for the others, so none is a duplicate.
func addAccount(t *testing.T, s *Store, issuer, name string) *Vault {
	t.Helper()
	secret := testSecret
	if v, err := s.Load(); err == nil && len(v.Accounts) > 0 {
		secret = base32.StdEncoding.EncodeToString([]byte(issuer + "/" + name))
	}
	key, err := otp.NewKey(otp.TOTP, secret, otp.SHA1, 6, 30, 0)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.Update(func(v *Vault) error {
		a, err := NewAccount(issuer, name, key, time.Now())
		if err != nil {
			return err
		}
		v.Add(a)
		return nil
	})
	if err != nil {
		t.Fatalf("adding %s: %v", name, err)
	}
	return v
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStoreRoundTripKeepsPreviousGeneration(t *testing.T) {
	dir := t.TempDir()
	kr := &keystore.Memory{}
	s := newTestStore(t, dir, kr, keystore.Auto, nil)

	if v, err := s.Load(); err != nil || len(v.Accounts) != 0 {
		t.Fatalf("empty dir: got %v, %v; want an empty vault", v, err)
	}
	if _, err := os.Stat(filepath.Join(dir, vaultFile)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Load created a vault file: %v", err)
	}

	addAccount(t, s, "GitHub", "octo")
	first := readFile(t, filepath.Join(dir, vaultFile))
	v := addAccount(t, s, "みずほ銀行", "taro")
	if v.Generation != 2 || len(v.Accounts) != 2 {
		t.Fatalf("generation %d with %d accounts, want 2 and 2", v.Generation, len(v.Accounts))
	}
	if bak := readFile(t, filepath.Join(dir, backupFile)); !bytes.Equal(bak, first) {
		t.Fatal("vault.age.bak is not the previous generation")
	}

	// A second Store (another process) sees the same vault through the keyring.
	got, err := newTestStore(t, dir, kr, keystore.Auto, nil).Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Accounts) != 2 || got.Accounts[1].Issuer != "みずほ銀行" || got.Accounts[0].OTP.Secret != testSecret {
		t.Fatalf("reloaded vault differs: %+v", got.Accounts)
	}
	info, err := s.Info()
	if err != nil || info.Backend != keystore.System || info.Passphrase || !info.Exists {
		t.Fatalf("Info = %+v, %v", info, err)
	}
	if len(kr.Entries) != 1 {
		t.Fatalf("keyring holds %d entries, want 1", len(kr.Entries))
	}
	for _, e := range kr.Entries {
		if !strings.HasPrefix(e, "AGE-SECRET-KEY-1") || len(e) > 2560 {
			t.Fatalf("keyring entry is not a bare age identity under the Windows limit (%d bytes)", len(e))
		}
	}
}

func TestNothingSecretOnDisk(t *testing.T) {
	for _, mode := range []keystore.Mode{keystore.System, keystore.File} {
		t.Run(string(mode), func(t *testing.T) {
			dir := t.TempDir()
			kr := &keystore.Memory{}
			s := newTestStore(t, dir, kr, mode, passphrase("correct horse"))
			addAccount(t, s, "Example", "alice@example.com")
			addAccount(t, s, "Example", "bob@example.com")
			needles := []string{testSecret, strings.ToLower(testSecret), "alice@example.com", "Example", "correct horse"}
			s.mu.Lock()
			needles = append(needles, s.id.String())
			s.mu.Unlock()
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				b := readFile(t, filepath.Join(dir, e.Name()))
				for _, n := range needles {
					if bytes.Contains(b, []byte(n)) {
						t.Errorf("%s contains a secret in plain text (%.12s…)", e.Name(), n)
					}
				}
			}
			for _, e := range entries {
				privatetest.Require(t, filepath.Join(dir, e.Name()))
			}
		})
	}
}

func TestFailedUpdateChangesNothing(t *testing.T) {
	dir := t.TempDir()
	s := newTestStore(t, dir, &keystore.Memory{}, keystore.Auto, nil)
	addAccount(t, s, "GitHub", "octo")
	before := readFile(t, filepath.Join(dir, vaultFile))
	boom := errors.New("boom")
	_, err := s.Update(func(v *Vault) error {
		v.Accounts = nil
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update error = %v, want boom", err)
	}
	if !bytes.Equal(before, readFile(t, filepath.Join(dir, vaultFile))) {
		t.Fatal("a failed update rewrote the vault")
	}
	if _, err := os.Stat(filepath.Join(dir, backupFile)); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a failed update wrote a backup")
	}
}

func TestNewerVersionIsRefusedAndKept(t *testing.T) {
	dir := t.TempDir()
	kr := &keystore.Memory{}
	s := newTestStore(t, dir, kr, keystore.Auto, nil)
	addAccount(t, s, "GitHub", "octo")
	s.mu.Lock()
	id := s.id
	s.mu.Unlock()
	future := New()
	future.Version = SchemaVersion + 1
	raw, err := encode(future, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, vaultFile), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(); !errors.Is(err, ErrNewerVersion) {
		t.Fatalf("Load = %v, want ErrNewerVersion", err)
	}
	if _, err := s.Update(func(*Vault) error { return nil }); !errors.Is(err, ErrNewerVersion) {
		t.Fatalf("Update = %v, want ErrNewerVersion", err)
	}
	if !bytes.Equal(raw, readFile(t, filepath.Join(dir, vaultFile))) {
		t.Fatal("a newer vault was overwritten")
	}
}

func TestDamagedVault(t *testing.T) {
	dir := t.TempDir()
	kr := &keystore.Memory{}
	s := newTestStore(t, dir, kr, keystore.Auto, nil)
	addAccount(t, s, "GitHub", "octo")
	addAccount(t, s, "Google", "taro@gmail.com")
	good := readFile(t, filepath.Join(dir, vaultFile))

	damage := map[string][]byte{
		"empty":           {},
		"truncated half":  good[:len(good)/2],
		"truncated tail":  good[:len(good)-1],
		"header only":     good[:bytes.Index(good, []byte("\n---"))+1],
		"flipped payload": flip(good, len(good)-20),
		"flipped header":  flip(good, 40),
		"not age":         []byte("{\"version\":1,\"accounts\":[]}"),
	}
	for name, bad := range damage {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, vaultFile)
			if err := os.WriteFile(path, bad, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := newTestStore(t, dir, kr, keystore.Auto, nil).Load()
			var de *DamagedError
			if !errors.As(err, &de) || !errors.Is(err, ErrDamaged) {
				t.Fatalf("Load = %v, want a DamagedError", err)
			}
			if de.Backup == nil || de.Backup.Accounts != 1 || de.Backup.Generation != 1 {
				t.Fatalf("backup offered = %+v, want generation 1 with 1 account", de.Backup)
			}
			if _, err := s.Update(func(*Vault) error { return nil }); !errors.Is(err, ErrDamaged) {
				t.Fatalf("Update on a damaged vault = %v, want ErrDamaged", err)
			}
			if !bytes.Equal(bad, readFile(t, path)) {
				t.Fatal("the damaged vault was overwritten")
			}
		})
	}

	// Both restores below happen within the same second.
	s.opts.Now = func() time.Time { return time.Date(2026, 11, 22, 6, 0, 0, 0, time.UTC) }
	v, err := s.RestoreBackup()
	if err != nil || len(v.Accounts) != 1 {
		t.Fatalf("RestoreBackup = %v, %v", v, err)
	}
	if v, err := s.Load(); err != nil || v.Generation != 1 {
		t.Fatalf("after restore: %v, %v", v, err)
	}
	aside, _ := filepath.Glob(filepath.Join(dir, vaultFile+".damaged-*"))
	if len(aside) != 1 {
		t.Fatalf("damaged file kept aside: %v, want one", aside)
	}
	if _, err := s.RestoreBackup(); !errors.Is(err, ErrNothingToRestore) {
		t.Fatalf("RestoreBackup over a healthy vault = %v, want ErrNothingToRestore", err)
	}

	// Damaged again within the same second: the second damaged file is
	// kept beside the first, not over it.
	second := []byte("damaged a second time")
	if err := os.WriteFile(filepath.Join(dir, vaultFile), second, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RestoreBackup(); err != nil {
		t.Fatalf("second RestoreBackup: %v", err)
	}
	aside, _ = filepath.Glob(filepath.Join(dir, vaultFile+".damaged-*"))
	if len(aside) != 2 {
		t.Fatalf("damaged files kept aside: %v, want two", aside)
	}
	if !bytes.Equal(readFile(t, aside[1]), second) || bytes.Equal(readFile(t, aside[0]), second) {
		t.Fatalf("the damaged files aside (%v) do not hold both damaged vaults", aside)
	}
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x01
	return c
}

func TestKeyMissing(t *testing.T) {
	dir := t.TempDir()
	kr := &keystore.Memory{}
	s := newTestStore(t, dir, kr, keystore.Auto, nil)
	addAccount(t, s, "GitHub", "octo")
	before := readFile(t, filepath.Join(dir, vaultFile))
	kr.Entries = nil

	s2 := newTestStore(t, dir, kr, keystore.Auto, nil)
	var km *KeyMissingError
	if _, err := s2.Load(); !errors.Is(err, ErrKeyMissing) || !errors.As(err, &km) || km.Backend != keystore.System {
		t.Fatalf("Load = %v, want a KeyMissingError naming the system keyring", err)
	}
	if _, err := s2.Update(func(*Vault) error { return nil }); !errors.Is(err, ErrKeyMissing) {
		t.Fatalf("Update = %v, want ErrKeyMissing", err)
	}
	if !bytes.Equal(before, readFile(t, filepath.Join(dir, vaultFile))) || len(kr.Entries) != 0 {
		t.Fatal("a vault with a missing key was replaced")
	}

	os.Remove(filepath.Join(dir, keyInfoFile))
	if _, err := s2.Update(func(*Vault) error { return nil }); !errors.Is(err, ErrKeyMissing) {
		t.Fatalf("Update without key.json = %v, want ErrKeyMissing", err)
	}
	if !bytes.Equal(before, readFile(t, filepath.Join(dir, vaultFile))) {
		t.Fatal("a vault without key.json was replaced")
	}
}

func TestPassphrase(t *testing.T) {
	dir := t.TempDir()
	kr := &keystore.Memory{}
	if err := newTestStore(t, dir, kr, keystore.System, nil).SetPassphrase("x"); !errors.Is(err, ErrNoVault) {
		t.Fatalf("SetPassphrase before any vault = %v, want ErrNoVault", err)
	}
	addAccount(t, newTestStore(t, dir, kr, keystore.System, nil), "GitHub", "octo")

	if err := newTestStore(t, dir, kr, keystore.System, nil).SetPassphrase("s3cret"); err != nil {
		t.Fatal(err)
	}
	for _, e := range kr.Entries {
		if !keystore.Wrapped(e) || len(e) > 2560 {
			t.Fatalf("keyring entry not wrapped or over the Windows limit (%d bytes)", len(e))
		}
	}
	if _, err := newTestStore(t, dir, kr, keystore.System, nil).Load(); !errors.Is(err, ErrPassphraseRequired) {
		t.Fatalf("Load without a passphrase = %v, want ErrPassphraseRequired", err)
	}

	var asked []int
	answers := []string{"wrong", "s3cret"}
	retry := func(r PassphraseRequest) (string, error) {
		asked = append(asked, r.Attempt)
		if r.Reason != ReasonUnlock {
			t.Errorf("reason %v, want ReasonUnlock", r.Reason)
		}
		return answers[r.Attempt-1], nil
	}
	if v, err := newTestStore(t, dir, kr, keystore.System, retry).Load(); err != nil || len(v.Accounts) != 1 {
		t.Fatalf("Load after a wrong then right passphrase: %v, %v", v, err)
	}
	if fmt.Sprint(asked) != "[1 2]" {
		t.Fatalf("attempts asked: %v, want [1 2]", asked)
	}
	if _, err := newTestStore(t, dir, kr, keystore.System, passphrase("nope")).Load(); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("always wrong = %v, want ErrWrongPassphrase", err)
	}

	s := newTestStore(t, dir, kr, keystore.System, passphrase("s3cret"))
	if err := s.SetPassphrase("new one"); err != nil {
		t.Fatal(err)
	}
	if _, err := newTestStore(t, dir, kr, keystore.System, passphrase("s3cret")).Load(); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("old passphrase after change = %v, want ErrWrongPassphrase", err)
	}
	s = newTestStore(t, dir, kr, keystore.System, passphrase("new one"))
	if err := s.SetPassphrase(""); err != nil {
		t.Fatal(err)
	}
	if info, _ := s.Info(); info.Passphrase {
		t.Fatal("Info still reports a passphrase after removal")
	}
	if v, err := newTestStore(t, dir, kr, keystore.System, nil).Load(); err != nil || len(v.Accounts) != 1 {
		t.Fatalf("Load after removing the passphrase: %v, %v", v, err)
	}
}

func TestFileFallback(t *testing.T) {
	dir := t.TempDir()
	broken := &keystore.Memory{Err: fmt.Errorf("%w: no D-Bus session", keystore.ErrUnavailable)}
	var reqs []PassphraseRequest
	ask := func(r PassphraseRequest) (string, error) {
		reqs = append(reqs, r)
		return "file pass", nil
	}
	addAccount(t, newTestStore(t, dir, broken, keystore.Auto, ask), "GitHub", "octo")
	if len(reqs) != 1 || reqs[0].Reason != ReasonNewFileKey || !errors.Is(reqs[0].NoKeyring, keystore.ErrUnavailable) {
		t.Fatalf("passphrase requests = %+v, want one ReasonNewFileKey saying why", reqs)
	}
	s := newTestStore(t, dir, broken, keystore.Auto, passphrase("file pass"))
	if info, _ := s.Info(); info.Backend != keystore.File || !info.Passphrase {
		t.Fatalf("Info = %+v, want a passphrase-protected file key", info)
	}
	if v, err := s.Load(); err != nil || len(v.Accounts) != 1 {
		t.Fatalf("Load = %v, %v", v, err)
	}
	if err := s.SetPassphrase(""); !errors.Is(err, ErrFileKeyNeedsPassphrase) {
		t.Fatalf("removing a file key's passphrase = %v, want ErrFileKeyNeedsPassphrase", err)
	}

	// Asking for the system keyring explicitly does not fall back.
	_, err := newTestStore(t, t.TempDir(), broken, keystore.System, ask).Update(func(*Vault) error { return nil })
	if !errors.Is(err, keystore.ErrUnavailable) {
		t.Fatalf("System mode without a keyring = %v, want ErrUnavailable", err)
	}
	// No way to ask: a clear error, and nothing written.
	empty := t.TempDir()
	_, err = newTestStore(t, empty, broken, keystore.Auto, nil).Update(func(*Vault) error { return nil })
	if !errors.Is(err, ErrPassphraseRequired) || !strings.Contains(err.Error(), "no D-Bus session") {
		t.Fatalf("no keyring, no passphrase = %v", err)
	}
	if _, err := os.Stat(filepath.Join(empty, vaultFile)); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a vault was written without a key")
	}
}

func TestConcurrentWritersLoseNothing(t *testing.T) {
	dir := t.TempDir()
	kr := &keystore.Memory{}
	addAccount(t, newTestStore(t, dir, kr, keystore.Auto, nil), "seed", "seed")
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		s := newTestStore(t, dir, kr, keystore.Auto, nil) // one Store per "process"
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				addAccount(t, s, "Writer", fmt.Sprintf("w%d-%d", w, i))
			}
		}()
	}
	wg.Wait()
	v, err := newTestStore(t, dir, kr, keystore.Auto, nil).Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Accounts) != 51 || v.Generation != 51 {
		t.Fatalf("%d accounts at generation %d, want 51 and 51", len(v.Accounts), v.Generation)
	}
}

func TestStaleTempFilesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	s := newTestStore(t, dir, &keystore.Memory{}, keystore.Auto, nil)
	addAccount(t, s, "GitHub", "octo")
	stale := filepath.Join(dir, "."+vaultFile+".123"+tempSuffix)
	if err := os.WriteFile(stale, []byte("half a vault"), 0o600); err != nil {
		t.Fatal(err)
	}
	addAccount(t, s, "GitHub", "octo2")
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a temp file left by a killed process was not removed")
	}
}
