package otp

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var timeZero = time.Unix(0, 0)

const sec = "JBSWY3DPEHPK3PXP"

func totp(issuer, name string) Account {
	return Account{Issuer: issuer, Name: name, Key: Key{Type: TOTP, Secret: sec, Algorithm: SHA1, Digits: 6, Period: 30}}
}

func TestParseURI(t *testing.T) {
	with := func(a Account, f func(*Account)) Account { f(&a); return a }
	tests := []struct {
		name, uri string
		want      Account
	}{
		{"minimal", "otpauth://totp/alice?secret=" + sec, totp("", "alice")},
		{"google example", "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example",
			totp("Example", "alice@google.com")},
		{"japanese issuer", "otpauth://totp/%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C:taro?secret=" + sec +
			"&issuer=%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C", totp("みずほ銀行", "taro")},
		{"raw utf-8", "otpauth://totp/楽天:花子?secret=" + sec, totp("楽天", "花子")},
		{"plus is space", "otpauth://totp/Big+Bank:Taro+Yamada?secret=" + sec + "&issuer=Big+Bank", totp("Big Bank", "Taro Yamada")},
		{"%2B is plus", "otpauth://totp/a%2Bb?secret=" + sec, totp("", "a+b")},
		{"issuer: name", "otpauth://totp/ACME%20Co:%20john@example.com?secret=" + sec, totp("ACME Co", "john@example.com")},
		{"encoded colon", "otpauth://totp/GitHub%3Aoctocat?secret=" + sec + "&issuer=GitHub", totp("GitHub", "octocat")},
		{"issuer param wins", "otpauth://totp/Old:bob?secret=" + sec + "&issuer=New", totp("New", "bob")},
		{"issuer param no prefix", "otpauth://totp/bob?secret=" + sec + "&issuer=New", totp("New", "bob")},
		{"empty issuer param", "otpauth://totp/Lbl:bob?secret=" + sec + "&issuer=", totp("Lbl", "bob")},
		{"issuer with colon", "otpauth://totp/a%3Ab:c?secret=" + sec + "&issuer=a%3Ab", totp("a:b", "c")},
		{"name only colon", "otpauth://totp/:a%3Ab?secret=" + sec, totp("", "a:b")},
		{"empty label", "otpauth://totp/?secret=" + sec, totp("", "")},
		{"no label", "otpauth://totp?secret=" + sec, totp("", "")},
		{"upper case scheme and type", "OTPAUTH://TOTP/x?SECRET=" + sec, totp("", "x")},
		{"lower-case secret with spaces", "otpauth://totp/x?secret=jbsw%20y3dp+ehpk-3pxp", totp("", "x")},
		{"padded secret", "otpauth://totp/x?secret=GEZDGNBVGY3TQ%3D%3D%3D", with(totp("", "x"), func(a *Account) { a.Key.Secret = "GEZDGNBVGY3TQ" })},
		{"sha512 lower case", "otpauth://totp/x?secret=" + sec + "&algorithm=sha512&digits=8&period=60",
			with(totp("", "x"), func(a *Account) { a.Key.Algorithm, a.Key.Digits, a.Key.Period = SHA512, 8, 60 })},
		{"sha-256", "otpauth://totp/x?secret=" + sec + "&algorithm=SHA-256", with(totp("", "x"), func(a *Account) { a.Key.Algorithm = SHA256 })},
		{"10 digits", "otpauth://totp/x?secret=" + sec + "&digits=10", with(totp("", "x"), func(a *Account) { a.Key.Digits = 10 })},
		{"extra params", "otpauth://totp/x?secret=" + sec + "&image=https%3A%2F%2Fexample.com%2Fa.png&color=%23ff0000&foo&bad=%zz",
			totp("", "x")},
		{"fragment ignored", "otpauth://totp/x?secret=" + sec + "#digits=8", totp("", "x")},
		{"surrounding space", "  otpauth://totp/x?secret=" + sec + "\n", totp("", "x")},
		{"empty params", "otpauth://totp/x?secret=" + sec + "&digits=&period=&algorithm=&&", totp("", "x")},
		{"hotp", "otpauth://hotp/x?secret=" + sec + "&counter=42",
			Account{Name: "x", Key: Key{Type: HOTP, Secret: sec, Algorithm: SHA1, Digits: 6, Counter: 42}}},
		{"hotp no counter", "otpauth://hotp/x?secret=" + sec + "&period=30",
			Account{Name: "x", Key: Key{Type: HOTP, Secret: sec, Algorithm: SHA1, Digits: 6}}},
		{"hotp max counter", "otpauth://hotp/x?secret=" + sec + "&counter=18446744073709551615",
			Account{Name: "x", Key: Key{Type: HOTP, Secret: sec, Algorithm: SHA1, Digits: 6, Counter: 1<<64 - 1}}},
		{"totp ignores counter", "otpauth://totp/x?secret=" + sec + "&counter=abc", totp("", "x")},
		{"steam type", "otpauth://steam/Steam:gaben?secret=" + sec + "&issuer=Steam",
			Account{Issuer: "Steam", Name: "gaben", Key: Key{Type: Steam, Secret: sec, Algorithm: SHA1, Digits: 5, Period: 30}}},
		{"steam encoder", "otpauth://totp/Steam:gaben?secret=" + sec + "&issuer=Steam&encoder=steam&digits=5&period=30",
			Account{Issuer: "Steam", Name: "gaben", Key: Key{Type: Steam, Secret: sec, Algorithm: SHA1, Digits: 5, Period: 30}}},
		{"steam encoder upper", "otpauth://totp/x?secret=" + sec + "&Encoder=STEAM&algorithm=sha1",
			Account{Name: "x", Key: Key{Type: Steam, Secret: sec, Algorithm: SHA1, Digits: 5, Period: 30}}},
		{"pquerna steam", "otpauth://totp/username%20steam:username?secret=qlt6vmy6svfx4bt4rpmisaiyol6hihca&period=30&digits=5&issuer=username%20steam&encoder=steam",
			Account{Issuer: "username steam", Name: "username", Key: Key{Type: Steam, Secret: "QLT6VMY6SVFX4BT4RPMISAIYOL6HIHCA", Algorithm: SHA1, Digits: 5, Period: 30}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseURI(tt.uri)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got  %+v\nwant %+v", got, tt.want)
			}
			again, err := ParseURI(got.URI())
			if err != nil || again != got {
				t.Fatalf("round trip via %s: %+v, %v", got.URI(), again, err)
			}
		})
	}
}

