//go:build keyring

// These tests use the real OS keyring (on Linux a Secret Service such as
// gnome-keyring). "make test" runs them inside a private D-Bus session
// (scripts/with-keyring.sh); they fail, never skip, when it is not reachable.

package cli

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault/keystore"
)

// requireSecretService fails the test unless the OS keyring stores, returns
// and deletes an entry.
func requireSecretService(t *testing.T) {
	t.Helper()
	kr := keystore.OS{}
	name := "probe-" + filepath.Base(t.TempDir())
	if err := kr.Set(name, "probe"); err != nil {
		t.Fatalf("the OS keyring is not reachable (run the keyring tests through scripts/with-keyring.sh): %v", err)
	}
	got, err := kr.Get(name)
	if err != nil || got != "probe" {
		t.Fatalf("the OS keyring did not return what was stored: %q, %v", got, err)
	}
	if err := kr.Delete(name); err != nil {
		t.Fatalf("the OS keyring could not delete an entry: %v", err)
	}
}

// newKeyringHarness is a harness on the real OS keyring (MAMORI_KEYRING=system)
// with no passphrase in the environment.
func newKeyringHarness(t *testing.T) *harness {
	t.Helper()
	requireSecretService(t)
	h := newHarness(t)
	h.env[envKeyring] = "system"
	delete(h.env, envPassphrase)
	t.Cleanup(func() {
		if name, err := keyringEntry(h); err == nil {
			keystore.OS{}.Delete(name)
		}
	})
	return h
}

// keyringEntry is the name of h's vault key in the OS keyring, from key.json.
func keyringEntry(h *harness) (string, error) {
	b, err := os.ReadFile(filepath.Join(h.home, "key.json"))
	if err != nil {
		return "", err
	}
	var ki struct {
		ID      string `json:"id"`
		Backend string `json:"backend"`
	}
	if err := json.Unmarshal(b, &ki); err != nil {
		return "", err
	}
	if ki.Backend != "system" || ki.ID == "" {
		return "", errors.New("key.json does not name an OS keyring entry")
	}
	return "vault-" + ki.ID, nil
}

func TestKeyringAddListCode(t *testing.T) {
	h := newKeyringHarness(t)
	h.addSecret(rfcSecret)
	h.ok("", "add", "--uri", uri("totp", "みずほ銀行", "山田太郎", rfcSecret, "digits=8"))
	h.ok("", "add", "counter", "--issuer", "RFC 4226", "--secret", rfcSecret, "--type", "hotp", "--counter", "5")

	name, err := keyringEntry(h)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := keystore.OS{}.Get(name)
	if err != nil || !strings.HasPrefix(stored, "AGE-SECRET-KEY-1") {
		t.Fatalf("the vault key is not in the OS keyring: %v", err)
	}
	if _, err := os.Stat(filepath.Join(h.home, "key.age")); err == nil {
		t.Error("a key file was written although the OS keyring works")
	}
	for _, f := range []string{"vault.age", "key.json"} {
		b, _ := os.ReadFile(filepath.Join(h.home, f))
		if strings.Contains(string(b), stored) || strings.Contains(string(b), rfcSecret) || strings.Contains(string(b), "山田") {
			t.Errorf("%s holds something in plain text", f)
		}
	}

	r := h.ok("", "list")
	if !strings.Contains(r.stdout, "みずほ銀行") || !strings.Contains(r.stdout, "hotp") {
		t.Errorf("list:\n%s", r.stdout)
	}
	if a := h.listJSON(); len(a) != 2 {
		t.Errorf("list --json: %+v", a)
	}
	if r := h.ok("", "code", "みずほ", "--at", "59"); r.stdout != "94287082\n" {
		t.Errorf("code = %q", r.stdout)
	}
	if r := h.ok("", "code", "ｃｏｕｎｔｅｒ"); r.stdout != "254676\n" {
		t.Errorf("hotp code = %q", r.stdout)
	}
	if r := h.ok("", "code", "counter"); r.stdout != "287922\n" {
		t.Errorf("hotp code after save = %q", r.stdout)
	}
	var info infoJSON
	json.Unmarshal([]byte(h.ok("", "vault", "info", "--json").stdout), &info)
	if info.Backend != "system" || info.Passphrase || info.Accounts != 2 {
		t.Errorf("vault info = %+v", info)
	}
	h.ok("", "rm", "counter")
	if a := h.listJSON(); len(a) != 1 {
		t.Errorf("after rm: %+v", a)
	}
}

