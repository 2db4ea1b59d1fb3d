package usecase

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/trouble"
)

// This file is the operations of the "I can't log in" tools: lockouts,
// the breach checklist and the notes on a service's error codes.

// LockoutError is an error of a lockout the trouble package refused (a
// length it cannot record, a note too long). It wraps trouble's error.
type LockoutError struct{ Err error }

func (e *LockoutError) Error() string { return "record lockout: " + e.Err.Error() }
func (e *LockoutError) Unwrap() error { return e.Err }

// ErrorNoteError is an error of an error note the trouble package refused
// (an empty code or note, one too long, too many notes). It wraps
// trouble's error.
type ErrorNoteError struct{ Err error }

func (e *ErrorNoteError) Error() string { return "error note: " + e.Err.Error() }
func (e *ErrorNoteError) Unwrap() error { return e.Err }

// NoErrorNoteError is returned by RemoveErrorNote when the account has no
// note for the code.
type NoErrorNoteError struct {
	Label string
	Code  string // the code as normalised
	Err   error
}

func (e *NoErrorNoteError) Error() string { return "remove error note: " + e.Err.Error() }
func (e *NoErrorNoteError) Unwrap() error { return e.Err }

// BadStepError is returned by Breach when the step to tick is not one
// that can be ticked. It wraps trouble.ErrNotTickable.
type BadStepError struct {
	Step     string // the step as asked for
	Tickable []int  // the numbers of the steps that can be ticked
}

func (e *BadStepError) Error() string {
	return fmt.Sprintf("tick breach step %q: %v", e.Step, trouble.ErrNotTickable)
}
func (e *BadStepError) Unwrap() error { return trouble.ErrNotTickable }

// LockoutSpec says when a lockout being recorded lifts.
type LockoutSpec struct {
	// Until, when set, is when it lifts.
	Until time.Time
	// For is how long it lasts when Until is not set; 0 is the account's
	// usual lockout duration.
	For time.Duration
	// Note is kept with the lockout (never a password).
	Note string
	// Remember keeps For as the account's usual lockout duration.
	Remember bool
}

// LockoutResult is what RecordLockout recorded.
type LockoutResult struct {
	Account vault.Account
	Lockout trouble.Lockout
	// Replaced says a lockout was recorded before and was replaced.
	Replaced bool
}

// RecordLockout records, now, that the service of the account ref names
// locked it after wrong passwords, lifting as spec says, and logs it in
// the account's history.
func (s *Service) RecordLockout(ref string, spec LockoutSpec) (LockoutResult, error) {
	now := s.now()
	var res LockoutResult
	acct, _, err := s.changeAccount(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		var l trouble.Lockout
		var err error
		switch {
		case !spec.Until.IsZero():
			l, err = trouble.LockoutUntil(now, spec.Until, spec.Note)
		case spec.For != 0:
			l, err = trouble.NewLockout(now, spec.For, spec.Note)
		default:
			l, err = trouble.NewLockout(now, a.LockoutDuration, spec.Note)
		}
		if err != nil {
			return false, &LockoutError{Err: err}
		}
		ev, err := trouble.AddEvent(a.Events, trouble.EventLockout, l.Until.Format(time.RFC3339), now)
		if err != nil {
			return false, &LockoutError{Err: err}
		}
		res.Replaced = a.Lockout != nil
		a.Lockout, a.Events, res.Lockout = &l, ev, l
		if spec.Remember && spec.For != 0 {
			a.LockoutDuration = spec.For
		}
		return true, nil
	})
	if err != nil {
		return LockoutResult{}, err
	}
	res.Account = acct
	return res, nil
}

// ClearLockout forgets the lockout recorded for the account ref names,
// logging it in its history. It reports whether there was one (none:
// nothing is written).
func (s *Service) ClearLockout(ref string) (vault.Account, bool, error) {
	now := s.now()
	var cleared bool
	acct, _, err := s.changeAccount(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		if a.Lockout == nil {
			return false, nil
		}
		ev, err := trouble.AddEvent(a.Events, trouble.EventLockoutCleared, "", now)
		if err != nil {
			return false, err
		}
		a.Lockout, a.Events, cleared = nil, ev, true
		return true, nil
	})
	return acct, cleared, err
}

