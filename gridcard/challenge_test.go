package gridcard

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// numbered is a card numbered on both axes, written column first: "2-3"
// is column 2, row 3.
func numbered(rows, cols int) Profile {
	return Profile{Rows: rows, Cols: cols, RowLabels: Numbers, ColLabels: Numbers,
		CellWidth: 2, Alphabet: AlphabetDigits, Asked: 2}
}

func TestParseChallenge(t *testing.T) {
	seed := builtinProfiles[0]
	a1c3j5 := []Cell{{0, 0}, {2, 2}, {4, 9}}
	rowFirst := seed
	rowFirst.RowLabels, rowFirst.ColLabels, rowFirst.Order = Letters, Numbers, RowFirst
	lettered := Profile{Rows: 3, Cols: 3, RowLabels: Letters, ColLabels: Letters, CellWidth: 1, Alphabet: AlphabetDigits, Asked: 1}

	tests := []struct {
		name string
		p    Profile
		in   string
		want []Cell
	}{
		{"plain", seed, "A1 C3 J5", a1c3j5},
		{"lower case and commas", seed, "a1, c3, j5", a1c3j5},
		{"brackets", seed, "[A1][C3][J5]", a1c3j5},
		{"hyphens", seed, "A-1 C-3 J-5", a1c3j5},
		{"hyphens between cells", seed, "A1-C3-J5", a1c3j5},
		{"row first", seed, "1A 3C 5J", a1c3j5},
		{"mixed orders", seed, "1a C-3 [j5]", a1c3j5},
		{"full width", seed, "Ａ１　Ｃ３　Ｊ５", a1c3j5},
		{"full width hyphen", seed, "Ａ－１、Ｃ－３", a1c3j5[:2]},
		{"japanese separators", seed, "A1、C3・J5", a1c3j5},
		{"japanese brackets", seed, "「A1」【C3】『J5』", a1c3j5},
		{"full width parens", seed, "（A1）（C3）（J5）", a1c3j5},
		{"no separators", seed, "A1C3J5", a1c3j5},
		{"tabs and newlines", seed, "\tA1\nC3\r\nJ5 ", a1c3j5},
		{"trailing dots", seed, "A1. C3. J5.", a1c3j5},
		{"minus sign and dash", seed, "A−1 C–3 J—5", a1c3j5},
		{"leading zero", seed, "A01 C03", a1c3j5[:2]},
		{"colon", seed, "A:1", a1c3j5[:1]},
		{"repeated cell kept", seed, "A1 A1", []Cell{{0, 0}, {0, 0}}},
		{"single cell", seed, "J5", a1c3j5[2:]},
		{"letter rows, row first", rowFirst, "C3 A10", []Cell{{2, 2}, {0, 9}}},
		{"letter rows, other order", rowFirst, "3C 10A", []Cell{{2, 2}, {0, 9}}},
		{"numbered with hyphen", numbered(4, 4), "2-3 4-1", []Cell{{2, 1}, {0, 3}}},
		{"numbered run", numbered(4, 4), "23 41", []Cell{{2, 1}, {0, 3}}},
		{"numbered colon", numbered(4, 4), "(2:3)", []Cell{{2, 1}}},
		{"numbered wide unique split", numbered(12, 4), "312", []Cell{{11, 2}}},
		{"numbered wide hyphen", numbered(12, 12), "1-12 11-2", []Cell{{11, 0}, {1, 10}}},
		{"lettered run", lettered, "AB ca", []Cell{{1, 0}, {0, 2}}},
		{"lettered hyphen", lettered, "A-C", []Cell{{2, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseChallenge(tt.p, tt.in)
			if err != nil {
				t.Fatalf("ParseChallenge(%q) error: %v", tt.in, err)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("ParseChallenge(%q) = %v, want %v", tt.in, got, tt.want)
			}
			// What FormatChallenge writes reads back the same.
			again, err := ParseChallenge(tt.p, FormatChallenge(tt.p, got))
			if err != nil || !slices.Equal(again, got) {
				t.Fatalf("round trip of %q via %q = %v, %v", tt.in, FormatChallenge(tt.p, got), again, err)
			}
		})
	}
}

func TestParseChallengeErrors(t *testing.T) {
	seed := builtinProfiles[0]
	tests := []struct {
		name     string
		p        Profile
		in       string
		sentinel error
		mention  []string // substrings of the message
		valid    int      // cells read before the problem
	}{
		{"empty", seed, "", ErrEmptyChallenge, []string{"no cell", "A1"}, 0},
		{"only separators", seed, " 、・,[]", ErrEmptyChallenge, nil, 0},
		{"column off card", seed, "A1 K1", ErrCellOffCard, []string{"K1", "columns A–J, rows 1–5"}, 1},
		{"row off card", seed, "a6", ErrCellOffCard, []string{"A6"}, 0},
		{"row zero", seed, "A0", ErrCellOffCard, []string{"A0"}, 0},
		{"off card full width", seed, "Ｚ９", ErrCellOffCard, []string{"Z9"}, 0},
		{"word", seed, "A1 and C3", ErrChallengeSyntax, []string{`"and"`, "character 4"}, 1},
		{"long word", seed, "please", ErrChallengeSyntax, []string{`"please"`}, 0},
		{"punctuation", seed, "A1 ? C3", ErrChallengeSyntax, []string{`"?"`, "character 4"}, 0},
		{"kana", seed, "A1 と C3", ErrChallengeSyntax, []string{`"と"`}, 0},
		{"label alone", seed, "A 1", ErrChallengeSyntax, []string{`"A"`, "column and a row"}, 0},
		{"unfinished", seed, "A1 C3 J", ErrChallengeSyntax, []string{`"J"`}, 2},
		{"two letters", seed, "AB1", ErrCellOffCard, []string{"AB1"}, 0},
		{"dangling number", seed, "1A3", ErrChallengeSyntax, []string{`"3"`}, 1},
		{"huge number", seed, "A99999999", ErrChallengeSyntax, nil, 0},
		{"invalid utf8", seed, "A1 \xff", ErrChallengeSyntax, []string{"valid text"}, 0},
		{"too long", seed, strings.Repeat("A1 ", MaxChallengeLen), ErrChallengeSyntax, []string{"bytes long"}, 0},
		{"numbered off card", numbered(4, 4), "55", ErrCellOffCard, []string{"55"}, 0},
		{"numbered single digit", numbered(4, 4), "2 3", ErrChallengeSyntax, []string{`"2"`}, 0},
		{"numbered letters", numbered(4, 4), "A1", ErrChallengeSyntax, []string{`"A"`, "numbers"}, 0},
		{"numbered ambiguous", numbered(12, 12), "112", ErrAmbiguousCell, []string{"1-12", "11-2", "hyphen"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseChallenge(tt.p, tt.in)
			if err == nil {
				t.Fatalf("ParseChallenge(%q) = %v, want an error", tt.in, got)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("error %q does not wrap %v", err, tt.sentinel)
			}
			for _, m := range tt.mention {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q does not mention %q", err, m)
				}
			}
			if msg := err.Error(); msg != strings.ToLower(msg[:1])+msg[1:] && !strings.HasPrefix(msg, `"`) {
				t.Errorf("error %q starts with a capital", msg)
			}
			var ce *ChallengeError
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *ChallengeError", err)
			}
			if len(ce.Valid) != tt.valid {
				t.Errorf("Valid = %v, want %d cells", ce.Valid, tt.valid)
			}
		})
	}
}

func TestParseChallengeErrorPosition(t *testing.T) {
	// Positions count characters, so they index the text as typed, full
	// width or not.
	_, err := ParseChallenge(builtinProfiles[0], "Ａ１　Ｃ３　？")
	var ce *ChallengeError
	if !errors.As(err, &ce) || ce.Pos != 6 || ce.Text != "?" {
		t.Fatalf("err = %#v, want position 6 and text ?", err)
	}
}
