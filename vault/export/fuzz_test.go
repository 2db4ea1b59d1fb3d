package export_test

import (
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/export"
	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/otp"
)

// FuzzRoundTrip checks that any account the vault could hold comes back
// from both text exports exactly as it went out, whatever its issuer and
// name: colons, spaces, percent signs, Japanese, emoji.
func FuzzRoundTrip(f *testing.F) {
	f.Add("GitHub", "alice@example.com", uint8(0))
	f.Add("みずほ銀行", "山田 太郎", uint8(1))
	f.Add("", "host:port", uint8(2))
	f.Add("A:B", "c:d", uint8(3))
	f.Add("A", "A:b", uint8(4))
	f.Add("100% Co", "a+b=c&d", uint8(5))
	f.Add("Issuer only", "", uint8(6))
	f.Add(" :x", ":", uint8(7))
	f.Fuzz(func(t *testing.T, issuer, name string, kind uint8) {
		key, err := otp.NewKey([]otp.Type{otp.TOTP, otp.HOTP}[kind%2], "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
			[]otp.Algorithm{otp.SHA1, otp.SHA256, otp.SHA512}[kind/2%3], []int{6, 8}[kind/6%2], 30, uint64(kind))
		if err != nil {
			t.Fatal(err)
		}
		// Only labels the vault can hold: what a valid URI gives back.
		x, err := otp.ParseURI(otp.Account{Issuer: issuer, Name: name, Key: key}.URI())
		if err != nil || x.Issuer != issuer || x.Name != name {
			return
		}
		a, err := vault.NewAccount(issuer, name, key, testNow)
		if err != nil || a.Issuer != issuer || a.Name != name {
			return
		}
		accts := []vault.Account{a}

		uris, _ := export.URIs(accts)
		check(t, "uri list", strings.Join(uris, "\n"), a)

		mig, rep, err := export.Migration(accts, export.MigrationOptions{})
		if err != nil {
			return // too long for a QR code: reported, not exported
		}
		if len(rep.Exported) != 1 {
			t.Fatalf("migration report %+v", rep)
		}
		check(t, "migration", strings.Join(mig, "\n"), a)
	})
}

func check(t *testing.T, what, text string, a vault.Account) {
	t.Helper()
	res, err := importer.Parse([]byte(text), importer.Options{})
	if err != nil {
		t.Fatalf("%s: importer.Parse: %v", what, err)
	}
	want := otp.Account{Issuer: a.Issuer, Name: a.Name, Key: a.OTP}
	if len(res.Accounts) != 1 || res.Accounts[0] != want {
		t.Fatalf("%s: came back as %+v, want %+v", what, res.Accounts, want)
	}
}
