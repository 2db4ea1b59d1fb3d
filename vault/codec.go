package vault

import (
	"bytes"
	"compress/gzip"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
)

// The proof that the key holder wrote a vault. age encrypts to a public
// recipient, which key.json publishes, so anyone who can write the data
// folder could encrypt a vault of their own to it. Every vault Mamori
// writes therefore carries an HMAC-SHA256 of its JSON document, keyed
// from the vault's private key (HKDF-SHA256 of the identity, proofInfo):
// only the key holder can make it. It travels in the gzip header's extra
// field as subfield "MP" (RFC 1952, 2.3.1.1), inside the encryption, where
// older builds ignore it.
const (
	proofInfo = "mamori vault proof v1"
	proofSI1  = 'M'
	proofSI2  = 'P'
)

// ErrForged means vault.age decrypts with the vault's key but was not
// written by its holder: its proof is wrong, or missing from a vault this
// machine has seen with one. It is reported inside a *DamagedError.
var ErrForged = errors.New("the vault was not written with this vault's key")

// proofKey is the HMAC key derived from the vault's private key.
func proofKey(id *age.X25519Identity) []byte {
	k, err := hkdf.Key(sha256.New, []byte(id.String()), nil, proofInfo, sha256.Size)
	if err != nil {
		panic(err) // only for a length HKDF cannot give; 32 it always can
	}
	return k
}

// proof is the MAC of a vault document.
func proof(id *age.X25519Identity, doc []byte) []byte {
	m := hmac.New(sha256.New, proofKey(id))
	m.Write(doc)
	return m.Sum(nil)
}

// encode turns a vault into the bytes of vault.age: JSON, gzip carrying the
// document's proof, age to the key's recipient.
func encode(v *Vault, id *age.X25519Identity) ([]byte, error) {
	doc, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding vault: %w", err)
	}
	doc = append(doc, '\n')
	return seal(doc, id)
}

