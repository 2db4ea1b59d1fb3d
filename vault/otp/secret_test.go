package otp

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeSecret(t *testing.T) {
	const want = "JBSWY3DPEHPK3PXP"
	ok := []struct{ name, in, want string }{
		{"canonical", want, want},
		{"lower case", "jbswy3dpehpk3pxp", want},
		{"spaces", " JBSW Y3DP EHPK 3PXP ", want},
		{"tabs and newlines", "JBSW\tY3DP\r\nEHPK\n3PXP", want},
		{"hyphens", "JBSW-Y3DP-EHPK-3PXP", want},
		{"full-width", "ＪＢＳＷＹ３ＤＰＥＨＰＫ３ＰＸＰ", want},
		{"full-width lower", "ｊｂｓｗｙ３ｄｐｅｈｐｋ３ｐｘｐ", want},
		{"ideographic space", "JBSW\u3000Y3DP\u3000EHPK\u30003PXP", want},
		{"full-width hyphen", "JBSW－Y3DP－EHPK－3PXP", want},
		{"unicode dashes", "JBSW\u2010Y3DP\u2013EHPK\u20143PXP", want},
		{"minus sign", "JBSW\u2212Y3DP", "JBSWY3DP"},
		{"prolonged sound mark", "JBSWーY3DPｰEHPK3PXP", want},
		{"no-break and zero-width", "JBSW\u00a0Y3DP\u200bEHPK\ufeff3PXP", want},
		{"padding", "GEZDGNBVGY3TQ===", "GEZDGNBVGY3TQ"},
		{"full-width padding", "GEZDGNBVGY3TQ＝＝＝", "GEZDGNBVGY3TQ"},
		{"one byte", "ge======", "GE"},
		{"mixed", " jbsw－ｙ３ｄｐ ehpk-3pxp==== ", want},
	}
	for _, tt := range ok {
		got, err := NormalizeSecret(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("%s: NormalizeSecret = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	bad := []struct {
		name, in string
		want     error
	}{
		{"empty", "", ErrMissingSecret},
		{"only separators", " -\u3000－ ", ErrMissingSecret},
		{"only padding", "====", ErrMissingSecret},
		{"digit one", "JBSWY3DPEHPK3PX1", ErrBadSecret},
		{"digit zero", "JBSWY3DPEHPK3PX0", ErrBadSecret},
		{"digit eight", "JBSWY3DPEHPK3PX8", ErrBadSecret},
		{"inner padding", "JBSW=Y3DP", ErrBadSecret},
		{"one char", "A", ErrBadSecret},
		{"three chars", "ABC", ErrBadSecret},
		{"six chars", "ABCDEF", ErrBadSecret},
		{"nine chars", "JBSWY3DPE", ErrBadSecret},
		{"hex", "3132333435363738393031323334353637383930", ErrBadSecret},
		{"punctuation", "JBSW.Y3DP", ErrBadSecret},
		{"dotless i", "JBSWY3DPEHPK3PXı", ErrBadSecret},
		{"too long", strings.Repeat("A", 1032), ErrBadSecret},
		{"invalid utf-8", "JBSW\xffY3DP", ErrBadSecret},
	}
	for _, tt := range bad {
		got, err := NormalizeSecret(tt.in)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: NormalizeSecret = %q, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

// TestErrorsDoNotLeakSecret checks that no error message contains the
// secret, whatever was wrong.
func TestErrorsDoNotLeakSecret(t *testing.T) {
	secrets := []string{"JBSWY3DPEHPK3PXQ", "JBSWY3DPEHPK3PX1", "JBSWY3DPEHPK3PXP=A", "JBSWY3DPEHPK3PXPJ"}
	for _, s := range secrets {
		var errs []error
		_, err := NormalizeSecret(s)
		errs = append(errs, err)
		_, err = NewKey(TOTP, s, "", 5, 0, 0)
		errs = append(errs, err)
		for _, q := range []string{"", "&digits=11", "&algorithm=md5", "&period=0", "&secret=x"} {
			_, err = ParseURI("otpauth://totp/x?secret=" + s + q)
			errs = append(errs, err)
		}
		_, err = ParseURI(s)
		errs = append(errs, err)
		_, err = Key{Type: TOTP, Secret: s, Algorithm: "sha1", Digits: 6, Period: 30}.Code(timeZero)
		errs = append(errs, err)
		for _, err := range errs {
			if err != nil && strings.Contains(strings.ToUpper(err.Error()), s[:12]) {
				t.Errorf("error leaks the secret: %v", err)
			}
		}
	}
}
