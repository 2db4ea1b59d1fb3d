package gridcard

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Cell is one position on a card, counted from 0: Row 0, Col 2 is "C1" on
// a default card. Use [Profile.CellName] to write it the way challenges
// do.
type Cell struct {
	Row int `json:"row"`
	Col int `json:"col"`
}

// Card is a grid card: a profile and the contents of every cell. A card is
// a secret exactly like a password; the vault keeps it encrypted and
// nothing here writes it anywhere.
//
// ID is the card's identity. It is random, made once when the card is
// entered or generated, and kept when the card is shared, so the exposure
// logs of everyone who holds the card can be merged. Name is how its owner
// finds it ("bank", "mum's bank"); Label is the text printed on the paper
// (any language, may be empty); Serial is the number printed on the paper
// (a real card's own serial, or one Mamori derives from the ID).
type Card struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Label   string  `json:"label,omitempty"`
	Serial  string  `json:"serial,omitempty"`
	Profile Profile `json:"profile"`
	// Cells holds Rows rows of Cols cells, each CellWidth symbols of the
	// profile's alphabet; upper case when the profile ignores case.
	Cells [][]string `json:"cells"`
	// Created is when the card was entered or generated (UTC).
	Created time.Time `json:"created"`
	// Generated is true for cards Mamori made, false for cards entered from
	// paper a bank or site issued.
	Generated bool `json:"generated,omitempty"`
	// Exposure logs the challenges answered from this card.
	Exposure Exposure `json:"exposure"`
}

// Validate checks that the card is complete and consistent: a valid
// profile, an ID, Rows × Cols cells of the right width and alphabet, and an
// exposure log that belongs to this card. The vault calls it after
// decoding, so a corrupt card is caught before it is answered from.
func (c Card) Validate() error {
	if err := c.Profile.Validate(); err != nil {
		return err
	}
	if c.ID == "" {
		return fmt.Errorf("%w: card has no ID", ErrCardShape)
	}
	if c.Exposure.CardID != "" && c.Exposure.CardID != c.ID {
		return fmt.Errorf("%w: exposure log is for card %s, not %s", ErrCardMismatch, c.Exposure.CardID, c.ID)
	}
	p := c.Profile
	if len(c.Cells) != p.Rows {
		return fmt.Errorf("%w: %d rows where the profile has %d", ErrCardShape, len(c.Cells), p.Rows)
	}
	for i, row := range c.Cells {
		if len(row) != p.Cols {
			return fmt.Errorf("%w: row %s has %d cells where the profile has %d", ErrCardShape, p.RowLabel(i), len(row), p.Cols)
		}
		for j, v := range row {
			if canon, err := p.checkCell(v); err != nil {
				return fmt.Errorf("%w: cell %s: %s", ErrCellValue, p.CellName(Cell{i, j}), err.reason)
			} else if canon != v {
				return fmt.Errorf("%w: cell %s of a case-insensitive card is not in upper case", ErrCellValue, p.CellName(Cell{i, j}))
			}
		}
	}
	return nil
}

// Answer returns the contents of the given cells in order, case kept: each
// cell's text and all of them joined, which is what a site wants typed.
// A cell off the card is an error wrapping [ErrCellOffCard]. Answer does
// not apply the phishing guard; [Card.AnswerChallenge] does.
func (c Card) Answer(cells []Cell) (parts []string, joined string, err error) {
	if len(cells) == 0 {
		return nil, "", &ChallengeError{Err: ErrEmptyChallenge, Pos: -1}
	}
	parts = make([]string, len(cells))
	for k, cell := range cells {
		if !c.Profile.Contains(cell) || cell.Row >= len(c.Cells) || cell.Col >= len(c.Cells[cell.Row]) {
			return nil, "", &ChallengeError{
				Err: ErrCellOffCard, Pos: -1,
				Text:   fmt.Sprintf("row %d, column %d", cell.Row+1, cell.Col+1),
				Detail: c.Profile.describeAxes(),
			}
		}
		parts[k] = c.Cells[cell.Row][cell.Col]
	}
	return parts, strings.Join(parts, ""), nil
}

