package backup

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Limits on codes and sheets.
const (
	// MinCodeLen and MaxCodeLen bound the length of a code in canonical
	// form. Real backup codes are 6 to about 30 characters long.
	MinCodeLen = 4
	MaxCodeLen = 64

	// MaxCodes is the most codes one set or one sheet may hold. Services
	// issue 5 to 20.
	MaxCodes = 1000

	// MaxSheetBytes is the largest sheet ParseSheet reads.
	MaxSheetBytes = 64 << 10
)

// Canonical returns the form in which two codes are compared: Unicode NFKC
// (full-width "１２ａｂ" becomes "12ab"), all spaces, hyphens, dashes and
// invisible characters removed, and ASCII letters lower-cased unless
// caseSensitive is set. Other characters are kept, so text that is not a code
// stays distinct from every code.
//
// "1234 5678", "1234-5678" and "１２３４－５６７８" have the same canonical form
// "12345678". Set.CaseSensitive tells which caseSensitive to pass for the
// codes of a set; ParseSheet decides it from the sheet.
func Canonical(code string, caseSensitive bool) string {
	code = norm.NFKC.String(code)
	var b strings.Builder
	b.Grow(len(code))
	for _, r := range code {
		switch {
		case unicode.IsSpace(r) || isDash(r) || isInvisible(r):
			continue
		case !caseSensitive && 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Display returns the form in which a code is shown and stored: NFKC, every
// dash turned into an ASCII hyphen, every run of white space into one space,
// invisible characters removed, and surrounding space trimmed. Case and
// grouping are kept as the service printed them.
func Display(code string) string {
	code = norm.NFKC.String(code)
	var b strings.Builder
	b.Grow(len(code))
	space := false
	for _, r := range code {
		switch {
		case isInvisible(r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case isDash(r):
			r = '-'
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// validCanonical reports whether c, a canonical code, is MinCodeLen to
// MaxCodeLen ASCII letters and digits.
func validCanonical(c string) bool {
	if len(c) < MinCodeLen || len(c) > MaxCodeLen {
		return false
	}
	for i := 0; i < len(c); i++ {
		if !isAlnum(c[i]) {
			return false
		}
	}
	return true
}

// caseSensitive reports whether codes, taken together, are case-sensitive:
// they contain both upper- and lower-case ASCII letters, which means the
// service tells them apart, and are not all hexadecimal (hex digits mean the
// same in either case).
func caseSensitive(codes []string) bool {
	upper, lower, hex := false, false, true
	for _, c := range codes {
		for i := 0; i < len(c); i++ {
			switch b := c[i]; {
			case 'A' <= b && b <= 'Z':
				upper = true
			case 'a' <= b && b <= 'z':
				lower = true
			}
			if b := c[i]; b != ' ' && b != '-' && !isHex(b) {
				hex = false
			}
		}
	}
	return upper && lower && !hex
}

func isAlnum(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

// isDash reports whether r is a hyphen or dash that may group a code,
// including those Japanese input methods produce ("－", "ー", "‐").
func isDash(r rune) bool {
	switch r {
	case '-', '\u2212' /* minus sign */, '\u30FC' /* katakana prolonged sound mark */, '\uFF70' /* half-width prolonged sound mark */, '\uFE63' /* small hyphen-minus */ :
		return true
	}
	return unicode.Is(unicode.Pd, r)
}

// isInvisible reports whether r is an invisible character that copy and
// paste drags along.
func isInvisible(r rune) bool {
	switch r {
	case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return false
}
