package usecase

import (
	"errors"
	"slices"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
)

// This file is the operations on an account's phone numbers and on number
// changes: bind and unbind a number, record a change, tick an account off
// its checklist. The front-ends parse the number a person typed
// (phone.Parse) and hand the operation the number.

// ErrSameNumber is returned by RecordNumberChange when the old and new
// numbers are the same. Nothing is recorded.
var ErrSameNumber = errors.New("the old and new numbers are the same")

// ErrChangeNotFound is returned when no recorded number change has the ID
// or the old number asked for. It wraps vault.ErrNotFound.
var ErrChangeNotFound = notFound("no recorded number change matches")

// NotBoundError is returned by UnbindPhone when the account is not bound to
// the number (in the role asked for). Nothing changes.
type NotBoundError struct {
	Label  string     // the account's label
	Number phone.E164 // the number asked for
}

func (e *NotBoundError) Error() string {
	return "unbind phone: " + e.Label + " is not bound to that number"
}

// NotOnChecklistError is returned by TickNumberChange and TickDeviceChange
// when the account is not bound to the change's old number or device and
// was never ticked off: it is not on that checklist. Nothing changes.
type NotOnChecklistError struct {
	Label string // the account's label
	Old   string // the old number (as a person reads it) or device name
	// Device says the change is a device change.
	Device bool
}

func (e *NotOnChecklistError) Error() string {
	return "tick off: " + e.Label + " is not on the change's checklist"
}

// notFound is a sentinel that is also vault.ErrNotFound.
func notFound(text string) error { return &notFoundError{text} }

type notFoundError struct{ text string }

func (e *notFoundError) Error() string { return e.text }
func (e *notFoundError) Unwrap() error { return vault.ErrNotFound }

// BindPhoneResult is what BindPhone did.
type BindPhoneResult struct {
	// Account is the account as saved.
	Account vault.Account
	// Added is false when the number was already bound in that role
	// (nothing was written).
	Added bool
	// Warning is set when codes may never reach the number:
	// phone.FindingVoIPForSMS for a VoIP number (any role),
	// phone.FindingSMSUnsuitable for a line that cannot receive SMS bound
	// for SMS or as a backup.
	Warning phone.FindingCode
}

// BindPhone records that the account ref names sends codes to n in role r.
// Binding the same number in the same role twice changes nothing.
func (s *Service) BindPhone(ref string, n phone.Number, r phone.Role) (BindPhoneResult, error) {
	if !r.Valid() {
		return BindPhoneResult{}, phone.ErrUnknownRole
	}
	var res BindPhoneResult
	acct, _, err := s.changeAccount(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		a.Phones, res.Added = phone.Bind(a.Phones, phone.Binding{Number: n.E164, Role: r, Since: s.now().UTC()})
		return res.Added, nil
	})
	if err != nil {
		return BindPhoneResult{}, err
	}
	res.Account = acct
	res.Warning = NumberWarning(n, r)
	return res, nil
}

// NumberWarning says whether codes sent to n in role r may never arrive:
// phone.FindingVoIPForSMS for a VoIP number, phone.FindingSMSUnsuitable for
// a line that cannot receive SMS bound for SMS or as a backup, else "".
func NumberWarning(n phone.Number, r phone.Role) phone.FindingCode {
	switch {
	case n.VoIP():
		return phone.FindingVoIPForSMS
	case (r == phone.RoleSMS || r == phone.RoleBackup) && n.SMSUnsuitable():
		return phone.FindingSMSUnsuitable
	}
	return ""
}

// UnbindPhoneResult is what UnbindPhone did.
type UnbindPhoneResult struct {
	Account vault.Account // the account as saved
	Removed int           // how many bindings were removed (at least 1)
}

// UnbindPhone removes the binding of number from the account ref names, in
// every role (r "") or only in r. A number the account is not bound to is
// a *NotBoundError.
func (s *Service) UnbindPhone(ref string, number phone.E164, r phone.Role) (UnbindPhoneResult, error) {
	var removed int
	acct, _, err := s.changeAccount(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		a.Phones, removed = phone.Unbind(a.Phones, number, r)
		if removed == 0 {
			return false, &NotBoundError{Label: a.Label(), Number: number}
		}
		return true, nil
	})
	if err != nil {
		return UnbindPhoneResult{}, err
	}
	return UnbindPhoneResult{Account: acct, Removed: removed}, nil
}

