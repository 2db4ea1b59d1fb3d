package cli

import (
	"strings"
	"testing"
)

func TestRecoveryDetailsAndRequest(t *testing.T) {
	h := newHarness(t)
	totp := h.addSecret("JBSWY3DPEHPK3PXPJBSWY3DP")
	h.ok("", "add", "taro@example.com", "--issuer", "Amazon", "--secret", totp)
	h.ok("1. 7294-1836\n2. 5038-2941\n3. 8817-4402\n", "backup", "set", "amazon")
	codes := []string{"7294-1836", "5038-2941", "8817-4402", "72941836"}

	h.ok("", "recovery", "set", "amazon",
		"--user-number", "A-1029384756",
		"--public-name", "たろう",
		"--registered", "2016年4月",
		"--registered-name", "山田太郎",
		"--login-email", "taro@example.com",
		"--address", "東京都千代田区1-1",
		"--card-last4", "１２３４",
		"--register-provider", "So-net", "--register-provider", "docomo",
		"--method", "sms", "--method", "totp",
		"--support-phone", "0120-999-373",
		"--support-hours", "9:00-18:00",
		"--support-url", "https://www.amazon.co.jp/contact-us",
		"--notes", "last used in March",
	)
	var got recoveryJSON
	decodeOne(t, h.ok("", "recovery", "show", "amazon", "--json").stdout, &got)
	r := got.Recovery
	if got.Label != "Amazon: taro@example.com" || r.UserNumber != "A-1029384756" || r.CardLast4 != "1234" || r.Registered != "2016年4月" ||
		len(r.RegisterProviders) != 2 || r.RegisterProviders[1] != "docomo" || len(r.TwoFactorMethods) != 2 || r.SupportHours != "9:00-18:00" {
		t.Errorf("recovery show --json = %+v", got)
	}
	if out := h.ok("", "recovery", "show", "amazon"); !strings.Contains(out.stdout, "card (last 4 digits)        1234") ||
		!strings.Contains(out.stdout, "providers used to register  So-net, docomo") {
		t.Errorf("recovery show:\n%s", out.stdout)
	}

	// Only the fields given change; "" clears one; a list flag replaces the list.
	h.ok("", "recovery", "set", "amazon", "--notes", "", "--method", "sms")
	got = recoveryJSON{}
	decodeOne(t, h.ok("", "recovery", "show", "amazon", "--json").stdout, &got)
	if got.Recovery.Notes != "" || len(got.Recovery.TwoFactorMethods) != 1 || got.Recovery.UserNumber != "A-1029384756" {
		t.Errorf("after a partial set: %+v", got.Recovery)
	}

	for _, tc := range []struct {
		lang  string
		want  []string
		avoid []string
	}{
		{"en", []string{"Amazon: taro@example.com", "A-1029384756", "2016年4月", "taro@example.com", "1234", "So-net", "docomo", "山田太郎", "not included my password"},
			[]string{"0120-999-373"}},
		{"ja", []string{"アカウント復旧のお願い", "Amazon: taro@example.com", "A-1029384756", "2016年4月", "taro@example.com", "下4桁 1234", "So-net", "パスワード"},
			[]string{"0120-999-373"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			out := h.ok("", "recovery", "request", "amazon", "--lang", tc.lang)
			for _, w := range tc.want {
				if !strings.Contains(out.stdout, w) {
					t.Errorf("request (%s) lacks %q:\n%s", tc.lang, w, out.stdout)
				}
			}
			// Never a secret: not the TOTP key, not a backup code; the
			// support line goes to stderr, for the person.
			for _, s := range append(append([]string{totp, strings.ToLower(totp)}, codes...), tc.avoid...) {
				if strings.Contains(out.stdout, s) {
					t.Errorf("request (%s) contains %q:\n%s", tc.lang, s, out.stdout)
				}
			}
			if !strings.Contains(out.stderr, "0120-999-373") {
				t.Errorf("request stderr lacks the support line: %q", out.stderr)
			}
		})
	}
	// The default language follows the locale.
	h.env["LANG"] = "ja_JP.UTF-8"
	out := h.ok("", "recovery", "request", "amazon")
	noKeys(t, out)
	if !strings.Contains(out.stdout, "ご担当者様") || !strings.Contains(out.stderr, "サポート窓口: 0120-999-373（9:00-18:00）") {
		t.Errorf("ja request:\n%s\n%s", out.stdout, out.stderr)
	}
	h.env["LANG"] = "C"

	before := h.snapshot()
	for _, flag := range []string{"--password", "--pin", "--Password"} {
		h.fails(exitUsage, []string{"unknown option " + flag, "hint: Mamori never stores passwords"}, "", "recovery", "set", "amazon", flag, "hunter2")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"recovery", "set", "amazon", "--card-last4", "4111111111111111"}, "the last 4 digits only"},
		{[]string{"recovery", "set", "amazon", "--support-url", "javascript:alert(1)"}, "http:// or https://"},
		{[]string{"recovery", "set", "amazon", "--notes", strings.Repeat("x", 5001)}, "too long"},
		{[]string{"recovery", "set", "amazon"}, "at least one field"},
		{[]string{"recovery", "request", "amazon", "--lang", "fr"}, "--lang takes ja or en"},
		{[]string{"recovery", "set", "amazon", "--bogus", "x"}, "unknown option --bogus"},
	} {
		h.fails(exitUsage, []string{tc.want}, "", tc.args...)
	}
	h.fails(exitFailure, []string{`no account matches "nobody"`}, "", "recovery", "set", "nobody", "--notes", "x")
	h.sameSnapshot(before, "refused recovery commands")
}

func TestRecoveryEmpty(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "me", "--issuer", "Shop", "--no-otp")
	if r := h.ok("", "recovery", "show", "shop"); r.stdout != "" || !strings.Contains(r.stderr, "no recovery details for Shop: me yet") {
		t.Errorf("show empty: %q / %q", r.stdout, r.stderr)
	}
	r := h.ok("", "recovery", "request", "shop", "--lang", "en")
	if !strings.Contains(r.stdout, "Shop: me") || !strings.Contains(r.stderr, "warning: no recovery details are recorded") ||
		!strings.Contains(r.stderr, "no support contact recorded") {
		t.Errorf("request empty: %q / %q", r.stdout, r.stderr)
	}
}
