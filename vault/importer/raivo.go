package importer

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mamori-app/mamori/vault/otp"
)

// Raivo OTP's export (Settings ▸ Export) is a ZIP archive, protected by a
// password the user chooses, holding raivo-otp-export.json (and a PDF of
// QR codes):
//
//	[{"issuer": "GitHub", "account": "alice", "secret": "JBSW…", "algorithm": "SHA1",
//	  "digits": "6", "kind": "TOTP", "timer": "30", "counter": "0",
//	  "pinned": "false", "iconType": "", "iconValue": ""}, …]
//
// Numbers are written as strings. The archive, or the JSON file unpacked
// from it, can be imported.

type raivoEntry struct {
	Issuer    flexString `json:"issuer"`
	Account   flexString `json:"account"`
	Secret    string     `json:"secret"`
	Algorithm string     `json:"algorithm"`
	Digits    flexInt    `json:"digits"`
	Kind      string     `json:"kind"`
	Timer     flexInt    `json:"timer"`
	Counter   flexInt    `json:"counter"`
}

// raivoMember is the name of the JSON file in Raivo's archive.
const raivoMember = "raivo-otp-export.json"

// isRaivoJSON reports whether the JSON list text starts with looks like
// Raivo's entries.
func isRaivoJSON(text []byte) bool {
	keys := firstElementKeys(text)
	return keys["secret"] && keys["kind"] && (keys["timer"] || keys["account"])
}

// raivo reads Raivo's export: the ZIP archive or the JSON inside it.
func (p *parser) raivo(data []byte) error {
	if len(data) >= len(zipMagic) && string(data[:len(zipMagic)]) == string(zipMagic) {
		b, err := p.zipMember(data, raivoMember)
		if err != nil {
			return err
		}
		data = trimText(b)
	}
	var list []json.RawMessage
	if err := decodeJSON(data, &list); err != nil {
		return err
	}
	if err := p.checkCount(len(list)); err != nil {
		return err
	}
	for i, raw := range list {
		if p.full() {
			break
		}
		pos := Position{Entry: i + 1}
		var e raivoEntry
		if err := decodeEntry(raw, &e); err != nil {
			p.fail(pos, "", err)
			continue
		}
		lbl := label(string(e.Issuer), string(e.Account))
		kind := strings.ToLower(strings.TrimSpace(e.Kind))
		switch kind {
		case "totp", "hotp", "":
		default:
			p.skip(pos, lbl, fmt.Errorf("%w: %s", ErrUnsupported, strings.ToUpper(clipWord(kind))))
			continue
		}
		if kind == "hotp" && !e.Counter.set {
			p.fail(pos, lbl, ErrNoCounter)
			continue
		}
		key, err := flexKey(kind, e.Secret, e.Algorithm, e.Digits, e.Timer, e.Counter)
		if err != nil {
			p.fail(pos, lbl, err)
			continue
		}
		p.add(pos, otp.Account{Issuer: string(e.Issuer), Name: string(e.Account), Key: key})
	}
	return nil
}

// zipMember reads the member named name out of a ZIP archive, asking for
// the password when it is encrypted.
func (p *parser) zipMember(data []byte, name string) ([]byte, error) {
	zr, err := openZip(data)
	if err != nil {
		return nil, err
	}
	f := zipMember(zr, name)
	if f == nil {
		return nil, malformed("the zip archive has no %s", name)
	}
	if f.Flags&1 == 0 {
		return readZipMember(f)
	}
	p.res.Encrypted = true
	pw, err := p.passphrase()
	if err != nil {
		return nil, err
	}
	return readZipEncrypted(f, pw)
}
