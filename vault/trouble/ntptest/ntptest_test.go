package ntptest

import (
	"testing"
	"time"

	"github.com/beevik/ntp"
)

// The servers are checked with the NTP client Mamori uses, not with our own
// decoding of what we encoded.
func TestServers(t *testing.T) {
	at := time.Date(2026, 11, 22, 6, 0, 0, 123456789, time.UTC)
	r, err := ntp.QueryWithOptions(Start(t, func() time.Time { return at }), ntp.QueryOptions{Timeout: time.Minute})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	if r.Stratum != 2 || r.Time.Sub(at).Abs() > time.Microsecond || r.ReferenceTime.Sub(at.Add(-time.Minute)).Abs() > time.Microsecond {
		t.Errorf("Start answered stratum %d, time %v, reference %v; want 2, %v, a minute before", r.Stratum, r.Time, r.ReferenceTime, at)
	}
	if err := r.Validate(); err != nil {
		t.Errorf("the answer does not validate: %v", err)
	}

	r, err = ntp.QueryWithOptions(StartKissOfDeath(t), ntp.QueryOptions{Timeout: time.Minute})
	if err != nil {
		t.Fatalf("StartKissOfDeath: %v", err)
	}
	if r.Stratum != 0 || r.Validate() == nil {
		t.Errorf("StartKissOfDeath answered stratum %d and validates", r.Stratum)
	}

	if _, err := ntp.QueryWithOptions(StartSilent(t), ntp.QueryOptions{Timeout: 200 * time.Millisecond}); err == nil {
		t.Errorf("StartSilent answered")
	}
}
