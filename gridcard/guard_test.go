package gridcard

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCheckChallenge(t *testing.T) {
	seed := builtinProfiles[0]
	bank := builtinProfiles[1]
	cellsOf := func(p Profile, s string) []Cell {
		t.Helper()
		c, err := ParseChallenge(p, s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name   string
		p      Profile
		cells  []Cell
		reason HarvestReason // "" for allowed
		other  error         // a non-harvest error expected instead
	}{
		{"genuine", seed, cellsOf(seed, "A1 C3 J5"), "", nil},
		{"fewer than asked", seed, cellsOf(seed, "B2"), "", nil},
		{"repeat counts once", seed, cellsOf(seed, "A1 A1 C3 J5"), "", nil},
		{"one too many", seed, cellsOf(seed, "A1 C3 J5 B2"), HarvestTooManyCells, nil},
		{"whole row", seed, cellsOf(seed, "A1 B1 C1 D1 E1 F1 G1 H1 I1 J1"), HarvestTooManyCells, nil},
		{"most of the card", bank, cellsOf(bank, "A1 B1 C1 D1 A2 B2 C2 D2 A3"), HarvestMostOfCard, nil},
		{"half is still too many", bank, cellsOf(bank, "A1 B1 C1 D1 A2 B2 C2 D2"), HarvestTooManyCells, nil},
		{"empty", seed, nil, "", ErrEmptyChallenge},
		{"off card", seed, []Cell{{9, 9}}, "", ErrCellOffCard},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckChallenge(tt.p, tt.cells)
			switch {
			case tt.other != nil:
				if !errors.Is(err, tt.other) {
					t.Fatalf("CheckChallenge = %v, want %v", err, tt.other)
				}
			case tt.reason == "":
				if err != nil {
					t.Fatalf("CheckChallenge = %v, want nil", err)
				}
			default:
				var he *HarvestError
				if !errors.As(err, &he) || he.Reason != tt.reason || !errors.Is(err, ErrCardHarvesting) {
					t.Fatalf("CheckChallenge = %v, want a harvest error for %s", err, tt.reason)
				}
				if !strings.Contains(err.Error(), "card-harvesting scams") {
					t.Errorf("message %q does not explain the scam", err)
				}
			}
		})
	}
}

func TestCheckRecent(t *testing.T) {
	p := builtinProfiles[0]
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	e := Exposure{CardID: "x"}
	a := []Cell{{0, 0}, {1, 1}, {2, 2}}
	b := []Cell{{3, 3}, {4, 4}, {0, 5}}
	c := []Cell{{1, 6}, {2, 7}, {3, 8}}
	e.Record(now.Add(-30*time.Minute), c) // outside the window
	if err := e.CheckRecent(p, a, now); err != nil {
		t.Fatal(err)
	}
	e.Record(now.Add(-5*time.Minute), a)
	e.Record(now.Add(-2*time.Minute), b)
	e.Record(now.Add(-1*time.Minute), b) // a retry of the same cells
	err := e.CheckRecent(p, c, now)
	var he *HarvestError
	if !errors.As(err, &he) || he.Reason != HarvestRapidChallenges || he.Recent != 2 {
		t.Fatalf("CheckRecent = %v", err)
	}
	if !strings.Contains(err.Error(), "10 minutes") {
		t.Errorf("message %q", err)
	}
	if err := e.CheckRecent(p, b, now); err != nil {
		t.Errorf("asking b again: %v", err)
	}
	if err := e.CheckRecent(p, c, now.Add(-10*time.Minute)); err != nil {
		t.Errorf("events after now are not counted: %v", err)
	}
}
