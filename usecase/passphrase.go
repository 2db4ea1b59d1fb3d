package usecase

import (
	"errors"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
)

// ErrPassphraseSet means a passphrase was to be set where there is one:
// change it instead.
var ErrPassphraseSet = errors.New("the vault already has a passphrase")

// ErrNoPassphrase means a passphrase was to be changed or removed where
// there is none.
var ErrNoPassphrase = errors.New("the vault has no passphrase")

// ErrEmptyPassphrase means the new passphrase given was empty.
var ErrEmptyPassphrase = errors.New("the new passphrase is empty")

// NewPassphrase asks for the new passphrase; it is called only once the
// vault is unlocked with the current one, so a wrong current passphrase
// fails before a new one is typed.
type NewPassphrase func() (string, error)

// SetPassphrase protects the vault's key in the OS keyring with a new
// passphrase. A vault that has one is ErrPassphraseSet; no vault is
// vault.ErrNoVault.
func (s *Service) SetPassphrase(ask NewPassphrase) error {
	return s.rewrap(func(info vault.Info) error {
		if info.Passphrase {
			return ErrPassphraseSet
		}
		return nil
	}, ask)
}

// ChangePassphrase changes the passphrase that protects the vault's key:
// the current one is asked for (by the store) before ask is called. A vault
// without one is ErrNoPassphrase.
func (s *Service) ChangePassphrase(ask NewPassphrase) error {
	return s.rewrap(func(info vault.Info) error {
		if !info.Passphrase {
			return ErrNoPassphrase
		}
		return nil
	}, ask)
}

// RemovePassphrase removes the passphrase, so that the key in the OS
// keyring alone opens the vault. A key kept in a file must stay protected
// (vault.ErrFileKeyNeedsPassphrase); a vault without one is ErrNoPassphrase.
func (s *Service) RemovePassphrase() error {
	return s.rewrapTo(func(info vault.Info) error {
		switch {
		case info.Backend == keystore.File:
			return vault.ErrFileKeyNeedsPassphrase
		case !info.Passphrase:
			return ErrNoPassphrase
		}
		return nil
	}, func() (string, error) { return "", nil }, true)
}

// PassphraseInfo is the vault's state for the passphrase operations: no
// vault is vault.ErrNoVault.
func (s *Service) PassphraseInfo() (vault.Info, error) {
	info, err := s.store.Info()
	if err != nil {
		return info, err
	}
	if !info.Exists {
		return info, vault.ErrNoVault
	}
	return info, nil
}

// rewrap checks the vault's state, unlocks it, asks for the new passphrase
// and has the store protect the vault with it (an empty one only when
// removing): the store makes a new key and retires the old one.
func (s *Service) rewrap(check func(vault.Info) error, ask NewPassphrase) error {
	return s.rewrapTo(check, ask, false)
}

func (s *Service) rewrapTo(check func(vault.Info) error, ask NewPassphrase, remove bool) error {
	info, err := s.PassphraseInfo()
	if err != nil {
		return err
	}
	if err := check(info); err != nil {
		return err
	}
	if _, err := s.store.Load(); err != nil {
		return err
	}
	pass, err := ask()
	if err != nil {
		return err
	}
	if pass == "" && !remove {
		return ErrEmptyPassphrase
	}
	return s.store.SetPassphrase(pass)
}