// seal compresses and encrypts a vault document with its proof.
func seal(doc []byte, id *age.X25519Identity) ([]byte, error) {
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, id.Recipient())
	if err != nil {
		return nil, fmt.Errorf("encrypting vault: %w", err)
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	mac := proof(id, doc)
	extra := []byte{proofSI1, proofSI2, 0, 0}
	binary.LittleEndian.PutUint16(extra[2:], uint16(len(mac)))
	zw.Extra = append(extra, mac...)
	if _, err := zw.Write(doc); err != nil {
		return nil, fmt.Errorf("compressing vault: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compressing vault: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("encrypting vault: %w", err)
	}
	return buf.Bytes(), nil
}

// errTooLarge means the vault decompresses to more than maxVaultJSON: a
// gzip bomb, not a vault. Reading stops at the cap.
var errTooLarge = fmt.Errorf("the document is larger than %d MiB, implausible for a vault", maxVaultJSON>>20)

// decode reads the bytes of vault.age and checks its proof before parsing
// anything: a wrong proof is ErrForged; a vault from before proofs has
// proved false and is for the caller to accept or not. A document from a
// newer schema is ErrNewerVersion; anything else that fails is reported as
// it is, for the caller to call damage.
func decode(raw []byte, id *age.X25519Identity) (v *Vault, proved bool, err error) {
	doc, mac, err := open(raw, id)
	if err != nil {
		return nil, false, err
	}
	if mac != nil {
		if !hmac.Equal(mac, proof(id, doc)) {
			return nil, false, ErrForged
		}
		proved = true
	}
	v, err = decodeJSON(doc)
	return v, proved, err
}

// open decrypts and decompresses vault.age, returning the document and
// the proof it carries (nil when it has none).
func open(raw []byte, id age.Identity) (doc, mac []byte, err error) {
	r, err := age.Decrypt(bytes.NewReader(raw), id)
	if err != nil {
		return nil, nil, fmt.Errorf("decrypting: %w", err)
	}
	// The plain text is never longer than the file: read it whole, so the
	// gzip trailer's length can size the document's buffer once.
	gz := bytes.NewBuffer(make([]byte, 0, len(raw)))
	if _, err := gz.ReadFrom(r); err != nil {
		return nil, nil, fmt.Errorf("decrypting: %w", err)
	}
	size := gzipSize(gz.Bytes())
	zr, err := gzip.NewReader(gz)
	if err != nil {
		return nil, nil, fmt.Errorf("decompressing: %w", err)
	}
	zr.Multistream(false)
	buf := bytes.NewBuffer(make([]byte, 0, min(size, maxVaultJSON)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(zr, maxVaultJSON+1)); err != nil {
		return nil, nil, fmt.Errorf("decompressing: %w", err)
	}
	if buf.Len() > maxVaultJSON {
		return nil, nil, fmt.Errorf("decompressing: %w", errTooLarge)
	}
	mac, err = proofField(zr.Header.Extra)
	return buf.Bytes(), mac, err
}

// proofField finds the proof subfield in a gzip extra field; a malformed
// extra field is an error, a missing subfield is not.
func proofField(extra []byte) ([]byte, error) {
	for len(extra) > 0 {
		if len(extra) < 4 {
			return nil, errors.New("decompressing: malformed gzip extra field")
		}
		n := int(binary.LittleEndian.Uint16(extra[2:4]))
		if len(extra) < 4+n {
			return nil, errors.New("decompressing: malformed gzip extra field")
		}
		if extra[0] == proofSI1 && extra[1] == proofSI2 {
			if n != sha256.Size {
				return nil, ErrForged
			}
			return extra[4 : 4+n], nil
		}
		extra = extra[4+n:]
	}
	return nil, nil
}

// gzipSize is the uncompressed length a gzip stream's trailer states
// (modulo 4 GiB): a hint only, as the trailer is checked after the fact.
func gzipSize(b []byte) int {
	if len(b) < 4 {
		return 0
	}
	return int(binary.LittleEndian.Uint32(b[len(b)-4:]))
}

// decodeJSON parses the vault document and checks its version, in one pass
// over the document: the version is looked at on its own only when the
// document does not fit this build's types, to tell a newer schema from
// damage.
func decodeJSON(doc []byte) (*Vault, error) {
	v := &Vault{Accounts: make([]Account, 0, accountsHint(doc))}
	if err := json.Unmarshal(doc, v); err != nil {
		if n, ok := probeVersion(doc); ok && n > SchemaVersion {
			return nil, newerVersion(n)
		}
		return nil, fmt.Errorf("decoding: %w", err)
	}
	switch {
	case v.Version < 1:
		return nil, errors.New("decoding: no schema version")
	case v.Version > SchemaVersion:
		return nil, newerVersion(v.Version)
	}
	if v.Accounts == nil {
		v.Accounts = []Account{}
	}
	return v, nil
}

func newerVersion(n int) error {
	return fmt.Errorf("%w (schema %d; this build reads up to %d): update Mamori to open it", ErrNewerVersion, n, SchemaVersion)
}

// probeVersion reads only the document's schema version.
func probeVersion(doc []byte) (int, bool) {
	var head struct {
		Version *int `json:"version"`
	}
	if json.Unmarshal(doc, &head) != nil || head.Version == nil {
		return 0, false
	}
	return *head.Version, true
}

// updatedKey is the key only an account has in the vault document; a
// JSON string cannot hold it unescaped, so it is counted only as a key.
var updatedKey = []byte(`"updated":`)

// accountsHint is about how many accounts doc holds, so the decoder makes
// room for them once instead of growing the slice a step at a time (which
// at 50,000 accounts is a third of the time a list takes). A few extra
// "updated" keys in the person's own notes only make the hint a little off;
// it never exceeds the accounts doc has room for, so a document of nothing
// but such keys cannot make the decoder ask for much more memory than real
// accounts of its size would take.
func accountsHint(doc []byte) int {
	return min(bytes.Count(doc, updatedKey), len(doc)/minAccountJSON)
}

// minAccountJSON is less than the shortest an account can be in the
// document: {"id":"","name":"","created":"…","updated":"…"} is 85 bytes.
const minAccountJSON = 64
