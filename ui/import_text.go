package ui

import (
	"errors"
	"strings"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/kit/paper"
)

// What the Import page says about files: their formats, and why they or
// their entries could not be read, in the person's language. Secrets are
// never quoted; entries are named by their place and label.

// formatName is a format's name for a person.
func (v *view) formatName(f importer.Format) string {
	switch f {
	case importer.FormatOTPAuth:
		return v.msg.T("ui.imp.format.otpauth")
	case importer.FormatGoogleMigration:
		return v.msg.T("ui.imp.format.google_migration")
	case importer.FormatQRImage:
		return v.msg.T("ui.imp.format.qr_image")
	case importer.FormatAegis:
		return v.msg.T("ui.imp.format.aegis")
	case importer.FormatTwoFAS:
		return v.msg.T("ui.imp.format.twofas")
	case importer.FormatEnteEncrypted:
		return v.msg.T("ui.imp.format.ente_encrypted")
	case importer.FormatBitwarden:
		return v.msg.T("ui.imp.format.bitwarden")
	case importer.FormatProton:
		return v.msg.T("ui.imp.format.proton")
	case importer.FormatKeePassCSV:
		return v.msg.T("ui.imp.format.keepassxc_csv")
	case importer.FormatKeePassXML:
		return v.msg.T("ui.imp.format.keepassxc_xml")
	}
	return v.msg.T("ui.imp.format.unknown")
}

// importError is why a file could not be imported, in the person's
// language. Nothing was imported.
func (v *view) importError(err error) string {
	var es importer.EntryErrors
	var ee *importer.EntryError
	switch {
	case errors.As(err, &es):
		return v.msg.T("ui.imp.error.entries", map[string]any{"Count": len(es)})
	case errors.As(err, &ee):
		return v.msg.T("ui.imp.error.entries", map[string]any{"Count": 1})
	case errors.Is(err, importer.ErrEmpty):
		return v.msg.T("ui.imp.error.empty")
	case errors.Is(err, importer.ErrTooLarge):
		return v.msg.T("ui.imp.error.too_large")
	case errors.Is(err, importer.ErrUnknownFormat):
		return v.msg.T("ui.imp.error.unknown_format")
	case errors.Is(err, importer.ErrNoQRCode):
		return v.msg.T("ui.imp.error.no_qr")
	case errors.Is(err, importer.ErrNoAccounts):
		return v.msg.T("ui.imp.error.no_accounts")
	case errors.Is(err, importer.ErrPassphraseRequired):
		return v.msg.T("ui.imp.error.no_password")
	case errors.Is(err, importer.ErrWrongPassword):
		return v.msg.T("ui.imp.error.wrong_password")
	case errors.Is(err, importer.ErrCorrupt):
		return v.msg.T("ui.imp.error.corrupt")
	case errors.Is(err, importer.ErrUnsupportedEncryption):
		return v.msg.T("ui.imp.error.unsupported_encryption")
	case errors.Is(err, importer.ErrMalformed):
		return v.msg.T("ui.imp.error.malformed", map[string]any{"Detail": importer.Detail(err, importer.ErrMalformed)})
	}
	return v.msg.T("ui.imp.error.other", map[string]any{"Error": err.Error()})
}

// entryErrors names each broken line or entry of a file and why, never
// quoting it: it may hold a secret.
func (v *view) entryErrors(err error) []string {
	var es importer.EntryErrors
	var ee *importer.EntryError
	switch {
	case errors.As(err, &es):
	case errors.As(err, &ee):
		es = importer.EntryErrors{ee}
	default:
		return nil
	}
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = v.msg.T("ui.imp.entry_error", map[string]any{"Entry": v.entryName(e.Position, e.Label), "Reason": v.entryReason(e.Err)})
	}
	return out
}

// entryReason is why one entry could not be read.
func (v *view) entryReason(err error) string {
	switch {
	case errors.Is(err, importer.ErrNoLabel):
		return v.msg.T("ui.imp.reason.no_label")
	case errors.Is(err, importer.ErrMalformed):
		return v.msg.T("ui.imp.reason.malformed", map[string]any{"Detail": importer.Detail(err, importer.ErrMalformed)})
	}
	return otpReason(v.msg, err)
}

// entryName names an entry of a file: where it is and, when known, its
// label ("line 3 (GitHub: alice)").
func (v *view) entryName(p importer.Position, label string) string {
	var parts []string
	if p.Line > 0 {
		parts = append(parts, v.msg.T("ui.imp.line", map[string]any{"N": p.Line}))
	}
	if p.Code > 0 {
		parts = append(parts, v.msg.T("ui.imp.code", map[string]any{"N": p.Code}))
	}
	if p.Entry > 0 {
		parts = append(parts, v.msg.T("ui.imp.entry", map[string]any{"N": p.Entry}))
	}
	where := strings.Join(parts, v.listSep())
	switch {
	case where != "" && label != "":
		return v.msg.T("ui.imp.entry_name", map[string]any{"Where": where, "Label": label})
	case where != "":
		return where
	case label != "":
		return label
	}
	return v.msg.T("ui.imp.an_entry")
}

// skipLine says which entry was left out on purpose, and why.
func (v *view) skipLine(s importer.Skip) string {
	var why string
	switch {
	case errors.Is(s.Reason, importer.ErrDuplicate):
		why = v.msg.T("ui.imp.skip.duplicate")
	case errors.Is(s.Reason, importer.ErrUnsupported):
		why = v.msg.T("ui.imp.skip.unsupported")
	case errors.Is(s.Reason, importer.ErrNotAnAccount):
		why = v.msg.T("ui.imp.skip.not_account")
	case errors.Is(s.Reason, importer.ErrInTrash):
		why = v.msg.T("ui.imp.skip.trash")
	default:
		why = s.Reason.Error()
	}
	return v.msg.T("ui.imp.entry_error", map[string]any{"Entry": v.entryName(s.Position, s.Label), "Reason": why})
}

// warningText is a warning about a file as a whole.
func (v *view) warningText(w importer.Warning) string {
	if errors.Is(w.Err, importer.ErrIncompleteBatch) {
		return v.msg.T("ui.imp.warn.incomplete_batch")
	}
	return w.Err.Error()
}

// paperKitError is why the pages of a paper kit do not make a kit.
func (v *view) paperKitError(err error) string {
	var missing *paper.MissingError
	if errors.As(err, &missing) {
		return v.msg.T("ui.kit.error.pages_missing", map[string]any{"Numbers": usecase.MissingNumbers(v.msg, missing, v.listSep()), "Total": missing.Total})
	}
	for _, r := range []struct {
		err error
		key string
	}{
		{paper.ErrNotChunk, "ui.kit.error.pages_not_kit"},
		{paper.ErrCorruptChunk, "ui.kit.error.pages_corrupt"},
		{paper.ErrDuplicateChunk, "ui.kit.error.pages_duplicate"},
		{paper.ErrMixedKits, "ui.kit.error.pages_mixed"},
		{paper.ErrNoChunks, "ui.kit.error.pages_none"},
	} {
		if errors.Is(err, r.err) {
			return v.msg.T(r.key)
		}
	}
	return v.msg.T("ui.kit.error.pages", map[string]any{"Error": err.Error()})
}
