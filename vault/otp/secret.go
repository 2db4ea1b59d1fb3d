package otp

import (
	"encoding/base32"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// b32 is RFC 4648 Base32 without padding, the form secrets are stored in.
var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NormalizeSecret turns a secret as a user or a service presents it into the
// canonical form stored in a Key, and checks that it is valid Base32.
//
// It applies Unicode NFKC (so full-width "ＪＢＳＷ" becomes "JBSW" and the
// ideographic space U+3000 becomes a space), removes all white space,
// hyphens and other dashes (including "－", "‐", "—", "−" and "ー", which
// Japanese input methods produce), invisible separators such as U+200B, and
// trailing "=" padding, and upper-cases ASCII letters. The result must then
// be Base32 (A–Z, 2–7) of a valid length that decodes to at least one byte.
//
// It returns ErrMissingSecret if nothing is left, and ErrBadSecret if the
// result is not Base32 or is longer than 1024 characters. Errors never
// contain the secret.
func NormalizeSecret(s string) (string, error) {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsSpace(r) || isDash(r) || isInvisible(r) {
			continue
		}
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		b.WriteRune(r)
	}
	out := strings.TrimRight(b.String(), "=")
	if err := checkSecret(out); err != nil {
		return "", err
	}
	return out, nil
}

// checkSecret reports whether s is a normalised Base32 secret.
func checkSecret(s string) error {
	if s == "" {
		return fmt.Errorf("%w: secret is empty", ErrMissingSecret)
	}
	if len(s) > maxSecretBase32Len {
		return fmt.Errorf("%w: %d characters long (limit %d)", ErrBadSecret, len(s), maxSecretBase32Len)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '2' <= c && c <= '7') {
			if c == '=' {
				return fmt.Errorf("%w: padding inside the secret", ErrBadSecret)
			}
			return fmt.Errorf("%w: contains characters other than base32 A-Z and 2-7", ErrBadSecret)
		}
	}
	// Base32 maps 5 bytes to 8 characters; a final group of 1, 3 or 6
	// characters cannot occur.
	switch len(s) % 8 {
	case 1, 3, 6:
		return fmt.Errorf("%w: %d characters is not a valid base32 length", ErrBadSecret, len(s))
	}
	if n, err := b32.DecodeString(s); err != nil || len(n) == 0 {
		return fmt.Errorf("%w: not valid base32", ErrBadSecret)
	}
	return nil
}

// isDash reports whether r is a hyphen or dash used to group a secret.
func isDash(r rune) bool {
	switch r {
	case '-', '\u2212' /* minus sign */, '\u30FC' /* katakana prolonged sound mark ー */, '\uFF70' /* half-width ｰ */ :
		return true
	}
	return unicode.Is(unicode.Pd, r)
}

// isInvisible reports whether r is an invisible character that copy and
// paste commonly drags along.
func isInvisible(r rune) bool {
	switch r {
	case '\u00AD', // soft hyphen
		'\u200B', '\u200C', '\u200D', // zero-width space, non-joiner, joiner
		'\u2060', // word joiner
		'\uFEFF': // byte order mark, zero-width no-break space
		return true
	}
	return false
}
