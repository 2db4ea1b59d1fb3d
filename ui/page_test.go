package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/trouble"
)

func TestPagesOpenOverTheListAndGoBack(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""},
		testAccount{"Example", "bob", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"})
	v, w := open(t, store)
	id := v.accounts[0].ID

	rowOf(t, w, "GitHub").open.OnTapped()
	if v.mode != modePage || len(v.pages) != 1 {
		t.Fatalf("the account's button opened no page; mode %d", v.mode)
	}
	requireText(t, w, "GitHub: alice@example.com", "Back")
	if v.top.Visible() {
		t.Error("the search box shows over a page")
	}
	// Typing on a page does not go to the search box.
	w.Canvas().Unfocus()
	test := w.Canvas().OnTypedRune()
	test('x')
	if v.query != "" {
		t.Errorf("typing on a page searched for %q", v.query)
	}

	// A save from the page rebuilds it from the saved vault and keeps it up.
	saved := false
	saveForTest(v, func(vlt *vault.Vault) error {
		vlt.Account(id).Issuer = "GitHub Enterprise"
		return nil
	}, func(err error) { saved = err == nil })
	if !saved || v.mode != modePage {
		t.Fatalf("save: saved %v, mode %d", saved, v.mode)
	}
	requireText(t, w, "GitHub Enterprise: alice@example.com")

	// Escape goes back to the list, which shows the change.
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if v.mode != modeList || len(v.pages) != 0 || !v.top.Visible() {
		t.Fatalf("Escape did not go back to the list; mode %d", v.mode)
	}
	requireText(t, w, "GitHub Enterprise")

	// A tool page from the menu; locking closes it and shows nothing of it.
	items := v.toolsMenu().Items
	if len(items) == 0 {
		t.Fatal("the tools menu is empty")
	}
	items[0].Action()
	if v.mode != modePage {
		t.Fatalf("%q opened no page", items[0].Label)
	}
	v.lock()
	if v.mode != modeLocked || len(v.pages) != 0 || v.vault != nil {
		t.Errorf("locking left a page open: mode %d, %d pages", v.mode, len(v.pages))
	}
}

func TestAPageOfADeletedAccountSaysSo(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	id := v.accounts[0].ID
	v.openAccount(id)
	saveForTest(v, func(vlt *vault.Vault) error {
		vlt.Remove(id, time.Now())
		return nil
	}, nil)
	if v.mode != modePage {
		t.Fatalf("mode %d after the account went", v.mode)
	}
	requireText(t, w, "no longer in the vault")
	if hasText(w, "No account matches") {
		t.Errorf("an empty vault under a page says no account matches: %q", textsOf(w))
	}
	tapButton(t, w, "Back")
	if v.mode != modeEmpty {
		t.Errorf("Back from a deleted account's page: mode %d", v.mode)
	}
}

func TestRowsWarnOfLockoutsAndLowBackupCodes(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""},
		testAccount{"Example", "bob", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"})
	_, err := store.Update(func(vlt *vault.Vault) error {
		a, err := vlt.Find("GitHub")
		if err != nil {
			return err
		}
		if err := a.Backup.Replace([]string{"1111-2222", "3333-4444", "5555-6666", "7777-8888"}, at59); err != nil {
			return err
		}
		if _, _, err := a.Backup.UseNext(at59); err != nil {
			return err
		}
		b, err := vlt.Find("Example")
		if err != nil {
			return err
		}
		b.Lockout = &trouble.Lockout{Since: at59, Until: at59.Add(time.Hour)}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	v, w := open(t, store)
	if got := rowOf(t, w, "GitHub").note.Text; got != "3 backup codes left" {
		t.Errorf("GitHub's row says %q", got)
	}
	want := "locked until " + at59.Add(time.Hour).Format("15:04")
	if got := rowOf(t, w, "Example").note.Text; got != want {
		t.Errorf("Example's row says %q, want %q", got, want)
	}
	// Once the lock should have lifted, the row says nothing more.
	v.now = func() time.Time { return at59.Add(time.Hour) }
	v.touch() // not idle: no lock
	v.tick()
	if got := rowOf(t, w, "Example").note.Text; got != "" {
		t.Errorf("after the lock lifted, the row says %q", got)
	}
}

func TestRowsShowTheIssuersInitial(t *testing.T) {
	for _, tc := range []struct{ label, want string }{
		{"GitHub", "G"}, {"github", "G"}, {"みずほ銀行", "み"}, {"  ａｗｓ", "Ａ"}, {"", "?"},
	} {
		got, col := badgeOf(tc.label)
		if got != tc.want || col == nil {
			t.Errorf("badgeOf(%q) = %q, %v; want %q", tc.label, got, col, tc.want)
		}
	}
	// The same issuer gets the same colour however it is written.
	if _, a := badgeOf("GitHub"); a != func() any { _, b := badgeOf("ＧＩＴＨＵＢ"); return b }() {
		t.Error("GitHub and ＧＩＴＨＵＢ get different colours")
	}

	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"みずほ銀行", "taro", otp.TOTP, 6, ""})
	_, w := open(t, store)
	if got := rowOf(t, w, "みずほ銀行").badgeText.Text; got != "み" {
		t.Errorf("the row's badge says %q", got)
	}
}

// saveForTest saves change as any screen's operation does (view.run): in
// the background, then the window shows the saved vault and done gets the
// error made readable. Only tests hand the store a closure.
func saveForTest(v *view, change func(*vault.Vault) error, done func(error)) {
	v.run(func(s *usecase.Service) (*vault.Vault, error) { return s.Store().Update(change) }, done)
}
