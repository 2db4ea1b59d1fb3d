package usecase

import (
	"encoding/base32"
	"errors"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
)

// storeForTest is a real store in a temporary folder with an in-memory
// keyring, and a clock fixed at at.
func storeForTest(t *testing.T, at time.Time) *Service {
	t.Helper()
	store := vault.NewStore(vault.Options{Dir: t.TempDir(), Keyring: keystore.System, ScryptWorkFactor: 10}, &keystore.Memory{})
	return New(store, func() time.Time { return at })
}

func addTestAccount(t *testing.T, s *Service, issuer, name string) vault.Account {
	t.Helper()
	secret := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte(issuer + "/" + name + "/0123456789"))
	parsed, err := otp.ParseURI("otpauth://totp/" + issuer + ":" + name + "?secret=" + secret + "&issuer=" + issuer)
	if err != nil {
		t.Fatal(err)
	}
	a, err := vault.NewAccount(issuer, name, parsed.Key, s.now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.change(func(v *vault.Vault) error {
		if !v.Add(a) {
			t.Fatalf("%s: %s is a duplicate", issuer, name)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestChangeAccountStampsUpdatedOnlyWhenChanged(t *testing.T) {
	added := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s := storeForTest(t, added)
	a := addTestAccount(t, s, "Example", "alice")
	before, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}

	later := added.Add(time.Hour)
	s.now = func() time.Time { return later }
	tests := []struct {
		name        string
		ref         string
		changed     bool
		fnErr       error
		wantErr     error
		wantGen     uint64
		wantUpdated time.Time
	}{
		{"nothing changed: no write, no stamp", a.ID, false, nil, nil, before.Generation, a.Updated},
		{"by query, nothing changed", "alice", false, nil, nil, before.Generation, a.Updated},
		{"the change fails: no write", a.ID, true, errors.New("refused"), nil, before.Generation, a.Updated},
		{"unknown account", "nobody", true, nil, vault.ErrNotFound, before.Generation, a.Updated},
		{"changed: one write, stamped", a.ID, true, nil, nil, before.Generation + 1, later},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := s.changeAccount(tt.ref, func(_ *vault.Vault, acct *vault.Account) (bool, error) {
				if tt.changed {
					acct.Name += "!"
				}
				return tt.changed, tt.fnErr
			})
			switch {
			case tt.fnErr != nil && !errors.Is(err, tt.fnErr):
				t.Fatalf("error %v, want %v", err, tt.fnErr)
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			case tt.fnErr == nil && tt.wantErr == nil && err != nil:
				t.Fatal(err)
			}
			v, err := s.Load()
			if err != nil {
				t.Fatal(err)
			}
			if v.Generation != tt.wantGen {
				t.Errorf("generation %d, want %d", v.Generation, tt.wantGen)
			}
			if got := v.Account(a.ID).Updated; !got.Equal(tt.wantUpdated) {
				t.Errorf("Updated %v, want %v", got, tt.wantUpdated)
			}
		})
	}
}

func TestFailedChangeOnAFreshStoreMakesNoKey(t *testing.T) {
	s := storeForTest(t, time.Now())
	_, err := s.change(func(*vault.Vault) error { return vault.ErrNotFound })
	if !errors.Is(err, vault.ErrNotFound) {
		t.Fatalf("error %v, want ErrNotFound", err)
	}
	if info, err := s.Store().Info(); err != nil || info.Exists || info.Backend != "" {
		t.Fatalf("a failed first change left %+v (%v); want no vault and no key", info, err)
	}
}
