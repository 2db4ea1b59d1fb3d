package importer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors. Every error Parse returns wraps one of these (or one of
// the otp package's Err* sentinels, for a key that does not validate), so a
// caller can translate it with errors.Is:
//
//	switch {
//	case errors.Is(err, importer.ErrWrongPassword):
//		// ask again
//	case errors.Is(err, otp.ErrBadSecret):
//		// name the entry: errors.As(err, &entryErr)
//	}
//
// No message ever contains a secret, a password, or undecoded bytes of the
// file; it names the line or entry instead.
var (
	// ErrEmpty means the input holds nothing but white space.
	ErrEmpty = errors.New("importer: the file is empty")

	// ErrTooLarge means the input is longer than Options.MaxSize, or an
	// image has more pixels than Parse is willing to decode.
	ErrTooLarge = errors.New("importer: the file is too large")

	// ErrUnknownFormat means Detect recognised none of the formats.
	ErrUnknownFormat = errors.New("importer: not a format mamori can import")

	// ErrMalformed means the file looks like a known format but is broken:
	// invalid JSON, XML or CSV, bad Base64, a truncated protobuf, a missing
	// field. The error is usually an *EntryError naming the place.
	ErrMalformed = errors.New("importer: malformed export")

	// ErrNoAccounts means the file was read without error but holds no
	// account that can be imported (Result.Skipped may say why).
	ErrNoAccounts = errors.New("importer: no accounts found")

	// ErrNoQRCode means an image was decoded but no QR code was found in it.
	ErrNoQRCode = errors.New("importer: no qr code found in the image")

	// ErrNoLabel means an entry has neither an issuer nor an account name,
	// so nobody could tell it apart from the others.
	ErrNoLabel = errors.New("importer: entry has neither issuer nor account name")

	// ErrPassphraseRequired means the export is encrypted and
	// Options.Passphrase is nil or returned an empty string.
	ErrPassphraseRequired = errors.New("importer: the export is encrypted; its password is needed")

	// ErrWrongPassword means the password does not open the export. For
	// formats without a separate key check (Ente Auth), a damaged file
	// gives this error too, and its message says so.
	ErrWrongPassword = errors.New("importer: wrong password")

	// ErrCorrupt means the password was right but the encrypted content
	// does not decrypt: the export was truncated or tampered with.
	ErrCorrupt = errors.New("importer: the encrypted export is truncated or has been tampered with")

	// ErrUnsupportedEncryption means the export is encrypted in a way this
	// package cannot open (a Bitwarden account-restricted export, an Aegis
	// vault with no password slot). Export it again protected by a
	// password, without encryption, or in another supported format.
	ErrUnsupportedEncryption = errors.New("importer: this kind of encrypted export cannot be imported")

	// ErrUnsupported is the Skip reason for a well-formed entry Mamori
	// cannot generate codes for (Yandex or mOTP tokens, MD5 keys).
	ErrUnsupported = errors.New("importer: unsupported kind of token")

	// ErrDuplicate is the Skip reason for an entry with the same secret and
	// parameters as one earlier in the same file.
	ErrDuplicate = errors.New("importer: duplicate of an earlier entry")

	// ErrNotAnAccount is the Skip reason for a QR code in an image that
	// holds something other than an otpauth or otpauth-migration URI.
	ErrNotAnAccount = errors.New("importer: qr code does not hold an account")

	// ErrInTrash is the Skip reason for a KeePass entry in the recycle bin,
	// or an Ente Auth code in its trash.
	ErrInTrash = errors.New("importer: entry is in the recycle bin")

	// ErrTooCostly means an encrypted export asks for more key-derivation
	// work (memory, passes, iterations) than its app ever writes: a
	// damaged or hostile file. It is refused before a password is asked
	// for and before any work is done. It also wraps ErrMalformed.
	ErrTooCostly = errors.New("importer: the export asks for more key-derivation work than its app ever uses")

	// ErrCutOff means an otpauth:// link ends inside a parameter, as one
	// does when the file was cut off: Parse names the line and the
	// parameter rather than fill in a default.
	ErrCutOff = errors.New("importer: the link is cut off")

	// ErrNoCounter means an HOTP link or entry has no counter. The counter
	// is the key's state; guessing 0 would give codes the server refuses.
	ErrNoCounter = errors.New("importer: the hotp key has no counter")

	// ErrTooManyEntries means the file holds more entries than Parse
	// reads (MaxEntries).
	ErrTooManyEntries = errors.New("importer: the file holds too many entries")

	// ErrIncompleteBatch is the Warning for a Google Authenticator export
	// of several QR codes of which some were not given: the accounts of the
	// missing codes are not in the result.
	ErrIncompleteBatch = errors.New("importer: some qr codes of a google authenticator export are missing")
)

// Position says where in the file an entry, a skipped entry or an error
// is. Fields that do not apply are zero.
type Position struct {
	// Line is the 1-based line of the file (text lists, CSV rows, the
	// line of a JSON syntax error), or of the decrypted text of an
	// encrypted list.
	Line int
	// Code is the 1-based QR code in an image, in reading order (top to
	// bottom, then left to right).
	Code int
	// Entry is the 1-based entry in the export's list (JSON array element,
	// KeePass entry), or the account within one Google Authenticator
	// migration URI.
	Entry int
}

// String describes p in English, such as "line 3", "entry 5" or
// "QR code 2, entry 1". The zero Position is "".
func (p Position) String() string {
	var parts []string
	if p.Line > 0 {
		parts = append(parts, "line "+strconv.Itoa(p.Line))
	}
	if p.Code > 0 {
		parts = append(parts, "QR code "+strconv.Itoa(p.Code))
	}
	if p.Entry > 0 {
		parts = append(parts, "entry "+strconv.Itoa(p.Entry))
	}
	return strings.Join(parts, ", ")
}

// EntryError is the error for one line or entry that could not be read. A
// broken file makes Parse return an *EntryError, or an EntryErrors when
// several entries are broken; errors.As finds the first one either way.
type EntryError struct {
	Position
	// Label is the entry's "issuer: name" when it could be read, for
	// messages; it never holds the secret.
	Label string
	// Err is why, wrapping a sentinel of this package or of package otp.
	Err error
}

func (e *EntryError) Error() string {
	var b strings.Builder
	b.WriteString(e.Position.String())
	if e.Label != "" {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("(" + e.Label + ")")
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *EntryError) Unwrap() error { return e.Err }

// EntryErrors is returned when more than one entry of a file is broken, in
// file order; only the first 50 are kept, so a file of garbage still gives
// a readable error. errors.Is and errors.As look at every one of them.
type EntryErrors []*EntryError

// maxEntryErrors caps EntryErrors.
const maxEntryErrors = 50

func (es EntryErrors) Error() string {
	switch len(es) {
	case 0:
		return "importer: no errors"
	case 1:
		return es[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", es[0].Error(), len(es)-1)
}

func (es EntryErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// errorList collects entry errors while a file is read, keeping the
// first maxEntryErrors.
type errorList struct {
	errs EntryErrors
}

func (l *errorList) add(pos Position, label string, err error) {
	if len(l.errs) >= maxEntryErrors {
		return
	}
	l.errs = append(l.errs, &EntryError{Position: pos, Label: label, Err: err})
}

// err returns nil, the single *EntryError, or all of them.
func (l *errorList) err() error {
	switch len(l.errs) {
	case 0:
		return nil
	case 1:
		return l.errs[0]
	}
	return l.errs
}

// malformed returns an error wrapping ErrMalformed with a lower-case
// explanation. The explanation must never contain file content.
func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrMalformed}, args...)...)
}

// tooCostly returns an error wrapping ErrTooCostly and ErrMalformed,
// saying which parameter is past its cap.
func tooCostly(format string, args ...any) error {
	return fmt.Errorf("%w: %w: "+format, append([]any{ErrTooCostly, ErrMalformed}, args...)...)
}

// Detail returns what err says after sentinel's own text ("…: detail"), or
// "" when err's message does not hold sentinel's. The importer's messages
// never hold a secret or file content, so the detail may be shown.
func Detail(err, sentinel error) string {
	s, prefix := err.Error(), sentinel.Error()
	i := strings.Index(s, prefix)
	if i < 0 {
		return ""
	}
	rest := strings.TrimSpace(s[i+len(prefix):])
	return strings.TrimSpace(strings.TrimPrefix(rest, ":"))
}

// errorf wraps sentinel with a lower-case detail that never holds file
// content.
func errorf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
}
