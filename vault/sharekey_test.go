package vault

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age/armor"

	"github.com/mamori-app/mamori/vault/keystore"
)

// secondDesktop is a store on a copy of s's folder (as a sync engine
// delivers it) with a keyring of its own.
func secondDesktop(t *testing.T, s *Store, pass PassphraseFunc) *Store {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{vaultFile, keyInfoFile} {
		b, err := os.ReadFile(s.path(f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return newTestStore(t, dir, &keystore.Memory{}, keystore.System, pass)
}

func TestShareAndJoinKey(t *testing.T) {
	first := newTestStore(t, t.TempDir(), &keystore.Memory{}, keystore.System, nil)
	addAccount(t, first, "GitHub", "octo")
	var shared bytes.Buffer
	if err := first.ShareKey(&shared, "tide harbor lantern"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(shared.String(), "AGE-SECRET-KEY") {
		t.Fatal("the shared key file holds the key in plain text")
	}

	second := secondDesktop(t, first, nil)
	if _, err := second.Load(); !errors.Is(err, ErrKeyMissing) {
		t.Fatalf("before joining: %v, want ErrKeyMissing", err)
	}
	if err := second.JoinKey(bytes.NewReader(shared.Bytes()), "wrong words here"); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if err := second.JoinKey(bytes.NewReader(shared.Bytes()), "tide harbor lantern"); err != nil {
		t.Fatal(err)
	}
	v, err := second.Load()
	if err != nil || len(v.Accounts) != 1 {
		t.Fatalf("after joining: %v, %v", v, err)
	}

	// Another vault's key is refused, and so is a folder whose key is in
	// the folder itself.
	other := newTestStore(t, t.TempDir(), &keystore.Memory{}, keystore.System, nil)
	addAccount(t, other, "GitLab", "fox")
	if err := other.JoinKey(bytes.NewReader(shared.Bytes()), "tide harbor lantern"); !errors.Is(err, ErrNotThisVault) {
		t.Fatalf("another vault's key: %v", err)
	}
	fileKey := newTestStore(t, t.TempDir(), &keystore.Memory{}, keystore.File, passphrase("file pass"))
	addAccount(t, fileKey, "GitLab", "fox")
	if err := fileKey.JoinKey(bytes.NewReader(shared.Bytes()), "tide harbor lantern"); !errors.Is(err, ErrKeyInFolder) {
		t.Fatalf("a key kept in the folder: %v", err)
	}
	if err := second.JoinKey(strings.NewReader("hello"), "tide harbor lantern"); !errors.Is(err, ErrNotSharedKey) {
		t.Fatalf("not a shared key: %v", err)
	}
}

// TestJoinKeyRefusesCostlyFiles: a file asking for scrypt work factor 22
// (4 GiB) is refused before any work is done.
func TestJoinKeyRefusesCostlyFiles(t *testing.T) {
	first := newTestStore(t, t.TempDir(), &keystore.Memory{}, keystore.System, nil)
	addAccount(t, first, "GitHub", "octo")
	var shared bytes.Buffer
	if err := first.ShareKey(&shared, "tide harbor lantern"); err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(armor.NewReader(bytes.NewReader(shared.Bytes())))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(raw), "\n", 3)
	if !strings.HasPrefix(lines[1], "-> scrypt ") || !strings.HasSuffix(lines[1], " 10") {
		t.Fatalf("unexpected stanza %q", lines[1])
	}
	lines[1] = strings.TrimSuffix(lines[1], " 10") + " 22"
	costly := strings.Join(lines, "\n")
	second := secondDesktop(t, first, nil)
	err = second.JoinKey(strings.NewReader(costly), "tide harbor lantern")
	if err == nil || errors.Is(err, ErrWrongPassphrase) || !strings.Contains(err.Error(), "work factor") {
		t.Fatalf("a costly file: %v, want a work-factor refusal", err)
	}
}
