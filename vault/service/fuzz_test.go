package service

import "testing"

// FuzzMatch feeds the matcher issuers and names as any import may bring
// them: it must never panic, and a match is always a service of the
// directory that the same input matches again.
func FuzzMatch(f *testing.F) {
	for _, s := range [][2]string{
		{"GitHub", "alice"}, {"", "https://github.com/login"}, {"Yahoo! JAPAN", ""}, {"", "a@b.co.jp"},
		{"", "http://[::1]:80/"}, {"", "@"}, {"..", "x@.."}, {"ﾒﾙｶﾘ", "a@@b"}, {"", "https://%zz"},
	} {
		f.Add(s[0], s[1])
	}
	d := New()
	f.Fuzz(func(t *testing.T, issuer, name string) {
		s, ok := d.Match(issuer, name)
		if !ok {
			return
		}
		if _, known := d.ByDomain(s.Domain); !known {
			t.Fatalf("Match(%q, %q) = %q, not in the directory", issuer, name, s.Domain)
		}
		if again, _ := d.Match(issuer, name); again.Domain != s.Domain {
			t.Fatalf("Match(%q, %q) changed its mind", issuer, name)
		}
		d.Find(issuer)
		d.Suggest(name, 5)
	})
}
