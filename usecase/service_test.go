package usecase

import (
	"errors"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/service"
)

// testService is the operations on a new vault in a temporary folder
// holding the given accounts, with a clock the test moves.
func testService(t *testing.T, accts ...vault.Account) (*Service, *time.Time) {
	t.Helper()
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	store := vault.NewStore(vault.Options{Dir: t.TempDir(), Now: clock}, &keystore.Memory{})
	if _, err := store.Update(func(v *vault.Vault) error {
		v.Accounts = append(v.Accounts, accts...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return New(store, clock), &now
}

func TestSetAccountService(t *testing.T) {
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s, now := testService(t, vault.Account{ID: "a1", Issuer: "Acme", Name: "alice", Created: created, Updated: created})
	dir := service.New()

	cases := []struct {
		choice    string
		want      string
		err       error
		stampedAt bool
	}{
		{"github.com", "github.com", nil, true},
		{"GitHub.com ", "github.com", nil, false}, // the same choice: nothing written
		{"no-such.example", "github.com", ErrUnknownService, false},
		{service.None, service.None, nil, true},
		{"", "", nil, true},
	}
	for i, c := range cases {
		*now = now.Add(time.Hour)
		before, _ := s.Load()
		a, err := s.SetAccountService("a1", c.choice, dir)
		if !errors.Is(err, c.err) {
			t.Fatalf("%d %q: err = %v, want %v", i, c.choice, err, c.err)
		}
		after, _ := s.Load()
		if got := after.Accounts[0].Service; got != c.want {
			t.Errorf("%d %q: Service = %q, want %q", i, c.choice, got, c.want)
		}
		wrote := after.Generation != before.Generation
		if wrote != c.stampedAt {
			t.Errorf("%d %q: wrote %v, want %v", i, c.choice, wrote, c.stampedAt)
		}
		if c.stampedAt && (!a.Updated.Equal(*now) || !after.Accounts[0].Updated.Equal(*now)) {
			t.Errorf("%d %q: Updated = %v, want %v", i, c.choice, after.Accounts[0].Updated, *now)
		}
	}
	if _, err := s.SetAccountService("nobody", "github.com", dir); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("unknown account: err = %v", err)
	}
	m := Explain(ErrUnknownService)
	if m.ID != "error.unknown_service" || m.Hint == nil {
		t.Errorf("Explain = %+v", m)
	}
}

// The readiness list holds phone's findings and the services' in one
// order: severity, then label.
func TestReadinessMerges(t *testing.T) {
	sms := []phone.Binding{{Number: "+819012345678", Role: phone.RoleSMS}}
	v := vault.New()
	v.Accounts = []vault.Account{
		{ID: "1", Issuer: "GitHub", Name: "b", Phones: sms},                // sms-only (high), sms-switchable (medium)
		{ID: "2", Issuer: "PayPay", Name: "a", Phones: sms},                // sms-only (high), service-phone-only (medium)
		{ID: "3", Issuer: "Acme", Name: "c", Phones: sms, Service: "none"}, // sms-only (high)
	}
	got := Readiness(v, service.New())
	want := []struct {
		id   string
		code phone.FindingCode
	}{
		{"3", phone.FindingSMSOnly}, {"1", phone.FindingSMSOnly}, {"2", phone.FindingSMSOnly},
		{"1", service.FindingSwitchFromSMS}, {"2", service.FindingPhoneOnlyService},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings: %+v", len(got), got)
	}
	for i, w := range want {
		if got[i].AccountID != w.id || got[i].Code != w.code {
			t.Errorf("finding %d = %s %s, want %s %s", i, got[i].AccountID, got[i].Code, w.id, w.code)
		}
	}
}
