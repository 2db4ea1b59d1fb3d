package trouble

import (
	"encoding/json"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/vault/backup"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/recovery"
)

var flowNow = time.Date(2025, 4, 1, 12, 0, 0, 0, time.UTC)

func mustKey(t *testing.T, typ otp.Type, counter uint64) otp.Key {
	t.Helper()
	period := 30
	if typ == otp.HOTP {
		period = 0
	}
	k, err := otp.NewKey(typ, "JBSWY3DPEHPK3PXP", "", 0, period, counter)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func mustProfile(t *testing.T, name string) gridcard.Profile {
	t.Helper()
	p, err := gridcard.ProfileByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// backupSet is a set with a void first sheet (code 1 used) and a current
// sheet of four codes, the first used.
func backupSet(t *testing.T) backup.Set {
	t.Helper()
	var s backup.Set
	if err := s.Replace([]string{"1111-2222", "3333-4444"}, flowNow.Add(-60*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.Use("1111-2222", flowNow.Add(-50*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.Replace([]string{"aaaa-0001", "aaaa-0002", "aaaa-0003", "aaaa-0004"}, flowNow.Add(-30*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.Use("aaaa-0001", flowNow.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	return s
}

const (
	oldNumber   = phone.E164("+819012345678")
	newNumber   = phone.E164("+818011112222")
	otherNumber = phone.E164("+817033334444")
)

// fixtures are accounts that together take every branch of every flow.
func fixtures(t *testing.T) map[string]Account {
	t.Helper()
	full := Account{
		ID:          "acct-full",
		Label:       "Amazon: taro@example.com",
		LoginID:     "taro@example.com",
		OTP:         mustKey(t, otp.TOTP, 0),
		ClockOffset: 30,
		Backup:      backupSet(t),
		Phones: []phone.Binding{
			{Number: oldNumber, Role: phone.RoleSMS, Since: flowNow.Add(-400 * 24 * time.Hour)},
			{Number: otherNumber, Role: phone.RoleVoice},
		},
		PhoneChanges: []phone.Change{
			{ID: "c1", Old: oldNumber, New: newNumber, Transition: phone.Transition{Date: flowNow.Add(-24 * time.Hour)}},
			{ID: "c2", Old: otherNumber, New: newNumber, Transition: phone.Transition{Date: flowNow, OldUsableUntil: ptr(flowNow.Add(48 * time.Hour))}},
			{ID: "c3", Old: "+819099998888", Transition: phone.Transition{Date: flowNow.Add(-10 * 24 * time.Hour), OldStillWorks: true,
				Done: map[string]time.Time{"acct-full": flowNow.Add(-5 * 24 * time.Hour)}}},
			{ID: "c4", Old: "+819077776666", New: "+819055554444", Transition: phone.Transition{Date: flowNow}},
		},
		Recovery: recovery.Info{
			UserName: "taro_login", PublicName: "Taro", LoginEmail: "taro@example.com", RegisteredName: "山田太郎",
			Address: "東京都千代田区1-1", CardLast4: "1234", UserNumber: "12345", Registered: "2016-04",
			RegisterProviders: []string{"So-net"}, LoginProviders: []string{"docomo"},
			TwoFactorMethods: []string{"totp", "sms"},
			SupportPhone:     "0120-000-000", SupportHours: "9:00–18:00", SupportURL: "https://example.com/help",
		},
		GridCards: []GridCard{
			{Name: "bank", Profile: mustProfile(t, "alnum-5x10")},
			{Name: "old bank", Profile: mustProfile(t, "entrust-5x10")},
		},
		Lockout:         &Lockout{Since: flowNow.Add(-10 * time.Minute), Until: flowNow.Add(50 * time.Minute), Note: "the site said one hour"},
		LockoutDuration: 3 * time.Hour,
		Events: []Event{
			{At: flowNow.Add(-72 * time.Hour), Kind: EventBreachTick, Detail: "card"},
			{At: flowNow.Add(-48 * time.Hour), Kind: EventBreachReset},
			{At: flowNow.Add(-24 * time.Hour), Kind: EventBreachTick, Detail: "password"},
		},
		ErrorNotes: []ErrorNote{{Code: "E42", Text: "support said: wait a day", Added: flowNow.Add(-24 * time.Hour)}},
	}
	with := func(f func(*Account)) Account {
		a := full
		a.Backup = full.Backup.Clone()
		l := *full.Lockout
		a.Lockout = &l
		f(&a)
		return a
	}
	return map[string]Account{
		"empty": {ID: "acct-empty", Label: "Example"},
		"full":  full,
		"suspicious login id": with(func(a *Account) {
			a.LoginID = "ｔａｒｏ\u3000"
			a.Lockout.Until = flowNow.Add(-time.Minute)
			a.Lockout.Note = ""
			a.Reported.BackupCode = "aaaa 0002"
			a.Recovery.SupportHours = ""
			a.Recovery.SupportURL = ""
		}),
		"used backup code":      with(func(a *Account) { a.Reported.BackupCode = "AAAA-0001" }),
		"void backup code":      with(func(a *Account) { a.Reported.BackupCode = "3333-4444" }),
		"void used backup code": with(func(a *Account) { a.Reported.BackupCode = "1111 2222" }),
		"unknown backup code":   with(func(a *Account) { a.Reported.BackupCode = "9999-9999" }),
		"no sheet, code given": {ID: "x", Label: "X", Reported: Reported{BackupCode: "1234-5678"},
			Recovery: recovery.Info{SupportURL: "https://example.com", TwoFactorMethods: []string{"grid-card"}}},
		"hotp": {ID: "h", Label: "H", OTP: mustKey(t, otp.HOTP, 7), Lockout: &Lockout{Since: flowNow, Until: flowNow.Add(time.Hour)},
			LockoutDuration: 90 * time.Minute},
		"steam":              {ID: "s", Label: "S", OTP: mustKey(t, otp.Steam, 0)},
		"damaged key":        {ID: "d", Label: "D", OTP: otp.Key{Type: otp.TOTP, Secret: "!!", Algorithm: otp.SHA1, Digits: 6, Period: 30}},
		"own error note":     with(func(a *Account) { a.Reported.ErrorCode = "コード：e42" }),
		"known error code":   with(func(a *Account) { a.Reported.ErrorCode = "ｓｓ５０３" }),
		"unknown error code": with(func(a *Account) { a.Reported.ErrorCode = "X9" }),
		"lost line, no backups": {ID: "l", Label: "L", Phones: []phone.Binding{
			{Number: oldNumber, Role: phone.RoleRecoveryContact}, {Number: otherNumber, Role: phone.RoleBackup}}},
	}
}

func ptr[T any](v T) *T { return &v }

// TestEveryFlowInEveryLanguage renders every symptom for every fixture in
// both languages. A missing text, a placeholder without data, or a text that
// renders empty fails; so does a guide text no rendering ever uses (a
// branch the fixtures miss, or a dead text).
func TestEveryFlowInEveryLanguage(t *testing.T) {
	g, err := loadGuides(assets.Guides)
	if err != nil {
		t.Fatal(err)
	}
	g.seen = map[string]bool{}
	for name, acct := range fixtures(t) {
		for _, s := range Symptoms {
			for _, lang := range Languages {
				c, err := g.flow(s, acct, lang, flowNow)
				if err != nil {
					t.Errorf("%s / %s / %s: %v", name, s, lang, err)
					continue
				}
				if c.Title == "" || c.Intro == "" || len(c.Steps) == 0 || c.Lang != lang || c.Symptom != s {
					t.Errorf("%s / %s / %s: incomplete checklist %+v", name, s, lang, c)
				}
				for i, st := range c.Steps {
					if st.Number != i+1 || strings.TrimSpace(st.Text) == "" {
						t.Errorf("%s / %s / %s: step %d = %+v", name, s, lang, i, st)
					}
					for _, f := range st.Facts {
						if strings.TrimSpace(f) == "" || strings.Contains(f, "<no value>") {
							t.Errorf("%s / %s / %s: step %s has fact %q", name, s, lang, st.ID, f)
						}
					}
				}
				if s == LostEverything && !strings.Contains(c.Request, acct.Label) {
					t.Errorf("%s / %s: the request does not name the account:\n%s", name, lang, c.Request)
				}
			}
		}
	}
	// Findings of the input check are explained in the guides too.
	for _, in := range []string{"", "\t", "\u200b", " a", "a ", "a b", "ａ", "ｱ", "\u0430", "ロ", "é", "0", "Aa", "AA"} {
		for _, f := range CheckInput(in) {
			for _, lang := range Languages {
				if _, err := g.describe(f, lang); err != nil {
					t.Error(err)
				}
			}
		}
	}
	for _, lang := range Languages {
		if _, err := g.knownErrors(nil, lang); err != nil {
			t.Error(err)
		}
	}
	for key := range g.texts[English] {
		if !g.seen[key] {
			t.Errorf("guide text %q is never used", key)
		}
	}
}

var placeholderRE = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string) string {
	var names []string
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		names = append(names, m[1])
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

// TestGuideFilesMatch checks that both languages have the same files, the
// same keys and the same placeholders, and that every step of flows.json
// has its text.
func TestGuideFilesMatch(t *testing.T) {
	raw := map[string]map[string]string{}
	for _, lang := range Languages {
		raw[lang] = map[string]string{}
		files, err := fs.Glob(assets.Guides, "guides/"+lang+"/*.json")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := fs.ReadFile(assets.Guides, f)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]string
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for k, v := range m {
				raw[lang][strings.TrimSuffix(path.Base(f), ".json")+"."+k] = v
			}
		}
	}
	en, ja := raw[English], raw[Japanese]
	for k, e := range en {
		j, ok := ja[k]
		if !ok {
			t.Errorf("ja lacks %q", k)
			continue
		}
		if placeholders(e) != placeholders(j) {
			t.Errorf("%q: en uses {%s}, ja uses {%s}", k, placeholders(e), placeholders(j))
		}
		if e == j && !strings.HasPrefix(k, "common.fact.note_") && k != "common.fact.phone" && k != "common.fact.method_phone" {
			t.Errorf("%q is not translated: %q", k, e)
		}
	}
	for k := range ja {
		if _, ok := en[k]; !ok {
			t.Errorf("en lacks %q", k)
		}
	}
	g, err := loadGuides(assets.Guides)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Symptoms {
		for _, k := range []string{".title", ".intro"} {
			if _, ok := en[string(s)+k]; !ok {
				t.Errorf("no %s%s", s, k)
			}
		}
		for _, st := range g.flows[s] {
			if _, ok := en[string(s)+".step."+st.ID]; !ok {
				t.Errorf("flow %s: step %s has no text", s, st.ID)
			}
		}
	}
	for _, c := range []FindingCode{FindingEmpty, FindingControl, FindingZeroWidth, FindingLeadingSpace, FindingTrailingSpace,
		FindingInnerSpace, FindingFullWidth, FindingHalfWidthKana, FindingLookAlike, FindingKanaLookAlike, FindingNonASCII,
		FindingAmbiguous, FindingMixedCase, FindingAllCaps} {
		if _, ok := en["input."+string(c)]; !ok {
			t.Errorf("finding %s has no text", c)
		}
	}
}

func TestBrokenGuidesAreRefused(t *testing.T) {
	for name, flows := range map[string]string{
		"unknown condition": `{"flows": {"locked": [{"id": "a", "when": "raining"}]}}`,
		"unknown facts":     `{"flows": {"locked": [{"id": "a", "facts": "weather"}]}}`,
		"missing symptom":   `{"flows": {"locked": [{"id": "a"}]}}`,
	} {
		fsys := overlay{"guides/flows.json": flows}
		if _, err := loadGuides(fsys); !errors.Is(err, ErrBadGuide) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// overlay is assets.Guides with some files replaced.
type overlay map[string]string

func (o overlay) Open(name string) (fs.File, error) { return assets.Guides.Open(name) }

func (o overlay) ReadFile(name string) ([]byte, error) {
	if s, ok := o[name]; ok {
		return []byte(s), nil
	}
	return fs.ReadFile(assets.Guides, name)
}

func (o overlay) Glob(pattern string) ([]string, error) { return fs.Glob(assets.Guides, pattern) }

func TestFlowUsesTheAccount(t *testing.T) {
	fx := fixtures(t)
	render := func(name string, s Symptom, lang string) Checklist {
		t.Helper()
		c, err := Flow(s, fx[name], lang, flowNow)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	facts := func(c Checklist, id string) string {
		for _, st := range c.Steps {
			if st.ID == id {
				return strings.Join(st.Facts, "\n")
			}
		}
		return "(no step " + id + ")"
	}
	ids := func(c Checklist) string {
		var l []string
		for _, st := range c.Steps {
			l = append(l, st.ID)
		}
		return strings.Join(l, " ")
	}

	// code-rejected: codes at the account's offset, its sheets and cards.
	c := render("full", CodeRejected, English)
	k := fx["full"].OTP
	for _, d := range []time.Duration{0, -30 * time.Second, 30 * time.Second} {
		want, _ := k.Code(flowNow.Add(30*time.Second + d))
		if !strings.Contains(facts(c, "totp"), want) {
			t.Errorf("codes lack %s: %s", want, facts(c, "totp"))
		}
	}
	if c.Codes == nil || c.Codes.Offset != 30 {
		t.Errorf("codes = %+v", c.Codes)
	}
	if f := facts(c, "grid"); !strings.Contains(f, "Card bank: 2 character(s) a cell, upper and lower case differ. C2 is column C, row 2") ||
		!strings.Contains(f, "Card old bank: 1 character(s) a cell, case does not matter") {
		t.Errorf("grid facts: %s", f)
	}
	if got := ids(render("hotp", CodeRejected, English)); got != "which hotp fresh" {
		t.Errorf("hotp steps: %s", got)
	}
	if got := ids(render("empty", CodeRejected, English)); got != "which fresh" {
		t.Errorf("empty steps: %s", got)
	}
	for name, want := range map[string]string{
		"suspicious login id":   "number 2 on the current sheet and not marked used",
		"used backup code":      "number 1 and was used on 2025-04-01 11:00",
		"void backup code":      "from sheet 1, replaced on 2025-03-02: the service no longer accepts",
		"void used backup code": "and was used on 2025-02-10 12:00",
		"unknown backup code":   "not on any sheet",
	} {
		if f := facts(render(name, CodeRejected, English), "backup"); !strings.Contains(f, want) {
			t.Errorf("%s: backup facts %q lack %q", name, f, want)
		}
	}

	// wrong-credentials: the stored login ID is checked.
	if f := facts(render("suspicious login id", WrongCredentials, Japanese), "login_id"); !strings.Contains(f, "全角文字（U+FF54）") || !strings.Contains(f, "U+3000") {
		t.Errorf("login id facts: %s", f)
	}
	if f := facts(render("full", WrongCredentials, English), "login_id"); !strings.Contains(f, "taro@example.com") {
		t.Errorf("clean login id: %s", f)
	}

	// locked: state, the account's duration; "record" only when none is.
	c = render("full", Locked, English)
	if f := facts(c, "state"); !strings.Contains(f, "expected to lift at 2025-04-01 12:50 (50 min from now)") || !strings.Contains(f, "the site said one hour") {
		t.Errorf("lockout facts: %s", f)
	}
	if f := facts(c, "wait"); !strings.Contains(f, "3 h") {
		t.Errorf("duration facts: %s", f)
	}
	if strings.Contains(ids(c), "record") || !strings.Contains(ids(render("empty", Locked, English)), "record") {
		t.Error("the record step is shown with a lockout, or hidden without one")
	}

	// sms-old-number: bindings and changes.
	c = render("full", SMSOldNumber, Japanese)
	if f := facts(c, "numbers"); !strings.Contains(f, "090-1234-5678：SMSで認証コード") {
		t.Errorf("numbers: %s", f)
	}
	f := facts(c, "changes")
	for _, want := range []string{"090-1234-5678 → 080-1111-2222", "旧回線はもう使えません", "2025-04-03 12:00 まで使えます", "新しい番号なし", "2025-03-27 に新しい番号へ移しました"} {
		if !strings.Contains(f, want) {
			t.Errorf("changes lack %q:\n%s", want, f)
		}
	}
	if strings.Contains(f, "090-7777-6666") {
		t.Errorf("a change of another account's number is shown:\n%s", f)
	}
	if f := facts(c, "other_ways"); !strings.Contains(f, "070-3333-4444") || strings.Contains(f, "090-1234-5678") {
		t.Errorf("fallbacks: %s", f)
	}

	// lost-everything: the request comes from the recovery details.
	c = render("full", LostEverything, Japanese)
	if !strings.Contains(c.Request, "12345") || !strings.Contains(c.Request, "So-net") {
		t.Errorf("request:\n%s", c.Request)
	}

	// breached: ticks since the last reset, dated.
	c = render("full", Breached, English)
	for _, st := range c.Steps {
		switch st.ID {
		case "password":
			if st.Done == nil || !st.Done.Equal(flowNow.Add(-24*time.Hour)) || !st.Tickable {
				t.Errorf("password step: %+v", st)
			}
		case "card":
			if st.Done != nil {
				t.Errorf("a tick before the reset counts: %+v", st)
			}
		case "support":
			if st.Tickable {
				t.Error("support is tickable")
			}
		}
	}

	// error-code: own note first, known codes, unknown codes.
	if f := facts(render("own error note", ErrorCode, English), "code"); !strings.Contains(f, "E42 (your note, 2025-03-31): support said: wait a day") {
		t.Errorf("own note: %s", f)
	}
	if f := facts(render("known error code", ErrorCode, Japanese), "code"); !strings.Contains(f, "SS503：試行が多すぎて") {
		t.Errorf("known code: %s", f)
	}
	if f := facts(render("full", ErrorCode, English), "code"); !strings.Contains(f, "SS503, 429, CE500, 500") {
		t.Errorf("known codes: %s", f)
	}
}

func TestFlowUnknownSymptom(t *testing.T) {
	if _, err := Flow("tired", Account{}, English, flowNow); !errors.Is(err, ErrUnknownSymptom) {
		t.Errorf("err = %v", err)
	}
	for in, want := range map[string]Symptom{"LOCKED": Locked, "code_rejected": CodeRejected, " breached ": Breached} {
		if got, err := ParseSymptom(in); err != nil || got != want {
			t.Errorf("ParseSymptom(%q) = %s, %v", in, got, err)
		}
	}
	if _, err := ParseSymptom("nope"); !errors.Is(err, ErrUnknownSymptom) {
		t.Error(err)
	}
	for tag, want := range map[string]string{"ja": Japanese, "ja_JP.UTF-8": Japanese, "en": English, "fr": English, "": English} {
		if Lang(tag) != want {
			t.Errorf("Lang(%q) = %s", tag, Lang(tag))
		}
	}
	for _, s := range Symptoms {
		for _, lang := range Languages {
			if title, err := Title(s, lang); err != nil || title == "" {
				t.Errorf("Title(%s, %s) = %q, %v", s, lang, title, err)
			}
		}
	}
}
