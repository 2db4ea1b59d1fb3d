package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/recovery"
	"github.com/mamori-app/mamori/vault/trouble"
	"github.com/mamori-app/mamori/vault/trouble/ntptest"
)

// openTrouble opens the first account's "Can't log in?" tab and, unless s is
// "", the flow of symptom s; it returns the account's ID.
func openTrouble(t *testing.T, v *view, w fyne.Window, s trouble.Symptom) string {
	t.Helper()
	id := v.accounts[0].ID
	v.openAccount(id)
	selectTroubleTab(t, v, w)
	if s != "" {
		v.troublePick(id, s)
	}
	return id
}

// selectTroubleTab selects the "Can't log in?" tab of the page on screen.
func selectTroubleTab(t *testing.T, v *view, w fyne.Window) {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if tabs, ok := o.(*container.AppTabs); ok {
			for i, it := range tabs.Items {
				if it.Text == v.msg.T("ui.tab.trouble") {
					tabs.SelectIndex(i)
					return
				}
			}
		}
	}
	t.Fatalf("no %q tab; the window shows %q", v.msg.T("ui.tab.trouble"), textsOf(w))
}

func troubleButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	for _, b := range buttonsOf(w) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q; the window shows %q", text, textsOf(w))
	return nil
}

func troubleReload(t *testing.T, store *vault.Store) *vault.Account {
	t.Helper()
	vlt, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	return &vlt.Accounts[0]
}

func TestTroubleInputCheckerListsFindings(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "ａlice", otp.TOTP, 6, ""})
	v, w := open(t, store)
	openTrouble(t, v, w, "")
	title, err := trouble.Title(trouble.WrongCredentials, "en")
	if err != nil {
		t.Fatal(err)
	}
	tapButton(t, w, title)

	const typed = "ｐqzx\u00a0vykj\u200b1"
	entry := entryByPlaceholder(t, w, v.msg.T("ui.trouble.input.placeholder"))
	if !entry.Password {
		t.Error("the checker shows what is typed in clear")
	}
	entry.SetText(typed)
	findings := trouble.CheckInput(typed)
	var codes []trouble.FindingCode
	for _, f := range findings {
		codes = append(codes, f.Code)
		d, err := trouble.Describe(f, "en")
		if err != nil {
			t.Fatal(err)
		}
		requireText(t, w, d)
	}
	for _, want := range []trouble.FindingCode{trouble.FindingFullWidth, trouble.FindingInnerSpace, trouble.FindingZeroWidth} {
		if !strings.Contains(string(joinCodes(codes)), string(want)) {
			t.Errorf("findings %v lack %s", codes, want)
		}
	}
	// The offending characters are shown in their places, the rest masked.
	requireText(t, w, "[ｐ]", "[U+00A0]", "[U+200B]", "has 3 things that can make the login fail")
	if hasText(w, "qzx") || hasText(w, "vykj") {
		t.Errorf("the checked text shows on screen: %q", textsOf(w))
	}

	// Nothing typed was saved.
	if a := troubleReload(t, store); !a.Updated.Equal(at59) {
		t.Errorf("checking the input changed the account at %v", a.Updated)
	}

	// The stored login ID, with its full-width first letter.
	tapButton(t, w, v.msg.T("ui.trouble.input.stored"))
	requireText(t, w, "The login ID stored in Mamori (5 characters) has 1 thing that", "[ａ]")
}

func joinCodes(cs []trouble.FindingCode) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(string(c) + " ")
	}
	return b.String()
}

// troubleNotifyCounter is the test app, counting the notifications it is sent.
type troubleNotifyCounter struct {
	fyne.App
	sent []*fyne.Notification
}

func (n *troubleNotifyCounter) SendNotification(x *fyne.Notification) { n.sent = append(n.sent, x) }

