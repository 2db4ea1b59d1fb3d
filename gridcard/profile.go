package gridcard

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on a profile. They are generous for any real card and keep a
// hostile or corrupt profile from asking for absurd amounts of memory.
const (
	// MaxAxis is the most rows, and the most columns, a card may have.
	MaxAxis = 100
	// MaxCellWidth is the most characters one cell may hold.
	MaxCellWidth = 16
	// MaxAlphabet is the most distinct symbols an alphabet may have.
	MaxAlphabet = 1024
)

// LabelScheme says how one axis of a card is labelled.
type LabelScheme string

const (
	// Letters labels an axis A, B, C, … Z, then AA, AB, … like a
	// spreadsheet. It is the usual scheme for columns.
	Letters LabelScheme = "letters"
	// Numbers labels an axis 1, 2, 3, … It is the usual scheme for rows.
	Numbers LabelScheme = "numbers"
)

// Order says which axis comes first when a cell is written down. With
// [ColumnFirst], column C row 3 is written "C3"; with [RowFirst] it is
// written "3C". When one axis has letters and the other numbers, a
// challenge may use either order ("1A" reads as A1); the order matters
// for reading only when both axes use the same scheme, and it decides how
// Mamori writes cell names.
type Order string

const (
	// ColumnFirst writes the column label before the row label: "C3".
	ColumnFirst Order = "column-first"
	// RowFirst writes the row label before the column label: "3C".
	RowFirst Order = "row-first"
)

// CaseRule says whether upper and lower case letters in cells differ.
type CaseRule string

const (
	// CaseSensitive: "a" and "A" are different symbols; an answer must keep
	// the case printed on the card (the seed's card is like this).
	CaseSensitive CaseRule = "sensitive"
	// CaseInsensitive: "a" and "A" are the same symbol. Cards of such a
	// profile store their cells in upper case.
	CaseInsensitive CaseRule = "insensitive"
)

// Named alphabets. Use them as Profile.Alphabet, or pick one by name with
// [ParseAlphabet].
const (
	// AlphabetDigits is 0–9: bank-style numeric cards.
	AlphabetDigits = "0123456789"
	// AlphabetAlnum is 0–9 and A–Z, for case-insensitive cards.
	AlphabetAlnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	// AlphabetAlnumCase is 0–9, A–Z and a–z, for case-sensitive cards.
	AlphabetAlnumCase = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	// AlphabetUpper is A–Z.
	AlphabetUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	// AlphabetHex is 0–9 and A–F.
	AlphabetHex = "0123456789ABCDEF"
)

// namedAlphabets maps the names ParseAlphabet accepts to their symbols and
// the case rule that goes with them. The first name of each set is the one
// AlphabetName reports.
var namedAlphabets = []struct {
	names   []string
	symbols string
	rule    CaseRule
}{
	{[]string{"digits", "numeric", "number", "numbers"}, AlphabetDigits, CaseSensitive},
	{[]string{"alnum", "alphanumeric"}, AlphabetAlnum, CaseInsensitive},
	{[]string{"alnum-case", "alnum-cs", "alphanumeric-case"}, AlphabetAlnumCase, CaseSensitive},
	{[]string{"upper", "letters"}, AlphabetUpper, CaseInsensitive},
	{[]string{"hex"}, AlphabetHex, CaseInsensitive},
}

