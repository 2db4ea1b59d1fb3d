package importer

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/asn1"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"hash"
	"sort"
	"strings"

	"github.com/mamori-app/mamori/vault/otp"
)

// FreeOTP 2's backup (Settings ▸ Backup, externalBackup.xml despite its
// name) is a Java-serialised java.util.HashMap of strings, FreeOTP's
// backup preferences as they are:
//
//   - "masterKey": JSON of the master key, wrapped with the backup
//     password: {"mAlgorithm": "PBKDF2withHmacSHA512", "mIterations": 100000,
//     "mSalt": [32 signed bytes], "mEncryptedKey": {"mCipher": "AES/GCM/NoPadding",
//     "mCipherText": [bytes], "mParameters": [bytes], "mToken": "AES"}}. The
//     wrapping key is PBKDF2(password, salt, iterations, as many bytes as the
//     salt); mParameters is the DER of GCM's parameters (the nonce and the
//     tag length); mToken is the GCM additional data and the tag is at the
//     end of mCipherText;
//   - "<uuid>": {"key": "<JSON of an encrypted key, as above, mToken
//     HmacSHA1…>"}: the token's secret, sealed with the master key;
//   - "<uuid>-token": the token's settings, JSON: {"algo": "SHA1",
//     "issuerExt": "GitHub", "issuerInt": "GitHub", "issuerAlt": …,
//     "label": "alice", "labelAlt": …, "digits": 6, "period": 30,
//     "type": "TOTP", "counter": 0, …} (null numbers mean 6 digits, 30 s).
//
// A token whose issuer is Steam makes Steam codes, as in FreeOTP.

// Bounds on the master key's PBKDF2: FreeOTP uses 100,000 iterations.
const freeOTPMaxIterations = 1_000_000

type freeOTPEncryptedKey struct {
	Cipher     string `json:"mCipher"`
	CipherText []int  `json:"mCipherText"`
	Parameters []int  `json:"mParameters"`
	Token      string `json:"mToken"`
}

type freeOTPMasterKey struct {
	Algorithm    string              `json:"mAlgorithm"`
	Iterations   flexInt             `json:"mIterations"`
	Salt         []int               `json:"mSalt"`
	EncryptedKey freeOTPEncryptedKey `json:"mEncryptedKey"`
}

type freeOTPToken2 struct {
	Algo      *string    `json:"algo"`
	IssuerExt flexString `json:"issuerExt"`
	IssuerInt flexString `json:"issuerInt"`
	IssuerAlt flexString `json:"issuerAlt"`
	Label     flexString `json:"label"`
	LabelAlt  flexString `json:"labelAlt"`
	Digits    flexInt    `json:"digits"`
	Period    flexInt    `json:"period"`
	Type      string     `json:"type"`
	Counter   flexInt    `json:"counter"`
}

// isFreeOTPBackup reports whether data looks like FreeOTP's backup.
func isFreeOTPBackup(data []byte) bool {
	return len(data) > 4 && string(data[:4]) == string(javaMagic) &&
		strings.Contains(string(data[:min(len(data), 1<<20)]), "mEncryptedKey")
}

