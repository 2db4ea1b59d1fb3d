package importer

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mamori-app/mamori/vault/otp"
)

// Format is a kind of file Parse can read. Its value is a stable,
// lower-case identifier suitable for JSON output and translation keys.
type Format string

// The formats Detect recognises.
const (
	// FormatUnknown is what Detect returns for anything else.
	FormatUnknown Format = ""
	// FormatOTPAuth is a text list of otpauth:// URIs, one a line, with
	// blank lines and "#" comments. Ente Auth's plain export is one.
	FormatOTPAuth Format = "otpauth"
	// FormatGoogleMigration is text holding Google Authenticator
	// otpauth-migration://offline?data=… URIs (the content of its export
	// QR codes), one a line; otpauth:// lines may be mixed in.
	FormatGoogleMigration Format = "google-migration"
	// FormatQRImage is a PNG, JPEG or GIF image holding one or more QR
	// codes of either of the above: a photo or a screenshot.
	FormatQRImage Format = "qr-image"
	// FormatAegis is an Aegis Authenticator vault export (JSON), plain or
	// password-encrypted.
	FormatAegis Format = "aegis"
	// FormatTwoFAS is a 2FAS Authenticator backup (.2fas JSON), plain or
	// password-encrypted.
	FormatTwoFAS Format = "2fas"
	// FormatEnteEncrypted is Ente Auth's encrypted export (JSON with
	// kdfParams and encryptedData).
	FormatEnteEncrypted Format = "ente-encrypted"
	// FormatBitwarden is a Bitwarden JSON export, plain or
	// password-protected.
	FormatBitwarden Format = "bitwarden"
	// FormatProton is a Proton Authenticator JSON export.
	FormatProton Format = "proton"
	// FormatKeePassCSV is a KeePassXC CSV export with a TOTP column.
	FormatKeePassCSV Format = "keepassxc-csv"
	// FormatKeePassXML is a KeePass or KeePassXC XML export, whose entries
	// carry an "otp" attribute (or the older "TOTP Seed").
	FormatKeePassXML Format = "keepassxc-xml"
	// FormatAndOTP is an andOTP backup: plain JSON, or encrypted
	// (.json.aes, new or old encryption).
	FormatAndOTP Format = "andotp"
	// FormatAuthPro is an Authenticator Pro (Stratum) backup: plain JSON,
	// or encrypted (.authpro, strong or legacy encryption).
	FormatAuthPro Format = "authenticator-pro"
	// FormatFreeOTPPlus is FreeOTP+'s JSON export.
	FormatFreeOTPPlus Format = "freeotp-plus"
	// FormatBitwardenCSV is a Bitwarden CSV export (login_totp column).
	FormatBitwardenCSV Format = "bitwarden-csv"
	// FormatSteam is a Steam Desktop Authenticator .maFile.
	FormatSteam Format = "steam"
	// FormatLastPass is LastPass Authenticator's JSON export.
	FormatLastPass Format = "lastpass"
	// FormatOnePUX is 1Password's 1PUX export (a ZIP).
	FormatOnePUX Format = "1password-1pux"
	// FormatOnePasswordCSV is 1Password's CSV export (OTPAuth column).
	FormatOnePasswordCSV Format = "1password-csv"
	// FormatTOTPAuth is TOTP Authenticator's encrypted backup (Base64).
	FormatTOTPAuth Format = "totp-authenticator"
	// FormatRaivo is Raivo OTP's export: a ZIP (usually
	// password-protected) holding JSON, or that JSON.
	FormatRaivo Format = "raivo"
	// FormatAuthPlus is Authenticator Plus's password-protected ZIP of
	// otpauth:// URIs.
	FormatAuthPlus Format = "authenticator-plus"
	// FormatFreeOTP is FreeOTP 2's backup (externalBackup.xml, a
	// Java-serialised map with a password-wrapped master key).
	FormatFreeOTP Format = "freeotp"
)

