package cli

import (
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault/otp"
)

// FuzzParseURIList checks the import list parser on any input: it never
// panics, every line it reports is a real line reported once, comments and
// blank lines are never reported, and every account it accepts survives a
// round trip through its URI. Seeds are in testdata/fuzz/FuzzParseURIList.
func FuzzParseURIList(f *testing.F) {
	f.Add([]byte("otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\n"))
	f.Add([]byte("# comment\n\n otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=3 \r\nbad\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, bad := parseURIList(b)
		lines := strings.Split(strings.TrimPrefix(string(b), "\uFEFF"), "\n")
		seen := map[int]bool{}
		check := func(n int) {
			if n < 1 || n > len(lines) {
				t.Fatalf("line %d reported, input has %d", n, len(lines))
			}
			if seen[n] {
				t.Fatalf("line %d reported twice", n)
			}
			seen[n] = true
			if l := strings.TrimSpace(lines[n-1]); l == "" || strings.HasPrefix(l, "#") {
				t.Fatalf("blank or comment line %d reported: %q", n, l)
			}
		}
		last := 0
		for _, e := range entries {
			check(e.Line)
			if e.Line <= last {
				t.Fatalf("entries out of order: %d after %d", e.Line, last)
			}
			last = e.Line
			again, err := otp.ParseURI(e.Account.URI())
			if err != nil {
				t.Fatalf("line %d: accepted account does not round-trip: %v", e.Line, err)
			}
			if again.Key != e.Account.Key || again.Issuer != e.Account.Issuer || again.Name != e.Account.Name {
				t.Fatalf("line %d: round trip changed the account", e.Line)
			}
		}
		for _, l := range bad {
			check(l.Line)
			if l.Err == nil || l.reasonKey() == "" {
				t.Fatalf("line %d: bad line without a reason", l.Line)
			}
		}
	})
}
