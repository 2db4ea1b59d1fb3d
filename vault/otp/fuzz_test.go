package otp

import (
	"strings"
	"testing"
	"time"
)

// FuzzParseURI checks that ParseURI never panics, and that whatever it
// accepts is a valid key that survives URI() exactly. Seeds live in
// testdata/fuzz/FuzzParseURI and run with every go test.
func FuzzParseURI(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseURI(s)
		if err != nil {
			if a != (Account{}) {
				t.Fatalf("error %v with non-zero account", err)
			}
			return
		}
		if err := a.Key.Validate(); err != nil {
			t.Fatalf("parsed key does not validate: %v", err)
		}
		u := a.URI()
		b, err := ParseURI(u)
		if err != nil {
			t.Fatalf("ParseURI(URI()) of %+v: %v\nuri: %s", a, err, u)
		}
		if b != a {
			t.Fatalf("round trip changed the account\n got %+v\nwant %+v\nuri: %s", b, a, u)
		}
		if b.URI() != u {
			t.Fatalf("URI not stable: %s vs %s", b.URI(), u)
		}
		if a.Key.Type == HOTP {
			_, err = a.Key.HOTP(a.Key.Counter)
		} else {
			_, err = a.Key.Code(time.Unix(1700000000, 0))
		}
		if err != nil {
			t.Fatalf("code: %v", err)
		}
	})
}

// FuzzNormalizeSecret checks that NormalizeSecret never panics, that its
// output is canonical Base32 that it maps to itself, and that NewKey
// accepts it.
func FuzzNormalizeSecret(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		n, err := NormalizeSecret(s)
		if err != nil {
			if n != "" {
				t.Fatalf("error %v with output %q", err, n)
			}
			return
		}
		if n == "" || strings.Trim(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != "" {
			t.Fatalf("not canonical base32: %q", n)
		}
		if again, err := NormalizeSecret(n); err != nil || again != n {
			t.Fatalf("not idempotent: %q -> %q, %v", n, again, err)
		}
		if b, err := b32.DecodeString(n); err != nil || len(b) == 0 {
			t.Fatalf("does not decode: %q: %v", n, err)
		}
		k, err := NewKey(TOTP, s, "", 0, 0, 0)
		if err != nil || k.Secret != n {
			t.Fatalf("NewKey: %+v, %v", k, err)
		}
		if _, err := k.Code(time.Unix(1700000000, 0)); err != nil {
			t.Fatalf("Code: %v", err)
		}
	})
}
