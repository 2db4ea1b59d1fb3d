package gridcard

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

func mustProfile(t testing.TB, name string) Profile {
	t.Helper()
	p, err := ProfileByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBuiltinProfiles(t *testing.T) {
	ps := Profiles()
	if len(ps) < 3 || ps[0].Name != DefaultProfileName {
		t.Fatalf("Profiles() = %d profiles, first %q; want ≥3 with %q first", len(ps), ps[0].Name, DefaultProfileName)
	}
	for _, p := range ps {
		if err := p.Validate(); err != nil {
			t.Errorf("built-in %s: %v", p.Name, err)
		}
		if p.Description == "" {
			t.Errorf("built-in %s has no description", p.Name)
		}
	}
	tests := []struct {
		name              string
		rows, cols, width int
		asked             int
		alphabet          int
		sensitive         bool
		strongEnough      bool
	}{
		{"alnum-5x10", 5, 10, 2, 3, 62, true, true},
		{"bank-4x4", 4, 4, 2, 3, 10, true, true},
		{"entrust-5x10", 5, 10, 1, 3, 36, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustProfile(t, strings.ToUpper(tt.name)) // names match in any case
			if p.Rows != tt.rows || p.Cols != tt.cols || p.CellWidth != tt.width || p.Asked != tt.asked ||
				p.AlphabetSize() != tt.alphabet || p.CaseSensitive() != tt.sensitive {
				t.Errorf("got %+v", p)
			}
			if got := MinEntropyOK(p); got != tt.strongEnough {
				t.Errorf("MinEntropyOK = %v (%.2f bits), want %v", got, EntropyBits(p), tt.strongEnough)
			}
		})
	}
	// Profiles returns a copy.
	ps[0].Rows = 99
	if Profiles()[0].Rows == 99 {
		t.Error("Profiles() exposes the built-in table")
	}
}

func TestProfileByNameUnknown(t *testing.T) {
	_, err := ProfileByName("nope")
	if !errors.Is(err, ErrUnknownProfile) || !strings.Contains(err.Error(), "alnum-5x10") {
		t.Fatalf("err = %v; want ErrUnknownProfile listing the known names", err)
	}
}

func TestEntropy(t *testing.T) {
	tests := []struct {
		name string
		p    Profile
		bits float64
		ok   bool
	}{
		{"seed card", mustProfile(t, "alnum-5x10"), 6 * math.Log2(62), true},
		{"exactly six digits", mustProfile(t, "bank-4x4"), SixDigitCodeBits, true},
		{"five digits", Profile{Rows: 4, Cols: 4, CellWidth: 1, Alphabet: AlphabetDigits, Asked: 5}, 5 * math.Log2(10), false},
		{"empty", Profile{}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EntropyBits(tt.p); math.Abs(got-tt.bits) > 1e-9 {
				t.Errorf("EntropyBits = %v, want %v", got, tt.bits)
			}
			if got := MinEntropyOK(tt.p); got != tt.ok {
				t.Errorf("MinEntropyOK = %v, want %v", got, tt.ok)
			}
		})
	}
	if got := SixDigitCodeBits; math.Abs(got-6*math.Log2(10)) > 1e-12 {
		t.Errorf("SixDigitCodeBits = %v", got)
	}
	entrust := mustProfile(t, "entrust-5x10")
	if w := MinCellWidth(entrust); w != 2 {
		t.Errorf("MinCellWidth(entrust) = %d, want 2", w)
	}
	if w := MinCellWidth(mustProfile(t, "alnum-5x10")); w != 2 {
		t.Errorf("MinCellWidth(seed) = %d, want 2 (one character from 62 gives 17.9 bits)", w)
	}
	if w := MinCellWidth(Profile{Rows: 5, Cols: 10, Alphabet: AlphabetDigits, Asked: 1}); w != 6 {
		t.Errorf("MinCellWidth(one digit cell asked) = %d, want 6", w)
	}
}

