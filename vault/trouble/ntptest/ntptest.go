// Package ntptest runs NTP servers on the loopback interface for tests, the
// way net/http/httptest runs HTTP servers: a clock check can then be tested
// against a server whose time the test chooses, with no network.
package ntptest

import (
	"encoding/binary"
	"net"
	"sync"
	"testing"
	"time"
)

// Start runs an NTP server on 127.0.0.1 for the rest of the test and returns
// its host:port. It answers every request at stratum 2 with clock's time as
// both its receive and transmit timestamps; a test that gives the checker a
// fixed clock too gets an exact offset, however slowly either side runs.
func Start(t testing.TB, clock func() time.Time) string {
	return start(t, clock, 2, false)
}

// StartKissOfDeath runs a server that answers at stratum 0, the "kiss of
// death" with which a server tells a client to go away.
func StartKissOfDeath(t testing.TB) string {
	return start(t, time.Now, 0, false)
}

// StartSilent runs a server that reads requests and never answers.
func StartSilent(t testing.TB) string {
	return start(t, time.Now, 2, true)
}

func start(t testing.TB, clock func() time.Time, stratum byte, silent bool) string {
	t.Helper()
	conn, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatalf("ntptest: %v", err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := make([]byte, 512)
		for {
			n, addr, err := conn.ReadFromUDP(buf)
			if err != nil {
				return // closed
			}
			if n < 48 || silent {
				continue
			}
			now := clock()
			resp := make([]byte, 48)
			resp[0] = 0<<6 | 4<<3 | 4 // no leap warning, version 4, server mode
			resp[1] = stratum
			resp[2] = 6                                      // poll
			resp[3] = 0xEC                                   // precision 2^-20
			binary.BigEndian.PutUint32(resp[8:], 0x00000100) // root dispersion
			copy(resp[12:16], "TEST")                        // reference ID
			binary.BigEndian.PutUint64(resp[16:], stamp(now.Add(-time.Minute)))
			copy(resp[24:32], buf[40:48]) // origin: the client's transmit time
			binary.BigEndian.PutUint64(resp[32:], stamp(now))
			binary.BigEndian.PutUint64(resp[40:], stamp(now))
			conn.WriteToUDP(resp, addr)
		}
	}()
	t.Cleanup(func() {
		conn.Close()
		wg.Wait()
	})
	return conn.LocalAddr().String()
}

// epoch is the origin of NTP era 0.
var epoch = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// stamp is t as a 64-bit NTP timestamp: seconds, then a 32-bit fraction.
func stamp(t time.Time) uint64 {
	d := t.Sub(epoch)
	return uint64(d/time.Second)<<32 | uint64(d%time.Second)<<32/uint64(time.Second)
}
