package importer

import (
	"encoding/json"
	"strings"

	"github.com/mamori-app/mamori/vault/otp"
)

// LastPass Authenticator's export (Settings ▸ Transfer accounts ▸ Export
// accounts to file) is JSON:
//
//	{"version": 3, "deviceName": "…", "localDeviceId": "…",
//	 "accounts": [{"accountID": "…", "issuerName": "GitHub", "originalIssuerName": "GitHub",
//	               "userName": "alice", "originalUserName": "alice", "secret": "JBSW…",
//	               "timeStep": 30, "digits": 6, "algorithm": "SHA1",
//	               "pushNotification": false, "isFavorite": false, "folderData": {…}}],
//	 "folders": […]}
//
// LastPass Authenticator makes TOTP codes only. issuerName and userName are
// what the user sees (they may have renamed them); the original ones are
// the fallback. Push-only accounts (LastPass's own login) hold no secret
// and are skipped.

type lastPassFile struct {
	Accounts []json.RawMessage `json:"accounts"`
}

type lastPassAccount struct {
	IssuerName         flexString `json:"issuerName"`
	OriginalIssuerName flexString `json:"originalIssuerName"`
	UserName           flexString `json:"userName"`
	OriginalUserName   flexString `json:"originalUserName"`
	Secret             string     `json:"secret"`
	TimeStep           flexInt    `json:"timeStep"`
	Digits             flexInt    `json:"digits"`
	Algorithm          string     `json:"algorithm"`
	PushNotification   bool       `json:"pushNotification"`
}

// isLastPassJSON reports whether top-level keys are LastPass
// Authenticator's.
func isLastPassJSON(keys map[string]bool) bool {
	return keys["accounts"] && (keys["deviceName"] || keys["localDeviceId"] || keys["deviceSecret"] || keys["folders"])
}

// lastPass reads a LastPass Authenticator export.
func (p *parser) lastPass(data []byte) error {
	var f lastPassFile
	if err := decodeJSON(data, &f); err != nil {
		return err
	}
	if f.Accounts == nil {
		return malformed("lastpass authenticator export has no accounts list")
	}
	if err := p.checkCount(len(f.Accounts)); err != nil {
		return err
	}
	for i, raw := range f.Accounts {
		if p.full() {
			break
		}
		pos := Position{Entry: i + 1}
		var a lastPassAccount
		if err := decodeEntry(raw, &a); err != nil {
			p.fail(pos, "", err)
			continue
		}
		issuer, name := string(a.IssuerName), string(a.UserName)
		if strings.TrimSpace(issuer) == "" {
			issuer = string(a.OriginalIssuerName)
		}
		if strings.TrimSpace(name) == "" {
			name = string(a.OriginalUserName)
		}
		lbl := label(issuer, name)
		if strings.TrimSpace(a.Secret) == "" && a.PushNotification {
			p.skip(pos, lbl, errorf(ErrUnsupported, "LastPass"))
			continue
		}
		key, err := flexKey("totp", a.Secret, a.Algorithm, a.Digits, a.TimeStep, flexInt{})
		if err != nil {
			p.fail(pos, lbl, err)
			continue
		}
		p.add(pos, otp.Account{Issuer: issuer, Name: name, Key: key})
	}
	return nil
}
