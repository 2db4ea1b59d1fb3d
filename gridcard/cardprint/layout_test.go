package cardprint

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/mamori-app/mamori/gridcard"
)

// rect is a card's outline on a page, in mm.
type rect struct{ x, y, w, h float64 }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// cardsOn finds the cards on a page from their faint outlines: a
// horizontal edge and a vertical edge that start at the same corner.
func cardsOn(pg page) []rect {
	faint := func(o op) bool { return o.kind == opLine && o.gray == 200 && near(o.lw, 0.1) }
	var cards []rect
	for _, h := range pg.ops {
		if !faint(h) || !near(h.h, 0) || h.w <= 0 {
			continue
		}
		for _, v := range pg.ops {
			if faint(v) && near(v.w, 0) && v.h > 0 && near(v.x, h.x) && near(v.y, h.y) {
				cards = append(cards, rect{h.x, h.y, h.w, v.h})
			}
		}
	}
	return cards
}

// isCutMark reports whether o is a cut mark: a black line 3 mm long,
// along one axis, starting 1.5 mm from a corner of r and pointing away
// from the card.
func isCutMark(o op, r rect, cx, cy float64) bool {
	if o.kind != opLine || o.gray != 0 || !near(o.lw, 0.2) {
		return false
	}
	away := func(d, corner, lo, hi float64) bool {
		if near(corner, lo) {
			return d < 0
		}
		return near(corner, hi) && d > 0
	}
	switch {
	case near(o.h, 0) && near(o.y, cy) && near(math.Abs(o.w), 3):
		return near(math.Abs(o.x-cx), 1.5) && away(o.w, cx, r.x, r.x+r.w) && away(o.x-cx, cx, r.x, r.x+r.w)
	case near(o.w, 0) && near(o.x, cx) && near(math.Abs(o.h), 3):
		return near(math.Abs(o.y-cy), 1.5) && away(o.h, cy, r.y, r.y+r.h) && away(o.y-cy, cy, r.y, r.y+r.h)
	}
	return false
}

// TestLayoutCutMarksAndAxisLabels lays out cards of several shapes, alone
// and several to an A4 sheet, and checks that every copy has its two cut
// marks at each of its four corners, and that every axis label is printed
// at least at the smallest readable size.
func TestLayoutCutMarksAndAxisLabels(t *testing.T) {
	f := fonts(t)
	wide := gridcard.Profile{Rows: 12, Cols: 30, CellWidth: 2, Alphabet: gridcard.AlphabetDigits, Asked: 3} // columns to AD
	numbered := gridcard.Profile{Rows: 12, Cols: 12, CellWidth: 2, Alphabet: gridcard.AlphabetDigits, Asked: 3,
		RowLabels: gridcard.Numbers, ColLabels: gridcard.Numbers}
	lettered := gridcard.Profile{Rows: 5, Cols: 10, CellWidth: 2, Alphabet: gridcard.AlphabetAlnumCase, Asked: 3,
		RowLabels: gridcard.Letters, ColLabels: gridcard.Numbers}
	tests := []struct {
		name    string
		profile gridcard.Profile
		layout  Layout
		copies  int
		pages   int
	}{
		{"default wallet", mustProfile(t, gridcard.DefaultProfileName), Wallet, 1, 1},
		{"bank a4 one", mustProfile(t, "bank-4x4"), A4, 1, 1},
		{"default a4 three", mustProfile(t, gridcard.DefaultProfileName), A4, 3, 1},
		{"default a4 over two pages", mustProfile(t, gridcard.DefaultProfileName), A4, 10, 2},
		{"lettered rows a4", lettered, A4, 4, 1},
		{"both numbered a4", numbered, A4, 2, 1},
		{"wide a4", wide, A4, 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := gridcard.Generate(tt.profile, detReader(7), gridcard.GenerateOptions{AllowWeak: true})
			if err != nil {
				t.Fatal(err)
			}
			c.Name = "bank"
			const label = "Family card"
			pages, _, err := layout(c, Options{Layout: tt.layout, Copies: tt.copies, Label: label, Lang: "en",
				Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Fonts: f})
			if err != nil {
				t.Fatal(err)
			}
			if tt.pages > 0 && len(pages) != tt.pages {
				t.Errorf("%d pages, want %d", len(pages), tt.pages)
			}
			p := c.Profile
			labels := map[string]bool{}
			for j := 0; j < p.Cols; j++ {
				labels[p.ColLabel(j)] = true
			}
			for i := 0; i < p.Rows; i++ {
				labels[p.RowLabel(i)] = true
			}
			cards, axis := 0, 0
			for n, pg := range pages {
				onPage := cardsOn(pg)
				cards += len(onPage)
				marks := 0
				for _, r := range onPage {
					for _, corner := range [][2]float64{{r.x, r.y}, {r.x + r.w, r.y}, {r.x, r.y + r.h}, {r.x + r.w, r.y + r.h}} {
						k := 0
						for _, o := range pg.ops {
							if isCutMark(o, r, corner[0], corner[1]) {
								k++
							}
						}
						if k != 2 {
							t.Errorf("page %d, card at (%.1f, %.1f): %d cut marks at corner (%.1f, %.1f), want 2", n+1, r.x, r.y, k, corner[0], corner[1])
						}
						marks += k
					}
					if r.x < 0 || r.y < 0 || r.x+r.w > pg.w || r.y+r.h > pg.h {
						t.Errorf("page %d: card %+v is not inside the %.0f × %.0f mm page", n+1, r, pg.w, pg.h)
					}
				}
				// No other black 0.2 mm lines: nothing but cut marks.
				black := 0
				for _, o := range pg.ops {
					if o.kind == opLine && o.gray == 0 && near(o.lw, 0.2) {
						black++
					}
				}
				if black != marks || marks != 8*len(onPage) {
					t.Errorf("page %d: %d cut marks at corners and %d cut-mark lines, want %d of both", n+1, marks, black, 8*len(onPage))
				}
				for _, o := range pg.ops {
					if o.kind == opText && o.axis && labels[o.text] && o.text != label {
						axis++
						if o.size < minCellPt {
							t.Errorf("axis label %q printed at %.2f pt, less than %.0f", o.text, o.size, minCellPt)
						}
					}
				}
			}
			if cards != tt.copies {
				t.Errorf("%d cards laid out, want %d", cards, tt.copies)
			}
			if want := (p.Rows + p.Cols) * tt.copies; axis != want {
				t.Errorf("%d axis labels, want %d", axis, want)
			}
		})
	}
}

func mustProfile(t *testing.T, name string) gridcard.Profile {
	t.Helper()
	p, err := gridcard.ProfileByName(name)
	if err != nil {
		t.Fatal(fmt.Errorf("profile %q: %w", name, err))
	}
	return p
}
