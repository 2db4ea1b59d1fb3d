package vault

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrCopyUnreadable means a copy of the vault beside vault.age (a sync
// engine's conflict copy) cannot be read now: it may still be arriving, or
// it is not a vault of this key. It is left where it is, never treated as
// damage and never overwritten.
var ErrCopyUnreadable = errors.New("a copy of the vault cannot be read yet")

// VaultFile is the name of the vault's file in its data folder; sync
// engines name their conflict copies after it.
const VaultFile = vaultFile

// ReadCopy decrypts name, another copy of the vault in the data folder (a
// sync engine's conflict copy), with the vault's key, and returns it.
// Nothing is changed. A copy that does not decrypt or decode, or was not
// written by the key holder (ErrForged, see decode), is ErrCopyUnreadable;
// one written by a newer Mamori is ErrNewerVersion.
func (s *Store) ReadCopy(name string) (*Vault, error) {
	if name != filepath.Base(name) || name == vaultFile || name == backupFile {
		return nil, fmt.Errorf("reading a copy of the vault: %q is not a copy in the data folder", name)
	}
	raw, err := s.readVaultFile(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCopyUnreadable, name, err)
	}
	ki, err := s.readKeyInfo()
	if err != nil {
		return nil, err
	}
	id, err := s.unlock(ki)
	if err != nil {
		return nil, err
	}
	v, proved, err := decode(raw, id)
	if err == nil && !proved {
		// A copy without the key holder's proof is only taken while this
		// computer has never seen the vault with one (see admit).
		m, rerr := s.recall(ki.ID)
		if rerr != nil {
			return nil, rerr
		}
		if m.Proof {
			err = fmt.Errorf("%w: it carries no proof", ErrForged)
		}
	}
	switch {
	case errors.Is(err, ErrNewerVersion):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("%w: %s: %w", ErrCopyUnreadable, name, err)
	}
	return v, nil
}

// SetAside moves name, a file in the data folder, into its subfolder
// folder (made private if it is not there), under a name no earlier file
// set aside there has, and returns the new path. Nothing is deleted.
func (s *Store) SetAside(name, folder string) (string, error) {
	if name != filepath.Base(name) || folder != filepath.Base(folder) {
		return "", fmt.Errorf("setting %q aside in %q: not a file of the data folder", name, folder)
	}
	var to string
	err := s.locked(func() error {
		if err := os.MkdirAll(s.path(folder), 0o700); err != nil {
			return fmt.Errorf("setting %s aside: %w", name, err)
		}
		p, err := s.freeName(filepath.Join(folder, name))
		if err != nil {
			return fmt.Errorf("setting %s aside: %w", name, err)
		}
		if err := os.Rename(s.path(name), p); err != nil {
			return fmt.Errorf("setting %s aside: %w", name, err)
		}
		to = p
		return nil
	})
	return to, err
}
