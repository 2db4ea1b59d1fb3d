package vault

import (
	"errors"
	"fmt"
	"io/fs"
)

// AcceptOlder takes the vault in the data folder as it is, although it is
// an older generation than this machine has opened (a *RollbackError from
// Load): a person restored an older copy on purpose. It checks the vault
// as Load does, except for its age, then remembers its generation as the
// newest. It returns the vault and the generation remembered before.
func (s *Store) AcceptOlder() (*Vault, uint64, error) {
	var (
		out  *Vault
		prev uint64
	)
	err := s.locked(func() error {
		ki, err := s.readKeyInfo()
		if errors.Is(err, fs.ErrNotExist) {
			return ErrNoVault
		}
		if err != nil {
			return err
		}
		if ki, err = s.settle(ki); err != nil {
			return err
		}
		raw, err := s.readVaultFile(vaultFile)
		if errors.Is(err, fs.ErrNotExist) {
			return ErrNoVault
		}
		if err != nil {
			return err
		}
		id, err := s.unlock(ki)
		if err != nil {
			return err
		}
		v, proved, err := decode(raw, id)
		if err != nil {
			return s.wrapDecodeError(err)
		}
		m, err := s.recall(ki.ID)
		if err != nil {
			return err
		}
		if !proved && m.Proof {
			return s.damaged(fmt.Errorf("%w: it carries no proof, and this computer has opened it with one", ErrForged))
		}
		if err := s.remember(ki.ID, v.Generation, proved, true); err != nil {
			return err
		}
		out, prev = v, m.Generation
		return nil
	})
	return out, prev, err
}
