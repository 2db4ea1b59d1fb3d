package otp

import (
	"testing"
	"time"
)

func BenchmarkCode(b *testing.B) {
	k, err := NewKey(TOTP, "JBSWY3DPEHPK3PXP", SHA1, 6, 30, 0)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Unix(1700000000, 0)
	for b.Loop() {
		if _, err := k.Code(now); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseURI(b *testing.B) {
	const u = "otpauth://totp/%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C:taro?secret=JBSWY3DPEHPK3PXP" +
		"&issuer=%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C&algorithm=SHA1&digits=6&period=30"
	for b.Loop() {
		if _, err := ParseURI(u); err != nil {
			b.Fatal(err)
		}
	}
}
