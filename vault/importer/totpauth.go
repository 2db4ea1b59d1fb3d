package importer

import (
	"bytes"
	"crypto/aes"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mamori-app/mamori/vault/otp"
)

// TOTP Authenticator's backup (Backup ▸ Back up to file) is Base64 text
// of AES-256-CBC ciphertext with PKCS#7 padding, an IV of sixteen zero
// bytes and the key SHA-256(password). When the user chose no password the
// app uses its own, "TotpAuthenticator", which is tried first, before the
// person is asked.
//
// The plain text is a JSON object whose first key is itself the text of a
// JSON list of strings, each the text of a JSON object:
//
//	{"[\"{\\\"name\\\":\\\"alice\\\",\\\"issuer\\\":\\\"GitHub\\\",\\\"key\\\":\\\"JBSW…\\\",\\\"base\\\":32}\", …]": …}
//
// key is the secret in base 16, 32 or 64 as base says; every key is TOTP,
// SHA-1, 6 digits, 30 seconds.

// totpAuthDefaultPassword is what TOTP Authenticator encrypts with when
// the user gives no password.
const totpAuthDefaultPassword = "TotpAuthenticator"

type totpAuthEntry struct {
	Name   flexString `json:"name"`
	Issuer flexString `json:"issuer"`
	Key    string     `json:"key"`
	Base   flexInt    `json:"base"`
}

// isTOTPAuthBackup reports whether text may be a TOTP Authenticator
// backup: Base64 only, of whole AES blocks.
func isTOTPAuthBackup(text []byte) bool {
	if len(text) < 44 || bytes.ContainsAny(text, " \t{}<>:,") {
		return false
	}
	b, err := decodeBase64(string(text))
	return err == nil && len(b) >= 2*aes.BlockSize && len(b)%aes.BlockSize == 0
}

// totpAuth reads a TOTP Authenticator backup.
func (p *parser) totpAuth(data []byte) error {
	ct, err := decodeBase64(string(trimText(data)))
	if err != nil || len(ct) == 0 || len(ct)%aes.BlockSize != 0 {
		return malformed("totp authenticator backup is not base64 of whole aes blocks")
	}
	plain, ok := totpAuthOpen(totpAuthDefaultPassword, ct)
	if !ok {
		pw, err := p.passphrase()
		if err != nil {
			return err
		}
		if plain, ok = totpAuthOpen(pw, ct); !ok {
			// CBC has no tag: bad padding or text that is not JSON is all
			// a wrong password shows.
			return fmt.Errorf("%w (or the backup is damaged)", ErrWrongPassword)
		}
	}
	// The list is the first key of the object; its value does not matter.
	d := json.NewDecoder(bytes.NewReader(plain))
	var list string
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return malformed("the decrypted backup is not a json object")
	}
	if tok, err := d.Token(); err == nil {
		list, _ = tok.(string)
	}
	var items []string
	if err := json.Unmarshal([]byte(list), &items); err != nil {
		return malformed("the decrypted backup holds no list of accounts")
	}
	if err := p.checkCount(len(items)); err != nil {
		return err
	}
	for i, s := range items {
		if p.full() {
			break
		}
		pos := Position{Entry: i + 1}
		var e totpAuthEntry
		if err := decodeEntry(json.RawMessage(s), &e); err != nil {
			p.fail(pos, "", err)
			continue
		}
		lbl := label(string(e.Issuer), string(e.Name))
		secret, err := totpAuthSecret(e)
		if err != nil {
			p.fail(pos, lbl, err)
			continue
		}
		key, err := otp.NewKey(otp.TOTP, secret, otp.SHA1, 6, 30, 0)
		if err != nil {
			p.fail(pos, lbl, err)
			continue
		}
		p.add(pos, otp.Account{Issuer: string(e.Issuer), Name: string(e.Name), Key: key})
	}
	return nil
}

// totpAuthOpen decrypts ct with password, reporting whether the padding
// was right and the text is JSON.
func totpAuthOpen(password string, ct []byte) ([]byte, bool) {
	key := sha256.Sum256([]byte(password))
	plain, ok := cbcOpen(key[:], make([]byte, aes.BlockSize), ct)
	return plain, ok && json.Valid(plain)
}

// totpAuthSecret returns an entry's secret in Base32.
func totpAuthSecret(e totpAuthEntry) (string, error) {
	switch e.Base.v {
	case 32:
		return e.Key, nil
	case 16:
		b, err := hex.DecodeString(strings.TrimSpace(e.Key))
		if err != nil {
			return "", fmt.Errorf("%w: the secret is not hexadecimal", otp.ErrBadSecret)
		}
		return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b), nil
	case 64:
		b, err := decodeBase64(e.Key)
		if err != nil {
			return "", fmt.Errorf("%w: the secret is not base64", otp.ErrBadSecret)
		}
		return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b), nil
	}
	return "", fmt.Errorf("%w: secret in base %d", otp.ErrBadSecret, e.Base.v)
}
