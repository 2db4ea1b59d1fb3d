package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// backupFixtures are the sample sheets of package backup, with what a
// person reads off each: how many codes and which they are, first and last.
var backupFixtures = []struct {
	file        string
	count       int
	first, last string
	// firstTyped is the first code as someone might type it.
	firstTyped string
	// second is code 2: on Google's sheet the one printed "2.", under
	// code 1; copied without the numbers, the one beside it.
	second string
}{
	{"github-recovery-codes.txt", 16, "793cf-4220c", "67d84-a1a3c", "793CF4220C", "917b8-53860"},
	{"google-backup-codes.txt", 10, "0761 6392", "1187 6346", "０７６１－６３９２", "5475 6834"},
	{"google-copied.txt", 10, "0761 6392", "1187 6346", "07616392", "4166 3803"},
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "vault", "backup", "testdata", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// decodeOne decodes stdout as exactly one JSON value into v.
func decodeOne(t *testing.T, stdout string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(stdout))
	if err := dec.Decode(v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if dec.More() {
		t.Fatalf("more than one JSON value:\n%s", stdout)
	}
}

// noKeys fails if a translation key leaked into the output instead of its text.
func noKeys(t *testing.T, r result) {
	t.Helper()
	for _, s := range []string{r.stdout, r.stderr} {
		if strings.Contains(s, "cli.") || strings.Contains(s, "<no value>") {
			t.Errorf("untranslated text in output:\n%s", s)
		}
	}
}

func (h *harness) backupJSON(account string) backupJSON {
	h.t.Helper()
	var out backupJSON
	decodeOne(h.t, h.ok("", "backup", "list", account, "--json").stdout, &out)
	return out
}

func TestBackupSheets(t *testing.T) {
	for _, fx := range backupFixtures {
		t.Run(fx.file, func(t *testing.T) {
			h := newHarness(t)
			h.ok("", "add", "me", "--issuer", "Service", "--no-otp")
			path := fixture(t, fx.file)
			r := h.ok("", "backup", "set", "service", path)
			if r.stdout != "" || !strings.Contains(r.stderr, "recorded "+itoa(fx.count)+" backup codes for Service: me") {
				t.Errorf("backup set: %q / %q", r.stdout, r.stderr)
			}
			b := h.backupJSON("service")
			if b.Total != fx.count || b.Remaining != fx.count || b.Threshold != 3 || b.Low || b.Current == nil ||
				b.Current.Codes[0].Code != fx.first || b.Current.Codes[1].Code != fx.second || b.Current.Codes[fx.count-1].Code != fx.last {
				t.Fatalf("backup list --json = %+v", b)
			}

			// next prints the first code only, and does not use it.
			before := h.snapshot()
			r = h.ok("", "backup", "next", "service")
			if r.stdout != fx.first+"\n" || !strings.Contains(r.stderr, "NOT marked used") || !strings.Contains(r.stderr, "no. 1 of "+itoa(fx.count)) {
				t.Errorf("backup next = %q / %q", r.stdout, r.stderr)
			}
			h.sameSnapshot(before, "backup next")

			// Use it, typed another way.
			r = h.ok("", "backup", "use", "service", fx.firstTyped)
			if r.stdout != "" || !strings.Contains(r.stderr, itoa(fx.count-1)+" of "+itoa(fx.count)+" left") {
				t.Errorf("backup use = %q / %q", r.stdout, r.stderr)
			}
			if b := h.backupJSON("service"); b.Remaining != fx.count-1 || b.Current.Codes[0].Used == nil || !b.Current.Codes[0].Used.Equal(testNow) {
				t.Errorf("after use: %+v", b)
			}
			if r := h.ok("", "backup", "next", "service"); strings.TrimSpace(r.stdout) == fx.first {
				t.Errorf("next still gives the used code")
			}

			// Used again, unknown, or read from stdin wrongly: exit 1, vault unchanged, code never echoed.
			before = h.snapshot()
			for _, tc := range []struct {
				stdin string
				args  []string
				want  string
			}{
				{"", []string{"backup", "use", "service", fx.first}, "already used on " + when(testNow)},
				{fx.firstTyped + "\n", []string{"backup", "use", "service", "-"}, "already used"},
				{"", []string{"backup", "use", "service", "0000-1111"}, "This is not one of this account's backup codes"},
				{"", []string{"backup", "use", "nobody", fx.last}, `no account matches "nobody"`},
			} {
				r := h.fails(exitFailure, []string{tc.want, "hint: "}, tc.stdin, tc.args...)
				if strings.Contains(r.stderr, fx.first) || strings.Contains(r.stderr, fx.last) || strings.Contains(r.stderr, "0000-1111") {
					t.Errorf("%q repeated a code:\n%s", tc.args, r.stderr)
				}
			}
			h.sameSnapshot(before, "failed backup use")

			// The same sheet again is an old sheet: refused.
			h.fails(exitFailure, []string{"already recorded", "old sheet"}, "", "backup", "set", "service", path)
			h.sameSnapshot(before, "old sheet again")
		})
	}
}

func TestBackupFromStdinAndReplace(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "taro2024", "--issuer", "まもりネット", "--no-otp")
	jp, err := os.ReadFile(fixture(t, "jp-alnum.txt"))
	if err != nil {
		t.Fatal(err)
	}
	h.ok(string(jp), "backup", "set", "まもり")
	b := h.backupJSON("まもり")
	// The sheet's full-width "ＦＥ３Ｍ ＸＺＷＭ ＶＢＢＦ" is stored in half width.
	if b.Total != 6 || b.Current.Codes[0].Code != "FE3M XZWM VBBF" || b.Current.Codes[5].Code != "VJDL 3SBR LGPC" {
		t.Fatalf("jp sheet = %+v", b.Current)
	}
	h.ok("", "backup", "use", "まもり", "fe3m-xzwm-vbbf")
	h.ok("", "backup", "use", "まもり", "YGLM9EHM8QV3")
	r := h.ok("", "backup", "use", "まもり", "R9QV ZQW6 33WU")
	if !strings.Contains(r.stderr, "warning: only 3 backup codes of まもりネット: taro2024 left") {
		t.Errorf("no low warning at 3 left: %q", r.stderr)
	}

	// A new sheet: the old one becomes void history; its codes are "void", not "unknown".
	r = h.ok("1. 1111 2222\n2. 3333 4444\n3. 5555 6666\n4. 7777 8888\n5. 9999 0000\n", "backup", "set", "まもり", "-")
	if !strings.Contains(r.stderr, "previous sheet (6 codes, 3 unused) is kept as history, marked void") {
		t.Errorf("replace: %q", r.stderr)
	}
	b = h.backupJSON("まもり")
	if b.Total != 5 || b.Remaining != 5 || len(b.History) != 1 || b.History[0].Voided == nil || b.Current.Number != 2 {
		t.Errorf("after replace: %+v", b)
	}
	before := h.snapshot()
	h.fails(exitFailure, []string{"belongs to sheet 1, replaced on " + day(testNow), "hint: "}, "", "backup", "use", "まもり", "VJDL3SBRLGPC")
	h.fails(exitFailure, []string{"belongs to sheet 1, replaced on " + day(testNow) + ", and was used on " + when(testNow)}, "", "backup", "use", "まもり", "FE3M XZWM VBBF")
	h.sameSnapshot(before, "void and used codes")

	// list shows the codes with their state; --all the void sheet too.
	r = h.ok("", "backup", "list", "まもり")
	if !strings.Contains(r.stdout, "1111 2222") || strings.Contains(r.stdout, "FE3M") || !strings.Contains(r.stderr, "--all shows them") {
		t.Errorf("backup list:\n%s\n%s", r.stdout, r.stderr)
	}
	r = h.ok("", "backup", "list", "まもり", "--all")
	if !strings.Contains(r.stdout, "FE3M XZWM VBBF  used "+when(testNow)) || !strings.Contains(r.stdout, "VJDL 3SBR LGPC  void") ||
		!strings.Contains(r.stdout, "\nsheet 1 (recorded 2009-02-13, void since 2009-02-13)\nNO.") {
		t.Errorf("backup list --all:\n%s", r.stdout)
	}

	// Use them all: a warning, then next fails.
	for _, c := range []string{"11112222", "33334444", "55556666", "77778888"} {
		h.ok("", "backup", "use", "まもり", c)
	}
	r = h.ok("", "backup", "use", "まもり", "9999 0000")
	if !strings.Contains(r.stderr, "no unused backup codes left") {
		t.Errorf("last code: %q", r.stderr)
	}
	h.fails(exitFailure, []string{"no unused backup codes left", "generate new codes"}, "", "backup", "next", "まもり")

	// Threshold.
	h.ok("", "backup", "threshold", "まもり", "5")
	if b := h.backupJSON("まもり"); b.Threshold != 5 {
		t.Errorf("threshold = %d", b.Threshold)
	}
	h.fails(exitUsage, []string{"whole number from 0 to"}, "", "backup", "threshold", "まもり", "100000")
}

