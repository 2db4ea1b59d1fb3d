package vault

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/mamori-app/mamori/vault/keystore"
)

// storeID is the key s has unlocked.
func storeID(s *Store) *age.X25519Identity {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.id
}

// TestPassphraseChangeRetiresTheKey: after a change, the old key.age and
// the old passphrase decrypt neither the vault saved after it nor its
// backup; the new key opens both, and the old keyring entry is gone.
func TestPassphraseChangeRetiresTheKey(t *testing.T) {
	t.Run("file key", func(t *testing.T) {
		dir := t.TempDir()
		kr := &keystore.Memory{Err: keystore.ErrUnavailable}
		s := newTestStore(t, dir, kr, keystore.File, passphrase("old pass"))
		addAccount(t, s, "GitHub", "octo")
		addAccount(t, s, "Google", "taro")
		oldKey, _ := os.ReadFile(filepath.Join(dir, keyFile))
		oldInfo, _ := os.ReadFile(filepath.Join(dir, keyInfoFile))
		if err := newTestStore(t, dir, kr, keystore.File, passphrase("old pass")).SetPassphrase("new pass"); err != nil {
			t.Fatal(err)
		}
		s = newTestStore(t, dir, kr, keystore.File, passphrase("new pass"))
		addAccount(t, s, "Slack", "taro")
		oldID, err := keystore.Unwrap(string(oldKey), "old pass")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{vaultFile, backupFile} {
			raw, _ := os.ReadFile(filepath.Join(dir, f))
			if _, _, err := decode(raw, oldID); err == nil {
				t.Fatalf("the old key and passphrase decrypt %s saved after the change", f)
			}
			if _, _, err := decode(raw, storeID(s)); err != nil {
				t.Fatalf("the new key does not open %s: %v", f, err)
			}
		}
		// The review's attack: put the old key.age (and key.json) back.
		os.WriteFile(filepath.Join(dir, keyFile), oldKey, 0o600)
		if _, err := newTestStore(t, dir, kr, keystore.File, passphrase("old pass")).Load(); err == nil {
			t.Fatal("the old key.age and the old passphrase open the vault saved after the change")
		}
		os.WriteFile(filepath.Join(dir, keyInfoFile), oldInfo, 0o600)
		if _, err := newTestStore(t, dir, kr, keystore.File, passphrase("old pass")).Load(); err == nil {
			t.Fatal("the old key.age, key.json and passphrase open the vault saved after the change")
		}
	})
	t.Run("keyring key", func(t *testing.T) {
		dir := t.TempDir()
		kr := &keystore.Memory{}
		addAccount(t, newTestStore(t, dir, kr, keystore.System, nil), "GitHub", "octo")
		before := maps.Clone(kr.Entries)
		current := ""
		for _, pass := range []string{"first", "second", ""} {
			if err := newTestStore(t, dir, kr, keystore.System, passphrase(current)).SetPassphrase(pass); err != nil {
				t.Fatalf("SetPassphrase(%q): %v", pass, err)
			}
			current = pass
		}
		if len(kr.Entries) != 1 {
			t.Fatalf("the keyring holds %d entries after three changes, want 1", len(kr.Entries))
		}
		for name := range before {
			if _, ok := kr.Entries[name]; ok {
				t.Fatal("the first key is still in the keyring")
			}
		}
		if v, err := newTestStore(t, dir, kr, keystore.System, nil).Load(); err != nil || len(v.Accounts) != 1 {
			t.Fatalf("Load after removing the passphrase: %v, %v", v, err)
		}
	})
}

// errKilled stands for a process killed at a step.
var errKilled = errors.New("killed")

