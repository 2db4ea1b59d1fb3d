package usecase

import (
	"encoding/base32"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
)

// phoneTestAt is the clock of the phone and device tests.
var phoneTestAt = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// phoneFixture is a real store in a temporary folder with an in-memory
// keyring, holding the accounts named (issuer "Example", key-less ones
// with "!" before the name).
func phoneFixture(t *testing.T, names ...string) *Service {
	t.Helper()
	store := vault.NewStore(vault.Options{Dir: t.TempDir(), Keyring: keystore.System, ScryptWorkFactor: 10}, &keystore.Memory{})
	s := New(store, func() time.Time { return phoneTestAt })
	_, err := s.change(func(v *vault.Vault) error {
		for _, n := range names {
			var key otp.Key
			if n[0] != '!' {
				secret := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte(n + " has a key of its own"))
				u, err := otp.ParseURI("otpauth://totp/Example:" + n + "?secret=" + secret + "&issuer=Example")
				if err != nil {
					return err
				}
				key = u.Key
			} else {
				n = n[1:]
			}
			a, err := vault.NewAccount("Example", n, key, phoneTestAt.Add(-time.Hour))
			if err != nil {
				return err
			}
			if !v.Add(a) {
				return errors.New("not added: " + n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// later moves s's clock on by an hour and returns the new time.
func later(s *Service) time.Time {
	at := s.now().Add(time.Hour)
	s.now = func() time.Time { return at }
	return at
}

func mustNumber(t *testing.T, s string) phone.Number {
	t.Helper()
	n, err := phone.Parse(s, phone.DefaultRegion)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBindAndUnbindPhone(t *testing.T) {
	s := phoneFixture(t, "alice")
	mobile, voip, landline := mustNumber(t, "090-1234-5678"), mustNumber(t, "050-1234-5678"), mustNumber(t, "03-1234-5678")
	tests := []struct {
		name    string
		do      func() (any, error)
		wantErr error
		write   bool
		check   func(t *testing.T, got any)
	}{
		{"bind: written and stamped", func() (any, error) { return s.BindPhone("alice", mobile, phone.RoleSMS) }, nil, true,
			func(t *testing.T, got any) {
				if r := got.(BindPhoneResult); !r.Added || r.Warning != "" || len(r.Account.Phones) != 1 {
					t.Errorf("result %+v", r)
				}
			}},
		{"the same binding again: nothing written", func() (any, error) { return s.BindPhone("alice", mobile, phone.RoleSMS) }, nil, false,
			func(t *testing.T, got any) {
				if r := got.(BindPhoneResult); r.Added {
					t.Errorf("added twice: %+v", r)
				}
			}},
		{"a VoIP number warns in any role", func() (any, error) { return s.BindPhone("alice", voip, phone.RoleRecoveryContact) }, nil, true,
			func(t *testing.T, got any) {
				if r := got.(BindPhoneResult); r.Warning != phone.FindingVoIPForSMS {
					t.Errorf("warning %q", r.Warning)
				}
			}},
		{"a landline for SMS warns", func() (any, error) { return s.BindPhone("alice", landline, phone.RoleBackup) }, nil, true,
			func(t *testing.T, got any) {
				if r := got.(BindPhoneResult); r.Warning != phone.FindingSMSUnsuitable {
					t.Errorf("warning %q", r.Warning)
				}
			}},
		{"a landline for voice does not", func() (any, error) { return s.BindPhone("alice", landline, phone.RoleVoice) }, nil, true,
			func(t *testing.T, got any) {
				if r := got.(BindPhoneResult); r.Warning != "" {
					t.Errorf("warning %q", r.Warning)
				}
			}},
		{"an unknown role", func() (any, error) { return s.BindPhone("alice", mobile, "fax") }, phone.ErrUnknownRole, false, nil},
		{"an unknown account", func() (any, error) { return s.BindPhone("nobody", mobile, phone.RoleSMS) }, vault.ErrNotFound, false, nil},
		{"unbind one role", func() (any, error) { return s.UnbindPhone("alice", landline.E164, phone.RoleVoice) }, nil, true,
			func(t *testing.T, got any) {
				if r := got.(UnbindPhoneResult); r.Removed != 1 || len(r.Account.Phones) != 3 {
					t.Errorf("result %+v", r)
				}
			}},
		{"unbind every role", func() (any, error) { return s.UnbindPhone("alice", landline.E164, "") }, nil, true, nil},
		{"unbind a number not bound", func() (any, error) { return s.UnbindPhone("alice", landline.E164, "") }, &NotBoundError{}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gen := generation(t, s)
			at := later(s)
			got, err := tt.do()
			checkErr(t, err, tt.wantErr)
			checkWrite(t, s, gen, tt.write)
			if tt.write {
				v, _ := s.Load()
				if a := v.Account(mustAccount(t, v, "alice").ID); !a.Updated.Equal(at) {
					t.Errorf("Updated = %v, want %v", a.Updated, at)
				}
			}
			if tt.check != nil && err == nil {
				tt.check(t, got)
			}
		})
	}
}

// checkErr fails unless err is want (nil: no error); a typed want is
// matched by its type.
func checkErr(t *testing.T, err, want error) {
	t.Helper()
	switch w := want.(type) {
	case nil:
		if err != nil {
			t.Fatalf("error %v", err)
		}
	case *NotBoundError:
		if !errors.As(err, &w) {
			t.Fatalf("error %v, want a %T", err, want)
		}
	case *NotOnChecklistError:
		if !errors.As(err, &w) {
			t.Fatalf("error %v, want a %T", err, want)
		}
	case *DeviceExistsError:
		if !errors.As(err, &w) {
			t.Fatalf("error %v, want a %T", err, want)
		}
	case *BadHostError:
		if !errors.As(err, &w) {
			t.Fatalf("error %v, want a %T", err, want)
		}
	case *DeviceNotBoundError:
		if !errors.As(err, &w) {
			t.Fatalf("error %v, want a %T", err, want)
		}
	case *AmbiguousDeviceError:
		if !errors.As(err, &w) {
			t.Fatalf("error %v, want a %T", err, want)
		}
	default:
		if !errors.Is(err, want) {
			t.Fatalf("error %v, want %v", err, want)
		}
	}
}

// checkWrite fails unless the store was written (one generation more than
// gen) exactly when write says.
func checkWrite(t *testing.T, s *Service, gen uint64, write bool) {
	t.Helper()
	got := generation(t, s)
	switch {
	case write && got != gen+1:
		t.Errorf("generation %d, want %d: one write", got, gen+1)
	case !write && got != gen:
		t.Errorf("generation %d, want %d: nothing written", got, gen)
	}
}

func mustAccount(t *testing.T, v *vault.Vault, query string) *vault.Account {
	t.Helper()
	a, err := FindAccount(v, query)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestNumberChange(t *testing.T) {
	// Bob has only SMS; Carol is bound as a recovery contact; Dave is on
	// another number.
	s := phoneFixture(t, "!bob", "carol", "dave")
	old, fresh, other := mustNumber(t, "090-1234-5678"), mustNumber(t, "080-9999-0000"), mustNumber(t, "070-1111-2222")
	for _, b := range []struct {
		who string
		n   phone.Number
		r   phone.Role
	}{{"bob", old, phone.RoleSMS}, {"carol", old, phone.RoleRecoveryContact}, {"dave", other, phone.RoleSMS}} {
		if _, err := s.BindPhone(b.who, b.n, b.r); err != nil {
			t.Fatal(err)
		}
	}
	tr := phone.Transition{Date: phoneTestAt, OldStillWorks: true}
	if _, err := s.RecordNumberChange(old.E164, old.E164, tr); !errors.Is(err, ErrSameNumber) {
		t.Fatalf("same number: %v", err)
	}
	rec, err := s.RecordNumberChange(old.E164, fresh.E164, tr)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Updated || len(rec.Checklist) != 2 || !rec.Checklist[0].NoFallback || rec.Checklist[0].Label != "Example: bob" {
		t.Fatalf("recorded %+v", rec)
	}
	again, err := s.RecordNumberChange(old.E164, fresh.E164, tr)
	if err != nil || !again.Updated || again.Change.ID != rec.Change.ID {
		t.Fatalf("again: %+v, %v", again, err)
	}

	tests := []struct {
		name      string
		change    string
		account   string
		wantErr   error
		write     bool
		already   bool
		left      int
		wantPhone phone.E164
	}{
		{"an account not on the list is refused", old.E164.Display(phone.DefaultRegion), "dave", &NotOnChecklistError{}, false, false, 0, ""},
		{"an unknown change", "070-0000-0000", "bob", ErrChangeNotFound, false, false, 0, ""},
		{"by old number: moved, stamped", "０９０-1234-5678", "bob", nil, true, false, 1, fresh.E164},
		{"ticked twice: already, nothing written", rec.Change.ID, "bob", nil, false, true, 1, fresh.E164},
		{"by ID", rec.Change.ID, "carol", nil, true, false, 0, fresh.E164},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gen := generation(t, s)
			at := later(s)
			got, err := s.TickNumberChange(tt.change, tt.account)
			checkErr(t, err, tt.wantErr)
			checkWrite(t, s, gen, tt.write)
			if err != nil {
				return
			}
			if got.Already != tt.already || got.Left != tt.left {
				t.Errorf("result %+v", got)
			}
			if tt.write && !got.Account.Updated.Equal(at) {
				t.Errorf("Updated %v, want %v", got.Account.Updated, at)
			}
			if !slices.ContainsFunc(got.Account.Phones, func(b phone.Binding) bool { return b.Number == tt.wantPhone }) {
				t.Errorf("phones %+v, want %s", got.Account.Phones, tt.wantPhone)
			}
		})
	}
}
