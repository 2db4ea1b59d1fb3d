package importer_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/mamori-app/mamori/vault/importer"
)

func ExampleParse() {
	export := []byte(`# exported from another app
otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub
otpauth://hotp/Example:bob?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ&counter=42
otpauth://totp/GitHub%20(work):alice?secret=JBSWY3DPEHPK3PXP
`)
	res, err := importer.Parse(export, importer.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Format.Name())
	for i, a := range res.Accounts {
		fmt.Printf("%s: %s / %s (%s)\n", res.From[i], a.Issuer, a.Name, a.Key.Type)
	}
	for _, s := range res.Skipped {
		fmt.Printf("skipped %s (%s): duplicate=%v\n", s.Entry, s.Label, errors.Is(s.Reason, importer.ErrDuplicate))
	}
	// Output:
	// otpauth URI list
	// line 2: GitHub / alice (totp)
	// line 3: Example / bob (hotp)
	// skipped line 4 (GitHub (work): alice): duplicate=true
}

func ExampleParse_errors() {
	export := []byte("otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP\n" +
		"otpauth://totp/Bank:bob?secret=NOT-BASE32!\n")
	_, err := importer.Parse(export, importer.Options{})
	var ee *importer.EntryError
	if errors.As(err, &ee) {
		fmt.Println("fix", ee.Position, "and try again:", err)
	}
	// Output:
	// fix line 2 and try again: line 2: otp: invalid secret: contains characters other than base32 A-Z and 2-7
}

func ExampleParse_encrypted() {
	// A password-protected Aegis vault (2FAS and Ente Auth work the
	// same). Passphrase is called once a Parse, after the file's
	// structure has been checked; on a wrong password, ask again.
	export, err := os.ReadFile("testdata/aegis-encrypted.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, typed := range []string{"correct horse", "correct horse battery staple"} {
		res, err := importer.Parse(export, importer.Options{
			Passphrase: func() (string, error) { return typed, nil },
		})
		if errors.Is(err, importer.ErrWrongPassword) {
			fmt.Println("wrong password, try again")
			continue
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(res.Format.Name(), res.Encrypted, len(res.Accounts), "accounts,", len(res.Skipped), "skipped")
		break
	}
	// Output:
	// wrong password, try again
	// Aegis true 4 accounts, 2 skipped
}
