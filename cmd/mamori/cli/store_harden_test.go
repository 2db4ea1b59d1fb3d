package cli

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault/oracletest"
)

// TestRolledBackVault puts an older vault.age back: every command refuses
// it, naming both generations, in English and Japanese, until
// "vault accept-older" takes it.
func TestRolledBackVault(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "a", "--secret", rfcSecret)
	h.ok("", "add", "b", "--secret", "JBSWY3DPEHPK3PXP")
	gen2, err := os.ReadFile(filepath.Join(h.home, "vault.age"))
	if err != nil {
		t.Fatal(err)
	}
	h.ok("", "add", "c", "--secret", "KRUGS4ZANFZSAYLO")
	if err := os.WriteFile(filepath.Join(h.home, "vault.age"), gen2, 0o600); err != nil {
		t.Fatal(err)
	}
	h.fails(exitFailure, []string{"generation 2, older than generation 3", "mamori vault accept-older"}, "", "list")
	before := h.snapshot()
	h.fails(exitFailure, []string{"generation 2"}, "", "add", "d", "--secret", "MFRGGZDFMZTWQ2LK")
	h.sameSnapshot(before, "add refused on a rolled-back vault")
	ja, _ := assets.LoadCatalog(assets.LangJapanese)
	h.env["LANG"] = "ja_JP.UTF-8"
	h.fails(exitFailure, []string{ja.T("store.error.rollback", data{"Seen": 3, "Found": 2}), "mamori vault accept-older"}, "", "list")
	h.env["LANG"] = "C"
	r := h.ok("", "vault", "accept-older")
	if !bytes.Contains([]byte(r.stderr), []byte("generation 2")) {
		t.Errorf("accept-older says: %s", r.stderr)
	}
	if got := len(h.listJSON()); got != 2 {
		t.Fatalf("after accept-older the vault has %d accounts, want 2", got)
	}
}

// TestForgedVaultWithAge writes a vault with the real age command to the
// recipient key.json publishes: refused, nothing of it shown.
func TestForgedVaultWithAge(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "a", "--secret", rfcSecret)
	h.ok("", "add", "b", "--secret", "JBSWY3DPEHPK3PXP")
	var ki struct{ Recipient string }
	b, _ := os.ReadFile(filepath.Join(h.home, "key.json"))
	if err := json.Unmarshal(b, &ki); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"version":1,"generation":50,"accounts":[{"id":"x","issuer":"Forged support","name":"call +81-3-0000-0000"}]}`))
	zw.Close()
	oracletest.SkipOnWindows(t, "age")
	age, err := exec.LookPath("age")
	if err != nil {
		t.Fatalf("the age command is needed: %v", err)
	}
	cmd := exec.Command(age, "-r", ki.Recipient, "-o", filepath.Join(h.home, "vault.age"))
	cmd.Stdin = &gz
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("age: %v %s", err, out)
	}
	r := h.fails(exitFailure, []string{"was not written by Mamori with this vault's key", "restore-backup"}, "", "list")
	if bytes.Contains([]byte(r.stderr), []byte("Forged support")) {
		t.Fatal("the forged vault's content was shown")
	}
	h.ok("", "vault", "restore-backup")
	if got := len(h.listJSON()); got != 1 {
		t.Fatalf("after restoring the backup the vault has %d accounts, want 1", got)
	}
}

// TestUnsafeDataFolder refuses a data folder others can write, saying how
// to fix it, in English and Japanese.
func TestUnsafeDataFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes: on Windows the data folder's privacy is an access list Mamori sets itself (vault/private)")
	}
	h := newHarness(t)
	h.ok("", "add", "a", "--secret", rfcSecret)
	if err := os.Chmod(h.home, 0o777); err != nil {
		t.Fatal(err)
	}
	h.fails(exitFailure, []string{"can be changed by other users", "chmod 700 " + h.home}, "", "list")
	h.env["LANG"] = "ja_JP.UTF-8"
	h.fails(exitFailure, []string{"他のユーザーも変更できる", "chmod 700 " + h.home}, "", "list")
	os.Chmod(h.home, 0o700)
	h.env["LANG"] = "C"
	h.ok("", "list")
}
