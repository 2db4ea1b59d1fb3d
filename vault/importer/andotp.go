package importer

import (
	"bytes"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mamori-app/mamori/vault/otp"
)

// An andOTP backup (Settings ▸ Backups) is a JSON list:
//
//	[{"secret": "JBSW…", "issuer": "GitHub", "label": "alice", "digits": 6,
//	  "type": "TOTP", "algorithm": "SHA1", "period": 30, "thumbnail": "Default",
//	  "last_used": 1700000000000, "used_frequency": 0, "tags": []},
//	 {"type": "HOTP", "counter": 42, …}, {"type": "STEAM", …}, {"type": "MOTP", …}]
//
// Backups from before andOTP had an issuer field carry "Issuer - name" in
// label. MOTP tokens cannot be made here and are skipped.
//
// The encrypted backup (otp_accounts.json.aes) is binary, with no header:
//
//	iterations (4 bytes, big-endian) ‖ salt (12) ‖ nonce (12) ‖ AES-256-GCM ciphertext ‖ tag (16)
//
// with the key PBKDF2-HMAC-SHA1(password, salt, iterations, 32 bytes);
// andOTP picks the iterations at random from 140,000 to 160,000. The old
// encrypted backup, before andOTP 0.6.3, is nonce (12) ‖ ciphertext ‖ tag
// with the key SHA-256(password). Neither says which it is, so a file is
// tried as the new one when its first four bytes are a plausible count,
// and as the old one otherwise or when the new one does not open.

// Bounds on andOTP's PBKDF2: what the app writes, and a cap ten times its
// highest count that still derives in well under a second.
const (
	andOTPMinIterations = 1000
	andOTPMaxIterations = 1_600_000
	andOTPSaltLen       = 12
	andOTPNonceLen      = 12
	andOTPTagLen        = 16
)

type andOTPEntry struct {
	Secret    string     `json:"secret"`
	Issuer    flexString `json:"issuer"`
	Label     flexString `json:"label"`
	Digits    flexInt    `json:"digits"`
	Type      string     `json:"type"`
	Algorithm string     `json:"algorithm"`
	Period    flexInt    `json:"period"`
	Counter   flexInt    `json:"counter"`
}

// isAndOTPJSON reports whether the JSON list text starts with looks like
// andOTP's entries.
func isAndOTPJSON(text []byte) bool {
	keys := firstElementKeys(text)
	return keys["secret"] && keys["type"] && (keys["label"] || keys["thumbnail"] || keys["last_used"])
}

// isAndOTPEncrypted reports whether data may be andOTP's new encrypted
// backup: binary, with a plausible iteration count first.
func isAndOTPEncrypted(data []byte) bool {
	if len(data) < 4+andOTPSaltLen+andOTPNonceLen+andOTPTagLen || utf8.Valid(data) {
		return false
	}
	n := binary.BigEndian.Uint32(data)
	return n >= andOTPMinIterations && n <= 10*andOTPMaxIterations
}

// andOTP reads an andOTP backup, plain or encrypted.
func (p *parser) andOTP(data []byte) error {
	if utf8.Valid(data) {
		// Encrypted backups are random bytes, never valid UTF-8 text.
		return p.andOTPList(trimText(data))
	}
	plain, err := p.andOTPDecrypt(data)
	if err != nil {
		return err
	}
	if err := p.andOTPList(bytes.TrimPrefix(plain, utf8BOM)); err != nil {
		var ee *EntryError
		if errors.As(err, &ee) && ee.Line > 0 {
			return fmt.Errorf("%w (in the decrypted backup)", ee.Err)
		}
		return err
	}
	return nil
}

