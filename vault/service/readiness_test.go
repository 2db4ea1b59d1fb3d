package service

import (
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
)

func TestReadiness(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	sms := []phone.Binding{{Number: "+819012345678", Role: phone.RoleSMS}}
	key := otp.Key{Type: otp.TOTP, Secret: "JBSWY3DPEHPK3PXP", Algorithm: otp.SHA1, Digits: 6, Period: 30}
	withCodes := func(a vault.Account) vault.Account {
		if err := a.Backup.Replace([]string{"11111111", "22222222"}, now); err != nil {
			t.Fatal(err)
		}
		return a
	}
	cases := []struct {
		name string
		acct vault.Account
		want phone.FindingCode
		sev  phone.Severity
	}{
		// GitHub offers TOTP and keys: an account on SMS should switch.
		{"switch", vault.Account{ID: "1", Issuer: "GitHub", Phones: sms}, FindingSwitchFromSMS, phone.SeverityMedium},
		{"voice too", vault.Account{ID: "1", Issuer: "GitHub", Phones: []phone.Binding{{Number: "+819012345678", Role: phone.RoleVoice}}}, FindingSwitchFromSMS, phone.SeverityMedium},
		// Already on an authenticator, or no number bound: nothing to say.
		{"has key", vault.Account{ID: "1", Issuer: "GitHub", Phones: sms, OTP: key}, "", ""},
		{"no number", vault.Account{ID: "1", Issuer: "GitHub"}, "", ""},
		{"backup number only", vault.Account{ID: "1", Issuer: "GitHub", Phones: []phone.Binding{{Number: "+819012345678", Role: phone.RoleBackup}}}, "", ""},
		// PayPay offers only SMS: keep the number, hold backup codes.
		{"phone only", vault.Account{ID: "1", Issuer: "PayPay", Phones: sms}, FindingPhoneOnlyService, phone.SeverityMedium},
		{"phone only, no number recorded", vault.Account{ID: "1", Issuer: "PayPay"}, FindingPhoneOnlyService, phone.SeverityMedium},
		{"phone only, with codes", withCodes(vault.Account{ID: "1", Issuer: "PayPay", Phones: sms}), FindingPhoneOnlyService, phone.SeverityLow},
		// E-mail as well as SMS is not phone only, and offers nothing stronger.
		{"sms and email", vault.Account{ID: "1", Issuer: "Shop", Name: "alice", Phones: sms}, "", ""},
		// No service, or the person said none.
		{"unknown", vault.Account{ID: "1", Issuer: "Acme", Phones: sms}, "", ""},
		{"said none", vault.Account{ID: "1", Issuer: "PayPay", Phones: sms, Service: None}, "", ""},
		// The person's choice wins over the matcher.
		{"chosen", vault.Account{ID: "1", Issuer: "Acme", Phones: sms, Service: "github.com"}, FindingSwitchFromSMS, phone.SeverityMedium},
	}
	d := New()
	for _, c := range cases {
		v := vault.New()
		v.Accounts = []vault.Account{c.acct}
		got := d.Readiness(v)
		if c.want == "" {
			if len(got) != 0 {
				t.Errorf("%s: %+v, want nothing", c.name, got)
			}
			continue
		}
		if len(got) != 1 || got[0].Code != c.want || got[0].Severity != c.sev || got[0].AccountID != "1" {
			t.Errorf("%s: %+v, want one %s (%s)", c.name, got, c.want, c.sev)
		}
	}
}
