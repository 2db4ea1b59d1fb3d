package backup

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzParseSheet checks that ParseSheet never panics and that what it
// returns is consistent: codes in display form, valid, without duplicates,
// accepted by Set.Replace, counted by the error, and read back unchanged
// from a sheet of just those codes. Seeds are the fixture sheets plus
// testdata/fuzz/FuzzParseSheet, which runs with every go test.
func FuzzParseSheet(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, sheet string) {
		codes, err := ParseSheet(sheet)
		if errors.Is(err, ErrTooLarge) {
			if codes != nil {
				t.Fatalf("ErrTooLarge with %d codes", len(codes))
			}
			return
		}
		if err != nil {
			var se *SheetError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SheetError", err)
			}
			if se.Found != len(codes) {
				t.Fatalf("Found = %d, but %d codes returned", se.Found, len(codes))
			}
			if len(se.Problems) == 0 && len(codes) > 0 {
				t.Fatalf("SheetError without problems but with codes")
			}
			for _, p := range se.Problems {
				if p.Text != "" && strings.Contains(err.Error(), p.Text) {
					t.Fatalf("error message quotes %q", p.Text)
				}
			}
		}
		if len(codes) == 0 {
			if err == nil {
				t.Fatal("no codes and no error")
			}
			return
		}
		cs := caseSensitive(codes)
		seen := map[string]bool{}
		for _, c := range codes {
			if Display(c) != c {
				t.Fatalf("code %q is not in display form", c)
			}
			k := Canonical(c, cs)
			if !validCanonical(Canonical(c, true)) {
				t.Fatalf("invalid code %q", c)
			}
			if seen[k] {
				t.Fatalf("duplicate code %q", c)
			}
			seen[k] = true
		}
		var s Set
		if err := s.Replace(codes, t0); err != nil {
			t.Fatalf("Replace refuses parsed codes %q: %v", codes, err)
		}
		// A clean sheet whose codes share one alphabet reads back exactly
		// from its codes alone. Otherwise the alphabet is decided by
		// majority, which can narrow once the rejected codes are gone;
		// what reads back is then a subset.
		again, err2 := ParseSheet(strings.Join(codes, "\n"))
		if err == nil && oneAlphabet(codes) && (err2 != nil || !reflect.DeepEqual(again, codes)) {
			t.Fatalf("codes %q read back as %q, %v", codes, again, err2)
		}
		if !isSubsequence(again, codes) {
			t.Fatalf("codes %q read back as %q, which are not among them", codes, again)
		}
	})
}

// isSubsequence reports whether a appears in b in order.
func isSubsequence(a, b []string) bool {
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] != x {
			j++
		}
		if j == len(b) {
			return false
		}
		j++
	}
	return true
}

// oneAlphabet reports whether the codes are all digits, all hexadecimal
// with a letter, or all alphanumeric with a non-hexadecimal letter.
func oneAlphabet(codes []string) bool {
	class := func(c string) byte {
		c = Canonical(c, true)
		switch {
		case isDigits(c):
			return 'd'
		case isHexString(c):
			return 'x'
		}
		return 'a'
	}
	for _, c := range codes {
		if class(c) != class(codes[0]) {
			return false
		}
	}
	return true
}
