package vault

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
)

// encode turns a vault into the bytes of vault.age: JSON, gzip, age.
func encode(v *Vault, to age.Recipient) ([]byte, error) {
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, to)
	if err != nil {
		return nil, fmt.Errorf("encrypting vault: %w", err)
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if err := json.NewEncoder(zw).Encode(v); err != nil {
		return nil, fmt.Errorf("encoding vault: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compressing vault: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("encrypting vault: %w", err)
	}
	return buf.Bytes(), nil
}

// decode reads the bytes of vault.age. A document from a newer schema is
// ErrNewerVersion; anything else that fails is reported as it is, for the
// caller to call damage.
func decode(raw []byte, id age.Identity) (*Vault, error) {
	r, err := age.Decrypt(bytes.NewReader(raw), id)
	if err != nil {
		return nil, fmt.Errorf("decrypting: %w", err)
	}
	// The plain text is never longer than the file: read it whole, so the
	// gzip trailer's length can size the document's buffer once.
	gz := bytes.NewBuffer(make([]byte, 0, len(raw)))
	if _, err := gz.ReadFrom(r); err != nil {
		return nil, fmt.Errorf("decrypting: %w", err)
	}
	size := gzipSize(gz.Bytes())
	zr, err := gzip.NewReader(gz)
	if err != nil {
		return nil, fmt.Errorf("decompressing: %w", err)
	}
	doc := bytes.NewBuffer(make([]byte, 0, min(size, maxVaultJSON)+bytes.MinRead))
	if _, err := doc.ReadFrom(io.LimitReader(zr, maxVaultJSON+1)); err != nil {
		return nil, fmt.Errorf("decompressing: %w", err)
	}
	if doc.Len() > maxVaultJSON {
		return nil, errors.New("decompressing: the document is implausibly large")
	}
	return decodeJSON(doc.Bytes())
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
