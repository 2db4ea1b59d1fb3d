package trouble

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"
)

// FindingCode names what CheckInput found; it is the key of the finding's
// explanation in the guides (input.<code>).
type FindingCode string

// What CheckInput finds.
const (
	// FindingEmpty: there is nothing to check.
	FindingEmpty FindingCode = "empty"
	// FindingControl: a control character (tab, line break, DEL…), often
	// copied along with the text.
	FindingControl FindingCode = "control"
	// FindingZeroWidth: an invisible character (zero-width space, joiner,
	// byte-order mark, direction mark…).
	FindingZeroWidth FindingCode = "zero-width"
	// FindingLeadingSpace, FindingTrailingSpace and FindingInnerSpace: a
	// space of any kind (ASCII, no-break, ideographic U+3000…) at the start,
	// at the end, or inside.
	FindingLeadingSpace  FindingCode = "leading-space"
	FindingTrailingSpace FindingCode = "trailing-space"
	FindingInnerSpace    FindingCode = "inner-space"
	// FindingFullWidth: a full-width letter, digit or symbol (Ａ, １, ＠),
	// typed with a Japanese input mode on.
	FindingFullWidth FindingCode = "full-width"
	// FindingHalfWidthKana: a half-width katakana character (ｱ, ｰ).
	FindingHalfWidthKana FindingCode = "half-width-kana"
	// FindingLookAlike: a character from another script or a dash that
	// looks like a Latin letter or a hyphen (Cyrillic а, Greek Ο, −).
	FindingLookAlike FindingCode = "look-alike"
	// FindingKanaLookAlike: a kana or kanji that looks like another (ー and
	// 一 and -, ロ and 口, カ and 力, へ and ヘ).
	FindingKanaLookAlike FindingCode = "kana-look-alike"
	// FindingNonASCII: another character outside half-width ASCII; most
	// IDs and passwords accept none.
	FindingNonASCII FindingCode = "non-ascii"
	// FindingAmbiguous: 0 and O, 1, l and I, easy to mix up when copied by
	// eye (a note, not a warning).
	FindingAmbiguous FindingCode = "ambiguous"
	// FindingMixedCase: upper and lower case letters both occur; most
	// passwords, and some IDs, tell them apart (a note).
	FindingMixedCase FindingCode = "mixed-case"
	// FindingAllCaps: every letter is upper case; is Caps Lock on? (a note)
	FindingAllCaps FindingCode = "all-caps"
)

// Level says how much a finding matters.
type Level string

// Levels of findings.
const (
	// Warning: almost certainly not meant; a likely reason for "wrong ID
	// or password".
	Warning Level = "warning"
	// Note: worth knowing, usually fine.
	Note Level = "note"
)

// Finding is one thing CheckInput found: a kind of problem and the
// character it concerns, with every position it occurs at. Findings about
// the text as a whole (empty, mixed-case, all-caps) have no character and
// no positions.
type Finding struct {
	// Code says what was found.
	Code FindingCode `json:"code"`
	// Level is Warning or Note.
	Level Level `json:"level"`
	// Positions are the 1-based character (rune) positions, ascending.
	Positions []int `json:"positions,omitempty"`
	// Char is the character itself, for visible characters only: empty for
	// spaces, invisible and control characters, which are named instead.
	Char string `json:"char,omitempty"`
	// Codepoint is the character's code point, such as "U+0430".
	Codepoint string `json:"codepoint,omitempty"`
	// Name is the character's Unicode name, such as "CYRILLIC SMALL
	// LETTER A".
	Name string `json:"name,omitempty"`
	// LooksLike is what the character is easily taken for: "a", "口",
	// "-"; for a full-width character, its half-width form.
	LooksLike string `json:"looks_like,omitempty"`
}

// Suspicious reports whether any finding is a Warning.
func Suspicious(findings []Finding) bool {
	for _, f := range findings {
		if f.Level == Warning {
			return true
		}
	}
	return false
}

// zeroWidth are invisible characters not in Unicode's format category
// everywhere, checked besides unicode.Cf.
var zeroWidth = map[rune]bool{
	'\u200b': true, '\u200c': true, '\u200d': true, '\ufeff': true, '\u2060': true,
	'\u00ad': true, '\u180e': true, '\u115f': true, '\u1160': true, '\u3164': true, '\uffa0': true,
}

// latinLookAlikes maps letters of other scripts, and dashes, to the Latin
// letter or ASCII character they pass for.
var latinLookAlikes = map[rune]string{
	// Cyrillic
	'а': "a", 'е': "e", 'о': "o", 'р': "p", 'с': "c", 'у': "y", 'х': "x", 'і': "i", 'ј': "j",
	'ѕ': "s", 'ԁ': "d", 'ԛ': "q", 'ԝ': "w", 'һ': "h", 'ӏ': "l", 'ү': "y", 'ɡ': "g",
	'А': "A", 'В': "B", 'Е': "E", 'К': "K", 'М': "M", 'Н': "H", 'О': "O", 'Р': "P", 'С': "C",
	'Т': "T", 'Х': "X", 'І': "I", 'Ј': "J", 'Ѕ': "S", 'Ү': "Y", 'Ԛ': "Q", 'Ԝ': "W", 'Ӏ': "I",
	// Greek
	'ο': "o", 'ν': "v", 'ρ': "p", 'ι': "i", 'κ': "k", 'α': "a", 'τ': "t", 'υ': "u",
	'Α': "A", 'Β': "B", 'Ε': "E", 'Ζ': "Z", 'Η': "H", 'Ι': "I", 'Κ': "K", 'Μ': "M", 'Ν': "N",
	'Ο': "O", 'Ρ': "P", 'Τ': "T", 'Υ': "Y", 'Χ': "X",
	// Other Latin-looking letters and signs
	'ı': "i", 'ℓ': "l", '\u212a': "K", '\u212b': "A", 'µ': "u",
	// Dashes and minus signs
	'‐': "-", '‑': "-", '‒': "-", '–': "-", '—': "-", '―': "-", '−': "-", '﹣': "-",
	// Quotes
	'‘': "'", '’': "'", '“': "\"", '”': "\"",
}