func TestParseURIErrors(t *testing.T) {
	tests := []struct {
		name, uri string
		want      error
	}{
		{"empty", "", ErrNotOTPAuth},
		{"bare secret", sec, ErrNotOTPAuth},
		{"https", "https://example.com/?secret=" + sec, ErrNotOTPAuth},
		{"migration", "otpauth-migration://offline?data=abc", ErrNotOTPAuth},
		{"one slash", "otpauth:/totp/x?secret=" + sec, ErrNotOTPAuth},
		{"too long", "otpauth://totp/x?secret=" + sec + "&image=" + strings.Repeat("a", 8<<10), ErrMalformedURI},
		{"invalid utf-8", "otpauth://totp/\xff?secret=" + sec, ErrMalformedURI},
		{"encoded invalid utf-8", "otpauth://totp/%ff?secret=" + sec, ErrMalformedURI},
		{"bad label escape", "otpauth://totp/%zz?secret=" + sec, ErrMalformedURI},
		{"bad value escape", "otpauth://totp/x?secret=" + sec + "&issuer=%e3%81", ErrMalformedURI},
		{"bad value escape2", "otpauth://totp/x?secret=" + sec + "&issuer=%g0", ErrMalformedURI},
		{"control in label", "otpauth://totp/a%0Ab?secret=" + sec, ErrMalformedURI},
		{"control in issuer", "otpauth://totp/x?secret=" + sec + "&issuer=a%00", ErrMalformedURI},
		{"long issuer", "otpauth://totp/x?secret=" + sec + "&issuer=" + strings.Repeat("a", 513), ErrMalformedURI},
		{"duplicate secret", "otpauth://totp/x?secret=" + sec + "&secret=GEZDGNBV", ErrMalformedURI},
		{"duplicate digits any case", "otpauth://totp/x?secret=" + sec + "&digits=6&DIGITS=8", ErrMalformedURI},
		{"no type", "otpauth:///x?secret=" + sec, ErrUnknownType},
		{"unknown type", "otpauth://motp/x?secret=" + sec, ErrUnknownType},
		{"unknown encoder", "otpauth://totp/x?secret=" + sec + "&encoder=yandex", ErrUnknownType},
		{"hotp steam encoder", "otpauth://hotp/x?secret=" + sec + "&encoder=steam", ErrUnknownType},
		{"no secret", "otpauth://totp/x?issuer=a", ErrMissingSecret},
		{"empty secret", "otpauth://totp/x?secret=&issuer=a", ErrMissingSecret},
		{"blank secret", "otpauth://totp/x?secret=+-+", ErrMissingSecret},
		{"non-base32 secret", "otpauth://totp/x?secret=JBSWY3DPEHPK3PX1", ErrBadSecret},
		{"bad length secret", "otpauth://totp/x?secret=JBSWY3DPE", ErrBadSecret},
		{"md5", "otpauth://totp/x?secret=" + sec + "&algorithm=MD5", ErrBadAlgorithm},
		{"sha384", "otpauth://totp/x?secret=" + sec + "&algorithm=sha384", ErrBadAlgorithm},
		{"steam sha256", "otpauth://steam/x?secret=" + sec + "&algorithm=sha256", ErrBadAlgorithm},
		{"digits 0", "otpauth://totp/x?secret=" + sec + "&digits=0", ErrBadDigits},
		{"digits 5 totp", "otpauth://totp/x?secret=" + sec + "&digits=5", ErrBadDigits},
		{"digits 11", "otpauth://totp/x?secret=" + sec + "&digits=11", ErrBadDigits},
		{"digits 300", "otpauth://totp/x?secret=" + sec + "&digits=300", ErrBadDigits},
		{"digits -6", "otpauth://totp/x?secret=" + sec + "&digits=-6", ErrBadDigits},
		{"digits +6", "otpauth://totp/x?secret=" + sec + "&digits=%2B6", ErrBadDigits},
		{"digits six", "otpauth://totp/x?secret=" + sec + "&digits=six", ErrBadDigits},
		{"digits 6.0", "otpauth://totp/x?secret=" + sec + "&digits=6.0", ErrBadDigits},
		{"steam digits 6", "otpauth://steam/x?secret=" + sec + "&digits=6", ErrBadDigits},
		{"encoder steam digits 6", "otpauth://totp/x?secret=" + sec + "&encoder=steam&digits=6", ErrBadDigits},
		{"period 0", "otpauth://totp/x?secret=" + sec + "&period=0", ErrBadPeriod},
		{"period -30", "otpauth://totp/x?secret=" + sec + "&period=-30", ErrBadPeriod},
		{"period 30s", "otpauth://totp/x?secret=" + sec + "&period=30s", ErrBadPeriod},
		{"period 2 days", "otpauth://totp/x?secret=" + sec + "&period=172800", ErrBadPeriod},
		{"period huge", "otpauth://totp/x?secret=" + sec + "&period=99999999999999999999", ErrBadPeriod},
		{"steam period 60", "otpauth://steam/x?secret=" + sec + "&period=60", ErrBadPeriod},
		{"counter -1", "otpauth://hotp/x?secret=" + sec + "&counter=-1", ErrBadCounter},
		{"counter overflow", "otpauth://hotp/x?secret=" + sec + "&counter=18446744073709551616", ErrBadCounter},
		{"counter hex", "otpauth://hotp/x?secret=" + sec + "&counter=0x10", ErrBadCounter},
		{"counter word", "otpauth://hotp/x?secret=" + sec + "&counter=ten", ErrBadCounter},
	}
	for _, tt := range tests {
		a, err := ParseURI(tt.uri)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: got %+v, %v; want %v", tt.name, a, err, tt.want)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "otp: ") || strings.Count(msg, ": ") < 2 {
			t.Errorf("%s: message %q", tt.name, msg)
		}
	}
}