// lockoutFixture is a window on the "Locked out" page of one account,
// GitHub: alice, with a clock the test moves and the notifications counted.
type lockoutFixture struct {
	store   *vault.Store
	v       *view
	w       fyne.Window
	counter *troubleNotifyCounter
	clock   time.Time
}

func openLockout(t *testing.T) *lockoutFixture {
	t.Helper()
	f := &lockoutFixture{store: newStore(t, nil), clock: at59}
	addAccounts(t, f.store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	f.v, f.w = open(t, f.store)
	f.counter = &troubleNotifyCounter{App: f.v.app}
	f.v.app = f.counter
	f.v.now = func() time.Time { return f.clock }
	openTrouble(t, f.v, f.w, trouble.Locked)
	return f
}

func TestTroubleLockoutIsRecordedAndNotifiedOnce(t *testing.T) {
	f := openLockout(t)
	store, v, w, counter := f.store, f.v, f.w, f.counter

	// Three hours, kept as the account's usual length.
	for _, s := range widgetsShown[*widget.Select](w) {
		if s.Selected == "1 h" {
			s.SetSelected("3 h")
		}
	}
	for _, c := range widgetsShown[*widget.Check](w) {
		if c.Text == v.msg.T("ui.trouble.lock.remember") {
			c.SetChecked(true)
		}
	}
	tapButton(t, w, v.msg.T("ui.trouble.lock.record"))
	a := troubleReload(t, store)
	until := at59.Add(3 * time.Hour)
	if a.Lockout == nil || !a.Lockout.Until.Equal(until) || a.LockoutDuration != 3*time.Hour {
		t.Fatalf("saved lockout %+v, usual length %v; want until %v and 3 h", a.Lockout, a.LockoutDuration, until)
	}
	if len(a.Events) != 1 || a.Events[0].Kind != trouble.EventLockout {
		t.Errorf("history %+v, want one lockout", a.Events)
	}
	requireText(t, w, "It should lift at "+v.troubleWhen(until), "3:00:00 from now", v.msg.T("ui.trouble.lock.will_notify"))

	// The countdown is live.
	f.clock = at59.Add(time.Minute)
	v.tick()
	requireText(t, w, "2:59:00 from now")
	if len(counter.sent) != 0 {
		t.Fatalf("notified before the lock lifted: %+v", counter.sent)
	}

	// Past the end: one notification, however many ticks follow. The
	// person is at the computer (no idle lock).
	f.clock = until.Add(time.Second)
	v.touch()
	v.tick()
	v.tick()
	f.clock = f.clock.Add(time.Minute)
	v.touch()
	v.tick()
	if len(counter.sent) != 1 {
		t.Fatalf("%d notifications, want 1", len(counter.sent))
	}
	if n := counter.sent[0]; n.Title != "You can try to log in again" || !strings.Contains(n.Content, "GitHub: alice") || !strings.Contains(n.Content, v.troubleWhen(until)) {
		t.Errorf("notification %+v", n)
	}
	requireText(t, w, "The lock should have lifted at "+v.troubleWhen(until))
	if hasText(w, v.msg.T("ui.trouble.lock.will_notify")) {
		t.Error("a notification is still promised after the lock lifted")
	}

	// Cleared: the lockout goes, the history keeps both.
	tapButton(t, w, v.msg.T("ui.trouble.lock.clear"))
	a = troubleReload(t, store)
	if a.Lockout != nil || len(a.Events) != 2 || a.Events[1].Kind != trouble.EventLockoutCleared {
		t.Errorf("after clearing: lockout %+v, history %+v", a.Lockout, a.Events)
	}
	requireText(t, w, "lockout cleared", "lockout recorded, should lift at "+v.troubleWhen(until))
}

func TestTroubleLockoutNotifiesWithoutTheNameWhileLocked(t *testing.T) {
	f := openLockout(t)
	store, v, w, counter := f.store, f.v, f.w, f.counter
	tapButton(t, w, v.msg.T("ui.trouble.lock.record"))
	if a := troubleReload(t, store); a.Lockout == nil || !a.Lockout.Until.Equal(at59.Add(time.Hour)) {
		t.Fatalf("default lockout not an hour: %+v", a.Lockout)
	}

	// Locked by hand (or idle) while waiting: the notification still
	// comes, once, and names no account.
	v.lock()
	f.clock = at59.Add(30 * time.Minute)
	v.tick()
	if len(counter.sent) != 0 {
		t.Fatalf("notified before the lock lifted: %+v", counter.sent)
	}
	f.clock = at59.Add(2 * time.Hour)
	v.tick()
	v.tick()
	if len(counter.sent) != 1 {
		t.Fatalf("%d notifications while locked, want 1", len(counter.sent))
	}
	if n := counter.sent[0]; strings.Contains(n.Content, "GitHub") || strings.Contains(n.Content, "alice") || !strings.Contains(n.Content, "Unlock Mamori") {
		t.Errorf("notification while locked: %+v", n)
	}
	// Unlocking does not notify the same lockout again.
	v.reload()
	v.tick()
	v.tick()
	if len(counter.sent) != 1 {
		t.Errorf("%d notifications after unlocking, want still 1", len(counter.sent))
	}
}

func TestTroubleClockCheckNeedsConsentAndSetsTheOffset(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	v, w := open(t, store)
	openTrouble(t, v, w, trouble.CodeRejected)
	requireText(t, w, "287 082") // the current code at 59 s

	// Off by default: no server can be asked.
	if v.prefs.Bool(prefNTPAllowed) {
		t.Fatal("asking a time server is allowed by default")
	}
	check := troubleButton(t, w, v.msg.T("ui.trouble.clock.check"))
	if !check.Disabled() {
		t.Fatal("the clock can be checked without consent")
	}
	requireText(t, w, "the server then learns your IP address")

	// The window's clock is fixed (v.now) and so is the server's, so the
	// offset it measures is exactly 90 s, however slowly either side runs.
	addr := ntptest.Start(t, func() time.Time { return at59.Add(90 * time.Second) })
	for _, e := range entriesIn(objectsShown(w)) {
		if e.Text == defaultNTPServer {
			e.Enable()
			e.SetText(addr)
		}
	}
	for _, c := range widgetsShown[*widget.Check](w) {
		if c.Text == v.msg.T("ui.trouble.clock.allow") {
			c.SetChecked(true)
		}
	}
	if !v.prefs.Bool(prefNTPAllowed) || v.prefs.String(prefNTPServer) != addr {
		t.Fatalf("consent %v and server %q not kept", v.prefs.Bool(prefNTPAllowed), v.prefs.String(prefNTPServer))
	}
	test.Tap(troubleButton(t, w, v.msg.T("ui.trouble.clock.check")))
	requireText(t, w, "is 90.0 s behind "+addr, v.msg.T("ui.trouble.clock.bad"))

	// A server that does not answer: said so, nothing changes.
	for _, e := range entriesIn(objectsShown(w)) {
		if e.Text == addr {
			e.SetText("127.0.0.1:1")
		}
	}
	test.Tap(troubleButton(t, w, v.msg.T("ui.trouble.clock.check")))
	requireText(t, w, "127.0.0.1:1 gave no usable answer")
	for _, e := range entriesIn(objectsShown(w)) {
		if e.Text == "127.0.0.1:1" {
			e.SetText(addr)
		}
	}
	test.Tap(troubleButton(t, w, v.msg.T("ui.trouble.clock.check")))
	requireText(t, w, "is 90.0 s behind "+addr)

	// The suggested offset, honoured by the codes shown.
	tapButton(t, w, "Use +90 s for this account")
	a := troubleReload(t, store)
	if a.ClockOffset != 90 {
		t.Fatalf("saved offset %d, want 90", a.ClockOffset)
	}
	want, err := a.Code(at59)
	if err != nil {
		t.Fatal(err)
	}
	requireText(t, w, groupCode(want), "+90 s")
	if hasText(w, "287 082") {
		t.Errorf("the code without the offset still shows: %q", textsOf(w))
	}

	// Typed by hand, full-width too; nonsense changes nothing.
	e := entryByPlaceholder(t, w, v.msg.T("ui.trouble.offset.placeholder"))
	e.SetText("ー")
	tapButton(t, w, v.msg.T("ui.trouble.offset.apply"))
	requireText(t, w, "Enter the offset as whole seconds")
	if a := troubleReload(t, store); a.ClockOffset != 90 {
		t.Errorf("a bad offset changed it to %d", a.ClockOffset)
	}
	e = entryByPlaceholder(t, w, v.msg.T("ui.trouble.offset.placeholder"))
	e.SetText("－３０")
	tapButton(t, w, v.msg.T("ui.trouble.offset.apply"))
	if a := troubleReload(t, store); a.ClockOffset != -30 {
		t.Errorf("saved offset %d, want -30", a.ClockOffset)
	}

	// Taking the consent back hides what the server said.
	requireText(t, w, "is 90.0 s behind "+addr)
	for _, c := range widgetsShown[*widget.Check](w) {
		if c.Text == v.msg.T("ui.trouble.clock.allow") {
			c.SetChecked(false)
		}
	}
	if hasText(w, "s behind "+addr) || !troubleButton(t, w, v.msg.T("ui.trouble.clock.check")).Disabled() || v.prefs.Bool(prefNTPAllowed) {
		t.Errorf("after taking the consent back the window shows %q", textsOf(w))
	}
}

func TestTroubleBackupCodeCheck(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	if _, err := store.Update(func(vlt *vault.Vault) error {
		b := &vlt.Accounts[0].Backup
		if err := b.Replace([]string{"1111-2222", "3333-4444"}, at59); err != nil {
			return err
		}
		return b.Use("1111-2222", at59)
	}); err != nil {
		t.Fatal(err)
	}
	v, w := open(t, store)
	openTrouble(t, v, w, trouble.CodeRejected)
	e := entryByPlaceholder(t, w, v.msg.T("ui.trouble.backup.placeholder"))
	for code, want := range map[string]string{
		"11112222":  "Code 1 was used on " + v.troubleWhen(at59),
		"3333 4444": "Code 2 is on the current sheet and not marked used",
		"9999-9999": "on no sheet recorded",
	} {
		e.SetText(code)
		tapButton(t, w, v.msg.T("ui.trouble.backup.check"))
		requireText(t, w, want)
	}
}

func TestTroubleBreachStepsAreDated(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	v, w := open(t, store)
	openTrouble(t, v, w, trouble.Breached)
	steps, err := trouble.TickableSteps()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(troubleButtons(w, v.msg.T("ui.trouble.breach.tick"))); got != len(steps) {
		t.Fatalf("%d steps to tick, want %d", got, len(steps))
	}
	tapButton(t, w, v.msg.T("ui.trouble.breach.tick"))
	a := troubleReload(t, store)
	ticks := trouble.BreachTicks(a.Events)
	if when, ok := ticks[steps[0]]; !ok || !when.Equal(at59) || len(ticks) != 1 {
		t.Fatalf("saved ticks %v, want %s at %v", ticks, steps[0], at59)
	}
	requireText(t, w, "Done on "+v.troubleWhen(at59), "done: Change this account's password")
	if got := len(troubleButtons(w, v.msg.T("ui.trouble.breach.tick"))); got != len(steps)-1 {
		t.Errorf("%d steps left to tick, want %d", got, len(steps)-1)
	}

	// A new incident starts afresh; the history keeps the old ticks.
	tapButton(t, w, v.msg.T("ui.trouble.breach.reset"))
	tapTopButton(t, w, "Yes")
	a = troubleReload(t, store)
	if len(trouble.BreachTicks(a.Events)) != 0 || len(a.Events) != 2 {
		t.Errorf("after a reset: %+v", a.Events)
	}
}

func troubleButtons(w fyne.Window, text string) []*widget.Button {
	var out []*widget.Button
	for _, b := range buttonsOf(w) {
		if b.Text == text {
			out = append(out, b)
		}
	}
	return out
}

func TestTroubleErrorNotes(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	v, w := open(t, store)
	openTrouble(t, v, w, trouble.ErrorCode)
	requireText(t, w, v.msg.T("ui.trouble.errors.none"))

	// Empty: refused, nothing saved.
	tapButton(t, w, v.msg.T("ui.trouble.errors.save"))
	requireText(t, w, v.msg.T("trouble.error.empty_code"))
	tapTopButton(t, w, "Close")

	entryByPlaceholder(t, w, v.msg.T("ui.trouble.errors.code")).SetText("コード：ce500")
	entryByPlaceholder(t, w, v.msg.T("ui.trouble.errors.text")).SetText("wait ten minutes")
	tapButton(t, w, v.msg.T("ui.trouble.errors.save"))
	a := troubleReload(t, store)
	if len(a.ErrorNotes) != 1 || a.ErrorNotes[0].Code != "CE500" || a.ErrorNotes[0].Text != "wait ten minutes" {
		t.Fatalf("saved notes %+v", a.ErrorNotes)
	}
	requireText(t, w, "CE500: wait ten minutes (your note, "+v.troubleWhen(at59)+")")

	lookup := entryByPlaceholder(t, w, v.msg.T("ui.trouble.errors.placeholder"))
	lookup.SetText("ce500")
	if n := len(troubleLabels(w, "CE500: wait ten minutes")); n != 2 {
		t.Errorf("the note shows %d times, want in the list and as the answer", n)
	}
	lookup.SetText("XYZ1")
	requireText(t, w, "Nothing is known about XYZ1 yet")

	// Removing the note asks first; No keeps it, Yes removes it.
	remove := func() {
		t.Helper()
		for _, b := range buttonsOf(w) {
			if b.Icon != nil && b.Icon.Name() == theme.DeleteIcon().Name() {
				b.OnTapped()
				return
			}
		}
		t.Fatalf("no remove button; the window shows %q", textsOf(w))
	}
	remove()
	tapTopButton(t, w, "No")
	if a := troubleReload(t, store); len(a.ErrorNotes) != 1 {
		t.Fatalf("No removed the note: %+v", a.ErrorNotes)
	}
	remove()
	tapTopButton(t, w, "Yes")
	if a := troubleReload(t, store); len(a.ErrorNotes) != 0 {
		t.Fatalf("the note is still saved: %+v", a.ErrorNotes)
	}
	requireText(t, w, v.msg.T("ui.trouble.errors.none"))
}

func troubleLabels(w fyne.Window, prefix string) []*widget.Label {
	var out []*widget.Label
	for _, l := range widgetsShown[*widget.Label](w) {
		if strings.HasPrefix(l.Text, prefix) {
			out = append(out, l)
		}
	}
	return out
}

// troubleRichAccount gives the first account what every flow can show: phones, a
// number change, backup codes, recovery details, an error note, a lockout
// and history.
func troubleRichAccount(t *testing.T, store *vault.Store) {
	t.Helper()
	_, err := store.Update(func(vlt *vault.Vault) error {
		a := &vlt.Accounts[0]
		a.Phones = []phone.Binding{{Number: "+819012345678", Role: phone.RoleSMS, Since: at59}}
		ch, err := phone.NewChange("+819012345678", "+818098765432", at59)
		if err != nil {
			return err
		}
		vlt.PhoneChanges = []phone.Change{ch}
		if err := a.Backup.Replace([]string{"1111-2222", "3333-4444"}, at59); err != nil {
			return err
		}
		a.Recovery = recovery.Info{RegisteredName: "山田太郎", LoginEmail: "taro@example.com", CardLast4: "1234",
			SupportPhone: "0120-000-000", SupportURL: "https://example.com/help"}
		a.ErrorNotes = []trouble.ErrorNote{{Code: "CE500", Text: "wait", Added: at59}}
		l, err := trouble.NewLockout(at59, 0, "three tries")
		if err != nil {
			return err
		}
		a.Lockout = &l
		a.Events, err = trouble.AddEvent(nil, trouble.EventLockout, l.Until.Format(time.RFC3339), at59)
		if err != nil {
			return err
		}
		a.Events, err = trouble.Tick(a.Events, "password", at59)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestTroubleEveryFlowRendersInBothLanguages(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	troubleRichAccount(t, store)
	v, w := open(t, store)
	for _, lang := range []string{assets.LangEnglish, assets.LangJapanese} {
		v.setLanguagePref(lang)
		v.trouble = nil // no symptom picked yet
		id := openTrouble(t, v, w, "")
		requireText(t, w, v.msg.T("ui.trouble.intro"), v.msg.T("ui.trouble.history"))
		for _, s := range trouble.Symptoms {
			v.troublePick(id, s)
			title, err := trouble.Title(s, lang)
			if err != nil {
				t.Fatal(err)
			}
			requireText(t, w, title, v.msg.T("ui.trouble.checklist"), v.msg.T("ui.trouble.history"))
			if min := w.Content().MinSize(); min.Width > 560 || min.Height > 560 {
				t.Errorf("%s, %s: the window needs %v, more than 560×560", lang, s, min)
			}
			// Every step, with what Mamori knows about the account.
			c, err := trouble.Flow(s, v.vault.TroubleAccount(v.vault.Account(id)), lang, v.now())
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range c.Steps {
				requireText(t, w, v.msg.T("ui.trouble.step", map[string]any{"Number": st.Number, "Text": st.Text}))
				if troubleLiveFacts[s][st.ID] {
					continue
				}
				for _, f := range st.Facts {
					requireText(t, w, f)
				}
			}
			for _, text := range textsOf(w) {
				if strings.Contains(text, "ui.trouble.") || strings.Contains(text, "<no value>") || strings.Contains(text, "guide text missing") {
					t.Errorf("%s, %s: %q", lang, s, text)
				}
			}
		}
		v.closePage()
	}
}

func TestTroubleRecoveryRequestIsCopiedAndCleared(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	troubleRichAccount(t, store)
	v, w := open(t, store)
	clock := at59
	v.now = func() time.Time { return clock }
	openTrouble(t, v, w, trouble.LostEverything)
	c, err := trouble.Flow(trouble.LostEverything, v.vault.TroubleAccount(&v.vault.Accounts[0]), "en", at59)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Request, "山田太郎") {
		t.Fatalf("the request lacks the registered name: %q", c.Request)
	}
	requireText(t, w, "山田太郎", v.msg.T("ui.trouble.request.title"))
	tapButton(t, w, v.msg.T("ui.trouble.request.copy"))
	if got := v.app.Clipboard().Content(); got != c.Request {
		t.Fatalf("clipboard holds %q, want the request", got)
	}
	clock = at59.Add(20 * time.Second)
	v.tick()
	if got := v.app.Clipboard().Content(); got != "" {
		t.Errorf("the request stays on the clipboard: %q", got)
	}
}

func TestTroubleCodeFlowWithoutATimeBasedKey(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"Bank", "counter", otp.HOTP, 6, ""})
	v, w := open(t, store)
	openTrouble(t, v, w, trouble.CodeRejected)
	requireText(t, w, v.msg.T("ui.trouble.checklist"))
	for _, key := range []string{"ui.trouble.codes.title", "ui.trouble.clock.title", "ui.trouble.backup.title"} {
		if hasText(w, v.msg.T(key)) {
			t.Errorf("an HOTP account without backup codes shows %q", v.msg.T(key))
		}
	}
}