func TestBackupSheetProblems(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "me", "--issuer", "Service", "--no-otp")
	h.ok("1. 1234 5678\n", "backup", "set", "service")
	before := h.snapshot()
	sheet := "Backup codes\n1. 2345 6789\n2. 3456 789\n3. 4567 8901\n4. 2345 6789\n"
	r := h.fails(exitFailure, []string{
		"the sheet was not recorded: 2 problems",
		"line 3: looks like part of a code",
		"line 5: the same code as on line 2",
		"nothing was saved",
	}, sheet, "backup", "set", "service")
	for _, code := range []string{"2345", "3456", "4567"} {
		if strings.Contains(r.stderr, code) {
			t.Errorf("sheet error quotes the sheet (%s):\n%s", code, r.stderr)
		}
	}
	h.fails(exitFailure, []string{"no backup codes found in standard input"}, "just some text\n", "backup", "set", "service")
	h.fails(exitFailure, []string{"no such file"}, "", "backup", "set", "service", filepath.Join(t.TempDir(), "missing.txt"))
	h.fails(exitFailure, []string{`no account matches "nobody"`}, "1. 1234 5678\n", "backup", "set", "nobody")
	h.fails(exitUsage, []string{"1 to 2 expected"}, "", "backup", "set")
	h.fails(exitUsage, []string{"needs a subcommand: set, use, list, next, threshold"}, "", "backup")
	h.sameSnapshot(before, "refused sheets")

	// Japanese messages.
	h.env["LANG"] = "ja_JP.UTF-8"
	r = h.fails(exitFailure, []string{"一覧は記録していません", "3 行目", "5 行目: 2 行目と同じコードです"}, sheet, "backup", "set", "service")
	noKeys(t, r)
}

