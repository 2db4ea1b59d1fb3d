package ui

import (
	"image/png"
	"os"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/recovery"
)

// entryAfter returns the first visible entry after the label showing text.
func entryUnderLabel(t *testing.T, w fyne.Window, text string) *widget.Entry {
	t.Helper()
	found := false
	for _, o := range objectsShown(w) {
		if l, ok := o.(*widget.Label); ok && l.Text == text {
			found = true
		}
		if e, ok := asEntry(o); ok && found {
			return e
		}
	}
	t.Fatalf("no entry after %q; the window shows %q", text, textsOf(w))
	return nil
}

func savedRecovery(t *testing.T, store *vault.Store, id string) recovery.Info {
	t.Helper()
	vlt, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	return vlt.Account(id).Recovery
}

// fullRecoveryInfo has every field of recovery.Info filled in.
var fullRecoveryInfo = recovery.Info{
	UserName:          "taro_2016",
	UserNumber:        "U-1234567",
	PublicName:        "たろう",
	RegisteredName:    "山田 太郎",
	LoginEmail:        "taro@example.com",
	Address:           "東京都千代田区1-1\nメゾン101",
	CardLast4:         "4242",
	Registered:        "2016-04",
	AccountCode:       "AC-9F3K",
	OwnerCode:         "OWN-77QZ",
	InvitationKeys:    []string{"INV-1111", "INV-2222"},
	RegisterProviders: []string{"NTT フレッツ光"},
	LoginProviders:    []string{"docomo", "自宅の光回線"},
	TwoFactorMethods:  []string{recovery.MethodTOTP, recovery.MethodSMS, "郵送のカード"},
	SupportPhone:      "0120-000-000",
	SupportHours:      "平日 9:00〜18:00",
	SupportURL:        "https://example.com/support",
	Notes:             "最後のログインは2024年10月。\n機種変更でアプリが消えた。",
}

func TestRecoveryFormSavesAndReloadsEveryField(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"Example", "taro", otp.TOTP, 6, ""})
	v, w := open(t, store)
	id := v.accounts[0].ID
	openTabOf(t, v, w, id, "Recovery")
	requireText(t, w, "There is deliberately no password field.")
	// No field is for a password, in either language.
	for _, lang := range []string{assets.LangEnglish, assets.LangJapanese} {
		msg, err := assets.LoadCatalog(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range recoverySections() {
			for _, f := range s.fields {
				if l := strings.ToLower(msg.T(f.label)); strings.Contains(l, "password") || strings.Contains(l, "パスワード") {
					t.Errorf("field %q is for a password", l)
				}
			}
		}
	}

	msg := v.msg
	set := func(key, text string) { entryUnderLabel(t, w, msg.T(key)).SetText(text) }
	f := fullRecoveryInfo
	set("ui.recovery.user_number", f.UserNumber)
	set("ui.recovery.user_name", f.UserName)
	set("ui.recovery.public_name", f.PublicName)
	set("ui.recovery.registered", f.Registered)
	set("ui.recovery.account_code", f.AccountCode)
	set("ui.recovery.owner_code", f.OwnerCode)
	set("ui.recovery.invitation_keys", strings.Join(f.InvitationKeys, "\n")+"\n\n")
	set("ui.recovery.registered_name", f.RegisteredName)
	set("ui.recovery.login_email", "  "+f.LoginEmail+" ")
	set("ui.recovery.address", f.Address)
	set("ui.recovery.card_digits", "４２４２") // full width, from an input method
	set("ui.recovery.register_providers", strings.Join(f.RegisterProviders, "\n"))
	set("ui.recovery.login_providers", strings.Join(f.LoginProviders, "\n"))
	set("ui.recovery.methods.other", "郵送のカード")
	set("ui.recovery.support_phone", f.SupportPhone)
	set("ui.recovery.support_hours", f.SupportHours)
	set("ui.recovery.support_url", f.SupportURL)
	set("ui.recovery.notes", f.Notes)
	for _, o := range objectsShown(w) {
		if cg, ok := o.(*widget.CheckGroup); ok {
			cg.SetSelected([]string{msg.T("ui.recovery.method.sms"), msg.T("ui.recovery.method.totp")})
		}
	}
	// The codes are masked until revealed.
	if e := entryUnderLabel(t, w, msg.T("ui.recovery.account_code")); !e.Password {
		t.Error("the account-specific code is not masked")
	}

	requireFitsIn560(t, w)
	tapButton(t, w, "Save")
	requireText(t, w, "Recovery details saved.")
	if got := savedRecovery(t, store, id); !reflect.DeepEqual(got, fullRecoveryInfo) {
		t.Errorf("saved\n%#v\nwant\n%#v", got, fullRecoveryInfo)
	}

	// The rebuilt form shows what was saved, and saving it again changes
	// nothing.
	if got := entryUnderLabel(t, w, msg.T("ui.recovery.notes")).Text; got != f.Notes {
		t.Errorf("the form shows notes %q after saving", got)
	}
	tapButton(t, w, "Save")
	if got := savedRecovery(t, store, id); !reflect.DeepEqual(got, fullRecoveryInfo) {
		t.Errorf("saving the reloaded form changed it:\n%#v", got)
	}
}

