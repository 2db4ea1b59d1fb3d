package importer

import (
	"errors"
	"testing"
)

func TestTOTPAuthErrors(t *testing.T) {
	enc := readFixture(t, "totp-authenticator.encrypt")
	if _, err := Parse(enc, Options{Passphrase: func() (string, error) { return "nope", nil }}); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("wrong password: %v", err)
	}
	if _, err := Parse(enc, Options{}); !errors.Is(err, ErrPassphraseRequired) {
		t.Errorf("no password: %v", err)
	}
	// The same kind of Base64 text in a file named .maFile is an
	// encrypted Steam Desktop Authenticator file, not a backup.
	var ue *UnreadableError
	if _, err := Parse(enc, Options{Name: "76561197960287930.maFile"}); !errors.As(err, &ue) || ue.Kind != UnreadableSDAEncrypted {
		t.Errorf("as a maFile: %v", err)
	}
	// Text that is not Base64 of whole blocks is not taken for a backup.
	for _, s := range []string{"aGVsbG8gd29ybGQ=", "hello world, this is just a note of some length"} {
		if f := Detect([]byte(s)); f == FormatTOTPAuth {
			t.Errorf("%q detected as a totp authenticator backup", s)
		}
	}
}