// ParseAlphabet turns an alphabet as a person names it into the symbols a
// [Profile] stores and the case rule that usually goes with it:
//
//	digits       0–9
//	alnum        0–9 A–Z, case-insensitive
//	alnum-case   0–9 A–Z a–z, case-sensitive
//	upper        A–Z, case-insensitive
//	hex          0–9 A–F, case-insensitive
//	custom:SYMS  exactly the symbols SYMS (no spaces), case-sensitive if
//	             SYMS holds a letter in both cases, else insensitive
//
// Names are matched without regard to case. The CLI's --alphabet flag
// passes its value here.
func ParseAlphabet(name string) (symbols string, rule CaseRule, err error) {
	n := strings.TrimSpace(name)
	if rest, ok := cutPrefixFold(n, "custom:"); ok {
		if rest == "" {
			return "", "", fmt.Errorf("%w: %q lists no symbols after the prefix", ErrUnknownAlphabet, name)
		}
		rule = CaseInsensitive
		if hasCasePair(rest) {
			rule = CaseSensitive
		}
		p := Profile{Rows: 1, Cols: 1, CellWidth: 1, Asked: 1, Alphabet: rest, Case: rule}
		if err := p.validateAlphabet(); err != nil {
			return "", "", err
		}
		return rest, rule, nil
	}
	for _, a := range namedAlphabets {
		for _, an := range a.names {
			if strings.EqualFold(n, an) {
				return a.symbols, a.rule, nil
			}
		}
	}
	return "", "", fmt.Errorf("%w: %q (known: digits, alnum, alnum-case, upper, hex, or custom:SYMBOLS)", ErrUnknownAlphabet, name)
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// hasCasePair reports whether s holds some letter in both upper and lower
// case, such as both "a" and "A".
func hasCasePair(s string) bool {
	seen := map[rune]bool{}
	for _, r := range s {
		seen[r] = true
	}
	for r := range seen {
		if u := unicode.ToUpper(r); u != r && seen[u] {
			return true
		}
	}
	return false
}

// Profile is the shape of a grid card: everything about it except the
// contents of its cells. Cards carry their profile, so a profile is stored
// inside the vault with every card; it is a plain comparable value.
//
// Zero values of the scheme fields mean the common choice: RowLabels ""
// is [Numbers], ColLabels "" is [Letters], Order "" is [ColumnFirst], and
// Case "" is [CaseSensitive]. To make a custom profile, copy a built-in
// one, change fields and call [Profile.Validate].
type Profile struct {
	// Name identifies a built-in profile ("alnum-5x10"); custom profiles
	// may leave it empty or name themselves.
	Name string `json:"name,omitempty"`
	// Description says in a few words what cards look like, for lists.
	Description string `json:"description,omitempty"`
	// Rows and Cols are the card's size, each 1 to MaxAxis.
	Rows int `json:"rows"`
	Cols int `json:"cols"`
	// RowLabels and ColLabels say how each axis is labelled.
	RowLabels LabelScheme `json:"row_labels,omitempty"`
	ColLabels LabelScheme `json:"col_labels,omitempty"`
	// Order says which axis a written cell name gives first.
	Order Order `json:"order,omitempty"`
	// CellWidth is how many characters (symbols) each cell holds.
	CellWidth int `json:"cell_width"`
	// Alphabet lists every symbol a cell may contain, each once. For a
	// case-insensitive profile, letters are listed in one case only.
	Alphabet string `json:"alphabet"`
	// Case says whether the case of letters matters.
	Case CaseRule `json:"case,omitempty"`
	// Asked is how many cells a genuine challenge asks for, at most half
	// the card. It drives the entropy estimate, the exposure risk and the
	// phishing guard.
	Asked int `json:"asked"`
}

// DefaultProfileName names the profile used when none is given: the card
// described in the seed article, 5 rows × 10 columns of two case-sensitive
// letters or digits, three cells asked.
const DefaultProfileName = "alnum-5x10"

var builtinProfiles = []Profile{
	{
		Name:        DefaultProfileName,
		Description: "5 × 10 cells of 2 case-sensitive letters or digits, 3 cells asked",
		Rows:        5, Cols: 10,
		RowLabels: Numbers, ColLabels: Letters, Order: ColumnFirst,
		CellWidth: 2, Alphabet: AlphabetAlnumCase, Case: CaseSensitive,
		Asked: 3,
	},
	{
		Name:        "bank-4x4",
		Description: "bank style: 4 × 4 cells of 2 digits, 3 cells asked",
		Rows:        4, Cols: 4,
		RowLabels: Numbers, ColLabels: Letters, Order: ColumnFirst,
		CellWidth: 2, Alphabet: AlphabetDigits, Case: CaseSensitive,
		Asked: 3,
	},
	{
		Name:        "entrust-5x10",
		Description: "Entrust style: 5 × 10 cells of 1 letter or digit, 3 cells asked (weaker than a 6-digit code)",
		Rows:        5, Cols: 10,
		RowLabels: Numbers, ColLabels: Letters, Order: ColumnFirst,
		CellWidth: 1, Alphabet: AlphabetAlnum, Case: CaseInsensitive,
		Asked: 3,
	},
}

// Profiles returns the built-in profiles, the default first. The slice is
// a fresh copy; changing it changes nothing here.
func Profiles() []Profile {
	return slices.Clone(builtinProfiles)
}

// ProfileByName returns the built-in profile with the given name, matched
// without regard to case. An unknown name returns an error wrapping
// [ErrUnknownProfile] that lists the known names.
func ProfileByName(name string) (Profile, error) {
	n := strings.TrimSpace(name)
	names := make([]string, 0, len(builtinProfiles))
	for _, p := range builtinProfiles {
		if strings.EqualFold(p.Name, n) {
			return p, nil
		}
		names = append(names, p.Name)
	}
	return Profile{}, fmt.Errorf("%w: %q (known: %s)", ErrUnknownProfile, name, strings.Join(names, ", "))
}

// rowScheme, colScheme, order and caseRule apply the documented defaults.
func (p Profile) rowScheme() LabelScheme {
	if p.RowLabels == "" {
		return Numbers
	}
	return p.RowLabels
}

func (p Profile) colScheme() LabelScheme {
	if p.ColLabels == "" {
		return Letters
	}
	return p.ColLabels
}

func (p Profile) order() Order {
	if p.Order == "" {
		return ColumnFirst
	}
	return p.Order
}

func (p Profile) caseRule() CaseRule {
	if p.Case == "" {
		return CaseSensitive
	}
	return p.Case
}

// CaseSensitive reports whether the profile's cells distinguish case.
func (p Profile) CaseSensitive() bool { return p.caseRule() == CaseSensitive }

// Validate checks that the profile describes a usable card. Its error
// wraps [ErrInvalidProfile] and names the first field at fault. Validate
// does not judge strength: see [MinEntropyOK] for that.
func (p Profile) Validate() error {
	if p.Rows < 1 || p.Rows > MaxAxis {
		return profileError(FieldRows, "%w: rows must be 1 to %d, not %d", ErrInvalidProfile, MaxAxis, p.Rows)
	}
	if p.Cols < 1 || p.Cols > MaxAxis {
		return profileError(FieldCols, "%w: columns must be 1 to %d, not %d", ErrInvalidProfile, MaxAxis, p.Cols)
	}
	for _, s := range []struct {
		field ProfileField
		axis  string
		v     LabelScheme
	}{{FieldRowLabels, "row", p.RowLabels}, {FieldColLabels, "column", p.ColLabels}} {
		if s.v != "" && s.v != Letters && s.v != Numbers {
			return profileError(s.field, "%w: %s labels must be %q or %q, not %q", ErrInvalidProfile, s.axis, Letters, Numbers, s.v)
		}
	}
	if o := p.Order; o != "" && o != ColumnFirst && o != RowFirst {
		return profileError(FieldOrder, "%w: order must be %q or %q, not %q", ErrInvalidProfile, ColumnFirst, RowFirst, o)
	}
	if c := p.Case; c != "" && c != CaseSensitive && c != CaseInsensitive {
		return profileError(FieldCase, "%w: case rule must be %q or %q, not %q", ErrInvalidProfile, CaseSensitive, CaseInsensitive, c)
	}
	if p.CellWidth < 1 || p.CellWidth > MaxCellWidth {
		return profileError(FieldCellWidth, "%w: cell width must be 1 to %d characters, not %d", ErrInvalidProfile, MaxCellWidth, p.CellWidth)
	}
	if err := p.validateAlphabet(); err != nil {
		return err
	}
	if p.Asked < 1 || p.Asked > p.MaxAsked() {
		return withMax(profileError(FieldAsked, "%w: cells asked must be 1 to %d (half the card), not %d", ErrInvalidProfile, p.MaxAsked(), p.Asked), p.MaxAsked())
	}
	return nil
}

func (p Profile) validateAlphabet() error {
	if !utf8.ValidString(p.Alphabet) {
		return profileError(FieldAlphabet, "%w: alphabet is not valid UTF-8", ErrInvalidProfile)
	}
	seen := map[rune]bool{}
	for _, r := range p.Alphabet {
		if !unicode.IsGraphic(r) || unicode.IsSpace(r) || isCellSeparator(r) {
			return profileError(FieldAlphabet, "%w: alphabet may not contain %q (spaces, separators and control characters cannot be told apart on paper)", ErrInvalidProfile, string(r))
		}
		if p.caseRule() == CaseInsensitive && unicode.ToUpper(r) != r {
			return profileError(FieldCase, "%w: a case-insensitive alphabet lists letters in upper case, not %q", ErrInvalidProfile, string(r))
		}
		if seen[r] {
			return profileError(FieldAlphabet, "%w: alphabet lists %q twice", ErrInvalidProfile, string(r))
		}
		seen[r] = true
	}
	if n := len(seen); n < 2 || n > MaxAlphabet {
		return profileError(FieldAlphabet, "%w: alphabet must have 2 to %d symbols, not %d", ErrInvalidProfile, MaxAlphabet, n)
	}
	return nil
}

// ProfileField names the field of a [Profile] a [ProfileError] is about.
type ProfileField string

// The fields Validate may find at fault.
const (
	FieldRows      ProfileField = "rows"
	FieldCols      ProfileField = "cols"
	FieldRowLabels ProfileField = "row_labels"
	FieldColLabels ProfileField = "col_labels"
	FieldOrder     ProfileField = "order"
	FieldCase      ProfileField = "case"
	FieldCellWidth ProfileField = "cell_width"
	FieldAlphabet  ProfileField = "alphabet"
	FieldAsked     ProfileField = "asked"
)

// ProfileError is the error of [Profile.Validate]: it wraps
// [ErrInvalidProfile] and says which field is at fault, so that a screen
// can explain it in the person's language. A case-insensitive alphabet
// with lower-case letters is reported as a fault of [FieldCase].
type ProfileError struct {
	// Field is the field at fault.
	Field ProfileField
	// Max is the field's upper limit, for a message that gives it: rows
	// and columns MaxAxis, a cell MaxCellWidth characters, an alphabet
	// MaxAlphabet symbols, cells asked [Profile.MaxAsked]; 0 for the
	// fields that are a choice.
	Max int
	err error
}

func (e *ProfileError) Error() string { return e.err.Error() }

// Unwrap returns the underlying error, which wraps [ErrInvalidProfile].
func (e *ProfileError) Unwrap() error { return e.err }

func profileError(f ProfileField, format string, args ...any) error {
	limits := map[ProfileField]int{FieldRows: MaxAxis, FieldCols: MaxAxis, FieldCellWidth: MaxCellWidth, FieldAlphabet: MaxAlphabet}
	return &ProfileError{Field: f, Max: limits[f], err: fmt.Errorf(format, args...)}
}

// withMax sets the limit a ProfileError carries.
func withMax(err error, max int) error {
	err.(*ProfileError).Max = max
	return err
}

// MaxAsked is the most cells a challenge of p may ask: half the card,
// rounded down (0 for a one-cell card, which no challenge fits).
func (p Profile) MaxAsked() int { return p.Rows * p.Cols / 2 }

// AlphabetNames returns the names of the named alphabets [ParseAlphabet]
// knows, one for each, in a fixed order: digits, alnum, alnum-case, upper,
// hex. A screen that builds a custom profile offers them.
func AlphabetNames() []string {
	names := make([]string, len(namedAlphabets))
	for i, a := range namedAlphabets {
		names[i] = a.names[0]
	}
	return names
}

// symbols returns the alphabet as runes.
func (p Profile) symbols() []rune { return []rune(p.Alphabet) }

// AlphabetSize is the number of distinct symbols a cell character can be.
func (p Profile) AlphabetSize() int { return utf8.RuneCountInString(p.Alphabet) }

// AlphabetName returns the name ParseAlphabet knows the profile's
// alphabet by ("digits", "alnum-case", …) or "custom".
func (p Profile) AlphabetName() string {
	for _, a := range namedAlphabets {
		if a.symbols == p.Alphabet {
			return a.names[0]
		}
	}
	return "custom"
}

// Size is the number of cells on the card, rows × columns.
func (p Profile) Size() int { return p.Rows * p.Cols }

// RowLabel returns the label of row i, counted from 0: "1" for the first
// row of a numbered axis, "A" for a lettered one.
func (p Profile) RowLabel(i int) string { return axisLabel(p.rowScheme(), i) }

// ColLabel returns the label of column j, counted from 0: "A" for the
// first column of a lettered axis, "1" for a numbered one.
func (p Profile) ColLabel(j int) string { return axisLabel(p.colScheme(), j) }

// CellName writes a cell the way a challenge names it: "C3" for column C,
// row 3 on a default card; "3-2" on a card whose axes are both numbered
// (the hyphen keeps "11-2" apart from "1-12").
func (p Profile) CellName(c Cell) string {
	first, second := p.ColLabel(c.Col), p.RowLabel(c.Row)
	if p.order() == RowFirst {
		first, second = second, first
	}
	if p.rowScheme() == p.colScheme() {
		return first + "-" + second
	}
	return first + second
}

// Contains reports whether the cell lies on a card of this profile.
func (p Profile) Contains(c Cell) bool {
	return c.Row >= 0 && c.Row < p.Rows && c.Col >= 0 && c.Col < p.Cols
}

// describeAxes says what the labels run over, for error messages:
// "columns A–J, rows 1–5".
func (p Profile) describeAxes() string {
	if p.Rows < 1 || p.Cols < 1 {
		return "an empty card"
	}
	return fmt.Sprintf("columns %s–%s, rows %s–%s",
		p.ColLabel(0), p.ColLabel(p.Cols-1), p.RowLabel(0), p.RowLabel(p.Rows-1))
}

// axisLabel returns label i (from 0) of an axis with the given scheme.
func axisLabel(s LabelScheme, i int) string {
	if s == Letters {
		return lettersLabel(i)
	}
	return strconv.Itoa(i + 1)
}

// lettersLabel is bijective base 26: 0 → A, 25 → Z, 26 → AA.
func lettersLabel(i int) string {
	var b []byte
	for n := i + 1; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('A'+(n-1)%26))
	}
	slices.Reverse(b)
	return string(b)
}

