package gridcard

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// AnswerEvent is one challenge answered from a card: when, and which
// cells were given away.
type AnswerEvent struct {
	// At is when the answer was shown (UTC, whole seconds).
	At time.Time `json:"at"`
	// Cells are the cells the challenge asked, in its order.
	Cells []Cell `json:"cells"`
	// By optionally says who or which device answered, for display. It is
	// not part of the event's identity.
	By string `json:"by,omitempty"`
}

// Exposure is the log of challenges answered from one card. Everyone who
// shares a card keeps a log under the card's ID; merging the logs (union,
// without duplicates) gives the card's real exposure: the cells anyone
// watching those logins has seen.
//
// The log is as secret as the card's metadata but holds no cell contents,
// so it can be sent back to the card's owner without sending the card.
type Exposure struct {
	// CardID is the ID of the card the log belongs to.
	CardID string `json:"card_id"`
	// Events are the answered challenges, oldest first.
	Events []AnswerEvent `json:"events,omitempty"`
}

// eventKey identifies an event for merging: its time and its cells.
func eventKey(ev AnswerEvent) string {
	return strconv.FormatInt(ev.At.Unix(), 10) + "/" + cellsKey(ev.Cells)
}

// cellsKey writes cells in order as text, to compare challenges.
func cellsKey(cells []Cell) string {
	var b strings.Builder
	for _, c := range cells {
		fmt.Fprintf(&b, "%d.%d,", c.Row, c.Col)
	}
	return b.String()
}

// Add puts an event into the log unless an event with the same time
// (to the second) and the same cells is already there, and reports whether
// it was added. The log stays ordered by time.
func (e *Exposure) Add(ev AnswerEvent) bool {
	ev.At = ev.At.UTC().Truncate(time.Second)
	ev.Cells = slices.Clone(ev.Cells)
	k := eventKey(ev)
	for _, old := range e.Events {
		if eventKey(old) == k {
			return false
		}
	}
	i, _ := slices.BinarySearchFunc(e.Events, ev, func(a, b AnswerEvent) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return cmp.Compare(cellsKey(a.Cells), cellsKey(b.Cells))
	})
	e.Events = slices.Insert(e.Events, i, ev)
	return true
}

// Record logs that the cells were answered at time at.
func (e *Exposure) Record(at time.Time, cells []Cell) {
	e.Add(AnswerEvent{At: at, Cells: cells})
}

// Merge adds every event of other that e does not have. Both logs must
// belong to the same card (an empty CardID in e takes other's); otherwise
// the error wraps [ErrCardMismatch] and e is unchanged.
func (e *Exposure) Merge(other Exposure) error {
	if e.CardID == "" {
		e.CardID = other.CardID
	}
	if other.CardID != "" && other.CardID != e.CardID {
		return fmt.Errorf("%w: exposure log of card %s cannot merge the log of card %s", ErrCardMismatch, e.CardID, other.CardID)
	}
	for _, ev := range other.Events {
		e.Add(ev)
	}
	return nil
}

// RevealedCells returns every cell any logged challenge asked, each once,
// ordered by row then column.
func (e Exposure) RevealedCells() []Cell {
	seen := map[Cell]bool{}
	var out []Cell
	for _, ev := range e.Events {
		for _, c := range ev.Cells {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	slices.SortFunc(out, func(a, b Cell) int {
		return cmp.Or(cmp.Compare(a.Row, b.Row), cmp.Compare(a.Col, b.Col))
	})
	return out
}

// AdviseNewCardRisk is the risk above which Mamori advises replacing a
// card: a 1% chance that someone who watched every logged login could
// answer the next challenge. (A 6-digit code guessed once is 0.0001%.)
const AdviseNewCardRisk = 0.01

// ExposureReport sums up a card's exposure for a screen or `grid show`.
type ExposureReport struct {
	// Answered is the number of logged challenges.
	Answered int
	// Revealed is the number of different cells those challenges showed,
	// and Total the number of cells on the card.
	Revealed, Total int
	// Risk is NextChallengeRisk for the revealed cells.
	Risk float64
	// AdviseNewCard is true when Risk exceeds AdviseNewCardRisk.
	AdviseNewCard bool
}

// Report sums up the log for a card of profile p.
func (e Exposure) Report(p Profile) ExposureReport {
	rev := e.RevealedCells()
	risk := NextChallengeRisk(p, rev)
	return ExposureReport{
		Answered:      len(e.Events),
		Revealed:      countOnCard(p, rev),
		Total:         p.Size(),
		Risk:          risk,
		AdviseNewCard: risk > AdviseNewCardRisk,
	}
}

func countOnCard(p Profile, cells []Cell) int {
	seen := map[Cell]bool{}
	for _, c := range cells {
		if p.Contains(c) {
			seen[c] = true
		}
	}
	return len(seen)
}

// NextChallengeRisk is the probability that someone who saw the contents
// of the revealed cells answers a fresh challenge correctly. The challenge
// asks Profile.Asked different cells drawn uniformly from the card; each
// revealed cell they know, and each other cell they must guess, with a
// chance of 1/|alphabet|^width. With N cells on the card, r of them
// revealed and k asked, the number u of unrevealed cells in the challenge
// is hypergeometric, so
//
//	risk = Σ_u  C(N−r, u) · C(r, k−u) / C(N, k) · (1/|alphabet|^width)^u
//
// Cells off the card or listed twice are ignored. See [RiskAfter] for the
// same formula by count.
func NextChallengeRisk(p Profile, revealed []Cell) float64 {
	return RiskAfter(p, countOnCard(p, revealed))
}

// RiskAfter is [NextChallengeRisk] for r revealed cells, whichever they
// are. A screen can plot it to show how fast a card wears out.
func RiskAfter(p Profile, r int) float64 {
	n, k := p.Size(), p.Asked
	if n < 1 || k < 1 || k > n || p.AlphabetSize() < 2 || p.CellWidth < 1 {
		return 0
	}
	r = min(max(r, 0), n)
	logQ := -float64(p.CellWidth) * math.Log(float64(p.AlphabetSize()))
	total := 0.0
	for u := max(0, k-r); u <= min(k, n-r); u++ {
		l := logChoose(n-r, u) + logChoose(r, k-u) - logChoose(n, k) + float64(u)*logQ
		total += math.Exp(l)
	}
	return min(total, 1)
}

// logChoose is ln C(n, k).
func logChoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}