func TestURI(t *testing.T) {
	tests := []struct {
		a    Account
		want string
	}{
		{totp("Example", "alice@google.com"),
			"otpauth://totp/Example:alice%40google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=SHA1&digits=6&period=30"},
		{totp("みずほ銀行", "taro"),
			"otpauth://totp/%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C:taro?secret=JBSWY3DPEHPK3PXP&issuer=%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C&algorithm=SHA1&digits=6&period=30"},
		{totp("", "a b+c:d"),
			"otpauth://totp/:a%20b%2Bc%3Ad?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30"},
		{Account{Name: "x", Key: Key{Type: HOTP, Secret: sec, Algorithm: SHA256, Digits: 8, Counter: 7}},
			"otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256&digits=8&counter=7"},
		{Account{Issuer: "Steam", Name: "gaben", Key: Key{Type: Steam, Secret: sec, Algorithm: SHA1, Digits: 5, Period: 30}},
			"otpauth://steam/Steam:gaben?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30"},
	}
	for _, tt := range tests {
		if got := tt.a.URI(); got != tt.want {
			t.Errorf("URI()\n got %s\nwant %s", got, tt.want)
		}
		if back, err := ParseURI(tt.want); err != nil || back != tt.a {
			t.Errorf("ParseURI(%s) = %+v, %v", tt.want, back, err)
		}
	}
}

// The longest issuer, name and secret ParseURI accepts still produce a URI
// that ParseURI accepts.
func TestURIWorstCaseLength(t *testing.T) {
	a := Account{
		Issuer: strings.Repeat("é", 256),
		Name:   strings.Repeat("日", 170),
		Key:    Key{Type: HOTP, Secret: strings.Repeat("A", 1024), Algorithm: SHA512, Digits: 10, Counter: 1<<64 - 1},
	}
	u := a.URI()
	if len(u) > maxURILength {
		t.Fatalf("URI is %d bytes", len(u))
	}
	if back, err := ParseURI(u); err != nil || back != a {
		t.Fatalf("round trip: %v", err)
	}
}
