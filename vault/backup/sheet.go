package backup

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ProblemKind says what is wrong with a piece of a sheet.
type ProblemKind string

const (
	// ProblemFragment is text that looks like part of a code (or a code of
	// another length or alphabet than the rest of the sheet).
	ProblemFragment ProblemKind = "fragment"
	// ProblemDuplicate is a code that already appeared earlier in the sheet.
	ProblemDuplicate ProblemKind = "duplicate"
)

// Problem is one thing ParseSheet could not accept, located by line.
type Problem struct {
	// Line is the 1-based line of the sheet.
	Line int `json:"line"`
	// Kind is what is wrong.
	Kind ProblemKind `json:"kind"`
	// Text is the offending text in display form, for a screen to highlight.
	// It may be part of a live code: show it to the user, never log it.
	Text string `json:"text"`
	// First is, for a duplicate, the line where the code first appeared.
	First int `json:"first,omitempty"`
}

// String describes p in English without its text, e.g. "line 4: looks like
// part of a code".
func (p Problem) String() string {
	switch p.Kind {
	case ProblemDuplicate:
		return fmt.Sprintf("line %d: duplicate of the code on line %d", p.Line, p.First)
	default:
		return fmt.Sprintf("line %d: looks like part of a code", p.Line)
	}
}

// SheetError is returned by ParseSheet when a sheet has problems. It wraps
// ErrFragment and ErrDuplicateCode for the kinds of problems present, and
// ErrNoCodes when no code at all was found. Its message lists line numbers
// only, never the text of a code.
type SheetError struct {
	// Problems are in line order.
	Problems []Problem
	// Found is how many codes were understood (and returned) despite them.
	Found int
}