func TestProfileValidate(t *testing.T) {
	base := mustProfile(t, "alnum-5x10")
	tests := []struct {
		name   string
		change func(*Profile)
		want   string // substring of the error, "" for valid
	}{
		{"ok", func(*Profile) {}, ""},
		{"defaults for empty schemes", func(p *Profile) { p.RowLabels, p.ColLabels, p.Order, p.Case = "", "", "", "" }, ""},
		{"no rows", func(p *Profile) { p.Rows = 0 }, "rows"},
		{"too many cols", func(p *Profile) { p.Cols = MaxAxis + 1 }, "columns"},
		{"bad scheme", func(p *Profile) { p.RowLabels = "roman" }, "row labels"},
		{"bad order", func(p *Profile) { p.Order = "diagonal" }, "order"},
		{"bad case", func(p *Profile) { p.Case = "maybe" }, "case rule"},
		{"zero width", func(p *Profile) { p.CellWidth = 0 }, "cell width"},
		{"one symbol", func(p *Profile) { p.Alphabet = "A" }, "2 to"},
		{"duplicate symbol", func(p *Profile) { p.Alphabet = "ABA" }, "twice"},
		{"space in alphabet", func(p *Profile) { p.Alphabet = "A B" }, "may not contain"},
		{"comma in alphabet", func(p *Profile) { p.Alphabet = "A,B" }, "may not contain"},
		{"lower case when insensitive", func(p *Profile) { p.Case = CaseInsensitive }, "upper case"},
		{"asked zero", func(p *Profile) { p.Asked = 0 }, "cells asked"},
		{"asked more than half", func(p *Profile) { p.Asked = 26 }, "half the card"},
		{"kana alphabet", func(p *Profile) { p.Alphabet = "あいうえおかきくけこ" }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base
			tt.change(&p)
			err := p.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidProfile) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want ErrInvalidProfile mentioning %q", err, tt.want)
			}
		})
	}
}

func TestParseAlphabet(t *testing.T) {
	tests := []struct {
		in      string
		symbols string
		rule    CaseRule
		err     bool
	}{
		{"digits", AlphabetDigits, CaseSensitive, false},
		{"ALNUM", AlphabetAlnum, CaseInsensitive, false},
		{"alnum-case", AlphabetAlnumCase, CaseSensitive, false},
		{" upper ", AlphabetUpper, CaseInsensitive, false},
		{"hex", AlphabetHex, CaseInsensitive, false},
		{"custom:ABC123", "ABC123", CaseInsensitive, false},
		{"Custom:aAbB", "aAbB", CaseSensitive, false},
		{"custom:あいう", "あいう", CaseInsensitive, false},
		{"custom:", "", "", true},
		{"custom:AA", "", "", true},
		{"custom:a b", "", "", true},
		{"klingon", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s, r, err := ParseAlphabet(tt.in)
			if tt.err {
				if err == nil {
					t.Fatalf("ParseAlphabet(%q) = %q, want an error", tt.in, s)
				}
				if !errors.Is(err, ErrUnknownAlphabet) && !errors.Is(err, ErrInvalidProfile) {
					t.Fatalf("error %v wraps no sentinel", err)
				}
				return
			}
			if err != nil || s != tt.symbols || r != tt.rule {
				t.Fatalf("ParseAlphabet(%q) = %q, %q, %v; want %q, %q", tt.in, s, r, err, tt.symbols, tt.rule)
			}
		})
	}
	if got := (Profile{Alphabet: AlphabetAlnumCase}).AlphabetName(); got != "alnum-case" {
		t.Errorf("AlphabetName = %q", got)
	}
	if got := (Profile{Alphabet: "XYZ"}).AlphabetName(); got != "custom" {
		t.Errorf("AlphabetName = %q", got)
	}
}

func TestLabels(t *testing.T) {
	for _, tt := range []struct {
		i    int
		want string
	}{{0, "A"}, {1, "B"}, {25, "Z"}, {26, "AA"}, {27, "AB"}, {51, "AZ"}, {52, "BA"}, {99, "CV"}} {
		if got := lettersLabel(tt.i); got != tt.want {
			t.Errorf("lettersLabel(%d) = %q, want %q", tt.i, got, tt.want)
		}
		if got := labelIndex(Letters, strings.ToLower(tt.want)); got != tt.i {
			t.Errorf("labelIndex(%q) = %d, want %d", tt.want, got, tt.i)
		}
	}
	if labelIndex(Numbers, "007") != 6 || labelIndex(Numbers, "A") != -1 || labelIndex(Letters, "1") != -1 || labelIndex(Numbers, "") != -1 {
		t.Error("labelIndex edge cases")
	}
	p := mustProfile(t, "alnum-5x10")
	if p.CellName(Cell{Row: 2, Col: 2}) != "C3" || p.CellName(Cell{Row: 4, Col: 9}) != "J5" {
		t.Error("default CellName")
	}
	p.Order = RowFirst
	if got := p.CellName(Cell{Row: 2, Col: 0}); got != "3A" {
		t.Errorf("row-first CellName = %q", got)
	}
	p.ColLabels = Numbers
	if got := p.CellName(Cell{Row: 2, Col: 0}); got != "3-1" {
		t.Errorf("numbers×numbers CellName = %q", got)
	}
}

