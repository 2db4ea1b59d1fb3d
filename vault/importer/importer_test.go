package importer

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/otp"
)

// The accounts the fixtures hold, each app writing them its own way.
var (
	github = otp.Account{Issuer: "GitHub", Name: "alice",
		Key: otp.Key{Type: otp.TOTP, Secret: "JBSWY3DPEHPK3PXP", Algorithm: otp.SHA1, Digits: 6, Period: 30}}
	mizuho = otp.Account{Issuer: "みずほ銀行", Name: "山田太郎",
		Key: otp.Key{Type: otp.TOTP, Secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Algorithm: otp.SHA256, Digits: 8, Period: 60}}
	hotpBob = otp.Account{Issuer: "Example HOTP", Name: "bob",
		Key: otp.Key{Type: otp.HOTP, Secret: "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ", Algorithm: otp.SHA512, Digits: 6, Counter: 42}}
	steam = otp.Account{Issuer: "Steam", Name: "gaben",
		Key: otp.Key{Type: otp.Steam, Secret: "ONSWG4TFOQ", Algorithm: otp.SHA1, Digits: 5, Period: 30}}
	mail = otp.Account{Issuer: "Mail", Name: "carol@example.com",
		Key: otp.Key{Type: otp.TOTP, Secret: "MFRGGZDFMZTWQ2LK", Algorithm: otp.SHA1, Digits: 6, Period: 30}}
	// sdaGaben is steam.maFile's account: its shared_secret, Base64 of
	// "steam-shared-secret!", is ON2G… in Base32.
	sdaGaben = otp.Account{Issuer: "Steam", Name: "gaben",
		Key: otp.Key{Type: otp.Steam, Secret: "ON2GKYLNFVZWQYLSMVSC243FMNZGK5BB", Algorithm: otp.SHA1, Digits: 5, Period: 30}}
	rakuten = otp.Account{Issuer: "楽天", Name: "花子",
		Key: otp.Key{Type: otp.TOTP, Secret: "MFRGGZDFMZTWQ2LK", Algorithm: otp.SHA1, Digits: 6, Period: 30}}
)

// withPeriod returns a with another period (Google Authenticator exports
// have none, so every TOTP key comes back with 30 seconds).
func withPeriod(a otp.Account, p int) otp.Account {
	a.Key.Period = p
	return a
}

type wantSkip struct {
	pos    Position
	reason error
}

