package export_test

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/export"
	"github.com/mamori-app/mamori/vault/otp"
)

// exampleAccounts is a small vault: a TOTP key, a Japanese bank's, and an
// account that signs in by SMS.
func exampleAccounts() []vault.Account {
	github, _ := otp.NewKey(otp.TOTP, "JBSWY3DPEHPK3PXP", otp.SHA1, 6, 30, 0)
	bank, _ := otp.NewKey(otp.TOTP, "GEZDGNBVGY3TQOJQ", otp.SHA256, 8, 30, 0)
	return []vault.Account{
		{Issuer: "GitHub", Name: "alice", OTP: github},
		{Issuer: "みずほ銀行", Name: "山田", OTP: bank},
		{Issuer: "Carrier", Name: "bob"}, // no key
	}
}

// An otpauth:// list: the header comment, then one URI a line. Accounts
// without a key are reported, not silently dropped.
func ExampleWriteURIList() {
	rep, err := export.WriteURIList(os.Stdout, exampleAccounts())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range rep.Skipped {
		fmt.Printf("skipped %s: %v\n", s.Label, errors.Is(s.Err, export.ErrNoOTP))
	}
	// Output:
	// # Mamori otpauth:// export. PLAIN TEXT WITH SECRETS: anyone who reads this
	// # file can generate your one-time codes. Import it, then delete it.
	// otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30
	// otpauth://totp/%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C:%E5%B1%B1%E7%94%B0?secret=GEZDGNBVGY3TQOJQ&issuer=%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C&algorithm=SHA256&digits=8&period=30
	// skipped Carrier: bob: true
}

// A Google Authenticator transfer export: one URI for each QR code, here
// one account per code. Show each with export.QR.
func ExampleMigration() {
	uris, rep, err := export.Migration(exampleAccounts(), export.MigrationOptions{BatchSize: 1, BatchID: 42})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, u := range uris {
		fmt.Println(strings.HasPrefix(u, export.MigrationPrefix), len(u) <= export.MaxQRText)
	}
	fmt.Println("exported", rep.Exported, "skipped", len(rep.Skipped))
	// Output:
	// true true
	// true true
	// exported [0 1] skipped 1
}