// Error summarises the problems by line number, never quoting the sheet.
func (e *SheetError) Error() string {
	var b strings.Builder
	if e.Found == 0 {
		b.WriteString("backup: no backup codes found in the sheet")
	} else {
		fmt.Fprintf(&b, "backup: %d code(s) found, but the sheet has %d problem(s)", e.Found, len(e.Problems))
	}
	for i, p := range e.Problems {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Unwrap returns the sentinels for the problems present, so that errors.Is
// works for each of them.
func (e *SheetError) Unwrap() []error {
	var errs []error
	if e.Found == 0 {
		errs = append(errs, ErrNoCodes)
	}
	var frag, dup bool
	for _, p := range e.Problems {
		switch p.Kind {
		case ProblemFragment:
			frag = true
		case ProblemDuplicate:
			dup = true
		}
	}
	if frag {
		errs = append(errs, ErrFragment)
	}
	if dup {
		errs = append(errs, ErrDuplicateCode)
	}
	return errs
}

// ParseSheet returns the backup codes in text, a sheet as a service shows it
// and a person pastes it, in display form and in the sheet's order: by the
// numbers printed before the codes when every code has one and they run
// from 1 to the number of codes without a gap or a repeat ("1." to "10." on
// Google's sheet, whose two columns read "1. 6." across), and otherwise in
// reading order (left to right, top to bottom). See the package documentation for what a sheet may
// look like; in short, numbering, bullets, brackets, grouping with spaces or
// hyphens, full-width characters, blank lines, several codes per line,
// headers and prose are all understood, such as GitHub's
// github-recovery-codes.txt, Google's sheet of ten 8-digit codes, or a
// Japanese service's list of 「１２３４－５６７８」.
//
// ParseSheet decides from the sheet as a whole what a code looks like: the
// most common length of the digit-bearing groups of characters, and their
// alphabet. At least one code must contain a digit. Lines are then read
// with that knowledge:
//
//   - a run of groups joined by single spaces or hyphens that has the
//     sheet's code length and alphabet is a code; a longer run is split into
//     several codes at spaces ("1234 5678 2345 6789" is two 8-digit codes);
//   - a space between two groups longer than 5 characters, two or more
//     spaces, a tab and any other punctuation separate codes;
//   - four space-separated groups of 4 digits, when that is all the sheet
//     holds, are read as two 8-digit codes: Google's two columns after the
//     gap between them was lost in copying;
//   - e-mail addresses, links, dates and times are skipped; so are numbers of
//     one or two digits (numbering, page numbers), and lines of prose unless
//     they contain something that looks like a truncated code.
//
// Whatever else contains a digit is reported as a ProblemFragment, and codes
// that appear twice as a ProblemDuplicate (only the first is returned). When
// there are problems, ParseSheet returns the codes it understood together
// with a *SheetError, so that a screen can show both; a command line should
// refuse the sheet. A sheet without a single code returns a nil slice and an
// error wrapping ErrNoCodes. A sheet larger than MaxSheetBytes, or with more
// than MaxCodes codes, returns ErrTooLarge.
//
// The codes returned are accepted by Set.Replace.
func ParseSheet(text string) ([]string, error) {
	if len(text) > MaxSheetBytes {
		return nil, fmt.Errorf("%w: %d bytes (limit %d)", ErrTooLarge, len(text), MaxSheetBytes)
	}
	var lines []*sheetLine
	for i, raw := range splitLines(text) {
		lines = append(lines, lexLine(i+1, raw))
	}
	sh := learnShape(lines)

	type found struct {
		code   string
		line   int
		number int // the number printed before it ("6." on Google's sheet), or 0
	}
	var codes []found
	var problems []Problem
	for _, l := range lines {
		var frags []string
		prose := l.prose
		pending := 0 // a number alone before the next code: "6. 4166 3803"
		for _, sg := range l.segs {
			if len(sg.groups) == 1 && numbering(sg.groups[0]) > 0 {
				pending = numbering(sg.groups[0])
			}
			cs, fs := sh.tile(sg)
			for j, c := range cs {
				f := found{code: c, line: l.n}
				if j == 0 {
					f.number = printedNumber(sg, c, pending)
				}
				codes = append(codes, f)
			}
			if len(cs) > 0 || len(sg.groups) != 1 {
				pending = 0
			}
			for _, f := range fs {
				if c := Canonical(f, true); !hasDigit(c) && len(c) >= 2 && fragPattern(f) != sh.pattern {
					prose = true // a word
				}
				frags = append(frags, f)
			}
		}
		for _, f := range frags {
			if sh.reportable(f, prose) {
				problems = append(problems, Problem{Line: l.n, Kind: ProblemFragment, Text: f})
			}
		}
	}
	if len(codes) > MaxCodes {
		return nil, fmt.Errorf("%w: %d codes (limit %d)", ErrTooLarge, len(codes), MaxCodes)
	}

	display := make([]string, len(codes))
	for i, c := range codes {
		display[i] = c.code
	}
	cs := caseSensitive(display)
	first := make(map[string]int, len(codes))
	var kept []found
	for _, c := range codes {
		k := Canonical(c.code, cs)
		if l, dup := first[k]; dup {
			problems = append(problems, Problem{Line: c.line, Kind: ProblemDuplicate, Text: c.code, First: l})
			continue
		}
		first[k] = c.line
		kept = append(kept, c)
	}
	// Numbered 1..N, each code once: the sheet's own order, which is not
	// the reading order on Google's two columns ("1." beside "6.").
	byNumber := make([]string, len(kept))
	for _, c := range kept {
		if c.number < 1 || c.number > len(kept) || byNumber[c.number-1] != "" {
			byNumber = nil
			break
		}
		byNumber[c.number-1] = c.code
	}
	var out []string
	if len(kept) > 0 && byNumber != nil {
		out = byNumber
	} else {
		for _, c := range kept {
			out = append(out, c.code)
		}
	}
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
	if len(problems) > 0 || len(out) == 0 {
		return out, &SheetError{Problems: problems, Found: len(out)}
	}
	return out, nil
}

// numbering returns the number a group of one or two digits prints, such as
// the "6" of "6. 4166 3803", or 0 when g is not one.
func numbering(g string) int {
	if len(g) > 2 || !isDigits(g) {
		return 0
	}
	n, _ := strconv.Atoi(g)
	return n
}

// printedNumber returns the number printed before code, the first code tiled
// from sg: pending, a number alone just before sg, when the code starts sg;
// or sg's own first group when it is a number followed by a space and the
// code ("1 1234 5678"). Otherwise 0.
func printedNumber(sg segment, code string, pending int) int {
	n := len(sg.groups) - 1
	switch {
	case strings.HasPrefix(sg.text(0, n), code):
		return pending
	case n > 0 && sg.joins[0] == ' ' && numbering(sg.groups[0]) > 0 && strings.HasPrefix(sg.text(1, n), code):
		return numbering(sg.groups[0])
	}
	return 0
}

// sheetLine is one line of a sheet, cut into segments: runs of groups of
// ASCII letters and digits joined by a single space or hyphen.
type sheetLine struct {
	n     int
	prose bool // the line holds words, links or dates: be lenient with leftovers
	segs  []segment
}

type segment struct {
	groups []string
	joins  []byte // joins[i] is ' ' or '-', between groups[i] and groups[i+1]
}

func (s segment) text(i, k int) string {
	var b strings.Builder
	for j := i; j <= k; j++ {
		if j > i {
			b.WriteByte(s.joins[j-1])
		}
		b.WriteString(s.groups[j])
	}
	return b.String()
}

func (s segment) canon(i, k int) string {
	return strings.Join(s.groups[i:k+1], "")
}

// pattern describes the grouping of groups i..k, such as "4 4" or "5-5".
func (s segment) pattern(i, k int) string {
	var b strings.Builder
	for j := i; j <= k; j++ {
		if j > i {
			b.WriteByte(s.joins[j-1])
		}
		b.WriteString(strconv.Itoa(len(s.groups[j])))
	}
	return b.String()
}

// trimWords drops the words around groups i..k ("Code 1234 5678") and
// reports whether it dropped any and what is left is a digits-only code.
// Letter groups of an alphanumeric code ("FE3M VBBF") stay.
func (s segment) trimWords(i, k int) (ti, tk int, ok bool) {
	ti, tk = i, k
	for ti <= tk && isWord(s.groups[ti]) {
		ti++
	}
	for tk >= ti && isWord(s.groups[tk]) {
		tk--
	}
	return ti, tk, ti <= tk && (ti != i || tk != k) && isDigits(s.canon(ti, tk))
}

// splitLines splits text at every kind of line break, "\r\n" counting as
// one, keeping empty lines so that line numbers match what the user sees.
func splitLines(text string) []string {
	var lines []string
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
			lines = append(lines, text[start:i])
			if r == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				size++
			}
			start = i + size
		}
		i += size
	}
	return append(lines, text[start:])
}

