package otp_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/mamori-app/mamori/vault/otp"
)

func ExampleParseURI() {
	a, err := otp.ParseURI("otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example")
	if err != nil {
		fmt.Println(err)
		return
	}
	now := time.Unix(1700000000, 0)
	code, _ := a.Key.Code(now)
	fmt.Println(a.Issuer, a.Name, code, a.Key.Remaining(now))
	// Output: Example alice@example.com 324550 10s
}

func ExampleParseURI_errors() {
	_, err := otp.ParseURI("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&digits=12")
	switch {
	case errors.Is(err, otp.ErrBadDigits):
		fmt.Println("unsupported code length:", err)
	case err != nil:
		fmt.Println(err)
	}
	// Output: unsupported code length: otp: invalid digits: digits=12 (must be 6 to 10)
}

func ExampleNewKey() {
	// A secret as a Japanese bank prints it: full-width, grouped, lower case.
	k, err := otp.NewKey(otp.TOTP, "ｊｂｓｗ　ｙ３ｄｐ－ehpk 3pxp", "", 0, 0, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s %s %d %d\n", k.Secret, k.Algorithm, k.Digits, k.Period)
	// Output: JBSWY3DPEHPK3PXP SHA1 6 30
}

func ExampleKey_HOTP() {
	k, _ := otp.NewKey(otp.HOTP, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "", 6, 0, 0)
	for c := k.Counter; c < 3; c++ {
		// Persist c+1 as the next counter before showing the code.
		code, _ := k.HOTP(c)
		fmt.Println(code)
	}
	// Output:
	// 755224
	// 287082
	// 359152
}

func ExampleAccount_URI() {
	k, _ := otp.NewKey(otp.TOTP, "JBSWY3DPEHPK3PXP", "sha256", 8, 0, 0)
	a := otp.Account{Issuer: "みずほ銀行", Name: "taro", Key: k}
	fmt.Println(a.URI())
	// Output: otpauth://totp/%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C:taro?secret=JBSWY3DPEHPK3PXP&issuer=%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C&algorithm=SHA256&digits=8&period=30
}
