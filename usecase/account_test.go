package usecase

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/trouble"
)

var testNow = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

func testKey(t *testing.T, typ otp.Type, secret string) otp.Key {
	t.Helper()
	k, err := otp.NewKey(typ, secret, otp.SHA1, 6, 30, 0)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// generation is the vault's generation as stored, 0 with no vault.
func generation(t *testing.T, s *Service) uint64 {
	t.Helper()
	info, err := s.store.Info()
	if err != nil || !info.Exists {
		return 0
	}
	v, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return v.Generation
}

func TestAddAccount(t *testing.T) {
	s := storeForTest(t, testNow)
	key := testKey(t, otp.TOTP, "JBSWY3DPEHPK3PXP")
	if _, _, err := s.AddAccount("GitHub", "alice", key); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AddAccount("Amazon", "taro", otp.Key{}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		issuer, acct string
		key          otp.Key
		want         error
		noOTP        bool
	}{
		{"the same key under another name", "Other", "bob", key, ErrDuplicate, false},
		{"no key, same issuer and name (case and width aside)", "ＡＭＡＺＯＮ", " TARO ", otp.Key{}, ErrDuplicate, true},
		{"no label", "", "", key, vault.ErrLabelRequired, false},
		{"no key, another name", "Amazon", "hanako", otp.Key{}, nil, false},
		{"another key", "GitLab", "alice", testKey(t, otp.TOTP, "KRSXG5CTMVRXEZLU"), nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := generation(t, s)
			a, v, err := s.AddAccount(tt.issuer, tt.acct, tt.key)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if tt.want != nil {
				if got := generation(t, s); got != before {
					t.Errorf("generation %d after a refused add, want %d", got, before)
				}
				var de *DuplicateError
				if errors.As(err, &de) && de.NoOTP != tt.noOTP {
					t.Errorf("NoOTP = %v", de.NoOTP)
				}
				return
			}
			if v.Account(a.ID) == nil || !a.Updated.Equal(testNow) {
				t.Errorf("added %+v, not in the vault or not stamped", a)
			}
		})
	}
}

func TestImportAccounts(t *testing.T) {
	s := storeForTest(t, testNow)
	key := testKey(t, otp.TOTP, "JBSWY3DPEHPK3PXP")
	other := testKey(t, otp.TOTP, "KRSXG5CTMVRXEZLU")
	if _, _, err := s.AddAccount("GitHub", "alice", key); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		accounts  []otp.Account
		wantErr   bool
		inVault   []int
		wantWrite bool
	}{
		{"all in the vault: no write, no error", []otp.Account{{Issuer: "X", Name: "y", Key: key}}, false, []int{0}, false},
		{"one new, one twice in the file", []otp.Account{{Issuer: "A", Name: "b", Key: other}, {Issuer: "A", Name: "c", Key: other}}, false, []int{1}, true},
		{"an entry without a label: nothing imported", []otp.Account{{Key: testKey(t, otp.TOTP, "MFRGGZDFMZTWQ2LK")}}, true, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := generation(t, s)
			from := make([]importer.Position, len(tt.accounts))
			for i := range from {
				from[i] = importer.Position{Line: i + 1}
			}
			r, err := s.ImportAccounts(importer.Result{Accounts: tt.accounts, From: from})
			if tt.wantErr {
				var es importer.EntryErrors
				if !errors.As(err, &es) || es[0].Position.Line != 1 {
					t.Fatalf("error %v, want the entry named", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if !tt.wantErr && len(r.InVault) != len(tt.inVault) {
				t.Errorf("in vault %v, want %v", r.InVault, tt.inVault)
			}
			if wrote := generation(t, s) != before; wrote != tt.wantWrite {
				t.Errorf("wrote = %v, want %v", wrote, tt.wantWrite)
			}
		})
	}
}

func TestDeleteAndRestore(t *testing.T) {
	s := storeForTest(t, testNow)
	first := addTestAccount(t, s, "A", "one")
	if _, _, err := s.AddAccount("B", "two", testKey(t, otp.TOTP, "KRSXG5CTMVRXEZLU")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteAccount("nobody"); !errors.Is(err, vault.ErrNotFound) {
		t.Fatalf("delete nobody: %v", err)
	}
	d, err := s.DeleteAccount(first.ID)
	if err != nil || d.Index != 0 || d.Vault.Account(first.ID) != nil {
		t.Fatalf("delete: %+v, %v", d, err)
	}
	if _, ok := d.Vault.Deleted[first.ID]; !ok {
		t.Error("no tombstone for the deleted account")
	}
	v, err := s.RestoreAccount(d)
	if err != nil || v.Accounts[0].ID != first.ID {
		t.Fatalf("restore: %v, %v", v, err)
	}
	if _, ok := v.Deleted[first.ID]; ok || !v.Accounts[0].Updated.Equal(testNow) {
		t.Error("the restored account keeps its tombstone or its old date")
	}
	if _, err := s.RestoreAccount(d); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("restore twice: %v", err)
	}
}

func TestSetPinnedAndEdit(t *testing.T) {
	s := storeForTest(t, testNow)
	a := addTestAccount(t, s, "GitHub", "alice")
	tests := []struct {
		name    string
		do      func() (Changed, error)
		changed bool
		want    error
	}{
		{"pin", func() (Changed, error) { return s.SetPinned(a.ID, true) }, true, nil},
		{"pin again: nothing written", func() (Changed, error) { return s.SetPinned(a.ID, true) }, false, nil},
		{"edit the name", func() (Changed, error) {
			return s.EditAccount(a.ID, vault.Details{Issuer: "GitHub", Name: "bob", Pinned: true})
		}, true, nil},
		{"edit to no name", func() (Changed, error) {
			return s.EditAccount(a.ID, vault.Details{Issuer: "GitHub", Pinned: true})
		}, false, vault.ErrNameRequired},
		{"gone", func() (Changed, error) { return s.SetPinned("nope", false) }, false, vault.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := generation(t, s)
			r, err := tt.do()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if r.Changed != tt.changed || (generation(t, s) != before) != tt.changed {
				t.Errorf("changed %v (generation %d → %d), want %v", r.Changed, before, generation(t, s), tt.changed)
			}
		})
	}
}

