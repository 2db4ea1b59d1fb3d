//go:build fixtures

package kit

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"
)

var update = flag.Bool("update", false, "rewrite the fuzz seeds in testdata")

// seal encrypts doc to r, armored or not, as the age tool would.
func seal(t *testing.T, doc string, armored bool, r age.Recipient) []byte {
	t.Helper()
	var buf bytes.Buffer
	var w io.Writer = &buf
	var aw io.WriteCloser
	if armored {
		aw = armor.NewWriter(&buf)
		w = aw
	}
	ew, err := age.Encrypt(w, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(ew, doc); err != nil {
		t.Fatal(err)
	}
	if err := ew.Close(); err != nil {
		t.Fatal(err)
	}
	if aw != nil {
		if err := aw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// TestWriteFuzzSeeds writes the named seeds of FuzzOpen: real kits,
// binary and armored, encrypted to fuzzIdentity and to fuzzPassphrase (at
// a low scrypt work factor), and documents that decrypt but are not kits
// this build reads. Run it with
//
//	go test -tags fixtures ./vault/kit -run TestWriteFuzzSeeds -update
//
// Encryption is randomised, so the seeds change every run; commit them.
// The other files in testdata/fuzz/FuzzOpen are the fuzzer's own finds.
func TestWriteFuzzSeeds(t *testing.T) {
	if !*update {
		t.Fatal("TestWriteFuzzSeeds rewrites testdata; run it with -update")
	}
	id, err := age.ParseX25519Identity(fuzzIdentity)
	if err != nil {
		t.Fatal(err)
	}
	key := id.Recipient()
	pass, err := age.NewScryptRecipient(fuzzPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	pass.SetWorkFactor(testWorkFactor)
	v := sampleVault(t)
	at := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	seeds := map[string][]byte{
		"kit-key-binary":         export(t, v, ExportOptions{Recipients: []age.Recipient{key}, Now: at}),
		"kit-key-armored":        export(t, v, ExportOptions{Recipients: []age.Recipient{key}, Armor: true, Now: at}),
		"kit-passphrase-binary":  export(t, v, ExportOptions{Passphrase: fuzzPassphrase, ScryptWorkFactor: testWorkFactor, Now: at}),
		"kit-passphrase-armored": export(t, v, ExportOptions{Passphrase: fuzzPassphrase, ScryptWorkFactor: testWorkFactor, Armor: true, Now: at}),
		"kit-subset-key":         export(t, v, ExportOptions{Recipients: []age.Recipient{key}, AccountIDs: []string{v.Accounts[1].ID}, Now: at}),
		"kit-empty-vault":        seal(t, `{"format":"mamori-recovery-kit","version":1,"vault":{}}`, false, key),
		"doc-newer-kit":          seal(t, `{"format":"mamori-recovery-kit","version":2,"vault":{}}`, false, key),
		"doc-newer-vault":        seal(t, `{"format":"mamori-recovery-kit","version":1,"vault":{"version":99}}`, false, key),
		"doc-no-id":              seal(t, `{"format":"mamori-recovery-kit","version":1,"vault":{"accounts":[{"issuer":"x"}]}}`, false, key),
		"doc-bad-otp":            seal(t, `{"format":"mamori-recovery-kit","version":1,"vault":{"accounts":[{"id":"a","otp":{"type":"totp","secret":"!!","digits":99}}]}}`, false, key),
		"doc-bad-grid":           seal(t, `{"format":"mamori-recovery-kit","version":1,"vault":{"grid_cards":[{"id":"g"}]}}`, true, key),
		"doc-other-format":       seal(t, `{"format":"aegis","version":1,"vault":{}}`, true, pass),
		"doc-not-json":           seal(t, "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\n", false, pass),
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzOpen")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range seeds {
		if strings.HasPrefix(name, "kit-") {
			k, err := Open(bytes.NewReader(b), OpenOptions{Identities: []age.Identity{id}, Passphrase: func() (string, error) { return fuzzPassphrase, nil }})
			if err != nil || k.Format != FormatName {
				t.Fatalf("seed %s does not open: %v", name, err)
			}
		}
		text := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
