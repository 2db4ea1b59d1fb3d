package cli

import (
	"os"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
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
	store := vault.NewStore(vault.Options{
		Dir:              dir,
		Keyring:          keystore.File,
		Passphrase:       func(vault.PassphraseRequest) (string, error) { return DemoPassphrase, nil },
		ScryptWorkFactor: a.env.scryptWorkFactor,
		Now:              a.env.now,
	}, &keystore.Memory{})
	now := a.now()
	if _, err := store.Update(func(v *vault.Vault) error {
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
		return nil
	}); err != nil {
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
