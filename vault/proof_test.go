package vault

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/oracletest"
)

// legacyVault is vault.age as Mamori wrote it before vaults carried a
// proof: JSON, gzip without an extra field, age to the recipient.
func legacyVault(t *testing.T, v *Vault, recipient string) []byte {
	t.Helper()
	r, err := age.ParseX25519Recipient(recipient)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, _ := age.Encrypt(&buf, r)
	zw := gzip.NewWriter(w)
	json.NewEncoder(zw).Encode(v)
	zw.Close()
	w.Close()
	return buf.Bytes()
}

// ageTool is the real age binary, the oracle a forger would use.
func ageTool(t *testing.T) string {
	t.Helper()
	oracletest.SkipOnWindows(t, "age")
	p, err := exec.LookPath("age")
	if err != nil {
		t.Fatalf("the age command is needed (scripts/deps.sh installs it): %v", err)
	}
	return p
}

// forge writes, with the real age command, a vault of the forger's own
// making to the recipient key.json publishes; extra, when set, is put in
// the gzip header as a made-up proof.
func forge(t *testing.T, dir, recipient string, extra []byte) {
	t.Helper()
	v := New()
	v.Version, v.Generation = SchemaVersion, 99
	v.Accounts = []Account{}
	doc, _ := json.Marshal(v)
	doc = bytes.Replace(doc, []byte(`"accounts":[]`), []byte(`"accounts":[],"note":"call support at +81-3-0000-0000"`), 1)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Extra = extra
	zw.Write(doc)
	zw.Close()
	cmd := exec.Command(ageTool(t), "-r", recipient, "-o", filepath.Join(dir, vaultFile))
	cmd.Stdin = &gz
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("age -r: %v: %s", err, out)
	}
}

func recipientOf(t *testing.T, dir string) string {
	t.Helper()
	var ki keyInfo
	b, err := os.ReadFile(filepath.Join(dir, keyInfoFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &ki); err != nil {
		t.Fatal(err)
	}
	return ki.Recipient
}

func TestForgedVaultIsRefused(t *testing.T) {
	badProof := append([]byte{'M', 'P', 32, 0}, bytes.Repeat([]byte{7}, 32)...)
	for _, c := range []struct {
		name  string
		extra []byte
	}{
		{"no proof", nil},
		{"a made-up proof", badProof},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			kr := &keystore.Memory{}
			addAccount(t, newTestStore(t, dir, kr, keystore.System, nil), "GitHub", "octo")
			addAccount(t, newTestStore(t, dir, kr, keystore.System, nil), "Google", "taro")
			forge(t, dir, recipientOf(t, dir), c.extra)
			s := newTestStore(t, dir, kr, keystore.System, nil)
			_, lerr := s.Load()
			_, uerr := s.Update(func(*Vault) error { return nil })
			for _, err := range []error{lerr, uerr} {
				var de *DamagedError
				if !errors.Is(err, ErrForged) || !errors.As(err, &de) {
					t.Fatalf("forged vault: %v, want ErrForged in a DamagedError", err)
				}
			}
			// The genuine backup can still be restored.
			if v, err := s.RestoreBackup(); err != nil || v.Generation != 1 {
				t.Fatalf("RestoreBackup after a forgery = %v, %v", v, err)
			}
		})
	}
}

