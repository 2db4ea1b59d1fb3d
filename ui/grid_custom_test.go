package ui

import (
	"strings"
	"testing"

	"github.com/mamori-app/mamori/gridcard"
)

// The selects of a page with the custom form open, in order.
const (
	selProfile = iota
	selAlphabet
	selCase
	selRowLabels
	selColLabels
	selOrder
)

// customShape is what a test types and picks in the custom form; -1 leaves
// a select as it is, "" an entry.
type customShape struct {
	rows, cols, cell, asked string
	selects                 map[int]int
}

// fillCustom picks "Custom…" and fills the form; entries are the name,
// then rows, columns, cell width and cells asked.
func fillCustom(t *testing.T, v *view, s customShape) {
	t.Helper()
	w := v.win
	sel := selectsIn(w)
	sel[selProfile].SetSelectedIndex(len(gridcard.Profiles()))
	sel = selectsIn(w)
	if len(sel) != 6 {
		t.Fatalf("%d selects with the custom form, want 6", len(sel))
	}
	entries := entriesOf(w)
	for i, text := range []string{s.rows, s.cols, s.cell, s.asked} {
		if text != "" {
			entries[1+i].SetText(text)
		}
	}
	for _, i := range []int{selAlphabet, selCase, selRowLabels, selColLabels, selOrder} {
		if idx, ok := s.selects[i]; ok {
			selectsIn(w)[i].SetSelectedIndex(idx)
		}
	}
}

func TestGridAddCustomProfile(t *testing.T) {
	const numbered = "11 12 13 14\n21 22 23 24\n31 32 33 34\n41 42 43 44\n"
	bankNumbered := customShape{rows: "4", cols: "4", cell: "2", asked: "3", selects: map[int]int{selAlphabet: 0, selColLabels: 0}}
	tests := []struct {
		name    string
		ja      bool
		shape   customShape
		problem string // "" for a card that is saved
	}{
		{"both axes numbered", false, bankNumbered, ""},
		{"no rows", false, customShape{rows: "0"}, "A card has 1 to 100 rows."},
		{"rows not a number", false, customShape{rows: "five"}, "Rows: type a whole number."},
		{"too many columns", false, customShape{cols: "101"}, "A card has 1 to 100 columns."},
		{"cell too wide", false, customShape{cell: "17"}, "A cell holds 1 to 16 characters."},
		{"more than half asked", false, customShape{rows: "4", cols: "4", asked: "9"}, "at most half the card: 8 here"},
		{"lower case without case", false, customShape{selects: map[int]int{selAlphabet: 2, selCase: 1}}, "must not include lower-case letters"},
		{"in Japanese", true, customShape{rows: "0"}, "行数は 1 から 100 までです。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := newStore(t, nil)
			v, w := open(t, store)
			if tt.ja {
				showJapanese(v)
			}
			openGrid(t, v)
			tapShown(t, w, v.msg.T("ui.grid.add"))
			fillCustom(t, v, tt.shape)
			entries := entriesOf(w)
			if len(entries) != 6 {
				t.Fatalf("%d entries on the custom add page, want name, 4 numbers and rows", len(entries))
			}
			entries[0].SetText("Bank")
			entries[5].SetText(numbered)
			if tt.problem != "" {
				requireShown(t, w, tt.problem)
			}
			requireLabelsDrawn(t, v, tt.name)
			if min := v.body.MinSize(); min.Width > 560 {
				t.Errorf("the custom form needs %v wide, more than the window's 560", min.Width)
			}
			tapShown(t, w, v.msg.T("ui.grid.add.check"))
			tapShown(t, w, v.msg.T("ui.grid.add.save"))
			cards := savedCards(t, store)
			if tt.problem != "" {
				requireShown(t, w, tt.problem)
				if len(cards) != 0 {
					t.Fatalf("an invalid shape was saved: %+v", cards[0].Profile)
				}
				return
			}
			if len(cards) != 1 {
				t.Fatalf("%d cards saved, want 1; the page shows %q", len(cards), shownTexts(w))
			}
			p := cards[0].Profile
			if p.Rows != 4 || p.Cols != 4 || p.CellWidth != 2 || p.ColLabels != gridcard.Numbers || p.RowLabels != gridcard.Numbers || p.Name != "" {
				t.Errorf("saved profile %+v", p)
			}
			// The card's page answers a challenge of its own labels.
			challengeEntry(t, w).SetText("2-3 4-1")
			requireShown(t, w, "3214")
		})
	}
}

func TestGridGenerateCustomProfile(t *testing.T) {
	tests := []struct {
		name     string
		shape    customShape
		strength string // shown when the shape is usable
		problem  string // "" for a card that is made
	}{
		{"lettered rows", customShape{rows: "6", cols: "6", cell: "3", asked: "3", selects: map[int]int{selAlphabet: 0, selRowLabels: 1, selColLabels: 0}},
			"One challenge asks 3 cells: 29.9 bits", ""},
		{"weak", customShape{rows: "4", cols: "4", cell: "1", asked: "3", selects: map[int]int{selAlphabet: 0}},
			"less than the 19.9 bits of a 6-digit code", "less than the 19.9 bits of a 6-digit code"},
		{"cell zero", customShape{cell: "0"}, "", "A cell holds 1 to 16 characters."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := newStore(t, nil)
			v, w := open(t, store)
			openGrid(t, v)
			tapShown(t, w, v.msg.T("ui.grid.generate"))
			fillCustom(t, v, tt.shape)
			entriesOf(w)[0].SetText("Family")
			if tt.strength != "" {
				requireShown(t, w, tt.strength)
			}
			if tt.problem != "" {
				requireShown(t, w, tt.problem)
			}
			tapShown(t, w, v.msg.T("ui.grid.generate.make"))
			cards := savedCards(t, store)
			if tt.problem != "" {
				if len(cards) != 0 {
					t.Fatalf("a card of a refused shape was made: %+v", cards[0].Profile)
				}
				return
			}
			if len(cards) != 1 {
				t.Fatalf("%d cards made, want 1; the page shows %q", len(cards), shownTexts(w))
			}
			c := cards[0]
			if c.Profile.Rows != 6 || c.Profile.RowLabels != gridcard.Letters || c.Profile.ColLabels != gridcard.Numbers || !c.Generated {
				t.Errorf("made %+v", c.Profile)
			}
			// Row C, column 3 answers with that cell.
			challengeEntry(t, w).SetText("C3")
			requireShown(t, w, c.Cells[2][2])
			if strings.Count(strings.Join(shownTexts(w), "\n"), c.Cells[2][2]) == 0 {
				t.Error("the answer is not shown")
			}
		})
	}
}
