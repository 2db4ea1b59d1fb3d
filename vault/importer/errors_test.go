package importer

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/mamori-app/mamori/vault/otp"
)

// leak is a would-be secret that must never appear in an error.
const leak = "LEAKME7SECRET"

// migrationURI builds an otpauth-migration URI around payload fields, for
// broken-input cases the fixture generator does not make.
func migrationURI(payload []byte) string {
	return "otpauth-migration://offline?data=" + url.QueryEscape(base64.StdEncoding.EncodeToString(payload))
}

// params encodes one OtpParameters message from (field, value) pairs:
// []byte and string values become bytes fields, uint64 values varints.
func params(fields ...any) []byte {
	var b []byte
	for i := 0; i < len(fields); i += 2 {
		num := protowire.Number(fields[i].(int))
		switch v := fields[i+1].(type) {
		case []byte:
			b = protowire.AppendTag(b, num, protowire.BytesType)
			b = protowire.AppendBytes(b, v)
		case string:
			b = protowire.AppendTag(b, num, protowire.BytesType)
			b = protowire.AppendString(b, v)
		case uint64:
			b = protowire.AppendTag(b, num, protowire.VarintType)
			b = protowire.AppendVarint(b, v)
		}
	}
	return b
}

func payloadOf(ps ...[]byte) []byte {
	var b []byte
	for _, p := range ps {
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendBytes(b, p)
	}
	return b
}

