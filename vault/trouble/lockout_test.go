package trouble

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// clock is an injected clock for the lockout tests: it only moves when the
// test says so.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newClock(t *testing.T, rfc3339 string) *clock {
	t.Helper()
	at, err := time.Parse(time.RFC3339, rfc3339)
	if err != nil {
		t.Fatal(err)
	}
	return &clock{at}
}

func TestLockoutTiming(t *testing.T) {
	for _, tc := range []struct {
		name     string
		duration time.Duration // the account's LockoutDuration
		want     time.Duration // how long the lock lasts
	}{
		{"default hour", 0, time.Hour},
		{"several hours", 3 * time.Hour, 3 * time.Hour},
		{"fifteen minutes", 15 * time.Minute, 15 * time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newClock(t, "2025-04-01T09:00:00+09:00")
			l, err := NewLockout(c.now(), tc.duration, "")
			if err != nil {
				t.Fatal(err)
			}
			if !l.Since.Equal(c.now()) || !l.Until.Equal(c.now().Add(tc.want)) {
				t.Fatalf("lockout %+v, want %s from %s", l, tc.want, c.now())
			}
			steps := []struct {
				after   time.Duration
				lifted  bool
				remains time.Duration
			}{
				{0, false, tc.want},
				{time.Second, false, tc.want - time.Second},
				{tc.want - 2*time.Second, false, time.Second},
				{time.Second - time.Nanosecond, false, time.Nanosecond},
				{time.Nanosecond, true, 0},
				{24 * time.Hour, true, 0},
			}
			for _, s := range steps {
				c.advance(s.after)
				if got := l.Lifted(c.now()); got != s.lifted {
					t.Errorf("at %s: Lifted = %v, want %v", c.now(), got, s.lifted)
				}
				if got := l.Remaining(c.now()); got != s.remains {
					t.Errorf("at %s: Remaining = %s, want %s", c.now(), got, s.remains)
				}
			}
		})
	}
}

func TestLockoutUntilAndLimits(t *testing.T) {
	c := newClock(t, "2025-04-01T00:00:00Z")
	l, err := LockoutUntil(c.now(), c.now().Add(5*time.Hour), "the site said five hours")
	if err != nil || l.Note != "the site said five hours" || l.Remaining(c.now()) != 5*time.Hour {
		t.Fatalf("LockoutUntil = %+v, %v", l, err)
	}
	for _, tc := range []struct {
		name  string
		until time.Time
		note  string
		want  error
	}{
		{"ends at the start", c.now(), "", ErrBadTime},
		{"ends before", c.now().Add(-time.Minute), "", ErrBadTime},
		{"too long", c.now().Add(MaxLockoutDuration + time.Second), "", ErrBadDuration},
		{"note too long", c.now().Add(time.Hour), strings.Repeat("あ", MaxNoteLen+1), ErrTooLong},
	} {
		if _, err := LockoutUntil(c.now(), tc.until, tc.note); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
	for _, d := range []time.Duration{-time.Hour, MaxLockoutDuration + 1} {
		if _, err := NewLockout(c.now(), d, ""); !errors.Is(err, ErrBadDuration) {
			t.Errorf("NewLockout(%s) err = %v", d, err)
		}
	}
	if LockoutFor(0) != DefaultLockoutDuration || LockoutFor(2*time.Hour) != 2*time.Hour {
		t.Error("LockoutFor")
	}
}