// labelIndex is the inverse of axisLabel: the index of text on an axis
// with scheme s, or -1 if the text is no label of that scheme. Letters are
// matched without regard to case; numbers may have leading zeros. The
// index may lie beyond the card; the caller checks the range.
func labelIndex(s LabelScheme, text string) int {
	if text == "" || len(text) > 6 {
		return -1
	}
	n := 0
	for _, r := range text {
		switch {
		case s == Letters && r >= 'A' && r <= 'Z':
			n = n*26 + int(r-'A') + 1
		case s == Letters && r >= 'a' && r <= 'z':
			n = n*26 + int(r-'a') + 1
		case s == Numbers && r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		default:
			return -1
		}
	}
	return n - 1
}

// EntropyBits is how many bits of guessing one genuine challenge carries
// for someone who has never seen the card: Asked × CellWidth × log2 of the
// alphabet size. (Cells are asked without repetition and filled
// independently, so the bits simply add.)
func EntropyBits(p Profile) float64 {
	if p.Asked < 1 || p.CellWidth < 1 || p.AlphabetSize() < 2 {
		return 0
	}
	return float64(p.Asked*p.CellWidth) * math.Log2(float64(p.AlphabetSize()))
}

// SixDigitCodeBits is the entropy of a 6-digit code, log2(10^6) ≈ 19.93
// bits: the bar a challenge should clear to be as hard to guess as a TOTP
// code.
const SixDigitCodeBits = 19.931568569324174

// MinEntropyOK reports whether the profile's challenge carries at least as
// much entropy as a 6-digit code. Cards entered from paper may be weaker
// (the bank will not change its card), but Generate refuses weak profiles
// unless allowed to.
func MinEntropyOK(p Profile) bool {
	return EntropyBits(p) >= SixDigitCodeBits-1e-9
}

// MinCellWidth returns the smallest cell width that would make the
// profile's challenge at least as strong as a 6-digit code, keeping its
// alphabet and the number of cells asked, or 0 if no width up to
// MaxCellWidth does. A screen that builds a custom profile can offer it.
func MinCellWidth(p Profile) int {
	for w := 1; w <= MaxCellWidth; w++ {
		q := p
		q.CellWidth = w
		if MinEntropyOK(q) {
			return w
		}
	}
	return 0
}
