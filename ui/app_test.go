package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
)

func TestThemeEmbedsTheJapaneseFont(t *testing.T) {
	th := newTheme()
	for _, s := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true}} {
		if got := th.Font(s); got != fontResource {
			t.Errorf("style %+v uses %s, want the embedded BIZ UDGothic", s, got.Name())
		}
	}
	if got := th.Font(fyne.TextStyle{Monospace: true}); got == fontResource {
		t.Error("codes (monospace) should keep Fyne's monospace font")
	}
	if len(fontResource.Content()) < 1<<20 {
		t.Errorf("the embedded font is only %d bytes", len(fontResource.Content()))
	}
	if th.Color(theme.ColorNamePrimary, theme.VariantDark) == nil {
		t.Error("no primary colour")
	}
}

func TestResolveLanguage(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string // for the choice "auto"
	}{
		{nil, assets.LangEnglish},
		{map[string]string{"LANG": "C"}, assets.LangEnglish},
		{map[string]string{"LANG": "POSIX"}, assets.LangEnglish},
		{map[string]string{"LANG": "C.UTF-8"}, assets.LangEnglish},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, assets.LangJapanese},
		{map[string]string{"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, assets.LangEnglish},
		{map[string]string{"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "C"}, assets.LangJapanese},
	} {
		getenv := func(k string) string { return tc.env[k] }
		for _, choice := range []string{langAuto, "", "fr"} {
			if got := resolveLanguage(choice, getenv); got != tc.want {
				t.Errorf("the Settings choice %q under %v gave %s, want %s", choice, tc.env, got, tc.want)
			}
		}
		for _, choice := range []string{assets.LangEnglish, assets.LangJapanese} {
			if got := resolveLanguage(choice, getenv); got != choice {
				t.Errorf("the Settings choice %s under %v gave %s", choice, tc.env, got)
			}
		}
	}
}

func TestLanguageFollowsTheLocaleAndSettings(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""},
		testAccount{"楽天証券", "山田太郎", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"},
	)
	v, w := open(t, store)
	requireText(t, w, "2 accounts")

	// A Japanese locale, with the setting on automatic.
	v.getenv = func(k string) string { return map[string]string{"LANG": "ja_JP.UTF-8"}[k] }
	v.setLanguagePref(langAuto)
	requireText(t, w, "2 件のアカウント", "楽天証券")
	if v.search.PlaceHolder != "入力してアカウントを検索" {
		t.Errorf("search placeholder is %q", v.search.PlaceHolder)
	}

	// Settings: English, whatever the locale; the choice is kept.
	v.showSettings()
	requireText(t, w, "設定", "言語", "20 秒")
	sels := selectsOf(w)
	if len(sels) != 4 {
		t.Fatalf("Settings has %d choices, want 4", len(sels))
	}
	sels[0].SetSelectedIndex(1) // English
	sels[1].SetSelectedIndex(0) // 10 s
	tapButton(t, w, "保存")
	requireText(t, w, "Settings saved.", "1 s", "Type to search accounts")
	if got := v.prefs.String(prefLanguage); got != assets.LangEnglish {
		t.Errorf("language preference is %q, want en", got)
	}
	if got := v.clipboardDelay(); got != 10*time.Second {
		t.Errorf("clipboard delay is %v, want 10 s", got)
	}

	// And back to Japanese from the dialog.
	v.showSettings()
	selectsOf(w)[0].SetSelected("日本語 (Japanese)")
	tapButton(t, w, "Save")
	requireText(t, w, "設定を保存しました。", "1 秒")
	if v.win.Title() != "Mamori" {
		t.Errorf("title is %q", v.win.Title())
	}
}

func TestEveryTextIsTranslated(t *testing.T) {
	// The files themselves (the same keys in every language, no empty
	// text, valid templates) are checked in package assets; here, that the
	// app's keys are in them and that they hold no key the app dropped.
	en, errEn := assets.LoadCatalog(assets.LangEnglish)
	ja, errJa := assets.LoadCatalog(assets.LangJapanese)
	if err := errors.Join(errEn, errJa); err != nil {
		t.Fatal(err)
	}

	// Every "ui.…" literal in the package's source is a key in both files.
	found, err := assets.KeysUsedIn(".", "ui.")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for k := range found {
		used[k] = true
	}
	// Keys made up at run time.
	for _, c := range languageChoices {
		used["ui.settings.language."+c] = true
	}
	if len(used) < 40 {
		t.Fatalf("found only %d keys; the scan is broken", len(used))
	}
	for k := range used {
		if !en.Has(k) || !ja.Has(k) {
			t.Errorf("%q is missing in en.json or ja.json", k)
		}
	}
	for _, k := range en.Keys() {
		if strings.HasPrefix(k, "ui.") && !used[k] {
			t.Errorf("en.json has %q, which the app never uses", k)
		}
	}
}

func TestTypingAnywhereSearchesAndEnterCopies(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"},
		testAccount{"みずほ銀行", "山田太郎", otp.TOTP, 6, ""},
		testAccount{"楽天証券", "yamada", otp.TOTP, 6, "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ"},
	)
	v, w := open(t, store)

	// Nothing has the focus: typing goes to the search box. Katakana finds
	// hiragana.
	test.TypeOnCanvas(w.Canvas(), "ミズホ")
	if w.Canvas().Focused() != v.search {
		t.Error("typing did not focus the search box")
	}
	if v.search.Text != "ミズホ" || v.list.Length() != 1 {
		t.Fatalf("search %q kept %d rows, want 1", v.search.Text, v.list.Length())
	}
	requireText(t, w, "みずほ銀行", "1 of 3 accounts")

	// Enter copies the top match's code, and says so.
	v.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := v.app.Clipboard().Content(); got != "287082" {
		t.Errorf("Enter copied %q, want 287082", got)
	}
	requireText(t, w, "Copied the code for みずほ銀行: 山田太郎")

	// Escape clears the search.
	v.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if v.search.Text != "" || v.list.Length() != 3 {
		t.Errorf("after Escape the search is %q with %d rows", v.search.Text, v.list.Length())
	}

	// By login ID, and Enter with nothing focused.
	w.Canvas().Unfocus()
	test.TypeOnCanvas(w.Canvas(), "YAMADA")
	requireText(t, w, "楽天証券")
	if v.list.Length() != 1 {
		t.Errorf("YAMADA kept %d rows, want 1", v.list.Length())
	}
	v.search.SetText("nothing like it")
	w.Canvas().Unfocus()
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	requireText(t, w, "No account matches")
}

