package trouble

import (
	"errors"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/trouble/ntptest"
)

func TestCheckClockAgainstLocalServer(t *testing.T) {
	for _, tc := range []struct {
		name   string
		offset time.Duration
		skew   Skew
	}{
		{"in step", 0, SkewFine},
		{"this clock 90 s behind", 90 * time.Second, SkewBad},
		{"this clock 45.5 s ahead", -45500 * time.Millisecond, SkewBad},
		{"this clock 20 s behind", 20 * time.Second, SkewRisky},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := ntptest.Start(t, func() time.Time { return time.Now().Add(tc.offset) })
			got, err := CheckClock(addr, ClockOptions{Timeout: 10 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			// Tolerance for the measurement itself (not a speed check):
			// the offset is exact to within half the round trip.
			tolerance := 250*time.Millisecond + got.RTT
			if d := (got.Offset - tc.offset).Abs(); d > tolerance {
				t.Errorf("offset %s, want %s ± %s", got.Offset, tc.offset, tolerance)
			}
			if got.Server != addr || got.Stratum != 2 || got.At.IsZero() {
				t.Errorf("check = %+v", got)
			}
			if s := AssessOffset(got.Offset); s != tc.skew {
				t.Errorf("AssessOffset(%s) = %s, want %s", got.Offset, s, tc.skew)
			}
		})
	}
}

func TestCheckClockFailures(t *testing.T) {
	if _, err := CheckClock("", ClockOptions{}); !errors.Is(err, ErrNoServer) {
		t.Errorf("no server: %v", err)
	}
	if _, err := CheckClock("  ", ClockOptions{}); !errors.Is(err, ErrNoServer) {
		t.Errorf("blank server: %v", err)
	}
	kiss := ntptest.StartKissOfDeath(t)
	if _, err := CheckClock(kiss, ClockOptions{Timeout: 10 * time.Second}); !errors.Is(err, ErrClockCheck) {
		t.Errorf("kiss of death: %v", err)
	}
	silent := ntptest.StartSilent(t)
	if _, err := CheckClock(silent, ClockOptions{Timeout: 200 * time.Millisecond}); !errors.Is(err, ErrClockCheck) {
		t.Errorf("silent server: %v", err)
	}
}

func TestSuggestedOffset(t *testing.T) {
	for d, want := range map[time.Duration]int{
		0:                         0,
		9 * time.Second:           0,
		-9 * time.Second:          0,
		12400 * time.Millisecond:  12,
		-12600 * time.Millisecond: -13,
		90 * time.Second:          90,
	} {
		if got := SuggestedOffset(d); got != want {
			t.Errorf("SuggestedOffset(%s) = %d, want %d", d, got, want)
		}
	}
}

func TestCodesHonourOffset(t *testing.T) {
	k, err := otp.NewKey(otp.TOTP, "JBSWY3DPEHPK3PXP", otp.SHA1, 6, 30, 0)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Unix(1234567890, 0)
	for _, off := range []int{0, 30, -30, 75, -3600, MaxClockOffset, -MaxClockOffset} {
		w, err := Codes(k, now, off)
		if err != nil {
			t.Fatal(err)
		}
		at := now.Add(time.Duration(off) * time.Second)
		for name, c := range map[string]struct {
			got string
			at  time.Time
		}{"previous": {w.Previous, at.Add(-30 * time.Second)}, "current": {w.Current, at}, "next": {w.Next, at.Add(30 * time.Second)}} {
			want, _ := k.Code(c.at)
			if c.got != want {
				t.Errorf("offset %d: %s = %s, want %s", off, name, c.got, want)
			}
		}
		if !w.At.Equal(at) || w.Offset != off || w.Left != k.Remaining(at) || w.Period != 30 {
			t.Errorf("offset %d: window %+v", off, w)
		}
	}
	if _, err := Codes(k, now, MaxClockOffset+1); !errors.Is(err, ErrBadOffset) {
		t.Errorf("offset too large: %v", err)
	}
	h, _ := otp.NewKey(otp.HOTP, "JBSWY3DPEHPK3PXP", otp.SHA1, 6, 0, 3)
	if _, err := Codes(h, now, 0); !errors.Is(err, otp.ErrNotTimeBased) {
		t.Errorf("hotp: %v", err)
	}
	// The first period after 1970 has no previous code.
	w, err := Codes(k, time.Unix(5, 0), 0)
	if err != nil || w.Previous != "" || w.Current == "" {
		t.Errorf("at 1970: %+v, %v", w, err)
	}
}