// TestParseFixtures reads every fixture, as Detect sees it, and checks
// every account, where it came from, what was skipped and why.
func TestParseFixtures(t *testing.T) {
	l := func(n int) Position { return Position{Line: n} }
	e := func(n int) Position { return Position{Entry: n} }
	le := func(line, entry int) Position { return Position{Line: line, Entry: entry} }
	ce := func(code, entry int) Position { return Position{Code: code, Entry: entry} }
	c := func(code int) Position { return Position{Code: code} }

	tests := []struct {
		file      string
		format    Format
		encrypted bool
		accounts  []otp.Account
		from      []Position
		skipped   []wantSkip
		warnings  []error
	}{
		{file: "otpauth.txt", format: FormatOTPAuth,
			accounts: []otp.Account{github, mizuho, hotpBob, steam},
			from:     []Position{l(4), l(5), l(7), l(8)},
			skipped:  []wantSkip{{l(10), ErrDuplicate}}},
		{file: "otpauth-crlf-bom.txt", format: FormatOTPAuth,
			accounts: []otp.Account{mail, github}, from: []Position{l(1), l(2)}},
		{file: "ente-plain.txt", format: FormatOTPAuth,
			accounts: []otp.Account{github, mizuho, hotpBob, steam}, from: []Position{l(1), l(2), l(3), l(4)}},
		{file: "ente-encrypted.json", format: FormatEnteEncrypted, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob, steam}, from: []Position{l(1), l(2), l(3), l(4)}},
		{file: "ente-encrypted-cheap.json", format: FormatEnteEncrypted, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob, steam}, from: []Position{l(1), l(2), l(3), l(4)}},
		{file: "google-migration.txt", format: FormatGoogleMigration,
			accounts: []otp.Account{github, withPeriod(mizuho, 30), hotpBob, mail},
			from:     []Position{le(2, 1), le(2, 2), le(2, 3), le(4, 1)},
			skipped:  []wantSkip{{le(4, 2), ErrUnsupported}, {le(4, 3), ErrDuplicate}}},
		{file: "qr-otpauth.png", format: FormatQRImage, accounts: []otp.Account{mizuho}, from: []Position{c(1)}},
		{file: "qr-utf8.png", format: FormatQRImage, accounts: []otp.Account{rakuten}, from: []Position{c(1)}},
		{file: "qr-migration-1.png", format: FormatQRImage,
			accounts: []otp.Account{github, withPeriod(mizuho, 30), hotpBob},
			from:     []Position{ce(1, 1), ce(1, 2), ce(1, 3)},
			warnings: []error{ErrIncompleteBatch}},
		{file: "screenshot.jpg", format: FormatQRImage,
			accounts: []otp.Account{github, withPeriod(mizuho, 30), hotpBob},
			from:     []Position{ce(1, 1), ce(1, 2), ce(1, 3)},
			skipped:  []wantSkip{{c(2), ErrNotAnAccount}},
			warnings: []error{ErrIncompleteBatch}},
		{file: "screenshot-dark.png", format: FormatQRImage, accounts: []otp.Account{mizuho}, from: []Position{c(1)}},
		{file: "aegis-plain.json", format: FormatAegis,
			accounts: []otp.Account{github, mizuho, hotpBob, steam},
			from:     []Position{e(1), e(2), e(3), e(4)},
			skipped:  []wantSkip{{e(5), ErrUnsupported}, {e(6), ErrDuplicate}}},
		{file: "aegis-encrypted.json", format: FormatAegis, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob, steam},
			from:     []Position{e(1), e(2), e(3), e(4)},
			skipped:  []wantSkip{{e(5), ErrUnsupported}, {e(6), ErrDuplicate}}},
		{file: "2fas-plain.2fas", format: FormatTwoFAS,
			accounts: []otp.Account{github, mizuho, hotpBob, steam}, from: []Position{e(1), e(2), e(3), e(4)}},
		{file: "2fas-encrypted.2fas", format: FormatTwoFAS, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob, steam}, from: []Position{e(1), e(2), e(3), e(4)}},
		{file: "bitwarden.json", format: FormatBitwarden,
			accounts: []otp.Account{github, mizuho, hotpBob, steam, mail}, from: []Position{e(1), e(2), e(3), e(4), e(5)}},
		{file: "bitwarden-encrypted.json", format: FormatBitwarden, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob, steam, mail}, from: []Position{e(1), e(2), e(3), e(4), e(5)}},
		{file: "bitwarden-encrypted-argon2.json", format: FormatBitwarden, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob, steam, mail}, from: []Position{e(1), e(2), e(3), e(4), e(5)}},
		{file: "proton.json", format: FormatProton,
			accounts: []otp.Account{github, mizuho, steam}, from: []Position{e(1), e(2), e(3)}},
		{file: "keepassxc.csv", format: FormatKeePassCSV,
			accounts: []otp.Account{github, mizuho, steam, mail}, from: []Position{l(2), l(3), l(6), l(7)}},
		{file: "andotp.json", format: FormatAndOTP,
			accounts: []otp.Account{github, mizuho, hotpBob, steam, mail},
			from:     []Position{e(1), e(2), e(3), e(4), e(6)},
			skipped:  []wantSkip{{e(5), ErrUnsupported}}},
		{file: "andotp.json.aes", format: FormatAndOTP, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob, steam, mail},
			from:     []Position{e(1), e(2), e(3), e(4), e(6)},
			skipped:  []wantSkip{{e(5), ErrUnsupported}}},
		{file: "authpro.json", format: FormatAuthPro,
			accounts: []otp.Account{github, mizuho, hotpBob, steam},
			from:     []Position{e(1), e(2), e(3), e(4)},
			skipped:  []wantSkip{{e(5), ErrUnsupported}, {e(6), ErrDuplicate}}},
		{file: "authpro.authpro", format: FormatAuthPro, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob, steam},
			from:     []Position{e(1), e(2), e(3), e(4)},
			skipped:  []wantSkip{{e(5), ErrUnsupported}, {e(6), ErrDuplicate}}},
		{file: "authpro-legacy.authpro", format: FormatAuthPro, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob, steam},
			from:     []Position{e(1), e(2), e(3), e(4)},
			skipped:  []wantSkip{{e(5), ErrUnsupported}, {e(6), ErrDuplicate}}},
		{file: "freeotp-plus.json", format: FormatFreeOTPPlus,
			accounts: []otp.Account{github, mizuho, hotpBob, steam}, from: []Position{e(1), e(2), e(3), e(4)}},
		{file: "lastpass.json", format: FormatLastPass,
			accounts: []otp.Account{github, mizuho, mail}, from: []Position{e(1), e(2), e(4)},
			skipped: []wantSkip{{e(3), ErrUnsupported}}},
		{file: "bitwarden.csv", format: FormatBitwardenCSV,
			accounts: []otp.Account{github, mail, mizuho, steam}, from: []Position{l(2), l(3), l(6), l(7)}},
		{file: "1password.csv", format: FormatOnePasswordCSV,
			accounts: []otp.Account{github, mizuho, mail}, from: []Position{l(2), l(4), l(6)},
			skipped: []wantSkip{{l(5), ErrInTrash}}},
		{file: "1password.1pux", format: FormatOnePUX,
			accounts: []otp.Account{github, mizuho, hotpBob}, from: []Position{e(1), e(3), e(5)},
			skipped: []wantSkip{{e(4), ErrInTrash}}},
		{file: "steam.maFile", format: FormatSteam,
			accounts: []otp.Account{sdaGaben}, from: []Position{e(1)}},
		{file: "totp-authenticator.encrypt", format: FormatTOTPAuth, encrypted: true,
			accounts: []otp.Account{github, mail}, from: []Position{e(1), e(2)},
			skipped: []wantSkip{{e(3), ErrDuplicate}}},
		{file: "totp-authenticator-nopassword.encrypt", format: FormatTOTPAuth,
			accounts: []otp.Account{github, mail}, from: []Position{e(1), e(2)},
			skipped: []wantSkip{{e(3), ErrDuplicate}}},
		{file: "raivo-otp-export.json", format: FormatRaivo,
			accounts: []otp.Account{github, mizuho, hotpBob}, from: []Position{e(1), e(2), e(3)}},
		{file: "raivo.zip", format: FormatRaivo, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob}, from: []Position{e(1), e(2), e(3)}},
		{file: "raivo-aes.zip", format: FormatRaivo, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob}, from: []Position{e(1), e(2), e(3)}},
		{file: "authplus.zip", format: FormatAuthPlus, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob, steam}, from: []Position{l(1), l(2), l(3), l(4)}},
		{file: "authplus-stream.zip", format: FormatAuthPlus, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob, steam}, from: []Position{l(1), l(2), l(3), l(4)}},
		{file: "authplus-aes.zip", format: FormatAuthPlus, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob, steam}, from: []Position{l(1), l(2), l(3), l(4)}},
		{file: "freeotp-backup.xml", format: FormatFreeOTP, encrypted: true,
			accounts: []otp.Account{github, mizuho, hotpBob, steam}, from: []Position{e(1), e(2), e(3), e(4)}},
		{file: "keepassxc.xml", format: FormatKeePassXML,
			accounts: []otp.Account{github, mizuho, steam}, from: []Position{e(1), e(3), e(4)},
			skipped: []wantSkip{{e(5), ErrInTrash}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := readFixture(t, tt.file)
			if got := Detect(data); got != tt.format {
				t.Errorf("Detect = %q, want %q", got, tt.format)
			}
			asked := 0
			res, err := Parse(data, Options{Passphrase: func() (string, error) { asked++; return fixturePassword, nil }})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if res.Format != tt.format || res.Encrypted != tt.encrypted {
				t.Errorf("format %q encrypted %v, want %q %v", res.Format, res.Encrypted, tt.format, tt.encrypted)
			}
			if want := map[bool]int{true: 1, false: 0}[tt.encrypted]; asked != want {
				t.Errorf("asked for the password %d times, want %d", asked, want)
			}
			if !slices.Equal(res.Accounts, tt.accounts) {
				t.Errorf("accounts:\n got %+v\nwant %+v", res.Accounts, tt.accounts)
			}
			if !slices.Equal(res.From, tt.from) {
				t.Errorf("from = %v, want %v", res.From, tt.from)
			}
			if len(res.Skipped) != len(tt.skipped) {
				t.Fatalf("skipped %+v, want %+v", res.Skipped, tt.skipped)
			}
			for i, s := range res.Skipped {
				w := tt.skipped[i]
				if s.Position != w.pos || s.Entry != w.pos.String() || !errors.Is(s.Reason, w.reason) {
					t.Errorf("skip %d = %+v, want %v %v", i, s, w.pos, w.reason)
				}
			}
			if len(res.Warnings) != len(tt.warnings) {
				t.Fatalf("warnings %+v, want %v", res.Warnings, tt.warnings)
			}
			for i, w := range res.Warnings {
				if !errors.Is(w.Err, tt.warnings[i]) {
					t.Errorf("warning %d = %v, want %v", i, w.Err, tt.warnings[i])
				}
			}
			checkAccounts(t, res)
		})
	}
}

