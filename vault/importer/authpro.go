package importer

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"

	"golang.org/x/crypto/argon2"

	"github.com/mamori-app/mamori/vault/otp"
)

// An Authenticator Pro backup (the app is now called Stratum; its
// doc/BACKUP_FORMAT.md) is JSON:
//
//	{"Authenticators": [{"Type": 2, "Issuer": "GitHub", "Username": "alice",
//	                     "Secret": "JBSW…", "Algorithm": 0, "Digits": 6,
//	                     "Period": 30, "Counter": 0, "Pin": null, …}],
//	 "Categories": […], "AuthenticatorCategories": […], "CustomIcons": […]}
//
// Type 1 is HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex (3 and 5 cannot be made
// here and are skipped); Algorithm 0 is SHA-1, 1 SHA-256, 2 SHA-512.
//
// An encrypted backup (.authpro) is binary:
//
//   - "AUTHENTICATORPRO" ‖ salt (16) ‖ nonce (12) ‖ AES-256-GCM ciphertext ‖
//     tag (16), the key Argon2id(password, salt, 3 passes, 64 MiB, 4 lanes,
//     32 bytes);
//   - the legacy "AuthenticatorPro" ‖ salt (20) ‖ IV (16) ‖ AES-256-CBC
//     ciphertext with PKCS#7 padding, the key PBKDF2-HMAC-SHA1(password,
//     salt, 64,000 iterations, 32 bytes).
//
// Both key derivations are fixed by the app: nothing in the file can ask
// for more work.

// Authenticator Pro's headers and fixed key-derivation parameters.
const (
	authProHeader       = "AUTHENTICATORPRO"
	authProLegacyHeader = "AuthenticatorPro"
	authProSaltLen      = 16
	authProNonceLen     = 12
	authProTime         = 3
	authProMemory       = 64 << 10 // KiB
	authProLanes        = 4
	authProLegacySalt   = 20
	authProLegacyIV     = 16
	authProLegacyIter   = 64000
)

type authProFile struct {
	Authenticators []json.RawMessage `json:"Authenticators"`
}

type authProEntry struct {
	Type      flexInt    `json:"Type"`
	Issuer    flexString `json:"Issuer"`
	Username  flexString `json:"Username"`
	Secret    string     `json:"Secret"`
	Algorithm flexInt    `json:"Algorithm"`
	Digits    flexInt    `json:"Digits"`
	Period    flexInt    `json:"Period"`
	Counter   flexInt    `json:"Counter"`
}

// authPro reads an Authenticator Pro backup, plain or encrypted.
func (p *parser) authPro(data []byte) error {
	if bytes.HasPrefix(data, []byte(authProHeader)) || bytes.HasPrefix(data, []byte(authProLegacyHeader)) {
		plain, err := p.authProDecrypt(data)
		if err != nil {
			return err
		}
		err = p.authProJSON(bytes.TrimPrefix(plain, utf8BOM))
		var ee *EntryError
		if errors.As(err, &ee) && ee.Line > 0 {
			return fmt.Errorf("%w (in the decrypted backup)", ee.Err)
		}
		return err
	}
	return p.authProJSON(data)
}

// authProJSON reads the JSON of a backup.
func (p *parser) authProJSON(data []byte) error {
	var f authProFile
	if err := decodeJSON(data, &f); err != nil {
		return err
	}
	if f.Authenticators == nil {
		return malformed("authenticator pro backup has no Authenticators list")
	}
	if err := p.checkCount(len(f.Authenticators)); err != nil {
		return err
	}
	for i, raw := range f.Authenticators {
		if p.full() {
			break
		}
		pos := Position{Entry: i + 1}
		var e authProEntry
		if err := decodeEntry(raw, &e); err != nil {
			p.fail(pos, "", err)
			continue
		}
		issuer, name := string(e.Issuer), string(e.Username)
		lbl := label(issuer, name)
		var typ string
		switch e.Type.v {
		case 1:
			typ = "hotp"
		case 2:
			typ = "totp"
		case 4:
			typ = "steam"
		case 3:
			p.skip(pos, lbl, fmt.Errorf("%w: mOTP", ErrUnsupported))
			continue
		case 5:
			p.skip(pos, lbl, fmt.Errorf("%w: Yandex", ErrUnsupported))
			continue
		default:
			p.skip(pos, lbl, fmt.Errorf("%w: %d", ErrUnsupported, e.Type.v))
			continue
		}
		var alg string
		switch e.Algorithm.v {
		case 0:
			alg = "SHA1"
		case 1:
			alg = "SHA256"
		case 2:
			alg = "SHA512"
		default:
			p.fail(pos, lbl, fmt.Errorf("%w: authenticator pro algorithm %d", otp.ErrBadAlgorithm, e.Algorithm.v))
			continue
		}
		if typ == "hotp" && !e.Counter.set {
			p.fail(pos, lbl, ErrNoCounter)
			continue
		}
		key, err := flexKey(typ, e.Secret, alg, e.Digits, e.Period, e.Counter)
		if err != nil {
			p.fail(pos, lbl, err)
			continue
		}
		p.add(pos, otp.Account{Issuer: issuer, Name: name, Key: key})
	}
	return nil
}