// Name returns the English name of the format for messages, such as
// "Aegis" or "Google Authenticator export".
func (f Format) Name() string {
	switch f {
	case FormatOTPAuth:
		return "otpauth URI list"
	case FormatGoogleMigration:
		return "Google Authenticator export"
	case FormatQRImage:
		return "QR code image"
	case FormatAegis:
		return "Aegis"
	case FormatTwoFAS:
		return "2FAS"
	case FormatEnteEncrypted:
		return "Ente Auth encrypted export"
	case FormatBitwarden:
		return "Bitwarden"
	case FormatProton:
		return "Proton Authenticator"
	case FormatKeePassCSV:
		return "KeePassXC CSV"
	case FormatKeePassXML:
		return "KeePass XML"
	case FormatAndOTP:
		return "andOTP"
	case FormatAuthPro:
		return "Authenticator Pro"
	case FormatFreeOTPPlus:
		return "FreeOTP+"
	case FormatBitwardenCSV:
		return "Bitwarden CSV"
	case FormatSteam:
		return "Steam Desktop Authenticator"
	case FormatLastPass:
		return "LastPass Authenticator"
	case FormatOnePUX:
		return "1Password 1PUX"
	case FormatOnePasswordCSV:
		return "1Password CSV"
	case FormatTOTPAuth:
		return "TOTP Authenticator"
	case FormatRaivo:
		return "Raivo OTP"
	case FormatAuthPlus:
		return "Authenticator Plus"
	case FormatFreeOTP:
		return "FreeOTP"
	}
	return "unknown format"
}

// Key returns the format as a translation key suffix: its identifier with
// "-" as "_" and no leading digit ("2fas" is "twofas", "1password-csv"
// "onepassword_csv"). The front-ends name a format with
// "import.format."+Key().
func (f Format) Key() string {
	if f == FormatUnknown {
		return "unknown"
	}
	k := strings.ReplaceAll(string(f), "-", "_")
	k = strings.Replace(k, "2", "two", 1)
	return strings.Replace(k, "1", "one", 1)
}

// Formats lists every format Parse reads, in a fixed order.
func Formats() []Format {
	return []Format{FormatOTPAuth, FormatGoogleMigration, FormatQRImage, FormatAegis, FormatTwoFAS,
		FormatEnteEncrypted, FormatBitwarden, FormatProton, FormatKeePassCSV, FormatKeePassXML,
		FormatAndOTP, FormatAuthPro, FormatFreeOTPPlus, FormatBitwardenCSV, FormatSteam, FormatLastPass,
		FormatOnePUX, FormatOnePasswordCSV, FormatTOTPAuth, FormatRaivo, FormatAuthPlus, FormatFreeOTP}
}

// DefaultMaxSize is the input size Parse accepts when Options.MaxSize is
// zero: far more than any real export (an Aegis vault full of icons, a
// 4K screenshot), small enough that a wrong file fails fast.
const DefaultMaxSize = 32 << 20

// MaxEntries is the most entries (accounts, skipped and broken ones
// together) Parse reads from one file: some thousand times more than
// anyone holds, few enough that a hostile file cannot keep the machine
// busy. A file with more gives ErrTooManyEntries.
const MaxEntries = 100_000

// Options tune Parse. The zero value is ready to use for plain exports.
type Options struct {
	// Passphrase is called, at most once per Parse, when the file is an
	// encrypted export, after its structure has been checked (so a broken
	// file never prompts). It returns the export's password. A nil
	// Passphrase, or an empty password, gives ErrPassphraseRequired; an
	// error it returns is passed back from Parse, wrapped.
	//
	// The CLI maps MAMORI_IMPORT_PASSPHRASE or a terminal prompt onto it.
	Passphrase func() (string, error)

	// MaxSize caps the input in bytes; 0 means DefaultMaxSize. Larger
	// input gives ErrTooLarge before anything is parsed.
	MaxSize int

	// Format skips detection and reads the input as this format.
	// FormatUnknown (the zero value) means DetectFile.
	Format Format

	// Name is the file's name, if known. Detection uses it only for
	// files that do not say what they are: andOTP's old encrypted backup
	// (…json.aes) is random bytes from its first.
	Name string

	// maxEntries lowers MaxEntries for tests; 0 means MaxEntries.
	maxEntries int

	// kdfMemory caps the memory a key derivation may use, in bytes; 0
	// means maxKDFMemory. Tests and fuzzing lower it.
	kdfMemory int64
}

// maxKDFMemory is the most memory Parse lets a file's key-derivation
// parameters ask for: Ente's "sensitive" Argon2id setting.
const maxKDFMemory = 1 << 30

// kdfLimit returns the memory cap for key derivation.
func (o Options) kdfLimit() int64 {
	if o.kdfMemory > 0 {
		return min(o.kdfMemory, maxKDFMemory)
	}
	return maxKDFMemory
}

