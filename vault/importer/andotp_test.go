package importer

import (
	"encoding/binary"
	"errors"
	"slices"
	"testing"

	"github.com/mamori-app/mamori/vault/otp"
)

// TestAndOTPOld reads the backup of andOTP before 0.6.3 (key SHA-256 of
// the password): its bytes say nothing, so its name tells.
func TestAndOTPOld(t *testing.T) {
	data := readFixture(t, "andotp-old.json.aes")
	if f := DetectFile("otp_accounts.json.aes", data); f != FormatAndOTP {
		t.Errorf("DetectFile = %q", f)
	}
	if f := DetectFile("otp_accounts.json", data); f == FormatAndOTP && Detect(data) != FormatAndOTP {
		t.Errorf("DetectFile without .aes = %q", f)
	}
	res, err := Parse(data, Options{Name: "otp_accounts.json.aes", Passphrase: func() (string, error) { return fixturePassword, nil }})
	if err != nil {
		t.Fatal(err)
	}
	if want := []otp.Account{github, mizuho, hotpBob, steam, mail}; !slices.Equal(res.Accounts, want) || !res.Encrypted {
		t.Errorf("accounts %+v, encrypted %v", res.Accounts, res.Encrypted)
	}
}

func TestAndOTPErrors(t *testing.T) {
	enc := readFixture(t, "andotp.json.aes")
	tests := []struct {
		name string
		data []byte
		opts Options
		want error
	}{
		{"wrong password", enc, Options{Passphrase: func() (string, error) { return "nope", nil }}, ErrWrongPassword},
		{"no password", enc, Options{}, ErrPassphraseRequired},
		{"truncated", enc[:len(enc)-1], Options{Passphrase: func() (string, error) { return fixturePassword, nil }}, ErrWrongPassword},
		{"hotp without counter", []byte(`[{"secret":"JBSWY3DPEHPK3PXP","label":"x","type":"HOTP","digits":6,"algorithm":"SHA1"}]`), Options{}, ErrNoCounter},
		{"bad secret", []byte(`[{"secret":"!!","label":"x","type":"TOTP","digits":6,"algorithm":"SHA1","thumbnail":"x"}]`), Options{Format: FormatAndOTP}, otp.ErrBadSecret},
		{"not a list", []byte(`{"secret":"x"}`), Options{Format: FormatAndOTP}, ErrMalformed},
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

// TestAndOTPHostileIterations checks that a count past the cap is never
// derived: the file is refused as too costly.
func TestAndOTPHostileIterations(t *testing.T) {
	data := append([]byte{}, readFixture(t, "andotp.json.aes")...)
	binary.BigEndian.PutUint32(data, 16_000_000)
	if Detect(data) != FormatAndOTP {
		t.Fatalf("Detect = %q", Detect(data))
	}
	_, err := Parse(data, Options{Passphrase: func() (string, error) { return fixturePassword, nil }})
	if !errors.Is(err, ErrTooCostly) {
		t.Errorf("err = %v, want ErrTooCostly", err)
	}
}