// kanaLookAlikes maps kana and kanji to the character they are easily
// taken for (or that an input method gives instead).
var kanaLookAlikes = map[rune]string{
	'ー': "-", '一': "ー", '〇': "O",
	'ロ': "口", '口': "ロ",
	'カ': "力", '力': "カ",
	'へ': "ヘ", 'ヘ': "へ",
	'エ': "工", '工': "エ",
	'ニ': "二", '二': "ニ",
	'タ': "夕", '夕': "タ",
	'ト': "卜", '卜': "ト",
	'ハ': "八", '八': "ハ",
	'ミ': "三", '三': "ミ",
	'オ': "才", '才': "オ",
	'べ': "ベ", 'ベ': "べ",
	'ぺ': "ペ", 'ペ': "ぺ",
	'り': "リ", 'リ': "り",
}

// ambiguousASCII are ASCII characters easily mixed up when copied by eye.
var ambiguousASCII = map[rune]string{
	'0': "O", 'O': "0",
	'1': "l / I", 'l': "1 / I", 'I': "1 / l",
}

// class is one rune's classification; code "" means nothing to report.
type class struct {
	code      FindingCode
	level     Level
	visible   bool
	looksLike string
}

func classify(r rune) class {
	switch {
	case unicode.IsControl(r):
		return class{code: FindingControl, level: Warning}
	case zeroWidth[r] || unicode.Is(unicode.Cf, r):
		return class{code: FindingZeroWidth, level: Warning}
	case unicode.Is(unicode.Zs, r):
		return class{code: FindingInnerSpace, level: Warning}
	case r >= 0xFF01 && r <= 0xFF5E:
		return class{code: FindingFullWidth, level: Warning, visible: true, looksLike: string(r - 0xFEE0)}
	case r >= 0xFF61 && r <= 0xFF9F:
		return class{code: FindingHalfWidthKana, level: Warning, visible: true, looksLike: norm.NFKC.String(string(r))}
	}
	if l, ok := latinLookAlikes[r]; ok {
		return class{code: FindingLookAlike, level: Warning, visible: true, looksLike: l}
	}
	if l, ok := kanaLookAlikes[r]; ok {
		return class{code: FindingKanaLookAlike, level: Warning, visible: true, looksLike: l}
	}
	if l, ok := ambiguousASCII[r]; ok {
		return class{code: FindingAmbiguous, level: Note, visible: true, looksLike: l}
	}
	if r > 0x7E {
		return class{code: FindingNonASCII, level: Warning, visible: true}
	}
	return class{}
}

// CheckInput looks for what the eye misses in an ID or password as typed
// or pasted: spaces of every kind at either end or inside, invisible and
// control characters, full-width and half-width-kana characters, letters
// of other scripts that look Latin, kana and kanji look-alikes, and other
// non-ASCII characters (warnings); and 0/O and 1/l/I, mixed case and all
// capitals (notes).
//
// Each finding names one character with all its positions (1-based, in
// characters), its code point and Unicode name; visible characters are
// given too. Findings are ordered by first position, then the notes about
// the whole text. s itself is neither kept nor returned, so that a password
// can be checked without a copy of it ending up anywhere.
func CheckInput(s string) []Finding {
	runes := []rune(s)
	if len(runes) == 0 {
		return []Finding{{Code: FindingEmpty, Level: Warning}}
	}
	first, last := -1, -1
	for i, r := range runes {
		if !unicode.Is(unicode.Zs, r) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	type key struct {
		code FindingCode
		r    rune
	}
	index := map[key]int{}
	var out []Finding
	var upper, lower int
	for i, r := range runes {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
		c := classify(r)
		if c.code == "" {
			continue
		}
		if c.code == FindingInnerSpace {
			switch {
			case first < 0 || i < first:
				c.code = FindingLeadingSpace
			case i > last:
				c.code = FindingTrailingSpace
			}
		}
		k := key{c.code, r}
		j, ok := index[k]
		if !ok {
			f := Finding{Code: c.code, Level: c.level, Codepoint: codepoint(r), Name: runeName(r), LooksLike: c.looksLike}
			if c.visible {
				f.Char = string(r)
			}
			out = append(out, f)
			j = len(out) - 1
			index[k] = j
		}
		out[j].Positions = append(out[j].Positions, i+1)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Positions[0] != out[j].Positions[0] {
			return out[i].Positions[0] < out[j].Positions[0]
		}
		return out[i].Code < out[j].Code
	})
	switch {
	case upper > 0 && lower > 0:
		out = append(out, Finding{Code: FindingMixedCase, Level: Note})
	case upper >= 2 && lower == 0:
		out = append(out, Finding{Code: FindingAllCaps, Level: Note})
	}
	return out
}

// codepoint writes r as U+XXXX.
func codepoint(r rune) string { return fmt.Sprintf("U+%04X", r) }

// runeName is r's Unicode name, or a description for characters without
// one (control characters, private use).
func runeName(r rune) string {
	if n := runenames.Name(r); n != "" && !strings.HasPrefix(n, "<") {
		return n
	}
	switch r {
	case '\t':
		return "CHARACTER TABULATION"
	case '\n':
		return "LINE FEED"
	case '\r':
		return "CARRIAGE RETURN"
	case 0x7F:
		return "DELETE"
	}
	if unicode.IsControl(r) {
		return "CONTROL"
	}
	return "UNNAMED"
}
