package cli

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/trouble"
	"github.com/mamori-app/mamori/vault/trouble/ntptest"
)

func TestCheckInputCommand(t *testing.T) {
	h := newHarness(t)
	// The part of each input that is not suspicious stands for a password:
	// it must never be printed back.
	h.addSecret("hunter")
	for _, tc := range []struct {
		name  string
		lang  string
		stdin string
		args  []string
		code  int
		out   []string // on stdout
	}{
		{"clean", "C", "", []string{"check-input", "hunter"}, exitOK, []string{"nothing suspicious in these 6 characters"}},
		{"notes only", "C", "", []string{"check-input", "Hunter0"}, exitOK, []string{
			"nothing suspicious", "“0” is easy to mix up with “O”", "mixes upper and lower case"}},
		{"full-width and ideographic space", "C", "", []string{"check-input", "hunter１\u3000"}, exitFailure, []string{
			"2 suspicious things in these 8 characters",
			"Position 7: “１” is a full-width character (U+FF11), not the half-width “1”",
			"Position 8: a space at the end (U+3000 IDEOGRAPHIC SPACE)"}},
		{"no-break space", "C", "", []string{"check-input", "hun\u00a0ter"}, exitFailure, []string{"Position 4: a space inside the text (U+00A0 NO-BREAK SPACE)"}},
		{"zero-width from stdin", "C", "hunter\u200b\n", []string{"check-input", "-"}, exitFailure, []string{
			"1 suspicious thing in these 7 characters", "Position 7: an invisible character (U+200B ZERO WIDTH SPACE)"}},
		{"only one line break dropped", "C", "hunter\r\n\n", []string{"check-input", "-"}, exitFailure, []string{"(U+000A LINE FEED)"}},
		{"Cyrillic a", "C", "", []string{"check-input", "hunter\u0430"}, exitFailure, []string{
			"Position 7: “а” is CYRILLIC SMALL LETTER A (U+0430), which looks like “a”"}},
		{"kana look-alikes in Japanese", "ja_JP.UTF-8", "", []string{"check-input", "hunterロー"}, exitFailure, []string{
			"8 文字に気になる点が 2 件あります", "7文字目：「ロ」は KATAKANA LETTER RO（U+30ED）で、「口」と取り違えやすい文字です",
			"8文字目：「ー」は KATAKANA-HIRAGANA PROLONGED SOUND MARK（U+30FC）で、「-」と取り違えやすい文字です"}},
		{"positions grouped", "C", "", []string{"check-input", "ｈunterｈ"}, exitFailure, []string{"Positions 1, 7: “ｈ” is a full-width character"}},
		{"empty", "C", "\n", []string{"check-input", "-"}, exitFailure, []string{"the text is empty"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h.env["LANG"] = tc.lang
			r := h.run(tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, w := range tc.out {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
				}
			}
			if tc.code == exitFailure && !strings.Contains(r.stderr, "mamori: error: ") {
				t.Errorf("no error line: %s", r.stderr)
			}
			noKeys(t, r)
		})
	}
	h.env["LANG"] = "C"

	// --json: one value, findings with messages.
	var out checkInputJSON
	decodeOne(t, h.run("", "check-input", "--json", " hunter").stdout, &out)
	if !out.Suspicious || out.Length != 7 || len(out.Findings) != 1 || out.Findings[0].Code != trouble.FindingLeadingSpace ||
		out.Findings[0].Positions[0] != 1 || out.Findings[0].Message == "" {
		t.Errorf("check-input --json = %+v", out)
	}
	// At a terminal, "-" reads without echo.
	h.tty = &scriptedTTY{lines: []string{"hunter\t"}}
	r := h.run("", "check-input", "-")
	if r.code != exitFailure || !strings.Contains(r.stderr, "(not shown)") || !strings.Contains(r.stdout, "CHARACTER TABULATION") {
		t.Errorf("tty: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	h.tty = nil
	// It needs no vault.
	if len(h.snapshot()) != 0 {
		t.Error("check-input created files")
	}
	h.fails(exitUsage, []string{`wrong number of arguments for "mamori check-input"`}, "", "check-input")
}

func TestLockoutCommand(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "taro@example.com", "--issuer", "Amazon", "--no-otp")
	lockout := func(args ...string) lockoutJSON {
		t.Helper()
		var out lockoutJSON
		decodeOne(t, h.ok("", append([]string{"lockout", "amazon", "--json"}, args...)...).stdout, &out)
		return out
	}
	// Default: one hour from now.
	l := lockout()
	if !l.Locked || !l.Since.Equal(testNow) || !l.Until.Equal(testNow.Add(time.Hour)) || l.RemainingSeconds != 3600 {
		t.Errorf("default lockout = %+v", l)
	}
	// The account's own duration.
	r := h.ok("", "account", "set", "amazon", "--lockout-duration", "3h")
	if !strings.Contains(r.stderr, "lockouts are taken to last 3 h") {
		t.Errorf("account set: %s", r.stderr)
	}
	if l := lockout("--note", "the site said so"); !l.Until.Equal(testNow.Add(3*time.Hour)) || l.Note != "the site said so" {
		t.Errorf("3 h lockout = %+v", l)
	}
	if l := lockout("--for", "９０m"); !l.Until.Equal(testNow.Add(90 * time.Minute)) {
		t.Errorf("--for 90m = %+v", l)
	}
	until := testNow.Add(5 * time.Hour).UTC().Format(time.RFC3339)
	if l := lockout("--until", until); !l.Until.Equal(testNow.Add(5 * time.Hour)) {
		t.Errorf("--until = %+v", l)
	}
	// The flow shows it, with the time left at a later moment.
	h.now = testNow.Add(2 * time.Hour)
	var c troubleJSON
	decodeOne(t, h.ok("", "trouble", "amazon", "locked", "--json").stdout, &c)
	if f := strings.Join(c.Steps[0].Facts, "\n"); !strings.Contains(f, "3 h from now") {
		t.Errorf("locked facts: %s", f)
	}
	h.now = testNow.Add(6 * time.Hour)
	decodeOne(t, h.ok("", "trouble", "amazon", "locked", "--json").stdout, &c)
	if f := strings.Join(c.Steps[0].Facts, "\n"); !strings.Contains(f, "should have lifted") {
		t.Errorf("lifted facts: %s", f)
	}
	h.now = testNow

	before := h.snapshot()
	for _, tc := range []struct {
		code int
		args []string
		want string
	}{
		{exitUsage, []string{"--until", until, "--for", "1h"}, "--until and --for cannot be used together"},
		{exitUsage, []string{"--clear", "--for", "1h"}, "cannot be used together"},
		{exitUsage, []string{"--for", "0s"}, "--for takes a duration"},
		{exitUsage, []string{"--for", "45d"}, "--for takes a duration"},
		{exitUsage, []string{"--until", "yesterday"}, "--until takes a time"},
		{exitUsage, []string{"--until", testNow.Add(-time.Hour).UTC().Format(time.RFC3339)}, "is not in the future"},
		{exitUsage, []string{"--note", strings.Repeat("x", trouble.MaxNoteLen+1)}, "at most 500 characters"},
	} {
		h.fails(tc.code, []string{tc.want}, "", append([]string{"lockout", "amazon"}, tc.args...)...)
	}
	h.fails(exitFailure, []string{`no account matches "nobody"`}, "", "lockout", "nobody")
	h.sameSnapshot(before, "refused lockouts")

	if r := h.ok("", "lockout", "amazon", "--clear"); !strings.Contains(r.stderr, "forgot the lockout") {
		t.Errorf("clear: %s", r.stderr)
	}
	before = h.snapshot()
	if r := h.ok("", "lockout", "amazon", "--clear"); !strings.Contains(r.stderr, "no lockout is recorded") {
		t.Errorf("clear again: %s", r.stderr)
	}
	h.sameSnapshot(before, "clearing nothing")
	h.fails(exitUsage, []string{"--lockout-duration takes a duration"}, "", "account", "set", "amazon", "--lockout-duration", "forever")
}

func TestClockCommand(t *testing.T) {
	h := newHarness(t)
	r := h.ok("", "clock")
	if !strings.Contains(r.stdout, "local time: ") || !strings.Contains(r.stderr, "no time server was contacted") ||
		!strings.Contains(r.stderr, "learns your IP address") {
		t.Errorf("clock:\n%s\n%s", r.stdout, r.stderr)
	}
	var out clockJSON
	decodeOne(t, h.ok("", "clock", "--json").stdout, &out)
	if out.Checked || out.OffsetSeconds != nil || !out.LocalTime.Equal(testNow) {
		t.Errorf("clock --json = %+v", out)
	}

	// The harness's clock is fixed and so is the server's: the offset is
	// exactly 42 s.
	addr := ntptest.Start(t, func() time.Time { return testNow.Add(42 * time.Second) })
	r = h.ok("", "clock", "--ntp", addr, "--json", "--timeout", "10s")
	decodeOne(t, r.stdout, &out)
	if !out.Checked || out.OffsetSeconds == nil || *out.OffsetSeconds != 42 || !out.LocalTime.Equal(testNow) ||
		out.Skew != trouble.SkewBad || out.Suggested == nil || *out.Suggested != 42 || out.Server != addr {
		t.Errorf("clock --ntp = %+v", out)
	}
	if !strings.Contains(r.stderr, "asking "+addr+" for the time: the server learns your IP address") ||
		!strings.Contains(r.stderr, "warning: this computer's clock is off by 42 s") {
		t.Errorf("stderr: %s", r.stderr)
	}
	r = h.ok("", "clock", "--ntp", addr, "--timeout", "10s")
	if !strings.Contains(r.stdout, "behind the server") || !strings.Contains(r.stdout, "+42.000 s") {
		t.Errorf("clock --ntp:\n%s", r.stdout)
	}

	// A server that does not answer: a failure, quickly.
	h.fails(exitFailure, []string{"could not compare the clock with", "hint: check the server's name"}, "",
		"clock", "--ntp", ntptest.StartSilent(t), "--timeout", "200ms")
	h.fails(exitUsage, []string{"--timeout takes a duration"}, "", "clock", "--ntp", addr, "--timeout", "soon")
	h.fails(exitUsage, []string{"--ntp needs a value"}, "", "clock", "--ntp", " ")
	if len(h.snapshot()) != 0 {
		t.Error("clock created files")
	}
}

func TestCodeHonoursClockOffset(t *testing.T) {
	h := newHarness(t)
	secret := h.addSecret(randomSecret(t, 20))
	h.ok("", "add", "alice", "--issuer", "Offset", "--secret", secret)
	oath := func(at int64) string {
		return oathtool(t, "--totp", "--base32", "--now=@"+strconv.FormatInt(at, 10), secret)
	}
	for _, off := range []int{0, 30, -30, 47, -3600, 86400} {
		r := h.ok("", "account", "set", "offset", "--clock-offset", strconv.Itoa(off))
		if off != 0 && !strings.Contains(r.stderr, fmt.Sprintf("now makes its codes %+d s off this computer's time", off)) {
			t.Errorf("account set: %s", r.stderr)
		}
		for _, at := range []int64{1234567890, 2000000000, 1111111109} {
			r := h.ok("", "code", "offset", "--at", strconv.FormatInt(at, 10))
			if got, want := strings.TrimSpace(r.stdout), oath(at+int64(off)); got != want {
				t.Errorf("offset %d at %d: mamori %s, oathtool %s", off, at, got, want)
			}
			if (off != 0) != strings.Contains(r.stderr, "the account's clock offset") {
				t.Errorf("offset %d: stderr %q", off, r.stderr)
			}
		}
		// The trouble flow shows the previous, current and next codes at the offset.
		var c troubleJSON
		decodeOne(t, h.ok("", "trouble", "offset", "code-rejected", "--json").stdout, &c)
		now := testNow.Unix() + int64(off)
		if c.Codes == nil || c.Codes.Offset != off || c.Codes.Current != oath(now) || c.Codes.Previous != oath(now-30) || c.Codes.Next != oath(now+30) {
			t.Errorf("offset %d: codes %+v, oathtool %s %s %s", off, c.Codes, oath(now-30), oath(now), oath(now+30))
		}
	}
	before := h.snapshot()
	h.fails(exitUsage, []string{"--clock-offset takes whole seconds, at most 86400 either way"}, "", "account", "set", "offset", "--clock-offset", "86401")
	h.fails(exitUsage, []string{"--clock-offset"}, "", "account", "set", "offset", "--clock-offset", "1.5")
	if r := h.ok("", "account", "set", "offset", "--clock-offset", "86400"); !strings.Contains(r.stderr, "already has that setting") {
		t.Errorf("same offset: %s", r.stderr)
	}
	h.sameSnapshot(before, "refused offsets")
	if r := h.ok("", "account", "set", "offset", "--clock-offset", "0"); !strings.Contains(r.stderr, "no clock offset") {
		t.Errorf("offset 0: %s", r.stderr)
	}
}

func TestTroubleCommand(t *testing.T) {
	h := newHarness(t)
	h.addSecret("JBSWY3DPEHPK3PXP")
	h.ok("", "add", "taro@example.com", "--issuer", "Amazon", "--secret", "JBSWY3DPEHPK3PXP")
	h.ok("aaaa-0001\naaaa-0002\naaaa-0003\n", "backup", "set", "amazon")
	h.ok("", "backup", "use", "amazon", "aaaa-0002")
	h.ok("", "phone", "bind", "amazon", "090-1234-5678")
	h.ok("", "phone", "change", "090-1234-5678", "080-1111-2222", "--old-gone")
	h.ok("", "recovery", "set", "amazon", "--user-number", "12345", "--support-phone", "0120-000-000")

	// Without a symptom: the list.
	r := h.ok("", "trouble", "amazon")
	if !strings.Contains(r.stdout, "code-rejected      The code is rejected") || !strings.Contains(r.stderr, "mamori trouble amazon SYMPTOM") {
		t.Errorf("symptoms:\n%s\n%s", r.stdout, r.stderr)
	}
	var syms []symptomJSON
	decodeOne(t, h.ok("", "trouble", "amazon", "--json", "--lang", "ja").stdout, &syms)
	if len(syms) != len(trouble.Symptoms) || syms[0].Title != "IDまたはパスワードが違うと言われる" {
		t.Errorf("symptoms --json = %+v", syms)
	}

	// Every symptom, both languages, text and JSON.
	for _, s := range trouble.Symptoms {
		for _, lang := range []string{"en", "ja"} {
			r := h.ok("", "trouble", "amazon", string(s), "--lang", lang)
			if !strings.HasPrefix(r.stdout, "Amazon: taro@example.com — ") || !strings.Contains(r.stdout, "\n 1. ") {
				t.Errorf("%s %s:\n%s", s, lang, r.stdout)
			}
			noKeys(t, r)
			var c troubleJSON
			decodeOne(t, h.ok("", "trouble", "amazon", string(s), "--lang", lang, "--json").stdout, &c)
			if c.Symptom != s || c.Lang != lang || c.AccountID == "" || len(c.Steps) == 0 {
				t.Errorf("%s %s --json = %+v", s, lang, c)
			}
		}
	}
	r = h.ok("", "trouble", "amazon", "lost-everything")
	if !strings.Contains(r.stdout, "Recovery request (read it over before sending):") || !strings.Contains(r.stdout, "12345") ||
		strings.Contains(strings.ToLower(r.stdout), "password:") {
		t.Errorf("lost-everything:\n%s", r.stdout)
	}
	r = h.ok("", "trouble", "amazon", "sms-old-number")
	if !strings.Contains(r.stdout, "Change on 2009-02-13: 090-1234-5678 → 080-1111-2222; the old line no longer works.") {
		t.Errorf("sms-old-number:\n%s", r.stdout)
	}

	// A refused backup code, from stdin, checked but not stored or echoed.
	before := h.snapshot()
	h.addSecret("aaaa-0002")
	r = h.ok("aaaa-0002\n", "trouble", "amazon", "code-rejected", "--backup-code", "-")
	if !strings.Contains(r.stdout, "number 2 and was used on 2009-02-13") {
		t.Errorf("backup code:\n%s", r.stdout)
	}
	r = h.ok("", "trouble", "amazon", "code-rejected", "--backup-code", "zzzz-9999")
	if !strings.Contains(r.stdout, "not on any sheet") {
		t.Errorf("unknown backup code:\n%s", r.stdout)
	}
	h.sameSnapshot(before, "checking a backup code")

	// The breach checklist: tick, dated; reset.
	var c troubleJSON
	h.now = testNow.Add(time.Hour)
	r = h.ok("", "trouble", "amazon", "breached", "--tick", "１", "--json")
	decodeOne(t, r.stdout, &c)
	if c.Steps[0].Done == nil || !c.Steps[0].Done.Equal(testNow.Add(time.Hour)) || c.Steps[1].Done != nil {
		t.Errorf("after ticking 1: %+v", c.Steps[:2])
	}
	if !strings.Contains(r.stderr, "ticked step 1 of Amazon: taro@example.com's breach checklist") {
		t.Errorf("tick: %s", r.stderr)
	}
	// --lang ja: the note about the tick is in Japanese too.
	r = h.ok("", "trouble", "amazon", "breached", "--tick", "3", "--lang", "ja")
	if !strings.Contains(r.stderr, "流出対応チェックリストの手順 3 にチェックを付けました") || strings.Contains(r.stderr, "ticked step") {
		t.Errorf("tick with --lang ja: %s", r.stderr)
	}
	h.ok("", "trouble", "amazon", "breached", "--tick", "card")
	r = h.ok("", "trouble", "amazon", "breached")
	if !strings.Contains(r.stdout, " 1. [x] ") || !strings.Contains(r.stdout, "done on 2009-02-14 00:31") || !strings.Contains(r.stdout, " 6. [x] ") ||
		!strings.Contains(r.stdout, " 2. [ ] ") {
		t.Errorf("breached after ticks:\n%s", r.stdout)
	}
	before = h.snapshot()
	h.fails(exitUsage, []string{`Step "7" cannot be ticked; the steps to tick are 1, 2, 3, 4, 5, 6.`}, "", "trouble", "amazon", "breached", "--tick", "7")
	h.fails(exitUsage, []string{`Step "99" cannot be ticked`}, "", "trouble", "amazon", "breached", "--tick", "99")
	h.fails(exitUsage, []string{"--tick only goes with the breached symptom"}, "", "trouble", "amazon", "locked", "--tick", "1")
	h.fails(exitUsage, []string{"--code only goes with the error-code symptom"}, "", "trouble", "amazon", "locked", "--code", "500")
	h.fails(exitUsage, []string{"--backup-code only goes with the code-rejected symptom"}, "", "trouble", "amazon", "breached", "--backup-code", "x")
	h.fails(exitUsage, []string{`"tired" is not a symptom; use one of wrong-credentials, locked`}, "", "trouble", "amazon", "tired")
	h.fails(exitUsage, []string{"--lang takes ja or en"}, "", "trouble", "amazon", "locked", "--lang", "fr")
	h.fails(exitFailure, []string{`no account matches "nobody"`}, "", "trouble", "nobody", "locked")
	h.sameSnapshot(before, "refused trouble commands")
	var after troubleJSON
	decodeOne(t, h.ok("", "trouble", "amazon", "breached", "--reset", "--json").stdout, &after)
	for _, st := range after.Steps {
		if st.Done != nil {
			t.Errorf("after --reset: %+v", st)
		}
	}
}

func TestErrorsCommand(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "taro", "--issuer", "So-net", "--no-otp")
	r := h.ok("", "errors", "list", "so-net")
	if !strings.Contains(r.stdout, "SS503") || !strings.Contains(r.stdout, "CE500") || !strings.Contains(r.stderr, "no notes of your own") {
		t.Errorf("list:\n%s\n%s", r.stdout, r.stderr)
	}
	if r := h.ok("", "errors", "add", "so-net", "コード：ss503", "wait ten minutes, then try once"); !strings.Contains(r.stderr, "noted SS503 for So-net: taro") {
		t.Errorf("add: %s", r.stderr)
	}
	if r := h.ok("call support on weekdays\n", "errors", "add", "so-net", "E-12", "-"); !strings.Contains(r.stderr, "noted E-12") {
		t.Errorf("add from stdin: %s", r.stderr)
	}
	if r := h.ok("", "errors", "add", "so-net", "e-12", "call support"); !strings.Contains(r.stderr, "replaced the note on E-12") {
		t.Errorf("replace: %s", r.stderr)
	}
	var out errorsJSON
	decodeOne(t, h.ok("", "errors", "list", "so-net", "--json", "--lang", "ja").stdout, &out)
	if len(out.Codes) < 4 || !out.Codes[0].Own || out.Codes[0].Code != "E-12" || out.Codes[0].Text != "call support" ||
		!out.Codes[1].Own || out.Codes[1].Code != "SS503" || out.Codes[2].Own || !strings.Contains(out.Codes[2].Text, "時間を置いて") {
		t.Errorf("list --json = %+v", out.Codes)
	}
	r = h.ok("", "trouble", "so-net", "error-code", "--code", "ＳＳ５０３")
	if !strings.Contains(r.stdout, "SS503 (your note, 2009-02-13): wait ten minutes, then try once") ||
		!strings.Contains(r.stdout, "SS503: too many attempts") {
		t.Errorf("error-code:\n%s", r.stdout)
	}
	before := h.snapshot()
	h.fails(exitUsage, []string{"Enter the error code the note is for."}, "", "errors", "add", "so-net", "コード:", "x")
	h.fails(exitUsage, []string{"Write what the code means or what helped."}, "", "errors", "add", "so-net", "E1", " ")
	h.fails(exitFailure, []string{"So-net: taro has no note for X9", `hint: "mamori errors list so-net"`}, "", "errors", "rm", "so-net", "x9")
	h.fails(exitUsage, []string{`"mamori errors" needs a subcommand: list, add, rm`}, "", "errors")
	h.sameSnapshot(before, "refused notes")
	if r := h.ok("", "errors", "rm", "so-net", "e-12"); !strings.Contains(r.stderr, "removed the note on E-12") {
		t.Errorf("rm: %s", r.stderr)
	}
}
