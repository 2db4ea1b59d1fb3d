package usecase

import (
	"errors"
	"time"
	"unicode/utf8"

	"github.com/mamori-app/mamori/gridcard"
)

// CardError is an error about a challenge or the cells of a grid card,
// with the card's profile, which its message needs (the card's axes, an
// example challenge, its alphabet). It wraps gridcard's error.
type CardError struct {
	Profile gridcard.Profile
	Err     error
}

func (e *CardError) Error() string { return e.Err.Error() }
func (e *CardError) Unwrap() error { return e.Err }

// ParseCard reads the cells of a card of profile p as a person types them
// (gridcard.ParseCard); a mistake is a *CardError.
func ParseCard(p gridcard.Profile, text string) (gridcard.Card, error) {
	c, err := gridcard.ParseCard(p, text)
	if err != nil {
		var ce *gridcard.CardInputError
		if errors.As(err, &ce) {
			return c, &CardError{Profile: p, Err: err}
		}
	}
	return c, err
}

// AlphabetMessage names the characters the cells of p may hold.
func AlphabetMessage(p gridcard.Profile) Message {
	switch p.AlphabetName() {
	case "digits":
		return Message{ID: "grid.alphabet.digits"}
	case "alnum":
		return Message{ID: "grid.alphabet.alnum"}
	case "alnum-case":
		return Message{ID: "grid.alphabet.alnum_case"}
	case "upper":
		return Message{ID: "grid.alphabet.upper"}
	case "hex":
		return Message{ID: "grid.alphabet.hex"}
	}
	return Message{ID: "grid.alphabet.custom", Data: map[string]any{"Symbols": p.Alphabet}}
}

// explainGrid turns the errors of grid cards into messages.
func explainGrid(err error) (Message, bool) {
	var (
		pe        *gridcard.ProfileError
		notFound  *CardNotFoundError
		ambiguous *AmbiguousCardError
		exists    *CardExistsError
		he        *gridcard.HarvestError
		card      *CardError
	)
	switch {
	case errors.As(err, &pe):
		return profileMessage(pe), true
	case errors.As(err, &notFound):
		return Message{ID: "grid.error.not_found", Data: map[string]any{"Query": notFound.Query}}, true
	case errors.As(err, &ambiguous):
		return Message{ID: "grid.error.ambiguous", Data: map[string]any{
			"Query": ambiguous.Query, "Count": len(ambiguous.Names), "Candidates": ambiguous.Names}}, true
	case errors.As(err, &exists):
		return Message{ID: "grid.error.exists", Data: map[string]any{"Name": exists.Name}}, true
	case errors.Is(err, ErrCardNeedsName):
		return Message{ID: "grid.error.needs_name"}, true
	case errors.As(err, &he):
		d := map[string]any{"Asked": he.Asked, "Allowed": he.Allowed, "Size": he.CardSize,
			"Recent": he.Recent, "Minutes": int(gridcard.RapidWindow / time.Minute)}
		switch he.Reason {
		case gridcard.HarvestMostOfCard:
			return Message{ID: "grid.error.harvest.most", Data: d}, true
		case gridcard.HarvestRapidChallenges:
			return Message{ID: "grid.error.harvest.rapid", Data: d}, true
		}
		return Message{ID: "grid.error.harvest.too_many", Data: d}, true
	case errors.As(err, &card):
		return cardMessage(card)
	}
	return Message{}, false
}

// profileMessage says which field of a card's shape is at fault, with its
// limit.
func profileMessage(pe *gridcard.ProfileError) Message {
	d := map[string]any{"Max": pe.Max}
	switch pe.Field {
	case gridcard.FieldRows:
		return Message{ID: "grid.error.profile.rows", Data: d}
	case gridcard.FieldCols:
		return Message{ID: "grid.error.profile.cols", Data: d}
	case gridcard.FieldCellWidth:
		return Message{ID: "grid.error.profile.cell", Data: d}
	case gridcard.FieldAsked:
		return Message{ID: "grid.error.profile.asked", Data: d}
	case gridcard.FieldCase:
		return Message{ID: "grid.error.profile.case"}
	case gridcard.FieldAlphabet:
		return Message{ID: "grid.error.profile.alphabet", Data: d}
	case gridcard.FieldRowLabels, gridcard.FieldColLabels:
		return Message{ID: "grid.error.profile.labels"}
	case gridcard.FieldOrder:
		return Message{ID: "grid.error.profile.order"}
	}
	return Message{ID: "grid.error.profile.other"}
}

// cardMessage explains a challenge that cannot be answered, or typed cells
// that do not make a card, naming the piece at fault (never a cell's
// content).
func cardMessage(e *CardError) (Message, bool) {
	p := e.Profile
	var ce *gridcard.ChallengeError
	if errors.As(e.Err, &ce) {
		d := map[string]any{
			"Text": ce.Text, "Example": gridcard.FormatChallenge(p, gridcard.ExampleCells(p)),
			"ColFirst": p.ColLabel(0), "ColLast": p.ColLabel(p.Cols - 1),
			"RowFirst": p.RowLabel(0), "RowLast": p.RowLabel(p.Rows - 1),
		}
		switch {
		case errors.Is(e.Err, gridcard.ErrEmptyChallenge):
			return Message{ID: "grid.error.challenge.empty", Data: d}, true
		case errors.Is(e.Err, gridcard.ErrCellOffCard):
			return Message{ID: "grid.error.challenge.off_card", Data: d}, true
		case errors.Is(e.Err, gridcard.ErrAmbiguousCell):
			return Message{ID: "grid.error.challenge.ambiguous", Data: d}, true
		case ce.Text != "":
			return Message{ID: "grid.error.challenge.syntax", Data: d}, true
		}
		return Message{ID: "grid.error.challenge.syntax_plain", Data: d}, true
	}
	var ie *gridcard.CardInputError
	if errors.As(e.Err, &ie) {
		got := utf8.RuneCountInString(ie.Text)
		d := map[string]any{
			"Rows": p.Rows, "Cols": p.Cols, "Line": ie.Line, "Cell": ie.Cell, "Width": p.CellWidth,
			"Got": got, "Alphabet": AlphabetMessage(p),
		}
		switch {
		case ie.Cell != "" && got != p.CellWidth:
			return Message{ID: "grid.error.input.width", Data: d}, true
		case ie.Cell != "":
			return Message{ID: "grid.error.input.alphabet", Data: d}, true
		case ie.Line > 0:
			return Message{ID: "grid.error.input.row", Data: d}, true
		}
		return Message{ID: "grid.error.input.rows", Data: d}, true
	}
	return Message{}, false
}