// pngHeader is the start of a PNG claiming w×h pixels: enough for
// image.DecodeConfig, nothing more.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	var b bytes.Buffer
	b.Write(pngMagic)
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// TestParseErrors feeds broken files of every format and checks the
// sentinel, the place named, that nothing is returned, and that the
// message holds no secret.
func TestParseErrors(t *testing.T) {
	good := "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub"
	goodSecret := []byte("Hello!\xde\xad\xbe\xef")
	tests := []struct {
		name  string
		data  string
		opts  Options
		want  []error   // every one must match errors.Is
		pos   *Position // the first EntryError's position, if any
		count int       // how many EntryErrors, if more than one
	}{
		{name: "empty", data: "", want: []error{ErrEmpty}},
		{name: "white space", data: " \r\n\t", want: []error{ErrEmpty}},
		{name: "prose", data: "my codes are " + leak, want: []error{ErrUnknownFormat}},
		{name: "too large", data: good, opts: Options{MaxSize: 10}, want: []error{ErrTooLarge}},

		// otpauth lists
		{name: "bad secret", data: good + "\n\n" + "otpauth://totp/x?secret=" + leak + "!", want: []error{otp.ErrBadSecret},
			pos: &Position{Line: 3}},
		{name: "bad digits", data: "# c\n" + good + "&digits=4", want: []error{otp.ErrBadDigits}, pos: &Position{Line: 2}},
		{name: "two bad lines", data: "otpauth://totp/a?secret=" + leak + "1\n" + good + "\nhttps://example.com/" + leak,
			want: []error{otp.ErrBadSecret, otp.ErrNotOTPAuth}, pos: &Position{Line: 1}, count: 2},
		{name: "no label", data: "otpauth://totp/?secret=JBSWY3DPEHPK3PXP", want: []error{ErrNoLabel}, pos: &Position{Line: 1}},
		{name: "invalid utf-8", data: good + "\notpauth://totp/\xff?secret=JBSWY3DPEHPK3PXP", want: []error{otp.ErrMalformedURI},
			pos: &Position{Line: 2}},
		{name: "label too long", data: "otpauth://totp/" + strings.Repeat("a", 600) + "?secret=JBSWY3DPEHPK3PXP",
			want: []error{otp.ErrMalformedURI}, pos: &Position{Line: 1}},
		{name: "many bad lines", data: strings.Repeat("otpauth://totp/x?secret=1\n", 80), want: []error{otp.ErrBadSecret},
			count: maxEntryErrors},

		// Google Authenticator
		{name: "migration no data", data: "otpauth-migration://offline", want: []error{ErrMalformed}, pos: &Position{Line: 1}},
		{name: "migration two data", data: "otpauth-migration://offline?data=AA&data=AA", want: []error{ErrMalformed}},
		{name: "migration bad base64", data: "otpauth-migration://offline?data=!!" + leak, want: []error{ErrMalformed}},
		{name: "migration bad escape", data: "otpauth-migration://offline?data=%zz", want: []error{ErrMalformed}},
		{name: "migration truncated", data: migrationURI(payloadOf(params(1, goodSecret, 2, "x"))[:8]),
			want: []error{ErrMalformed}, pos: &Position{Line: 1}},
		{name: "migration wrong wire type", data: migrationURI(protowire.AppendVarint(protowire.AppendTag(nil, 1, protowire.VarintType), 3)),
			want: []error{ErrMalformed}},
		{name: "migration params wrong wire type", data: migrationURI(payloadOf(params(1, uint64(5)))), want: []error{ErrMalformed},
			pos: &Position{Line: 1, Entry: 1}},
		{name: "migration empty secret", data: migrationURI(payloadOf(params(2, "x"))), want: []error{otp.ErrMissingSecret},
			pos: &Position{Line: 1, Entry: 1}},
		{name: "migration bad digits", data: migrationURI(payloadOf(params(1, goodSecret, 2, "x"), params(1, goodSecret, 2, "y", 5, uint64(3)))),
			want: []error{otp.ErrBadDigits}, pos: &Position{Line: 1, Entry: 2}},
		{name: "migration bad algorithm", data: migrationURI(payloadOf(params(1, goodSecret, 2, "x", 4, uint64(9)))),
			want: []error{otp.ErrBadAlgorithm}},
		{name: "migration bad type", data: migrationURI(payloadOf(params(1, goodSecret, 2, "x", 6, uint64(7)))),
			want: []error{otp.ErrUnknownType}},
		{name: "migration negative counter", data: migrationURI(payloadOf(params(1, goodSecret, 2, "x", 6, uint64(1), 7, ^uint64(0)))),
			want: []error{otp.ErrBadCounter}},
		{name: "migration batch out of range", data: migrationURI(append(payloadOf(params(1, goodSecret, 2, "x")),
			protowire.AppendVarint(protowire.AppendTag(protowire.AppendVarint(protowire.AppendTag(nil, 3, protowire.VarintType), 2),
				4, protowire.VarintType), 2)...)),
			want: []error{ErrMalformed}},
		{name: "migration only md5", data: migrationURI(payloadOf(params(1, goodSecret, 2, "x", 4, uint64(4)))),
			want: []error{ErrNoAccounts}},

		// Images
		{name: "truncated png", data: string(readFixture(t, "qr-otpauth.png")[:120]), want: []error{ErrMalformed}},
		{name: "png bomb", data: string(pngHeader(100000, 100000)), want: []error{ErrTooLarge}},
		{name: "no qr code", data: string(readFixture(t, "no-qr.png")), want: []error{ErrNoQRCode}},

		// Aegis
		{name: "aegis bad json", data: "{\"header\": {},\n\"db\": {\n\"entries\": [\n,]}}", want: []error{ErrMalformed},
			pos: &Position{Line: 4}},
		{name: "aegis version", data: `{"version":2,"header":{},"db":{"entries":[]}}`, want: []error{ErrMalformed}},
		{name: "aegis no entries", data: `{"version":1,"header":{},"db":{}}`, want: []error{ErrMalformed}},
		{name: "aegis bad secret", data: `{"header":{},"db":{"entries":[
			{"type":"totp","name":"a","issuer":"b","info":{"secret":"JBSWY3DPEHPK3PXP"}},
			{"type":"totp","name":"c","issuer":"d","info":{"secret":"` + leak + `!"}}]}}`,
			want: []error{otp.ErrBadSecret}, pos: &Position{Entry: 2}},
		{name: "aegis digits text", data: `{"header":{},"db":{"entries":[{"type":"totp","name":"a","info":{"secret":"JBSWY3DPEHPK3PXP","digits":"six"}}]}}`,
			want: []error{ErrMalformed}, pos: &Position{Entry: 1}},
		{name: "aegis four digits", data: `{"header":{},"db":{"entries":[{"type":"totp","name":"a","info":{"secret":"JBSWY3DPEHPK3PXP","digits":4}}]}}`,
			want: []error{otp.ErrBadDigits}, pos: &Position{Entry: 1}},
		{name: "aegis negative period", data: `{"header":{},"db":{"entries":[{"type":"totp","name":"a","info":{"secret":"JBSWY3DPEHPK3PXP","period":-30}}]}}`,
			want: []error{ErrMalformed}},
		{name: "aegis md5", data: `{"header":{},"db":{"entries":[{"type":"hotp","name":"a","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"MD5"}}]}}`,
			want: []error{otp.ErrBadAlgorithm}},
		{name: "aegis no info", data: `{"header":{},"db":{"entries":[{"type":"totp","name":"a"}]}}`, want: []error{ErrMalformed},
			pos: &Position{Entry: 1}},
		{name: "aegis only yandex", data: `{"header":{},"db":{"entries":[{"type":"yandex","name":"a","info":{"secret":"JBSWY3DPEHPK3PXP"}}]}}`,
			want: []error{ErrNoAccounts}},
		{name: "aegis encrypted no params", data: `{"header":{"slots":[]},"db":"AAAA"}`, want: []error{ErrMalformed}},
		{name: "aegis no password slot", data: `{"header":{"slots":[{"type":2,"key":"00"}],"params":{"nonce":"000000000000000000000000","tag":"00000000000000000000000000000000"}},"db":"AAAA"}`,
			want: []error{ErrUnsupportedEncryption}},
		{name: "aegis bad nonce", data: `{"header":{"slots":[],"params":{"nonce":"zz","tag":"00"}},"db":"AAAA"}`, want: []error{ErrMalformed}},
		{name: "aegis huge scrypt", data: aegisSlotJSON(1<<20, 8, 1), want: []error{ErrMalformed}},
		{name: "aegis scrypt n not power of two", data: aegisSlotJSON(1000, 8, 1), want: []error{ErrMalformed}},
		{name: "aegis scrypt r zero", data: aegisSlotJSON(1024, 0, 1), want: []error{ErrMalformed}},

		// 2FAS
		{name: "2fas no services", data: `{"schemaVersion":4,"services":null}`, want: []error{ErrMalformed}},
		{name: "2fas services not a list", data: `{"schemaVersion":4,"services":{"a":1}}`, want: []error{ErrMalformed}},
		{name: "2fas no otp", data: `{"schemaVersion":4,"services":[{"name":"a","secret":"JBSWY3DPEHPK3PXP"}]}`, want: []error{ErrMalformed},
			pos: &Position{Entry: 1}},
		{name: "2fas bad secret", data: `{"schemaVersion":4,"services":[{"name":"a","secret":"` + leak + `!","otp":{}}]}`,
			want: []error{otp.ErrBadSecret}, pos: &Position{Entry: 1}},
		{name: "2fas unknown type", data: `{"schemaVersion":4,"services":[{"name":"a","secret":"JBSWY3DPEHPK3PXP","otp":{"tokenType":"YAOTP"}}]}`,
			want: []error{ErrNoAccounts}},
		{name: "2fas encrypted two parts", data: `{"services":[],"servicesEncrypted":"AAAA:AAAA"}`, want: []error{ErrMalformed}},
		{name: "2fas encrypted bad base64", data: `{"services":[],"servicesEncrypted":"!!:AAAA:AAAAAAAAAAAAAAAA"}`, want: []error{ErrMalformed}},
		{name: "2fas encrypted short iv", data: `{"services":[],"servicesEncrypted":"AAAAAAAAAAAAAAAAAAAAAA==:AAAA:AAAA"}`, want: []error{ErrMalformed}},

		// Ente
		{name: "ente version", data: `{"version":2,"kdfParams":{"memLimit":8192,"opsLimit":1,"salt":"AAAAAAAAAAAAAAAAAAAAAA=="},"encryptedData":"","encryptionNonce":""}`,
			want: []error{ErrMalformed}},
		{name: "ente no kdf", data: `{"version":1,"kdfParams":null,"encryptedData":"","encryptionNonce":""}`, want: []error{ErrMalformed}},
		{name: "ente huge memory", data: enteJSON(4<<30, 1, 16, 24, 40), want: []error{ErrMalformed}},
		{name: "ente too much work", data: enteJSON(1<<30, 100, 16, 24, 40), want: []error{ErrMalformed}},
		{name: "ente no ops", data: enteJSON(8192, 0, 16, 24, 40), want: []error{ErrMalformed}},
		{name: "ente short salt", data: enteJSON(8192, 1, 8, 24, 40), want: []error{ErrMalformed}},
		{name: "ente short nonce", data: enteJSON(8192, 1, 16, 12, 40), want: []error{ErrMalformed}},
		{name: "ente short data", data: enteJSON(8192, 1, 16, 24, 10), want: []error{ErrCorrupt}},

		// Bitwarden, Proton
		{name: "bitwarden protected, no salt", data: `{"encrypted":true,"passwordProtected":true,"encKeyValidation_DO_NOT_EDIT":"x","data":"y"}`,
			want: []error{ErrMalformed}},
		{name: "bitwarden protected, bad strings", data: `{"encrypted":true,"passwordProtected":true,"salt":"s","kdfType":0,"kdfIterations":5000,` +
			`"encKeyValidation_DO_NOT_EDIT":"2.` + leak + `|x|y","data":"y"}`, want: []error{ErrMalformed}},
		{name: "bitwarden account restricted", data: `{"encrypted":true,"encKeyValidation_DO_NOT_EDIT":"x","items":[]}`,
			want: []error{ErrUnsupportedEncryption}},
		{name: "bitwarden bad totp", data: `{"encrypted":false,"items":[{"name":"a","login":{"totp":"` + leak + `!"}}]}`,
			want: []error{otp.ErrBadSecret}, pos: &Position{Entry: 1}},
		{name: "bitwarden item not an object", data: `{"encrypted":false,"items":[{"name":"a","login":{"totp":"JBSWY3DPEHPK3PXP"}}, 7]}`,
			want: []error{ErrMalformed}, pos: &Position{Entry: 2}},
		{name: "bitwarden no totp", data: `{"encrypted":false,"items":[{"name":"a","login":{"username":"b","password":"` + leak + `"}}]}`,
			want: []error{ErrNoAccounts}},
		{name: "proton no uri", data: `{"version":1,"entries":[{"content":{"name":"a"}}]}`, want: []error{ErrMalformed}, pos: &Position{Entry: 1}},
		{name: "proton no entries", data: `{"version":1,"entries":null}`, want: []error{ErrMalformed}},
		{name: "proton bad uri", data: `{"version":1,"entries":[{"content":{"uri":"otpauth://totp/a?secret=` + leak + `!"}}]}`,
			want: []error{otp.ErrBadSecret}},

		// KeePass
		{name: "keepass csv bad totp", data: "Title,Username,TOTP\nA,b,otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\nB,c,otpauth://totp/b?secret=" + leak + "!\n",
			want: []error{otp.ErrBadSecret}, pos: &Position{Line: 3}},
		{name: "keepass csv no title", data: "Name,TOTP\n", opts: Options{Format: FormatKeePassCSV}, want: []error{ErrMalformed}},
		{name: "keepass csv only passwords", data: "Title,Username,Password,TOTP\nA,b," + leak + ",\n", want: []error{ErrNoAccounts}},
		{name: "keepass xml broken", data: "<KeePassFile>\n<Root>\n<Group><Entry></Group>\n</Root></KeePassFile>", want: []error{ErrMalformed},
			pos: &Position{Line: 3}},
		{name: "keepass xml bad settings", data: `<KeePassFile><Root><Group><Entry><String><Key>Title</Key><Value>A</Value></String>` +
			`<String><Key>TOTP Seed</Key><Value>JBSWY3DPEHPK3PXP</Value></String><String><Key>TOTP Settings</Key><Value>30;4</Value></String>` +
			`</Entry></Group></Root></KeePassFile>`, want: []error{otp.ErrBadDigits}, pos: &Position{Entry: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asked := false
			opts := tt.opts
			opts.Passphrase = func() (string, error) { asked = true; return fixturePassword, nil }
			res, err := Parse([]byte(tt.data), opts)
			if err == nil {
				t.Fatalf("no error; got %+v", res)
			}
			for _, w := range tt.want {
				if !errors.Is(err, w) {
					t.Errorf("error %q does not wrap %q", err, w)
				}
			}
			if len(res.Accounts) != 0 || len(res.From) != 0 {
				t.Errorf("accounts returned with an error: %+v", res.Accounts)
			}
			if asked {
				t.Errorf("asked for a password for a broken file")
			}
			msg := err.Error()
			if strings.Contains(msg, leak) || strings.Contains(msg, "JBSWY3DP") || strings.Contains(msg, fixturePassword) {
				t.Errorf("error leaks a secret: %s", msg)
			}
			if msg != strings.ToValidUTF8(msg, "") {
				t.Errorf("error is not valid utf-8: %q", msg)
			}
			if tt.pos != nil {
				var ee *EntryError
				if !errors.As(err, &ee) {
					t.Fatalf("error %q is not an *EntryError", err)
				}
				if ee.Position != *tt.pos {
					t.Errorf("position %v, want %v (%s)", ee.Position, *tt.pos, err)
				}
				if !strings.HasPrefix(msg, tt.pos.String()) {
					t.Errorf("message %q does not start with %q", msg, tt.pos.String())
				}
			}
			if tt.count > 1 {
				var es EntryErrors
				if !errors.As(err, &es) || len(es) != tt.count {
					t.Errorf("want %d entry errors, got %v", tt.count, err)
				}
			}
		})
	}
}

