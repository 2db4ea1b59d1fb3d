package trouble

import (
	"fmt"
	"time"
)

// DefaultLockoutDuration is how long a lock after wrong passwords lasts
// unless the account says otherwise: about an hour at many services. Some
// lock for several hours; set Account.LockoutDuration for those.
const DefaultLockoutDuration = time.Hour

// MaxLockoutDuration bounds a lockout: longer than any automatic lock, short
// enough that a typo in a duration is caught.
const MaxLockoutDuration = 30 * 24 * time.Hour

// Lockout records that a service locked an account after wrong passwords:
// since when, and when the lock should lift by itself. The service decides
// the real end; Until is the best estimate, from the account's usual
// lockout duration or what the service said.
type Lockout struct {
	// Since is when the lock started (or was noticed).
	Since time.Time `json:"since"`
	// Until is when it should lift.
	Until time.Time `json:"until"`
	// Note is what the person wants to remember ("the site said 3 hours").
	Note string `json:"note,omitempty"`
}

// MaxNoteLen bounds the text of a lockout note or an error note, in
// characters.
const MaxNoteLen = 500

// LockoutFor returns the duration of a new lockout for an account whose
// usual duration is d: d itself, or DefaultLockoutDuration when d is 0.
func LockoutFor(d time.Duration) time.Duration {
	if d == 0 {
		return DefaultLockoutDuration
	}
	return d
}

// ValidateDuration checks a lockout duration: positive and at most
// MaxLockoutDuration (ErrBadDuration).
func ValidateDuration(d time.Duration) error {
	if d <= 0 || d > MaxLockoutDuration {
		return fmt.Errorf("%w: %s (allowed: more than 0, at most %s)", ErrBadDuration, d, MaxLockoutDuration)
	}
	return nil
}

// NewLockout records a lockout starting at since and lasting d (0: the
// default hour).
func NewLockout(since time.Time, d time.Duration, note string) (Lockout, error) {
	d = LockoutFor(d)
	if err := ValidateDuration(d); err != nil {
		return Lockout{}, err
	}
	return LockoutUntil(since, since.Add(d), note)
}

// LockoutUntil records a lockout from since until until, as a service
// announced it. until must be after since (ErrBadTime) and at most
// MaxLockoutDuration later (ErrBadDuration); note at most MaxNoteLen
// characters (ErrTooLong).
func LockoutUntil(since, until time.Time, note string) (Lockout, error) {
	if !until.After(since) {
		return Lockout{}, fmt.Errorf("%w: %s is not after %s", ErrBadTime, until.Format(time.RFC3339), since.Format(time.RFC3339))
	}
	if err := ValidateDuration(until.Sub(since)); err != nil {
		return Lockout{}, err
	}
	if n := len([]rune(note)); n > MaxNoteLen {
		return Lockout{}, fmt.Errorf("%w: note of %d characters (at most %d)", ErrTooLong, n, MaxNoteLen)
	}
	return Lockout{Since: since.UTC(), Until: until.UTC(), Note: note}, nil
}

// Lifted reports whether the lock should have lifted at now.
func (l Lockout) Lifted(now time.Time) bool { return !now.Before(l.Until) }

// Remaining is how long until the lock should lift, 0 once it has.
func (l Lockout) Remaining(now time.Time) time.Duration {
	if l.Lifted(now) {
		return 0
	}
	return l.Until.Sub(now)
}