// Result is what Parse read from a file.
type Result struct {
	// Format is the format the file was read as. It is set even when
	// Parse fails, if the format was recognised.
	Format Format
	// Encrypted reports whether the file was a password-encrypted export.
	Encrypted bool
	// Accounts are the accounts to import, in file order, each with a
	// valid Key and at least an issuer or a name. Duplicates within the
	// file are already removed (see Skipped).
	Accounts []otp.Account
	// From[i] is where Accounts[i] was read, for messages such as
	// "line 3: GitHub: alice is already in the vault".
	From []Position
	// Skipped lists entries that were not imported and why: duplicates
	// within the file (ErrDuplicate), tokens Mamori cannot generate
	// (ErrUnsupported), QR codes that are not accounts (ErrNotAnAccount),
	// KeePass entries in the recycle bin (ErrInTrash).
	Skipped []Skip
	// Trashed counts the entries skipped because they were in the app's
	// trash or recycle bin (KeePass, Ente Auth); they are in Skipped too,
	// with ErrInTrash.
	Trashed int
	// Warnings are things the user should know although every account
	// was read, such as a Google Authenticator export with QR codes
	// missing (ErrIncompleteBatch).
	Warnings []Warning
}

// Skip is one entry of the file that was deliberately not imported.
type Skip struct {
	// Entry says where the entry is, in English ("line 4", "entry 2");
	// Position has the same information as numbers.
	Entry    string
	Position Position
	// Label is the entry's "issuer: name", never its secret.
	Label string
	// Reason wraps ErrDuplicate, ErrUnsupported, ErrNotAnAccount or
	// ErrInTrash.
	Reason error
}

// Warning is something about the file as a whole the user should be told.
type Warning struct {
	// Err wraps a sentinel such as ErrIncompleteBatch, with details.
	Err error
}

// Detect tells which format data is in, by looking at its structure only:
// it never decrypts, and a file of the right shape may still fail to
// Parse. It returns FormatUnknown for anything it does not recognise.
func Detect(data []byte) Format {
	switch {
	case bytes.HasPrefix(data, pngMagic), bytes.HasPrefix(data, jpegMagic),
		bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return FormatQRImage
	case bytes.HasPrefix(data, []byte(authProHeader)), bytes.HasPrefix(data, []byte(authProLegacyHeader)):
		return FormatAuthPro
	case bytes.HasPrefix(data, zipMagic):
		return detectZip(data)
	case isFreeOTPBackup(data):
		return FormatFreeOTP
	case isAndOTPEncrypted(data):
		return FormatAndOTP
	}
	text := trimText(data)
	if len(text) == 0 {
		return FormatUnknown
	}
	switch text[0] {
	case '{':
		return detectJSON(text)
	case '[':
		switch {
		case isAndOTPJSON(text):
			return FormatAndOTP
		case isRaivoJSON(text):
			return FormatRaivo
		}
		return FormatUnknown
	case '<':
		if bytes.Contains(text[:min(len(text), 4096)], []byte("<KeePassFile")) {
			return FormatKeePassXML
		}
		return FormatUnknown
	}
	switch h := csvHeader(text); {
	case isBitwardenCSVHeader(h):
		return FormatBitwardenCSV
	case isOnePasswordCSVHeader(h):
		return FormatOnePasswordCSV
	case isKeePassCSVHeader(text):
		return FormatKeePassCSV
	case isTOTPAuthBackup(text):
		return FormatTOTPAuth
	}
	return detectText(text)
}

// DetectFile is Detect, helped by the file's name where the content alone
// cannot tell: a binary file named *.aes is andOTP's encrypted backup.
func DetectFile(name string, data []byte) Format {
	f := Detect(data)
	switch {
	case f == FormatUnknown && strings.HasSuffix(strings.ToLower(name), ".aes") && !utf8.Valid(data):
		return FormatAndOTP
	case f == FormatTOTPAuth && isSDAEncrypted(name, data):
		return FormatUnknown // named by identify
	}
	return f
}