// TestPassphraseChangeKilledAtEveryStep stops a passphrase change at each
// of its steps in turn (the Step hook panics, leaving everything as a kill
// would: no cleanup, temporary files and all). After each, the vault opens
// with the old or the new passphrase, holds every account, and takes
// changes and another passphrase change.
func TestPassphraseChangeKilledAtEveryStep(t *testing.T) {
	for _, c := range []struct {
		name     string
		mode     keystore.Mode
		old, new string
	}{
		{"file key, change", keystore.File, "old pass", "new pass"},
		{"keyring key, set", keystore.System, "", "new pass"},
		{"keyring key, change", keystore.System, "old pass", "new pass"},
		{"keyring key, remove", keystore.System, "old pass", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			tmpl := t.TempDir()
			kr := &keystore.Memory{}
			if c.mode == keystore.File {
				kr.Err = keystore.ErrUnavailable
			}
			ask := passphrase(c.old)
			if c.old == "" {
				ask = nil
			}
			addAccount(t, newTestStore(t, tmpl, kr, c.mode, passphrase(c.old)), "GitHub", "octo")
			addAccount(t, newTestStore(t, tmpl, kr, c.mode, ask), "Google", "taro")
			if c.old != "" && c.mode == keystore.System {
				if err := newTestStore(t, tmpl, kr, c.mode, nil).SetPassphrase(c.old); err != nil {
					t.Fatal(err)
				}
			}
			var steps []string
			for n := 1; ; n++ {
				dir := filepath.Join(t.TempDir(), "data")
				copyDir(t, tmpl, dir)
				copyDir(t, tmpl+"-local", dir+"-local")
				k := &keystore.Memory{Entries: maps.Clone(kr.Entries), Err: kr.Err}
				s := newTestStore(t, dir, k, c.mode, ask)
				count, at := 0, ""
				s.opts.Step = func(name string) {
					if count++; count == n {
						at = name
						panic(errKilled)
					}
				}
				err := func() (err error) {
					defer func() {
						if r := recover(); r != nil {
							err = r.(error)
						}
					}()
					return s.SetPassphrase(c.new)
				}()
				if err == nil {
					if n == 1 {
						t.Fatal("the change has no steps")
					}
					break
				}
				if !errors.Is(err, errKilled) {
					t.Fatalf("step %d: %v", n, err)
				}
				steps = append(steps, at)
				used := opensWithEither(t, dir, k, c.mode, c.old, c.new, at)
				if leftover(dir) {
					t.Errorf("killed at %q: files of the change are left after the next open", at)
				}
				// It takes changes, and another passphrase change.
				addAccount(t, newTestStore(t, dir, k, c.mode, passphrase(used)), "After", at)
				if err := newTestStore(t, dir, k, c.mode, passphrase(used)).SetPassphrase("third pass"); err != nil {
					t.Fatalf("killed at %q: a later change fails: %v", at, err)
				}
				if v, err := newTestStore(t, dir, k, c.mode, passphrase("third pass")).Load(); err != nil || len(v.Accounts) != 3 {
					t.Fatalf("killed at %q: after a later change: %v, %v", at, v, err)
				}
				if len(k.Entries) > 1 {
					t.Errorf("killed at %q: %d keyring entries are left, want 1", at, len(k.Entries))
				}
			}
			t.Logf("killed at %d steps: %s", len(steps), strings.Join(steps, "; "))
			for _, want := range []string{"rotate: vault re-encrypted", "write vault.age: renamed into place", "rotate: key.json names the new key"} {
				if !strings.Contains(strings.Join(steps, ";"), want) {
					t.Errorf("no kill at %q: the steps are %v", want, steps)
				}
			}
		})
	}
}

// opensWithEither checks that the vault in dir opens with the old or the
// new passphrase, with both accounts, and returns the one that opened it.
func opensWithEither(t *testing.T, dir string, kr keystore.Keyring, mode keystore.Mode, old, new, at string) string {
	t.Helper()
	var errs []string
	for _, p := range []string{old, new} {
		var ask PassphraseFunc
		if p != "" {
			ask = passphrase(p)
		}
		v, err := newTestStore(t, dir, kr, mode, ask).Load()
		if err == nil && len(v.Accounts) == 2 {
			return p
		}
		errs = append(errs, fmt.Sprintf("%q: %v", p, err))
	}
	t.Fatalf("killed at %q: the vault opens with neither passphrase: %s", at, strings.Join(errs, "; "))
	return ""
}

// leftover reports files of an unfinished change in dir.
func leftover(dir string) bool {
	for _, f := range []string{nextKeyFile, nextBackupFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return true
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, keyInfoFile))
	return strings.Contains(string(b), `"next"`) || strings.Contains(string(b), `"retire"`)
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o700); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
