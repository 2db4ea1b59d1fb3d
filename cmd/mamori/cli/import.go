package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/importer"
)

// Reasons an entry was not imported, as "import --json" names them.
const (
	skipInVault      = "in-vault"
	skipDuplicate    = "duplicate"
	skipUnsupported  = "unsupported"
	skipNotAnAccount = "not-an-account"
	skipInTrash      = "in-trash"
	skipOtherInFile  = "skipped"
)

// importJSON is "import --json": what was read and what became of it.
type importJSON struct {
	Format    importer.Format `json:"format"`
	Encrypted bool            `json:"encrypted"`
	Imported  []importedJSON  `json:"imported"`
	Skipped   []skippedJSON   `json:"skipped"`
	Warnings  []string        `json:"warnings"`
}

// positionJSON is where in the file an entry was: the fields that apply.
type positionJSON struct {
	Line  int `json:"line,omitempty"`
	Code  int `json:"code,omitempty"`
	Entry int `json:"entry,omitempty"`
}

type importedJSON struct {
	ID     string       `json:"id"`
	Issuer string       `json:"issuer"`
	Name   string       `json:"name"`
	From   positionJSON `json:"from"`
}

type skippedJSON struct {
	From    positionJSON `json:"from"`
	Label   string       `json:"label"`
	Reason  string       `json:"reason"`
	Message string       `json:"message"`
}

func toPositionJSON(p importer.Position) positionJSON {
	return positionJSON{Line: p.Line, Code: p.Code, Entry: p.Entry}
}

func (a *app) importCommand() *cobra.Command {
	var format string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "import FILE|- [FILE…] [--format FORMAT] [--json]",
		Short: "Import accounts from another authenticator's export, a QR code image or otpauth:// URIs",
		Long: `Import accounts from FILE ("-" reads standard input). The format is detected:

  otpauth            a list of otpauth:// URIs, one a line ("#" starts a comment)
  google-migration   Google Authenticator's otpauth-migration:// export URIs
                     (several QR codes of one export are merged)
  qr-image           a PNG, JPEG or GIF image with QR codes of either: a photo,
                     or a screenshot with other content around the codes
  aegis              an Aegis vault export, plain or password-encrypted
  2fas               a 2FAS backup (.2fas), plain or password-encrypted
  ente-encrypted     Ente Auth's encrypted export (its plain export is a list)
  bitwarden          a Bitwarden JSON export, plain or password-protected
                     (an "account restricted" export cannot be read)
  proton             a Proton Authenticator JSON export
  keepassxc-csv      a KeePassXC CSV export
  keepassxc-xml      a KeePass or KeePassXC XML export
  andotp             an andOTP backup: plain JSON, or encrypted (.json.aes)
  authenticator-pro  an Authenticator Pro (Stratum) backup, plain or encrypted
  freeotp-plus       a FreeOTP+ JSON export
  bitwarden-csv      a Bitwarden CSV export
  steam              a Steam Desktop Authenticator .maFile (not encrypted)
  lastpass           a LastPass Authenticator JSON export
  1password-1pux     a 1Password 1PUX export
  1password-csv      a 1Password CSV export
  totp-authenticator TOTP Authenticator's encrypted backup
  raivo              Raivo OTP's export: its ZIP (password-protected or not)
                     or the JSON inside
  authenticator-plus Authenticator Plus's password-protected ZIP
  freeotp            a FreeOTP 2 backup (externalBackup.xml)

A file Mamori cannot read but recognises (Google Authenticator's own
database, another app's SQLite database, a KeePass database, a
password-protected ZIP…) is named, with how to get a readable export.

--format FORMAT reads FILE as that format instead of detecting it.

Several FILEs must all be QR code images, such as one screenshot for each QR
code of a Google Authenticator export: their codes are read together, so the
export's batches are merged as if they were one picture.

The password of an encrypted export is read from MAMORI_IMPORT_PASSPHRASE, or
asked for at the terminal. It is the password chosen when exporting, which
may differ from the app's own.

Import is all or nothing: if any entry cannot be read, the error names every
such line or entry with the reason, and nothing is imported. Accounts whose
key is already in the vault (same type, secret, algorithm, digits and period,
whatever their name) are skipped, as are entries the file holds twice, tokens
Mamori cannot make codes for, QR codes that hold no account and entries in a
recycle bin or trash; a summary on stderr says what was imported and what was skipped
and why. A file larger than 32 MiB, one with more than 100,000 entries, an
encrypted export asking for more key-derivation work than its app ever
uses, or one with no account in it, is an error.

With --json, print one JSON object with the fields format, encrypted,
imported (id, issuer, name and from: line, code or entry), skipped (from,
label, reason: in-vault, duplicate, unsupported, not-an-account or in-trash,
and message) and warnings.`,
		Args: minArgs("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var forced importer.Format
			if cmd.Flags().Changed("format") {
				f, ok := parseImportFormat(format)
				if !ok {
					return usageErr("cli.error.bad_import_format", data{"Formats": importFormatList()})
				}
				forced = f
			}
			src := args[0]
			b, err := a.readInput(src, inputExport, importer.DefaultMaxSize)
			if err != nil {
				return err
			}
			if len(args) > 1 {
				if b, err = a.readQRImages(args); err != nil {
					return err
				}
				src = strings.Join(args, ", ")
			}
			res, err := a.parseExport(b, forced, src)
			if err != nil {
				return err
			}
			svc, err := a.service()
			if err != nil {
				return err
			}
			r, err := svc.ImportAccounts(res)
			var es importer.EntryErrors
			if errors.As(err, &es) {
				return a.entryErrors(es, res.Format, src)
			}
			if err != nil {
				return err
			}
			return a.importSummary(res, r.Accounts, r.InVault, src, asJSON)
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "read FILE as this format instead of detecting it: "+importFormatList())
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return cmd
}

