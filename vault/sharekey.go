package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/mamori-app/mamori/vault/keystore"
)

// maxSharedKeyFile caps what JoinKey reads: a shared key is well under 1 KiB.
const maxSharedKeyFile = 16 << 10

// maxShareWorkFactor is the highest scrypt work factor JoinKey accepts, so
// that a hostile file cannot make it spend minutes and gigabytes.
const maxShareWorkFactor = 20

var (
	// ErrNotThisVault means a shared key is not the key of the vault in
	// this data folder.
	ErrNotThisVault = errors.New("the shared key belongs to another vault")
	// ErrKeyInFolder means the vault keeps its key in the data folder
	// (key.age, passphrase-protected), so a second desktop needs only the
	// synced folder and that passphrase, not a shared key.
	ErrKeyInFolder = errors.New("the vault's key is in its folder; nothing to join")
	// ErrNotSharedKey means a file is not a shared vault key.
	ErrNotSharedKey = errors.New("not a shared Mamori vault key")
)

// sharedKey is what a shared-key file holds, encrypted.
type sharedKey struct {
	Format    string `json:"format"`
	KeyID     string `json:"key_id"`
	Recipient string `json:"recipient"`
	Identity  string `json:"identity"`
}

const sharedKeyFormat = "mamori-shared-key-1"

// ShareKey writes the vault's key for a second desktop that shares the data
// folder (through a sync engine), encrypted with age to passphrase (scrypt,
// the store's work factor) and armored. The key is unlocked first, which may
// ask for the app passphrase; nothing is written in plain text.
func (s *Store) ShareKey(w io.Writer, passphrase string) error {
	ki, err := s.readKeyInfo()
	if err != nil {
		return fmt.Errorf("sharing the vault key: %w", err)
	}
	id, err := s.unlock(ki)
	if err != nil {
		return err
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return fmt.Errorf("sharing the vault key: %w", err)
	}
	if s.opts.ScryptWorkFactor > 0 {
		r.SetWorkFactor(s.opts.ScryptWorkFactor)
	}
	doc, err := json.Marshal(sharedKey{Format: sharedKeyFormat, KeyID: ki.ID, Recipient: ki.Recipient, Identity: id.String()})
	if err != nil {
		return err
	}
	aw := armor.NewWriter(w)
	ew, err := age.Encrypt(aw, r)
	if err != nil {
		return fmt.Errorf("sharing the vault key: %w", err)
	}
	if _, err := ew.Write(doc); err != nil {
		return fmt.Errorf("sharing the vault key: %w", err)
	}
	if err := ew.Close(); err != nil {
		return fmt.Errorf("sharing the vault key: %w", err)
	}
	return aw.Close()
}

// JoinKey stores a key written by ShareKey in this machine's OS keyring, so
// that this desktop opens the vault in the (synced) data folder. The file
// is opened with passphrase; its scrypt work factor is capped before any
// work. The key must be the one key.json names (ErrNotThisVault otherwise).
// When the vault has an app passphrase, the key is kept wrapped with the
// passphrase the store's PassphraseFunc gives for this machine.
func (s *Store) JoinKey(r io.Reader, passphrase string) error {
	raw, err := io.ReadAll(io.LimitReader(r, maxSharedKeyFile+1))
	if err != nil {
		return fmt.Errorf("reading the shared key: %w", err)
	}
	if len(raw) > maxSharedKeyFile {
		return ErrNotSharedKey
	}
	ki, err := s.readKeyInfo()
	if err != nil {
		return fmt.Errorf("joining the vault: %w", err)
	}
	if ki.Backend == keystore.File {
		return ErrKeyInFolder
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return fmt.Errorf("opening the shared key: %w", err)
	}
	id.SetMaxWorkFactor(maxShareWorkFactor)
	var in io.Reader = bytes.NewReader(raw)
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte(armor.Header)) {
		in = armor.NewReader(bytes.NewReader(bytes.TrimSpace(raw)))
	}
	dr, err := age.Decrypt(in, id)
	var noMatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &noMatch):
		return ErrWrongPassphrase
	case err != nil:
		return fmt.Errorf("%w: %w", ErrNotSharedKey, err)
	}
	doc, err := io.ReadAll(io.LimitReader(dr, maxSharedKeyFile))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotSharedKey, err)
	}
	var sk sharedKey
	if err := json.Unmarshal(doc, &sk); err != nil || sk.Format != sharedKeyFormat {
		return ErrNotSharedKey
	}
	key, err := age.ParseX25519Identity(sk.Identity)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotSharedKey, err)
	}
	if sk.KeyID != ki.ID || key.Recipient().String() != ki.Recipient {
		return ErrNotThisVault
	}
	stored := key.String()
	if ki.Passphrase {
		pass, err := s.ask(PassphraseRequest{Reason: ReasonUnlock, Attempt: 1})
		if err != nil {
			return err
		}
		if stored, err = keystore.Wrap(key, pass, s.opts.ScryptWorkFactor); err != nil {
			return err
		}
	}
	if err := s.keyring.Set(ki.entryName(), stored); err != nil {
		return fmt.Errorf("storing the vault key: %w", err)
	}
	return nil
}
