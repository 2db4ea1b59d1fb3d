package usecase

import "github.com/mamori-app/mamori/vault"

// OlderAccepted is what AcceptOlder did: the generation now in use and
// the newer one this machine had opened before.
type OlderAccepted struct {
	Vault    *vault.Vault
	Previous uint64
}

// AcceptOlder takes the vault in the data folder although it is older than
// the one this machine last opened (a *vault.RollbackError): the person
// put an older copy back on purpose. The vault is still checked for its
// key holder's proof; only its age is accepted.
func (s *Service) AcceptOlder() (OlderAccepted, error) {
	v, prev, err := s.store.AcceptOlder()
	if err != nil {
		return OlderAccepted{}, err
	}
	return OlderAccepted{Vault: v, Previous: prev}, nil
}
