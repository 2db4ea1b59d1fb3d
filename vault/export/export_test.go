package export_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/export"
	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/oracletest"
	"github.com/mamori-app/mamori/vault/otp"
)

var testNow = time.Unix(1234567890, 0)

// randomSecret returns a canonical Base32 secret of n random bytes.
func randomSecret(t testing.TB, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

// acct builds a vault account; typ "" makes one without a key.
func acct(t testing.TB, issuer, name string, typ otp.Type, alg otp.Algorithm, digits, period int, counter uint64) vault.Account {
	t.Helper()
	var key otp.Key
	if typ != "" {
		var err error
		key, err = otp.NewKey(typ, randomSecret(t, 20), alg, digits, period, counter)
		if err != nil {
			t.Fatal(err)
		}
	}
	a, err := vault.NewAccount(issuer, name, key, testNow)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// parse runs the real importer on what an export produced.
func parse(t *testing.T, b []byte) importer.Result {
	t.Helper()
	res, err := importer.Parse(b, importer.Options{})
	if err != nil {
		t.Fatalf("importer.Parse: %v", err)
	}
	return res
}

// sameAccounts checks that the importer gave back exactly the exported
// accounts, in order.
func sameAccounts(t *testing.T, got []otp.Account, accts []vault.Account, exported []int) {
	t.Helper()
	if len(got) != len(exported) {
		t.Fatalf("imported %d accounts, exported %d", len(got), len(exported))
	}
	for i, j := range exported {
		want := otp.Account{Issuer: accts[j].Issuer, Name: accts[j].Name, Key: accts[j].OTP}
		if got[i] != want {
			t.Errorf("account %d came back as\n%+v\nwant\n%+v", i, got[i], want)
		}
	}
}

// mixed is a vault's worth of accounts of every kind.
func mixed(t *testing.T) []vault.Account {
	return []vault.Account{
		acct(t, "GitHub", "alice@example.com", otp.TOTP, otp.SHA1, 6, 30, 0),
		acct(t, "みずほ銀行", "山田 太郎", otp.TOTP, otp.SHA256, 8, 30, 0),
		acct(t, "SMS only", "bob", "", "", 0, 0, 0),
		acct(t, "Example Co", "ops", otp.HOTP, otp.SHA512, 8, 0, 42),
		acct(t, "Steam", "gamer", otp.Steam, "", 0, 0, 0),
		acct(t, "", "host:port user", otp.TOTP, otp.SHA1, 6, 30, 0),
		acct(t, "Odd", "seven", otp.TOTP, otp.SHA1, 7, 30, 0),
		acct(t, "Slow", "minute", otp.TOTP, otp.SHA1, 6, 60, 0),
		acct(t, "楽天 (Rakuten)", "taro+1@example.jp", otp.HOTP, otp.SHA1, 6, 0, 0),
		acct(t, "A:B", "c:d", otp.TOTP, otp.SHA1, 6, 30, 0),
		acct(t, "Issuer only", "", otp.TOTP, otp.SHA1, 6, 30, 0),
	}
}

func skippedIndexes(rep export.Report) map[int]error {
	m := map[int]error{}
	for _, s := range rep.Skipped {
		m[s.Index] = s.Err
	}
	return m
}

func TestURIListRoundTrip(t *testing.T) {
	accts := mixed(t)
	var buf bytes.Buffer
	rep, err := export.WriteURIList(&buf, accts)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "# ") || !strings.Contains(buf.String(), "PLAIN TEXT WITH SECRETS") {
		t.Errorf("list does not start with the warning comment:\n%s", buf.String())
	}
	skipped := skippedIndexes(rep)
	if len(skipped) != 1 || !errors.Is(skipped[2], export.ErrNoOTP) {
		t.Errorf("skipped = %v, want only the SMS-only account, with ErrNoOTP", rep.Skipped)
	}
	if rep.Skipped[0].Label != "SMS only: bob" {
		t.Errorf("skip label = %q", rep.Skipped[0].Label)
	}
	res := parse(t, buf.Bytes())
	if res.Format != importer.FormatOTPAuth {
		t.Errorf("read back as %v", res.Format)
	}
	if len(res.Skipped) != 0 {
		t.Errorf("importer skipped %v", res.Skipped)
	}
	sameAccounts(t, res.Accounts, accts, rep.Exported)
	// Each line is exactly the canonical URI, and Japanese is percent-encoded.
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	var uris []string
	for _, l := range lines {
		if !strings.HasPrefix(l, "#") {
			uris = append(uris, l)
		}
	}
	if !strings.Contains(uris[1], url.PathEscape("みずほ銀行")) {
		t.Errorf("japanese issuer not percent-encoded: %s", uris[1])
	}
}

func TestURIListNothing(t *testing.T) {
	for _, accts := range [][]vault.Account{nil, {acct(t, "X", "y", "", "", 0, 0, 0)}} {
		var buf bytes.Buffer
		rep, err := export.WriteURIList(&buf, accts)
		if !errors.Is(err, export.ErrNothingToExport) {
			t.Errorf("err = %v, want ErrNothingToExport", err)
		}
		if buf.Len() != 0 {
			t.Errorf("wrote %q", buf.String())
		}
		if len(rep.Skipped) != len(accts) {
			t.Errorf("skipped = %v", rep.Skipped)
		}
	}
}

func TestMigrationRoundTrip(t *testing.T) {
	tests := []struct {
		name      string
		n         int // supported accounts, between the mixed ones
		batchSize int
		wantURIs  int
	}{
		{"one code", 3, 0, 1},
		{"default batches", 23, 0, 3},    // 23 + the 7 supported mixed ones
		{"one account a code", 4, 1, 11}, // 4 + 7
		{"exactly full", 3, 10, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			accts := mixed(t)
			for i := 0; i < tt.n; i++ {
				accts = append(accts, acct(t, fmt.Sprintf("Service %d", i), fmt.Sprintf("user%d", i), otp.TOTP, otp.SHA1, 6, 30, 0))
			}
			uris, rep, err := export.Migration(accts, export.MigrationOptions{BatchSize: tt.batchSize})
			if err != nil {
				t.Fatal(err)
			}
			if len(uris) != tt.wantURIs {
				t.Errorf("%d URIs, want %d", len(uris), tt.wantURIs)
			}
			for _, u := range uris {
				data, ok := strings.CutPrefix(u, export.MigrationPrefix)
				if !ok || strings.ContainsAny(data, "+/= ") {
					t.Errorf("uri not escaped as Google Authenticator does: %s", u)
				}
			}
			// The mixed accounts the format cannot carry are named, with why.
			skipped := skippedIndexes(rep)
			want := map[int]error{2: export.ErrNoOTP, 4: export.ErrUnsupported, 6: export.ErrUnsupported, 7: export.ErrUnsupported}
			if len(skipped) != len(want) {
				t.Errorf("skipped %v, want indexes %v", rep.Skipped, want)
			}
			for i, w := range want {
				if !errors.Is(skipped[i], w) {
					t.Errorf("account %d: skip error %v, want %v", i, skipped[i], w)
				}
			}
			res := parse(t, []byte(strings.Join(uris, "\n")+"\n"))
			if res.Format != importer.FormatGoogleMigration {
				t.Errorf("read back as %v", res.Format)
			}
			if len(res.Warnings) != 0 {
				t.Errorf("importer warned: %v", res.Warnings)
			}
			sameAccounts(t, res.Accounts, accts, rep.Exported)

			// The batch fields are real: without the last code the
			// importer says one is missing.
			if len(uris) > 1 {
				res := parse(t, []byte(strings.Join(uris[:len(uris)-1], "\n")))
				if len(res.Warnings) != 1 || !errors.Is(res.Warnings[0].Err, importer.ErrIncompleteBatch) {
					t.Errorf("partial set: warnings %v, want ErrIncompleteBatch", res.Warnings)
				}
			}
		})
	}
}