// checkAccounts checks what every successful Parse promises: valid keys
// that give codes, tidy labels, no duplicates, and accounts that survive
// an otpauth URI (so they can be exported again).
func checkAccounts(t *testing.T, res Result) {
	t.Helper()
	if len(res.From) != len(res.Accounts) {
		t.Fatalf("%d positions for %d accounts", len(res.From), len(res.Accounts))
	}
	seen := make(map[keyID]bool)
	for i, a := range res.Accounts {
		if err := a.Key.Validate(); err != nil {
			t.Errorf("account %d: %v", i, err)
		}
		if a.Issuer == "" && a.Name == "" {
			t.Errorf("account %d has no label", i)
		}
		for _, s := range []string{a.Issuer, a.Name} {
			if c, err := cleanLabel("label", s); err != nil || c != s {
				t.Errorf("account %d: label %q not clean", i, s)
			}
		}
		id := keyID{a.Key.Type, a.Key.Secret, a.Key.Algorithm, a.Key.Digits, a.Key.Period}
		if seen[id] {
			t.Errorf("account %d is a duplicate", i)
		}
		seen[id] = true
		if b, err := otp.ParseURI(a.URI()); err != nil || b != a {
			t.Errorf("account %d does not survive its URI: %+v, %v", i, b, err)
		}
		var err error
		if a.Key.Type == otp.HOTP {
			_, err = a.Key.HOTP(a.Key.Counter)
		} else {
			_, err = a.Key.Code(time.Unix(1700000000, 0))
		}
		if err != nil {
			t.Errorf("account %d: code: %v", i, err)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		data string
		want Format
	}{
		{"empty", "", FormatUnknown},
		{"spaces", " \n\t ", FormatUnknown},
		{"prose", "my codes are on the fridge", FormatUnknown},
		{"one uri", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", FormatOTPAuth},
		{"upper-case scheme", "OTPAUTH://TOTP/x?secret=JBSWY3DPEHPK3PXP", FormatOTPAuth},
		{"comment first", "# mine\n\notpauth://totp/x?secret=A", FormatOTPAuth},
		{"bad line first", "hello\notpauth://totp/x?secret=A", FormatOTPAuth},
		{"migration", "otpauth-migration://offline?data=AA", FormatGoogleMigration},
		{"mixed", "otpauth://totp/x?secret=A\notpauth-migration://offline?data=AA", FormatGoogleMigration},
		{"bom", "\uFEFFotpauth://totp/x?secret=A", FormatOTPAuth},
		{"aegis", `{"version":1,"header":{"slots":null,"params":null},"db":{"version":2,"entries":[]}}`, FormatAegis},
		{"2fas", `{"services":[],"schemaVersion":4}`, FormatTwoFAS},
		{"2fas encrypted", `{"services":[],"servicesEncrypted":"a:b:c"}`, FormatTwoFAS},
		{"2fas minimal", `{"services":[]}`, FormatTwoFAS},
		{"ente", `{"version":1,"kdfParams":{},"encryptedData":"","encryptionNonce":""}`, FormatEnteEncrypted},
		{"bitwarden", `{"encrypted":false,"folders":[],"items":[]}`, FormatBitwarden},
		{"bitwarden encrypted", `{"encrypted":true,"passwordProtected":true,"encKeyValidation_DO_NOT_EDIT":"x","data":"y"}`, FormatBitwarden},
		{"bitwarden minimal", `{"items":[]}`, FormatBitwarden},
		{"proton", `{"version":1,"entries":[]}`, FormatProton},
		{"other json", `{"hello":"world"}`, FormatUnknown},
		{"json list", `[1,2]`, FormatUnknown},
		{"truncated aegis", `{"version": 1, "header":`, FormatAegis},
		{"truncated 2fas", `{"services":[{"name":"x"`, FormatTwoFAS},
		{"truncated other", `{"hello":`, FormatUnknown},
		{"nested keys only", `{"a":{"header":1,"db":2}}`, FormatUnknown},
		{"keys after nesting", `{"a":{"b":[1,{"c":2}]},"header":{"slots":null},"x":[],"db":{}}`, FormatAegis},
		{"key-like values", `{"x":"header","y":"db"}`, FormatUnknown},
		{"list of strings", `["header","x","db","y"]`, FormatUnknown},
		{"keepass xml", "<?xml version=\"1.0\"?>\n<KeePassFile><Root/></KeePassFile>", FormatKeePassXML},
		{"other xml", "<html><body/></html>", FormatUnknown},
		{"keepass csv", "\"Group\",\"Title\",\"Username\",\"Password\",\"URL\",\"Notes\",\"TOTP\"\n", FormatKeePassCSV},
		{"keepass csv unquoted", "Title,TOTP\nx,y", FormatKeePassCSV},
		{"other csv", "name,value\na,b", FormatUnknown},
		{"png", "\x89PNG\r\n\x1a\nrest", FormatQRImage},
		{"jpeg", "\xff\xd8\xff\xe0rest", FormatQRImage},
		{"gif", "GIF89arest", FormatQRImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.data)); got != tt.want {
				t.Errorf("Detect(%q) = %q, want %q", tt.data, got, tt.want)
			}
		})
	}
}

