package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
)

// keyringStore is a vault whose key is in a (fake) OS keyring, with no
// app passphrase.
func keyringStore(t *testing.T) *vault.Store {
	t.Helper()
	return vault.NewStore(vault.Options{Dir: t.TempDir(), Keyring: keystore.System, ScryptWorkFactor: 10,
		Now: func() time.Time { return at59 }}, &keystore.Memory{})
}

// confirmTop presses the confirm (true) or dismiss (false) button of the
// dialog on top.
func confirmTop(t *testing.T, v *view, ok bool) {
	t.Helper()
	texts := map[bool]string{true: v.msg.T("ui.passphrase.set"), false: v.msg.T("ui.keyring_notice.not_now")}
	tapButton(t, v.win, texts[ok])
}

// TestKeyringNoticeExplainsOnce: with the key in the keyring and no app
// passphrase, the app explains once what that protects against and what
// not, in the person's language; closing it is remembered.
func TestKeyringNoticeExplainsOnce(t *testing.T) {
	for _, tc := range []struct{ lang, title, doesNot string }{
		{"en", "How your vault key is kept", "any program you run can ask the keyring for the key"},
		{"ja", "保管庫の鍵の守られ方", "確認なしにキーリングから鍵を取り出し"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			store := keyringStore(t)
			addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
			v, w := openingView(t, store)
			v.prefs.SetString(prefLanguage, tc.lang)
			v.applyLanguage()
			v.rebuild()
			v.keyringNotice = true // as run sets it
			v.load()
			if !hasTopText(w, tc.title) || !hasTopText(w, tc.doesNot) {
				t.Fatalf("no explanation of the keyring: %q", topTexts(w))
			}
			confirmTop(t, v, false)
			if w.Canvas().Overlays().Top() != nil {
				t.Fatalf("the explanation stayed: %q", topTexts(w))
			}
			v.load()
			if w.Canvas().Overlays().Top() != nil {
				t.Errorf("the explanation came back: %q", topTexts(w))
			}
		})
	}
}

// TestKeyringNoticeOffersAPassphrase: its button opens the passphrase
// dialog; with a passphrase, or a key file, there is nothing to explain.
func TestKeyringNoticeOffersAPassphrase(t *testing.T) {
	store := keyringStore(t)
	addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	v, w := openingView(t, store)
	v.keyringNotice = true
	v.load()
	confirmTop(t, v, true)
	es := topPasswordEntries(w)
	if len(es) != 2 {
		t.Fatalf("the offer opened %q, not the passphrase dialog", topTexts(w))
	}
	es[0].SetText(testPassphrase)
	es[1].SetText(testPassphrase)
	tapButton(t, w, v.msg.T("ui.save"))
	if info, err := store.Info(); err != nil || !info.Passphrase {
		t.Fatalf("no passphrase was set (%v)", err)
	}
	closeAll(w)
	v.prefs.SetBool(prefKeyringExplained, false)
	v.load()
	if w.Canvas().Overlays().Top() != nil {
		t.Errorf("explained the keyring with a passphrase set: %q", topTexts(w))
	}

	// A key file: no keyring to explain.
	v2, w2 := openingView(t, newStore(t, nil))
	addAccounts(t, v2.store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	v2.keyringNotice = true
	v2.load()
	if w2.Canvas().Overlays().Top() != nil {
		t.Errorf("explained the keyring for a key file: %q", topTexts(w2))
	}
}

// hasTopText reports whether a label of the dialog on top contains s.
func hasTopText(w fyne.Window, s string) bool {
	return strings.Contains(topText(w), s)
}

// closeAll takes every dialog off the window.
func closeAll(w fyne.Window) {
	ov := w.Canvas().Overlays()
	for o := ov.Top(); o != nil; o = ov.Top() {
		ov.Remove(o)
	}
}
