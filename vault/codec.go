package vault

import (
	"bytes"
	"compress/gzip"
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

// errTooLarge means the vault decompresses to more than maxVaultJSON: a
// gzip bomb, not a vault. Reading stops at the cap.
var errTooLarge = fmt.Errorf("the document is larger than %d MiB, implausible for a vault", maxVaultJSON>>20)

// decode reads the bytes of vault.age. A document from a newer schema is
// ErrNewerVersion; anything else that fails is reported as it is, for the
// caller to call damage.
func decode(raw []byte, id age.Identity) (*Vault, error) {
	r, err := age.Decrypt(bytes.NewReader(raw), id)
	if err != nil {
		return nil, fmt.Errorf("decrypting: %w", err)
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("decompressing: %w", err)
	}
	doc, err := io.ReadAll(io.LimitReader(zr, maxVaultJSON+1))
	if err != nil {
		return nil, fmt.Errorf("decompressing: %w", err)
	}
	if len(doc) > maxVaultJSON {
		return nil, fmt.Errorf("decompressing: %w", errTooLarge)
	}
	return decodeJSON(doc)
}

// decodeJSON parses the vault document and checks its version.
func decodeJSON(doc []byte) (*Vault, error) {
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(doc, &head); err != nil {
		return nil, fmt.Errorf("decoding: %w", err)
	}
	switch {
	case head.Version == nil || *head.Version < 1:
		return nil, errors.New("decoding: no schema version")
	case *head.Version > SchemaVersion:
		return nil, fmt.Errorf("%w (schema %d; this build reads up to %d): update Mamori to open it", ErrNewerVersion, *head.Version, SchemaVersion)
	}
	v := New()
	if err := json.Unmarshal(doc, v); err != nil {
		return nil, fmt.Errorf("decoding: %w", err)
	}
	if v.Accounts == nil {
		v.Accounts = []Account{}
	}
	return v, nil
}
