package usecase

import (
	"errors"
	"testing"
	"time"

	"github.com/mamori-app/mamori/gridcard"
)

// testCard is a generated card of the default profile (5 × 10, 3 asked).
func testCard(t *testing.T) gridcard.Card {
	t.Helper()
	p, _ := gridcard.ProfileByName(gridcard.DefaultProfileName)
	c, err := gridcard.Generate(p, nil, gridcard.GenerateOptions{Now: phoneTestAt})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestGridCards(t *testing.T) {
	s := phoneFixture(t)
	card := testCard(t)
	label := "  Printed  "
	tests := []struct {
		name    string
		do      func() (any, error)
		wantErr error
		write   bool
	}{
		{"add", func() (any, error) { return s.AddCard(" Bank ", card) }, nil, true},
		{"add under a name taken (case and width ignored)", func() (any, error) { return s.AddCard("ＢＡＮＫ", testCard(t)) }, &CardExistsError{}, false},
		{"add with no name", func() (any, error) { return s.AddCard(" ", testCard(t)) }, ErrCardNeedsName, false},
		{"enter a new card", func() (any, error) { return s.EnterCard(EnterCard{Name: "Family", Cells: testCard(t), Label: &label}) }, nil, true},
		{"answer and record in one write", func() (any, error) { return s.AnswerChallenge("bank", "A1 C3 J5", AnswerOptions{}) }, nil, true},
		{"answer without recording: nothing written", func() (any, error) {
			return s.AnswerChallenge("bank", "B2 D4", AnswerOptions{NoRecord: true})
		}, nil, false},
		{"a harvesting challenge: refused, nothing written", func() (any, error) {
			return s.AnswerChallenge("bank", "A1 B1 C1 D1", AnswerOptions{})
		}, gridcard.ErrCardHarvesting, false},
		{"a cell off the card", func() (any, error) { return s.AnswerChallenge("bank", "K1", AnswerOptions{}) }, gridcard.ErrCellOffCard, false},
		{"an unknown card", func() (any, error) { return s.AnswerChallenge("nosuch", "A1", AnswerOptions{}) }, &CardNotFoundError{}, false},
		{"several cards match", func() (any, error) { return s.AnswerChallenge("a", "A1", AnswerOptions{}) }, &AmbiguousCardError{}, false},
		{"delete", func() (any, error) { return s.DeleteCard("family") }, nil, true},
		{"delete again", func() (any, error) { return s.DeleteCard("family") }, &CardNotFoundError{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gen := generation(t, s)
			later(s)
			_, err := tt.do()
			switch w := tt.wantErr.(type) {
			case *CardExistsError:
				if !errors.As(err, &w) {
					t.Fatalf("error %v, want %T", err, tt.wantErr)
				}
			case *CardNotFoundError:
				if !errors.As(err, &w) {
					t.Fatalf("error %v, want %T", err, tt.wantErr)
				}
			case *AmbiguousCardError:
				if !errors.As(err, &w) || len(w.Names) != 2 {
					t.Fatalf("error %v, want %T naming both", err, tt.wantErr)
				}
			default:
				checkErr(t, err, tt.wantErr)
			}
			checkWrite(t, s, gen, tt.write)
		})
	}
	v, _ := s.Load()
	c, err := FindCard(v, "bank")
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Bank" || len(c.Exposure.Events) != 1 || len(c.Exposure.Events[0].Cells) != 3 {
		t.Errorf("card %q exposure %+v", c.Name, c.Exposure)
	}
	if len(v.GridCards) != 1 || len(v.Deleted) != 1 {
		t.Errorf("after delete: %d cards, tombstones %v", len(v.GridCards), v.Deleted)
	}
}