// Parse reads the accounts out of an export, detecting its format unless
// opts.Format says which it is.
//
// Parse is all or nothing: if any entry is broken it returns no accounts
// and an error naming the line or entry (an *EntryError or EntryErrors,
// wrapping a sentinel of this package or of package otp). Entries it
// deliberately leaves out are listed in Result.Skipped. If nothing is left
// to import, the error is ErrNoAccounts and Result.Skipped says why.
//
// Encrypted exports call opts.Passphrase once; a wrong password gives
// ErrWrongPassword, a damaged file ErrCorrupt. Parse never writes
// anything anywhere, and its errors never contain secrets.
func Parse(data []byte, opts Options) (Result, error) {
	limit := opts.MaxSize
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	if len(data) > limit {
		return Result{}, fmt.Errorf("%w: %d bytes (limit %d)", ErrTooLarge, len(data), limit)
	}
	if len(trimText(data)) == 0 {
		return Result{}, ErrEmpty
	}
	f := opts.Format
	if f == FormatUnknown {
		f = DetectFile(opts.Name, data)
	}
	p := &parser{opts: opts, res: Result{Format: f}}
	var err error
	// Text keeps its leading blank lines, so that line numbers in errors
	// are those an editor shows.
	text := bytes.TrimPrefix(data, utf8BOM)
	switch f {
	case FormatOTPAuth, FormatGoogleMigration:
		err = p.text(text, Position{})
	case FormatQRImage:
		err = p.image(data)
	case FormatAegis:
		err = p.aegis(text)
	case FormatTwoFAS:
		err = p.twoFAS(text)
	case FormatEnteEncrypted:
		err = p.ente(text)
	case FormatBitwarden:
		err = p.bitwarden(text)
	case FormatProton:
		err = p.proton(text)
	case FormatKeePassCSV:
		err = p.keepassCSV(text)
	case FormatKeePassXML:
		err = p.keepassXML(text)
	case FormatAndOTP:
		err = p.andOTP(text)
	case FormatAuthPro:
		err = p.authPro(text)
	case FormatFreeOTPPlus:
		err = p.freeOTPPlus(text)
	case FormatBitwardenCSV:
		err = p.bitwardenCSV(text)
	case FormatSteam:
		err = p.steam(text)
	case FormatLastPass:
		err = p.lastPass(text)
	case FormatOnePUX:
		err = p.onePUX(data)
	case FormatOnePasswordCSV:
		err = p.onePasswordCSV(text)
	case FormatTOTPAuth:
		err = p.totpAuth(text)
	case FormatRaivo:
		err = p.raivo(text)
	case FormatAuthPlus:
		err = p.authPlus(data)
	case FormatFreeOTP:
		err = p.freeOTP(data)
	default:
		if u := identify(data); u != nil {
			return Result{}, u
		}
		if isSDAEncrypted(opts.Name, data) {
			return Result{}, &UnreadableError{Kind: UnreadableSDAEncrypted}
		}
		return Result{}, fmt.Errorf("%w: expected otpauth URIs, a QR code image, or an export of "+
			"Google Authenticator, Aegis, 2FAS, Ente Auth, Bitwarden, Proton Authenticator, KeePassXC, andOTP, "+
			"Authenticator Pro, FreeOTP+, Steam Desktop Authenticator, LastPass Authenticator or 1Password", ErrUnknownFormat)
	}
	if p.full() {
		err = fmt.Errorf("%w: more than %d", ErrTooManyEntries, p.limit())
	}
	if err == nil {
		err = p.errs.err()
	}
	if err != nil {
		return Result{Format: f, Encrypted: p.res.Encrypted}, err
	}
	p.finishBatches()
	if len(p.res.Accounts) == 0 {
		return Result{Format: f, Encrypted: p.res.Encrypted, Skipped: p.res.Skipped, Trashed: p.res.Trashed, Warnings: p.res.Warnings}, ErrNoAccounts
	}
	return p.res, nil
}

// parser accumulates the result of one Parse.
type parser struct {
	opts Options
	res  Result
	errs errorList
	// seen maps a key's identity to its index in res.Accounts, to skip
	// duplicates.
	seen map[keyID]int
	// batches tracks Google Authenticator migration batches.
	batches map[int32]*batch
	// askedPassphrase guards against asking twice.
	askedPassphrase bool
	// entries counts the entries read, up to MaxEntries+1.
	entries int
}

// count records one more entry and reports whether it is within
// MaxEntries.
func (p *parser) count() bool {
	if p.entries <= p.limit() {
		p.entries++
	}
	return p.entries <= p.limit()
}

// checkCount refuses a list of n entries, before any is read, when n is
// past the cap: a hostile file then costs no per-entry work.
func (p *parser) checkCount(n int) error {
	if n > p.limit() {
		p.entries = p.limit() + 1
		return fmt.Errorf("%w: more than %d", ErrTooManyEntries, p.limit())
	}
	return nil
}

// limit is the most entries this Parse reads.
func (p *parser) limit() int {
	if p.opts.maxEntries > 0 {
		return min(p.opts.maxEntries, MaxEntries)
	}
	return MaxEntries
}

