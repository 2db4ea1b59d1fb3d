package importer

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault/otp"
)

// encryptedFixtures are the committed password-encrypted exports, all
// opened by fixturePassword.
var encryptedFixtures = []string{"aegis-encrypted.json", "2fas-encrypted.2fas", "ente-encrypted.json",
	"bitwarden-encrypted.json", "bitwarden-encrypted-argon2.json"}

// TestPassphrase checks how each encrypted format asks for its password:
// once, and every way the answer can be unusable.
func TestPassphrase(t *testing.T) {
	errCancelled := errors.New("cancelled by the user")
	for _, file := range encryptedFixtures {
		data := readFixture(t, file)
		t.Run(file, func(t *testing.T) {
			tests := []struct {
				name string
				pass func() (string, error)
				want error
			}{
				{"no passphrase func", nil, ErrPassphraseRequired},
				{"empty password", func() (string, error) { return "", nil }, ErrPassphraseRequired},
				{"cancelled", func() (string, error) { return "", errCancelled }, errCancelled},
				{"wrong password", func() (string, error) { return "Correct horse battery staple", nil }, ErrWrongPassword},
				{"password with a space", func() (string, error) { return fixturePassword + " ", nil }, ErrWrongPassword},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					calls := 0
					opts := Options{}
					if tt.pass != nil {
						opts.Passphrase = func() (string, error) { calls++; return tt.pass() }
					}
					res, err := Parse(data, opts)
					if !errors.Is(err, tt.want) {
						t.Fatalf("err = %v, want %v", err, tt.want)
					}
					if len(res.Accounts) != 0 || !res.Encrypted || res.Format == FormatUnknown {
						t.Errorf("result %+v", res)
					}
					if tt.pass != nil && calls != 1 {
						t.Errorf("passphrase asked %d times", calls)
					}
					if strings.Contains(err.Error(), "orse battery") {
						t.Errorf("error quotes the password: %v", err)
					}
				})
			}
		})
	}
}

