package ui

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/export"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/kit/paper"
	"github.com/mamori-app/mamori/vault/otp"
)

// goErrorWords are fragments of the English Go errors of the domain packages
// and the standard library; a Japanese message must contain none of them.
var goErrorWords = []string{"otp:", "importer:", "invalid", "malformed", "an account needs",
	"no such", "not ", "error", "failed", "cannot", "open "}

// requireNoGoError fails when s, a Japanese message, holds English Go error
// text.
func requireNoGoError(t *testing.T, what, s string) {
	t.Helper()
	for _, w := range goErrorWords {
		if strings.Contains(strings.ToLower(s), w) {
			t.Errorf("%s: the Japanese message holds English %q: %q", what, w, s)
		}
	}
}

// japanese switches v to Japanese, as the Settings language choice does.
func japanese(t *testing.T, v *view) {
	t.Helper()
	v.setLanguagePref(assets.LangJapanese)
	if v.msg.Lang() != assets.LangJapanese {
		t.Fatalf("language = %q, want ja", v.msg.Lang())
	}
}

// qrPNG is a PNG of a QR code holding text.
func qrPNG(t *testing.T, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.QR(&b, text, 256); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// dialogTexts is every text the window's overlays (dialogs) show.
func dialogTexts(w fyne.Window) []string {
	var out []string
	for _, o := range w.Canvas().Overlays().List() {
		out = append(out, textsIn(test.LaidOutObjects(o))...)
	}
	return out
}

// requireSaved fails unless the store holds exactly n accounts.
func requireSaved(t *testing.T, store *vault.Store, n int) {
	t.Helper()
	vlt, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(vlt.Accounts) != n {
		t.Fatalf("the vault holds %d accounts, want %d: bad input changed it", len(vlt.Accounts), n)
	}
}

// TestBadAddInputInJapanese types bad details into the add dialog in
// Japanese: each is refused with the catalogue's Japanese text, no Go
// error, and nothing is saved.
func TestBadAddInputInJapanese(t *testing.T) {
	for _, c := range []struct {
		name string
		fill func(f *addForm)
		want func(v *view) string
	}{
		{"not otpauth", func(f *addForm) { f.uri.SetText("https://example.com/?secret=JBSWY3DPEHPK3PXP") },
			func(v *view) string {
				return v.msg.T("ui.add.bad_uri", map[string]any{"Reason": v.msg.T("msg.otp.not_otpauth")})
			}},
		{"uri without label", func(f *addForm) { f.uri.SetText("otpauth://totp/?secret=" + rfcSecret) },
			func(v *view) string { return v.msg.T("ui.add.uri_no_label") }},
		{"bad secret", func(f *addForm) { f.issuer.SetText("GitHub"); f.secret.SetText("1!1") },
			func(v *view) string {
				return v.msg.T("ui.add.bad_secret", map[string]any{"Reason": v.msg.T("msg.otp.bad_secret")})
			}},
		{"bad period", func(f *addForm) { f.issuer.SetText("GitHub"); f.secret.SetText(rfcSecret); f.period.SetText("abc") },
			func(v *view) string {
				return v.msg.T("ui.add.bad_secret", map[string]any{"Reason": v.msg.T("msg.otp.bad_period")})
			}},
		{"no label", func(f *addForm) { f.secret.SetText(rfcSecret) },
			func(v *view) string { return v.msg.T("ui.add.need_label") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			store := newStore(t, nil)
			addAccounts(t, store, testAccount{"Existing", "me", otp.TOTP, 6, "GEZDGNBVGY3TQOJQ"})
			v, w := open(t, store)
			japanese(t, v)
			v.showAdd()
			c.fill(v.addForm)
			tapButton(t, w, v.msg.T("ui.add.ok"))
			want := c.want(v)
			if got := v.addForm.problem.Text; got != want || !v.addForm.problem.Visible() {
				t.Errorf("problem = %q (shown %v), want %q", got, v.addForm.problem.Visible(), want)
			}
			requireNoGoError(t, c.name, v.addForm.problem.Text)
			requireSaved(t, store, 1)
		})
	}
}

// TestBadQRImageInJapanese opens QR images whose codes hold no usable
// account, in Japanese: the dialog says why in Japanese, and nothing is
// saved.
func TestBadQRImageInJapanese(t *testing.T) {
	for _, c := range []struct {
		name, qr, reason string
	}{
		{"broken migration", "otpauth-migration://offline?data=AAAA", "ui.import.malformed"},
		{"no label", "otpauth://totp/?secret=" + rfcSecret, "ui.import.no_label"},
		{"bad secret", "otpauth://totp/GitHub:octo?secret=1!1", "msg.otp.bad_secret"},
		{"not an account", "https://example.com/", "ui.import.no_account"},
	} {
		t.Run(c.name, func(t *testing.T) {
			store := newStore(t, nil)
			addAccounts(t, store, testAccount{"GitHub", "octo", otp.TOTP, 6, ""})
			v, w := open(t, store)
			japanese(t, v)
			v.addFromImage(qrPNG(t, c.qr))
			want := v.msg.T("ui.import.failed", map[string]any{"Reason": v.msg.T(c.reason)})
			texts := dialogTexts(w)
			if !containsText(texts, want) {
				t.Errorf("the dialog shows %q, want %q", texts, want)
			}
			for _, s := range texts {
				requireNoGoError(t, c.name, s)
			}
			requireSaved(t, store, 1)
		})
	}
}

func containsText(texts []string, want string) bool {
	for _, s := range texts {
		if s == want {
			return true
		}
	}
	return false
}

// TestReasonsNeverShowGoErrors checks the reason helpers on errors the
// add and import paths can meet: each gives catalogue text in Japanese.
func TestReasonsNeverShowGoErrors(t *testing.T) {
	ja, err := assets.LoadCatalog(assets.LangJapanese)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		got, want string
	}{
		{accountReason(ja, vault.ErrLabelRequired), ja.T("ui.add.need_label")},
		{accountReason(ja, fmt.Errorf("validating: %w", otp.ErrBadDigits)), ja.T("msg.otp.bad_digits")},
		{importReason(ja, fmt.Errorf("%w: unexpected EOF", vault.ErrLabelRequired)), ja.T("ui.import.no_label")},
	} {
		if c.got != c.want {
			t.Errorf("reason = %q, want %q", c.got, c.want)
		}
		requireNoGoError(t, c.want, c.got)
	}
}