func TestMigrationSplitsLongNames(t *testing.T) {
	var accts []vault.Account
	for i := 0; i < 8; i++ {
		accts = append(accts, acct(t, strings.Repeat("長", 150), fmt.Sprintf("%d%s", i, strings.Repeat("x", 200)), otp.TOTP, otp.SHA512, 6, 30, 0))
	}
	uris, rep, err := export.Migration(accts, export.MigrationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(uris) < 2 {
		t.Errorf("%d URIs: long accounts were not spread over several codes", len(uris))
	}
	for _, u := range uris {
		if len(u) > export.MaxQRText {
			t.Errorf("uri of %d bytes, limit %d", len(u), export.MaxQRText)
		}
	}
	sameAccounts(t, parse(t, []byte(strings.Join(uris, "\n"))).Accounts, accts, rep.Exported)
}

func TestMigrationErrors(t *testing.T) {
	good := []vault.Account{acct(t, "A", "b", otp.TOTP, otp.SHA1, 6, 30, 0)}
	for _, tt := range []struct {
		name  string
		accts []vault.Account
		opts  export.MigrationOptions
		want  error
	}{
		{"batch too large", good, export.MigrationOptions{BatchSize: export.MaxBatchSize + 1}, export.ErrBadOptions},
		{"negative batch", good, export.MigrationOptions{BatchSize: -1}, export.ErrBadOptions},
		{"negative id", good, export.MigrationOptions{BatchID: -5}, export.ErrBadOptions},
		{"nothing", nil, export.MigrationOptions{}, export.ErrNothingToExport},
		{"only steam", []vault.Account{acct(t, "Steam", "x", otp.Steam, "", 0, 0, 0)}, export.MigrationOptions{}, export.ErrNothingToExport},
	} {
		t.Run(tt.name, func(t *testing.T) {
			uris, _, err := export.Migration(tt.accts, tt.opts)
			if !errors.Is(err, tt.want) || uris != nil {
				t.Errorf("got %v, %v; want %v", uris, err, tt.want)
			}
		})
	}
}

// zbarimg decodes the QR codes in an image with ZBar, the reference reader.
// It is installed by "make test"; without it the test fails.
func zbarimg(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("zbarimg")
	if err != nil {
		oracletest.SkipOnWindows(t, "zbarimg")
		t.Fatalf("zbarimg is needed as the oracle for QR codes (Debian/Ubuntu: apt-get install zbar-tools): %v", err)
	}
	out, err := exec.Command(bin, "--quiet", "--raw", path).Output()
	if err != nil {
		t.Fatalf("zbarimg %s: %v\n%s", path, err, out)
	}
	return strings.TrimSuffix(string(out), "\n")
}

func TestQRDecodedByZbar(t *testing.T) {
	accts := mixed(t)
	mig, _, err := export.Migration(accts[:4], export.MigrationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	long := acct(t, strings.Repeat("長い発行者", 15), strings.Repeat("n", 300), otp.TOTP, otp.SHA512, 8, 30, 0)
	longURI := otp.Account{Issuer: long.Issuer, Name: long.Name, Key: long.OTP}.URI()
	for _, tt := range []struct {
		name string
		text string
		size int
	}{
		{"japanese issuer", otp.Account{Issuer: accts[1].Issuer, Name: accts[1].Name, Key: accts[1].OTP}.URI(), 0},
		{"hotp", otp.Account{Issuer: accts[3].Issuer, Name: accts[3].Name, Key: accts[3].OTP}.URI(), 300},
		{"migration", mig[0], 800},
		{"long", longURI, 1200},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.QR(&buf, tt.text, tt.size); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			want := tt.size
			if want == 0 {
				want = export.DefaultQRSize
			}
			if b := img.Bounds(); b.Dx() != want || b.Dy() != want {
				t.Errorf("image is %v, want %d×%d", b, want, want)
			}
			path := filepath.Join(t.TempDir(), "code.png")
			if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			if got := zbarimg(t, path); got != tt.text {
				t.Errorf("zbarimg read\n%q\nwant\n%q", got, tt.text)
			}
			// Mamori's own importer reads the image back too.
			res := parse(t, buf.Bytes())
			if len(res.Accounts) == 0 {
				t.Errorf("importer found no account in the image")
			}
		})
	}
}

