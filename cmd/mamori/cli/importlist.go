package cli

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mamori-app/mamori/vault/otp"
)

// maxImportSize caps what "import" reads: far more than any real export, small
// enough that a wrong file (a disk image, /dev/zero) fails fast.
const maxImportSize = 10 << 20

// errMigrationURI marks a Google Authenticator export line, which this list
// format does not take.
var errMigrationURI = fmt.Errorf("%w: otpauth-migration export", otp.ErrNotOTPAuth)

// listEntry is one account read from an otpauth URI list.
type listEntry struct {
	Line    int // 1-based
	Account otp.Account
}

// lineError is why one line of an otpauth URI list was refused. Err never
// holds the line's text, which may contain a secret.
type lineError struct {
	Line int // 1-based
	Err  error
}

// parseURIList reads an otpauth URI list: one otpauth:// URI a line, blank
// lines and lines starting with "#" ignored, surrounding spaces, a UTF-8 byte
// order mark and CRLF line ends tolerated. It returns every valid entry and
// every bad line; the caller imports nothing unless bad is empty.
func parseURIList(b []byte) (entries []listEntry, bad []lineError) {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	for i, raw := range strings.Split(string(b), "\n") {
		n := i + 1
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !utf8.ValidString(line) {
			bad = append(bad, lineError{n, fmt.Errorf("%w: invalid utf-8", otp.ErrMalformedURI)})
			continue
		}
		if hasPrefixFold(line, "otpauth-migration:") {
			bad = append(bad, lineError{n, errMigrationURI})
			continue
		}
		acct, err := otp.ParseURI(line)
		if err != nil {
			bad = append(bad, lineError{n, err})
			continue
		}
		entries = append(entries, listEntry{n, acct})
	}
	return entries, bad
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// reasonKey is the translation key of the reason a list line was refused.
func (e lineError) reasonKey() string {
	if errors.Is(e.Err, errMigrationURI) {
		return "cli.otp.migration"
	}
	if k := otpReasonKey(e.Err); k != "" {
		return k
	}
	return "cli.otp.invalid_account"
}
