package vault

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/trouble"
)

func TestAccountCodeHonoursClockOffset(t *testing.T) {
	key, err := otp.NewKey(otp.TOTP, "JBSWY3DPEHPK3PXP", otp.SHA1, 6, 30, 0)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Unix(1234567890, 0) // 0 s into its period
	for _, tc := range []struct {
		offset int
		left   time.Duration
	}{
		{0, 30 * time.Second},
		{10, 20 * time.Second},
		{-10, 10 * time.Second},
		{-3600, 30 * time.Second},
	} {
		a := Account{OTP: key, ClockOffset: tc.offset}
		got, err := a.Code(at)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := key.Code(at.Add(time.Duration(tc.offset) * time.Second))
		if got != want {
			t.Errorf("offset %d: %s, want %s", tc.offset, got, want)
		}
		if l := a.CodeRemaining(at); l != tc.left {
			t.Errorf("offset %d: %s left, want %s", tc.offset, l, tc.left)
		}
	}
	bad := Account{OTP: key, ClockOffset: trouble.MaxClockOffset + 1}
	if _, err := bad.Code(at); !errors.Is(err, trouble.ErrBadOffset) {
		t.Errorf("offset out of range: %v", err)
	}
}

func TestTroubleFieldsInTheDocument(t *testing.T) {
	now := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	a, err := NewAccount("Amazon", "taro", otp.Key{}, now)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := json.Marshal(a)
	for _, f := range []string{"clock_offset", "lockout", "error_notes", "events"} {
		if strings.Contains(string(plain), `"`+f+`"`) {
			t.Errorf("an account without %s writes it: %s", f, plain)
		}
	}
	l, _ := trouble.NewLockout(now, 0, "")
	a.ClockOffset, a.Lockout, a.LockoutDuration = -15, &l, 3*time.Hour
	a.ErrorNotes, _, _ = trouble.SetErrorNote(nil, "SS503", "wait", now)
	a.Events, _ = trouble.Tick(nil, "password", now)
	b, _ := json.Marshal(a)
	var back Account
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.ClockOffset != -15 || back.Lockout == nil || !back.Lockout.Until.Equal(now.Add(time.Hour)) || back.LockoutDuration != 3*time.Hour ||
		len(back.ErrorNotes) != 1 || len(back.Events) != 1 || back.Events[0].Detail != "password" {
		t.Errorf("round trip: %+v", back)
	}
}

func TestTroubleAccount(t *testing.T) {
	v := testVault(t, [2]string{"Amazon", "taro"})
	a := &v.Accounts[0]
	a.Phones = []phone.Binding{{Number: "+819012345678", Role: phone.RoleSMS}}
	l := trouble.Lockout{Until: time.Unix(10, 0)}
	a.Lockout = &l
	p, _ := gridcard.ProfileByName(gridcard.DefaultProfileName)
	v.GridCards = []gridcard.Card{{ID: "c", Name: "bank", Profile: p, Cells: [][]string{{"secret"}}}}
	v.PhoneChanges = []phone.Change{{ID: "x", Old: "+819012345678", Transition: phone.Transition{Date: time.Unix(5, 0)}}}
	ta := v.TroubleAccount(a)
	if ta.ID != a.ID || ta.Label != "Amazon: taro" || ta.LoginID != "taro" || ta.OTP != a.OTP || len(ta.PhoneChanges) != 1 ||
		len(ta.GridCards) != 1 || ta.GridCards[0].Name != "bank" || ta.GridCards[0].Profile != p {
		t.Errorf("TroubleAccount = %+v", ta)
	}
	ta.Lockout.Note = "changed"
	ta.Phones[0].Role = phone.RoleVoice
	if a.Lockout.Note != "" || a.Phones[0].Role != phone.RoleSMS {
		t.Error("the trouble account shares memory with the vault")
	}
}
