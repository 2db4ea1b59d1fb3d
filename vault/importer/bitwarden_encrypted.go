package importer

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Bitwarden's password-protected export (File ▸ Export vault, format
// .json (Encrypted), type "Password protected") is
//
//	{"encrypted": true, "passwordProtected": true,
//	 "salt": "BASE64 TEXT", "kdfType": 0|1, "kdfIterations": N,
//	 "kdfMemory": MiB, "kdfParallelism": P,          (Argon2id only)
//	 "encKeyValidation_DO_NOT_EDIT": ENCSTRING, "data": ENCSTRING}
//
// The key is derived from the password and the salt, taken as text (its
// UTF-8 bytes, not what the Base64 decodes to):
//
//   - kdfType 0: PBKDF2-HMAC-SHA256(password, salt, kdfIterations, 32 bytes);
//   - kdfType 1: Argon2id(password, SHA-256(salt), time kdfIterations,
//     memory kdfMemory MiB, kdfParallelism lanes, 32 bytes).
//
// It is then stretched with HKDF-Expand-SHA256 (no extract step) into a
// 32-byte encryption key (info "enc") and a 32-byte MAC key (info "mac").
//
// Both strings are EncStrings of type 2, "2.IV|CIPHERTEXT|MAC" in Base64:
// AES-256-CBC with PKCS#7 padding, then HMAC-SHA256 over IV‖CIPHERTEXT.
// encKeyValidation_DO_NOT_EDIT holds a random UUID; that its MAC checks
// proves the password. data holds the ordinary unencrypted JSON export.
//
// The account-restricted export ("encrypted": true, no passwordProtected)
// has its items encrypted with the Bitwarden account's own key, which only
// that account can unlock: it is refused with ErrUnsupportedEncryption.

// Bitwarden's KDF types.
const (
	bitwardenPBKDF2   = 0
	bitwardenArgon2id = 1
)

// Upper bounds on a file's KDF parameters: the largest a Bitwarden
// account may be set to (PBKDF2 2,000,000 iterations; Argon2id 10
// iterations, 1024 MiB, 16 lanes). Bitwarden itself also refuses less than
// 5,000 PBKDF2 iterations or Argon2id with less than 16 MiB or 2
// iterations; Mamori opens such a file anyway, since a weak key in an
// export endangers nothing here.
const (
	bitwardenMaxPBKDF2Iterations = 2_000_000
	bitwardenMaxArgon2Iterations = 10
	bitwardenMaxArgon2Memory     = 1024 // MiB
	bitwardenMaxArgon2Lanes      = 16
)

// bitwardenProtection holds the fields of a password-protected export.
type bitwardenProtection struct {
	PasswordProtected bool    `json:"passwordProtected"`
	Salt              string  `json:"salt"`
	KDFType           flexInt `json:"kdfType"`
	KDFIterations     flexInt `json:"kdfIterations"`
	KDFMemory         flexInt `json:"kdfMemory"`
	KDFParallelism    flexInt `json:"kdfParallelism"`
	KeyValidation     string  `json:"encKeyValidation_DO_NOT_EDIT"`
	Data              string  `json:"data"`
}

// bitwardenKDF is a file's key derivation, checked.
type bitwardenKDF struct {
	typ                       int
	salt                      []byte
	iterations, memory, lanes int // memory in MiB; Argon2id only
}

