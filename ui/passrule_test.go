package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
)

// topPasswordEntries are the passphrase fields of the dialog on top.
func topPasswordEntries(w fyne.Window) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if e, ok := asEntry(o); ok && e.Password {
			out = append(out, e)
		}
	}
	return out
}

// topText is all the visible text of the dialog on top, joined.
func topText(w fyne.Window) string { return strings.Join(topTexts(w), "\n") }

// TestNewFileKeyDialogFollowsThePassphraseRule: while a new key file's
// passphrase is typed, the reason it would be refused shows under the
// field, then that it is strong enough; a refused one is not used.
func TestNewFileKeyDialogFollowsThePassphraseRule(t *testing.T) {
	store := newStore(t, nil)
	v, w := open(t, store)
	var got string
	v.showPassphraseDialog(vault.PassphraseRequest{Reason: vault.ReasonNewFileKey, Attempt: 1},
		func(p string) { got = p }, func() {})
	es := topPasswordEntries(w)
	if len(es) != 2 {
		t.Fatalf("%d passphrase fields, want 2", len(es))
	}
	test.Type(es[0], "password")
	if s := topText(w); !strings.Contains(s, "one of the passwords people use most") || !strings.Contains(s, "would guess it at once") {
		t.Errorf("typing a common password shows no reason under the field:\n%s", s)
	}
	test.Type(es[1], "password")
	es[1].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got != "" {
		t.Fatalf("a refused passphrase was used: %q", got)
	}
	if s := topText(w); !strings.Contains(s, "A few words that do not belong together") {
		t.Errorf("the refusal gives no advice:\n%s", s)
	}
	es[0].SetText(testPassphrase)
	if s := topText(w); !strings.Contains(s, "Strong enough.") {
		t.Errorf("a strong passphrase is not called so:\n%s", s)
	}
	es[1].SetText(testPassphrase)
	es[1].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got != testPassphrase {
		t.Errorf("got %q, want the strong passphrase", got)
	}
}

// TestSettingsPassphraseFollowsTheRule: the app passphrase set from
// Settings is refused with the reason, in the window's language, and the
// key stays as it was; Japanese text is judged, not refused for its script.
func TestSettingsPassphraseFollowsTheRule(t *testing.T) {
	mem := &keystore.Memory{}
	store := vault.NewStore(vault.Options{Dir: t.TempDir(), Keyring: keystore.System, ScryptWorkFactor: 10,
		Now: func() time.Time { return at59 }}, mem)
	addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.prefs.SetString(prefLanguage, "ja")
	v.applyLanguage()
	v.showNewPassphrase(nil)
	es := topPasswordEntries(w)
	if len(es) != 2 {
		t.Fatalf("%d passphrase fields, want 2", len(es))
	}
	es[0].SetText("19850412")
	es[1].SetText("19850412")
	if s := topText(w); !strings.Contains(s, "日付が含まれています") {
		t.Errorf("the reason under the field is not in Japanese:\n%s", s)
	}
	es[1].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if info, err := store.Info(); err != nil || info.Passphrase {
		t.Fatalf("a refused passphrase was set (%v)", err)
	}
	const ja = "わたしのなまえはまもりです"
	es[0].SetText(ja)
	es[1].SetText(ja)
	if s := topText(w); !strings.Contains(s, "十分な強さです。") {
		t.Errorf("a long Japanese passphrase is not accepted as typed:\n%s", s)
	}
	es[1].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if info, err := store.Info(); err != nil || !info.Passphrase {
		t.Fatalf("the Japanese passphrase was not set (%v)", err)
	}
}

// TestKitPassphraseShowsTheReasonAsTyped: the kit's own passphrase field
// says under it why the passphrase would be refused, as it is typed.
func TestKitPassphraseShowsTheReasonAsTyped(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.xfer().scryptWork = 10
	openExportTab(t, v, 0)
	radioOf(t, w).SetSelected("A passphrase I choose")
	e := transferEntries(w, true)
	if len(e) != 2 {
		t.Fatalf("%d password entries, want 2", len(e))
	}
	test.Type(e[0], "aaaaaaaa")
	requireText(t, w, "It repeats characters or a group of them (\"aaa\", \"abcabc\"). Someone with the encrypted file and a thousand computers would guess it at once.")
}