const strong = '\t' // internal marker: a boundary no code crosses

var (
	// Dates such as 2024-11-03, 2024/11/3, 2024.11.03, 2024年11月3日 and
	// 11/3/2024, and times such as 14:05 or 9:00:00. Matches are checked
	// with plausibleDate before they are skipped.
	dateRE = regexp.MustCompile(`\b(?:(\d{4}) ?[-/.年] ?(\d{1,2}) ?(?:[-/.月] ?(\d{1,2}) ?日?|月)|(\d{1,2}) ?月 ?(\d{1,2}) ?日|(\d{1,2})/(\d{1,2})/(\d{4})|\d{1,2}:\d{2}(?::\d{2})?\b)`)
	// A token that is a link or a domain, e.g. g.co/2sv or www.example.com.
	domainRE = regexp.MustCompile(`^[^A-Za-z0-9]*[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:[/:?#][^ ]*)?[^A-Za-z0-9]*$`)
)

// lexLine normalises one line and cuts it into segments.
func lexLine(n int, raw string) *sheetLine {
	l := &sheetLine{n: n}

	// Enclosed numbers (①, ⑴, ⒈, ❶, ㉑) and "№" are numbering; NFKC would
	// turn them into plain digits (or "No") glued to the code, so they go
	// first.
	var b strings.Builder
	for _, r := range raw {
		if isEnclosedNumber(r) || r == '№' {
			b.WriteRune(strong)
			continue
		}
		b.WriteRune(r)
	}
	s := norm.NFKC.String(b.String())
	s = strings.Map(func(r rune) rune {
		switch {
		case r == strong:
			return strong
		case isInvisible(r):
			return -1
		case isDash(r):
			return '-'
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, s)

	// Links and e-mail addresses.
	toks := strings.Split(s, " ")
	for i, t := range toks {
		if strings.Contains(t, "@") || strings.Contains(t, "://") || domainRE.MatchString(t) {
			toks[i] = string(strong)
			l.prose = true
		}
	}
	s = strings.Join(toks, " ")

	// Dates and times.
	s = dateRE.ReplaceAllStringFunc(s, func(m string) string {
		if plausibleDate(m) {
			l.prose = true
			return string(strong)
		}
		return m
	})

	// Groups and the separators between them.
	var groups, seps []string
	var cur, sep strings.Builder
	for _, r := range s {
		if r < 0x80 && isAlnum(byte(r)) {
			if cur.Len() == 0 && len(groups) > 0 {
				seps = append(seps, sep.String())
			}
			sep.Reset()
			cur.WriteRune(r)
			continue
		}
		if cur.Len() > 0 {
			groups = append(groups, cur.String())
			cur.Reset()
		}
		if r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			l.prose = true
		}
		sep.WriteRune(r)
	}
	if cur.Len() > 0 {
		groups = append(groups, cur.String())
	}

	// Segments: split at strong separators, then at spaces that separate
	// codes rather than groups of one code.
	var sg segment
	flush := func() {
		if len(sg.groups) > 0 {
			l.segs = append(l.segs, splitSegment(sg)...)
		}
		sg = segment{}
	}
	for i, g := range groups {
		if i > 0 {
			switch seps[i-1] {
			case " ":
				sg.joins = append(sg.joins, ' ')
			case "-", " -", "- ", " - ":
				sg.joins = append(sg.joins, '-')
			default:
				flush()
			}
		}
		sg.groups = append(sg.groups, g)
	}
	flush()
	return l
}

// splitSegment splits sg at the spaces that separate codes: every space if
// the segment also uses hyphens (then hyphens group and spaces separate), or
// else the spaces next to a group longer than 5 characters (codes are grouped
// in fours and fives).
func splitSegment(sg segment) []segment {
	hyphen := false
	for _, j := range sg.joins {
		if j == '-' {
			hyphen = true
		}
	}
	var out []segment
	start := 0
	for i, j := range sg.joins {
		if j == ' ' && (hyphen || len(sg.groups[i]) > 5 || len(sg.groups[i+1]) > 5) {
			out = append(out, segment{groups: sg.groups[start : i+1], joins: sg.joins[start:i]})
			start = i + 1
		}
	}
	return append(out, segment{groups: sg.groups[start:], joins: sg.joins[start:]})
}

// shape is what the codes of one sheet look like.
type shape struct {
	length   int    // canonical length; 0 when the sheet has no code
	class    byte   // 'd' digits, 'x' hexadecimal, 'a' letters and digits
	pattern  string // most common grouping, e.g. "4 4"
	patterns int    // how many different groupings the codes use
	letters  byte   // 'l' lower case, 'u' upper case, 'm' mixed, 0 none
}

// learnShape finds the most common canonical length among the segments that
// contain a digit (after dropping numbering and words around them), and the
// alphabet, grouping and case of the segments of that length.
func learnShape(lines []*sheetLine) shape {
	type cand struct {
		sg   segment
		i, k int
	}
	byLen := map[int][]cand{}
	for _, l := range lines {
		for _, sg := range l.segs {
			i, k := 0, len(sg.groups)-1
			if k > 0 && len(sg.groups[0]) <= 2 && isDigits(sg.groups[0]) && sg.joins[0] == ' ' {
				i++ // "1 1234 5678": numbering without punctuation
			}
			if ti, tk, ok := sg.trimWords(i, k); ok {
				i, k = ti, tk
			}
			c := sg.canon(i, k)
			if len(c) < MinCodeLen || len(c) > MaxCodeLen || !hasDigit(c) {
				continue
			}
			byLen[len(c)] = append(byLen[len(c)], cand{sg, i, k})
		}
	}
	var sh shape
	best := 0
	for n, cs := range byLen {
		if len(cs) > best || len(cs) == best && n > sh.length {
			best, sh.length = len(cs), n
		}
	}
	if best == 0 {
		return shape{}
	}
	// Lengths seen equally often: prefer the one that reads the most codes
	// ("1234 5678 2345 6789 3456" beside "4567 8901" is 8, not 20).
	var tied []int
	for n, cs := range byLen {
		if len(cs) == best {
			tied = append(tied, n)
		}
	}
	if len(tied) > 1 {
		sort.Ints(tied)
		most := -1
		for _, n := range tied {
			count := 0
			probe := shape{length: n, class: 'a'}
			for _, l := range lines {
				for _, sg := range l.segs {
					cs, _ := probe.tile(sg)
					count += len(cs)
				}
			}
			if count >= most {
				most, sh.length = count, n
			}
		}
	}
	sh = classify(lines, sh.length)

	// Google's sheet, two columns run together: "1234 5678 2345 6789".
	if sh.length == 16 && sh.class == 'd' && sh.pattern == "4 4 4 4" && sh.patterns == 1 {
		sh = classify(lines, 8)
	}
	return sh
}

// classify works out the alphabet, case and grouping of the codes of
// length n: those of most of the digit-bearing codes a tiling with any
// alphabet finds, so that a single typo ("67B9" among digits) is reported
// rather than widening the alphabet.
func classify(lines []*sheetLine, n int) shape {
	sh := shape{length: n, class: 'a'}
	var codes []string
	for _, l := range lines {
		for _, sg := range l.segs {
			cs, _ := sh.tile(sg)
			for _, c := range cs {
				if k := Canonical(c, true); hasDigit(k) {
					codes = append(codes, c)
				}
			}
		}
	}
	total, digits, hex := 0, 0, 0
	counted := map[string]bool{} // duplicates count once
	for _, text := range codes {
		k := Canonical(text, false)
		if counted[k] {
			continue
		}
		counted[k] = true
		total++
		if isDigits(k) {
			digits++
		}
		if isHexString(k) {
			hex++
		}
	}
	switch {
	case 2*digits > total:
		sh.class = 'd'
	case 2*hex > total:
		sh.class = 'x'
	}
	upper, lower := false, false
	patterns := map[string]int{}
	for _, text := range codes {
		k := Canonical(text, true)
		if !sh.inAlphabet(k) {
			continue
		}
		for i := 0; i < len(k); i++ {
			b := k[i]
			upper = upper || 'A' <= b && b <= 'Z'
			lower = lower || 'a' <= b && b <= 'z'
		}
		patterns[fragPattern(text)]++
	}
	switch {
	case upper && lower:
		sh.letters = 'm'
	case upper:
		sh.letters = 'u'
	case lower:
		sh.letters = 'l'
	}
	best := 0
	for p, c := range patterns {
		if c > best || c == best && p < sh.pattern {
			best, sh.pattern = c, p
		}
	}
	sh.patterns = len(patterns)
	return sh
}

// tile cuts a segment into codes of the sheet's shape and leftover
// fragments. A code starts at the segment's start or after a space and ends
// at its end or before a space; a hyphen never separates two codes.
func (sh shape) tile(sg segment) (codes, frags []string) {
	n := len(sg.groups)
	left := -1 // first group of the current run of leftovers
	endFrag := func(k int) {
		if left < 0 {
			return
		}
		// "Code 1": when a run has digits, its words and numbers are
		// judged apart; a run of letters only stays whole.
		if hasDigit(sg.canon(left, k)) {
			from := left
			for j := left; j <= k; j++ {
				if isWord(sg.groups[j]) {
					if from < j {
						frags = append(frags, sg.text(from, j-1))
					}
					frags = append(frags, sg.groups[j])
					from = j + 1
				}
			}
			if from <= k {
				frags = append(frags, sg.text(from, k))
			}
		} else {
			frags = append(frags, sg.text(left, k))
		}
		left = -1
	}
	for i := 0; i < n; {
		end := -1
		if sh.length > 0 && (i == 0 || sg.joins[i-1] == ' ') {
			size := 0
			for k := i; k < n; k++ {
				size += len(sg.groups[k])
				if size > sh.length {
					break
				}
				if size == sh.length {
					if (k == n-1 || sg.joins[k] == ' ') && sh.fits(sg, i, k) {
						end = k
					}
					break
				}
			}
		}
		if end < 0 {
			if left < 0 {
				left = i
			}
			i++
			continue
		}
		endFrag(i - 1)
		codes = append(codes, sg.text(i, end))
		i = end + 1
	}
	endFrag(n - 1)
	return codes, frags
}

// fits reports whether groups i..k, of the right length, are a code of the
// sheet: in its alphabet, and if they hold no digit, grouped and cased like
// the sheet's other codes (so that a word of the right length is not taken
// for a code).
func (sh shape) fits(sg segment, i, k int) bool {
	c := sg.canon(i, k)
	if !sh.inAlphabet(c) {
		return false
	}
	if _, _, ok := sg.trimWords(i, k); ok {
		return false // "Code 1234": a word beside a number
	}
	if k > i && len(sg.groups[i]) <= 2 && isDigits(sg.groups[i]) && sg.joins[i] == ' ' {
		return false // "1 1234 5678": numbering, not the start of a code
	}
	if hasDigit(c) {
		return true
	}
	if sh.class == 'd' || sg.pattern(i, k) != sh.pattern {
		return false
	}
	return sh.caseFits(c)
}

// caseFits reports whether c is in the letter case of the sheet's codes.
func (sh shape) caseFits(c string) bool {
	switch sh.letters {
	case 'l':
		return strings.ToLower(c) == c
	case 'u':
		return strings.ToUpper(c) == c
	}
	return true
}

func (sh shape) inAlphabet(c string) bool {
	for i := 0; i < len(c); i++ {
		switch sh.class {
		case 'd':
			if !isDigit(c[i]) {
				return false
			}
		case 'x':
			if !isHex(c[i]) {
				return false
			}
		}
	}
	return true
}

// reportable decides whether a leftover fragment looks like part of a code.
// Numbers of one or two digits never do. On a line of prose, only text in
// the sheet's alphabet and case, grouped like its codes, at least half as
// long as a code but shorter than one does, and a year such as 2024 does not.
func (sh shape) reportable(frag string, prose bool) bool {
	c := Canonical(frag, true)
	if !hasDigit(c) {
		// Letters grouped and cased exactly like the codes of a sheet whose
		// codes have letters, on a line without words: probably a code
		// with a typo or of another alphabet.
		return !prose && sh.class != 'd' && sh.length > 0 && fragPattern(frag) == sh.pattern && sh.caseFits(c)
	}
	if len(c) <= 2 {
		return false
	}
	if !prose {
		return true
	}
	if sh.length == 0 || len(c) >= sh.length || 2*len(c) < sh.length || len(c) < MinCodeLen {
		return false
	}
	if !sh.inAlphabet(c) || isYear(c) || !sh.caseFits(c) {
		return false
	}
	// A truncated code keeps the sheet's grouping: "FE3M XZWM" may be part
	// of "FE3M XZWM VBBF", but the login ID "taro2024" is not.
	return longestGroup(frag) <= longestInPattern(sh.pattern)
}

// fragPattern returns the grouping of a fragment: "4-4" for "abcd-efgh".
func fragPattern(frag string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(frag); i++ {
		if c := frag[i]; c == ' ' || c == '-' {
			b.WriteString(strconv.Itoa(n))
			b.WriteByte(c)
			n = 0
			continue
		}
		n++
	}
	b.WriteString(strconv.Itoa(n))
	return b.String()
}

// longestGroup returns the length of the longest group in a fragment such
// as "12ab-34".
func longestGroup(frag string) int {
	best := 0
	for _, f := range strings.FieldsFunc(frag, func(r rune) bool { return r == ' ' || r == '-' }) {
		best = max(best, len(f))
	}
	return best
}

// longestInPattern returns the largest group length in a pattern such as
// "4 4" or "5-5".
func longestInPattern(p string) int {
	best := 0
	for _, f := range strings.FieldsFunc(p, func(r rune) bool { return r == ' ' || r == '-' }) {
		n, _ := strconv.Atoi(f)
		best = max(best, n)
	}
	return best
}

// plausibleDate reports whether a match of dateRE is a real date or time and
// not, say, a code grouped 4-2-2.
func plausibleDate(m string) bool {
	if strings.Contains(m, ":") {
		return true // times are never grouped that way in codes
	}
	var nums []int
	for _, f := range strings.FieldsFunc(m, func(r rune) bool { return r < '0' || r > '9' }) {
		v, _ := strconv.Atoi(f)
		nums = append(nums, v)
	}
	okY := func(y int) bool { return y >= 1900 && y <= 2099 }
	okM := func(m int) bool { return m >= 1 && m <= 12 }
	okD := func(d int) bool { return d >= 1 && d <= 31 }
	switch {
	case strings.ContainsAny(m, "年月日"):
		switch {
		case len(nums) == 2 && strings.Contains(m, "年"):
			return okY(nums[0]) && okM(nums[1])
		case len(nums) == 2:
			return okM(nums[0]) && okD(nums[1])
		case len(nums) == 3:
			return okY(nums[0]) && okM(nums[1]) && okD(nums[2])
		}
		return false
	case len(nums) == 3 && nums[0] >= 1000:
		return okY(nums[0]) && okM(nums[1]) && okD(nums[2])
	case len(nums) == 3:
		return okM(nums[0]) && okD(nums[1]) && okY(nums[2])
	}
	return false
}

// isEnclosedNumber reports whether r is a circled, parenthesised or
// full-stop number (①, ⑴, ⒈, ⓫, ❶, ㉑, 🄁) used for numbering.
func isEnclosedNumber(r rune) bool {
	switch {
	case r >= 0x2460 && r <= 0x24FF: // Enclosed Alphanumerics
		return true
	case r >= 0x2776 && r <= 0x2793: // Dingbat circled digits
		return true
	case r >= 0x3251 && r <= 0x325F, r >= 0x32B1 && r <= 0x32BF: // circled 21–50
		return true
	case r >= 0x1F100 && r <= 0x1F10C: // digit full stop, digit comma
		return true
	}
	return false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func isHexString(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

// isWord reports whether a group is surely a word rather than part of a
// code: letters only, at least 2 of them, one outside a–f.
func isWord(g string) bool {
	if len(g) < 2 {
		return false
	}
	nonHex := false
	for i := 0; i < len(g); i++ {
		c := g[i]
		if isDigit(c) {
			return false
		}
		if !isHex(c) {
			nonHex = true
		}
	}
	return nonHex
}

func isYear(c string) bool {
	if len(c) != 4 || !isDigits(c) {
		return false
	}
	y, _ := strconv.Atoi(c)
	return y >= 1900 && y <= 2099
}