func TestKeyringPassphrase(t *testing.T) {
	h := newKeyringHarness(t)
	h.ok("", "add", "a", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	name, err := keyringEntry(h)
	if err != nil {
		t.Fatal(err)
	}
	// A passphrase change makes a new key under a new entry and deletes
	// the old entry.
	wrapped := func() bool {
		t.Helper()
		now, err := keyringEntry(h)
		if err != nil {
			t.Fatal(err)
		}
		if now != name {
			if _, err := (keystore.OS{}).Get(name); !errors.Is(err, keystore.ErrNotFound) {
				t.Errorf("the old key's entry %s is still in the keyring: %v", name, err)
			}
			name = now
		}
		s, err := keystore.OS{}.Get(name)
		if err != nil {
			t.Fatalf("reading the keyring entry: %v", err)
		}
		return keystore.Wrapped(s)
	}
	if wrapped() {
		t.Fatal("a new key is wrapped")
	}

	h.env[envNewPassphrase] = h.addSecret("keyring pass one")
	h.ok("", "passphrase", "set")
	if !wrapped() {
		t.Error("passphrase set left the key in the clear")
	}
	delete(h.env, envNewPassphrase)
	h.fails(exitFailure, []string{"protected by a passphrase", "MAMORI_PASSPHRASE"}, "", "list")
	h.env[envPassphrase] = "wrong"
	h.fails(exitFailure, []string{"wrong passphrase"}, "", "code", "a")

	h.env[envPassphrase] = "keyring pass one"
	h.env[envNewPassphrase] = h.addSecret("keyring pass two")
	h.ok("", "passphrase", "change")
	h.fails(exitFailure, []string{"wrong passphrase"}, "", "list")
	h.env[envPassphrase] = "keyring pass two"
	if r := h.ok("", "code", "a"); len(strings.TrimSpace(r.stdout)) != 6 {
		t.Errorf("code after change: %q", r.stdout)
	}

	delete(h.env, envNewPassphrase)
	h.ok("", "passphrase", "remove")
	if wrapped() {
		t.Error("passphrase remove left the key wrapped")
	}
	delete(h.env, envPassphrase)
	h.ok("", "list")
	h.fails(exitFailure, []string{"has no passphrase"}, "", "passphrase", "remove")
}

func TestKeyringEntryDeleted(t *testing.T) {
	h := newKeyringHarness(t)
	h.ok("", "add", "a", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	name, err := keyringEntry(h)
	if err != nil {
		t.Fatal(err)
	}
	if err := (keystore.OS{}).Delete(name); err != nil {
		t.Fatal(err)
	}
	before := h.snapshot()
	for _, args := range [][]string{{"list"}, {"code", "a"}, {"add", "b", "--secret", "KRUGS4ZANFZSAYLO"}, {"import", "-"}, {"passphrase", "set"}, {"vault", "info"}} {
		stdin := ""
		if args[0] == "import" {
			stdin = uri("totp", "X", "y", "MFRGGZDFMZTWQ2LK", "") + "\n"
		}
		h.fails(exitFailure, []string{
			"the vault exists but its key is not in the keyring; Mamori will not create a new vault over it; restore the key or import a recovery kit",
			"hint: ",
		}, stdin, args...)
	}
	h.sameSnapshot(before, "commands with the keyring entry deleted")
	if _, err := (keystore.OS{}).Get(name); !errors.Is(err, keystore.ErrNotFound) {
		t.Errorf("the keyring entry came back: %v", err)
	}
}
