package gridcard

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func TestExposureLog(t *testing.T) {
	t0 := time.Date(2025, 2, 1, 8, 0, 0, 0, time.FixedZone("JST", 9*3600))
	var e Exposure
	e.CardID = "card-1"
	e.Record(t0.Add(time.Hour), []Cell{{1, 1}, {0, 0}})
	e.Record(t0, []Cell{{0, 0}, {2, 2}})
	e.Record(t0.Add(300*time.Millisecond), []Cell{{0, 0}, {2, 2}}) // same second, same cells
	if len(e.Events) != 2 || !e.Events[0].At.Equal(t0) || e.Events[0].At.Location() != time.UTC {
		t.Fatalf("events: %+v", e.Events)
	}
	if !e.Add(AnswerEvent{At: t0, Cells: []Cell{{2, 2}, {0, 0}}, By: "mum"}) {
		t.Error("the same cells in another order are another challenge")
	}
	if got, want := e.RevealedCells(), []Cell{{0, 0}, {1, 1}, {2, 2}}; !slices.Equal(got, want) {
		t.Errorf("RevealedCells = %v, want %v", got, want)
	}

	// Two family members' logs: union without duplicates, either way round.
	mine := Exposure{CardID: "card-1"}
	theirs := Exposure{CardID: "card-1"}
	shared := AnswerEvent{At: t0, Cells: []Cell{{0, 0}, {1, 2}, {3, 4}}}
	mine.Add(shared)
	mine.Record(t0.Add(2*time.Hour), []Cell{{4, 4}})
	theirs.Add(AnswerEvent{At: shared.At, Cells: shared.Cells, By: "dad"})
	theirs.Record(t0.Add(time.Hour), []Cell{{2, 3}})
	ab, ba := mine, theirs
	ab.Events, ba.Events = slices.Clone(mine.Events), slices.Clone(theirs.Events)
	if err := ab.Merge(theirs); err != nil {
		t.Fatal(err)
	}
	if err := ba.Merge(mine); err != nil {
		t.Fatal(err)
	}
	if len(ab.Events) != 3 || len(ba.Events) != 3 {
		t.Fatalf("merged %d and %d events, want 3", len(ab.Events), len(ba.Events))
	}
	for i := range ab.Events {
		if !ab.Events[i].At.Equal(ba.Events[i].At) || !slices.Equal(ab.Events[i].Cells, ba.Events[i].Cells) {
			t.Fatalf("merge is not symmetric: %v vs %v", ab.Events, ba.Events)
		}
	}
	if err := ab.Merge(ab); err != nil || len(ab.Events) != 3 {
		t.Fatalf("merging a log with itself: %v, %d events", err, len(ab.Events))
	}
	if err := ab.Merge(Exposure{CardID: "card-2", Events: mine.Events}); !errors.Is(err, ErrCardMismatch) || len(ab.Events) != 3 {
		t.Fatalf("merging another card's log: %v", err)
	}
	var empty Exposure
	if err := empty.Merge(theirs); err != nil || empty.CardID != "card-1" {
		t.Fatalf("merge into an empty log: %v %+v", err, empty)
	}

	b, err := json.Marshal(ab)
	if err != nil {
		t.Fatal(err)
	}
	var back Exposure
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if err := back.Merge(ab); err != nil || len(back.Events) != 3 {
		t.Fatalf("a log read back from JSON merges with itself into %d events (%v)", len(back.Events), err)
	}
}

