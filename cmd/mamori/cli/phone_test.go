package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/service"
)

func (h *harness) phoneList(args ...string) []bindingJSON {
	h.t.Helper()
	var out []bindingJSON
	decodeOne(h.t, h.ok("", append([]string{"phone", "list", "--json"}, args...)...).stdout, &out)
	return out
}

func (h *harness) riskJSON() []phone.RiskItem {
	h.t.Helper()
	var out []phone.RiskItem
	decodeOne(h.t, h.ok("", "phone", "risk", "--json").stdout, &out)
	return out
}

func TestPhoneBindNumberForms(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "taro@example.com", "--issuer", "Amazon", "--no-otp")
	// Every spelling of one number is the same E.164 number: only the first binds.
	for i, form := range []string{
		"090-1234-5678",
		"09012345678",
		"+81 90 1234 5678",
		"０９０－１２３４－５６７８",
		"(090) 1234-5678",
		"tel:+81-90-1234-5678",
		"０９０ー１２３４ー５６７８",
	} {
		before := h.snapshot()
		r := h.ok("", "phone", "bind", "amazon", form)
		if i == 0 {
			if !strings.Contains(r.stderr, "Amazon: taro@example.com uses 090-1234-5678 (+819012345678) for SMS code") {
				t.Errorf("bind %q: %q", form, r.stderr)
			}
			continue
		}
		if !strings.Contains(r.stderr, "already uses 090-1234-5678 (+819012345678)") {
			t.Errorf("bind %q is not the same number: %q", form, r.stderr)
		}
		h.sameSnapshot(before, "binding "+form+" again")
	}
	if l := h.phoneList(); len(l) != 1 || l[0].Number != "+819012345678" || l[0].Role != phone.RoleSMS || l[0].Kind != phone.KindMobile ||
		l[0].National != "090-1234-5678" || !l[0].Since.Equal(testNow) {
		t.Errorf("phone list --json = %+v", l)
	}

	// Another role is another binding; VoIP is bound with a warning.
	h.ok("", "phone", "bind", "amazon", "090-1234-5678", "--role", "voice")
	r := h.ok("", "phone", "bind", "amazon", "050-1234-5678", "--role", "backup")
	if !strings.Contains(r.stderr, "warning: 050-1234-5678 is a VoIP number (050)") {
		t.Errorf("no VoIP warning: %q", r.stderr)
	}
	r = h.ok("", "phone", "bind", "amazon", "03-1234-5678")
	if !strings.Contains(r.stderr, "warning: 03-1234-5678 is not a mobile number (landline)") {
		t.Errorf("no landline warning: %q", r.stderr)
	}
	if l := h.phoneList("amazon"); len(l) != 4 || l[2].Kind != phone.KindVoIP || l[2].Role != phone.RoleBackup {
		t.Errorf("phone list = %+v", l)
	}
	r = h.ok("", "phone", "list")
	if !strings.Contains(r.stdout, "090-1234-5678  Voice call") || !strings.Contains(r.stdout, "VoIP (050)") {
		t.Errorf("phone list:\n%s", r.stdout)
	}

	before := h.snapshot()
	for _, tc := range []struct {
		code int
		args []string
		want string
	}{
		{exitFailure, []string{"phone", "bind", "amazon", "12"}, "the phone number is not valid"},
		{exitFailure, []string{"phone", "bind", "amazon", "0120-ABC-DEF"}, "the phone number is not valid"},
		{exitFailure, []string{"phone", "bind", "amazon", "090-1234-567"}, "the phone number is not valid"},
		{exitFailure, []string{"phone", "bind", "nobody", "090-1234-5678"}, `no account matches "nobody"`},
		{exitUsage, []string{"phone", "bind", "amazon", "090-1234-5678", "--role", "fax"}, "--role takes sms, voice, backup or recovery-contact"},
		{exitFailure, []string{"phone", "unbind", "amazon", "080-1111-2222"}, "is not bound to 080-1111-2222"},
		{exitUsage, []string{"phone", "bind", "amazon"}, "wrong number of arguments"},
	} {
		r := h.fails(tc.code, []string{tc.want, "hint: "}, "", tc.args...)
		if strings.Contains(r.stderr, "0120-ABC-DEF") {
			t.Errorf("the number was echoed: %s", r.stderr)
		}
	}
	h.sameSnapshot(before, "refused phone commands")

	r = h.ok("", "phone", "unbind", "amazon", "+81 90 1234 5678", "--role", "voice")
	if !strings.Contains(r.stderr, "no longer uses 090-1234-5678 (1 role removed)") {
		t.Errorf("unbind: %q", r.stderr)
	}
	if l := h.phoneList("amazon"); len(l) != 3 {
		t.Errorf("after unbind: %+v", l)
	}
}