// TestForcedFormat reads a file as the format the caller names, even one
// Detect would not pick.
func TestForcedFormat(t *testing.T) {
	// A bare services list with no other 2FAS keys is read as 2FAS when
	// named so.
	data := []byte(`{"services":[{"name":"GitHub","secret":"JBSWY3DPEHPK3PXP","otp":{"account":"alice"}}]}`)
	res, err := Parse(data, Options{Format: FormatTwoFAS})
	if err != nil || !slices.Equal(res.Accounts, []otp.Account{github}) {
		t.Fatalf("Parse = %+v, %v", res, err)
	}
	// The wrong format named is an error, not a guess.
	if _, err := Parse(data, Options{Format: FormatAegis}); !errors.Is(err, ErrMalformed) {
		t.Errorf("as aegis: %v, want ErrMalformed", err)
	}
	if _, err := Parse(data, Options{Format: "nonsense"}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("unknown format: %v", err)
	}
}

func TestFormatNames(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Formats() {
		n := f.Name()
		if n == "" || n == FormatUnknown.Name() || seen[n] {
			t.Errorf("%q: name %q", f, n)
		}
		seen[n] = true
		if f != Format(strings.ToLower(string(f))) || strings.ContainsAny(string(f), " _") {
			t.Errorf("format id %q is not lower-case with hyphens", f)
		}
	}
}

