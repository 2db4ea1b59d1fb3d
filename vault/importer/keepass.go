package importer

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/mamori-app/mamori/vault/otp"
)

// KeePassXC keeps an entry's TOTP in its "otp" attribute, an otpauth://
// URI (or KeeOTP's key=…&step=…&size=…). Two exports carry it:
//
//   - CSV (Database ▸ Export ▸ CSV), with the header
//     "Group","Title","Username","Password","URL","Notes","TOTP",…
//     where the TOTP column holds the URI;
//   - XML (keepassxc-cli export -f xml, or KeePass's XML export), where
//     each Entry has <String><Key>otp</Key><Value>URI</Value></String>.
//     Databases from before KeePassXC 2.6 use the attributes "TOTP Seed"
//     (the secret) and "TOTP Settings" ("30;6", or "30;S" for Steam)
//     instead; those are read too.
//
// Entries without one are passwords only and are passed over silently.
// The entry's Title stands in for an issuer, and its UserName for an
// account name, where the URI has none. XML entries in the recycle bin are
// skipped (ErrInTrash), and old versions kept in an entry's History are
// ignored.

// isKeePassCSVHeader reports whether the first line of text is a CSV
// header naming a Title and a TOTP column.
func isKeePassCSVHeader(text []byte) bool {
	rec := csvHeader(text)
	return column(rec, "title") >= 0 && column(rec, "totp") >= 0
}

// column returns the index of the header field named name (ASCII case
// ignored), or -1.
func column(header []string, name string) int {
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return i
		}
	}
	return -1
}

// keepassCSV reads a KeePassXC CSV export.
func (p *parser) keepassCSV(data []byte) error {
	return p.csvList(data, csvColumns{title: "title", user: "username", totp: "totp"})
}

// KeePass XML, as much of it as matters here.
type keepassFile struct {
	Meta struct {
		RecycleBinEnabled string `xml:"RecycleBinEnabled"`
		RecycleBinUUID    string `xml:"RecycleBinUUID"`
	} `xml:"Meta"`
	Root struct {
		Groups []keepassGroup `xml:"Group"`
	} `xml:"Root"`
}

type keepassGroup struct {
	UUID    string         `xml:"UUID"`
	Entries []keepassEntry `xml:"Entry"`
	Groups  []keepassGroup `xml:"Group"`
}

// keepassEntry lists the entry's strings; its History (older copies of
// the entry) is not mapped, so it is skipped.
type keepassEntry struct {
	Strings []struct {
		Key   string `xml:"Key"`
		Value string `xml:"Value"`
	} `xml:"String"`
}

func (e keepassEntry) get(key string) string {
	for _, s := range e.Strings {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}

// keepassXML reads a KeePass XML export.
func (p *parser) keepassXML(data []byte) error {
	var f keepassFile
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	if err := d.Decode(&f); err != nil {
		line, _ := d.InputPos()
		return &EntryError{Position: Position{Line: line}, Err: malformed("invalid xml")}
	}
	trash := ""
	if !strings.EqualFold(strings.TrimSpace(f.Meta.RecycleBinEnabled), "false") {
		trash = strings.TrimSpace(f.Meta.RecycleBinUUID)
		if strings.Trim(trash, "A=") == "" {
			trash = "" // the all-zero UUID means none
		}
	}
	n := 0
	var walk func(g keepassGroup, inTrash bool)
	walk = func(g keepassGroup, inTrash bool) {
		inTrash = inTrash || trash != "" && strings.TrimSpace(g.UUID) == trash
		for _, e := range g.Entries {
			n++
			p.readKeePassEntry(Position{Entry: n}, e, inTrash)
		}
		for _, sub := range g.Groups {
			walk(sub, inTrash)
		}
	}
	for _, g := range f.Root.Groups {
		walk(g, false)
	}
	return nil
}

// readKeePassEntry reads one XML entry's OTP attribute, if it has one.
func (p *parser) readKeePassEntry(pos Position, e keepassEntry, inTrash bool) {
	issuer, name := e.get("Title"), e.get("UserName")
	lbl := label(strings.TrimSpace(issuer), strings.TrimSpace(name))
	var a otp.Account
	var err error
	switch v, seed := strings.TrimSpace(e.get("otp")), strings.TrimSpace(e.get("TOTP Seed")); {
	case v != "":
		a, err = otpField(v, issuer, name)
	case seed != "":
		var k otp.Key
		k, err = legacyTOTP(seed, e.get("TOTP Settings"))
		a = otp.Account{Issuer: issuer, Name: name, Key: k}
	default:
		return
	}
	if inTrash {
		p.skip(pos, lbl, ErrInTrash)
		return
	}
	if err != nil {
		p.fail(pos, lbl, err)
		return
	}
	p.add(pos, a)
}

// legacyTOTP reads KeePassXC's pre-2.6 "TOTP Seed" and "TOTP Settings"
// ("period;digits", with digits "S" for Steam; empty means 30;6).
func legacyTOTP(seed, settings string) (otp.Key, error) {
	settings = strings.TrimSpace(settings)
	if settings == "" {
		return otp.NewKey(otp.TOTP, seed, "", 0, 0, 0)
	}
	per, dig, ok := strings.Cut(settings, ";")
	if !ok {
		return otp.Key{}, fmt.Errorf("%w: TOTP Settings should be period;digits", otp.ErrMalformedURI)
	}
	dig, _, _ = strings.Cut(dig, ";")
	period, err := strconv.Atoi(strings.TrimSpace(per))
	if err != nil {
		return otp.Key{}, fmt.Errorf("%w: TOTP Settings period is not a number", otp.ErrBadPeriod)
	}
	if strings.EqualFold(strings.TrimSpace(dig), "S") {
		if period != 30 {
			return otp.Key{}, fmt.Errorf("%w: period=%d (steam uses 30)", otp.ErrBadPeriod, period)
		}
		return otp.NewKey(otp.Steam, seed, "", 0, 0, 0)
	}
	digits, err := strconv.Atoi(strings.TrimSpace(dig))
	if err != nil {
		return otp.Key{}, fmt.Errorf("%w: TOTP Settings digits is not a number", otp.ErrBadDigits)
	}
	if period <= 0 {
		return otp.Key{}, fmt.Errorf("%w: period=%d", otp.ErrBadPeriod, period)
	}
	if digits <= 0 {
		return otp.Key{}, fmt.Errorf("%w: digits=%d", otp.ErrBadDigits, digits)
	}
	return otp.NewKey(otp.TOTP, seed, "", digits, period, 0)
}