// bitwardenDecrypt checks the structure of a password-protected export,
// asks for the password, and returns the decrypted JSON export.
func (p *parser) bitwardenDecrypt(f *bitwardenProtection) ([]byte, error) {
	p.res.Encrypted = true
	kdf, err := p.bitwardenKDF(f)
	if err != nil {
		return nil, err
	}
	check, err := parseEncString("encKeyValidation_DO_NOT_EDIT", f.KeyValidation)
	if err != nil {
		return nil, err
	}
	data, err := parseEncString("data", f.Data)
	if err != nil {
		return nil, err
	}
	pw, err := p.passphrase()
	if err != nil {
		return nil, err
	}
	master, err := kdf.key(pw)
	if err != nil {
		return nil, err
	}
	encKey, macKey, err := bitwardenStretch(master)
	if err != nil {
		return nil, err
	}
	if _, err := check.open(encKey, macKey); err != nil {
		if errors.Is(err, errEncStringMAC) {
			return nil, ErrWrongPassword
		}
		// The MAC held, so the password is right; the text is not.
		return nil, fmt.Errorf("%w: the password check does not decrypt", ErrCorrupt)
	}
	plain, err := data.open(encKey, macKey)
	if err != nil {
		return nil, fmt.Errorf("%w: the vault data does not match its mac", ErrCorrupt)
	}
	return plain, nil
}

// bitwardenKDF checks a file's KDF parameters against Bitwarden's bounds
// and Options' memory cap, before any password is asked for.
func (p *parser) bitwardenKDF(f *bitwardenProtection) (bitwardenKDF, error) {
	if f.Salt == "" {
		return bitwardenKDF{}, malformed("bitwarden export has no salt")
	}
	if !f.KDFType.set {
		return bitwardenKDF{}, malformed("bitwarden export has no kdfType")
	}
	it := f.KDFIterations.v
	k := bitwardenKDF{salt: []byte(f.Salt), iterations: int(it)}
	switch f.KDFType.v {
	case bitwardenPBKDF2:
		k.typ = bitwardenPBKDF2
		// The memory cap bounds PBKDF2's time too, at 2048 iterations a
		// MiB, so that tests and fuzzing, which lower the cap, stay fast;
		// at the default cap this is above Bitwarden's maximum.
		limit := min(bitwardenMaxPBKDF2Iterations, p.opts.kdfLimit()>>9)
		switch {
		case it < 1:
			return bitwardenKDF{}, malformed("bitwarden kdfIterations must be at least 1")
		case it > limit:
			return bitwardenKDF{}, tooCostly("bitwarden pbkdf2 kdfIterations is past %d", limit)
		}
	case bitwardenArgon2id:
		k.typ = bitwardenArgon2id
		mem, lanes := f.KDFMemory.v, f.KDFParallelism.v
		switch {
		case it < 1 || mem < 1 || lanes < 1:
			return bitwardenKDF{}, malformed("bitwarden kdfIterations, kdfMemory and kdfParallelism must be at least 1")
		case it > bitwardenMaxArgon2Iterations:
			return bitwardenKDF{}, tooCostly("bitwarden argon2id kdfIterations is past %d", bitwardenMaxArgon2Iterations)
		case mem > bitwardenMaxArgon2Memory || mem<<20 > p.opts.kdfLimit():
			return bitwardenKDF{}, tooCostly("bitwarden kdfMemory is past %d mib", min(bitwardenMaxArgon2Memory, p.opts.kdfLimit()>>20))
		case lanes > bitwardenMaxArgon2Lanes:
			return bitwardenKDF{}, tooCostly("bitwarden kdfParallelism is past %d", bitwardenMaxArgon2Lanes)
		}
		k.memory, k.lanes = int(mem), int(lanes)
	default:
		if f.KDFType.v < 0 || f.KDFType.v > 99 {
			return bitwardenKDF{}, malformed("bitwarden kdfType is out of range")
		}
		return bitwardenKDF{}, fmt.Errorf("%w: bitwarden kdf type %d (only 0, pbkdf2, and 1, argon2id, are known)", ErrUnsupportedEncryption, f.KDFType.v)
	}
	return k, nil
}

// key derives the 32-byte key from the password, before stretching.
func (k bitwardenKDF) key(password string) ([]byte, error) {
	if k.typ == bitwardenArgon2id {
		salt := sha256.Sum256(k.salt)
		return argon2.IDKey([]byte(password), salt[:], uint32(k.iterations), uint32(k.memory)*1024, uint8(k.lanes), 32), nil
	}
	key, err := pbkdf2.Key(sha256.New, password, k.salt, k.iterations, 32)
	if err != nil {
		return nil, fmt.Errorf("importer: deriving the bitwarden key: %w", err)
	}
	return key, nil
}

