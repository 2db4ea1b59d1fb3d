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
func (v *view) formatName(f importer.Format) string { return usecase.FormatName(f).Text(v.msg) }

// importError is why a file could not be imported, in the person's
// language. Nothing was imported.
func (v *view) importError(err error) string {
	var es importer.EntryErrors
	var ee *importer.EntryError
	var ue *importer.UnreadableError
	switch {
	case errors.As(err, &ue):
		d := map[string]any{"Source": v.importFileName(), "Members": strings.Join(ue.Members, v.listSep())}
		return v.msg.T("import.unreadable."+ue.Kind.Key(), d) + "\n" + v.msg.T("import.unreadable."+ue.Kind.Key()+".hint", d)
	case errors.Is(err, importer.ErrTooCostly):
		return v.msg.T("import.error.too_costly", map[string]any{"Source": v.importFileName(), "Format": v.formatName(v.importFormat())}) +
			"\n" + v.msg.T("import.hint.too_costly")
	case errors.Is(err, importer.ErrTooManyEntries):
		return v.msg.T("import.error.too_many", map[string]any{"Source": v.importFileName(), "Max": importer.MaxEntries})
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

// skipLine says which entry was left out on purpose, and why.
func (v *view) skipLine(s importer.Skip) string {
	return v.msg.T("ui.imp.entry_error", map[string]any{"Entry": v.entryName(s.Position, s.Label), "Reason": usecase.SkipReason(s.Reason).Text(v.msg)})
}

// entryName names an entry of a file for a person.
func (v *view) entryName(p importer.Position, label string) string {
	return usecase.EntryName(p, label).Text(v.msg)
}

// entryReason is why one entry could not be read.
func (v *view) entryReason(err error) string { return usecase.EntryReason(err).Text(v.msg) }

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
	why := v.readable(err).Error()
	if m, ok := usecase.PaperReason(err); ok {
		why = m.Text(v.msg)
	}
	return v.msg.T("ui.kit.error.pages", map[string]any{"Error": why})
}

// importFileName is the name of the file on the Import page, for
// messages that name it.
func (v *view) importFileName() string {
	if t := v.xfer(); t.imp != nil {
		if f := t.imp.current(); f != nil {
			return f.name
		}
	}
	return ""
}

// importFormat is the format of the file on the Import page, as far as it
// is known.
func (v *view) importFormat() importer.Format {
	if t := v.xfer(); t.imp != nil {
		return t.imp.format
	}
	return importer.FormatUnknown
}
