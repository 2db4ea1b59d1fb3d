package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
	h.env[envHome] = other
	h.ok("", "add", "--uri", "otpauth://totp/C:c?secret=MFRGGZDFMZTWQ2LK&issuer=C")
	h.env[envHome] = h.home

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