func TestRecoveryFormRefusesBadInput(t *testing.T) {
	tests := []struct {
		label, text, want string
	}{
		{"ui.recovery.card_digits", "4242424242424242", "last 4 digits only"},
		{"ui.recovery.support_url", "example.com/help", "must start with http:// or https://"},
		{"ui.recovery.user_number", strings.Repeat("1", recovery.MaxFieldLen+1), "A field is too long"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			store := newStore(t, nil)
			addAccounts(t, store, testAccount{"Example", "taro", otp.TOTP, 6, ""})
			v, w := open(t, store)
			id := v.accounts[0].ID
			openTabOf(t, v, w, id, "Recovery")
			entryUnderLabel(t, w, v.msg.T("ui.recovery.public_name")).SetText("たろう")
			entryUnderLabel(t, w, v.msg.T(tt.label)).SetText(tt.text)
			tapButton(t, w, "Save")
			requireText(t, w, tt.want, "Nothing was saved.")
			if got := savedRecovery(t, store, id); !got.IsZero() {
				t.Errorf("refused details were saved: %#v", got)
			}
		})
	}
}

func TestRecoveryRequestInBothLanguages(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"Example", "taro", otp.TOTP, 6, ""})
	_, err := store.Update(func(vlt *vault.Vault) error {
		vlt.Accounts[0].Recovery = fullRecoveryInfo
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	v, w := open(t, store)
	id := v.accounts[0].ID
	openTabOf(t, v, w, id, "Recovery")
	tapButton(t, w, "Prepare a recovery request")
	requireFitsIn560(t, w)
	requireText(t, w, "Recovery request", "Support phone: 0120-000-000 (平日 9:00〜18:00)", "Support page: https://example.com/support")

	request := func() string {
		t.Helper()
		for _, e := range entriesIn(objectsShown(w)) {
			if e.MultiLine {
				return e.Text
			}
		}
		t.Fatal("no request text")
		return ""
	}
	details := []string{"Example: taro", "U-1234567", "たろう", "2016-04", "AC-9F3K", "OWN-77QZ", "INV-1111", "山田 太郎",
		"taro@example.com", "4242", "NTT フレッツ光", "docomo", "郵送のカード", "機種変更でアプリが消えた。"}
	en := request()
	for _, d := range append(details, "Request to restore access", "authenticator app (TOTP)") {
		if !strings.Contains(en, d) {
			t.Errorf("the English request lacks %q:\n%s", d, en)
		}
	}
	if en != recovery.Request(fullRecoveryInfo, "Example: taro", "en") {
		t.Error("the English request is not the domain's")
	}

	// Japanese, and the choice survives a rebuild.
	for _, o := range objectsShown(w) {
		if r, ok := o.(*widget.RadioGroup); ok {
			r.SetSelected("Japanese")
		}
	}
	ja := request()
	for _, d := range append(details, "件名：アカウント復旧のお願い", "認証アプリ（TOTP）") {
		if !strings.Contains(ja, d) {
			t.Errorf("the Japanese request lacks %q:\n%s", d, ja)
		}
	}
	v.rebuild()
	if got := request(); got != ja {
		t.Error("the language choice was lost when the page was rebuilt")
	}

	tapButton(t, w, "Copy")
	if got := v.app.Clipboard().Content(); got != ja {
		t.Errorf("copied %q", got)
	}
	if v.copiedCode != ja {
		t.Error("the copied request is not cleared from the clipboard later")
	}
	tapButton(t, w, "Back")
	requireText(t, w, v.msg.T("ui.recovery.prepare"))
}

func TestPrepareSavesEditsFirst(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"Example", "taro", otp.TOTP, 6, ""})
	v, w := open(t, store)
	id := v.accounts[0].ID
	openTabOf(t, v, w, id, "Recovery")
	entryUnderLabel(t, w, v.msg.T("ui.recovery.user_number")).SetText("U-42")
	tapButton(t, w, "Prepare a recovery request")
	if got := savedRecovery(t, store, id).UserNumber; got != "U-42" {
		t.Errorf("saved user number %q before preparing the request", got)
	}
	requireText(t, w, "Recovery request")
}