// authProDecrypt opens an encrypted backup, strong or legacy.
func (p *parser) authProDecrypt(data []byte) ([]byte, error) {
	p.res.Encrypted = true
	if bytes.HasPrefix(data, []byte(authProHeader)) {
		rest := data[len(authProHeader):]
		if len(rest) < authProSaltLen+authProNonceLen+16 {
			return nil, fmt.Errorf("%w: the backup is %d bytes long", ErrCorrupt, len(data))
		}
		if authProMemory<<10 > p.opts.kdfLimit() {
			return nil, tooCostly("authenticator pro's argon2id needs %d mib", authProMemory>>10)
		}
		pw, err := p.passphrase()
		if err != nil {
			return nil, err
		}
		salt, nonce, ct := rest[:authProSaltLen], rest[authProSaltLen:authProSaltLen+authProNonceLen], rest[authProSaltLen+authProNonceLen:]
		key := argon2.IDKey([]byte(pw), salt, authProTime, authProMemory, authProLanes, 32)
		plain, err := gcmOpen(key, nonce, ct)
		if err != nil {
			return nil, fmt.Errorf("%w (or the backup is damaged)", ErrWrongPassword)
		}
		return plain, nil
	}
	rest := data[len(authProLegacyHeader):]
	ctLen := len(rest) - authProLegacySalt - authProLegacyIV
	if ctLen < aes.BlockSize || ctLen%aes.BlockSize != 0 {
		return nil, fmt.Errorf("%w: the backup's length does not fit aes-cbc", ErrCorrupt)
	}
	if authProLegacyIter > p.opts.kdfLimit()>>9 {
		return nil, tooCostly("authenticator pro's pbkdf2 needs %d iterations", authProLegacyIter)
	}
	pw, err := p.passphrase()
	if err != nil {
		return nil, err
	}
	salt, iv, ct := rest[:authProLegacySalt], rest[authProLegacySalt:authProLegacySalt+authProLegacyIV], rest[authProLegacySalt+authProLegacyIV:]
	key, err := pbkdf2.Key(sha1.New, pw, salt, authProLegacyIter, 32)
	if err != nil {
		return nil, fmt.Errorf("importer: deriving the authenticator pro key: %w", err)
	}
	plain, ok := cbcOpen(key, iv, ct)
	if !ok || !json.Valid(bytes.TrimPrefix(plain, utf8BOM)) {
		// CBC has no tag: bad padding or text that is not JSON is all a
		// wrong password shows.
		return nil, fmt.Errorf("%w (or the backup is damaged)", ErrWrongPassword)
	}
	return plain, nil
}

// cbcOpen decrypts AES-CBC ciphertext and removes its PKCS#7 padding,
// reporting false when the padding is wrong. Only the length of ct, a
// multiple of the block size, is required.
func cbcOpen(key, iv, ct []byte) ([]byte, bool) {
	block, err := aes.NewCipher(key)
	if err != nil || len(iv) != aes.BlockSize || len(ct) == 0 || len(ct)%aes.BlockSize != 0 {
		return nil, false
	}
	plain := make([]byte, len(ct))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(plain, ct)
	n := int(plain[len(plain)-1])
	if n == 0 || n > aes.BlockSize {
		return nil, false
	}
	for _, b := range plain[len(plain)-n:] {
		if int(b) != n {
			return nil, false
		}
	}
	return plain[:len(plain)-n], true
}

// isAuthProJSON reports whether top-level keys are Authenticator Pro's.
func isAuthProJSON(keys map[string]bool) bool {
	return keys["Authenticators"]
}
