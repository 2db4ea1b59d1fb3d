//go:build fixtures

package importer

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// The generators of the committed fixtures and fuzz seeds. They rewrite
// testdata, so they are not part of a normal test run: they build only
// with the "fixtures" tag and refuse to run without -update. From the
// module root:
//
//	go test -tags fixtures -run 'TestWrite' ./vault/importer/ -update
//
// (or one of them by name); testdata/README.md says which file each makes.

var update = flag.Bool("update", false, "rewrite the fixtures and fuzz seeds in testdata")

var (
	// bwPBKDF2 is the fewest PBKDF2 iterations Bitwarden itself imports.
	bwPBKDF2 = bwKDF{typ: 0, iterations: 5000}
	// bwArgon2 is the cheapest Argon2id Bitwarden itself imports.
	bwArgon2 = bwKDF{typ: 1, iterations: 2, memory: 16, lanes: 1}
)

func TestWriteEncryptedFixtures(t *testing.T) {
	if !*update {
		t.Fatal("this generator rewrites testdata; run it with -update")
	}
	// Aegis: the plain fixture's db, encrypted with Aegis's own scrypt
	// parameters, behind a biometric slot that cannot be opened here and
	// the password slot.
	var plain struct {
		DB json.RawMessage `json:"db"`
	}
	if err := json.Unmarshal(readFixture(t, "aegis-plain.json"), &plain); err != nil {
		t.Fatal(err)
	}
	writeFixture(t, "aegis-encrypted.json", aegisEncrypt(t, plain.DB, fixturePassword, 1<<15, 8, 1, true))

	// 2FAS: the plain fixture's services, as the app does it.
	var tf struct {
		Services json.RawMessage `json:"services"`
	}
	if err := json.Unmarshal(readFixture(t, "2fas-plain.2fas"), &tf); err != nil {
		t.Fatal(err)
	}
	writeFixture(t, "2fas-encrypted.2fas", twoFASEncrypt(t, tf.Services, fixturePassword, true))
}

func TestWriteBitwardenFixtures(t *testing.T) {
	if !*update {
		t.Fatal("this generator rewrites testdata; run it with -update")
	}
	plain := readFixture(t, "bitwarden.json")
	writeFixture(t, "bitwarden-encrypted.json", bitwardenEncrypt(t, plain, fixturePassword, bwPBKDF2))
	writeFixture(t, "bitwarden-encrypted-argon2.json", bitwardenEncrypt(t, plain, fixturePassword, bwArgon2))
}

// TestWriteFuzzSeeds writes the seed corpus from the fixtures (and an
// Aegis vault and Bitwarden exports encrypted with parameters cheap enough
// to fuzz).
func TestWriteFuzzSeeds(t *testing.T) {
	if !*update {
		t.Fatal("this generator rewrites testdata; run it with -update")
	}
	seeds := map[string][]byte{}
	for _, name := range []string{
		"otpauth.txt", "otpauth-crlf-bom.txt", "ente-plain.txt", "google-migration.txt", "ente-encrypted-cheap.json",
		"aegis-plain.json", "2fas-plain.2fas", "2fas-encrypted.2fas", "bitwarden.json", "proton.json",
		"keepassxc.csv", "keepassxc.xml", "qr-utf8.png", "qr-otpauth.png",
	} {
		seeds[name] = readFixture(t, name)
	}
	var a struct{ DB json.RawMessage }
	if err := json.Unmarshal(readFixture(t, "aegis-plain.json"), &a); err != nil {
		t.Fatal(err)
	}
	seeds["aegis-encrypted-cheap"] = aegisEncrypt(t, a.DB, fixturePassword, 1<<10, 8, 1, false)
	seeds["bitwarden-encrypted-cheap"] = bitwardenEncrypt(t, readFixture(t, "bitwarden.json"), fixturePassword, bwPBKDF2Cheap)
	seeds["bitwarden-encrypted-argon2-cheap"] = bitwardenEncrypt(t, readFixture(t, "bitwarden.json"), fixturePassword, bwArgon2Cheap)

	dir := filepath.Join("testdata", "fuzz", "FuzzDetectParse")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range seeds {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(b)))
		if err := os.WriteFile(filepath.Join(dir, "fixture-"+name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWriteFormatFuzzSeeds writes the seeds of the per-format fuzz
// targets (fuzz_formats_test.go) from the fixtures.
func TestWriteFormatFuzzSeeds(t *testing.T) {
	if !*update {
		t.Fatal("this generator rewrites testdata; run it with -update")
	}
	seeds := map[string][]string{
		"FuzzAndOTP":         {"andotp.json", "andotp.json.aes", "andotp-old.json.aes", "gen/andotp-cheap.json.aes"},
		"FuzzAuthPro":        {"authpro.json", "authpro.authpro", "authpro-legacy.authpro"},
		"FuzzFreeOTPPlus":    {"freeotp-plus.json"},
		"FuzzBitwardenCSV":   {"bitwarden.csv"},
		"FuzzSteam":          {"steam.maFile"},
		"FuzzLastPass":       {"lastpass.json"},
		"FuzzOnePUX":         {"1password.1pux"},
		"FuzzOnePasswordCSV": {"1password.csv"},
		"FuzzTOTPAuth":       {"totp-authenticator.encrypt", "totp-authenticator-nopassword.encrypt"},
		"FuzzRaivo":          {"raivo-otp-export.json", "raivo.zip", "raivo-aes.zip"},
		"FuzzAuthPlus":       {"authplus.zip", "authplus-aes.zip"},
		"FuzzFreeOTP":        {"freeotp-backup.xml", "other.ser"},
	}
	for target, files := range seeds {
		dir := filepath.Join("testdata", "fuzz", target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			body := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(readFixture(t, name))))
			if err := os.WriteFile(filepath.Join(dir, "fixture-"+filepath.Base(name)), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func writeFixture(t testing.TB, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join("testdata", name), append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
