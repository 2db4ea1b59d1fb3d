package gridcard

import (
	"slices"
	"testing"
)

func TestCaseMatters(t *testing.T) {
	for _, tc := range []struct {
		profile string
		want    bool
	}{
		{"alnum-5x10", true},    // case-sensitive letters
		{"bank-4x4", false},     // digits: case-sensitive but no letters
		{"entrust-5x10", false}, // letters, case-insensitive
	} {
		p, err := ProfileByName(tc.profile)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.CaseMatters(); got != tc.want {
			t.Errorf("%s: CaseMatters() = %v, want %v", tc.profile, got, tc.want)
		}
	}
	upper := Profile{Rows: 2, Cols: 2, CellWidth: 1, Alphabet: AlphabetUpper, Case: CaseSensitive, Asked: 1}
	if upper.CaseMatters() {
		t.Error("a case-sensitive alphabet of upper-case letters only has no case to mind")
	}
}

func TestExampleCells(t *testing.T) {
	def, _ := ProfileByName(DefaultProfileName)
	for _, tc := range []struct {
		name string
		p    Profile
		want string
	}{
		{"default card", def, "A1 C3 J5"},
		{"one cell asked", Profile{Rows: 5, Cols: 10, CellWidth: 2, Alphabet: AlphabetDigits, Asked: 1}, "A1"},
		{"tiny card", Profile{Rows: 1, Cols: 2, CellWidth: 2, Alphabet: AlphabetDigits, Asked: 1}, "A1"},
		{"2 × 2, two asked", Profile{Rows: 2, Cols: 2, CellWidth: 2, Alphabet: AlphabetDigits, Asked: 2}, "A1 B2"},
		{"numbered both ways", Profile{Rows: 4, Cols: 4, ColLabels: Numbers, CellWidth: 2, Alphabet: AlphabetDigits, Asked: 3}, "1-1 3-3 4-4"},
		{"empty profile", Profile{}, ""},
	} {
		cells := ExampleCells(tc.p)
		if got := FormatChallenge(tc.p, cells); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
		for _, c := range cells {
			if !tc.p.Contains(c) {
				t.Errorf("%s: example cell %+v is off the card", tc.name, c)
			}
		}
		if len(cells) > 0 && slices.ContainsFunc(cells[1:], func(c Cell) bool { return c == cells[0] }) {
			t.Errorf("%s: repeated cell", tc.name)
		}
	}
}