func TestAccountWithoutOTP(t *testing.T) {
	h := newHarness(t)
	r := h.ok("", "add", "taro@example.com", "--issuer", "Amazon", "--no-otp")
	if !strings.Contains(r.stderr, "added Amazon: taro@example.com") {
		t.Errorf("add --no-otp: %q", r.stderr)
	}
	if a := h.listJSON(); len(a) != 1 || a[0].Type != "none" || a[0].Issuer != "Amazon" {
		t.Errorf("list --json = %+v", a)
	}
	if r := h.ok("", "list"); !strings.Contains(r.stdout, "taro@example.com  none") {
		t.Errorf("list:\n%s", r.stdout)
	}
	before := h.snapshot()
	h.fails(exitFailure, []string{"Amazon: taro@example.com has no authenticator key", "hint: ", "mamori backup next amazon"}, "", "code", "amazon")
	h.fails(exitFailure, []string{"already in the vault"}, "", "add", "TARO@example.com", "--issuer", "amazon", "--no-otp")
	h.fails(exitUsage, []string{"--no-otp cannot be combined with --secret"}, "", "add", "x", "--no-otp", "--secret", "JBSWY3DPEHPK3PXP")
	h.fails(exitUsage, []string{"--no-otp cannot be combined with --uri"}, "", "add", "--no-otp", "--uri", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP")
	h.fails(exitUsage, []string{"needs --secret", "use --no-otp instead"}, "", "add", "x")
	h.sameSnapshot(before, "refused adds")
	h.env["LANG"] = "ja_JP.UTF-8"
	noKeys(t, h.fails(exitFailure, []string{"認証アプリの鍵がない"}, "", "code", "amazon"))
}

var itoa = strconv.Itoa

// TestBackupNextUse: "backup next --use" prints the next unused code and
// marks it used in the same save, like the app's "Copy next unused code";
// with none left it fails and changes nothing.
func TestBackupNextUse(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "me", "--issuer", "Service", "--no-otp")
	h.ok("1. 1111 2222\n2. 3333 4444\n3. 5555 6666\n4. 7777 8888\n", "backup", "set", "service", "-")
	for i, tc := range []struct{ code, note, warn string }{
		{"1111 2222", "no. 1, now marked used; 3 of 4 left", "only 3 backup codes"},
		{"3333 4444", "no. 2, now marked used; 2 of 4 left", "only 2 backup codes"},
		{"5555 6666", "no. 3, now marked used; 1 of 4 left", "only 1 backup code"},
		{"7777 8888", "no. 4, now marked used; 0 of 4 left", "no unused backup codes left"},
	} {
		r := h.ok("", "backup", "next", "service", "--use")
		if r.stdout != tc.code+"\n" || !strings.Contains(r.stderr, tc.note) || !strings.Contains(r.stderr, tc.warn) {
			t.Errorf("next --use #%d = %q / %q", i+1, r.stdout, r.stderr)
		}
		b := h.backupJSON("service")
		if b.Remaining != 3-i || b.Current.Codes[i].Used == nil || !b.Current.Codes[i].Used.Equal(testNow) {
			t.Fatalf("after next --use #%d: %+v", i+1, b)
		}
	}
	before := h.snapshot()
	r := h.fails(exitFailure, []string{"no unused backup codes left", "hint: "}, "", "backup", "next", "service", "--use")
	if r.stdout != "" {
		t.Errorf("next --use with none left printed %q", r.stdout)
	}
	h.sameSnapshot(before, "next --use with none left")

	// Without codes at all: the same refusal as "backup next".
	h.ok("", "add", "other", "--issuer", "Other", "--no-otp")
	before = h.snapshot()
	h.fails(exitFailure, []string{"no backup codes", "hint: "}, "", "backup", "next", "other", "--use")
	h.sameSnapshot(before, "next --use without codes")
}
