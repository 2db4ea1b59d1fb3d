package usecase

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/trouble"
)

// ErrDuplicate means the vault holds the account already: the same OTP key
// under any label, or, for an account without a key, the same issuer and
// name (case and width aside).
var ErrDuplicate = errors.New("the account is already in the vault")

// DuplicateError is ErrDuplicate for one account, named by its label.
type DuplicateError struct {
	Label string
	// NoOTP is true for an account without a key, a duplicate by its name.
	NoOTP bool
}

func (e *DuplicateError) Error() string { return fmt.Sprintf("%s: %v", e.Label, ErrDuplicate) }

// Unwrap makes errors.Is(err, ErrDuplicate) true.
func (e *DuplicateError) Unwrap() error { return ErrDuplicate }

// ErrNotHOTP means a next code was asked of an account that is not HOTP.
var ErrNotHOTP = errors.New("the account is not an HOTP account")

// ErrCounterExhausted means an HOTP counter reached its largest value: no
// further code can be made.
var ErrCounterExhausted = fmt.Errorf("%w: the HOTP counter is at its largest value", otp.ErrBadCounter)

// foldName makes a name comparable the way the vault's queries do: NFKC
// (full width to half width), case folded, surrounding space trimmed.
func foldName(s string) string {
	return strings.TrimSpace(cases.Fold().String(norm.NFKC.String(s)))
}

// holds reports whether v holds a already: its key (vault.Vault.HasKey),
// or, for an account without one, another such account of the same issuer
// and name.
func holds(v *vault.Vault, a vault.Account) bool {
	if a.HasOTP() {
		return v.HasKey(a.OTP)
	}
	for _, b := range v.Accounts {
		if !b.HasOTP() && foldName(b.Issuer) == foldName(a.Issuer) && foldName(b.Name) == foldName(a.Name) {
			return true
		}
	}
	return false
}

// AddAccount makes an account of issuer, name and key (an empty key for an
// account without an authenticator) and adds it. An account the vault
// holds already is a *DuplicateError and nothing is written; a label that
// is missing is vault.ErrLabelRequired.
func (s *Service) AddAccount(issuer, name string, key otp.Key) (vault.Account, *vault.Vault, error) {
	a, err := vault.NewAccount(issuer, name, key, s.now())
	if err != nil {
		return vault.Account{}, nil, err
	}
	v, err := s.change(func(v *vault.Vault) error {
		if holds(v, a) {
			return &DuplicateError{Label: a.Label(), NoOTP: !a.HasOTP()}
		}
		v.Accounts = append(v.Accounts, a)
		return nil
	})
	if err != nil {
		return vault.Account{}, nil, err
	}
	return a, v, nil
}

// Imported is what ImportAccounts did.
type Imported struct {
	// Accounts are the accounts made from the entries, in order.
	Accounts []vault.Account
	// InVault are the indexes (into Accounts) of those left out because
	// the vault, or an earlier entry, held them already.
	InVault []int
	// Vault is the vault as saved (as read, when nothing was new).
	Vault *vault.Vault
}

// Added is the accounts that were added.
func (r Imported) Added() []vault.Account {
	var out []vault.Account
	for i, a := range r.Accounts {
		if !slices.Contains(r.InVault, i) {
			out = append(out, a)
		}
	}
	return out
}

// ImportAccounts adds the accounts an import read (res.Accounts, from
// res.From), skipping those the vault holds already; when none is new,
// nothing is written and that is no error. An entry that makes no valid
// account is an importer.EntryErrors naming it, and nothing is imported.
func (s *Service) ImportAccounts(res importer.Result) (Imported, error) {
	now := s.now()
	accts := make([]vault.Account, len(res.Accounts))
	for i, x := range res.Accounts {
		a, err := vault.NewAccount(x.Issuer, x.Name, x.Key, now)
		if err != nil {
			var from importer.Position
			if i < len(res.From) {
				from = res.From[i]
			}
			return Imported{}, importer.EntryErrors{{Position: from, Label: vault.Account{Issuer: x.Issuer, Name: x.Name}.Label(), Err: err}}
		}
		accts[i] = a
	}
	return s.AddAccounts(accts)
}

// AddAccounts adds accts, skipping those the vault (or an earlier one of
// accts) holds already; when none is new, nothing is written.
func (s *Service) AddAccounts(accts []vault.Account) (Imported, error) {
	out := Imported{Accounts: accts}
	v, err := s.change(func(v *vault.Vault) error {
		out.InVault = nil
		for i, a := range accts {
			if holds(v, a) {
				out.InVault = append(out.InVault, i)
				continue
			}
			v.Accounts = append(v.Accounts, a)
		}
		if len(out.InVault) == len(accts) {
			return vault.ErrUnchanged
		}
		return nil
	})
	out.Vault = v
	return out, err
}

