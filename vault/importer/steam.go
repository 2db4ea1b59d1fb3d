package importer

import (
	"encoding/base32"
	"fmt"

	"github.com/mamori-app/mamori/vault/otp"
)

// A Steam Desktop Authenticator account file (<steamid>.maFile), also
// written by other Steam Guard tools, is JSON:
//
//	{"shared_secret": "BASE64", "account_name": "gaben",
//	 "serial_number": "…", "revocation_code": "R12345", "uri": "otpauth://totp/Steam:gaben?secret=…",
//	 "identity_secret": "BASE64", "device_id": "android:…", "Session": {…}, …}
//
// shared_secret is the Steam Guard key in Base64; the identity secret and
// session (for trade confirmations) are not codes and are not read. An
// encrypted maFile (SDA's passkey) is Base64 text whose salt and IV live in
// manifest.json; it is recognised and refused (decrypt it in SDA first).

type steamFile struct {
	SharedSecret *string    `json:"shared_secret"`
	AccountName  flexString `json:"account_name"`
}

// isSteamJSON reports whether top-level keys are a maFile's.
func isSteamJSON(keys map[string]bool) bool {
	return keys["shared_secret"] && (keys["account_name"] || keys["identity_secret"] || keys["revocation_code"])
}

// steam reads a Steam Desktop Authenticator maFile: one account.
func (p *parser) steam(data []byte) error {
	var f steamFile
	if err := decodeJSON(data, &f); err != nil {
		return err
	}
	pos := Position{Entry: 1}
	name := string(f.AccountName)
	if f.SharedSecret == nil || *f.SharedSecret == "" {
		p.fail(pos, label("Steam", name), fmt.Errorf("%w: no shared_secret", otp.ErrMissingSecret))
		return nil
	}
	raw, err := decodeBase64(*f.SharedSecret)
	if err != nil || len(raw) == 0 {
		p.fail(pos, label("Steam", name), fmt.Errorf("%w: shared_secret is not base64", otp.ErrBadSecret))
		return nil
	}
	key, err := otp.NewKey(otp.Steam, base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(raw), "", 0, 0, 0)
	if err != nil {
		p.fail(pos, label("Steam", name), err)
		return nil
	}
	p.add(pos, otp.Account{Issuer: "Steam", Name: name, Key: key})
	return nil
}