// BreachResult is what Breach did.
type BreachResult struct {
	// Account is the account as saved.
	Account vault.Account
	// Trouble is the account as the trouble flows read it, after the
	// change.
	Trouble trouble.Account
	// Ticked is the step ticked, if one was.
	Ticked *trouble.Step
}

// Breach works on the breach checklist of the account ref names: with
// reset, it starts afresh (a new incident); with step (its number or ID),
// it ticks that step off, dated now. Both, when both are given, in one
// change. lang is the language of the checklist's texts in the result.
func (s *Service) Breach(ref, step string, reset bool, lang string) (BreachResult, error) {
	now := s.now()
	var res BreachResult
	acct, v, err := s.changeAccount(ref, func(v *vault.Vault, a *vault.Account) (bool, error) {
		events := a.Events
		var err error
		if reset {
			if events, err = trouble.AddEvent(events, trouble.EventBreachReset, "", now); err != nil {
				return false, err
			}
		}
		if step != "" {
			c, err := trouble.Flow(trouble.Breached, v.TroubleAccount(a), lang, now)
			if err != nil {
				return false, err
			}
			want := strings.TrimSpace(norm.NFKC.String(step))
			for i, st := range c.Steps {
				if st.ID == step || strconv.Itoa(st.Number) == want {
					res.Ticked = &c.Steps[i]
				}
			}
			if res.Ticked == nil || !res.Ticked.Tickable {
				bad := &BadStepError{Step: step}
				for _, st := range c.Steps {
					if st.Tickable {
						bad.Tickable = append(bad.Tickable, st.Number)
					}
				}
				return false, bad
			}
			if events, err = trouble.Tick(events, res.Ticked.ID, now); err != nil {
				return false, err
			}
		}
		a.Events = events
		return reset || step != "", nil
	})
	if err != nil {
		return BreachResult{}, err
	}
	res.Account = acct
	if a := v.Account(acct.ID); a != nil {
		res.Trouble = v.TroubleAccount(a)
	}
	return res, nil
}

// ErrorNoteResult is what SetErrorNote or RemoveErrorNote did.
type ErrorNoteResult struct {
	Account vault.Account
	// Code is the error code as kept ("コード：ce500" is CE500).
	Code string
	// Replaced says SetErrorNote replaced an earlier note for the code.
	Replaced bool
}

// SetErrorNote keeps text, what the error code means at the service of
// the account ref names and what helped, replacing an earlier note for
// the same code.
func (s *Service) SetErrorNote(ref, code, text string) (ErrorNoteResult, error) {
	now := s.now()
	res := ErrorNoteResult{Code: trouble.NormalizeErrorCode(code)}
	acct, _, err := s.changeAccount(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		notes, replaced, err := trouble.SetErrorNote(a.ErrorNotes, code, text, now)
		if err != nil {
			return false, &ErrorNoteError{Err: err}
		}
		a.ErrorNotes, res.Replaced = notes, replaced
		return true, nil
	})
	if err != nil {
		return ErrorNoteResult{}, err
	}
	res.Account = acct
	return res, nil
}

// RemoveErrorNote forgets the note for code on the account ref names; a
// code without a note is a *NoErrorNoteError.
func (s *Service) RemoveErrorNote(ref, code string) (ErrorNoteResult, error) {
	res := ErrorNoteResult{Code: trouble.NormalizeErrorCode(code)}
	acct, _, err := s.changeAccount(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		notes, err := trouble.RemoveErrorNote(a.ErrorNotes, code)
		if err != nil {
			return false, &NoErrorNoteError{Label: a.Label(), Code: res.Code, Err: err}
		}
		a.ErrorNotes = notes
		return true, nil
	})
	if err != nil {
		return ErrorNoteResult{}, err
	}
	res.Account = acct
	return res, nil
}