// Answered is the result of [Card.AnswerChallenge]: what was asked and
// what to type.
type Answered struct {
	// Cells are the cells the challenge named, in its order.
	Cells []Cell
	// Names are the cells written the card's way ("A1", "C3", "J5").
	Names []string
	// Parts are the cells' contents, one per cell.
	Parts []string
	// Joined is the parts concatenated: the answer to type or paste.
	Joined string
}

// AnswerChallenge reads a challenge as a site shows it, applies the
// phishing guard and returns the answer. With a non-zero now, the guard
// also looks at the card's exposure log for a burst of different
// challenges (see [Exposure.CheckRecent]). It records nothing: after the
// answer is shown, call [Card.Record] and save the card.
func (c Card) AnswerChallenge(challenge string, now time.Time) (Answered, error) {
	cells, err := ParseChallenge(c.Profile, challenge)
	if err != nil {
		return Answered{}, err
	}
	if err := CheckChallenge(c.Profile, cells); err != nil {
		return Answered{}, err
	}
	if !now.IsZero() {
		if err := c.Exposure.CheckRecent(c.Profile, cells, now); err != nil {
			return Answered{}, err
		}
	}
	parts, joined, err := c.Answer(cells)
	if err != nil {
		return Answered{}, err
	}
	names := make([]string, len(cells))
	for i, cell := range cells {
		names[i] = c.Profile.CellName(cell)
	}
	return Answered{Cells: cells, Names: names, Parts: parts, Joined: joined}, nil
}

// Record logs that the given cells were answered at time at, in the card's
// exposure log (see [Exposure.Record]).
func (c *Card) Record(at time.Time, cells []Cell) {
	if c.Exposure.CardID == "" {
		c.Exposure.CardID = c.ID
	}
	c.Exposure.Record(at, cells)
}

// Merge folds another copy of the same card into c: the exposure logs are
// united and the earlier creation time kept. Name, Label and Serial stay
// c's own, since each holder may name a shared card as they like. Cards
// with different IDs, or one ID with different cells, are an error
// wrapping [ErrCardMismatch].
func (c *Card) Merge(other Card) error {
	if c.ID != other.ID {
		return fmt.Errorf("%w: card %s cannot merge card %s", ErrCardMismatch, c.ID, other.ID)
	}
	if c.Profile != other.Profile || !slices.EqualFunc(c.Cells, other.Cells, slices.Equal) {
		return fmt.Errorf("%w: two cards share the ID %s but not their cells", ErrCardMismatch, c.ID)
	}
	if c.Exposure.CardID == "" {
		c.Exposure.CardID = c.ID
	}
	oe := other.Exposure
	if oe.CardID == "" {
		oe.CardID = other.ID
	}
	if err := c.Exposure.Merge(oe); err != nil {
		return err
	}
	if !other.Created.IsZero() && (c.Created.IsZero() || other.Created.Before(c.Created)) {
		c.Created = other.Created
	}
	return nil
}

// newID makes a card ID: 128 random bits in hex.
func newID(r io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", fmt.Errorf("%w: card ID: %w", ErrRandomSource, err)
	}
	return hex.EncodeToString(b[:]), nil
}

// SerialFromID derives the short serial Mamori prints on cards it
// generates, such as "3F9A-0C17", from the card's ID. It says which card
// a paper is without saying anything about its cells.
func SerialFromID(id string) string {
	s := strings.ToUpper(id)
	if len(s) < 8 {
		return s
	}
	return s[:4] + "-" + s[4:8]
}

// CardInputError is a problem in text given to [ParseCard]: which line and
// which cell, what was there and why it does not fit. It wraps
// [ErrCardShape] or [ErrCellValue].
type CardInputError struct {
	// Line is the 1-based line of the input, or 0 for the input as a whole.
	Line int
	// Cell names the cell ("C3"), or is empty when the line is at fault.
	Cell string
	// Text is the offending cell text, if any.
	Text string
	// Reason says what is wrong, in English.
	Reason string
	// Err is ErrCardShape or ErrCellValue.
	Err error
}