func TestBackupAndRecoveryTabsInJapanese(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"楽天証券", "山田太郎", otp.TOTP, 6, ""})
	_, err := store.Update(func(vlt *vault.Vault) error {
		a := &vlt.Accounts[0]
		a.Recovery = fullRecoveryInfo
		if err := a.Backup.Replace([]string{"1111 2222", "3333 4444", "5555 6666"}, at59); err != nil {
			return err
		}
		if err := a.Backup.Replace([]string{"7777 8888", "9999 0000", "1212 3434", "5656 7878"}, at59); err != nil {
			return err
		}
		return a.Backup.Use("7777 8888", at59)
	})
	if err != nil {
		t.Fatal(err)
	}
	v, w := open(t, store)
	if os.Getenv("MAMORI_CAPTURE") != "" {
		v.app.Settings().SetTheme(newTheme()) // the Japanese font
	}
	v.getenv = func(k string) string { return map[string]string{"LANG": "ja_JP.UTF-8"}[k] }
	v.setLanguagePref(langAuto)
	if v.msg.Lang() != assets.LangJapanese {
		t.Fatalf("language %q", v.msg.Lang())
	}
	id := v.accounts[0].ID
	noKeys := func(what string) {
		t.Helper()
		if m := w.Content().MinSize(); m.Width > 560 || m.Height > 560 {
			t.Errorf("%s needs %v, more than the 560×560 window", what, m)
		}
		for _, s := range textsOf(w) {
			if strings.Contains(s, "ui.") || strings.Contains(s, "<no value>") {
				t.Errorf("%s shows an untranslated text %q", what, s)
			}
		}
	}

	openTabOf(t, v, w, id, "バックアップ")
	requireText(t, w, "未使用のコード：4 個中 3 個", "未使用のコードが残り 3 個です", "次の未使用コードをコピー", "差し替えた一覧")
	openAllAccordions(w)
	noKeys("the Backup codes tab")
	captureTab(t, w, "/tmp/mamori-backup-ja.png")

	openTabOf(t, v, w, id, "復旧情報")
	requireText(t, w, "パスワードの欄はあえて設けていません。", "復旧依頼文を作成", "保存")
	noKeys("the Recovery details tab")
	captureTab(t, w, "/tmp/mamori-recovery-ja.png")

	tapButton(t, w, "復旧依頼文を作成")
	requireText(t, w, "復旧依頼文", "日本語", "英語", "コピー")
	noKeys("the recovery request")
	captureTab(t, w, "/tmp/mamori-request-ja.png")

	// An account with nothing recorded yet.
	v.closePages()
	addAccounts(t, store, testAccount{"GitHub", "taro", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"})
	v.load()
	for _, a := range v.accounts {
		if a.Issuer == "GitHub" {
			id = a.ID
		}
	}
	openTabOf(t, v, w, id, "バックアップ")
	requireText(t, w, "バックアップコードは未登録です", "コードを保存")
	noKeys("the empty Backup codes tab")
	openTabOf(t, v, w, id, "復旧情報")
	tapButton(t, w, "復旧依頼文を作成")
	requireText(t, w, "復旧用の情報がまだ登録されていないため")
	noKeys("an empty recovery request")
}

// capture writes the window as a PNG when MAMORI_CAPTURE is set, for a
// person to look at.
func captureTab(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	if os.Getenv("MAMORI_CAPTURE") == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
