package importer

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/scrypt"

	"github.com/mamori-app/mamori/vault/otp"
)

// An Aegis export (Aegis's docs/vault.md) is
//
//	{"version": 1, "header": {"slots": …, "params": …}, "db": …}
//
// Plain: slots and params are null and db is an object
// {"version": 1|2|3, "entries": [...]}. Encrypted: db is the Base64
// AES-256-GCM ciphertext of that object, under a random master key, with
// header.params {nonce, tag} in hex (the tag is not part of db). Each slot
// holds a copy of the master key, encrypted with AES-256-GCM under a key
// of its own (key, key_params {nonce, tag}, all hex). A password slot
// (type 1) derives its key with scrypt(password, salt, n, r, p, 32). Slots
// of other types (0 raw, 2 biometric) need a key only the phone has.

// aegisSlotPassword is the type of a password slot.
const aegisSlotPassword = 1

// Bounds on a slot's scrypt parameters: Aegis uses N=2^15, r=8, p=1 (32
// MiB); these allow 8 times its memory and 16 times its time, and refuse
// a file that would make the import take minutes or gigabytes.
const (
	aegisMaxScryptN      = 1 << 18
	aegisMaxScryptR      = 32
	aegisMaxScryptP      = 16
	aegisMaxScryptMemory = 256 << 20 // bytes: 128·r·N
	aegisMaxScryptWork   = 1 << 22   // N·r·p
)

type aegisFile struct {
	Version flexInt         `json:"version"`
	Header  *aegisHeader    `json:"header"`
	DB      json.RawMessage `json:"db"`
}

type aegisHeader struct {
	Slots  []aegisSlot  `json:"slots"`
	Params *aegisParams `json:"params"`
}

type aegisParams struct {
	Nonce string `json:"nonce"`
	Tag   string `json:"tag"`
}

type aegisSlot struct {
	Type      flexInt      `json:"type"`
	Key       string       `json:"key"`
	KeyParams *aegisParams `json:"key_params"`
	N         flexInt      `json:"n"`
	R         flexInt      `json:"r"`
	P         flexInt      `json:"p"`
	Salt      string       `json:"salt"`
}

type aegisDB struct {
	Version flexInt           `json:"version"`
	Entries []json.RawMessage `json:"entries"`
}

type aegisEntry struct {
	Type   string     `json:"type"`
	Name   flexString `json:"name"`
	Issuer flexString `json:"issuer"`
	Info   *struct {
		Secret  string  `json:"secret"`
		Algo    string  `json:"algo"`
		Digits  flexInt `json:"digits"`
		Period  flexInt `json:"period"`
		Counter flexInt `json:"counter"`
	} `json:"info"`
}

// aegis reads an Aegis export, asking for the password if it is
// encrypted.
func (p *parser) aegis(data []byte) error {
	var f aegisFile
	if err := decodeJSON(data, &f); err != nil {
		return err
	}
	if f.Version.set && f.Version.v != 1 {
		return malformed("aegis vault version %d is not supported (want 1)", f.Version.v)
	}
	db := []byte(f.DB)
	if len(db) == 0 || string(db) == "null" {
		return malformed("aegis vault has no db")
	}
	var enc string
	if json.Unmarshal(db, &enc) == nil {
		plain, err := p.aegisDecrypt(f.Header, enc)
		if err != nil {
			return err
		}
		db = plain
	}
	var content aegisDB
	if err := decodeJSON(db, &content); err != nil {
		if p.res.Encrypted {
			// Line numbers of decrypted content mean nothing to the user.
			return fmt.Errorf("%w (in the decrypted vault)", errors.Unwrap(err))
		}
		return err
	}
	if content.Entries == nil {
		return malformed("aegis vault has no entries list")
	}
	if err := p.checkCount(len(content.Entries)); err != nil {
		return err
	}
	for i, raw := range content.Entries {
		pos := Position{Entry: i + 1}
		var e aegisEntry
		if err := decodeEntry(raw, &e); err != nil {
			p.fail(pos, "", err)
			continue
		}
		lbl := label(string(e.Issuer), string(e.Name))
		switch t := strings.ToLower(e.Type); t {
		case "totp", "hotp", "steam", "":
		case "yandex", "motp":
			p.skip(pos, lbl, fmt.Errorf("%w: %s token", ErrUnsupported, t))
			continue
		default:
			p.skip(pos, lbl, fmt.Errorf("%w: aegis type %q", ErrUnsupported, clipWord(t)))
			continue
		}
		if e.Info == nil {
			p.fail(pos, lbl, malformed("entry has no info"))
			continue
		}
		key, err := flexKey(e.Type, e.Info.Secret, e.Info.Algo, e.Info.Digits, e.Info.Period, e.Info.Counter)
		if err != nil {
			p.fail(pos, lbl, err)
			continue
		}
		p.add(pos, otp.Account{Issuer: string(e.Issuer), Name: string(e.Name), Key: key})
	}
	return nil
}

