package usecase

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/service"
)

// ErrUnknownService means a service was chosen for an account that the
// service directory does not list.
var ErrUnknownService = errors.New("the service directory does not list this service")

// SetAccountService records which online service the account ref names is
// with: choice is a service's main domain (service.Service.Domain) from
// dir, service.None for "no service Mamori knows", or "" to let the
// directory's matcher decide again. The account's Updated time is stamped;
// the same choice again writes nothing. An unknown domain is
// ErrUnknownService and changes nothing.
func (s *Service) SetAccountService(ref, choice string, dir *service.Directory) (vault.Account, error) {
	choice = strings.ToLower(strings.TrimSpace(choice))
	if choice != "" && choice != service.None {
		if _, ok := dir.ByDomain(choice); !ok {
			return vault.Account{}, fmt.Errorf("set the service of %q to %q: %w", ref, choice, ErrUnknownService)
		}
	}
	a, _, err := s.changeAccount(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		if a.Service == choice {
			return false, nil
		}
		a.Service = choice
		return true, nil
	})
	return a, err
}

// Readiness is every readiness finding for the vault, most severe first,
// then by account label: package phone's (single points of failure in
// numbers, devices and backup codes) and those from what each account's
// service offers (service.Directory.Readiness). Both front-ends list it.
func Readiness(v *vault.Vault, dir *service.Directory) []phone.Finding {
	found := append(phone.Readiness(v.Bindings()), dir.Readiness(v)...)
	rank := map[phone.Severity]int{phone.SeverityHigh: 0, phone.SeverityMedium: 1, phone.SeverityLow: 2}
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if rank[a.Severity] != rank[b.Severity] {
			return rank[a.Severity] < rank[b.Severity]
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.AccountID < b.AccountID
	})
	return found
}

// explainService explains the errors of choosing an account's service.
func explainService(err error) (Message, bool) {
	if errors.Is(err, ErrUnknownService) {
		return Message{ID: "error.unknown_service", Hint: &Message{ID: "error.unknown_service.hint"}}, true
	}
	return Message{}, false
}
