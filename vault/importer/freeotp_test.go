package importer

import (
	"bytes"
	"errors"
	"testing"
)

func TestFreeOTPErrors(t *testing.T) {
	data := readFixture(t, "freeotp-backup.xml")
	pw := func(s string) func() (string, error) { return func() (string, error) { return s, nil } }
	if _, err := Parse(data, Options{Passphrase: pw("not it")}); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("wrong password: %v", err)
	}
	if _, err := Parse(data, Options{}); !errors.Is(err, ErrPassphraseRequired) {
		t.Errorf("no password: %v", err)
	}
	// Cut anywhere, the map cannot be read: refused before the password.
	for _, n := range []int{5, 100, len(data) / 2, len(data) - 1} {
		asked := false
		_, err := Parse(data[:n], Options{Format: FormatFreeOTP, Passphrase: func() (string, error) { asked = true; return fixturePassword, nil }})
		if !errors.Is(err, ErrMalformed) || asked {
			t.Errorf("cut at %d: %v (asked %v)", n, err, asked)
		}
	}
	// A hostile iteration count is refused before the password, with
	// nothing derived.
	hostile := bytes.Replace(data, []byte(`"mIterations":100000`), []byte(`"mIterations":900000000`), 1)
	if bytes.Equal(hostile, data) {
		t.Fatal("the fixture has no mIterations to change")
	}
	asked := false
	if _, err := Parse(fixJavaStringLengths(t, hostile), Options{Passphrase: func() (string, error) { asked = true; return "", nil }}); !errors.Is(err, ErrTooCostly) || asked {
		t.Errorf("hostile iterations: %v (asked %v)", err, asked)
	}
}

// fixJavaStringLengths re-encodes the serialised map after an edit that
// changed a string's length: the one string holding "mIterations" gets
// its length prefix recomputed.
func fixJavaStringLengths(t *testing.T, b []byte) []byte {
	t.Helper()
	i := bytes.Index(b, []byte(`{"mAlgorithm"`))
	if i < 3 || b[i-3] != jsString {
		t.Fatal("master key string not found")
	}
	end := bytes.Index(b[i:], []byte(`]}`))
	// The master key JSON ends with the salt list and "}".
	n := end + 2
	out := append([]byte{}, b...)
	out[i-2], out[i-1] = byte(n>>8), byte(n)
	return out
}
