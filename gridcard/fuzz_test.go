package gridcard

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzProfiles are the profiles the fuzz targets pick from with their
// first argument: the built-ins and the unusual label schemes.
func fuzzProfiles() []Profile {
	rowFirst := builtinProfiles[0]
	rowFirst.RowLabels, rowFirst.ColLabels, rowFirst.Order = Letters, Numbers, RowFirst
	wide := builtinProfiles[0]
	wide.Rows, wide.Cols = 30, 40
	return append(Profiles(),
		numbered(12, 12),
		rowFirst,
		Profile{Rows: 3, Cols: 3, RowLabels: Letters, ColLabels: Letters, CellWidth: 1, Alphabet: AlphabetDigits, Asked: 1},
		wide,
		Profile{Rows: 3, Cols: 4, CellWidth: 2, Alphabet: "あいうえおカキクケコ", Asked: 2, Case: CaseInsensitive},
	)
}

func pickProfile(i uint8) Profile {
	ps := fuzzProfiles()
	return ps[int(i)%len(ps)]
}

func FuzzParseChallenge(f *testing.F) {
	for _, s := range []string{
		"A1 C3 J5", "a1, c3, j5", "[A1][C3][J5]", "A-1", "1A", "Ａ１　Ｃ３", "A1、C3・J5",
		"A1C3J5", "K9", "A1 and C3", "2-3 4-1", "112", "1-12", "AB", "「A1」", "A−1", "", "  ",
		"A01", "ZZ99", "A1 A1", "\xff", "C3 A10",
	} {
		for i := range fuzzProfiles() {
			f.Add(uint8(i), s)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, s string) {
		p := pickProfile(which)
		cells, err := ParseChallenge(p, s)
		if err != nil {
			if cells != nil {
				t.Fatalf("cells %v returned with error %v", cells, err)
			}
			var ce *ChallengeError
			if !errors.As(err, &ce) {
				t.Fatalf("error %T %v is not a *ChallengeError", err, err)
			}
			if !errors.Is(err, ErrEmptyChallenge) && !errors.Is(err, ErrChallengeSyntax) &&
				!errors.Is(err, ErrCellOffCard) && !errors.Is(err, ErrAmbiguousCell) {
				t.Fatalf("error %v wraps no challenge sentinel", err)
			}
			if err.Error() == "" || !utf8.ValidString(err.Error()) {
				t.Fatalf("bad message %q", err.Error())
			}
			for _, c := range ce.Valid {
				if !p.Contains(c) {
					t.Fatalf("Valid holds %v, off the card", c)
				}
			}
			return
		}
		if len(cells) == 0 {
			t.Fatalf("no cells and no error for %q", s)
		}
		for _, c := range cells {
			if !p.Contains(c) {
				t.Fatalf("%q gave %v, off the card", s, c)
			}
		}
		again, err := ParseChallenge(p, FormatChallenge(p, cells))
		if err != nil || !slices.Equal(again, cells) {
			t.Fatalf("%q → %v → %q → %v, %v", s, cells, FormatChallenge(p, cells), again, err)
		}
		// Case and width do not change the reading.
		if folded, err := ParseChallenge(p, strings.ToLower(s)); err != nil || !slices.Equal(folded, cells) {
			t.Fatalf("lower case of %q reads as %v, %v", s, folded, err)
		}
	})
}

func FuzzParseCard(f *testing.F) {
	for i, p := range fuzzProfiles() {
		c, err := Generate(p, newDetReader(byte(i)), GenerateOptions{AllowWeak: true})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), c.FormatText())
		f.Add(uint8(i), strings.ReplaceAll(c.FormatText(), " ", "\t"))
	}
	f.Add(uint8(0), seedCardText)
	f.Add(uint8(0), "1: Ab 3x\n2 | Qq | 9Z")
	f.Add(uint8(0), "Ａｂ　３ｘ\r\n# note\n")
	f.Add(uint8(1), "A B C D\n1 12 34 56 78\n2 00 11 22 33\n3 44 55 66 77\n4 88 99 01 23\n")
	f.Fuzz(func(t *testing.T, which uint8, text string) {
		p := pickProfile(which)
		c, err := ParseCard(p, text)
		if err != nil {
			if !errors.Is(err, ErrCardShape) && !errors.Is(err, ErrCellValue) {
				t.Fatalf("error %v wraps no card sentinel", err)
			}
			var ce *CardInputError
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *CardInputError", err)
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("parsed card does not validate: %v\n%q", err, text)
		}
		back, err := ParseCard(p, c.FormatText())
		if err != nil || !slices.EqualFunc(back.Cells, c.Cells, slices.Equal) {
			t.Fatalf("FormatText does not read back: %v\n%s", err, c.FormatText())
		}
	})
}