// freeOTP reads FreeOTP 2's backup.
func (p *parser) freeOTP(data []byte) error {
	m, err := readJavaStringMap(data)
	if err != nil {
		return malformed("the freeotp backup is not a readable java-serialised map")
	}
	mkJSON, ok := m["masterKey"]
	if !ok {
		return malformed("the freeotp backup has no master key")
	}
	var mk freeOTPMasterKey
	if err := decodeEntry(json.RawMessage(mkJSON), &mk); err != nil {
		return fmt.Errorf("%w (in the master key)", err)
	}
	newHash, err := freeOTPHash(mk.Algorithm)
	if err != nil {
		return err
	}
	it := mk.Iterations.v
	limit := min(freeOTPMaxIterations, p.opts.kdfLimit()>>9)
	switch {
	case it < 1:
		return malformed("the freeotp master key has no iteration count")
	case it > limit:
		return tooCostly("freeotp pbkdf2 iterations are past %d", limit)
	}
	salt, err := javaBytes(mk.Salt)
	if err != nil || (len(salt) != 16 && len(salt) != 24 && len(salt) != 32) {
		return malformed("the freeotp master key's salt is not 16, 24 or 32 bytes")
	}
	// Tokens, in a fixed order: by uuid, as the map has none.
	var uuids []string
	for k := range m {
		if k != "masterKey" && !strings.HasSuffix(k, "-token") {
			uuids = append(uuids, k)
		}
	}
	sort.Strings(uuids)
	if err := p.checkCount(len(uuids)); err != nil {
		return err
	}
	pw, err := p.passphrase()
	if err != nil {
		return err
	}
	wrap, err := pbkdf2.Key(newHash, pw, salt, int(it), len(salt))
	if err != nil {
		return fmt.Errorf("importer: deriving the freeotp key: %w", err)
	}
	master, err := freeOTPOpen(wrap, mk.EncryptedKey)
	if err != nil {
		return ErrWrongPassword
	}
	for i, id := range uuids {
		if p.full() {
			break
		}
		pos := Position{Entry: i + 1}
		var tok freeOTPToken2
		tj, ok := m[id+"-token"]
		if !ok {
			p.fail(pos, "", malformed("token has no settings"))
			continue
		}
		if err := decodeEntry(json.RawMessage(tj), &tok); err != nil {
			p.fail(pos, "", err)
			continue
		}
		issuer := firstNonBlank(string(tok.IssuerAlt), string(tok.IssuerExt), string(tok.IssuerInt))
		name := firstNonBlank(string(tok.LabelAlt), string(tok.Label))
		lbl := label(issuer, name)
		var wrapper struct {
			Key string `json:"key"`
		}
		var ek freeOTPEncryptedKey
		if err := decodeEntry(json.RawMessage(m[id]), &wrapper); err != nil {
			p.fail(pos, lbl, err)
			continue
		}
		if err := decodeEntry(json.RawMessage(wrapper.Key), &ek); err != nil {
			p.fail(pos, lbl, err)
			continue
		}
		secret, err := freeOTPOpen(master, ek)
		if err != nil {
			p.fail(pos, lbl, fmt.Errorf("%w: a token's key does not open with the master key", ErrCorrupt))
			continue
		}
		typ := strings.ToLower(tok.Type)
		if typ == "totp" && strings.EqualFold(strings.TrimSpace(issuer), "steam") {
			typ = "steam"
		}
		if typ == "hotp" && !tok.Counter.set {
			p.fail(pos, lbl, ErrNoCounter)
			continue
		}
		alg := "SHA1"
		if tok.Algo != nil {
			alg = *tok.Algo
		}
		key, err := flexKey(typ, base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(secret), alg, tok.Digits, tok.Period, tok.Counter)
		if err != nil {
			p.fail(pos, lbl, err)
			continue
		}
		p.add(pos, otp.Account{Issuer: issuer, Name: name, Key: key})
	}
	return nil
}

// freeOTPHash maps FreeOTP's key-factory name to a hash.
func freeOTPHash(alg string) (func() hash.Hash, error) {
	switch strings.ToLower(alg) {
	case "pbkdf2withhmacsha512":
		return sha512.New, nil
	case "pbkdf2withhmacsha256":
		return sha256.New, nil
	case "pbkdf2withhmacsha1":
		return sha1.New, nil
	}
	return nil, fmt.Errorf("%w: freeotp key derivation %q", ErrUnsupportedEncryption, clipWord(alg))
}

// freeOTPOpen opens an encrypted key with key: AES-GCM, with the nonce
// from the DER parameters and mToken as additional data.
func freeOTPOpen(key []byte, ek freeOTPEncryptedKey) ([]byte, error) {
	if !strings.EqualFold(ek.Cipher, "AES/GCM/NoPadding") {
		return nil, fmt.Errorf("%w: freeotp cipher %q", ErrUnsupportedEncryption, clipWord(ek.Cipher))
	}
	params, err := javaBytes(ek.Parameters)
	if err != nil {
		return nil, malformed("gcm parameters missing")
	}
	var gp struct {
		Nonce  []byte
		TagLen int `asn1:"optional,default:12"`
	}
	if rest, err := asn1.Unmarshal(params, &gp); err != nil || len(rest) != 0 || len(gp.Nonce) < 12 || len(gp.Nonce) > 64 || gp.TagLen != 16 {
		return nil, malformed("gcm parameters are not valid")
	}
	ct, err := javaBytes(ek.CipherText)
	if err != nil {
		return nil, malformed("no ciphertext")
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, malformed("the key is not an aes key")
	}
	aead, err := cipher.NewGCMWithNonceSize(block, len(gp.Nonce))
	if err != nil {
		return nil, err
	}
	return aead.Open(nil, gp.Nonce, ct, []byte(ek.Token))
}

// firstNonBlank returns the first of ss that is not blank.
func firstNonBlank(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
