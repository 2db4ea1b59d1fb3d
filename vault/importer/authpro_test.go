package importer

import (
	"errors"
	"testing"

	"github.com/mamori-app/mamori/vault/otp"
)

func TestAuthProErrors(t *testing.T) {
	strong, legacy := readFixture(t, "authpro.authpro"), readFixture(t, "authpro-legacy.authpro")
	pw := func(s string) func() (string, error) { return func() (string, error) { return s, nil } }
	tests := []struct {
		name string
		data []byte
		opts Options
		want error
	}{
		{"strong, wrong password", strong, Options{Passphrase: pw("nope")}, ErrWrongPassword},
		{"legacy, wrong password", legacy, Options{Passphrase: pw("nope")}, ErrWrongPassword},
		{"strong, no password", strong, Options{}, ErrPassphraseRequired},
		{"strong, header only", []byte(authProHeader + "0123"), Options{Passphrase: pw(fixturePassword)}, ErrCorrupt},
		{"legacy, cut mid-block", legacy[:len(legacy)-3], Options{Passphrase: pw(fixturePassword)}, ErrCorrupt},
		{"legacy, last block gone", legacy[:len(legacy)-16], Options{Passphrase: pw(fixturePassword)}, ErrWrongPassword},
		{"hotp without counter", []byte(`{"Authenticators":[{"Type":1,"Issuer":"X","Secret":"JBSWY3DPEHPK3PXP","Algorithm":0,"Digits":6}]}`), Options{}, ErrNoCounter},
		{"bad algorithm", []byte(`{"Authenticators":[{"Type":2,"Issuer":"X","Secret":"JBSWY3DPEHPK3PXP","Algorithm":7,"Digits":6}]}`), Options{}, otp.ErrBadAlgorithm},
		{"no list", []byte(`{"Authenticators":null,"Categories":[]}`), Options{Format: FormatAuthPro}, ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(tt.data, tt.opts)
			if !errors.Is(err, tt.want) || len(res.Accounts) != 0 {
				t.Errorf("err = %v (%d accounts), want %v", err, len(res.Accounts), tt.want)
			}
		})
	}
}

// TestAuthProFixedKDF checks that Authenticator Pro's fixed key
// derivations are held to the memory cap too, before the password.
func TestAuthProFixedKDF(t *testing.T) {
	for _, file := range []string{"authpro.authpro", "authpro-legacy.authpro"} {
		asked := false
		_, err := Parse(readFixture(t, file), Options{kdfMemory: 1 << 20, Passphrase: func() (string, error) { asked = true; return "", nil }})
		if !errors.Is(err, ErrTooCostly) || asked {
			t.Errorf("%s: %v (asked %v)", file, err, asked)
		}
	}
}
