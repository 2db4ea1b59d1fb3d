package usecase

import (
	"errors"
	"fmt"
	"time"

	"github.com/mamori-app/mamori/vault"
)

// Service runs the operations on one store. It holds no vault of its own:
// every operation reads the newest generation and writes in one
// Store.Update, so two windows or processes never overwrite each other.
type Service struct {
	store *vault.Store
	now   func() time.Time
}

// New returns the operations on store. now is the clock that stamps
// changes (time.Now in the programs, a fixed clock in tests).
func New(store *vault.Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, now: now}
}

// Store is the store the operations act on, for what is not a change
// (opening, the key's backend, the data folder).
func (s *Service) Store() *vault.Store { return s.store }

// Load reads the newest generation of the vault, for front-ends that only
// look.
func (s *Service) Load() (*vault.Vault, error) { return s.store.Load() }

// change applies fn to the newest generation in one store update and
// returns the vault as saved. fn returns vault.ErrUnchanged when it finds
// nothing to change: nothing is written and the vault is returned as read.
// fn runs once; what it reports to its caller it sets on each run.
func (s *Service) change(fn func(v *vault.Vault) error) (*vault.Vault, error) {
	return s.store.Update(fn)
}

// changeAccount is change for one account, found by ref (an ID, or a query
// as [FindAccount] takes it). fn reports whether it changed the account;
// when it did, the account's Updated time is stamped, else nothing is
// written. It returns the account as it is after the change.
func (s *Service) changeAccount(ref string, fn func(v *vault.Vault, a *vault.Account) (bool, error)) (vault.Account, *vault.Vault, error) {
	var out vault.Account
	v, err := s.change(func(v *vault.Vault) error {
		a, err := FindAccount(v, ref)
		if err != nil {
			return err
		}
		changed, err := fn(v, a)
		out = *a
		if err != nil {
			return err
		}
		if !changed {
			return vault.ErrUnchanged
		}
		a.Updated = s.now().UTC()
		out = *a
		return nil
	})
	return out, v, err
}

// FindAccount finds the account ref names: the account with that ID if
// there is one, else the one account a query matches (vault.Vault.Find:
// no match is a *NotFoundError, several a *vault.AmbiguousError).
func FindAccount(v *vault.Vault, ref string) (*vault.Account, error) {
	if a := v.Account(ref); a != nil {
		return a, nil
	}
	a, err := v.Find(ref)
	if errors.Is(err, vault.ErrNotFound) {
		return nil, &NotFoundError{Query: ref}
	}
	return a, err
}

// NotFoundError is vault.ErrNotFound for the account a query or ID named.
type NotFoundError struct {
	Query string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("account %q: %v", e.Query, vault.ErrNotFound)
}

// Unwrap makes errors.Is(err, vault.ErrNotFound) true.
func (e *NotFoundError) Unwrap() error { return vault.ErrNotFound }