func TestRiskFormula(t *testing.T) {
	p := builtinProfiles[0] // 50 cells, 3 asked, 62² per cell
	q := 1 / (62.0 * 62)
	tests := []struct {
		r    int
		want float64
	}{
		{0, q * q * q},
		{50, 1},
		{60, 1},
		{-1, q * q * q},
		// r = 49: the challenge misses the one unknown cell with chance 47/50.
		{49, 47.0/50 + 3.0/50*q},
	}
	for _, tt := range tests {
		if got := RiskAfter(p, tt.r); math.Abs(got-tt.want) > 1e-9*tt.want {
			t.Errorf("RiskAfter(%d) = %g, want %g", tt.r, got, tt.want)
		}
	}
	prev := -1.0
	for r := 0; r <= p.Size(); r++ {
		got := RiskAfter(p, r)
		if got < prev {
			t.Fatalf("risk falls from %g to %g at r=%d", prev, got, r)
		}
		prev = got
	}
	if got := NextChallengeRisk(p, []Cell{{0, 0}, {0, 0}, {9, 9}}); got != RiskAfter(p, 1) {
		t.Errorf("duplicates and off-card cells are counted: %g", got)
	}

	var e Exposure
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 10; i++ {
		e.Record(at.Add(time.Duration(i)*time.Hour), []Cell{{i % 5, i}, {(i + 1) % 5, i}, {(i + 2) % 5, i}})
	}
	rep := e.Report(p)
	if rep.Answered != 10 || rep.Revealed != 30 || rep.Total != 50 || rep.Risk != RiskAfter(p, 30) {
		t.Fatalf("report %+v", rep)
	}
	// 30 of 50 cells seen: all three asked are known with chance
	// C(30,3)/C(50,3) ≈ 20.8%, far past the advice threshold.
	if !rep.AdviseNewCard || math.Abs(rep.Risk-4060.0/19600) > 1e-3 {
		t.Fatalf("report %+v, want advice at ≈ 0.207", rep)
	}
	fresh := Exposure{}.Report(p)
	if fresh.AdviseNewCard || fresh.Revealed != 0 {
		t.Fatalf("fresh card report %+v", fresh)
	}
}

// TestRiskMonteCarlo checks the formula against a brute-force simulation:
// a random card, an observer who has seen r random cells, and a fresh
// random challenge the observer answers by copying what they saw and
// guessing every other character. The tolerance is five binomial standard
// errors (plus a little for a risk near 0), with a fixed seed.
func TestRiskMonteCarlo(t *testing.T) {
	profiles := []Profile{
		{Name: "digit cells", Rows: 3, Cols: 4, CellWidth: 1, Alphabet: AlphabetDigits, Asked: 3},
		{Name: "two-digit cells", Rows: 4, Cols: 4, CellWidth: 2, Alphabet: AlphabetDigits, Asked: 3},
		{Name: "binary cells, many asked", Rows: 2, Cols: 5, CellWidth: 1, Alphabet: "01", Asked: 5},
		{Name: "seed card", Rows: 5, Cols: 10, CellWidth: 2, Alphabet: AlphabetAlnumCase, Asked: 3},
	}
	const trials = 40000
	rng := rand.New(rand.NewPCG(2025, 5))
	for _, p := range profiles {
		n := p.Size()
		rs := []int{0, n / 4, n / 2, n - p.Asked, n - 1, n}
		slices.Sort(rs)
		for _, r := range slices.Compact(rs) {
			t.Run(fmt.Sprintf("%s/r=%d", p.Name, r), func(t *testing.T) {
				syms := p.symbols()
				wins := 0
				perm := make([]int, n)
				card := make([][]rune, n)
				for trial := 0; trial < trials; trial++ {
					for i := range card {
						card[i] = card[i][:0]
						for range p.CellWidth {
							card[i] = append(card[i], syms[rng.IntN(len(syms))])
						}
					}
					// the observer saw the first r cells of a random order
					for i := range perm {
						perm[i] = i
					}
					rng.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
					seen := map[int]bool{}
					for _, c := range perm[:r] {
						seen[c] = true
					}
					// a fresh challenge: Asked distinct cells, uniformly
					ok := true
					for _, c := range rng.Perm(n)[:p.Asked] {
						if seen[c] {
							continue
						}
						for _, want := range card[c] {
							if syms[rng.IntN(len(syms))] != want {
								ok = false
							}
						}
					}
					if ok {
						wins++
					}
				}
				got := float64(wins) / trials
				want := RiskAfter(p, r)
				se := math.Sqrt(want * (1 - want) / trials)
				if math.Abs(got-want) > 5*se+1.0/trials {
					t.Errorf("simulated %.5f, formula %.5f (standard error %.5f)", got, want, se)
				}
			})
		}
	}
}
