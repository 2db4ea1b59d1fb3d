package vault

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// What a machine remembers of each vault it has opened, so that a vault
// rolled back to an older generation, or stripped of its proof, is noticed.
// It is kept on the machine, outside the data folder (which may be a
// synced folder, or writable by whoever attacks it): one small file per
// vault key in Options.LocalDir, named by a hash of the key's ID.

// ErrRollback means vault.age is an older generation than this machine
// has already opened; see *RollbackError.
var ErrRollback = errors.New("the vault is older than the one this computer last opened")

// RollbackError is returned, wrapping ErrRollback, when the vault's
// generation is below the newest this machine has opened. Nothing of the
// older vault is used; AcceptOlder takes it on purpose.
type RollbackError struct {
	// Seen is the newest generation this machine has opened.
	Seen uint64
	// Found is the generation of the vault in the data folder.
	Found uint64
}

func (e *RollbackError) Error() string {
	return fmt.Sprintf("%v: generation %d, this computer has opened generation %d", ErrRollback, e.Found, e.Seen)
}

// Unwrap lets errors.Is find ErrRollback.
func (e *RollbackError) Unwrap() error { return ErrRollback }

// CheckGeneration says whether a vault of generation found may be used on
// a machine that has opened generation seen: an older one is a
// *RollbackError. A newer one (saved by another process, or arriving from
// another desktop) is fine.
func CheckGeneration(seen, found uint64) error {
	if found < seen {
		return &RollbackError{Seen: seen, Found: found}
	}
	return nil
}

// seen is what the machine remembers of one vault.
type seen struct {
	// Generation is the newest generation opened or saved here.
	Generation uint64 `json:"generation"`
	// Proof is true once a vault carrying the key holder's proof was
	// opened or saved here: from then on one without it is refused.
	Proof bool `json:"proof"`
}

// maxSeenFile bounds the memory file read.
const maxSeenFile = 4 << 10

// DefaultLocalDir is where a machine remembers the vaults it opened:
// "mamori-local" in the user's configuration directory, beside the default
// data folder but never inside one.
func DefaultLocalDir() (string, error) {
	cfg, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the configuration directory: %w", err)
	}
	return filepath.Join(cfg, "mamori-local"), nil
}

// seenPath is the memory file of the vault whose key has id.
func (s *Store) seenPath(id string) (string, error) {
	dir := s.opts.LocalDir
	if dir == "" {
		d, err := DefaultLocalDir()
		if err != nil {
			return "", err
		}
		dir = d
	}
	sum := sha256.Sum256([]byte(id))
	return filepath.Join(dir, "vault-"+hex.EncodeToString(sum[:12])+".json"), nil
}

// recall returns what this machine remembers of the vault whose key has
// id; nothing remembered is the zero seen.
func (s *Store) recall(id string) (seen, error) {
	var m seen
	p, err := s.seenPath(id)
	if err != nil {
		return m, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("reading what this computer remembers of the vault: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxSeenFile))
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil {
		return m, fmt.Errorf("reading what this computer remembers of the vault (%s): %w", p, err)
	}
	return m, nil
}

// remember records that the vault whose key has id was opened or saved at
// generation gen, with or without its proof. It never lowers what is
// remembered unless force is set (a person accepting an older vault).
func (s *Store) remember(id string, gen uint64, proved, force bool) error {
	old, err := s.recall(id)
	if err != nil && !force {
		return err
	}
	m := seen{Generation: gen, Proof: proved || old.Proof}
	if !force && old.Generation > gen {
		m.Generation = old.Generation
	}
	if m == old {
		return nil
	}
	p, err := s.seenPath(id)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return fmt.Errorf("remembering the vault's generation: %w", err)
	}
	b, _ := json.Marshal(m)
	if err := writeAtomic(p, append(b, '\n')); err != nil {
		return fmt.Errorf("remembering the vault's generation: %w", err)
	}
	return nil
}

// admit decides whether a vault just decoded may be used: one older than
// this machine has opened is a *RollbackError, one without the proof when
// this machine has seen it with one is forged. Admitted, it is remembered.
func (s *Store) admit(keyID string, v *Vault, proved bool) error {
	m, err := s.recall(keyID)
	if err != nil {
		return err
	}
	if !proved && m.Proof {
		return s.damaged(fmt.Errorf("%w: it carries no proof, and this computer has opened it with one", ErrForged))
	}
	if err := CheckGeneration(m.Generation, v.Generation); err != nil {
		return err
	}
	return s.remember(keyID, v.Generation, proved, false)
}
