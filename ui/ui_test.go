package ui

import (
	"errors"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
)

// TestMain runs the tests in English whatever the machine's locale. Mamori's
// own texts follow view.getenv, which the tests set, but Fyne's (the file
// dialog's Save and Cancel) follow the environment, read when Fyne's lang
// package was initialised: the locale variables are set to English here,
// and adding an (empty) English catalogue makes Fyne choose its language
// again, from them.
func TestMain(m *testing.M) {
	for k, v := range map[string]string{"LANGUAGE": "", "LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "", "LANG": "en_US.UTF-8"} {
		if v == "" {
			os.Unsetenv(k)
		} else {
			os.Setenv(k, v)
		}
	}
	if err := lang.AddTranslationsForLocale([]byte("{}"), fyne.Locale("en")); err != nil {
		fmt.Fprintln(os.Stderr, "setting Fyne's language for the tests:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// rfcSecret is the RFC 4226/6238 test key "12345678901234567890" in Base32.
const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

const testPassphrase = "correct horse battery staple"

// at59 is the first RFC 6238 test time: the SHA1 code is 94287082, so the
// six-digit code is 287082, valid one more second.
var at59 = time.Unix(59, 0)

type testAccount struct {
	issuer, name string
	typ          otp.Type
	digits       int
	secret       string // "" means rfcSecret
}

// newStore makes a vault in a temporary directory with its key in a
// passphrase-protected file, so no keyring is involved.
func newStore(t testing.TB, pass vault.PassphraseFunc) *vault.Store {
	t.Helper()
	if pass == nil {
		pass = func(vault.PassphraseRequest) (string, error) { return testPassphrase, nil }
	}
	return vault.NewStore(vault.Options{
		Dir:              t.TempDir(),
		Keyring:          keystore.File,
		Passphrase:       pass,
		ScryptWorkFactor: 10,
		Now:              func() time.Time { return at59 },
	}, &keystore.Memory{Err: errors.New("no keyring in UI tests")})
}

func addAccounts(t *testing.T, store *vault.Store, accts ...testAccount) {
	t.Helper()
	_, err := store.Update(func(v *vault.Vault) error {
		for _, a := range accts {
			secret := a.secret
			if secret == "" {
				secret = rfcSecret
			}
			key, err := otp.NewKey(a.typ, secret, otp.SHA1, a.digits, 30, 0)
			if err != nil {
				return err
			}
			acct, err := vault.NewAccount(a.issuer, a.name, key, at59)
			if err != nil {
				return err
			}
			if !v.Add(acct) {
				return errors.New("duplicate test account " + acct.Label())
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("adding accounts: %v", err)
	}
}

// open builds the main window on store, at a fixed time, and loads the vault
// synchronously (the test driver runs fyne.Do in place).
func open(t testing.TB, store *vault.Store) (*view, fyne.Window) {
	t.Helper()
	v, w := openingView(t, store)
	v.load()
	return v, w
}

// openingView is open without its load: the window as run makes it, before
// the vault is shown.
func openingView(t testing.TB, store *vault.Store) (*view, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	sampleRenderClock(a)
	w := a.NewWindow("Mamori")
	t.Cleanup(w.Close)
	v := newView(a, w, store)
	v.now = func() time.Time { return at59 }
	v.async = func(f func()) { f() }
	// The tests are in English whatever the machine's locale.
	v.getenv = func(string) string { return "" }
	v.applyLanguage()
	v.rebuild()
	w.Resize(fyne.NewSize(560, 560))
	return v, w
}

// sampleRenderClock makes Fyne's render cache read the clock now, before a
// test builds its window. The cache stamps each widget's renderer with the
// time it last sampled, and it samples only in a Capture; a Capture that
// comes 10 s or more after the one before also destroys every renderer
// stamped over a minute earlier. In a long test run the last sample can be
// minutes old, so the widgets a test builds would be stamped as expired and
// lose their renderers at the test's first Capture, which then draws the
// window half empty (TestRevealedSecretIsDrawn failed so, depending on how
// fast the tests before it ran). Sampled here, a test's widgets are stamped
// with its start, and the previous sample is at most the test's own age.
func sampleRenderClock(a fyne.App) {
	w := a.NewWindow("")
	w.SetContent(canvas.NewRectangle(color.Transparent))
	w.Canvas().Capture()
	w.Close()
}

// objectsShown returns the visible objects of the window, overlays included.
func objectsShown(w fyne.Window) []fyne.CanvasObject {
	objs := test.LaidOutObjects(w.Content())
	for _, o := range w.Canvas().Overlays().List() {
		objs = append(objs, test.LaidOutObjects(o)...)
	}
	var out []fyne.CanvasObject
	for _, o := range objs {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

// widgetsShown returns the visible widgets of type T in the window, top to
// bottom, overlays included.
func widgetsShown[T fyne.CanvasObject](w fyne.Window) []T {
	return ofType[T](objectsShown(w))
}

// ofType returns the objects of type T among objs, in order.
func ofType[T fyne.CanvasObject](objs []fyne.CanvasObject) []T {
	var out []T
	for _, o := range objs {
		if x, ok := o.(T); ok {
			out = append(out, x)
		}
	}
	return out
}

// entryByPlaceholder returns the visible entry whose placeholder is ph.
func entryByPlaceholder(t *testing.T, w fyne.Window, ph string) *widget.Entry {
	t.Helper()
	for _, e := range entriesIn(objectsShown(w)) {
		if e.PlaceHolder == ph {
			return e
		}
	}
	t.Fatalf("no entry %q; the window shows %q", ph, textsOf(w))
	return nil
}

// texts returns every piece of text drawn in the window, overlays included.
func textsOf(w fyne.Window) []string {
	return textsIn(objectsShown(w))
}

// textsIn returns the text that texts, labels and buttons among objs draw.
func textsIn(objs []fyne.CanvasObject) []string {
	var out []string
	for _, o := range objs {
		switch o := o.(type) {
		case *canvas.Text:
			out = append(out, o.Text)
		case *widget.Label:
			out = append(out, o.Text)
		case *widget.Button:
			out = append(out, o.Text)
		}
	}
	return out
}

func hasText(w fyne.Window, want string) bool {
	for _, s := range textsOf(w) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

func requireText(t *testing.T, w fyne.Window, want ...string) {
	t.Helper()
	for _, s := range want {
		if !hasText(w, s) {
			t.Errorf("the window does not show %q; it shows %q", s, textsOf(w))
		}
	}
}

func buttonsOf(w fyne.Window) []*widget.Button {
	var out []*widget.Button
	objs := test.LaidOutObjects(w.Content())
	for _, o := range w.Canvas().Overlays().List() {
		objs = append(objs, test.LaidOutObjects(o)...)
	}
	for _, o := range objs {
		if b, ok := o.(*widget.Button); ok && b.Visible() {
			out = append(out, b)
		}
	}
	return out
}

func TestListShowsAccountsWithLiveCodes(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""},
		testAccount{"みずほ銀行", "山田太郎", otp.TOTP, 8, ""},
		testAccount{"", "bare-name", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"},
	)
	v, w := open(t, store)

	if got := v.list.Length(); got != 3 {
		t.Fatalf("list has %d rows, want 3", got)
	}
	requireText(t, w,
		"GitHub", "alice@example.com", "みずほ銀行", "山田太郎", "bare-name",
		"287 082",   // RFC 6238, T=59 s, SHA1, last six digits, grouped
		"9428 7082", // the same with eight digits
		"1 s",       // valid for one more second
		"3 accounts",
	)

	// A second later the codes and the countdown move on.
	v.now = func() time.Time { return at59.Add(time.Second) }
	v.tick()
	if hasText(w, "287 082") {
		t.Error("the code did not change at the end of its period")
	}
	requireText(t, w, "30 s")
}

func TestSearchFiltersTheList(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""},
		testAccount{"みずほ銀行", "山田太郎", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"},
	)
	v, w := open(t, store)

	test.Type(v.search, "ＧＩＴ") // full-width, upper case
	if got := v.list.Length(); got != 1 {
		t.Fatalf("search kept %d rows, want 1", got)
	}
	requireText(t, w, "GitHub", "1 of 2 accounts")

	v.search.SetText("みずほ")
	requireText(t, w, "山田太郎")
	v.search.SetText("nothing like it")
	requireText(t, w, "No account matches")
}

func TestCopyPutsTheCodeOnTheClipboard(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)

	var copied bool
	for _, b := range buttonsOf(w) {
		if b.Icon != nil && b.Text == "" && !b.Disabled() {
			if strings.Contains(b.Icon.Name(), "copy") {
				test.Tap(b)
				copied = true
			}
		}
	}
	if !copied {
		t.Fatal("no copy button")
	}
	if got := v.app.Clipboard().Content(); got != "287082" {
		t.Errorf("clipboard holds %q, want 287082", got)
	}
	requireText(t, w, "Copied the code for GitHub: alice@example.com", "cleared from the clipboard in 20 s")

	// The code does not stay on the clipboard: 20 s by default.
	v.now = func() time.Time { return at59.Add(19 * time.Second) }
	v.tick()
	if got := v.app.Clipboard().Content(); got != "287082" {
		t.Errorf("clipboard holds %q after 19 s, want the code still", got)
	}
	v.now = func() time.Time { return at59.Add(20 * time.Second) }
	v.tick()
	if got := v.app.Clipboard().Content(); got != "" {
		t.Errorf("clipboard still holds %q after 20 s", got)
	}
	requireText(t, w, v.msg.T("ui.clipboard.cleared"))
}

func TestHOTPSavesTheCounterBeforeShowingTheCode(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"Bank", "counter", otp.HOTP, 6, ""})
	v, w := open(t, store)

	if hasText(w, "755 224") {
		t.Fatal("an HOTP code is shown before it was asked for")
	}
	requireText(t, w, "••• •••")
	var next *widget.Button
	for _, b := range buttonsOf(w) {
		if b.Text == v.msg.T("ui.hotp.show") {
			next = b
		}
	}
	if next == nil {
		t.Fatal("no button to show the HOTP code")
	}
	test.Tap(next)
	requireText(t, w, "755 224") // RFC 4226, counter 0

	vlt, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := vlt.Accounts[0].OTP.Counter; got != 1 {
		t.Errorf("saved counter is %d, want 1", got)
	}

	test.Tap(next)
	requireText(t, w, "287 082") // RFC 4226, counter 1
}

func TestEmptyVaultExplainsHowToAddAnAccount(t *testing.T) {
	_, w := open(t, newStore(t, nil))
	requireText(t, w, "No accounts yet", "mamori add --uri")
}

func TestDamagedVaultIsExplainedNotFatal(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	addAccounts(t, store, testAccount{"GitLab", "bob", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"}) // keeps a backup generation
	path := filepath.Join(store.Dir(), "vault.age")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw[:len(raw)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	v, w := open(t, store)
	requireText(t, w, v.msg.T("ui.error.title"), "damaged")
	if v.loaded {
		t.Error("a damaged vault is shown as loaded")
	}

	// The previous generation is offered, and restoring it needs a yes.
	var restore *widget.Button
	for _, b := range buttonsOf(w) {
		if b.Text == v.msg.T("ui.restore") {
			restore = b
		}
	}
	if restore == nil {
		t.Fatalf("no restore button; the window shows %q", textsOf(w))
	}
	test.Tap(restore)
	requireText(t, w, "generation 1, accounts: 1")
	var yes *widget.Button
	for _, b := range buttonsOf(w) {
		if b.Text == "Yes" {
			yes = b
		}
	}
	if yes == nil {
		t.Fatalf("no confirmation; the window shows %q", textsOf(w))
	}
	test.Tap(yes)
	if !v.loaded || v.list.Length() != 1 {
		t.Fatalf("after restoring, the window shows %q", textsOf(w))
	}
	requireText(t, w, "GitHub", v.msg.T("ui.restore.done"))
}

func TestCancelledPassphraseIsExplained(t *testing.T) {
	calls := 0
	store := newStore(t, func(req vault.PassphraseRequest) (string, error) {
		calls++
		if calls == 1 {
			return testPassphrase, nil // creating the vault
		}
		return "", errCancelled
	})
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	store.Lock()
	v, w := open(t, store)
	requireText(t, w, v.msg.T("ui.error.title"), v.msg.T("ui.error.cancelled"), v.msg.T("ui.retry"))
}

func TestPassphraseDialog(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Mamori")
	t.Cleanup(w.Close)
	v := newView(a, w, newStore(t, nil))
	// In English whatever the machine's locale, as open's windows are.
	v.getenv = func(string) string { return "" }
	v.applyLanguage()
	w.SetContent(v.content)
	w.Resize(fyne.NewSize(560, 560))

	var got string
	var cancelled bool
	entries := func() []*widget.Entry {
		var out []*widget.Entry
		for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
			if e, ok := asEntry(o); ok && e.Password {
				out = append(out, e)
			}
		}
		return out
	}

	// Unlocking: one field; Enter submits.
	v.showPassphraseDialog(vault.PassphraseRequest{Reason: vault.ReasonUnlock, Attempt: 2},
		func(p string) { got = p }, func() { cancelled = true })
	requireText(t, w, "That passphrase was wrong")
	es := entries()
	if len(es) != 1 {
		t.Fatalf("unlock dialog has %d passphrase fields, want 1", len(es))
	}
	test.Type(es[0], "open sesame")
	es[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got != "open sesame" || cancelled {
		t.Errorf("got %q (cancelled %v), want the typed passphrase", got, cancelled)
	}

	// A new file key: asked twice, and the two must match.
	got = ""
	v.showPassphraseDialog(vault.PassphraseRequest{Reason: vault.ReasonNewFileKey, Attempt: 1,
		NoKeyring: errors.New("no Secret Service")}, func(p string) { got = p }, func() { cancelled = true })
	requireText(t, w, "no usable system keyring", "no Secret Service",
		"Protect your vault with a passphrase", "Use this passphrase")
	es = entries()
	if len(es) != 2 {
		t.Fatalf("new-key dialog has %d passphrase fields, want 2", len(es))
	}
	test.Type(es[0], testPassphrase)
	test.Type(es[1], "two")
	es[1].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got != "" {
		t.Fatalf("mismatched passphrases were accepted as %q", got)
	}
	requireText(t, w, v.msg.T("ui.pass.mismatch"))
	es[1].SetText(testPassphrase)
	es[1].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got != testPassphrase {
		t.Errorf("got %q, want the confirmed passphrase", got)
	}
}

func TestGroupCode(t *testing.T) {
	for in, want := range map[string]string{
		"123456":     "123 456",
		"1234567":    "123 4567",
		"12345678":   "1234 5678",
		"1234567890": "12345 67890",
		"VK7R2":      "VK7R2",
		"":           "",
	} {
		if got := groupCode(in); got != want {
			t.Errorf("groupCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSecondsLeft(t *testing.T) {
	for d, want := range map[time.Duration]int{
		30 * time.Second:        30,
		29*time.Second + 1:      30,
		400 * time.Millisecond:  1,
		0:                       0,
		-time.Second:            0,
		1500 * time.Millisecond: 2,
	} {
		if got := secondsLeft(d); got != want {
			t.Errorf("secondsLeft(%v) = %d, want %d", d, got, want)
		}
	}
}

// asEntry is o's entry: a widget.Entry, or the one inside a formEntry. A
// keyEntry (the search box, the grid challenge box) is left out, as it was
// when tests looked for *widget.Entry: they count the entries of a form.
func asEntry(o fyne.CanvasObject) (*widget.Entry, bool) {
	switch e := o.(type) {
	case *widget.Entry:
		return e, true
	case *formEntry:
		return &e.Entry, true
	case *formSelectEntry:
		return &e.Entry, true
	}
	return nil, false
}

// entriesIn returns the entries among objs, in order, as asEntry sees them.
func entriesIn(objs []fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range objs {
		if e, ok := asEntry(o); ok {
			out = append(out, e)
		}
	}
	return out
}
