package ui

import (
	"bytes"
	"encoding/base32"
	"fmt"
	"image/png"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
)

// setTags gives the account with issuer the tags in the store.
func setTags(t *testing.T, store *vault.Store, tags map[string][]string) {
	t.Helper()
	_, err := store.Update(func(v *vault.Vault) error {
		for i := range v.Accounts {
			if tg, ok := tags[v.Accounts[i].Issuer]; ok {
				v.Accounts[i].Tags = vault.NormalizeTags(tg)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestAccountTabShowsDetailsAndHidesTheSecret(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""},
		testAccount{"Example", "bob", otp.HOTP, 6, "JBSWY3DPEHPK3PXP"})
	setTags(t, store, map[string][]string{"GitHub": {"work", "開発"}})
	v, w := open(t, store)
	gh := v.accounts[0].ID
	v.openAccount(gh)
	requireText(t, w, "Service", "GitHub", "Login ID", "alice@example.com", "work, 開発",
		"TOTP (time-based)", "SHA1", "Digits", "30 s", "287 082", "1 s", "Added", "Last changed", "Edit", "Delete")
	secret := groupSecret(rfcSecret)
	if hasText(w, secret) || hasText(w, "GEZD") {
		t.Fatal("the secret shows before Reveal")
	}
	copySecret := func() {
		for _, b := range buttonsOf(w) {
			if b.Text == "Copy secret" {
				if b.Disabled() {
					t.Fatal("Copy secret works before Reveal")
				}
				test.Tap(b)
				return
			}
		}
		t.Fatal("no Copy secret button")
	}
	tapButton(t, w, "Reveal")
	requireText(t, w, secret, "Hide")
	copySecret()
	if got := v.app.Clipboard().Content(); got != rfcSecret {
		t.Fatalf("the clipboard holds %q", got)
	}
	requireText(t, w, "Copied the secret. It will be cleared from the clipboard in 20 s.")
	// Cleared after the delay, like a code.
	v.now = func() time.Time { return at59.Add(20 * time.Second) }
	v.tick()
	if got := v.app.Clipboard().Content(); got != "" {
		t.Errorf("the secret is still on the clipboard after the delay: %q", got)
	}
	v.now = func() time.Time { return at59 }

	// Leaving the page hides it again.
	v.closePage()
	v.openAccount(gh)
	if hasText(w, secret) {
		t.Error("the secret still shows after leaving the page")
	}
	tapButton(t, w, "Reveal")
	// So does a save that rebuilds the page.
	saveForTest(v, func(*vault.Vault) error { return nil }, nil)
	if hasText(w, secret) {
		t.Error("the secret still shows after the page was rebuilt")
	}

	// HOTP: the counter and the code on request.
	v.closePage()
	v.openAccount(v.accounts[1].ID)
	requireText(t, w, "HOTP (counter-based)", "Counter", "Show next code")
	if hasText(w, "30 s") {
		t.Error("an HOTP account shows a period")
	}
	tapButton(t, w, "Show next code")
	v.tick()
	h, ok := v.hotp[v.accounts[1].ID]
	if !ok {
		t.Fatal("no HOTP code after Show next code")
	}
	requireText(t, w, groupCode(h.code))
}

func TestAccountWithoutOTPSaysSo(t *testing.T) {
	store := newStore(t, nil)
	_, err := store.Update(func(v *vault.Vault) error {
		a, err := vault.NewAccount("みずほ銀行", "山田太郎", otp.Key{}, at59)
		v.Add(a)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	v, w := open(t, store)
	v.openAccount(v.accounts[0].ID)
	requireText(t, w, "This account has no authenticator key", "山田太郎")
	for _, s := range []string{"Reveal", "Algorithm", "Copy secret"} {
		if hasText(w, s) {
			t.Errorf("an account without OTP shows %q", s)
		}
	}
}

func TestEditSavesAndRefusesAnEmptyName(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	id := v.accounts[0].ID
	v.openAccount(id)

	tapButton(t, w, "Edit")
	f := v.editForm
	if f == nil || f.name.Text != "alice@example.com" || f.issuer.Text != "GitHub" {
		t.Fatal("the edit dialog does not show the account")
	}
	f.issuer.SetText(" GitHub Enterprise ")
	f.name.SetText("alice")
	f.tags.SetText("Work, ｗｏｒｋ 銀行、work")
	f.pinned.SetChecked(true)
	tapTopButton(t, w, "Save")
	requireText(t, w, "Saved GitHub Enterprise: alice.", "Work, 銀行")
	vlt, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	a := vlt.Account(id)
	if a.Issuer != "GitHub Enterprise" || a.Name != "alice" || !slices.Equal(a.Tags, []string{"Work", "銀行"}) || !a.Pinned {
		t.Fatalf("saved %+v", a)
	}
	gen := vlt.Generation

	// An empty name is refused in the dialog; nothing is written.
	tapButton(t, w, "Edit")
	v.editForm.name.SetText("  ")
	tapTopButton(t, w, "Save")
	requireText(t, w, "Enter a login ID: an account needs one.")
	if w.Canvas().Overlays().Top() == nil {
		t.Error("the dialog closed on bad input")
	}
	// A tag too long, likewise.
	v.editForm.name.SetText("alice")
	v.editForm.tags.SetText(strings.Repeat("x", vault.MaxTagLength+1))
	tapTopButton(t, w, "Save")
	requireText(t, w, fmt.Sprintf("A tag can be at most %d characters long.", vault.MaxTagLength))
	vlt, _ = store.Load()
	if vlt.Generation != gen || vlt.Account(id).Name != "alice" {
		t.Errorf("bad input changed the vault: generation %d, was %d", vlt.Generation, gen)
	}
	tapTopButton(t, w, "Cancel")

	// Unchanged: nothing written either.
	tapButton(t, w, "Edit")
	tapTopButton(t, w, "Save")
	requireText(t, w, "Nothing was changed.")
	if vlt, _ = store.Load(); vlt.Generation != gen {
		t.Error("an unchanged form wrote the vault")
	}
}

func TestDeleteFromTheAccountTab(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""},
		testAccount{"Example", "bob", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"})
	v, w := open(t, store)
	id := v.accounts[0].ID
	v.openAccount(id)
	tapButton(t, w, "Delete")
	requireText(t, w, "Delete GitHub: alice@example.com?")
	tapTopButton(t, w, "Cancel")
	if vlt, _ := store.Load(); len(vlt.Accounts) != 2 {
		t.Fatal("Cancel deleted the account")
	}
	tapButton(t, w, "Delete")
	tapTopButton(t, w, "Delete")
	if v.mode != modeList || len(v.pages) != 0 {
		t.Fatalf("after deleting, mode %d with %d pages", v.mode, len(v.pages))
	}
	requireText(t, w, "Deleted GitHub: alice@example.com.", "Undo")
	if vlt, _ := store.Load(); len(vlt.Accounts) != 1 {
		t.Fatalf("the vault has %d accounts after deleting", len(vlt.Accounts))
	}
	tapButton(t, w, "Undo")
	if vlt, _ := store.Load(); len(vlt.Accounts) != 2 || vlt.Accounts[0].ID != id {
		t.Error("Undo did not put the account back")
	}
}

func TestRowsHaveNoDeleteButton(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	_, w := open(t, store)
	for _, b := range buttonsOf(w) {
		if b.Icon != nil && strings.Contains(b.Icon.Name(), "delete") {
			t.Error("a list row still has a delete button")
		}
	}
}

func TestTagsAreSearchedAndGrouped(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""},
		testAccount{"みずほ銀行", "山田太郎", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"},
		testAccount{"Steam", "gamer", otp.TOTP, 6, "ONSWG4TFOQYTEMZU"},
		testAccount{"Slack", "alice", otp.TOTP, 6, "MFRGGZDFMZTWQ2LK"},
	)
	setTags(t, store, map[string][]string{"GitHub": {"work"}, "みずほ銀行": {"家計"}, "Slack": {"Work"}})
	v, w := open(t, store)
	// Tagged accounts grouped by tag (A→Z), untagged last.
	if got := issuersOf(v); got != "GitHub,Slack,みずほ銀行,Steam" {
		t.Fatalf("order: %s", got)
	}
	headings := map[string]string{"GitHub": "work", "Slack": "", "みずほ銀行": "家計", "Steam": "No tag"}
	for issuer, want := range headings {
		r := rowOf(t, w, issuer)
		if got := r.heading.Text; got != want || r.heading.Visible() != (want != "") {
			t.Errorf("%s: heading %q (visible %v), want %q", issuer, got, r.heading.Visible(), want)
		}
	}
	// A row with a heading is taller, so the heading does not squeeze it.
	if rowOf(t, w, "GitHub").Size().Height <= rowOf(t, w, "Slack").Size().Height {
		t.Error("a row with a heading is no taller than one without")
	}

	// Typing a tag finds its accounts, in any width and case.
	for _, tc := range []struct{ query, want string }{
		{"work", "GitHub,Slack"},
		{"ＷＯＲＫ", "GitHub,Slack"},
		{"家計", "みずほ銀行"},
		{"work alice", "GitHub,Slack"},
		{"work slack", "Slack"},
		{"gamer", "Steam"},
	} {
		v.search.SetText(tc.query)
		if got := issuersOf(v); got != tc.want {
			t.Errorf("search %q shows %s, want %s", tc.query, got, tc.want)
		}
	}
	v.search.SetText("slack")
	if r := rowOf(t, w, "Slack"); r.heading.Text != "work" {
		t.Errorf("a search result that starts a group has heading %q", r.heading.Text)
	}

	// Pinned accounts come first, under their own heading.
	v.search.SetText("")
	v.setPinned(v.accounts[3].ID, true) // Steam
	if got := issuersOf(v); got != "Steam,GitHub,Slack,みずほ銀行" {
		t.Fatalf("order after pinning: %s", got)
	}
	if r := rowOf(t, w, "Steam"); r.heading.Text != "Pinned" {
		t.Errorf("the pinned group's heading is %q", r.heading.Text)
	}
}

func TestNoHeadingsWithoutTags(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""},
		testAccount{"Steam", "gamer", otp.TOTP, 6, "ONSWG4TFOQYTEMZU"})
	v, w := open(t, store)
	v.setPinned(v.accounts[1].ID, true)
	for _, issuer := range []string{"GitHub", "Steam"} {
		if r := rowOf(t, w, issuer); r.heading.Visible() {
			t.Errorf("%s has a heading although no account has tags", issuer)
		}
	}
}

func TestSortSettingIsSavedAndApplied(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"Zoom", "z", otp.TOTP, 6, ""},
		testAccount{"amazon", "a", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"},
		testAccount{"GitHub", "g", otp.TOTP, 6, "ONSWG4TFOQYTEMZU"},
	)
	_, err := store.Update(func(vlt *vault.Vault) error {
		for i := range vlt.Accounts {
			vlt.Accounts[i].Created = at59.Add(time.Duration(i) * time.Hour)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	v, w := open(t, store)
	if got := issuersOf(v); got != "Zoom,amazon,GitHub" {
		t.Fatalf("default order: %s", got)
	}
	for _, tc := range []struct {
		label, pref, want string
	}{
		{"By service, A to Z", "issuer", "amazon,GitHub,Zoom"},
		{"Most recently added first", "newest", "GitHub,amazon,Zoom"},
		{"In the order they were added", "vault", "Zoom,amazon,GitHub"},
	} {
		v.showSettings()
		sels := selectsOf(w)
		sels[len(sels)-1].SetSelected(tc.label)
		tapTopButton(t, w, "Save")
		if got := v.prefs.String(prefListOrder); got != tc.pref {
			t.Errorf("%s: preference %q, want %q", tc.label, got, tc.pref)
		}
		if got := issuersOf(v); got != tc.want {
			t.Errorf("%s: order %s, want %s", tc.label, got, tc.want)
		}
	}
	// The preference is what a new window reads.
	v.prefs.SetString(prefListOrder, "issuer")
	v.reload()
	if got := issuersOf(v); got != "amazon,GitHub,Zoom" {
		t.Errorf("after reloading, order %s", got)
	}
	// An unknown preference is the vault's order.
	v.prefs.SetString(prefListOrder, "bogus")
	if v.listOrder() != vault.OrderVault {
		t.Errorf("unknown order preference gives %q", v.listOrder())
	}
}

func TestAccountTabInJapanese(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"みずほ銀行", "山田太郎", otp.TOTP, 6, ""})
	setTags(t, store, map[string][]string{"みずほ銀行": {"家計"}})
	v, w := open(t, store)
	v.getenv = func(k string) string { return map[string]string{"LANG": "ja_JP.UTF-8"}[k] }
	v.setLanguagePref(langAuto)
	requireText(t, w, "家計")
	v.openAccount(v.accounts[0].ID)
	requireText(t, w, "サービス", "ログイン ID", "タグ", "TOTP (時刻ベース)", "シークレット", "表示", "編集", "削除", "30 秒")
	tapButton(t, w, "編集")
	requireText(t, w, "アカウントの編集")
	v.showSettings()
	requireText(t, w, "アカウントの並び順", "追加した順")
	for _, s := range textsOf(w) {
		if strings.HasPrefix(s, "ui.") {
			t.Errorf("untranslated key %q", s)
		}
	}
}

// BenchmarkFilter5000 is one keystroke in the search box over 5,000
// accounts in three tag groups: folding the query, matching every account,
// the group headings and the list's refresh.
func BenchmarkFilter5000(b *testing.B) {
	benchFilter(b, func(i int) string { return []string{"work", "家計", "games"}[i%3] })
}

// BenchmarkFilter5000Groups is BenchmarkFilter5000 with a tag of its own
// for every account: 5,000 group headings.
func BenchmarkFilter5000Groups(b *testing.B) {
	benchFilter(b, func(i int) string { return fmt.Sprint("tag", i) })
}

func benchFilter(b *testing.B, tagOf func(i int) string) {
	store := newStore(b, nil)
	_, err := store.Update(func(vlt *vault.Vault) error {
		key, _ := otp.NewKey(otp.TOTP, rfcSecret, otp.SHA1, 6, 30, 0)
		for i := range 5000 {
			a, err := vault.NewAccount(fmt.Sprintf("サービス%d Example", i), fmt.Sprintf("user%d@example.com", i), key, at59)
			if err != nil {
				return err
			}
			a.Tags = []string{tagOf(i)}
			vlt.Accounts = append(vlt.Accounts, a) // Add refuses the same key twice
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	v, _ := open(b, store)
	if len(v.shown) != 5000 {
		b.Fatalf("%d accounts shown", len(v.shown))
	}
	queries := []string{"4", "42", "42 家", "ｗｏｒｋ", ""}
	for i := 0; b.Loop(); i++ {
		v.query = queries[i%len(queries)]
		v.filter()
	}
}

func TestIdleLockHidesARevealedSecret(t *testing.T) {
	store := newStore(t, nil) // a key file, so there is a passphrase
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	id := v.accounts[0].ID
	v.openAccount(id)
	tapButton(t, w, "Reveal")
	requireText(t, w, groupSecret(rfcSecret))
	tapButton(t, w, "Copy secret")
	tapButton(t, w, "Edit")
	form := v.editForm // the lock drops the view's own reference to it
	v.now = func() time.Time { return at59.Add(v.idleLockDelay()) }
	v.tick()
	if v.mode != modeLocked || len(v.pages) != 0 {
		t.Fatalf("an idle window on an account's page did not lock: mode %d", v.mode)
	}
	if hasText(w, groupSecret(rfcSecret)) || hasText(w, "GitHub") {
		t.Errorf("the locked window still shows the account: %q", textsOf(w))
	}
	if got := v.app.Clipboard().Content(); got != "" {
		t.Errorf("locking left the secret on the clipboard: %q", got)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the edit dialog stays over the locked screen")
	}
	// Its Save, had it stayed, changes nothing and does not fail.
	v.submitEdit(id, form)
}

func TestNewHeadingsKeepTheScrollPosition(t *testing.T) {
	for _, tc := range []struct {
		name    string
		perTag  int  // accounts with each tag
		newList bool // pinning the last account changes so many headings that the list is made anew
	}{
		{"a few headings move", 10, false},
		{"many headings move", 2, true},
	} {
		store := newStore(t, nil)
		var accts []testAccount
		tags := map[string][]string{}
		for i := range 30 {
			issuer := fmt.Sprintf("Service %02d", i)
			accts = append(accts, testAccount{issuer, "user", otp.TOTP, 6, base32.StdEncoding.EncodeToString(fmt.Appendf(nil, "secret%04d", i))})
			tags[issuer] = []string{fmt.Sprintf("group %02d", i/tc.perTag)}
		}
		addAccounts(t, store, accts...)
		setTags(t, store, tags)
		v, w := open(t, store)
		v.list.ScrollToOffset(600)
		before := v.list.GetScrollOffset()
		if before == 0 {
			t.Fatal("the list does not scroll")
		}
		old := v.list
		v.setPinned(v.accounts[29].ID, true) // a new "Pinned" group: the headings move
		if got := v.list != old; got != tc.newList {
			t.Errorf("%s: new list %v, want %v", tc.name, got, tc.newList)
		}
		if got := v.list.GetScrollOffset(); got != before {
			t.Errorf("%s: the scroll position went from %v to %v", tc.name, before, got)
		}
		// The rows on screen are those at the scroll position, with the
		// headings of their groups, and taller for them.
		var rows, tall, short int
		for _, o := range test.LaidOutObjects(w.Content()) {
			r, ok := o.(*accountRow)
			if !ok {
				continue
			}
			rows++
			var i int
			fmt.Sscanf(r.acct.Issuer, "Service %d", &i)
			want := ""
			if i%tc.perTag == 0 {
				want = fmt.Sprintf("group %02d", i/tc.perTag)
			}
			if i < 5 || i == 29 {
				t.Errorf("%s: %s shows at the scroll position", tc.name, r.acct.Issuer)
			}
			if r.heading.Text != want || r.heading.Visible() != (want != "") {
				t.Errorf("%s: %s has the heading %q, want %q", tc.name, r.acct.Issuer, r.heading.Text, want)
			}
			if want == "" {
				short = int(r.Size().Height)
			} else {
				tall = int(r.Size().Height)
			}
		}
		if rows == 0 || tall <= short {
			t.Errorf("%s: %d rows; a row with a heading is %d high, one without %d", tc.name, rows, tall, short)
		}
	}
}

// TestRevealedSecretIsDrawn compares what the window draws after Reveal
// with what it draws once everything is refreshed: a label that is given
// new text but not laid out again keeps showing the old one.
func TestRevealedSecretIsDrawn(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.openAccount(v.accounts[0].ID)
	capture := func() []byte {
		// Not the capture itself but this sample is when Fyne may clean
		// its render cache (see sampleRenderClock): the capture then draws
		// the window as it is, whenever the last cleaning was.
		sampleRenderClock(v.app)
		var b bytes.Buffer
		if err := png.Encode(&b, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	w.Content().Refresh() // a page's first drawing may differ from later ones
	hidden := capture()
	tapButton(t, w, "Reveal")
	revealed := capture()
	if bytes.Equal(hidden, revealed) {
		t.Fatal("Reveal changed nothing on screen")
	}
	w.Content().Refresh()
	if !bytes.Equal(revealed, capture()) {
		t.Error("the window does not draw the revealed secret until it is refreshed")
	}
}