// Error names the line and cell, then what is wrong with them.
func (e *CardInputError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d", e.Line)
	}
	if e.Cell != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "cell %s", e.Cell)
		if e.Text != "" {
			fmt.Fprintf(&b, " %q", e.Text)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap returns the sentinel error, ErrCardShape or ErrCellValue.
func (e *CardInputError) Unwrap() error { return e.Err }

// cellProblem is why a cell's text does not fit a profile.
type cellProblem struct{ reason string }

// checkCell checks one cell's text against the profile and returns it in
// canonical form (upper case for case-insensitive profiles).
func (p Profile) checkCell(v string) (string, *cellProblem) {
	if n := utf8.RuneCountInString(v); n != p.CellWidth {
		return "", &cellProblem{fmt.Sprintf("has %d characters where each cell has %d", n, p.CellWidth)}
	}
	if !utf8.ValidString(v) {
		return "", &cellProblem{"is not valid text"}
	}
	var b strings.Builder
	for _, r := range v {
		if !p.CaseSensitive() {
			r = unicode.ToUpper(r)
		}
		if !strings.ContainsRune(p.Alphabet, r) {
			return "", &cellProblem{fmt.Sprintf("character %q is not in the card's alphabet (%s)", string(r), p.AlphabetName())}
		}
		b.WriteRune(r)
	}
	return b.String(), nil
}

// isCellSeparator reports whether r separates cells in text given to
// ParseCard (after width folding), besides white space.
func isCellSeparator(r rune) bool {
	switch r {
	case '|', ',', ';', '、', '・':
		return true
	}
	return unicode.IsSpace(r)
}

// foldWidth maps full-width letters, digits and punctuation to their
// ordinary forms and the ideographic space to a space, so "Ａｂ１" reads as
// "Ab1".
func foldWidth(s string) string { return width.Fold.String(s) }

// ParseCard reads a card a person types or pastes from paper: one row a
// line, cells separated by spaces. It is liberal in what it accepts:
//
//   - tabs, full-width spaces, "|", ",", "、" and "・" also separate cells,
//     and full-width letters and digits are read as ordinary ones;
//   - blank lines and lines starting with "#" are skipped;
//   - a first line of column labels ("A B C …") is skipped;
//   - each row may start with its label ("1", "1:", "1.", "1)");
//   - a row may be given without separators ("AbCdEf…") when that splits
//     evenly into cells.
//
// The shape is checked strictly against the profile: the number of rows,
// the number of cells in each row, each cell's width and every character
// against the alphabet. An error is a [*CardInputError] naming the line
// and cell. On a case-insensitive profile cells are stored in upper case.
//
// The returned card has a new random ID and Created set to now; a caller
// that re-enters a card it already holds keeps the old ID and log.
func ParseCard(p Profile, text string) (Card, error) {
	if err := p.Validate(); err != nil {
		return Card{}, err
	}
	cells, err := parseCells(p, text)
	if err != nil {
		return Card{}, err
	}
	id, err := newID(rand.Reader)
	if err != nil {
		return Card{}, err
	}
	return Card{
		ID:       id,
		Profile:  p,
		Cells:    cells,
		Created:  time.Now().UTC().Truncate(time.Second),
		Exposure: Exposure{CardID: id},
	}, nil
}

// inputLine is one non-blank line of ParseCard's input, split into tokens.
type inputLine struct {
	no     int
	tokens []string
}

func parseCells(p Profile, text string) ([][]string, error) {
	text = strings.ReplaceAll(foldWidth(text), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var lines []inputLine
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		lines = append(lines, inputLine{no: i + 1, tokens: strings.FieldsFunc(l, isCellSeparator)})
		if len(lines) > MaxAxis+2 {
			break
		}
	}
	if len(lines) > 0 && isHeader(p, lines[0].tokens) && (len(lines) == p.Rows+1 || !looksLikeRow(p, lines[0].tokens)) {
		lines = lines[1:]
	}
	if len(lines) == 0 {
		return nil, &CardInputError{Err: ErrCardShape, Reason: fmt.Sprintf("no rows given; the card has %d rows of %d cells", p.Rows, p.Cols)}
	}
	if len(lines) > p.Rows {
		return nil, &CardInputError{Line: lines[p.Rows].no, Err: ErrCardShape,
			Reason: fmt.Sprintf("more rows than the card's %d", p.Rows)}
	}
	cells := make([][]string, 0, p.Rows)
	for r, l := range lines {
		row, err := parseRow(p, r, l)
		if err != nil {
			return nil, err
		}
		cells = append(cells, row)
	}
	if len(lines) < p.Rows {
		return nil, &CardInputError{Err: ErrCardShape,
			Reason: fmt.Sprintf("%d rows given; the card has %d (row %s is missing)", len(lines), p.Rows, p.RowLabel(len(lines)))}
	}
	return cells, nil
}

// trimLabel strips the punctuation people put after a row label.
func trimLabel(s string) string { return strings.TrimRight(s, ":.)]") }

// isHeader reports whether tokens are the column labels in order.
func isHeader(p Profile, tokens []string) bool {
	if len(tokens) == p.Cols+1 && (tokens[0] == "-" || tokens[0] == "*" || tokens[0] == "/" || tokens[0] == "\\") {
		tokens = tokens[1:]
	}
	if len(tokens) != p.Cols {
		return false
	}
	for j, t := range tokens {
		if !strings.EqualFold(trimLabel(t), p.ColLabel(j)) {
			return false
		}
	}
	return true
}

// looksLikeRow reports whether tokens would make a valid first row.
func looksLikeRow(p Profile, tokens []string) bool {
	_, err := parseRow(p, 0, inputLine{tokens: tokens})
	return err == nil
}

func parseRow(p Profile, r int, l inputLine) ([]string, error) {
	tokens := l.tokens
	label := p.RowLabel(r)
	hasLabel := func() bool { return len(tokens) > 0 && strings.EqualFold(trimLabel(tokens[0]), label) }
	switch {
	case len(tokens) == p.Cols:
		// exactly one token a cell
	case len(tokens) == p.Cols+1 && hasLabel():
		tokens = tokens[1:]
	case len(tokens) == 2 && hasLabel() && utf8.RuneCountInString(tokens[1]) == p.Cols*p.CellWidth:
		tokens = splitRunes(tokens[1], p.CellWidth)
	case len(tokens) == 1 && p.Cols > 1 && utf8.RuneCountInString(tokens[0]) == p.Cols*p.CellWidth:
		tokens = splitRunes(tokens[0], p.CellWidth)
	default:
		reason := fmt.Sprintf("row %s has %d cells; the card has %d columns", label, len(tokens), p.Cols)
		if len(tokens) == p.Cols+1 {
			reason += fmt.Sprintf(" (if the first is the row label, it should be %q)", label)
		}
		return nil, &CardInputError{Line: l.no, Err: ErrCardShape, Reason: reason}
	}
	row := make([]string, p.Cols)
	for j, t := range tokens {
		canon, prob := p.checkCell(t)
		if prob != nil {
			return nil, &CardInputError{Line: l.no, Cell: p.CellName(Cell{r, j}), Text: t, Err: ErrCellValue, Reason: prob.reason}
		}
		row[j] = canon
	}
	return row, nil
}

// splitRunes cuts s into pieces of n runes.
func splitRunes(s string, n int) []string {
	rs := []rune(s)
	out := make([]string, 0, len(rs)/n)
	for i := 0; i+n <= len(rs); i += n {
		out = append(out, string(rs[i:i+n]))
	}
	return out
}

// FormatText writes the card's cells as text: a line of column labels,
// then one line a row starting with the row label, columns aligned.
// [ParseCard] reads it back, so it doubles as the preview a person
// compares with the paper after `grid set`. It is the secret in clear:
// show it, never log it.
func (c Card) FormatText() string {
	p := c.Profile
	w := p.CellWidth
	for j := 0; j < p.Cols; j++ {
		w = max(w, len(p.ColLabel(j)))
	}
	lw := 0
	for i := 0; i < p.Rows; i++ {
		lw = max(lw, len(p.RowLabel(i)))
	}
	var b strings.Builder
	pad := func(s string, n int) {
		b.WriteString(s)
		b.WriteString(strings.Repeat(" ", max(0, n-utf8.RuneCountInString(s))))
	}
	pad("", lw)
	for j := 0; j < p.Cols; j++ {
		b.WriteByte(' ')
		if j == p.Cols-1 {
			b.WriteString(p.ColLabel(j))
		} else {
			pad(p.ColLabel(j), w)
		}
	}
	b.WriteByte('\n')
	for i, row := range c.Cells {
		pad(p.RowLabel(i), lw)
		for j, v := range row {
			b.WriteByte(' ')
			if j == len(row)-1 {
				b.WriteString(v)
			} else {
				pad(v, w)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}
