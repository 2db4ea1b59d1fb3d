package gridcard

import (
	"fmt"
	"time"
)

// HarvestReason says why [CheckChallenge] or [Exposure.CheckRecent]
// refused a challenge.
type HarvestReason string

const (
	// HarvestTooManyCells: the challenge asks for more cells than the
	// card's genuine challenges do.
	HarvestTooManyCells HarvestReason = "too-many-cells"
	// HarvestMostOfCard: the challenge asks for more than half the card.
	HarvestMostOfCard HarvestReason = "most-of-card"
	// HarvestRapidChallenges: several different challenges came within a
	// few minutes, as when a fake site keeps "failing" to collect more
	// cells. It is the one reason a person may reasonably override after
	// checking the site, since a real site also shows a new challenge
	// after a typing mistake.
	HarvestRapidChallenges HarvestReason = "rapid-challenges"
)

// Limits of the rapid-challenge guard: answering a further different
// challenge when RapidLimit different ones were answered in the last
// RapidWindow is refused.
const (
	RapidWindow = 10 * time.Minute
	RapidLimit  = 2
)

// HarvestError refuses a challenge that asks for more of the card than a
// login needs. Scams work this way: a fake login page, mail or caller asks
// for many cells, or for new cells again and again, until it holds enough
// of the card to pass the real site's challenges. It wraps
// [ErrCardHarvesting].
type HarvestError struct {
	Reason HarvestReason
	// Asked is the number of different cells the challenge names.
	Asked int
	// Allowed is the number of cells the card's genuine challenges ask.
	Allowed int
	// CardSize is the number of cells on the card.
	CardSize int
	// Recent is, for HarvestRapidChallenges, how many different challenges
	// were answered within RapidWindow before this one.
	Recent int
}

// Error says what the challenge asked for and why that is refused.
func (e *HarvestError) Error() string {
	const scam = "this is how card-harvesting scams collect a card; real logins never do it, so check the site before typing anything"
	switch e.Reason {
	case HarvestTooManyCells:
		return fmt.Sprintf("challenge asks for %d cells but this card's challenges ask for %d: %s", e.Asked, e.Allowed, scam)
	case HarvestMostOfCard:
		return fmt.Sprintf("challenge asks for %d of the card's %d cells: %s", e.Asked, e.CardSize, scam)
	case HarvestRapidChallenges:
		return fmt.Sprintf("%d different challenges were answered in the last %d minutes and this would be one more: %s",
			e.Recent, int(RapidWindow/time.Minute), scam)
	}
	return ErrCardHarvesting.Error()
}

// Unwrap returns ErrCardHarvesting.
func (e *HarvestError) Unwrap() error { return ErrCardHarvesting }

// CheckChallenge is the phishing guard: it refuses a challenge that asks
// for more different cells than the profile's genuine challenges
// (Profile.Asked), or for more than half the card, with a [*HarvestError].
// A cell named twice counts once, since repeating a cell gives nothing
// away. An empty challenge or a cell off the card is a [*ChallengeError].
func CheckChallenge(p Profile, cells []Cell) error {
	if len(cells) == 0 {
		return &ChallengeError{Err: ErrEmptyChallenge, Pos: -1}
	}
	distinct := map[Cell]bool{}
	for _, c := range cells {
		if !p.Contains(c) {
			return &ChallengeError{Err: ErrCellOffCard, Pos: -1,
				Text: fmt.Sprintf("row %d, column %d", c.Row+1, c.Col+1), Detail: p.describeAxes()}
		}
		distinct[c] = true
	}
	n := len(distinct)
	if 2*n > p.Size() {
		return &HarvestError{Reason: HarvestMostOfCard, Asked: n, Allowed: p.Asked, CardSize: p.Size()}
	}
	if p.Asked > 0 && n > p.Asked {
		return &HarvestError{Reason: HarvestTooManyCells, Asked: n, Allowed: p.Asked, CardSize: p.Size()}
	}
	return nil
}

// CheckRecent is the guard against a burst of challenges: it refuses the
// given challenge with a [*HarvestError] of reason HarvestRapidChallenges
// when RapidLimit or more other, different challenges were answered from
// this card in the RapidWindow before now. Asking the very same cells
// again (a retry) is not counted.
func (e Exposure) CheckRecent(p Profile, cells []Cell, now time.Time) error {
	this := cellsKey(cells)
	seen := map[string]bool{}
	for _, ev := range e.Events {
		if ev.At.After(now) || now.Sub(ev.At) > RapidWindow {
			continue
		}
		if k := cellsKey(ev.Cells); k != this {
			seen[k] = true
		}
	}
	if len(seen) >= RapidLimit {
		return &HarvestError{Reason: HarvestRapidChallenges, Asked: len(cells), Allowed: p.Asked, CardSize: p.Size(), Recent: len(seen)}
	}
	return nil
}
