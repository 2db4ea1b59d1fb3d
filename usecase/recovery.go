package usecase

import (
	"reflect"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/recovery"
)

// RecoveryError is recovery details the recovery package refused (a whole
// card number, a support address that is not a web address, a field too
// long). It wraps recovery's error.
type RecoveryError struct{ Err error }

func (e *RecoveryError) Error() string { return "recovery details: " + e.Err.Error() }
func (e *RecoveryError) Unwrap() error { return e.Err }

// SetRecovery records the recovery details of the account ref names: edit
// gets the details as saved and changes them (only the fields a person
// changed). The result is cleaned and checked; details refused are a
// *RecoveryError. It returns the account and whether anything changed
// (nothing: nothing is written).
func (s *Service) SetRecovery(ref string, edit func(info *recovery.Info)) (vault.Account, bool, error) {
	var changed bool
	acct, _, err := s.changeAccount(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		info := a.Recovery
		edit(&info)
		info = info.Clean()
		if err := info.Validate(); err != nil {
			return false, &RecoveryError{Err: err}
		}
		changed = !reflect.DeepEqual(info, a.Recovery.Clean())
		a.Recovery = info
		return changed, nil
	})
	return acct, changed, err
}
