package importer

import (
	"encoding/base32"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mamori-app/mamori/vault/otp"
)

// FreeOTP+'s JSON export (Settings ▸ Export to JSON) is
//
//	{"tokenOrder": ["GitHub:alice", …],
//	 "tokens": [{"type": "TOTP", "algo": "SHA1", "counter": 0, "digits": 6,
//	             "period": 30, "issuerExt": "GitHub", "issuerInt": "GitHub",
//	             "label": "alice", "secret": [72, 101, -34, …]}, …]}
//
// The secret is the key's raw bytes as Java writes a byte[]: numbers from
// -128 to 127. issuerExt is the issuer the user sees (issuerInt the one
// the QR code carried). A TOTP token whose issuer is Steam is a Steam
// Guard key, as FreeOTP+ shows it.

type freeOTPPlusFile struct {
	Tokens []json.RawMessage `json:"tokens"`
}

type freeOTPToken struct {
	Type      string     `json:"type"`
	Algo      string     `json:"algo"`
	Counter   flexInt    `json:"counter"`
	Digits    flexInt    `json:"digits"`
	Period    flexInt    `json:"period"`
	IssuerExt flexString `json:"issuerExt"`
	IssuerInt flexString `json:"issuerInt"`
	Label     flexString `json:"label"`
	Secret    []int      `json:"secret"`
}

// freeOTPPlus reads a FreeOTP+ JSON export.
func (p *parser) freeOTPPlus(data []byte) error {
	var f freeOTPPlusFile
	if err := decodeJSON(data, &f); err != nil {
		return err
	}
	if f.Tokens == nil {
		return malformed("freeotp+ export has no tokens list")
	}
	if err := p.checkCount(len(f.Tokens)); err != nil {
		return err
	}
	for i, raw := range f.Tokens {
		if p.full() {
			break
		}
		pos := Position{Entry: i + 1}
		var t freeOTPToken
		if err := decodeEntry(raw, &t); err != nil {
			p.fail(pos, "", err)
			continue
		}
		a, err := t.account()
		if err != nil {
			p.fail(pos, label(a.Issuer, a.Name), err)
			continue
		}
		p.add(pos, a)
	}
	return nil
}

// account turns a FreeOTP token into an account; on error the account
// still carries the label.
func (t freeOTPToken) account() (otp.Account, error) {
	issuer := string(t.IssuerExt)
	if strings.TrimSpace(issuer) == "" {
		issuer = string(t.IssuerInt)
	}
	a := otp.Account{Issuer: issuer, Name: string(t.Label)}
	secret, err := javaBytes(t.Secret)
	if err != nil {
		return a, err
	}
	typ := strings.ToLower(strings.TrimSpace(t.Type))
	switch typ {
	case "totp", "":
		if strings.EqualFold(strings.TrimSpace(issuer), "steam") {
			typ = "steam"
		}
	case "hotp":
		if !t.Counter.set {
			return a, ErrNoCounter
		}
	default:
		return a, fmt.Errorf("%w: freeotp type %q", otp.ErrUnknownType, clipWord(typ))
	}
	a.Key, err = flexKey(typ, base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(secret), t.Algo, t.Digits, t.Period, t.Counter)
	return a, err
}

// javaBytes turns a Java byte[] written as JSON numbers into bytes.
func javaBytes(v []int) ([]byte, error) {
	if len(v) == 0 {
		return nil, fmt.Errorf("%w: no secret", otp.ErrMissingSecret)
	}
	b := make([]byte, len(v))
	for i, n := range v {
		if n < -128 || n > 255 {
			return nil, fmt.Errorf("%w: the secret holds a number that is not a byte", otp.ErrBadSecret)
		}
		b[i] = byte(n)
	}
	return b, nil
}
