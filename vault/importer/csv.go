package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// Password managers' CSV exports (KeePassXC, Bitwarden, 1Password) are one
// item a row under a header row; the columns that matter are the item's
// title, its user name and the field holding its two-factor key (read by
// otpField). Rows without a key are passwords only and are passed over.

// csvColumns names the header fields a CSV export is read by.
type csvColumns struct {
	title, user, totp string
	// trash, when set, names a column that is "true" (any case) or "1"
	// for items in the app's trash or archive; those rows are skipped with
	// ErrInTrash.
	trash string
}

// csvHeader returns the fields of the first line of text, or nil when it
// is not a CSV line with at least two fields.
func csvHeader(text []byte) []string {
	line, _, _ := bytes.Cut(text, []byte("\n"))
	if !bytes.Contains(line, []byte(",")) {
		return nil
	}
	r := csv.NewReader(bytes.NewReader(line))
	r.LazyQuotes = true
	rec, err := r.Read()
	if err != nil {
		return nil
	}
	return rec
}

// csvList reads a CSV export by the columns cols names.
func (p *parser) csvList(data []byte, cols csvColumns) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return &EntryError{Position: Position{Line: 1}, Err: malformed("invalid csv header")}
	}
	title, user, totp := column(header, cols.title), column(header, cols.user), column(header, cols.totp)
	trash := -1
	if cols.trash != "" {
		trash = column(header, cols.trash)
	}
	if title < 0 || totp < 0 {
		return &EntryError{Position: Position{Line: 1}, Err: malformed("csv header has no %s and %s columns", cols.title, cols.totp)}
	}
	get := func(rec []string, i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return rec[i]
	}
	for !p.full() {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.Line
			}
			// A quoting error leaves the reader out of step; stop here.
			return &EntryError{Position: Position{Line: line}, Err: malformed("invalid csv")}
		}
		line, _ := r.FieldPos(0)
		pos := Position{Line: line}
		v := strings.TrimSpace(get(rec, totp))
		if v == "" {
			continue
		}
		issuer, name := get(rec, title), get(rec, user)
		if t := strings.TrimSpace(get(rec, trash)); strings.EqualFold(t, "true") || t == "1" {
			p.skip(pos, label(issuer, name), ErrInTrash)
			continue
		}
		a, err := otpField(v, issuer, name)
		if err != nil {
			p.fail(pos, label(issuer, name), err)
			continue
		}
		p.add(pos, a)
	}
	return nil
}

// A Bitwarden CSV export (File ▸ Export vault ▸ .csv) has the header
//
//	folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp
//
// login_totp holds what the JSON export's login.totp does.

// isBitwardenCSVHeader reports whether rec is Bitwarden's CSV header.
func isBitwardenCSVHeader(rec []string) bool {
	return column(rec, "name") >= 0 && column(rec, "login_totp") >= 0
}

// bitwardenCSV reads a Bitwarden CSV export.
func (p *parser) bitwardenCSV(data []byte) error {
	return p.csvList(data, csvColumns{title: "name", user: "login_username", totp: "login_totp"})
}

// 1Password 8's CSV export (File ▸ Export, CSV) has the header
//
//	Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes
//
// OTPAuth holds the item's one-time password field: an otpauth:// URI (or
// a bare secret). Archived items are skipped like a recycle bin's.

// isOnePasswordCSVHeader reports whether rec is 1Password's CSV header.
func isOnePasswordCSVHeader(rec []string) bool {
	return column(rec, "title") >= 0 && column(rec, "otpauth") >= 0
}

// onePasswordCSV reads a 1Password CSV export.
func (p *parser) onePasswordCSV(data []byte) error {
	return p.csvList(data, csvColumns{title: "title", user: "username", totp: "otpauth", trash: "archived"})
}