// TestNoKeyringExplainedInJapanese: the dialog that asks for a new
// passphrase because the system keyring cannot be used says why in
// Japanese; the keyring's English error is only a low-importance line
// labelled as a technical detail.
func TestNoKeyringExplainedInJapanese(t *testing.T) {
	store := newStore(t, nil)
	v, w := open(t, store)
	japanese(t, v)
	cause := fmt.Errorf("%w: The name org.freedesktop.secrets was not provided by any .service files", keystore.ErrUnavailable)
	v.showPassphraseDialog(vault.PassphraseRequest{Reason: vault.ReasonNewFileKey, Attempt: 1, NoKeyring: cause},
		func(string) {}, func() {})
	var why, detail *widget.Label
	for _, o := range w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			l, ok := obj.(*widget.Label)
			if !ok {
				continue
			}
			switch {
			case l.Text == v.msg.T("ui.pass.no_keyring"):
				why = l
			case strings.Contains(l.Text, cause.Error()):
				detail = l
			}
		}
	}
	if why == nil {
		t.Fatalf("the dialog does not explain the keyring in Japanese; it shows %q", dialogTexts(w))
	}
	requireNoGoError(t, "no keyring", why.Text)
	if detail == nil {
		t.Fatalf("the dialog lost the technical detail; it shows %q", dialogTexts(w))
	}
	if want := v.msg.T("ui.error.technical", map[string]any{"Error": cause.Error()}); detail.Text != want {
		t.Errorf("detail = %q, want %q", detail.Text, want)
	}
	if detail.Importance != widget.LowImportance {
		t.Errorf("the technical detail has importance %v, want low", detail.Importance)
	}
}

// TestPassphraseRefusalInJapanese: changing the app passphrase when the
// person cancels the question for the current one says so in Japanese, with
// no Go error and no technical detail, and the key stays as it was.
func TestPassphraseRefusalInJapanese(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "octo", otp.TOTP, 6, ""})
	v, w := open(t, store)
	japanese(t, v)
	store.Lock()
	store.SetPassphraseFunc(func(vault.PassphraseRequest) (string, error) { return "", errCancelled })
	v.setPassphrase("a new passphrase", nil)
	want := v.msg.T("ui.passphrase.failed", map[string]any{"Reason": v.msg.T("ui.passphrase.cancelled")})
	texts := dialogTexts(w)
	if !containsText(texts, want) {
		t.Fatalf("the dialog shows %q, want %q", texts, want)
	}
	for _, s := range texts {
		requireNoGoError(t, "cancelled", s)
		if strings.Contains(s, strings.TrimSuffix(v.msg.T("ui.error.technical", map[string]any{"Error": ""}), " ")) {
			t.Errorf("a cancelled question shows a technical detail: %q", s)
		}
	}
	// The old passphrase still opens the vault.
	store.Lock()
	store.SetPassphraseFunc(func(vault.PassphraseRequest) (string, error) { return testPassphrase, nil })
	requireSaved(t, store, 1)
}