func TestChangeSettings(t *testing.T) {
	s := storeForTest(t, testNow)
	a := addTestAccount(t, s, "Amazon", "taro")
	yes, offset, bad, long := true, 30, trouble.MaxClockOffset+1, 999*time.Hour
	tests := []struct {
		name    string
		st      Settings
		changed []Setting
		want    error
	}{
		{"needs two devices and tags", Settings{NeedsTwoDevices: &yes, Tags: &TagChange{Add: []string{"仕事, bank"}}}, []Setting{SettingNeedsTwoDevices, SettingTags}, nil},
		{"the same again: nothing written", Settings{NeedsTwoDevices: &yes, Tags: &TagChange{Add: []string{"BANK"}}}, nil, nil},
		{"offset and pin", Settings{ClockOffset: &offset, Pinned: &yes}, []Setting{SettingClockOffset, SettingPinned}, nil},
		{"remove a tag", Settings{Tags: &TagChange{Remove: []string{"仕事"}}}, []Setting{SettingTags}, nil},
		{"an offset out of range", Settings{ClockOffset: &bad}, nil, trouble.ErrBadOffset},
		{"a lockout too long", Settings{LockoutDuration: &long}, nil, trouble.ErrBadDuration},
		{"too long a tag", Settings{Tags: &TagChange{Set: []string{strings.Repeat("x", vault.MaxTagLength+1)}}}, nil, vault.ErrTagTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := generation(t, s)
			r, err := s.ChangeSettings(a.ID, tt.st)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if len(r.Changed) != len(tt.changed) {
				t.Fatalf("changed %v, want %v", r.Changed, tt.changed)
			}
			for i := range tt.changed {
				if r.Changed[i] != tt.changed[i] {
					t.Errorf("changed %v, want %v", r.Changed, tt.changed)
				}
			}
			if wrote := generation(t, s) != before; wrote != (len(tt.changed) > 0) {
				t.Errorf("wrote = %v", wrote)
			}
		})
	}
	v, _ := s.Load()
	if got := v.Account(a.ID); len(got.Tags) != 1 || got.Tags[0] != "bank" || !got.Pinned || got.ClockOffset != 30 {
		t.Errorf("account after the changes: %+v", got)
	}
}

func TestNextHOTP(t *testing.T) {
	s := storeForTest(t, testNow)
	// RFC 4226's test key: counter 0 is 755224, 1 is 287082.
	k, err := otp.NewKey(otp.HOTP, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", otp.SHA1, 6, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	h, _, err := s.AddAccount("RFC", "4226", k)
	if err != nil {
		t.Fatal(err)
	}
	totp := addTestAccount(t, s, "GitHub", "alice")
	for _, want := range []struct {
		code    string
		counter uint64
	}{{"755224", 0}, {"287082", 1}} {
		got, err := s.NextHOTP(h.ID)
		if err != nil || got.Code != want.code || got.Counter != want.counter || got.Account.OTP.Counter != want.counter+1 {
			t.Fatalf("NextHOTP = %+v, %v; want %v", got, err, want)
		}
		v, _ := s.Load()
		if v.Account(h.ID).OTP.Counter != want.counter+1 {
			t.Fatal("the counter was not saved")
		}
	}
	if _, err := s.NextHOTP(totp.ID); !errors.Is(err, ErrNotHOTP) {
		t.Errorf("TOTP: %v", err)
	}
	// A counter at its largest value makes no code and saves nothing.
	if _, err := s.change(func(v *vault.Vault) error { v.Account(h.ID).OTP.Counter = math.MaxUint64; return nil }); err != nil {
		t.Fatal(err)
	}
	before := generation(t, s)
	got, err := s.NextHOTP(h.ID)
	if !errors.Is(err, ErrCounterExhausted) || got.Account.Label() != "RFC: 4226" || got.Code != "" || generation(t, s) != before {
		t.Errorf("exhausted: %+v, %v", got, err)
	}

}