func TestPosition(t *testing.T) {
	tests := []struct {
		p    Position
		want string
	}{
		{Position{}, ""},
		{Position{Line: 3}, "line 3"},
		{Position{Entry: 5}, "entry 5"},
		{Position{Line: 2, Entry: 1}, "line 2, entry 1"},
		{Position{Code: 2, Entry: 4}, "QR code 2, entry 4"},
		{Position{Code: 1}, "QR code 1"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%+v = %q, want %q", tt.p, got, tt.want)
		}
	}
}

// TestMigrationBatches checks that the QR codes of one export merge, in
// any order, and that a missing one is reported.
func TestMigrationBatches(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(string(readFixture(t, "google-migration.txt"))), "\n")
	first, second := lines[1], lines[3]
	tests := []struct {
		name     string
		text     string
		accounts int
		warn     bool
	}{
		{"both", first + "\n" + second, 4, false},
		{"reversed", second + "\n" + first, 4, false},
		{"first only", first, 3, true},
		{"second only", second, 2, true},
		{"twice", first + "\n" + first + "\n" + second, 4, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse([]byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Accounts) != tt.accounts || (len(res.Warnings) > 0) != tt.warn {
				t.Errorf("%d accounts, warnings %v", len(res.Accounts), res.Warnings)
			}
			checkAccounts(t, res)
		})
	}
}

// TestMigrationEncodings checks that the data parameter is found however
// it was escaped on its way through a chat app or a decoder.
func TestMigrationEncodings(t *testing.T) {
	line := strings.Split(string(readFixture(t, "gen/migration-2.txt")), "\n")[0]
	_, q, _ := strings.Cut(line, "data=")
	raw := strings.NewReplacer("%2B", "+", "%2F", "/", "%3D", "=").Replace(q)
	tests := map[string]string{
		"percent-encoded": line,
		"raw base64":      "otpauth-migration://offline?data=" + raw,
		"plus as space":   "otpauth-migration://offline?data=" + strings.ReplaceAll(raw, "+", " "),
		"url-safe":        "otpauth-migration://offline?data=" + strings.NewReplacer("+", "-", "/", "_").Replace(raw),
		"no padding":      "otpauth-migration://offline?data=" + strings.TrimRight(raw, "="),
		"other params":    "OTPAUTH-MIGRATION://offline?foo=1&DATA=" + q + "#frag",
	}
	for name, uri := range tests {
		t.Run(name, func(t *testing.T) {
			res, err := Parse([]byte(uri), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Accounts, []otp.Account{mail, github}) {
				t.Errorf("accounts %+v", res.Accounts)
			}
		})
	}
}