// Deleted is an account DeleteAccount removed, with its place, for
// RestoreAccount.
type Deleted struct {
	Account vault.Account
	Index   int
	Vault   *vault.Vault
}

// DeleteAccount removes the account ref names (an ID or a query).
func (s *Service) DeleteAccount(ref string) (Deleted, error) {
	var out Deleted
	v, err := s.change(func(v *vault.Vault) error {
		a, err := FindAccount(v, ref)
		if err != nil {
			return err
		}
		out.Account = *a
		out.Index = slices.IndexFunc(v.Accounts, func(b vault.Account) bool { return b.ID == a.ID })
		v.Remove(a.ID, s.now())
		return nil
	})
	out.Vault = v
	return out, err
}

// RestoreAccount puts a deleted account back where it was (undo), lifting
// its tombstone and dating it now (vault.Vault.Restore). When the vault
// holds it again meanwhile it is a *DuplicateError and nothing is written.
func (s *Service) RestoreAccount(d Deleted) (*vault.Vault, error) {
	return s.change(func(v *vault.Vault) error {
		if holds(v, d.Account) || v.Account(d.Account.ID) != nil || !v.Restore(d.Account, d.Index, s.now()) {
			return &DuplicateError{Label: d.Account.Label(), NoOTP: !d.Account.HasOTP()}
		}
		return nil
	})
}

// Changed is the result of a change to one account.
type Changed struct {
	// Account is the account after the change.
	Account vault.Account
	// Changed is false when the account already was so: nothing was written.
	Changed bool
	// Vault is the vault as saved, or as read when nothing changed.
	Vault *vault.Vault
}

// SetPinned pins or unpins the account ref names.
func (s *Service) SetPinned(ref string, pinned bool) (Changed, error) {
	return s.changeOne(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		if a.Pinned == pinned {
			return false, nil
		}
		a.Pinned = pinned
		return true, nil
	})
}

// EditAccount sets the parts of an account a person edits directly
// (vault.Account.SetDetails: issuer, name, tags, pinned). A name left
// empty is vault.ErrNameRequired, tags over the limits vault.ErrTagTooLong
// or vault.ErrTooManyTags; nothing is written then.
func (s *Service) EditAccount(ref string, d vault.Details) (Changed, error) {
	return s.changeOne(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		return a.SetDetails(d, s.now())
	})
}

// changeOne is changeAccount with its result as a Changed.
func (s *Service) changeOne(ref string, fn func(v *vault.Vault, a *vault.Account) (bool, error)) (Changed, error) {
	var changed bool
	a, v, err := s.changeAccount(ref, func(v *vault.Vault, a *vault.Account) (bool, error) {
		c, err := fn(v, a)
		changed = c && err == nil
		return c, err
	})
	return Changed{Account: a, Changed: changed, Vault: v}, err
}

// TagChange changes an account's tags: Set, when not nil, replaces them
// (an empty, non-nil Set removes them all); then Add are added and Remove
// removed (case and width aside).
type TagChange struct {
	Set, Add, Remove []string
}

// Settings are the settings of an account "account set" changes; a nil
// field is left as it is.
type Settings struct {
	NeedsTwoDevices *bool
	// ClockOffset is in seconds, at most trouble.MaxClockOffset either way.
	ClockOffset *int
	// LockoutDuration is the service's lockout; 0 restores the default.
	LockoutDuration *time.Duration
	Pinned          *bool
	Tags            *TagChange
}

// Setting names one setting in SettingsChanged.Changed.
type Setting string

// The settings ChangeSettings reports as changed.
const (
	SettingNeedsTwoDevices Setting = "needs-two-devices"
	SettingClockOffset     Setting = "clock-offset"
	SettingLockoutDuration Setting = "lockout-duration"
	SettingPinned          Setting = "pinned"
	SettingTags            Setting = "tags"
)

// SettingsChanged is what ChangeSettings did.
type SettingsChanged struct {
	Account vault.Account
	// Changed lists the settings that changed, in Settings' order; empty
	// when the account already was so (nothing was written).
	Changed []Setting
	// OneDevice is the readiness finding that the account, needing two
	// devices, has fewer recorded; nil when it has not.
	OneDevice *phone.Finding
}

