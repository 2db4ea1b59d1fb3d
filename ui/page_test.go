package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
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
	v.save(func(vlt *vault.Vault) error {
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
	v.save(func(vlt *vault.Vault) error {
		vlt.Remove(id)
		return nil
	}, nil)
	if v.mode != modePage {
		t.Fatalf("mode %d after the account went", v.mode)
	}
	requireText(t, w, "no longer in the vault")
	tapButton(t, w, "Back")
	if v.mode != modeEmpty {
		t.Errorf("Back from a deleted account's page: mode %d", v.mode)
	}
}