// TestTampered damages each encrypted export after it was made. A change
// the format can pin down is ErrCorrupt; where the format has a single
// authenticated message (Ente, 2FAS without its reference) it reads as a
// wrong password, and says the file may be damaged.
func TestTampered(t *testing.T) {
	open := func(data []byte) error {
		_, err := Parse(data, Options{Passphrase: func() (string, error) { return fixturePassword, nil }})
		return err
	}

	aegis := readFixture(t, "aegis-encrypted.json")
	editAegis := func(f func(m map[string]any)) []byte {
		var m map[string]any
		if err := json.Unmarshal(aegis, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	header := func(m map[string]any) map[string]any { return m["header"].(map[string]any) }
	passwordSlot := func(m map[string]any) map[string]any {
		slots := header(m)["slots"].([]any)
		return slots[len(slots)-1].(map[string]any)
	}
	flipB64 := func(s string, i int) string {
		b, _ := base64.StdEncoding.DecodeString(s)
		b[i%len(b)] ^= 1
		return base64.StdEncoding.EncodeToString(b)
	}
	flipHex := func(s string) string {
		b, _ := hex.DecodeString(s)
		b[0] ^= 1
		return hex.EncodeToString(b)
	}

	twoFAS := readFixture(t, "2fas-encrypted.2fas")
	edit2FAS := func(f func(m map[string]any)) []byte {
		var m map[string]any
		if err := json.Unmarshal(twoFAS, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		return b
	}
	flipPart := func(s string, part int) string {
		ps := strings.Split(s, ":")
		ps[part] = flipB64(ps[part], 5)
		return strings.Join(ps, ":")
	}

	ente := readFixture(t, "ente-encrypted.json")
	editEnte := func(f func(m map[string]any)) []byte {
		var m map[string]any
		if err := json.Unmarshal(ente, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		return b
	}

	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"aegis db byte flipped", editAegis(func(m map[string]any) { m["db"] = flipB64(m["db"].(string), 100) }), ErrCorrupt},
		{"aegis db truncated", editAegis(func(m map[string]any) { s := m["db"].(string); m["db"] = s[:len(s)-40] }), ErrCorrupt},
		{"aegis db tag changed", editAegis(func(m map[string]any) {
			p := header(m)["params"].(map[string]any)
			p["tag"] = flipHex(p["tag"].(string))
		}), ErrCorrupt},
		{"aegis slot key changed", editAegis(func(m map[string]any) { s := passwordSlot(m); s["key"] = flipHex(s["key"].(string)) }), ErrWrongPassword},
		{"aegis slot salt changed", editAegis(func(m map[string]any) { s := passwordSlot(m); s["salt"] = flipHex(s["salt"].(string)) }), ErrWrongPassword},
		{"aegis file truncated", aegis[:len(aegis)/2], ErrMalformed},
		{"2fas services flipped", edit2FAS(func(m map[string]any) { m["servicesEncrypted"] = flipPart(m["servicesEncrypted"].(string), 0) }), ErrCorrupt},
		{"2fas iv changed", edit2FAS(func(m map[string]any) { m["servicesEncrypted"] = flipPart(m["servicesEncrypted"].(string), 2) }), ErrCorrupt},
		{"2fas reference flipped", edit2FAS(func(m map[string]any) { m["reference"] = flipPart(m["reference"].(string), 0) }), ErrWrongPassword},
		{"2fas without reference, flipped", edit2FAS(func(m map[string]any) {
			delete(m, "reference")
			m["servicesEncrypted"] = flipPart(m["servicesEncrypted"].(string), 0)
		}), ErrWrongPassword},
		{"2fas truncated", twoFAS[:len(twoFAS)-30], ErrMalformed},
		{"ente data flipped", editEnte(func(m map[string]any) { m["encryptedData"] = flipB64(m["encryptedData"].(string), 40) }), ErrWrongPassword},
		{"ente tag byte flipped", editEnte(func(m map[string]any) { m["encryptedData"] = flipB64(m["encryptedData"].(string), 0) }), ErrWrongPassword},
		{"ente nonce flipped", editEnte(func(m map[string]any) { m["encryptionNonce"] = flipB64(m["encryptionNonce"].(string), 3) }), ErrWrongPassword},
		{"ente data truncated", editEnte(func(m map[string]any) {
			b, _ := base64.StdEncoding.DecodeString(m["encryptedData"].(string))
			m["encryptedData"] = base64.StdEncoding.EncodeToString(b[:len(b)-1])
		}), ErrWrongPassword},
		{"ente kdf changed", editEnte(func(m map[string]any) { m["kdfParams"].(map[string]any)["opsLimit"] = 2 }), ErrWrongPassword},
		{"ente not the final message", readFixture(t, "ente-encrypted-notfinal.json"), ErrCorrupt},
		{"ente file truncated", ente[:len(ente)-20], ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := open(tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if errors.Is(err, ErrWrongPassword) && strings.HasPrefix(tt.name, "ente") &&
				!strings.Contains(err.Error(), "damaged") {
				t.Errorf("ente error does not mention damage: %v", err)
			}
		})
	}
}

// TestAegisSlots checks that every password slot is tried, and that a
// vault only a phone's key store can open is refused clearly.
func TestAegisSlots(t *testing.T) {
	db := []byte(`{"version":2,"entries":[{"type":"totp","name":"alice","issuer":"GitHub","info":{"secret":"JBSWY3DPEHPK3PXP"}}]}`)
	other := aegisEncrypt(t, db, "another password", 1<<10, 8, 1, false)
	mine := aegisEncrypt(t, db, fixturePassword, 1<<10, 8, 1, true)
	// Put the other password's slot first: its key is the same master key
	// wrapped under another password in a real vault; here it wraps a
	// different one, which must not matter when mine is tried next.
	var a, b map[string]any
	json.Unmarshal(other, &a)
	json.Unmarshal(mine, &b)
	slots := append(a["header"].(map[string]any)["slots"].([]any), b["header"].(map[string]any)["slots"].([]any)...)
	b["header"].(map[string]any)["slots"] = slots
	both, _ := json.Marshal(b)

	res, err := Parse(both, Options{Passphrase: func() (string, error) { return fixturePassword, nil }})
	if err != nil || !slices.Equal(res.Accounts, []otp.Account{github}) {
		t.Fatalf("second slot: %+v, %v", res.Accounts, err)
	}
	if _, err := Parse(both, Options{Passphrase: func() (string, error) { return "nope", nil }}); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("wrong password: %v", err)
	}
}

// TestEncryptedRoundTrip encrypts the plain fixtures at test time with
// the independent encryptors and reads them back: the same accounts as
// from the plain files.
func TestEncryptedRoundTrip(t *testing.T) {
	pass := Options{Passphrase: func() (string, error) { return "пароль パスワード", nil }}

	plainAegis, err := Parse(readFixture(t, "aegis-plain.json"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var a struct{ DB json.RawMessage }
	json.Unmarshal(readFixture(t, "aegis-plain.json"), &a)
	res, err := Parse(aegisEncrypt(t, a.DB, "пароль パスワード", 1<<12, 8, 2, false), pass)
	if err != nil || !slices.Equal(res.Accounts, plainAegis.Accounts) || len(res.Skipped) != len(plainAegis.Skipped) {
		t.Errorf("aegis: %+v, %v", res, err)
	}

	plain2FAS, err := Parse(readFixture(t, "2fas-plain.2fas"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Services json.RawMessage }
	json.Unmarshal(readFixture(t, "2fas-plain.2fas"), &f)
	for _, ref := range []bool{true, false} {
		res, err := Parse(twoFASEncrypt(t, f.Services, "пароль パスワード", ref), pass)
		if err != nil || !slices.Equal(res.Accounts, plain2FAS.Accounts) {
			t.Errorf("2fas (reference %v): %+v, %v", ref, res, err)
		}
	}
}

// TestKDFLimit checks that a file's key-derivation parameters are checked
// against the cap before the password is asked for.
func TestKDFLimit(t *testing.T) {
	for _, file := range []string{"aegis-encrypted.json", "ente-encrypted.json", "bitwarden-encrypted.json", "bitwarden-encrypted-argon2.json"} {
		asked := false
		_, err := Parse(readFixture(t, file), Options{
			Passphrase: func() (string, error) { asked = true; return fixturePassword, nil },
			kdfMemory:  1 << 20,
		})
		if !errors.Is(err, ErrMalformed) || asked {
			t.Errorf("%s: %v (asked %v)", file, err, asked)
		}
	}
}

// TestSecretstreamPull checks the decoder's own edges; the fixtures made
// by libsodium check that it is right.
func TestSecretstreamPull(t *testing.T) {
	key := make([]byte, 32)
	header := make([]byte, 24)
	for _, tt := range []struct {
		name              string
		key, header, data []byte
	}{
		{"short key", key[:31], header, make([]byte, 17)},
		{"short header", key, header[:23], make([]byte, 17)},
		{"short message", key, header, make([]byte, 16)},
		{"zero message", key, header, make([]byte, 40)},
	} {
		if _, _, err := secretstreamPull(tt.key, tt.header, tt.data); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}