// TestPhoneChangeAmazonCase is the seed's story: Amazon sent its login SMS to
// the old number, and changing the number needed that very SMS. Recording the
// change lists Amazon at once, as having no other way in, with its support
// line; GitHub, whose TOTP key Mamori holds, has a fallback.
func TestPhoneChangeAmazonCase(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "taro@example.com", "--issuer", "Amazon", "--no-otp")
	h.ok("", "add", "taro", "--issuer", "GitHub", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	h.ok("", "add", "taro", "--issuer", "LINE", "--no-otp")
	h.ok("", "phone", "bind", "amazon", "090-1234-5678")
	h.ok("", "phone", "bind", "github", "090-1234-5678", "--role", "recovery-contact")
	h.ok("", "phone", "bind", "line", "080-5555-6666")
	h.ok("", "recovery", "set", "amazon", "--support-phone", "0120-999-373", "--support-hours", "24 hours")

	// Readiness before anything changes: Amazon and LINE are SMS-only, and
	// Amazon offers an authenticator app to switch to.
	var findings []findingJSON
	decodeOne(t, h.ok("", "phone", "readiness", "--json").stdout, &findings)
	if len(findings) != 3 || findings[2].Code != service.FindingSwitchFromSMS || findings[2].Label != "Amazon: taro@example.com" || findings[0].Code != phone.FindingSMSOnly || findings[0].Label != "Amazon: taro@example.com" ||
		findings[0].Severity != phone.SeverityHigh || findings[0].Number != "+819012345678" || !strings.Contains(findings[0].Message, "only support can let you back in") ||
		findings[1].Label != "LINE: taro" {
		t.Errorf("readiness --json = %+v", findings)
	}
	if r := h.ok("", "phone", "readiness"); !strings.Contains(r.stdout, "high      Amazon: taro@example.com  Codes go only to 090-1234-5678") {
		t.Errorf("readiness:\n%s", r.stdout)
	}

	// The old line works until the end of March.
	until := time.Date(2009, 3, 31, 0, 0, 0, 0, time.Local).AddDate(0, 0, 1)
	r := h.ok("", "phone", "change", "090-1234-5678", "080-9999-0000", "--old-until", "2009-03-31")
	if !strings.Contains(r.stderr, "recorded the change 090-1234-5678 → 080-9999-0000 on 2009-02-1") ||
		!strings.Contains(r.stderr, "the old line works through 2009-03-31") || !strings.Contains(r.stderr, "2 accounts still send codes or calls to 090-1234-5678") {
		t.Errorf("phone change stderr:\n%s", r.stderr)
	}
	lines := strings.Split(r.stdout, "\n")
	if len(lines) < 4 || !strings.Contains(lines[1], "[ ]  Amazon: taro@example.com") || !strings.Contains(lines[1], "SMS code") ||
		!strings.Contains(lines[2], "no other way in") || !strings.Contains(lines[3], "support: 0120-999-373 (24 hours)") ||
		!strings.Contains(r.stdout, "[ ]  GitHub: taro") || strings.Contains(r.stdout, "LINE: taro") {
		t.Errorf("phone change checklist:\n%s", r.stdout)
	}

	items := h.riskJSON()
	if len(items) != 2 || items[0].Label != "Amazon: taro@example.com" || !items[0].NoFallback || items[0].Urgency != phone.UrgencyGoing ||
		items[0].Deadline == nil || !items[0].Deadline.Equal(until) || items[0].Old != "+819012345678" || items[0].New != "+818099990000" ||
		items[1].Label != "GitHub: taro" || items[1].NoFallback || len(items[1].Roles) != 1 || items[1].Roles[0] != phone.RoleRecoveryContact {
		t.Errorf("risk --json = %+v", items)
	}

	// Tick Amazon off by old number: it moves to the new number and the list shrinks.
	r = h.ok("", "phone", "done", "０９０-1234-5678", "amazon")
	if !strings.Contains(r.stderr, "ticked off Amazon: taro@example.com: its bindings moved from 090-1234-5678 to 080-9999-0000") ||
		!strings.Contains(r.stderr, "1 account left") {
		t.Errorf("done: %q", r.stderr)
	}
	if l := h.phoneList("amazon"); len(l) != 1 || l[0].Number != "+818099990000" || l[0].Role != phone.RoleSMS {
		t.Errorf("amazon after done: %+v", l)
	}
	items = h.riskJSON()
	if len(items) != 1 || items[0].Label != "GitHub: taro" {
		t.Errorf("risk after done = %+v", items)
	}
	before := h.snapshot()
	if r := h.ok("", "phone", "done", "090-1234-5678", "amazon"); !strings.Contains(r.stderr, "already ticked off") {
		t.Errorf("done twice: %q", r.stderr)
	}
	h.fails(exitFailure, []string{"LINE: taro is not bound to 090-1234-5678"}, "", "phone", "done", "090-1234-5678", "line")
	h.fails(exitFailure, []string{"No recorded number change matches."}, "", "phone", "done", "070-1111-2222", "github")
	h.fails(exitUsage, []string{"The old and new numbers are the same."}, "", "phone", "change", "090-1234-5678", "+819012345678")
	h.fails(exitUsage, []string{"--old-until and --old-gone cannot be used together"}, "", "phone", "change", "090-1234-5678", "080-9999-0000", "--old-gone", "--old-until", "2009-03-01")
	h.fails(exitUsage, []string{"--date takes a date"}, "", "phone", "change", "090-1234-5678", "080-9999-0000", "--date", "tomorrow")
	h.fails(exitFailure, []string{"the phone number is not valid"}, "", "phone", "change", "090-1234-5678", "12345")
	h.sameSnapshot(before, "refused changes")

	// Later the old line is gone: what is left is marked gone.
	h.now = until.Add(time.Hour)
	items = h.riskJSON()
	if len(items) != 1 || items[0].Urgency != phone.UrgencyGone {
		t.Errorf("risk after the deadline = %+v", items)
	}
	h.ok("", "phone", "done", items[0].ChangeID, "github")
	if r := h.ok("", "phone", "risk"); r.stdout != "" || !strings.Contains(r.stderr, "no account is bound to a number that is gone or going") {
		t.Errorf("risk when all done: %q / %q", r.stdout, r.stderr)
	}
	items = h.riskJSON()
	if len(items) != 0 {
		t.Errorf("risk --json when all done = %+v", items)
	}

	// A line given up without a replacement, gone at once: LINE has no way in left.
	var ch changeJSON
	decodeOne(t, h.ok("", "phone", "change", "080-5555-6666", "-", "--old-gone", "--json").stdout, &ch)
	if ch.Change.New != "" || ch.Change.OldStillWorks || ch.Change.OldUsableUntil != nil || len(ch.Checklist) != 1 ||
		ch.Checklist[0].Urgency != phone.UrgencyGone || !ch.Checklist[0].NoFallback {
		t.Errorf("change --json = %+v", ch)
	}
	r = h.ok("", "phone", "change", "080-5555-6666", "-", "--old-gone")
	if !strings.Contains(r.stderr, "updated the recorded change") || !strings.Contains(r.stderr, "no longer works: update each through another way in") ||
		!strings.Contains(r.stdout, "no support contact recorded") {
		t.Errorf("gone change: %q\n%s", r.stderr, r.stdout)
	}

	// Japanese.
	h.env["LANG"] = "ja_JP.UTF-8"
	r = h.ok("", "phone", "risk")
	noKeys(t, r)
	if !strings.Contains(r.stdout, "もう使えません") || !strings.Contains(r.stdout, "ほかにログインする手段がありません") {
		t.Errorf("ja risk:\n%s", r.stdout)
	}
	noKeys(t, h.ok("", "phone", "readiness"))
}

func TestPhoneReadinessJSONEmpty(t *testing.T) {
	h := newHarness(t)
	var findings []findingJSON
	decodeOne(t, h.ok("", "phone", "readiness", "--json").stdout, &findings)
	if findings == nil || len(findings) != 0 {
		t.Errorf("readiness on an empty vault = %#v", findings)
	}
	h.ok("", "add", "me", "--issuer", "Bank", "--no-otp")
	h.ok("", "phone", "bind", "bank", "050-1234-5678")
	findings = nil
	decodeOne(t, h.ok("", "phone", "readiness", "--json").stdout, &findings)
	codes := map[phone.FindingCode]bool{}
	for _, f := range findings {
		codes[f.Code] = true
	}
	if !codes[phone.FindingVoIPForSMS] || !codes[phone.FindingSMSOnly] {
		t.Errorf("readiness = %+v", findings)
	}
}
