package importer

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mamori-app/mamori/vault/otp"
)

// detectText recognises a list of otpauth or otpauth-migration URIs: text
// in which some line, not necessarily the first, starts with one of those
// schemes. Other lines make Parse fail naming them, which helps more than
// calling the whole file unknown.
func detectText(text []byte) Format {
	migration, otpauth := false, false
	for line := range bytes.Lines(text) {
		s := strings.TrimSpace(string(line))
		switch {
		case hasPrefixFold(s, "otpauth-migration:"):
			migration = true
		case hasPrefixFold(s, "otpauth:"):
			otpauth = true
		}
	}
	switch {
	case migration:
		return FormatGoogleMigration
	case otpauth:
		return FormatOTPAuth
	}
	return FormatUnknown
}

// text reads a list of URIs, one a line: otpauth:// (as exported by many
// apps, Ente Auth's plain export among them) and Google Authenticator's
// otpauth-migration://. Blank lines and lines starting with "#" are
// ignored; CRLF line ends are fine. Every other line must be a valid URI.
// base is added to each line's position (for the decrypted text of an
// export, it is the zero Position).
func (p *parser) text(text []byte, base Position) error {
	// Count the lines that would be read first, so that a list past the
	// cap costs no parsing.
	links := 0
	for line := range bytes.Lines(text) {
		if s := bytes.TrimSpace(line); len(s) > 0 && s[0] != '#' {
			links++
		}
	}
	if err := p.checkCount(links); err != nil {
		return err
	}
	n := 0
	for line := range bytes.Lines(text) {
		if p.full() {
			break
		}
		n++
		pos := base
		pos.Line = n
		s := strings.TrimSpace(string(line))
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if !utf8.ValidString(s) {
			p.fail(pos, "", fmt.Errorf("%w: not valid utf-8", otp.ErrMalformedURI))
			continue
		}
		p.uri(pos, s, false)
	}
	return nil
}

// uri reads one URI: from a line of a list, or from a QR code. A QR code
// that holds something else (a web address) is skipped when fromQR is set;
// in a list it is an error.
func (p *parser) uri(pos Position, s string, fromQR bool) {
	switch {
	case hasPrefixFold(s, "otpauth-migration:"):
		p.migration(pos, s)
	case hasPrefixFold(s, "otpauth:"):
		if linkTrashed(s) {
			a, _ := otp.ParseURI(s)
			p.skip(pos, label(a.Issuer, a.Name), ErrInTrash)
			return
		}
		a, err := parseLink(s)
		if err != nil {
			p.fail(pos, "", err)
			return
		}
		p.add(pos, a)
	case fromQR:
		p.skip(pos, "", fmt.Errorf("%w: %s", ErrNotAnAccount, describeText(s)))
	default:
		p.fail(pos, "", fmt.Errorf("%w: want otpauth:// or otpauth-migration://", otp.ErrNotOTPAuth))
	}
}

// describeText says what kind of text a QR code holds without repeating
// it (it might be anything, a password included): the scheme of a URI, or
// just "text".
func describeText(s string) string {
	if scheme, _, ok := strings.Cut(s, ":"); ok && len(scheme) <= 20 && isScheme(scheme) {
		return "a " + strings.ToLower(scheme) + ": link"
	}
	return "text"
}

// isScheme reports whether s is a URI scheme (RFC 3986: a letter, then
// letters, digits, "+", "-" or ".").
func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}
