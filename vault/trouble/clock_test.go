package trouble

import (
	"encoding/binary"
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/otp"
)

// ntpEpoch is the NTP era 0 origin.
var ntpEpoch = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// ntpTime writes t as a 64-bit NTP timestamp.
func ntpTime(t time.Time) uint64 {
	d := t.Sub(ntpEpoch)
	sec := uint64(d / time.Second)
	frac := uint64(d%time.Second) << 32 / uint64(time.Second)
	return sec<<32 | frac
}

// ntpServer answers NTP requests on 127.0.0.1 with a clock running offset
// ahead of this one. stratum 0 makes it send a "kiss of death"; silent makes
// it never answer.
type ntpServer struct {
	conn    *net.UDPConn
	offset  time.Duration
	stratum byte
	silent  bool
	wg      sync.WaitGroup
}

func startNTP(t *testing.T, offset time.Duration, stratum byte, silent bool) string {
	t.Helper()
	conn, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	s := &ntpServer{conn: conn, offset: offset, stratum: stratum, silent: silent}
	s.wg.Add(1)
	go s.serve()
	t.Cleanup(func() {
		conn.Close()
		s.wg.Wait()
	})
	return conn.LocalAddr().String()
}

func (s *ntpServer) serve() {
	defer s.wg.Done()
	buf := make([]byte, 512)
	for {
		n, addr, err := s.conn.ReadFromUDP(buf)
		if err != nil {
			return // closed
		}
		if n < 48 || s.silent {
			continue
		}
		recv := time.Now().Add(s.offset)
		resp := make([]byte, 48)
		resp[0] = 0<<6 | 4<<3 | 4 // no leap warning, version 4, server mode
		resp[1] = s.stratum
		resp[2] = 6                                      // poll
		resp[3] = 0xEC                                   // precision 2^-20
		binary.BigEndian.PutUint32(resp[4:], 0)          // root delay
		binary.BigEndian.PutUint32(resp[8:], 0x00000100) // root dispersion
		copy(resp[12:16], "TEST")
		binary.BigEndian.PutUint64(resp[16:], ntpTime(recv.Add(-time.Minute))) // reference time
		copy(resp[24:32], buf[40:48])                                          // origin: the client's transmit field
		binary.BigEndian.PutUint64(resp[32:], ntpTime(recv))
		binary.BigEndian.PutUint64(resp[40:], ntpTime(time.Now().Add(s.offset)))
		s.conn.WriteToUDP(resp, addr)
	}
}

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
			addr := startNTP(t, tc.offset, 2, false)
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
	kiss := startNTP(t, 0, 0, false)
	if _, err := CheckClock(kiss, ClockOptions{Timeout: 10 * time.Second}); !errors.Is(err, ErrClockCheck) {
		t.Errorf("kiss of death: %v", err)
	}
	silent := startNTP(t, 0, 2, true)
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