// full reports whether the file has had more entries than MaxEntries, so
// a loop over its entries can stop.
func (p *parser) full() bool {
	return p.entries > p.limit()
}

// keyID identifies a key for duplicate detection: the secret and the
// parameters, but not the HOTP counter, which is state.
type keyID struct {
	typ       otp.Type
	secret    string
	algorithm otp.Algorithm
	digits    int
	period    int
}

// add records one account read at pos, after checking its label, or
// records why it is broken. A duplicate of an earlier entry is skipped; an
// HOTP duplicate lends its counter to the first entry when it is further
// along, so no code is shown twice.
func (p *parser) add(pos Position, a otp.Account) {
	if !p.count() {
		return
	}
	var err error
	if a.Issuer, err = cleanLabel("issuer", a.Issuer); err == nil {
		a.Name, err = cleanLabel("name", a.Name)
	}
	if err == nil && a.Issuer == "" && a.Name == "" {
		err = ErrNoLabel
	}
	if err == nil {
		err = a.Key.Validate()
	}
	if err != nil {
		p.errs.add(pos, label(a.Issuer, a.Name), err)
		return
	}
	id := keyID{a.Key.Type, a.Key.Secret, a.Key.Algorithm, a.Key.Digits, a.Key.Period}
	if i, dup := p.seen[id]; dup {
		first := &p.res.Accounts[i]
		if first.Key.Type == otp.HOTP && a.Key.Counter > first.Key.Counter {
			first.Key.Counter = a.Key.Counter
		}
		p.skipped(pos, label(a.Issuer, a.Name), fmt.Errorf("%w (%s: %s)", ErrDuplicate, p.res.From[i], label(first.Issuer, first.Name)))
		return
	}
	if p.seen == nil {
		p.seen = make(map[keyID]int)
	}
	p.seen[id] = len(p.res.Accounts)
	p.res.Accounts = append(p.res.Accounts, a)
	p.res.From = append(p.res.From, pos)
}

// fail records a broken entry.
func (p *parser) fail(pos Position, lbl string, err error) {
	if !p.count() {
		return
	}
	p.errs.add(pos, lbl, err)
}

// skip records an entry deliberately left out.
func (p *parser) skip(pos Position, lbl string, reason error) {
	if p.count() {
		p.skipped(pos, lbl, reason)
	}
}

// skipped records an entry left out, already counted.
func (p *parser) skipped(pos Position, lbl string, reason error) {
	if errors.Is(reason, ErrInTrash) {
		p.res.Trashed++
	}
	p.res.Skipped = append(p.res.Skipped, Skip{Entry: pos.String(), Position: pos, Label: lbl, Reason: reason})
}

// passphrase asks for the export's password, once.
func (p *parser) passphrase() (string, error) {
	p.res.Encrypted = true
	if p.askedPassphrase {
		return "", fmt.Errorf("%w: asked twice", ErrPassphraseRequired)
	}
	p.askedPassphrase = true
	if p.opts.Passphrase == nil {
		return "", ErrPassphraseRequired
	}
	pw, err := p.opts.Passphrase()
	if err != nil {
		return "", fmt.Errorf("importer: reading the password: %w", err)
	}
	if pw == "" {
		return "", ErrPassphraseRequired
	}
	return pw, nil
}

// label formats issuer and name for messages, as the vault does.
func label(issuer, name string) string {
	switch {
	case issuer == "":
		return name
	case name == "":
		return issuer
	}
	return issuer + ": " + name
}

// maxLabelLength matches the limit otp.ParseURI puts on issuer and name.
const maxLabelLength = 512

// cleanLabel tidies an issuer or account name from an export: invalid
// UTF-8 becomes U+FFFD, control characters (a stray tab or newline)
// become spaces, and surrounding white space goes. A label longer than
// 512 bytes is an error, as it is in an otpauth URI.
func cleanLabel(field, s string) (string, error) {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimFunc(s, unicode.IsSpace)
	if len(s) > maxLabelLength {
		return "", malformed("%s is %d bytes long (limit %d)", field, len(s), maxLabelLength)
	}
	return s, nil
}

// utf8BOM is the byte order mark some Windows editors put first.
var utf8BOM = []byte("\uFEFF")

// trimText removes a UTF-8 byte order mark and surrounding white space.
func trimText(b []byte) []byte {
	b = bytes.TrimLeftFunc(b, unicode.IsSpace)
	b = bytes.TrimPrefix(b, utf8BOM)
	return bytes.TrimFunc(b, unicode.IsSpace)
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
