package importer

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/mamori-app/mamori/vault/otp"
)

// A 2FAS backup (.2fas) is JSON:
//
//	{"services": [{"name": "GitHub", "secret": "JBSW…",
//	               "otp": {"account": "alice", "issuer": "GitHub", "digits": 6, "period": 30,
//	                       "algorithm": "SHA1", "tokenType": "TOTP", "counter": 0}}, …],
//	 "schemaVersion": 4, …}
//
// A password-protected backup has "services": [] and
//
//	"servicesEncrypted": "BASE64(ciphertext‖tag):BASE64(salt):BASE64(iv)"
//	"reference":         "BASE64(ciphertext‖tag):BASE64(salt):BASE64(iv)"
//
// where the key is PBKDF2-HMAC-SHA256(password, salt, 10000 iterations,
// 32 bytes) and the cipher AES-256-GCM with a 12-byte IV and the 16-byte
// tag appended. servicesEncrypted decrypts to the services list; reference
// decrypts to a fixed text, so a wrong password can be told from a damaged
// list.

// twoFASIterations is 2FAS's fixed PBKDF2 iteration count.
const twoFASIterations = 10000

type twoFASFile struct {
	Services          json.RawMessage `json:"services"`
	ServicesEncrypted *string         `json:"servicesEncrypted"`
	Reference         *string         `json:"reference"`
	SchemaVersion     flexInt         `json:"schemaVersion"`
}

type twoFASService struct {
	Name   flexString `json:"name"`
	Secret string     `json:"secret"`
	OTP    *struct {
		Label     flexString `json:"label"`
		Account   flexString `json:"account"`
		Issuer    flexString `json:"issuer"`
		Digits    flexInt    `json:"digits"`
		Period    flexInt    `json:"period"`
		Algorithm string     `json:"algorithm"`
		TokenType string     `json:"tokenType"`
		Counter   flexInt    `json:"counter"`
	} `json:"otp"`
}

// twoFAS reads a 2FAS backup, asking for the password if it is encrypted.
func (p *parser) twoFAS(data []byte) error {
	var f twoFASFile
	if err := decodeJSON(data, &f); err != nil {
		return err
	}
	services := []byte(f.Services)
	if f.ServicesEncrypted != nil && *f.ServicesEncrypted != "" {
		plain, err := p.twoFASDecrypt(*f.ServicesEncrypted, f.Reference)
		if err != nil {
			return err
		}
		services = plain
	}
	if len(services) == 0 || string(services) == "null" {
		return malformed("2fas backup has no services list")
	}
	var list []json.RawMessage
	if err := decodeJSON(services, &list); err != nil {
		if p.res.Encrypted {
			return fmt.Errorf("%w (in the decrypted services)", errors.Unwrap(err))
		}
		return err
	}
	if err := p.checkCount(len(list)); err != nil {
		return err
	}
	for i, raw := range list {
		pos := Position{Entry: i + 1}
		var s twoFASService
		if err := decodeEntry(raw, &s); err != nil {
			p.fail(pos, "", err)
			continue
		}
		if s.OTP == nil {
			p.fail(pos, string(s.Name), malformed("entry has no otp settings"))
			continue
		}
		o := s.OTP
		// The service name is what the user sees in 2FAS (and may have
		// renamed); the recorded issuer is the fallback.
		issuer := string(s.Name)
		if strings.TrimSpace(issuer) == "" {
			issuer = string(o.Issuer)
		}
		name := string(o.Account)
		if strings.TrimSpace(name) == "" {
			name = string(o.Label)
		}
		lbl := label(issuer, name)
		switch t := strings.ToUpper(strings.TrimSpace(o.TokenType)); t {
		case "", "TOTP", "HOTP", "STEAM":
		default:
			p.skip(pos, lbl, fmt.Errorf("%w: 2fas token type %s", ErrUnsupported, strings.ToLower(clipWord(t))))
			continue
		}
		key, err := flexKey(o.TokenType, s.Secret, o.Algorithm, o.Digits, o.Period, o.Counter)
		if err != nil {
			p.fail(pos, lbl, err)
			continue
		}
		p.add(pos, otp.Account{Issuer: issuer, Name: name, Key: key})
	}
	return nil
}

// twoFASDecrypt decrypts servicesEncrypted, using reference (when there)
// to tell a wrong password from a damaged file.
func (p *parser) twoFASDecrypt(enc string, reference *string) ([]byte, error) {
	p.res.Encrypted = true
	ct, salt, iv, err := twoFASParts("servicesEncrypted", enc)
	if err != nil {
		return nil, err
	}
	var ref struct{ ct, salt, iv []byte }
	hasRef := reference != nil && *reference != ""
	if hasRef {
		if ref.ct, ref.salt, ref.iv, err = twoFASParts("reference", *reference); err != nil {
			return nil, err
		}
	}
	pw, err := p.passphrase()
	if err != nil {
		return nil, err
	}
	key, err := pbkdf2.Key(sha256.New, pw, salt, twoFASIterations, 32)
	if err != nil {
		return nil, fmt.Errorf("importer: deriving the 2fas key: %w", err)
	}
	if hasRef {
		rkey := key
		if string(ref.salt) != string(salt) {
			if rkey, err = pbkdf2.Key(sha256.New, pw, ref.salt, twoFASIterations, 32); err != nil {
				return nil, fmt.Errorf("importer: deriving the 2fas key: %w", err)
			}
		}
		if _, err := gcmOpen(rkey, ref.iv, ref.ct); err != nil {
			return nil, ErrWrongPassword
		}
	}
	plain, err := gcmOpen(key, iv, ct)
	if err != nil {
		if hasRef {
			return nil, fmt.Errorf("%w: the services do not match their tag", ErrCorrupt)
		}
		return nil, fmt.Errorf("%w (or the backup is damaged)", ErrWrongPassword)
	}
	return plain, nil
}

// twoFASParts splits "ciphertext:salt:iv", each Base64.
func twoFASParts(field, s string) (ct, salt, iv []byte, err error) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return nil, nil, nil, malformed("2fas %s has %d parts, want 3 (data:salt:iv)", field, len(parts))
	}
	if ct, err = decodeBase64(parts[0]); err != nil || len(ct) < 16 {
		return nil, nil, nil, malformed("2fas %s data is not valid base64 of at least 16 bytes", field)
	}
	if salt, err = decodeBase64(parts[1]); err != nil || len(salt) == 0 {
		return nil, nil, nil, malformed("2fas %s salt is not valid base64", field)
	}
	if iv, err = decodeBase64(parts[2]); err != nil || len(iv) < 12 || len(iv) > 16 {
		return nil, nil, nil, malformed("2fas %s iv is not 12 bytes of base64", field)
	}
	return ct, salt, iv, nil
}

// clipWord keeps a type name from an export short enough for a message.
func clipWord(s string) string {
	r := []rune(s)
	if len(r) > 16 {
		return string(r[:16]) + "…"
	}
	return s
}
