package usecase

import (
	"errors"
	"time"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/backup"
)

// SheetRecorded is what SetBackupSheet did.
type SheetRecorded struct {
	Account vault.Account
	// Recorded is how many codes the new sheet has.
	Recorded int
	// Old is the account's codes before: when Old.Current is set, those
	// codes are void now (kept as history).
	Old backup.Set
	// Vault is the vault as saved.
	Vault *vault.Vault
}

// The backup operations return the account (as it was) with an error
// about its codes too, so that the message can name it.

// SetBackupSheet records codes, a sheet read with backup.ParseSheet, as the
// backup codes of the account ref names. A sheet that replaces one keeps
// the old codes as void history; a sheet with a code the account had
// before is backup.ErrKnownCode, and nothing is written then.
func (s *Service) SetBackupSheet(ref string, codes []string) (SheetRecorded, error) {
	var out SheetRecorded
	a, v, err := s.changeAccount(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		out.Old = a.Backup.Clone()
		set := a.Backup.Clone()
		if err := set.Replace(codes, s.now()); err != nil {
			return false, err
		}
		a.Backup = set
		return true, nil
	})
	if err != nil {
		return SheetRecorded{Account: a}, err
	}
	out.Account, out.Recorded, out.Vault = a, len(codes), v
	return out, nil
}

// BackupUsed is a backup code marked used.
type BackupUsed struct {
	Account vault.Account
	// Code is the code marked used, as the sheet has it.
	Code backup.Code
	// Number is the code's place on its sheet, from 1.
	Number int
	// When is when it was marked used.
	When time.Time
	// Vault is the vault as saved.
	Vault *vault.Vault
}

// Set is the account's codes after the use.
func (u BackupUsed) Set() backup.Set { return u.Account.Backup }

// UseBackupCode marks code, as a person typed it, one of the account's
// backup codes used now. A code used before is a *backup.UsedError, one of
// a replaced sheet a *backup.VoidError, any other backup.ErrUnknownCode;
// an account with no codes backup.ErrNoCodes. Nothing is written then.
func (s *Service) UseBackupCode(ref, code string) (BackupUsed, error) {
	now := s.now()
	var out BackupUsed
	a, v, err := s.changeAccount(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		set := a.Backup.Clone()
		if err := set.Use(code, now); err != nil {
			return false, err
		}
		out.Number = set.Current.Find(code)
		if out.Number > 0 {
			out.Code = set.Current.Codes[out.Number-1]
		}
		a.Backup = set
		return true, nil
	})
	if err != nil {
		return BackupUsed{Account: a}, err
	}
	out.Account, out.When, out.Vault = a, now, v
	return out, nil
}

// UseNextBackupCode marks the account's next unused backup code used and
// returns it, in one save: a code that has left the vault counts as spent.
// None left is backup.ErrNoneLeft, no codes backup.ErrNoCodes.
func (s *Service) UseNextBackupCode(ref string) (BackupUsed, error) {
	now := s.now()
	var out BackupUsed
	a, v, err := s.changeAccount(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		set := a.Backup.Clone()
		c, n, err := set.UseNext(now)
		if err != nil {
			return false, err
		}
		out.Code, out.Number = c, n
		a.Backup = set
		return true, nil
	})
	if err != nil {
		return BackupUsed{Account: a}, err
	}
	out.Account, out.When, out.Vault = a, now, v
	return out, nil
}

// SetBackupThreshold sets how few unused codes make Mamori warn: at n or
// fewer, 0 for the default. n out of range is the backup package's error.
func (s *Service) SetBackupThreshold(ref string, n int) (Changed, error) {
	return s.changeOne(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		set := a.Backup.Clone()
		if err := set.SetLowThreshold(n); err != nil {
			return false, err
		}
		if set.LowThreshold == a.Backup.LowThreshold {
			return false, nil
		}
		a.Backup = set
		return true, nil
	})
}

// explainBackup words the errors of the backup-code operations, never
// repeating a code.
func explainBackup(err error) (Message, bool) {
	var used *backup.UsedError
	var void *backup.VoidError
	switch {
	case errors.As(err, &used):
		return Message{ID: "msg.backup.used", Data: map[string]any{"Number": used.Number, "When": when(used.When)}}, true
	case errors.As(err, &void) && void.Used != nil:
		return Message{ID: "msg.backup.void_used", Data: map[string]any{"Number": void.Generation, "Voided": day(void.Voided), "When": when(*void.Used)}}, true
	case errors.As(err, &void):
		return Message{ID: "msg.backup.void", Data: map[string]any{"Number": void.Generation, "Voided": day(void.Voided)}}, true
	case errors.Is(err, backup.ErrUnknownCode):
		return Message{ID: "msg.backup.unknown"}, true
	case errors.Is(err, backup.ErrNoneLeft):
		return Message{ID: "msg.backup.none_left"}, true
	case errors.Is(err, backup.ErrKnownCode):
		return Message{ID: "msg.backup.known"}, true
	case errors.Is(err, backup.ErrNoCodes):
		return Message{ID: "msg.backup.no_codes"}, true
	case errors.Is(err, backup.ErrTooLarge):
		return Message{ID: "msg.backup.too_large", Data: map[string]any{"Max": backup.MaxCodes}}, true
	case errors.Is(err, backup.ErrBadThreshold):
		return Message{ID: "msg.backup.bad_threshold", Data: map[string]any{"Max": backup.MaxCodes}}, true
	}
	return Message{}, false
}