func TestProofMigrationAndDowngrade(t *testing.T) {
	dir := t.TempDir()
	kr := &keystore.Memory{}
	s := newTestStore(t, dir, kr, keystore.System, nil)
	addAccount(t, s, "GitHub", "octo")
	old, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	recipient := recipientOf(t, dir)
	legacy := legacyVault(t, old, recipient)

	// A vault from before proofs opens on a machine that never saw its
	// proof (forget what this one remembers), and its next save adds one.
	os.RemoveAll(dir + "-local")
	if err := os.WriteFile(filepath.Join(dir, vaultFile), legacy, 0o600); err != nil {
		t.Fatal(err)
	}
	s = newTestStore(t, dir, kr, keystore.System, nil)
	if v, err := s.Load(); err != nil || len(v.Accounts) != 1 {
		t.Fatalf("Load of a vault from before proofs = %v, %v", v, err)
	}
	if _, err := s.Update(func(v *Vault) error { v.Accounts[0].Name = "octo2"; return nil }); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, vaultFile))
	s.mu.Lock()
	id := s.id
	s.mu.Unlock()
	if _, proved, err := decode(raw, id); err != nil || !proved {
		t.Fatalf("the save after migration carries no proof: %v", err)
	}
	// From then on a vault without the proof is a downgrade: refused.
	if err := os.WriteFile(filepath.Join(dir, vaultFile), legacyVault(t, old, recipient), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := newTestStore(t, dir, kr, keystore.System, nil).Load(); !errors.Is(err, ErrForged) {
		t.Fatalf("Load of a vault stripped of its proof = %v, want ErrForged", err)
	}
}

func TestBareKeyWhereAWrappedOneBelongsIsRefused(t *testing.T) {
	t.Run("file key", func(t *testing.T) {
		dir := t.TempDir()
		kr := &keystore.Memory{Err: keystore.ErrUnavailable}
		addAccount(t, newTestStore(t, dir, kr, keystore.File, passphrase("file pass")), "GitHub", "octo")
		// An attacker puts a key of theirs in the clear, names it in
		// key.json (still "passphrase": true) and writes a vault to it,
		// proof and all: without the check, nothing would be asked.
		id, _ := age.GenerateX25519Identity()
		os.WriteFile(filepath.Join(dir, keyFile), []byte(id.String()), 0o600)
		var ki keyInfo
		b, _ := os.ReadFile(filepath.Join(dir, keyInfoFile))
		json.Unmarshal(b, &ki)
		ki.Recipient = id.Recipient().String()
		b, _ = json.Marshal(ki)
		os.WriteFile(filepath.Join(dir, keyInfoFile), b, 0o600)
		fv := New()
		fv.Version, fv.Generation = SchemaVersion, 50
		forged, _ := encode(fv, id)
		os.WriteFile(filepath.Join(dir, vaultFile), forged, 0o600)
		_, err := newTestStore(t, dir, kr, keystore.File, passphrase("file pass")).Load()
		if !errors.Is(err, ErrKeyNotProtected) {
			t.Fatalf("Load with a bare key.age = %v, want ErrKeyNotProtected", err)
		}
	})
	t.Run("keyring key with an app passphrase", func(t *testing.T) {
		dir := t.TempDir()
		kr := &keystore.Memory{}
		s := newTestStore(t, dir, kr, keystore.System, passphrase("app pass"))
		addAccount(t, s, "GitHub", "octo")
		s.mu.Lock()
		bare := s.id.String()
		s.mu.Unlock()
		if err := s.SetPassphrase("app pass"); err != nil {
			t.Fatal(err)
		}
		var ki keyInfo
		b, _ := os.ReadFile(filepath.Join(dir, keyInfoFile))
		json.Unmarshal(b, &ki)
		kr.Set(ki.entryName(), bare)
		_, err := newTestStore(t, dir, kr, keystore.System, passphrase("app pass")).Load()
		if !errors.Is(err, ErrKeyNotProtected) {
			t.Fatalf("Load with a bare keyring key and passphrase: true = %v, want ErrKeyNotProtected", err)
		}
	})
}

