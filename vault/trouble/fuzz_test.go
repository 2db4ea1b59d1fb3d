package trouble

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzCheckInput(f *testing.F) {
	for _, s := range []string{"", "taro", "ｔａｒｏ", " a ", "a\u200bb", "p\u0430ypal", "ロ口カ力へヘ", "abcー1", "\xff\xfe", "\u3000", "O0l1I"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := utf8.RuneCountInString(s)
		seen := map[int]int{}
		for _, fd := range CheckInput(s) {
			if fd.Code == "" || (fd.Level != Warning && fd.Level != Note) {
				t.Fatalf("bad finding %+v", fd)
			}
			for _, p := range fd.Positions {
				if p < 1 || p > n {
					t.Fatalf("position %d of %d", p, n)
				}
				seen[p]++
			}
			if utf8.RuneCountInString(fd.Char) > 1 {
				t.Fatalf("finding carries %q", fd.Char)
			}
			if fd.Char != "" && fd.Char != string(utf8.RuneError) && !strings.Contains(s, fd.Char) {
				t.Fatalf("finding carries %q, not in the input", fd.Char)
			}
		}
		for p, k := range seen {
			if k > 1 {
				t.Fatalf("position %d reported %d times", p, k)
			}
		}
	})
}

func FuzzNormalizeErrorCode(f *testing.F) {
	for _, s := range []string{"SS503", "コード：ce500", "code: 500", "", "codex", "ＥＲＲＯＲ　ＣＯＤＥ　１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeErrorCode(s)
		if NormalizeErrorCode(n) != n && !strings.HasPrefix(strings.ToLower(n), "code") && !strings.HasPrefix(strings.ToLower(n), "error code") {
			t.Fatalf("not idempotent: %q → %q → %q", s, n, NormalizeErrorCode(n))
		}
		if strings.TrimSpace(n) != n {
			t.Fatalf("%q keeps spaces", n)
		}
	})
}
