package gridcard

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxChallengeLen is the longest challenge text ParseChallenge reads, in
// bytes. Real challenges are a few cells long.
const MaxChallengeLen = 4096

// ChallengeError is a problem reading or answering a challenge. It wraps
// one of [ErrEmptyChallenge], [ErrChallengeSyntax], [ErrCellOffCard] or
// [ErrAmbiguousCell]; its message names the piece at fault.
type ChallengeError struct {
	// Err is the sentinel error this one wraps.
	Err error
	// Text is the piece of the challenge at fault, as read after width
	// folding ("K9", "and"); empty when the challenge as a whole is.
	Text string
	// Pos is where Text starts, in characters (runes) from the start of
	// the challenge, or -1 when not known. Width folding keeps one
	// character for one, so it indexes the text as typed too.
	Pos int
	// Detail adds what the reader needs to fix it, such as the card's
	// label ranges.
	Detail string
	// Valid holds the cells read before the problem, so a screen can keep
	// highlighting them while the challenge is being typed.
	Valid []Cell
}

// Error says what is wrong and, where it helps, what the card allows.
func (e *ChallengeError) Error() string {
	var msg string
	switch e.Err {
	case ErrEmptyChallenge:
		msg = "challenge names no cell"
	case ErrCellOffCard:
		msg = fmt.Sprintf("cell %s is not on this card", e.Text)
	case ErrAmbiguousCell:
		msg = fmt.Sprintf("cell %q is ambiguous", e.Text)
	case ErrChallengeSyntax:
		if e.Text != "" {
			msg = fmt.Sprintf("%q at character %d is not a cell name", e.Text, e.Pos+1)
		} else {
			msg = "challenge is not a list of cells"
		}
	default:
		msg = fmt.Sprint(e.Err)
	}
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return msg
}

// Unwrap returns the sentinel error.
func (e *ChallengeError) Unwrap() error { return e.Err }

// atom is a run of letters or of digits in a challenge.
type atom struct {
	letters bool
	text    string // as in the folded challenge
	pos     int    // rune offset of its start
	end     int    // byte offset just past it, in the folded challenge
	start   int    // byte offset of its start
	// joined: the previous atom touches this one, directly or through
	// "-", ":", "." or "_" only, so the two may name one cell.
	joined bool
}

// runeClass says what one character of a challenge is.
type runeClass int

const (
	classOther  runeClass = iota
	classLetter           // A–Z, a–z
	classDigit            // 0–9
	classJoin             // joins a cell's two labels: A-1, 2:3
	classSplit            // separates cells: space, comma, 、, ・, brackets
)

func classify(r rune) runeClass {
	switch {
	case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
		return classLetter
	case r >= '0' && r <= '9':
		return classDigit
	}
	switch r {
	case '-', ':', '.', '_', '‐', '‑', '‒', '–', '—', '―', '−', 'ー':
		return classJoin
	case ',', ';', '/', '|', '&', '+', '、', '，', '・', '。', '､', '･',
		'(', ')', '[', ']', '{', '}', '<', '>', '"', '\'', '`',
		'「', '」', '『', '』', '【', '】', '〔', '〕', '〈', '〉', '《', '》', '［', '］',
		'“', '”', '‘', '’':
		return classSplit
	}
	if unicode.IsSpace(r) {
		return classSplit
	}
	return classOther
}