func TestClipboardIsOnlyClearedIfItStillHoldsOurCode(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.prefs.SetInt(prefClipboardSeconds, 5)

	v.copyTop()
	requireText(t, w, "in 5 s")
	v.app.Clipboard().SetContent("something the person copied since")
	v.now = func() time.Time { return at59.Add(5 * time.Second) }
	v.tick()
	if got := v.app.Clipboard().Content(); got != "something the person copied since" {
		t.Errorf("the clipboard was changed to %q", got)
	}

	// Never clearing is a choice too.
	v.prefs.SetInt(prefClipboardSeconds, 0)
	v.prefs.SetInt(prefIdleLockMinutes, 0) // locking would clear it too
	v.copyTop()
	requireText(t, w, "Copied the code for GitHub: alice@example.com.")
	v.now = func() time.Time { return at59.Add(time.Hour) }
	v.tick()
	if got := v.app.Clipboard().Content(); got == "" {
		t.Error("the clipboard was cleared with clearing turned off")
	}
}

func TestLockAndUnlock(t *testing.T) {
	store := newStore(t, nil) // a key file, so there is a passphrase
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.copyTop()

	// Ctrl+L, even from the search box.
	v.search.TypedShortcut(shortcutLock)
	if v.mode != modeLocked {
		t.Fatalf("Ctrl+L did not lock; the window shows %q", textsOf(w))
	}
	if hasText(w, "GitHub") || hasText(w, "287 082") {
		t.Errorf("the locked window still shows the vault: %q", textsOf(w))
	}
	if got := v.app.Clipboard().Content(); got != "" {
		t.Errorf("locking left %q on the clipboard", got)
	}
	requireText(t, w, "Mamori is locked")
	tapButton(t, w, "Unlock")
	if v.mode != modeList {
		t.Fatalf("unlocking did not show the list; the window shows %q", textsOf(w))
	}
	requireText(t, w, "GitHub", "287 082")
}

func TestLockNeedsAPassphrase(t *testing.T) {
	store := vault.NewStore(vault.Options{
		Dir:     t.TempDir(),
		Keyring: keystore.System,
		Now:     func() time.Time { return at59 },
	}, &keystore.Memory{})
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.typedShortcut(shortcutLock)
	if v.mode != modeList {
		t.Errorf("locked without a passphrase to unlock with")
	}
	requireText(t, w, "There is no app passphrase")
}

func TestHelpListsTheShortcuts(t *testing.T) {
	v, w := open(t, newStore(t, nil))
	v.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	requireText(t, w, "Keyboard shortcuts", "Ctrl+L", "Lock the vault", "Enter", "F1 / Ctrl+/")
	tapButton(t, w, "Close")
	v.typedShortcut(shortcutHelp)
	requireText(t, w, "Keyboard shortcuts")
}

func selectsOf(w fyne.Window) []*widget.Select {
	var out []*widget.Select
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if s, ok := o.(*widget.Select); ok {
			out = append(out, s)
		}
	}
	return out
}

func tapButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	for _, b := range buttonsOf(w) {
		if b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q; the window shows %q", text, textsOf(w))
}

func TestDemoIsClearlyMarked(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	if strings.Contains(w.Title(), "DEMO") || hasText(w, "DEMO") {
		t.Fatal("a real vault is marked as a demo")
	}
	v.demo = true
	v.rebuild()
	if w.Title() != "Mamori — DEMO" {
		t.Errorf("demo title is %q", w.Title())
	}
	requireText(t, w, "DEMO — made-up accounts", "“demo”", "GitHub")
}

func TestClickCopiesAndDialogsKeepTheirKeys(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"},
		testAccount{"みずほ銀行", "山田太郎", otp.TOTP, 6, ""},
	)
	v, w := open(t, store)
	v.list.Select(1)
	if got := v.app.Clipboard().Content(); got != "287082" {
		t.Errorf("a click copied %q, want 287082", got)
	}
	requireText(t, w, "Copied the code for みずほ銀行: 山田太郎")

	// The list has the focus after a click: typing still searches.
	w.Canvas().Focus(v.list)
	v.list.TypedRune('g')
	if v.search.Text != "g" || w.Canvas().Focused() != v.search {
		t.Errorf("typing on the list searched for %q", v.search.Text)
	}
	v.search.SetText("")
	w.Canvas().Unfocus()

	// With a dialog open, typing does not search behind it.
	v.showHelp()
	test.TypeOnCanvas(w.Canvas(), "git")
	if v.search.Text != "" {
		t.Errorf("typing over a dialog searched for %q", v.search.Text)
	}
}