// TestPaperKitPagesInJapanese: pages that do not make one paper kit are
// explained in Japanese, whatever paper's sentinel says.
func TestPaperKitPagesInJapanese(t *testing.T) {
	v, _ := open(t, newStore(t, nil))
	japanese(t, v)
	for err, key := range map[error]string{
		paper.ErrNotChunk:       "msg.paper.not_kit",
		paper.ErrCorruptChunk:   "msg.paper.corrupt",
		paper.ErrDuplicateChunk: "msg.paper.duplicate",
		paper.ErrMixedKits:      "msg.paper.mixed",
		paper.ErrNoChunks:       "msg.paper.none",
	} {
		got := v.paperKitError(fmt.Errorf("chunk 2: %w", err))
		if want := v.msg.T("ui.kit.error.pages", map[string]any{"Error": v.msg.T(key)}); got != want {
			t.Errorf("paperKitError(%v) = %q, want %q", err, got, want)
		}
		requireNoGoError(t, key, got)
	}
}

// TestSaveRefusalInJapanese: a save the person cancels at the passphrase
// question is explained in Japanese wherever it is shown, an unexpected
// failure shows its English text only labelled as a technical detail, and
// the screens still tell errors apart with errors.Is.
func TestSaveRefusalInJapanese(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "octo", otp.TOTP, 6, ""})
	v, w := open(t, store)
	japanese(t, v)
	store.Lock()
	store.SetPassphraseFunc(func(vault.PassphraseRequest) (string, error) { return "", errCancelled })

	// The add dialog: a valid account, but the unlock is cancelled.
	v.showAdd()
	v.addForm.issuer.SetText("Example")
	v.addForm.secret.SetText("GEZDGNBVGY3TQOJQ")
	tapButton(t, w, v.msg.T("ui.add.ok"))
	want := v.msg.T("ui.add.failed", map[string]any{"Error": v.msg.T("ui.error.cancelled")})
	if got := v.addForm.problem.Text; got != want {
		t.Errorf("add dialog says %q, want %q", got, want)
	}
	requireNoGoError(t, "add, cancelled", v.addForm.problem.Text)

	// Any screen's save: done gets an error it can still tell apart.
	var got error
	saveForTest(v, func(vlt *vault.Vault) error { vlt.Accounts[0].Name = "changed"; return nil }, func(err error) { got = err })
	if !errors.Is(got, errCancelled) || got.Error() != v.msg.T("ui.error.cancelled") {
		t.Errorf("save error = %v (is cancelled: %v), want %q", got, errors.Is(got, errCancelled), v.msg.T("ui.error.cancelled"))
	}
	store.SetPassphraseFunc(func(vault.PassphraseRequest) (string, error) { return testPassphrase, nil })
	disk := errors.New("write vault.age: no space left on device")
	saveForTest(v, func(*vault.Vault) error { return disk }, func(err error) { got = err })
	if want := v.msg.T("ui.error.technical", map[string]any{"Error": disk.Error()}); !errors.Is(got, disk) || !strings.HasPrefix(got.Error(), strings.TrimSuffix(want, disk.Error())) {
		t.Errorf("save error = %q, want it labelled %q", got, want)
	}
	vlt, err := store.Load()
	if err != nil || len(vlt.Accounts) != 1 || vlt.Accounts[0].Name != "octo" {
		t.Fatalf("the vault changed: %+v (%v)", vlt, err)
	}
}

// TestQRTooLargeInJapanese: an account with too much text for one QR code
// is explained in Japanese rather than with export's English error.
func TestQRTooLargeInJapanese(t *testing.T) {
	v, _ := open(t, newStore(t, nil))
	japanese(t, v)
	_, err := qrImage("otpauth://totp/" + strings.Repeat("x", export.MaxQRText) + "?secret=" + rfcSecret)
	if !errors.Is(err, export.ErrTooLarge) {
		t.Fatalf("qrImage = %v, want ErrTooLarge", err)
	}
	got := v.qrErrorText(err)
	if got != v.msg.T("ui.exp.error.qr_too_large") {
		t.Errorf("qrErrorText = %q, want %q", got, v.msg.T("ui.exp.error.qr_too_large"))
	}
	requireNoGoError(t, "qr too large", got)
}
