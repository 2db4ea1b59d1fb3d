// Package keystore keeps a vault's private key: in the OS keyring (Secret
// Service, macOS Keychain, Windows Credential Manager) or, where there is none,
// in a passphrase-protected file in the data directory.
//
// A key is stored as text that says what it is: an age X25519 identity
// ("AGE-SECRET-KEY-1…") when it is kept in the clear by the keyring, or an
// armored age file encrypted with a passphrase (age's scrypt recipient) when
// the person has set one. Only the key goes to the keyring; it is a few hundred
// bytes at most, well under the Windows (2,560 bytes) and macOS limits.
package keystore

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// Mode selects where a key is kept.
type Mode string

const (
	// Auto uses the OS keyring when it works and falls back to File.
	Auto Mode = ""
	// System is the OS keyring.
	System Mode = "system"
	// File is a passphrase-wrapped key file in the data directory.
	File Mode = "file"
)

// ParseMode reads a MAMORI_KEYRING value: "", "auto", "system" or "file".
func ParseMode(s string) (Mode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return Auto, nil
	case "system":
		return System, nil
	case "file":
		return File, nil
	}
	return Auto, fmt.Errorf("unknown keyring mode %q (want system or file)", s)
}

// ErrNotFound means the keyring holds no entry under the name asked for.
var ErrNotFound = errors.New("no such entry in the keyring")

// ErrWrongPassphrase means a passphrase did not open a wrapped key.
var ErrWrongPassphrase = errors.New("wrong passphrase")

// Keyring is the part of an OS keyring a vault needs: one secret per name.
type Keyring interface {
	// Get returns the secret stored under name, or ErrNotFound.
	Get(name string) (string, error)
	// Set stores secret under name, replacing any previous one.
	Set(name, secret string) error
	// Delete removes the entry; a missing entry is not an error.
	Delete(name string) error
}

const armorHeader = "-----BEGIN AGE ENCRYPTED FILE-----"

// Wrapped reports whether a stored key is passphrase-protected.
func Wrapped(stored string) bool {
	return strings.HasPrefix(strings.TrimSpace(stored), armorHeader)
}

// MaxWorkFactor is the highest scrypt work factor (log2 N) Unwrap accepts
// and Wrap writes: Mamori wraps at age's default, 18.
const MaxWorkFactor = 20

// Wrap encrypts an identity with a passphrase using age's scrypt recipient
// and returns it armored. workFactor is scrypt's log2(N); 0 keeps age's default.
func Wrap(id *age.X25519Identity, passphrase string, workFactor int) (string, error) {
	if passphrase == "" {
		return "", errors.New("wrapping key: empty passphrase")
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return "", fmt.Errorf("wrapping key: %w", err)
	}
	if workFactor > MaxWorkFactor {
		return "", fmt.Errorf("wrapping key: scrypt work factor %d is above %d", workFactor, MaxWorkFactor)
	}
	if workFactor > 0 {
		r.SetWorkFactor(workFactor)
	}
	var buf bytes.Buffer
	aw := armor.NewWriter(&buf)
	w, err := age.Encrypt(aw, r)
	if err != nil {
		return "", fmt.Errorf("wrapping key: %w", err)
	}
	if _, err := io.WriteString(w, id.String()); err != nil {
		return "", fmt.Errorf("wrapping key: %w", err)
	}
	if err := w.Close(); err != nil {
		return "", fmt.Errorf("wrapping key: %w", err)
	}
	if err := aw.Close(); err != nil {
		return "", fmt.Errorf("wrapping key: %w", err)
	}
	return buf.String(), nil
}

// Unwrap turns a stored key back into an identity. A plain key needs no
// passphrase; a wrapped one fails with ErrWrongPassphrase when passphrase does
// not open it.
func Unwrap(stored, passphrase string) (*age.X25519Identity, error) {
	stored = strings.TrimSpace(stored)
	if !Wrapped(stored) {
		id, err := age.ParseX25519Identity(stored)
		if err != nil {
			return nil, errors.New("reading key: the stored key is not an age identity")
		}
		return id, nil
	}
	sid, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, fmt.Errorf("unwrapping key: %w", ErrWrongPassphrase)
	}
	// A key file is in the data folder: one asking for more work than
	// Mamori ever writes is refused before scrypt runs.
	sid.SetMaxWorkFactor(MaxWorkFactor)
	r, err := age.Decrypt(armor.NewReader(strings.NewReader(stored)), sid)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return nil, fmt.Errorf("unwrapping key: %w", ErrWrongPassphrase)
		}
		return nil, fmt.Errorf("unwrapping key: the stored key is damaged: %v", err)
	}
	plain, err := io.ReadAll(io.LimitReader(r, 4096))
	if err != nil {
		return nil, fmt.Errorf("unwrapping key: the stored key is damaged: %v", err)
	}
	id, err := age.ParseX25519Identity(strings.TrimSpace(string(plain)))
	if err != nil {
		return nil, errors.New("unwrapping key: the stored key is not an age identity")
	}
	return id, nil
}
