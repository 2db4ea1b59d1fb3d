package trouble

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/beevik/ntp"

	"github.com/mamori-app/mamori/vault/otp"
)

// MaxClockOffset bounds an account's clock offset, in seconds: a day either
// way. A real service or device is never that far off; a larger number is a
// typo.
const MaxClockOffset = 24 * 60 * 60

// DefaultClockTimeout is how long CheckClock waits for the server.
const DefaultClockTimeout = 5 * time.Second

// ValidateOffset checks an account's clock offset in seconds (ErrBadOffset).
func ValidateOffset(seconds int) error {
	if seconds < -MaxClockOffset || seconds > MaxClockOffset {
		return fmt.Errorf("%w: %d seconds (at most %d either way)", ErrBadOffset, seconds, MaxClockOffset)
	}
	return nil
}

// Shift returns the moment an account's codes are made for at t: t plus the
// account's clock offset in seconds. A positive offset makes codes for a
// later time (for a clock that runs slow, or a service that runs early).
func Shift(t time.Time, offsetSeconds int) time.Time {
	return t.Add(time.Duration(offsetSeconds) * time.Second)
}

// ClockOptions tune CheckClock.
type ClockOptions struct {
	// Timeout is how long to wait for the answer; 0 means
	// DefaultClockTimeout.
	Timeout time.Duration
	// Now reads the local clock; nil uses the most precise clock the system
	// offers.
	Now func() time.Time
}

// ClockCheck is the result of comparing this computer's clock with an NTP
// server.
type ClockCheck struct {
	// Server is the server asked, as given.
	Server string `json:"server"`
	// Offset is the server's time minus this computer's: positive when this
	// computer's clock is behind. Add it to the local time to get the
	// server's.
	Offset time.Duration `json:"offset"`
	// RTT is the round trip to the server; the offset is accurate to about
	// half of it.
	RTT time.Duration `json:"rtt"`
	// Stratum is the server's distance from a reference clock (1 is
	// attached to one).
	Stratum int `json:"stratum"`
	// At is the local time the answer arrived.
	At time.Time `json:"at"`
}

// Skew is how much a clock offset matters for one-time codes.
type Skew string

// Skews, from harmless to fatal for codes.
const (
	// SkewFine: under 10 seconds; codes work.
	SkewFine Skew = "fine"
	// SkewRisky: 10 to 30 seconds; codes fail near the end of their period
	// at services that accept no previous code.
	SkewRisky Skew = "risky"
	// SkewBad: 30 seconds or more; most codes are refused.
	SkewBad Skew = "bad"
)

// AssessOffset says how much a clock offset matters for one-time codes.
func AssessOffset(d time.Duration) Skew {
	d = d.Abs()
	switch {
	case d < 10*time.Second:
		return SkewFine
	case d < 30*time.Second:
		return SkewRisky
	}
	return SkewBad
}

// SuggestedOffset is the per-account offset, in whole seconds, that makes
// codes right for a clock off by d: d rounded, or 0 when d does not matter.
func SuggestedOffset(d time.Duration) int {
	if AssessOffset(d) == SkewFine {
		return 0
	}
	return int(math.Round(d.Seconds()))
}

// CheckClock asks the NTP server named by server ("host" or "host:port")
// for the time and returns how far this computer's clock is off.
//
// Nothing is contacted unless the caller names a server: server "" returns
// ErrNoServer. Asking tells the server this computer's IP address and that
// it checked its clock at that moment; callers must let the person choose
// the server and say so. An unreachable server, a time-out or an answer
// that fails the NTP sanity checks (unsynchronised, kiss of death) returns
// an error wrapping ErrClockCheck.
func CheckClock(server string, opt ClockOptions) (ClockCheck, error) {
	server = strings.TrimSpace(server)
	if server == "" {
		return ClockCheck{}, ErrNoServer
	}
	q := ntp.QueryOptions{Timeout: opt.Timeout, GetSystemTime: opt.Now}
	if q.Timeout <= 0 {
		q.Timeout = DefaultClockTimeout
	}
	r, err := ntp.QueryWithOptions(server, q)
	if err != nil {
		return ClockCheck{}, fmt.Errorf("%w: ask %s: %w", ErrClockCheck, clip(server), err)
	}
	if err := r.Validate(); err != nil {
		return ClockCheck{}, fmt.Errorf("%w: answer from %s: %w", ErrClockCheck, clip(server), err)
	}
	at := r.Timestamps.ClientRecv
	if opt.Now != nil {
		at = opt.Now()
	}
	return ClockCheck{Server: server, Offset: r.ClockOffset, RTT: r.RTT, Stratum: int(r.Stratum), At: at}, nil
}

// CodeWindow is an account's time-based codes around a moment: the one
// before, the current one and the one after, for comparing with what a
// service expects when its clock and this one disagree.
type CodeWindow struct {
	// At is the moment the codes are made for: the local time shifted by
	// the account's clock offset.
	At time.Time `json:"at"`
	// Offset is the account's clock offset in seconds.
	Offset int `json:"offset_seconds"`
	// Period is the code lifetime in seconds.
	Period int `json:"period"`
	// Previous, Current and Next are the codes of the periods around At.
	Previous string `json:"previous"`
	Current  string `json:"current"`
	Next     string `json:"next"`
	// Left is how long Current stays valid; LeftSeconds is the same in
	// whole seconds, rounded up, for JSON.
	Left        time.Duration `json:"-"`
	LeftSeconds int           `json:"left_seconds"`
}

// Codes returns k's codes around now shifted by offsetSeconds. k must be a
// TOTP or Steam key (otp.ErrNotTimeBased otherwise).
func Codes(k otp.Key, now time.Time, offsetSeconds int) (CodeWindow, error) {
	if err := ValidateOffset(offsetSeconds); err != nil {
		return CodeWindow{}, err
	}
	at := Shift(now, offsetSeconds)
	step := time.Duration(k.Period) * time.Second
	w := CodeWindow{At: at, Offset: offsetSeconds, Period: k.Period}
	var err error
	if w.Current, err = k.Code(at); err != nil {
		return CodeWindow{}, err
	}
	if w.Previous, err = k.Code(at.Add(-step)); err != nil {
		// The first period of 1970 has no previous code.
		w.Previous = ""
	}
	if w.Next, err = k.Code(at.Add(step)); err != nil {
		return CodeWindow{}, err
	}
	w.Left = k.Remaining(at)
	w.LeftSeconds = int((w.Left + time.Second - 1) / time.Second)
	return w, nil
}