// TestHOTPDuplicateCounter checks that of two copies of an HOTP key the
// one further along lends its counter, so no code is shown twice.
func TestHOTPDuplicateCounter(t *testing.T) {
	text := "otpauth://hotp/A:x?secret=JBSWY3DPEHPK3PXP&counter=5\n" +
		"otpauth://hotp/B:y?secret=JBSWY3DPEHPK3PXP&counter=9\n" +
		"otpauth://hotp/C:z?secret=JBSWY3DPEHPK3PXP&counter=7\n"
	res, err := Parse([]byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Accounts) != 1 || res.Accounts[0].Issuer != "A" || res.Accounts[0].Key.Counter != 9 || len(res.Skipped) != 2 {
		t.Errorf("got %+v, skipped %+v", res.Accounts, res.Skipped)
	}
}

func TestCleanLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  GitHub ", "GitHub"},
		{"a\tb\nc", "a b c"},
		{"\u3000全角\u3000", "全角"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"\x00", ""},
	}
	for _, tt := range tests {
		if got, err := cleanLabel("name", tt.in); err != nil || got != tt.want {
			t.Errorf("cleanLabel(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := cleanLabel("name", strings.Repeat("あ", 200)); !errors.Is(err, ErrMalformed) {
		t.Errorf("600 bytes: %v", err)
	}
}

// TestOTPField covers the forms password managers store a TOTP in.
func TestOTPField(t *testing.T) {
	tests := []struct {
		name, in string
		want     otp.Account
		err      error
	}{
		{"uri", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP", github, nil},
		{"uri without label", "otpauth://totp/?secret=JBSWY3DPEHPK3PXP", github, nil},
		{"bare secret", " jbsw y3dp ehpk 3pxp ", github, nil},
		{"steam", "steam://ONSWG4TFOQ", otp.Account{Issuer: "GitHub", Name: "alice", Key: steam.Key}, nil},
		{"keeotp", "key=JBSWY3DPEHPK3PXP&step=30&size=6", github, nil},
		{"keeotp sha256", "key=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&step=60&size=8&otpHashMode=sha256",
			otp.Account{Issuer: "GitHub", Name: "alice", Key: mizuho.Key}, nil},
		{"keeotp bad step", "key=JBSWY3DPEHPK3PXP&step=x", otp.Account{}, otp.ErrBadPeriod},
		{"garbage", "not a secret!", otp.Account{}, otp.ErrBadSecret},
		{"migration", "otpauth-migration://offline?data=AA", otp.Account{}, otp.ErrNotOTPAuth},
		{"bad uri", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=4", otp.Account{}, otp.ErrBadDigits},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := otpField(tt.in, "GitHub", "alice")
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Errorf("got %+v, %v; want %+v, %v", got, err, tt.want, tt.err)
			}
		})
	}
}

func TestLegacyTOTP(t *testing.T) {
	tests := []struct {
		settings string
		want     otp.Key
		err      error
	}{
		{"", github.Key, nil},
		{"30;6", github.Key, nil},
		{"60;8", otp.Key{Type: otp.TOTP, Secret: "JBSWY3DPEHPK3PXP", Algorithm: otp.SHA1, Digits: 8, Period: 60}, nil},
		{"30;S", otp.Key{Type: otp.Steam, Secret: "JBSWY3DPEHPK3PXP", Algorithm: otp.SHA1, Digits: 5, Period: 30}, nil},
		{"60;S", otp.Key{}, otp.ErrBadPeriod},
		{"x;6", otp.Key{}, otp.ErrBadPeriod},
		{"30;x", otp.Key{}, otp.ErrBadDigits},
		{"30", otp.Key{}, otp.ErrMalformedURI},
		{"0;6", otp.Key{}, otp.ErrBadPeriod},
		{"30;4", otp.Key{}, otp.ErrBadDigits},
	}
	for _, tt := range tests {
		got, err := legacyTOTP("JBSWY3DPEHPK3PXP", tt.settings)
		if !errors.Is(err, tt.err) || got != tt.want {
			t.Errorf("%q: got %+v, %v; want %+v, %v", tt.settings, got, err, tt.want, tt.err)
		}
	}
}
