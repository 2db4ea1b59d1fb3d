package phone

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParsePhone checks that Parse never panics, refuses with ErrInvalid
// only, and that every number it accepts is canonical E.164 that parses
// back to the same Number in any default region. Seeds live in
// testdata/fuzz/FuzzParsePhone and run with every go test.
func FuzzParsePhone(f *testing.F) {
	f.Fuzz(func(t *testing.T, input, region string) {
		n, err := Parse(input, region)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			if n != (Number{}) {
				t.Fatalf("error with a number: %+v", n)
			}
			return
		}
		e := string(n.E164)
		if len(e) < 3 || len(e) > 16 || e[0] != '+' || strings.Trim(e[1:], "0123456789") != "" {
			t.Fatalf("%q is not E.164", e)
		}
		if n.Region == "" || n.Kind == "" || n.National == "" || n.International == "" {
			t.Fatalf("incomplete number %+v", n)
		}
		for _, r := range []string{"", "US", "GB"} {
			back, err := Parse(e, r)
			if err != nil || back != n {
				t.Fatalf("Parse(%q, %q) = %+v, %v; want %+v", e, r, back, err, n)
			}
		}
		if back, err := Parse(n.International, ""); err != nil || back.E164 != n.E164 {
			t.Fatalf("international form %q parses to %+v, %v", n.International, back, err)
		}
		if !n.E164.Valid() {
			t.Fatalf("%s not Valid", n.E164)
		}
	})
}
