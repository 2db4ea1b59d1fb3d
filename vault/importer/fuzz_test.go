package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// FuzzDetectParse feeds arbitrary bytes to Detect and Parse, detected and
// with every format forced. Parse must never panic; whatever it accepts
// must be valid accounts (see checkAccounts); whatever it refuses must come
// with no accounts. Encrypted inputs are opened with fixturePassword under
// a 1 MiB key-derivation cap, so the seeds made with cheap parameters
// decrypt and the fuzzer cannot make an input cost seconds.
//
// Seeds live in testdata/fuzz/FuzzDetectParse and run with every go test;
// TestWriteFuzzSeeds -update rewrites the ones made from the fixtures.
func FuzzDetectParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := Options{
			MaxSize:    1 << 20,
			kdfMemory:  1 << 20,
			Passphrase: func() (string, error) { return fixturePassword, nil },
		}
		detected := Detect(data)
		res, err := Parse(data, opts)
		checkFuzzResult(t, detected, res, err)
		for _, format := range Formats() {
			opts.Format = format
			res, err := Parse(data, opts)
			checkFuzzResult(t, format, res, err)
		}
	})
}

func checkFuzzResult(t *testing.T, format Format, res Result, err error) {
	t.Helper()
	if err != nil {
		if len(res.Accounts) != 0 || len(res.From) != 0 {
			t.Fatalf("%s: error %v with %d accounts", format, err, len(res.Accounts))
		}
		if errors.Is(err, ErrNoAccounts) && format != res.Format {
			t.Fatalf("format %q read as %q", format, res.Format)
		}
		return
	}
	if res.Format != format || format == FormatUnknown {
		t.Fatalf("read as %q, asked for %q", res.Format, format)
	}
	if len(res.Accounts) == 0 {
		t.Fatalf("%s: no accounts and no error", format)
	}
	for _, s := range res.Skipped {
		if s.Reason == nil || s.Entry != s.Position.String() {
			t.Fatalf("%s: bad skip %+v", format, s)
		}
	}
	checkAccounts(t, res)
}

// TestWriteFuzzSeeds writes the seed corpus from the fixtures (and an
// Aegis vault and Bitwarden exports encrypted with parameters cheap enough
// to fuzz).
func TestWriteFuzzSeeds(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite the fuzz seeds")
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
