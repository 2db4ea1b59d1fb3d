package cli

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/recovery"
)

// DemoPassphrase unlocks the demo vault ("mamori --demo") after it is
// locked; the app's demo banner shows it. The demo vault holds nothing real.
const DemoPassphrase = "demo"

// demoAccounts are the sample accounts of the demo vault: made-up keys for
// services of the kinds people keep, in English and Japanese.
var demoAccounts = []struct {
	issuer, name, secret string
	typ                  otp.Type
	alg                  otp.Algorithm
	digits               int
}{
	{"GitHub", "alice@example.com", "JBSWY3DPEHPK3PXP", otp.TOTP, otp.SHA1, 6},
	{"Google", "alice@example.com", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", otp.TOTP, otp.SHA1, 6},
	{"みずほ銀行", "山田太郎", "MZXW6YTBOI======", otp.TOTP, otp.SHA1, 6},
	{"楽天証券", "yamada.taro", "NBSWY3DPO5XXE3DE", otp.TOTP, otp.SHA1, 6},
	{"AWS root", "admin", "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ", otp.TOTP, otp.SHA256, 8},
	{"Example VPN", "counter@example.com", "MFRGGZDFMZTWQ2LK", otp.HOTP, otp.SHA1, 6},
	{"Steam", "gamer", "ONSWG4TFOQYTEMZU", otp.Steam, otp.SHA1, 5},
}

// openDemo makes a throwaway vault with the sample accounts in a temporary
// directory, its key in a file wrapped with DemoPassphrase (never the OS
// keyring), opens the app on it, and removes it all when the app closes.
func (a *app) openDemo() error {
	dir, err := os.MkdirTemp("", "mamori-demo-")
	if err != nil {
		return failure("cli.error.generic", data{"Detail": err.Error()}).wrap(err)
	}
	defer os.RemoveAll(dir)
	// Stopped by a signal (Ctrl+C in the terminal, a session ending), the
	// deferred removal would not run: remove the throwaway vault first.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(stop)
	go func() {
		if s, ok := <-stop; ok {
			os.RemoveAll(dir)
			code := 128 + 15
			if n, isSys := s.(syscall.Signal); isSys {
				code = 128 + int(n)
			}
			os.Exit(code)
		}
	}()
	store := vault.NewStore(vault.Options{
		Dir:              dir,
		Keyring:          keystore.File,
		Passphrase:       func(vault.PassphraseRequest) (string, error) { return DemoPassphrase, nil },
		ScryptWorkFactor: a.env.scryptWorkFactor,
		Now:              a.env.now,
	}, &keystore.Memory{})
	if _, err := store.Update(func(v *vault.Vault) error { return fillDemo(v, a.now()) }); err != nil {
		return failure("cli.error.generic", data{"Detail": err.Error()}).wrap(err)
	}
	open := a.env.OpenDemo
	if open == nil {
		open = a.env.OpenApp
	}
	if open == nil {
		return failure("cli.error.no_app", nil).withHint("cli.hint.help", data{"Command": "mamori"})
	}
	return open(store)
}

// fillDemo puts the sample accounts in v, with enough around them for every
// screen to have something to show: tags (so the list shows groups), backup
// codes (one set nearly used up), phone numbers (a VoIP number for SMS, an
// SMS-only account), a number change in two weeks with accounts still to
// update, recovery details and a grid card. All of it is made up.
func fillDemo(v *vault.Vault, now time.Time) error {
	for _, d := range demoAccounts {
		key, err := otp.NewKey(d.typ, d.secret, d.alg, d.digits, 30, 0)
		if err != nil {
			return err
		}
		acct, err := vault.NewAccount(d.issuer, d.name, key, now)
		if err != nil {
			return err
		}
		v.Add(acct)
	}
	bank, err := vault.NewAccount("ゆうちょ銀行", "記号番号 10000-00000000", otp.Key{}, now)
	if err != nil {
		return err
	}
	v.Add(bank)

	old, err := phone.Parse("090-1234-5678", phone.DefaultRegion)
	if err != nil {
		return err
	}
	voip, err := phone.Parse("050-1234-5678", phone.DefaultRegion)
	if err != nil {
		return err
	}
	since := now.AddDate(-3, 0, 0)
	tags := map[string]string{"GitHub": "仕事", "AWS root": "仕事", "みずほ銀行": "お金", "楽天証券": "お金", "ゆうちょ銀行": "お金"}
	for i := range v.Accounts {
		a := &v.Accounts[i]
		if t, ok := tags[a.Issuer]; ok {
			if _, err := a.SetTags([]string{t}, now); err != nil {
				return err
			}
		}
		switch a.Issuer {
		case "GitHub":
			codes := make([]string, 16)
			for k := range codes {
				codes[k] = fmt.Sprintf("%05x-%05x", 0x1a2b3+k*7919, 0x4c5d6+k*104729)
			}
			if err := a.Backup.Replace(codes, since); err != nil {
				return err
			}
		case "Google":
			codes := make([]string, 10)
			for k := range codes {
				codes[k] = fmt.Sprintf("%04d %04d", 1000+k*811, 2000+k*733)
			}
			if err := a.Backup.Replace(codes, since); err != nil {
				return err
			}
			for range 8 {
				if _, _, err := a.Backup.UseNext(now.AddDate(0, -1, 0)); err != nil {
					return err
				}
			}
			a.Phones, _ = phone.Bind(a.Phones, phone.Binding{Number: old.E164, Role: phone.RoleSMS, Since: since})
		case "みずほ銀行":
			a.Phones, _ = phone.Bind(a.Phones, phone.Binding{Number: old.E164, Role: phone.RoleSMS, Since: since})
			a.Recovery = recovery.Info{
				UserNumber:       "0000000000",
				Registered:       "2016年4月",
				TwoFactorMethods: []string{recovery.MethodTOTP, recovery.MethodSMS},
				SupportPhone:     "0120-000-000",
				SupportHours:     "平日 9:00–17:00",
			}
		case "ゆうちょ銀行":
			a.Phones, _ = phone.Bind(a.Phones, phone.Binding{Number: old.E164, Role: phone.RoleSMS, Since: since})
		case "楽天証券":
			a.Phones, _ = phone.Bind(a.Phones, phone.Binding{Number: voip.E164, Role: phone.RoleSMS, Since: since})
		}
	}
	// The person is moving from the 090 number to a new one: three
	// accounts still send their codes to the old line.
	next, err := phone.Parse("080-9876-5432", phone.DefaultRegion)
	if err != nil {
		return err
	}
	change, err := phone.NewChange(old.E164, next.E164, now.AddDate(0, 0, 14))
	if err != nil {
		return err
	}
	v.PhoneChanges, _, _ = phone.RecordChange(v.PhoneChanges, change)
	p, err := gridcard.ProfileByName(gridcard.Profiles()[0].Name)
	if err != nil {
		return err
	}
	card, err := gridcard.Generate(p, nil, gridcard.GenerateOptions{AvoidLookAlikes: true, Now: now})
	if err != nil {
		return err
	}
	card.Name = "家族の銀行カード (demo)"
	v.GridCards = append(v.GridCards, card)
	return nil
}