// readQRImages reads several QR code images as one text with
// importer.ScanImages, naming the file at fault.
func (a *app) readQRImages(paths []string) ([]byte, error) {
	images := make([][]byte, len(paths))
	for i, p := range paths {
		b, err := a.readInput(p, inputExport, importer.DefaultMaxSize)
		if err != nil {
			return nil, err
		}
		images[i] = b
	}
	text, bad, err := importer.ScanImages(images)
	switch {
	case errors.Is(err, importer.ErrUnknownFormat):
		return nil, usageErr("cli.error.import_several", data{"File": paths[bad]})
	case err != nil:
		return nil, failure("cli.error.import_no_qr", data{"Source": paths[bad]}).wrap(err)
	}
	return text, nil
}

// parseImportFormat reads a --format value: one of importer.Formats, in any case.
func parseImportFormat(s string) (importer.Format, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, f := range importer.Formats() {
		if string(f) == s {
			return f, true
		}
	}
	return importer.FormatUnknown, false
}

// importFormatList lists the --format values.
func importFormatList() string {
	names := make([]string, 0, len(importer.Formats()))
	for _, f := range importer.Formats() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

// formatName is a format's name for a person.
func (a *app) formatName(f importer.Format) string { return usecase.FormatName(f).Text(a.msg) }

// parseExport runs importer.Parse, asking for the password of an encrypted
// export: MAMORI_IMPORT_PASSPHRASE, tried once, or up to maxAttempts tries
// at a terminal. Its errors are translated, naming src.
func (a *app) parseExport(b []byte, forced importer.Format, src string) (importer.Result, error) {
	envPass := a.env.Getenv(envImportPassphrase)
	format := forced
	if format == importer.FormatUnknown {
		format = importer.DetectFile(src, b)
	}
	for attempt := 1; ; attempt++ {
		prompted := false
		res, err := importer.Parse(b, importer.Options{
			Format:  forced,
			Name:    src,
			MaxSize: importer.DefaultMaxSize,
			Passphrase: func() (string, error) {
				if envPass != "" {
					return envPass, nil
				}
				if !a.tty.IsTerminal() {
					return "", nil // ErrPassphraseRequired, explained below
				}
				prompted = true
				p, err := a.prompt("cli.prompt.import_password", data{"Format": a.formatName(format)})
				if err != nil {
					return "", failure("cli.error.read_password", data{"Detail": err.Error()}).wrap(err)
				}
				return p, nil
			},
		})
		if errors.Is(err, importer.ErrWrongPassword) && prompted && attempt < maxAttempts {
			a.note("cli.prompt.import_wrong_password", nil)
			continue
		}
		if err != nil {
			if res.Format == importer.FormatUnknown {
				res.Format = format
			}
			return res, a.importError(err, res, src, prompted)
		}
		return res, nil
	}
}

// importError explains why an export could not be read. Nothing was imported.
func (a *app) importError(err error, res importer.Result, src string, prompted bool) error {
	var ce *cliError
	var es importer.EntryErrors
	var ee *importer.EntryError
	switch {
	case errors.As(err, &ce):
		return ce
	case errors.As(err, &es):
		return a.entryErrors(es, res.Format, src)
	case errors.As(err, &ee):
		return a.entryErrors(importer.EntryErrors{ee}, res.Format, src)
	}
	d := data{"Source": a.displayName(src), "Format": a.formatName(res.Format)}
	var ue *importer.UnreadableError
	switch {
	case errors.As(err, &ue):
		d["Members"] = strings.Join(ue.Members, ", ")
		return failure("import.unreadable."+ue.Kind.Key(), d).withHint("import.unreadable."+ue.Kind.Key()+".hint", d).wrap(err)
	case errors.Is(err, importer.ErrTooCostly):
		return failure("import.error.too_costly", d).withHint("import.hint.too_costly", nil).wrap(err)
	case errors.Is(err, importer.ErrTooManyEntries):
		d["Max"] = importer.MaxEntries
		return failure("import.error.too_many", d).withHint("cli.hint.check_file", nil).wrap(err)
	case errors.Is(err, importer.ErrEmpty):
		return failure("cli.error.import_empty", d).withHint("cli.hint.import_format", nil).wrap(err)
	case errors.Is(err, importer.ErrTooLarge):
		d["Detail"] = importer.Detail(err, importer.ErrTooLarge)
		return failure("cli.error.import_too_large", d).withHint("cli.hint.check_file", nil).wrap(err)
	case errors.Is(err, importer.ErrUnknownFormat):
		return failure("cli.error.import_unknown_format", d).withHint("cli.hint.import_format", nil).wrap(err)
	case errors.Is(err, importer.ErrNoQRCode):
		return failure("cli.error.import_no_qr", d).withHint("cli.hint.import_no_qr", nil).wrap(err)
	case errors.Is(err, importer.ErrNoAccounts):
		e := failure("cli.error.no_accounts_found", d).withHint("cli.hint.import_format", nil).wrap(err)
		for _, s := range res.Skipped {
			e.details = append(e.details, a.msg.T("cli.import.skipped", data{"Entry": a.entryName(s.Position, s.Label), "Reason": a.skipReason(s.Reason)}))
		}
		if len(res.Skipped) > 0 {
			e.hint, e.hintData = "cli.hint.import_all_skipped", nil
		}
		return e
	case errors.Is(err, importer.ErrPassphraseRequired) && prompted:
		return failure("cli.error.no_password_typed", nil).wrap(err)
	case errors.Is(err, importer.ErrPassphraseRequired):
		return failure("cli.error.import_password_required", d).withHint("cli.hint.import_passphrase_env", nil).wrap(err)
	case errors.Is(err, importer.ErrWrongPassword):
		key := "cli.error.import_wrong_password"
		if res.Format == importer.FormatEnteEncrypted {
			key = "cli.error.import_wrong_password_or_damaged"
		}
		e := failure(key, d).wrap(err)
		if a.env.Getenv(envImportPassphrase) != "" {
			return e.withHint("cli.hint.check_import_passphrase_env", d)
		}
		return e.withHint("cli.hint.import_password", d)
	case errors.Is(err, importer.ErrCorrupt):
		return failure("cli.error.import_corrupt", d).withHint("cli.hint.export_again", d).wrap(err)
	case errors.Is(err, importer.ErrUnsupportedEncryption):
		d["Detail"] = importer.Detail(err, importer.ErrUnsupportedEncryption)
		hint := "cli.hint.export_unencrypted"
		if res.Format == importer.FormatBitwarden {
			hint = "cli.hint.bitwarden_password_protected"
		}
		return failure("cli.error.import_unsupported_encryption", d).withHint(hint, d).wrap(err)
	case errors.Is(err, importer.ErrMalformed):
		d["Detail"] = importer.Detail(err, importer.ErrMalformed)
		return failure("cli.error.import_malformed", d).withHint("cli.hint.export_again", d).wrap(err)
	}
	return failure("cli.error.import_failed", data{"Source": a.displayName(src), "Detail": err.Error()}).wrap(err)
}

// entryErrors explains a file with broken lines or entries, naming each
// one and why, never quoting it: it may hold a secret.
func (a *app) entryErrors(es importer.EntryErrors, f importer.Format, src string) error {
	e := failure("cli.error.import_bad_entries", data{"Count": len(es), "Source": a.displayName(src), "Format": a.formatName(f)})
	if len(es) > 0 {
		e.wrap(es)
	}
	for _, x := range es {
		e.details = append(e.details, a.msg.T("cli.import.entry_error", data{"Entry": a.entryName(x.Position, x.Label), "Reason": a.entryReason(x.Err)}))
	}
	if f == importer.FormatOTPAuth || f == importer.FormatGoogleMigration {
		return e.withHint("cli.hint.import_bad_lines", nil)
	}
	return e.withHint("cli.hint.import_bad_entries", data{"Format": a.formatName(f)})
}

// entryName names an entry of an export for a person.
func (a *app) entryName(p importer.Position, label string) string {
	return usecase.EntryName(p, label).Text(a.msg)
}

// entryReason translates why one entry could not be read.
func (a *app) entryReason(err error) string { return usecase.EntryReason(err).Text(a.msg) }

// skipReason translates why an entry was left out on purpose.
func (a *app) skipReason(err error) string { return usecase.SkipReason(err).Text(a.msg) }

// skipCode is the --json reason of a skipped entry.
func skipCode(err error) string {
	switch {
	case errors.Is(err, importer.ErrDuplicate):
		return skipDuplicate
	case errors.Is(err, importer.ErrUnsupported):
		return skipUnsupported
	case errors.Is(err, importer.ErrNotAnAccount):
		return skipNotAnAccount
	case errors.Is(err, importer.ErrInTrash):
		return skipInTrash
	}
	return skipOtherInFile
}

// importSummary tells what an import did: on stderr for a person, or as
// one JSON object.
func (a *app) importSummary(res importer.Result, accts []vault.Account, inVault []int, src string, asJSON bool) error {
	skippedInVault := make(map[int]bool, len(inVault))
	for _, i := range inVault {
		skippedInVault[i] = true
	}
	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, a.warningText(w))
	}
	if asJSON {
		out := importJSON{Format: res.Format, Encrypted: res.Encrypted, Imported: []importedJSON{}, Skipped: []skippedJSON{}, Warnings: []string{}}
		for i, acct := range accts {
			if skippedInVault[i] {
				out.Skipped = append(out.Skipped, skippedJSON{From: toPositionJSON(res.From[i]), Label: acct.Label(), Reason: skipInVault, Message: a.msg.T("cli.import.skip_in_vault")})
				continue
			}
			out.Imported = append(out.Imported, importedJSON{ID: acct.ID, Issuer: acct.Issuer, Name: acct.Name, From: toPositionJSON(res.From[i])})
		}
		for _, s := range res.Skipped {
			out.Skipped = append(out.Skipped, skippedJSON{From: toPositionJSON(s.Position), Label: s.Label, Reason: skipCode(s.Reason), Message: a.skipReason(s.Reason)})
		}
		out.Warnings = append(out.Warnings, warnings...)
		for _, w := range warnings {
			a.warn("cli.warn.import", data{"Detail": w})
		}
		return a.printJSON(out)
	}
	a.note("cli.note.import_read", data{"Source": a.displayName(src), "Format": a.formatName(res.Format), "Encrypted": res.Encrypted, "Count": len(accts)})
	for _, i := range inVault {
		a.note("cli.import.skipped", data{"Entry": a.entryName(res.From[i], accts[i].Label()), "Reason": a.msg.T("cli.import.skip_in_vault")})
	}
	for _, s := range res.Skipped {
		a.note("cli.import.skipped", data{"Entry": a.entryName(s.Position, s.Label), "Reason": a.skipReason(s.Reason)})
	}
	for _, w := range warnings {
		a.warn("cli.warn.import", data{"Detail": w})
	}
	if res.Trashed > 0 {
		a.note("import.note.trashed", data{"Count": res.Trashed})
	}
	a.note("cli.note.imported", data{"Count": len(accts) - len(inVault), "InVault": len(inVault), "Other": len(res.Skipped)})
	return nil
}

// warningText translates a warning about the file as a whole.
func (a *app) warningText(w importer.Warning) string {
	if errors.Is(w.Err, importer.ErrIncompleteBatch) {
		return a.msg.T("cli.import.incomplete_batch", data{"Detail": importer.Detail(w.Err, importer.ErrIncompleteBatch)})
	}
	return fmt.Sprint(w.Err)
}