func TestProfileErrorNamesTheField(t *testing.T) {
	base := mustProfile(t, "alnum-5x10")
	tests := []struct {
		change func(*Profile)
		want   ProfileField
	}{
		{func(p *Profile) { p.Rows = 0 }, FieldRows},
		{func(p *Profile) { p.Cols = MaxAxis + 1 }, FieldCols},
		{func(p *Profile) { p.RowLabels = "roman" }, FieldRowLabels},
		{func(p *Profile) { p.ColLabels = "roman" }, FieldColLabels},
		{func(p *Profile) { p.Order = "diagonal" }, FieldOrder},
		{func(p *Profile) { p.Case = "maybe" }, FieldCase},
		{func(p *Profile) { p.Case = CaseInsensitive }, FieldCase},
		{func(p *Profile) { p.CellWidth = MaxCellWidth + 1 }, FieldCellWidth},
		{func(p *Profile) { p.Alphabet = "ABA" }, FieldAlphabet},
		{func(p *Profile) { p.Asked = 26 }, FieldAsked},
	}
	for _, tt := range tests {
		p := base
		tt.change(&p)
		var pe *ProfileError
		if err := p.Validate(); !errors.As(err, &pe) || pe.Field != tt.want || !errors.Is(err, ErrInvalidProfile) {
			t.Errorf("Validate() = %v, want a ProfileError about %q", err, tt.want)
		}
	}
}

func TestAlphabetNames(t *testing.T) {
	names := AlphabetNames()
	if want := []string{"digits", "alnum", "alnum-case", "upper", "hex"}; !slices.Equal(names, want) {
		t.Fatalf("AlphabetNames() = %v, want %v", names, want)
	}
	for _, n := range names {
		syms, rule, err := ParseAlphabet(n)
		if err != nil {
			t.Fatalf("ParseAlphabet(%q): %v", n, err)
		}
		p := Profile{Rows: 2, Cols: 2, CellWidth: 1, Asked: 1, Alphabet: syms, Case: rule}
		if p.AlphabetName() != n || p.Validate() != nil {
			t.Errorf("%q: AlphabetName %q, Validate %v", n, p.AlphabetName(), p.Validate())
		}
	}
}

func TestProfileErrorCarriesItsLimit(t *testing.T) {
	ok := Profile{Rows: 5, Cols: 10, CellWidth: 2, Asked: 3, Alphabet: "0123456789"}
	tests := []struct {
		name  string
		edit  func(p *Profile)
		field ProfileField
		max   int
	}{
		{"rows", func(p *Profile) { p.Rows = 0 }, FieldRows, MaxAxis},
		{"cols", func(p *Profile) { p.Cols = MaxAxis + 1 }, FieldCols, MaxAxis},
		{"cell", func(p *Profile) { p.CellWidth = 0 }, FieldCellWidth, MaxCellWidth},
		{"alphabet", func(p *Profile) { p.Alphabet = "0" }, FieldAlphabet, MaxAlphabet},
		{"asked: half the card", func(p *Profile) { p.Rows, p.Cols, p.Asked = 3, 3, 5 }, FieldAsked, 4},
		{"asked: a one-cell card fits none", func(p *Profile) { p.Rows, p.Cols = 1, 1 }, FieldAsked, 0},
		{"order: a choice, no limit", func(p *Profile) { p.Order = "diagonal" }, FieldOrder, 0},
	}
	for _, tt := range tests {
		p := ok
		tt.edit(&p)
		var pe *ProfileError
		if err := p.Validate(); !errors.As(err, &pe) || pe.Field != tt.field || pe.Max != tt.max {
			t.Errorf("%s: %v (%+v), want field %s max %d", tt.name, err, pe, tt.field, tt.max)
		}
		if pe != nil && tt.field == FieldAsked && p.MaxAsked() != tt.max {
			t.Errorf("%s: MaxAsked %d", tt.name, p.MaxAsked())
		}
	}
}
