package vault

import (
	"time"

	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/trouble"
)

// Code returns the account's TOTP or Steam code at t, with the account's
// clock offset applied (trouble.Shift): the code engine every caller
// should use instead of OTP.Code, so that an offset set for an account is
// honoured everywhere.
func (a Account) Code(t time.Time) (string, error) {
	if err := trouble.ValidateOffset(a.ClockOffset); err != nil {
		return "", err
	}
	return a.OTP.Code(trouble.Shift(t, a.ClockOffset))
}

// CodeRemaining is how long the account's code at t stays valid, with its
// clock offset applied, as Code makes it.
func (a Account) CodeRemaining(t time.Time) time.Duration {
	return a.OTP.Remaining(trouble.Shift(t, a.ClockOffset))
}

// TroubleAccount copies what the "I can't log in" flows need about the
// account a (one of v's) into a trouble.Account: its own data and the
// vault's number changes and grid card shapes (never their cells).
func (v *Vault) TroubleAccount(a *Account) trouble.Account {
	cards := make([]trouble.GridCard, len(v.GridCards))
	for i, c := range v.GridCards {
		cards[i] = trouble.GridCard{Name: c.Name, Profile: c.Profile}
	}
	out := trouble.Account{
		ID:              a.ID,
		Label:           a.Label(),
		LoginID:         a.Name,
		OTP:             a.OTP,
		ClockOffset:     a.ClockOffset,
		Backup:          a.Backup.Clone(),
		Phones:          append([]phone.Binding(nil), a.Phones...),
		PhoneChanges:    append([]phone.Change(nil), v.PhoneChanges...),
		Recovery:        a.Recovery,
		GridCards:       cards,
		LockoutDuration: a.LockoutDuration,
		Events:          append([]trouble.Event(nil), a.Events...),
		ErrorNotes:      append([]trouble.ErrorNote(nil), a.ErrorNotes...),
	}
	if a.Lockout != nil {
		l := *a.Lockout
		out.Lockout = &l
	}
	return out
}