// flexKey is keyFields for numbers read from JSON.
func flexKey(typ, secret, alg string, digits, period, counter flexInt) (otp.Key, error) {
	d, err := intField("digits", digits)
	if err != nil {
		return otp.Key{}, err
	}
	per, err := intField("period", period)
	if err != nil {
		return otp.Key{}, err
	}
	return keyFields(typ, secret, alg, d, per, counter.v)
}

// aegisDecrypt opens an encrypted db with the password of one of the
// header's password slots.
func (p *parser) aegisDecrypt(h *aegisHeader, db string) ([]byte, error) {
	p.res.Encrypted = true
	if h == nil || h.Params == nil {
		return nil, malformed("aegis vault is encrypted but its header has no params")
	}
	nonce, tag, err := aegisNonceTag(h.Params)
	if err != nil {
		return nil, err
	}
	ct, err := decodeBase64(db)
	if err != nil {
		return nil, malformed("aegis vault content is not valid base64")
	}
	type pwSlot struct {
		key, nonce, tag, salt []byte
		n, r, pp              int
	}
	var slots []pwSlot
	for i, s := range h.Slots {
		if !s.Type.set || s.Type.v != aegisSlotPassword {
			continue
		}
		bad := func(what string) error {
			return malformed("aegis password slot %d: %s", i+1, what)
		}
		var ps pwSlot
		if ps.key, err = hex.DecodeString(s.Key); err != nil || len(ps.key) != 32 {
			return nil, bad("key is not 32 bytes of hex")
		}
		if s.KeyParams == nil {
			return nil, bad("no key_params")
		}
		if ps.nonce, ps.tag, err = aegisNonceTag(s.KeyParams); err != nil {
			return nil, err
		}
		if ps.salt, err = hex.DecodeString(s.Salt); err != nil || len(ps.salt) == 0 {
			return nil, bad("salt is not hex")
		}
		n, r, pp := s.N.v, s.R.v, s.P.v
		switch {
		case n < 2 || n&(n-1) != 0:
			return nil, bad("scrypt n must be a power of two")
		case r < 1, pp < 1:
			return nil, bad("scrypt r or p out of range")
		case n > aegisMaxScryptN || r > aegisMaxScryptR || pp > aegisMaxScryptP:
			return nil, tooCostly("aegis password slot %d: scrypt n, r or p is past 2^18, 32 or 16", i+1)
		case 128*r*n > min(aegisMaxScryptMemory, p.opts.kdfLimit()):
			return nil, tooCostly("aegis password slot %d: scrypt needs more than %d mib", i+1, min(aegisMaxScryptMemory, p.opts.kdfLimit())>>20)
		case n*r*pp > aegisMaxScryptWork:
			return nil, tooCostly("aegis password slot %d: scrypt needs more than 16 times the work aegis uses", i+1)
		}
		ps.n, ps.r, ps.pp = int(n), int(r), int(pp)
		slots = append(slots, ps)
	}
	if len(slots) == 0 {
		return nil, fmt.Errorf("%w: the aegis vault has no password slot (only the phone that made it can open it)", ErrUnsupportedEncryption)
	}
	pw, err := p.passphrase()
	if err != nil {
		return nil, err
	}
	var master []byte
	for _, s := range slots {
		k, err := scrypt.Key([]byte(pw), s.salt, s.n, s.r, s.pp, 32)
		if err != nil {
			return nil, malformed("aegis password slot parameters rejected by scrypt")
		}
		if m, err := gcmOpen(k, s.nonce, append(s.key, s.tag...)); err == nil {
			master = m
			break
		}
	}
	if master == nil {
		return nil, ErrWrongPassword
	}
	if len(master) != 32 {
		return nil, fmt.Errorf("%w: the master key is %d bytes, not 32", ErrCorrupt, len(master))
	}
	plain, err := gcmOpen(master, nonce, append(ct, tag...))
	if err != nil {
		return nil, fmt.Errorf("%w: the vault content does not match its tag", ErrCorrupt)
	}
	return plain, nil
}

// aegisNonceTag decodes a {nonce, tag} pair: 12 and 16 bytes of hex.
func aegisNonceTag(kp *aegisParams) (nonce, tag []byte, err error) {
	nonce, err = hex.DecodeString(kp.Nonce)
	if err != nil || len(nonce) != 12 {
		return nil, nil, malformed("aegis nonce is not 12 bytes of hex")
	}
	tag, err = hex.DecodeString(kp.Tag)
	if err != nil || len(tag) != 16 {
		return nil, nil, malformed("aegis tag is not 16 bytes of hex")
	}
	return nonce, tag, nil
}

// gcmOpen decrypts and authenticates AES-256-GCM ciphertext with its
// 16-byte tag appended.
func gcmOpen(key, nonce, sealed []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCMWithNonceSize(block, len(nonce))
	if err != nil {
		return nil, err
	}
	return aead.Open(nil, nonce, sealed, nil)
}

// decodeBase64 decodes standard Base64, with or without padding, ignoring
// line breaks (Java and Dart encoders may wrap).
func decodeBase64(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\r', '\n', ' ', '\t':
			return -1
		}
		return r
	}, s)
	return base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
}
