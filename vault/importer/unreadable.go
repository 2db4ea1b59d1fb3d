package importer

import (
	"bytes"
	"fmt"
	"strings"
)

// Files people hold that cannot be imported, but can be recognised and
// named, so that the message says what the file is and how to get a
// readable export from its app rather than "not a format Mamori can
// import".

// Unreadable is a kind of file Parse recognises but cannot import. Its
// value is a stable identifier; the front-ends explain it with
// "import.unreadable."+Key() and "import.unreadable."+Key()+".hint".
type Unreadable string

// The kinds of file recognised and refused.
const (
	// UnreadableGoogleAuthDB is Google Authenticator's own database
	// (databases, an SQLite file with an accounts table): it can be taken
	// off a rooted phone only; the app's Transfer accounts gives QR codes
	// that can be imported.
	UnreadableGoogleAuthDB Unreadable = "google-authenticator-db"
	// UnreadableSQLite is any other SQLite database (an app's internal
	// storage: Authy, Microsoft Authenticator…).
	UnreadableSQLite Unreadable = "sqlite"
	// UnreadableKeePassDB is a KeePass database (.kdbx, .kdb): KeePassXC
	// exports it as CSV or XML.
	UnreadableKeePassDB Unreadable = "keepass-db"
	// UnreadableZip is a ZIP archive that is none of the known exports.
	UnreadableZip Unreadable = "zip"
	// UnreadableEncryptedZip is a password-protected ZIP archive (Raivo's
	// and Authenticator Plus's exports are such archives): unpack it with
	// its password and import the file inside.
	UnreadableEncryptedZip Unreadable = "encrypted-zip"
	// UnreadableJava is Java-serialised data that is not FreeOTP's backup.
	UnreadableJava Unreadable = "java-serialized"
	// UnreadableSDAManifest is Steam Desktop Authenticator's manifest.json:
	// the accounts are in the .maFile files beside it.
	UnreadableSDAManifest Unreadable = "sda-manifest"
	// UnreadableSDAEncrypted is an encrypted .maFile: its salt and IV are
	// in manifest.json; Steam Desktop Authenticator removes the encryption.
	UnreadableSDAEncrypted Unreadable = "sda-encrypted"
	// UnreadablePDF is a PDF document (a printed list of codes or QR
	// codes): a screenshot of its QR codes can be imported.
	UnreadablePDF Unreadable = "pdf"
)

// Key returns the kind as a translation key suffix ("-" as "_").
func (u Unreadable) Key() string { return strings.ReplaceAll(string(u), "-", "_") }

// UnreadableKinds lists every kind, in a fixed order.
func UnreadableKinds() []Unreadable {
	return []Unreadable{UnreadableGoogleAuthDB, UnreadableSQLite, UnreadableKeePassDB, UnreadableZip,
		UnreadableEncryptedZip, UnreadableJava, UnreadableSDAManifest, UnreadableSDAEncrypted, UnreadablePDF}
}

// UnreadableError is the error for a file recognised but not importable.
// It wraps ErrUnknownFormat, so a caller that does not know the kinds
// still says the format is not one Mamori imports.
type UnreadableError struct {
	Kind Unreadable
	// Members names up to a few files of an unknown ZIP archive, for
	// the message; it never holds their content.
	Members []string
}

func (e *UnreadableError) Error() string {
	s := fmt.Sprintf("%v: this is %s", ErrUnknownFormat, e.Kind.describe())
	if len(e.Members) > 0 {
		s += " holding " + strings.Join(e.Members, ", ")
	}
	return s
}

func (e *UnreadableError) Unwrap() error { return ErrUnknownFormat }

// describe is the kind in English, for Error.
func (u Unreadable) describe() string {
	switch u {
	case UnreadableGoogleAuthDB:
		return "google authenticator's internal database (it needs a rooted phone; use the app's transfer accounts instead)"
	case UnreadableSQLite:
		return "an sqlite database"
	case UnreadableKeePassDB:
		return "a keepass database (export it as csv or xml)"
	case UnreadableZip:
		return "a zip archive"
	case UnreadableEncryptedZip:
		return "a password-protected zip archive"
	case UnreadableJava:
		return "java-serialised data"
	case UnreadableSDAManifest:
		return "steam desktop authenticator's manifest (import the .maFile files)"
	case UnreadableSDAEncrypted:
		return "an encrypted steam desktop authenticator file"
	case UnreadablePDF:
		return "a pdf document"
	}
	return string(u)
}

// Magic numbers of the files recognised.
var (
	sqliteMagic = []byte("SQLite format 3\x00")
	javaMagic   = []byte{0xAC, 0xED, 0x00, 0x05}
	kdbxMagic   = []byte{0x03, 0xD9, 0xA2, 0x9A}
	pdfMagic    = []byte("%PDF-")
)

// maxZipMembersNamed is how many members of an unknown ZIP are named.
const maxZipMembersNamed = 5

// identify names a file Detect did not recognise, or returns nil.
func identify(data []byte) *UnreadableError {
	switch {
	case bytes.HasPrefix(data, sqliteMagic):
		// The schema is plain text in the first pages.
		head := data[:min(len(data), 64<<10)]
		if bytes.Contains(head, []byte("CREATE TABLE accounts")) && bytes.Contains(head, []byte("original_name")) {
			return &UnreadableError{Kind: UnreadableGoogleAuthDB}
		}
		return &UnreadableError{Kind: UnreadableSQLite}
	case bytes.HasPrefix(data, kdbxMagic):
		return &UnreadableError{Kind: UnreadableKeePassDB}
	case bytes.HasPrefix(data, pdfMagic):
		return &UnreadableError{Kind: UnreadablePDF}
	case bytes.HasPrefix(data, javaMagic):
		return &UnreadableError{Kind: UnreadableJava}
	case bytes.HasPrefix(data, zipMagic):
		zr, err := openZip(data)
		if err != nil {
			return &UnreadableError{Kind: UnreadableZip}
		}
		e := &UnreadableError{Kind: UnreadableZip}
		for _, f := range zr.File {
			if f.Flags&1 != 0 {
				e.Kind = UnreadableEncryptedZip
			}
			if len(e.Members) < maxZipMembersNamed && !f.FileInfo().IsDir() {
				e.Members = append(e.Members, cleanMemberName(f.Name))
			}
		}
		return e
	}
	text := trimText(data)
	if len(text) > 0 && text[0] == '{' {
		keys := topLevelKeys(text)
		if keys["encrypted"] && keys["entries"] && (keys["first_run"] || keys["periodic_backup_interval"] || keys["auto_confirm_market_transactions"]) {
			return &UnreadableError{Kind: UnreadableSDAManifest}
		}
	}
	return nil
}

// cleanMemberName keeps a ZIP member's name printable and short.
func cleanMemberName(s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	s, _ = cleanLabel("name", s)
	return s
}

// isSDAEncrypted reports whether text, named name, is an encrypted
// maFile: Base64 text in a file named *.maFile.
func isSDAEncrypted(name string, data []byte) bool {
	if !strings.HasSuffix(strings.ToLower(name), ".mafile") {
		return false
	}
	_, err := decodeBase64(string(trimText(data)))
	return err == nil && len(trimText(data)) >= 16
}