// bitwardenStretch expands a derived key into the encryption and MAC keys
// of a type 2 EncString, as Bitwarden's stretchKey does.
func bitwardenStretch(key []byte) (encKey, macKey []byte, err error) {
	if encKey, err = hkdf.Expand(sha256.New, key, "enc", 32); err == nil {
		macKey, err = hkdf.Expand(sha256.New, key, "mac", 32)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("importer: stretching the bitwarden key: %w", err)
	}
	return encKey, macKey, nil
}

// encString is a Bitwarden EncString of type 2 (AES-256-CBC, HMAC-SHA256).
type encString struct {
	iv, data, mac []byte
}

// parseEncString reads "2.IV|CIPHERTEXT|MAC". Other types (0, CBC without
// a MAC; 7, COSE) are refused with ErrUnsupportedEncryption.
func parseEncString(field, s string) (encString, error) {
	typ, rest, ok := strings.Cut(s, ".")
	if !ok {
		return encString{}, malformed("bitwarden %s is not an encrypted string", field)
	}
	if typ != "2" {
		if len(typ) == 1 && typ[0] >= '0' && typ[0] <= '9' {
			return encString{}, fmt.Errorf("%w: bitwarden %s is encrypted with type %s (only type 2, aes-256-cbc with hmac-sha256, is known)",
				ErrUnsupportedEncryption, field, typ)
		}
		return encString{}, malformed("bitwarden %s is not an encrypted string", field)
	}
	parts := strings.Split(rest, "|")
	if len(parts) != 3 {
		return encString{}, malformed("bitwarden %s has %d parts, want 3 (iv|data|mac)", field, len(parts))
	}
	var e encString
	var err error
	if e.iv, err = decodeBase64(parts[0]); err != nil || len(e.iv) != aes.BlockSize {
		return encString{}, malformed("bitwarden %s iv is not 16 bytes of base64", field)
	}
	if e.data, err = decodeBase64(parts[1]); err != nil || len(e.data) == 0 || len(e.data)%aes.BlockSize != 0 {
		return encString{}, malformed("bitwarden %s data is not whole aes blocks of base64", field)
	}
	if e.mac, err = decodeBase64(parts[2]); err != nil || len(e.mac) != sha256.Size {
		return encString{}, malformed("bitwarden %s mac is not 32 bytes of base64", field)
	}
	return e, nil
}

var (
	errEncStringMAC     = errors.New("encrypted string does not match its mac")
	errEncStringPadding = errors.New("encrypted string has bad padding")
)

// open checks the MAC in constant time, then decrypts and unpads. It
// gives errEncStringMAC for a wrong key (or a changed string), and
// errEncStringPadding when the MAC holds but the plain text is not
// padded: a file made wrongly with the right key.
func (e encString) open(encKey, macKey []byte) ([]byte, error) {
	m := hmac.New(sha256.New, macKey)
	m.Write(e.iv)
	m.Write(e.data)
	if !hmac.Equal(m.Sum(nil), e.mac) {
		return nil, errEncStringMAC
	}
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, err
	}
	if len(e.iv) != aes.BlockSize || len(e.data) == 0 || len(e.data)%aes.BlockSize != 0 {
		return nil, errEncStringPadding
	}
	out := make([]byte, len(e.data))
	cipher.NewCBCDecrypter(block, e.iv).CryptBlocks(out, e.data)
	n := int(out[len(out)-1])
	if n < 1 || n > aes.BlockSize {
		return nil, errEncStringPadding
	}
	for _, b := range out[len(out)-n:] {
		if int(b) != n {
			return nil, errEncStringPadding
		}
	}
	return out[:len(out)-n], nil
}