// NumberChangeResult is what RecordNumberChange recorded.
type NumberChangeResult struct {
	// Change is the change as saved.
	Change phone.Change
	// Updated says a change of the same old number was already recorded
	// and was updated, keeping the accounts ticked off.
	Updated bool
	// Checklist is every account still bound to the old number.
	Checklist []phone.RiskItem
	// Vault is the vault as saved, to render the checklist (support
	// contacts, labels).
	Vault *vault.Vault
}

// RecordNumberChange records that the number old is replaced by new (""
// when the line is given up without a replacement), taking effect and
// ending as tr says, and returns the checklist: every account still bound
// to old. Recording a change of the same old number again updates it,
// keeping the accounts already ticked off.
func (s *Service) RecordNumberChange(old, new phone.E164, tr phone.Transition) (NumberChangeResult, error) {
	if new == old {
		return NumberChangeResult{}, ErrSameNumber
	}
	fresh, err := phone.NewChange(old, new, tr.Date)
	if err != nil {
		return NumberChangeResult{}, err
	}
	fresh.Transition = tr
	var res NumberChangeResult
	v, err := s.change(func(v *vault.Vault) error {
		var i int
		v.PhoneChanges, i, res.Updated = phone.RecordChange(v.PhoneChanges, fresh)
		res.Change = v.PhoneChanges[i]
		return nil
	})
	if err != nil {
		return NumberChangeResult{}, err
	}
	res.Vault = v
	res.Checklist = phone.Risk(v.Bindings(), []phone.Change{res.Change}, s.now())
	return res, nil
}

// FindNumberChange finds a recorded number change by its ID, or by its old
// number as a person types it; none is ErrChangeNotFound.
func FindNumberChange(v *vault.Vault, ref string) (*phone.Change, error) {
	for i := range v.PhoneChanges {
		if v.PhoneChanges[i].ID == ref {
			return &v.PhoneChanges[i], nil
		}
	}
	if n, err := phone.Parse(ref, phone.DefaultRegion); err == nil {
		for i := range v.PhoneChanges {
			if v.PhoneChanges[i].Old == n.E164 {
				return &v.PhoneChanges[i], nil
			}
		}
	}
	return nil, ErrChangeNotFound
}

// TickResult is what ticking an account off a change's checklist did.
type TickResult struct {
	// Account is the account as saved.
	Account vault.Account
	// Already says the account was ticked off before and is no longer
	// bound to the old number or device: nothing was written.
	Already bool
	// Left is how many accounts are still on the checklist.
	Left int
}

// NumberTickResult is what TickNumberChange did.
type NumberTickResult struct {
	TickResult
	// Change is the change as saved.
	Change phone.Change
}

// TickNumberChange ticks the account accountRef names off the checklist of
// the number change changeRef names (its ID or old number), once the
// account was moved to the new number at its service: its bindings of the
// old number move to the new one, keeping their roles (or are removed when
// the line is given up without a new one). An account not bound to the old
// number is a *NotOnChecklistError, unless it was ticked off before
// (Already).
func (s *Service) TickNumberChange(changeRef, accountRef string) (NumberTickResult, error) {
	var res NumberTickResult
	now := s.now()
	acct, _, err := s.changeAccount(accountRef, func(v *vault.Vault, a *vault.Account) (bool, error) {
		c, err := FindNumberChange(v, changeRef)
		if err != nil {
			return false, err
		}
		bound := slices.ContainsFunc(a.Phones, func(b phone.Binding) bool { return b.Number == c.Old })
		switch {
		case !bound && c.IsDone(a.ID):
			res.Already = true
		case !bound:
			return false, &NotOnChecklistError{Label: a.Label(), Old: c.Old.Display(phone.DefaultRegion)}
		default:
			a.Phones = c.Apply(a.Phones, a.ID, now)
		}
		res.Change = *c
		res.Left = len(phone.Risk(v.Bindings(), []phone.Change{*c}, now))
		return !res.Already, nil
	})
	if err != nil {
		return NumberTickResult{}, err
	}
	res.Account = acct
	return res, nil
}