func TestAccountQR(t *testing.T) {
	a := acct(t, "みずほ銀行", "山田", otp.TOTP, otp.SHA1, 6, 30, 0)
	var buf bytes.Buffer
	if err := export.AccountQR(&buf, a, 0); err != nil {
		t.Fatal(err)
	}
	res := parse(t, buf.Bytes())
	sameAccounts(t, res.Accounts, []vault.Account{a}, []int{0})
	buf.Reset()
	if err := export.AccountQR(&buf, acct(t, "X", "y", "", "", 0, 0, 0), 0); !errors.Is(err, export.ErrNoOTP) || buf.Len() != 0 {
		t.Errorf("account without a key: %v, %d bytes written", err, buf.Len())
	}
}

func TestQRErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		text string
		size int
		want error
	}{
		{"too small", "otpauth://totp/x?secret=AAAA", 50, export.ErrBadOptions},
		{"negative", "x", -1, export.ErrBadOptions},
		{"too big an image", "x", export.MaxQRSize + 1, export.ErrBadOptions},
		{"too much text", strings.Repeat("a", export.MaxQRText+1), 0, export.ErrTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.QR(&buf, tt.text, tt.size); !errors.Is(err, tt.want) || buf.Len() != 0 {
				t.Errorf("err = %v (%d bytes written), want %v", err, buf.Len(), tt.want)
			}
		})
	}
}