// andOTPList reads andOTP's JSON list of entries.
func (p *parser) andOTPList(data []byte) error {
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
		var e andOTPEntry
		if err := decodeEntry(raw, &e); err != nil {
			p.fail(pos, "", err)
			continue
		}
		issuer, name := string(e.Issuer), string(e.Label)
		if strings.TrimSpace(issuer) == "" {
			if is, n, ok := strings.Cut(name, " - "); ok {
				issuer, name = is, n
			}
		}
		lbl := label(issuer, name)
		switch t := strings.ToUpper(strings.TrimSpace(e.Type)); t {
		case "TOTP", "HOTP", "STEAM", "":
		default:
			p.skip(pos, lbl, fmt.Errorf("%w: %s", ErrUnsupported, clipWord(t)))
			continue
		}
		if strings.EqualFold(strings.TrimSpace(e.Type), "HOTP") && !e.Counter.set {
			p.fail(pos, lbl, ErrNoCounter)
			continue
		}
		key, err := flexKey(e.Type, e.Secret, e.Algorithm, e.Digits, e.Period, e.Counter)
		if err != nil {
			p.fail(pos, lbl, err)
			continue
		}
		p.add(pos, otp.Account{Issuer: issuer, Name: name, Key: key})
	}
	return nil
}

// andOTPDecrypt opens an encrypted andOTP backup, new or old.
func (p *parser) andOTPDecrypt(data []byte) ([]byte, error) {
	p.res.Encrypted = true
	if len(data) < andOTPNonceLen+andOTPTagLen {
		return nil, fmt.Errorf("%w: the backup is %d bytes long", ErrCorrupt, len(data))
	}
	// An old backup starts with its random nonce, whose first four bytes
	// may look like any count: a count past the cap is not derived, but
	// the old encryption is still tried, and only if that fails too is
	// the file refused for its count.
	newFormat, tooMuch := false, false
	var iterations int
	if len(data) >= 4+andOTPSaltLen+andOTPNonceLen+andOTPTagLen {
		n := binary.BigEndian.Uint32(data)
		// The memory cap bounds PBKDF2's time too, at 2048 iterations a
		// MiB, as for Bitwarden, so that fuzzing stays fast.
		limit := min(andOTPMaxIterations, uint32(min(p.opts.kdfLimit()>>9, 1<<31)))
		switch {
		case n > limit && n <= 10*andOTPMaxIterations:
			tooMuch = true
		case n >= andOTPMinIterations && n <= limit:
			newFormat, iterations = true, int(n)
		}
	}
	pw, err := p.passphrase()
	if err != nil {
		return nil, err
	}
	if newFormat {
		salt := data[4 : 4+andOTPSaltLen]
		rest := data[4+andOTPSaltLen:]
		key, err := pbkdf2.Key(sha1.New, pw, salt, iterations, 32)
		if err != nil {
			return nil, fmt.Errorf("importer: deriving the andotp key: %w", err)
		}
		if plain, err := gcmOpen(key, rest[:andOTPNonceLen], rest[andOTPNonceLen:]); err == nil {
			return plain, nil
		}
	}
	old := sha256.Sum256([]byte(pw))
	if plain, err := gcmOpen(old[:], data[:andOTPNonceLen], data[andOTPNonceLen:]); err == nil {
		return plain, nil
	}
	if tooMuch {
		return nil, tooCostly("andotp pbkdf2 iterations are past %d", min(andOTPMaxIterations, p.opts.kdfLimit()>>9))
	}
	// GCM cannot tell a wrong password from a damaged file.
	return nil, fmt.Errorf("%w (or the backup is damaged)", ErrWrongPassword)
}

// firstElementKeys returns the keys of the first object of the JSON list
// text starts with, as far as it can be read.
func firstElementKeys(text []byte) map[string]bool {
	d := json.NewDecoder(bytes.NewReader(text))
	if tok, err := d.Token(); err != nil || tok != json.Delim('[') {
		return nil
	}
	i := bytes.IndexByte(text, '[')
	rest := bytes.TrimLeft(text[i+1:], " \t\r\n")
	if len(rest) == 0 || rest[0] != '{' {
		return nil
	}
	return topLevelKeys(rest)
}