func TestEnterCardAgainKeepsItsIdentity(t *testing.T) {
	s := phoneFixture(t)
	label, serial := "Bank card", "No. 12"
	first, err := s.EnterCard(EnterCard{Name: "Bank", Cells: testCard(t), Label: &label, Serial: &serial})
	if err != nil || first.Replaced {
		t.Fatalf("%+v, %v", first, err)
	}
	if _, err := s.AnswerChallenge("bank", "A1 C3 J5", AnswerOptions{}); err != nil {
		t.Fatal(err)
	}
	later(s)
	again, err := s.EnterCard(EnterCard{Name: "bank", Cells: testCard(t)})
	if err != nil {
		t.Fatal(err)
	}
	c := again.Card
	if !again.Replaced || c.ID != first.Card.ID || c.Name != "Bank" || !c.Created.Equal(first.Card.Created) ||
		c.Label != label || c.Serial != serial || len(c.Exposure.Events) != 1 {
		t.Errorf("entered again: %+v", again)
	}
}

// The rapid-challenge guard is one rule, in Answer, for the page that
// answers as the person types and for the operation that records.
func TestAnswerRapidGuard(t *testing.T) {
	card := testCard(t)
	at := phoneTestAt
	for _, ch := range []string{"A1 C3 J5", "B2 D4 F1"} {
		a, err := Answer(card, ch, false, at)
		if err != nil {
			t.Fatal(err)
		}
		card.Record(at, a.Cells)
		at = at.Add(time.Minute)
	}
	tests := []struct {
		name       string
		challenge  string
		allowRapid bool
		at         time.Time
		wantErr    bool
	}{
		{"a third different challenge within the window", "E2 G3 H4", false, at, true},
		{"the same challenge again", "A1 C3 J5", false, at, false},
		{"allowed after checking the site", "E2 G3 H4", true, at, false},
		{"after the window", "E2 G3 H4", false, at.Add(gridcard.RapidWindow), false},
	}
	for _, tt := range tests {
		_, err := Answer(card, tt.challenge, tt.allowRapid, tt.at)
		var he *gridcard.HarvestError
		if got := errors.As(err, &he) && he.Reason == gridcard.HarvestRapidChallenges; got != tt.wantErr {
			t.Errorf("%s: error %v", tt.name, err)
		}
	}
}

func TestExplainGrid(t *testing.T) {
	p, _ := gridcard.ProfileByName(gridcard.DefaultProfileName)
	_, offCard := Answer(testCard(t), "K1", false, phoneTestAt)
	_, input := ParseCard(p, "A1")
	tests := []struct {
		err  error
		id   string
		data map[string]any
	}{
		{gridcard.Profile{Rows: 2, Cols: 1, CellWidth: 1, Asked: 2, Alphabet: "01"}.Validate(), "grid.error.profile.asked", map[string]any{"Max": 1}},
		{gridcard.Profile{Rows: 0}.Validate(), "grid.error.profile.rows", map[string]any{"Max": gridcard.MaxAxis}},
		{offCard, "grid.error.challenge.off_card", map[string]any{"Text": "K1", "ColFirst": "A", "ColLast": "J", "RowFirst": "1", "RowLast": "5"}},
		{input, "grid.error.input.row", map[string]any{"Line": 1, "Rows": 5, "Cols": 10}},
		{&CardExistsError{Name: "Bank"}, "grid.error.exists", map[string]any{"Name": "Bank"}},
	}
	for _, tt := range tests {
		m := Explain(tt.err)
		if m.ID != tt.id {
			t.Errorf("%v: %s, want %s", tt.err, m.ID, tt.id)
			continue
		}
		for k, want := range tt.data {
			if m.Data[k] != want {
				t.Errorf("%s: %s = %v, want %v", m.ID, k, m.Data[k], want)
			}
		}
	}
	// The alphabet is a message of its own, never its identifier.
	m := Explain(&CardError{Profile: gridcard.Profile{Rows: 1, Cols: 2, CellWidth: 1, Alphabet: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"},
		Err: &gridcard.CardInputError{Line: 1, Cell: "A1", Text: "?"}})
	if a, ok := m.Data["Alphabet"].(Message); !ok || a.ID == "" {
		t.Errorf("alphabet %#v", m.Data["Alphabet"])
	}
}
