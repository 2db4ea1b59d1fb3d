package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault/private/privatetest"
)

// TestOpeningMergesConflictCopies: a command that opens the vault merges
// the copy a sync engine kept from another desktop and says what it did.
func TestOpeningMergesConflictCopies(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "--uri", "otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&issuer=A")
	h.ok("", "add", "--uri", "otpauth://totp/B:b?secret=GEZDGNBVGY3TQOJQ&issuer=B")

	// The other desktop, synced before either change, adds C.
	other := t.TempDir()
	for _, f := range []string{"vault.age", "key.json", "key.age"} {
		b, err := os.ReadFile(filepath.Join(h.home, f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(other, f), b, 0o600)
	}
	// It is another computer: it remembers what it opened elsewhere.
	memory := t.TempDir()
	h.env[envHome], h.env["XDG_CONFIG_HOME"], h.env["AppData"] = other, memory, memory
	h.ok("", "add", "--uri", "otpauth://totp/C:c?secret=MFRGGZDFMZTWQ2LK&issuer=C")
	h.env[envHome] = h.home
	delete(h.env, "XDG_CONFIG_HOME")
	delete(h.env, "AppData")

	// This desktop deletes A; then the engine delivers the other's file.
	h.ok("", "rm", "A")
	b, err := os.ReadFile(filepath.Join(other, "vault.age"))
	if err != nil {
		t.Fatal(err)
	}
	name := "vault.sync-conflict-20261207-100100-ABCDEF7.age"
	os.WriteFile(filepath.Join(h.home, name), b, 0o600)

	r := h.ok("", "list", "--json")
	for _, want := range []string{"merged the copy of the vault that Syncthing kept from another desktop (" + name + ")", "from the other desktop: C: c"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	var got []string
	for _, a := range h.listJSON() {
		got = append(got, a.Issuer)
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"B", "C"}) {
		t.Errorf("accounts %q, want B and C (A stays deleted)", got)
	}
	if _, err := os.Stat(filepath.Join(h.home, "merged-copies", name)); err != nil {
		t.Errorf("the merged copy was not set aside: %v", err)
	}
}

// TestShareKeyAndJoin: a second desktop with its own keyring joins the
// vault folder it shares with the first, through vault share-key and join.
func TestShareKeyAndJoin(t *testing.T) {
	first, _ := newMemoryHarness(t)
	first.ok("", "add", "--uri", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub")
	keyFile := filepath.Join(t.TempDir(), "vault-key.age")
	r := first.ok("", "vault", "share-key", "--out", keyFile)
	_, pass, ok := strings.Cut(r.stderr, "its passphrase (shown only now; give it to the other desktop separately from the file): ")
	if !ok {
		t.Fatalf("no generated passphrase shown:\n%s", r.stderr)
	}
	pass = strings.TrimSpace(pass)
	defer privatetest.Require(t, keyFile)

	// The second desktop: the synced folder, a keyring of its own.
	second, _ := newMemoryHarness(t)
	for _, f := range []string{"vault.age", "key.json"} {
		b, err := os.ReadFile(filepath.Join(first.home, f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(second.home, f), b, 0o600)
	}
	second.fails(exitFailure, []string{"key"}, "", "list")
	second.env[envKitPassphrase] = "not the words"
	second.fails(exitFailure, []string{"passphrase"}, "", "vault", "join", "--key", keyFile)
	second.env[envKitPassphrase] = pass
	r = second.ok("", "vault", "join", "--key", keyFile)
	if !strings.Contains(r.stderr, "this desktop now opens the vault in "+second.home+" (1 account)") {
		t.Errorf("join said:\n%s", r.stderr)
	}
	if accts := second.listJSON(); len(accts) != 1 || accts[0].Issuer != "GitHub" {
		t.Errorf("after joining: %+v", accts)
	}
	// A file that is no shared key is explained.
	os.WriteFile(keyFile, []byte("hello"), 0o600)
	second.fails(exitFailure, []string{"not a vault key written by mamori vault share-key", "hint: on the other desktop"}, "", "vault", "join", "--key", keyFile)
}

func TestVaultMove(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "--uri", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub")
	busy := t.TempDir()
	os.WriteFile(filepath.Join(busy, "notes.txt"), []byte("mine"), 0o600)
	h.fails(exitFailure, []string{"that folder is not empty"}, "", "vault", "move", busy)

	to := filepath.Join(t.TempDir(), "Sync", "mamori")
	r := h.ok("", "vault", "move", to)
	if !strings.Contains(r.stderr, "moved the vault to "+to) || !strings.Contains(r.stderr, "set it to "+to) {
		t.Errorf("move said:\n%s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(h.home, "moved-away", "vault.age")); err != nil {
		t.Errorf("the old vault was not set aside: %v", err)
	}
	if _, err := os.Stat(filepath.Join(h.home, "vault.age")); err == nil {
		t.Error("the old vault is still in use")
	}
	h.env[envHome] = to
	if accts := h.listJSON(); len(accts) != 1 {
		t.Errorf("in the new folder: %+v", accts)
	}
}