// ChangeSettings changes the settings of the account ref names as st
// says. A clock offset or lockout duration out of range is the trouble
// package's error, tags over the limits vault's; nothing is written then,
// nor when nothing changes.
func (s *Service) ChangeSettings(ref string, st Settings) (SettingsChanged, error) {
	if st.ClockOffset != nil {
		if err := trouble.ValidateOffset(*st.ClockOffset); err != nil {
			return SettingsChanged{}, err
		}
	}
	if st.LockoutDuration != nil && *st.LockoutDuration != 0 {
		if err := trouble.ValidateDuration(*st.LockoutDuration); err != nil {
			return SettingsChanged{}, err
		}
	}
	var out SettingsChanged
	a, _, err := s.changeAccount(ref, func(v *vault.Vault, a *vault.Account) (bool, error) {
		out.Changed, out.OneDevice = nil, nil
		if p := st.NeedsTwoDevices; p != nil && a.NeedsTwoDevices != *p {
			a.NeedsTwoDevices = *p
			out.Changed = append(out.Changed, SettingNeedsTwoDevices)
		}
		if p := st.ClockOffset; p != nil && a.ClockOffset != *p {
			a.ClockOffset = *p
			out.Changed = append(out.Changed, SettingClockOffset)
		}
		if p := st.LockoutDuration; p != nil && a.LockoutDuration != *p {
			a.LockoutDuration = *p
			out.Changed = append(out.Changed, SettingLockoutDuration)
		}
		if p := st.Pinned; p != nil && a.Pinned != *p {
			a.Pinned = *p
			out.Changed = append(out.Changed, SettingPinned)
		}
		if t := st.Tags; t != nil {
			changed, err := a.SetTags(t.apply(a.Tags), s.now())
			if err != nil {
				return false, err
			}
			if changed {
				out.Changed = append(out.Changed, SettingTags)
			}
		}
		for _, f := range phone.Readiness(v.Bindings()) {
			if f.AccountID == a.ID && f.Code == phone.FindingOneDevice {
				out.OneDevice = &f
			}
		}
		return len(out.Changed) > 0, nil
	})
	out.Account = a
	return out, err
}

// apply is the tags after the change.
func (t TagChange) apply(tags []string) []string {
	if t.Set != nil {
		tags = vault.ParseTags(strings.Join(t.Set, ","))
	}
	tags = append(slices.Clone(tags), vault.ParseTags(strings.Join(t.Add, ","))...)
	for _, r := range vault.ParseTags(strings.Join(t.Remove, ",")) {
		tags = slices.DeleteFunc(tags, func(tag string) bool {
			return (vault.Account{Tags: []string{tag}}).HasTag(r)
		})
	}
	return tags
}

// HOTPCode is a code NextHOTP made.
type HOTPCode struct {
	Code string
	// Counter is the counter value the code is for; the vault holds the
	// next one.
	Counter uint64
	// Account is the account after its counter moved on.
	Account vault.Account
}

// NextHOTP makes the next code of the HOTP account ref names: the counter
// is advanced and saved first, so the code, shown only once the save is
// done, is never shown twice. An account that is not HOTP is ErrNotHOTP; a
// counter at its largest value ErrCounterExhausted (with the account, for
// the message, in the result).
func (s *Service) NextHOTP(ref string) (HOTPCode, error) {
	var out HOTPCode
	a, _, err := s.changeAccount(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		if a.OTP.Type != otp.HOTP {
			return false, ErrNotHOTP
		}
		used := a.OTP.Counter
		if used == math.MaxUint64 {
			return false, ErrCounterExhausted
		}
		code, err := a.OTP.HOTP(used)
		if err != nil {
			return false, err
		}
		out.Code, out.Counter = code, used
		a.OTP.Counter = used + 1
		return true, nil
	})
	if err != nil {
		return HOTPCode{Account: a}, err
	}
	out.Account = a
	return out, nil
}

// explainAccount words the errors of the account operations.
func explainAccount(err error) (Message, bool) {
	var dup *DuplicateError
	var long *vault.TagTooLongError
	switch {
	case errors.As(err, &dup) && dup.NoOTP:
		return Message{ID: "msg.account.duplicate_name", Data: map[string]any{"Label": dup.Label}}, true
	case errors.As(err, &dup):
		return Message{ID: "msg.account.duplicate", Data: map[string]any{"Label": dup.Label}}, true
	case errors.Is(err, ErrDuplicate):
		return Message{ID: "msg.account.all_duplicate"}, true
	case errors.Is(err, vault.ErrNotFound):
		return Message{ID: "msg.account.gone"}, true
	case errors.Is(err, vault.ErrNameRequired):
		return Message{ID: "msg.account.need_name"}, true
	case errors.As(err, &long), errors.Is(err, vault.ErrTagTooLong):
		return Message{ID: "msg.account.tag_long", Data: map[string]any{"Max": vault.MaxTagLength}}, true
	case errors.Is(err, vault.ErrTooManyTags):
		return Message{ID: "msg.account.many_tags", Data: map[string]any{"Max": vault.MaxTags}}, true
	case errors.Is(err, ErrNotHOTP):
		return Message{ID: "msg.account.not_hotp"}, true
	case errors.Is(err, ErrCounterExhausted):
		return Message{ID: "msg.account.counter_exhausted"}, true
	}
	return Message{}, false
}