func TestRollbackIsRefused(t *testing.T) {
	dir := t.TempDir()
	kr := &keystore.Memory{}
	s := newTestStore(t, dir, kr, keystore.System, nil)
	addAccount(t, s, "GitHub", "octo")
	addAccount(t, s, "Google", "taro") // generation 2
	gen2, _ := os.ReadFile(filepath.Join(dir, vaultFile))
	addAccount(t, s, "Slack", "taro") // generation 3
	if err := os.WriteFile(filepath.Join(dir, vaultFile), gen2, 0o600); err != nil {
		t.Fatal(err)
	}
	s = newTestStore(t, dir, kr, keystore.System, nil)
	_, lerr := s.Load()
	_, uerr := s.Update(func(*Vault) error { return nil })
	for _, err := range []error{lerr, uerr} {
		var re *RollbackError
		if !errors.As(err, &re) || re.Seen != 3 || re.Found != 2 {
			t.Fatalf("rolled-back vault: %v, want a RollbackError seen 3, found 2", err)
		}
		if !strings.Contains(err.Error(), "2") || !strings.Contains(err.Error(), "3") {
			t.Fatalf("the error does not name both generations: %v", err)
		}
	}
	// Accepting it on purpose.
	v, prev, err := s.AcceptOlder()
	if err != nil || v.Generation != 2 || prev != 3 {
		t.Fatalf("AcceptOlder = %v, %d, %v", v, prev, err)
	}
	if v, err := newTestStore(t, dir, kr, keystore.System, nil).Load(); err != nil || len(v.Accounts) != 2 {
		t.Fatalf("Load after AcceptOlder = %v, %v", v, err)
	}
	// Restoring the backup of a damaged vault stays possible, though the
	// backup is older than what this machine has opened.
	addAccount(t, s, "Slack", "taro") // generation 3 again; the backup is 2
	os.WriteFile(filepath.Join(dir, vaultFile), []byte("damaged"), 0o600)
	if v, err := s.RestoreBackup(); err != nil || v.Generation != 2 {
		t.Fatalf("RestoreBackup = %v, %v", v, err)
	}
	if _, err := newTestStore(t, dir, kr, keystore.System, nil).Load(); err != nil {
		t.Fatalf("Load after restoring the backup = %v", err)
	}
}

func TestCheckGeneration(t *testing.T) {
	for _, c := range []struct {
		seen, found uint64
		rollback    bool
	}{
		{0, 0, false}, {0, 5, false}, {5, 5, false}, {5, 6, false}, {5, 4, true}, {1, 0, true},
	} {
		err := CheckGeneration(c.seen, c.found)
		var re *RollbackError
		if got := errors.As(err, &re); got != c.rollback || (got && (re.Seen != c.seen || re.Found != c.found)) {
			t.Errorf("CheckGeneration(%d, %d) = %v", c.seen, c.found, err)
		}
	}
}

// TestForgedConflictCopyIsNotRead: a "conflict copy" someone wrote with
// age -r beside the vault is never read for merging.
func TestForgedConflictCopyIsNotRead(t *testing.T) {
	dir := t.TempDir()
	kr := &keystore.Memory{}
	s := newTestStore(t, dir, kr, keystore.System, nil)
	addAccount(t, s, "GitHub", "octo")
	genuine, _ := os.ReadFile(filepath.Join(dir, vaultFile))
	const name = "vault.sync-conflict-20260101-000000-ABCDEFG.age"
	os.WriteFile(filepath.Join(dir, name), genuine, 0o600)
	if _, err := s.ReadCopy(name); err != nil {
		t.Fatalf("ReadCopy of a genuine copy: %v", err)
	}
	aside := filepath.Join(t.TempDir(), "real")
	os.Rename(filepath.Join(dir, vaultFile), aside)
	forge(t, dir, recipientOf(t, dir), nil)
	os.Rename(filepath.Join(dir, vaultFile), filepath.Join(dir, name))
	os.Rename(aside, filepath.Join(dir, vaultFile))
	if _, err := s.ReadCopy(name); !errors.Is(err, ErrCopyUnreadable) || !errors.Is(err, ErrForged) {
		t.Fatalf("ReadCopy of a forged copy = %v, want ErrCopyUnreadable and ErrForged", err)
	}
}