// ParseChallenge reads a challenge as a site or bank shows it and returns
// the cells it names, in order. It accepts the common spellings and any
// mix of them:
//
//	A1 C3 J5        a1, c3, j5       [A1][C3][J5]      A1C3J5
//	A-1 C-3         1A 3C (when one axis has letters and the other numbers)
//	Ａ１　Ｃ３      A1、C3・J5        2-3 4-1 (both axes numbered)
//
// Letters are read without regard to case. When both axes use the same
// kind of label, a cell is read in the profile's [Order] and should be
// written with "-" (a run like "23" is split only when exactly one split
// lies on the card). A cell off the card is an error naming it; anything
// that is not a cell name or a separator is an error naming it. Errors are
// [*ChallengeError] values.
//
// ParseChallenge only reads; [CheckChallenge] decides whether a
// challenge is safe to answer.
func ParseChallenge(p Profile, s string) ([]Cell, error) {
	if len(s) > MaxChallengeLen {
		return nil, &ChallengeError{Err: ErrChallengeSyntax, Pos: -1,
			Detail: fmt.Sprintf("it is %d bytes long; a challenge is a few cells", len(s))}
	}
	if !utf8.ValidString(s) {
		return nil, &ChallengeError{Err: ErrChallengeSyntax, Pos: -1, Detail: "it is not valid text"}
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	in := foldWidth(s)
	atoms, err := scanAtoms(in)
	if err != nil {
		return nil, err
	}
	if len(atoms) == 0 {
		return nil, &ChallengeError{Err: ErrEmptyChallenge, Pos: -1, Detail: "write cells like " + example(p)}
	}
	var cells []Cell
	fail := func(e *ChallengeError) ([]Cell, error) {
		e.Valid = cells
		return nil, e
	}
	mixed := p.rowScheme() != p.colScheme()
	for i := 0; i < len(atoms); {
		a := atoms[i]
		var b *atom
		if i+1 < len(atoms) && atoms[i+1].joined {
			b = &atoms[i+1]
		}
		if mixed {
			if b == nil || b.letters == a.letters {
				return fail(incomplete(p, a))
			}
			col, row := a, *b
			if (p.colScheme() == Letters) != a.letters {
				col, row = row, col
			}
			c, e := resolve(p, in[a.start:b.end], a.pos, col.text, row.text)
			if e != nil {
				return fail(e)
			}
			cells = append(cells, c)
			i += 2
			continue
		}
		want := p.colScheme() == Letters
		if a.letters != want {
			return fail(wrongKind(p, a))
		}
		if b != nil {
			if b.letters != want {
				return fail(wrongKind(p, *b))
			}
			first, second := a.text, b.text
			col, row := first, second
			if p.order() == RowFirst {
				col, row = second, first
			}
			c, e := resolve(p, in[a.start:b.end], a.pos, col, row)
			if e != nil {
				return fail(e)
			}
			cells = append(cells, c)
			i += 2
			continue
		}
		c, e := split(p, a)
		if e != nil {
			return fail(e)
		}
		cells = append(cells, c)
		i++
	}
	return cells, nil
}

// scanAtoms cuts the folded challenge into runs of letters and digits and
// notes which runs are joined. Any other character is a syntax error.
func scanAtoms(in string) ([]atom, error) {
	var atoms []atom
	joined := false // only join characters since the last atom
	pos := 0
	for i := 0; i < len(in); {
		r, size := utf8.DecodeRuneInString(in[i:])
		cls := classify(r)
		switch cls {
		case classLetter, classDigit:
			start, startPos := i, pos
			for i < len(in) {
				r2, s2 := utf8.DecodeRuneInString(in[i:])
				if classify(r2) != cls {
					break
				}
				i += s2
				pos++
			}
			atoms = append(atoms, atom{
				letters: cls == classLetter, text: in[start:i],
				pos: startPos, start: start, end: i,
				joined: len(atoms) > 0 && joined,
			})
			joined = true
			continue
		case classJoin:
			// keeps joined as it is
		case classSplit:
			joined = false
		default:
			return nil, &ChallengeError{Err: ErrChallengeSyntax, Text: string(r), Pos: pos, Valid: nil,
				Detail: "a challenge lists cells like A1 C3 J5"}
		}
		i += size
		pos++
	}
	for _, a := range atoms {
		if a.letters && len(a.text) > 3 || !a.letters && len(a.text) > 6 {
			return nil, &ChallengeError{Err: ErrChallengeSyntax, Text: a.text, Pos: a.pos,
				Detail: "a challenge lists cells like A1 C3 J5"}
		}
	}
	return atoms, nil
}

// example writes the first cells of the card as a challenge would.
func example(p Profile) string {
	ex := []string{p.CellName(Cell{0, 0})}
	if p.Rows > 1 && p.Cols > 2 {
		ex = append(ex, p.CellName(Cell{min(2, p.Rows-1), 2}))
	}
	return strings.Join(ex, " ")
}

func incomplete(p Profile, a atom) *ChallengeError {
	return &ChallengeError{Err: ErrChallengeSyntax, Text: a.text, Pos: a.pos,
		Detail: "a cell needs a column and a row, like " + example(p)}
}

func wrongKind(p Profile, a atom) *ChallengeError {
	kind := "numbers"
	if p.colScheme() == Letters {
		kind = "letters"
	}
	return &ChallengeError{Err: ErrChallengeSyntax, Text: a.text, Pos: a.pos,
		Detail: fmt.Sprintf("both axes of this card are labelled with %s, like %s", kind, example(p))}
}

// resolve turns a column and a row label into a cell on the card.
func resolve(p Profile, whole string, pos int, col, row string) (Cell, *ChallengeError) {
	c := Cell{Row: labelIndex(p.rowScheme(), row), Col: labelIndex(p.colScheme(), col)}
	if !p.Contains(c) {
		return Cell{}, &ChallengeError{Err: ErrCellOffCard, Text: strings.ToUpper(whole), Pos: pos, Detail: p.describeAxes()}
	}
	return c, nil
}

// split reads one run as a whole cell on a card whose axes share a
// scheme, trying every split point.
func split(p Profile, a atom) (Cell, *ChallengeError) {
	if len(a.text) < 2 {
		return Cell{}, incomplete(p, a)
	}
	var found []Cell
	for k := 1; k < len(a.text); k++ {
		col, row := a.text[:k], a.text[k:]
		if p.order() == RowFirst {
			col, row = row, col
		}
		c := Cell{Row: labelIndex(p.rowScheme(), row), Col: labelIndex(p.colScheme(), col)}
		if p.Contains(c) {
			found = append(found, c)
		}
	}
	switch len(found) {
	case 0:
		return Cell{}, &ChallengeError{Err: ErrCellOffCard, Text: strings.ToUpper(a.text), Pos: a.pos, Detail: p.describeAxes()}
	case 1:
		return found[0], nil
	}
	names := make([]string, len(found))
	for i, c := range found {
		names[i] = p.CellName(c)
	}
	return Cell{}, &ChallengeError{Err: ErrAmbiguousCell, Text: a.text, Pos: a.pos,
		Detail: fmt.Sprintf("it could be %s; write it with a hyphen", strings.Join(names, " or "))}
}

// FormatChallenge writes cells the way the card names them, separated by
// spaces: "A1 C3 J5". ParseChallenge reads it back.
func FormatChallenge(p Profile, cells []Cell) string {
	names := make([]string, len(cells))
	for i, c := range cells {
		names[i] = p.CellName(c)
	}
	return strings.Join(names, " ")
}
