package ui

import (
	"fmt"
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/service"
)

// bindSMS binds an SMS number to the accounts with the given issuers and
// takes their OTP keys away (they sign in by SMS).
func bindSMS(t *testing.T, store *vault.Store, issuers ...string) {
	t.Helper()
	if _, err := store.Update(func(v *vault.Vault) error {
		for i := range v.Accounts {
			for _, is := range issuers {
				if v.Accounts[i].Issuer == is {
					v.Accounts[i].OTP = otp.Key{}
					v.Accounts[i].Phones = []phone.Binding{{Number: "+819012345678", Role: phone.RoleSMS}}
				}
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

func storedService(t *testing.T, store *vault.Store, issuer string) string {
	t.Helper()
	v, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range v.Accounts {
		if a.Issuer == issuer {
			return a.Service
		}
	}
	t.Fatalf("no account %q", issuer)
	return ""
}

func hyperlinks(w fyne.Window) map[string]string {
	out := map[string]string{}
	for _, h := range widgetsShown[*widget.Hyperlink](w) {
		out[h.Text] = h.URL.String()
	}
	return out
}

// The account page says what the account's service offers, links its 2FA
// and recovery help, gives the readiness advice, and confirms or changes
// the match through usecase.SetAccountService.
func TestAccountPageShowsTheService(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice", otp.TOTP, 6, ""},
		testAccount{"Acme Intranet", "bob", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"})
	bindSMS(t, store, "GitHub")
	dir := service.New()
	gh, _ := dir.ByDomain("github.com")
	v, w := open(t, store)

	v.openAccount(v.vault.Accounts[0].ID)
	requireText(t, w, "Service info", "GitHub", "Matched by Mamori",
		"Second steps it offers: authenticator app, security key or passkey, its own app (GitHub Mobile), SMS",
		"the service offers an authenticator app or a security key. Switch, then keep the backup codes.")
	links := hyperlinks(w)
	if links["2FA help"] != gh.Docs || links["Recovery help"] != gh.Recovery {
		t.Errorf("links = %v", links)
	}
	tapButton(t, w, "Confirm")
	if got := storedService(t, store, "GitHub"); got != "github.com" {
		t.Fatalf("after Confirm the vault holds %q", got)
	}
	requireText(t, w, "Confirmed by you.")
	if hasText(w, "Matched by Mamori") {
		t.Error("the page still says the match is Mamori's")
	}

	// Change it: search the directory and pick one.
	tapButton(t, w, "Change…")
	search := entryByPlaceholder(t, w, "Service name or domain")
	if search.Text != "GitHub" {
		t.Errorf("the search starts from %q, want the issuer", search.Text)
	}
	search.SetText("")
	test.Type(search, "dropbox.com")
	lists := widgetsShown[*widget.List](w)
	if len(lists) == 0 {
		t.Fatal("no result list in the dialog")
	}
	lists[len(lists)-1].Select(0)
	if got := storedService(t, store, "GitHub"); got != "dropbox.com" {
		t.Fatalf("after choosing Dropbox the vault holds %q", got)
	}
	requireText(t, w, "Dropbox", "Confirmed by you.")

	// No known service, then back to automatic.
	tapButton(t, w, "Change…")
	tapButton(t, w, "No known service")
	if got := storedService(t, store, "GitHub"); got != service.None {
		t.Fatalf("after No known service the vault holds %q", got)
	}
	requireText(t, w, "You said this account is with no service Mamori knows.")
	tapButton(t, w, "Change…")
	tapButton(t, w, "Match automatically")
	if got := storedService(t, store, "GitHub"); got != "" {
		t.Fatalf("after Match automatically the vault holds %q", got)
	}
	requireText(t, w, "Matched by Mamori")

	// An account Mamori cannot place says so, and links nothing.
	v.closePages()
	v.openAccount(v.vault.Accounts[1].ID)
	requireText(t, w, "Mamori does not know which service this is.")
	if links := hyperlinks(w); len(links) != 0 {
		t.Errorf("an unknown service links %v", links)
	}
}

func TestAccountPageServiceInJapanese(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"メルカリ", "taro", otp.TOTP, 6, ""})
	bindSMS(t, store, "メルカリ")
	v, w := open(t, store)
	v.prefs.SetString(prefLanguage, "ja")
	v.applyLanguage()
	v.rebuild()
	v.openAccount(v.vault.Accounts[0].ID)
	requireText(t, w, "サービス情報", "Mercari [JP]", "提供している2段階認証：SMS、電話", "この電話番号を解約せずに維持し")
}

// The readiness tool lists the service findings with the others.
func TestReadinessListsServiceFindings(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""}, testAccount{"PayPay", "taro", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"})
	bindSMS(t, store, "GitHub", "PayPay")
	v, w := open(t, store)
	phOpenTool(t, v, "ui.tool.readiness")
	requireText(t, w, "Switch, then keep the backup codes.", "Keep this phone number alive and hold backup codes.")
}

// The add form says which service the issuer being typed is.
func TestAddSuggestsTheService(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"Example", "bob", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.showAdd()
	issuer := v.addForm.issuer
	test.Type(issuer, "めるかり")
	requireText(t, w, "Service:", "Mercari [JP]")
	issuer.SetText("")
	test.Type(issuer, "Dropb")
	tapButton(t, w, "Dropbox")
	if issuer.Text != "Dropbox" {
		t.Errorf("picking Dropbox left the issuer %q", issuer.Text)
	}
	requireText(t, w, "Service:")
}

// The list shows a matched account's brand icon instead of its letter, one
// resource per icon and colour however many rows show it; an unknown
// service keeps the letter.
func TestListShowsServiceIcons(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice", otp.TOTP, 6, ""},
		testAccount{"GitHub", "bob", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"},
		testAccount{"Acme Intranet", "carol", otp.TOTP, 6, "GEZDGNBVGY3TQOJQ"})
	v, w := open(t, store)
	v.tick()
	var logos []image.Image
	badges := 0
	for _, r := range widgetsShown[*accountRow](w) {
		if !r.logo.Hidden {
			logos = append(logos, r.logo.Image)
			if !r.badge.Hidden {
				t.Error("a row shows both the icon and the letter")
			}
		} else if !r.badge.Hidden {
			badges++
		}
	}
	if len(logos) != 2 || badges != 1 {
		t.Fatalf("%d icons and %d letters, want 2 and 1", len(logos), badges)
	}
	if logos[0] != logos[1] || logos[0] == nil || logos[0].Bounds().Dx() != logoPixels {
		t.Errorf("icons %v", logos)
	}
	// The icon is drawn: GitHub's mark is in the theme's foreground colour
	// (its brand colour, near black, does not stand out on the dark
	// background), the corners are transparent.
	img := logos[0].(*image.NRGBA)
	if c := img.NRGBAAt(logoPixels/2, logoPixels/5); c.A < 200 {
		t.Errorf("the icon's top middle is %v, want drawn", c)
	}
	if c := img.NRGBAAt(0, 0); c.A != 0 {
		t.Errorf("the icon's corner is %v, want transparent", c)
	}
}

// BenchmarkRowSet500 is what a second of the list costs with 500 accounts
// on screen: each row set again, as the ticker and scrolling do. "letters"
// are accounts of no known service (the letter avatar), "icons" accounts
// of services with brand icons, matched and their icons made before the
// timing starts, as after the first second.
func BenchmarkRowSet500(b *testing.B) {
	issuers := map[string][]string{
		"letters": {"Acme Intranet", "社内システム", "Example Corp"},
		"icons":   {"GitHub", "Dropbox", "PayPay"},
	}
	for _, name := range []string{"letters", "icons"} {
		b.Run(name, func(b *testing.B) {
			store := newStore(b, nil)
			v, _ := open(b, store)
			key, _ := otp.NewKey(otp.TOTP, rfcSecret, otp.SHA1, 6, 30, 0)
			accts := make([]vault.Account, 500)
			for i := range accts {
				a, err := vault.NewAccount(issuers[name][i%3], fmt.Sprint("user", i), key, at59)
				if err != nil {
					b.Fatal(err)
				}
				accts[i] = a
			}
			r := newAccountRow(v)
			test.WidgetRenderer(r)
			for _, a := range accts {
				r.set(a, at59)
			}
			for b.Loop() {
				for _, a := range accts {
					r.set(a, at59)
				}
			}
		})
	}
}

// A number change's checklist links each account's 2FA help, where the
// number is changed.
func TestNumberChangeChecklistLinksTheServices(t *testing.T) {
	store := newStore(t, nil)
	phChangeAccounts(t, store) // Amazon and GitHub on the old number
	v, w := open(t, store)
	phOpenTool(t, v, "ui.tool.phone_change")
	tapButton(t, w, "Record a number change")
	phEntry(t, w, phPage(w), "090-1234-5678").SetText("080-1234-5607")
	phEntry(t, w, phPage(w), "Leave empty if there is no new number").SetText("090-8765-4321")
	tapButton(t, w, "Record and show the checklist")
	dir := service.New()
	amazon, _ := dir.ByDomain("amazon.com")
	gh, _ := dir.ByDomain("github.com")
	if amazon.Docs == "" || gh.Docs == "" {
		t.Fatal("the directory has no 2FA help for Amazon or GitHub")
	}
	links := hyperlinks(w)
	if links["Change the number at Amazon (2FA help)"] != amazon.Docs || links["Change the number at GitHub (2FA help)"] != gh.Docs {
		t.Errorf("links = %v", links)
	}
}