// aegisSlotJSON is an encrypted Aegis header with one password slot using
// the given scrypt parameters.
func aegisSlotJSON(n, r, p int) string {
	z := func(k int) string { return strings.Repeat("00", k) }
	return `{"version":1,"header":{"slots":[{"type":1,"key":"` + z(32) + `","key_params":{"nonce":"` + z(12) + `","tag":"` + z(16) +
		`"},"n":` + strconv.Itoa(n) + `,"r":` + strconv.Itoa(r) + `,"p":` + strconv.Itoa(p) + `,"salt":"` + z(32) + `"}],"params":{"nonce":"` + z(12) +
		`","tag":"` + z(16) + `"}},"db":"AAAA"}`
}

// enteJSON is an Ente export with the given KDF limits and field sizes.
func enteJSON(mem, ops int64, salt, nonce, data int) string {
	b := func(n int) string { return base64.StdEncoding.EncodeToString(make([]byte, n)) }
	return `{"version":1,"kdfParams":{"memLimit":` + strconv.Itoa(int(mem)) + `,"opsLimit":` + strconv.Itoa(int(ops)) + `,"salt":"` + b(salt) +
		`"},"encryptedData":"` + b(data) + `","encryptionNonce":"` + b(nonce) + `"}`
}

// TestEntryErrorsText checks the wording of several errors at once.
func TestEntryErrorsText(t *testing.T) {
	var l errorList
	if l.err() != nil {
		t.Fatal("empty list is an error")
	}
	l.add(Position{Line: 2}, "GitHub: alice", otp.ErrBadSecret)
	one := l.err()
	if one.Error() != "line 2 (GitHub: alice): otp: invalid secret" {
		t.Errorf("one = %q", one)
	}
	l.add(Position{Entry: 3}, "", otp.ErrBadDigits)
	two := l.err()
	if two.Error() != "line 2 (GitHub: alice): otp: invalid secret (and 1 more)" {
		t.Errorf("two = %q", two)
	}
	if !errors.Is(two, otp.ErrBadDigits) || !errors.Is(two, otp.ErrBadSecret) {
		t.Errorf("errors.Is misses one of %v", two)
	}
	var ee *EntryError
	if !errors.As(two, &ee) || ee.Position.Line != 2 {
		t.Errorf("errors.As = %+v", ee)
	}
	if (&EntryError{Err: ErrMalformed}).Error() != ErrMalformed.Error() {
		t.Errorf("no position: %q", (&EntryError{Err: ErrMalformed}).Error())
	}
}

func TestDetail(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		sentinel error
		want     string
	}{
		{"wrapped with detail", fmt.Errorf("%w: line 3: bad JSON", ErrMalformed), ErrMalformed, "line 3: bad JSON"},
		{"context before", fmt.Errorf("entry 2: %w: no secret", ErrMalformed), ErrMalformed, "no secret"},
		{"sentinel alone", ErrMalformed, ErrMalformed, ""},
		{"colon and spaces only", fmt.Errorf("%w:  ", ErrTooLarge), ErrTooLarge, ""},
		{"other sentinel", fmt.Errorf("%w: x", ErrTooLarge), ErrMalformed, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detail(tt.err, tt.sentinel); got != tt.want {
				t.Errorf("Detail(%q, %q) = %q; want %q", tt.err, tt.sentinel, got, tt.want)
			}
		})
	}
}
