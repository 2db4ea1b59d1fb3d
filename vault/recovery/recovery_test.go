package recovery

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// full is an Info with every field filled, as the seed's help centre and
// the Amazon support call ask for.
var full = Info{
	UserName:          "taro_y",
	UserNumber:        "1234567",
	PublicName:        "たろう",
	RegisteredName:    "山田 太郎",
	LoginEmail:        "taro@example.com",
	Address:           "〒100-0001\n東京都千代田区千代田1-1",
	CardLast4:         "１２３４",
	Registered:        "2016年春",
	AccountCode:       "AB12-CD34",
	OwnerCode:         "9876",
	InvitationKeys:    []string{"INV-1", "INV-2"},
	RegisterProviders: []string{"OCN (home)"},
	LoginProviders:    []string{"docomo", "OCN (home)"},
	TwoFactorMethods:  []string{"totp", "GRID-CARD", "magic link"},
	SupportPhone:      "0120-000-000, then 7",
	SupportHours:      "9:00-18:00 weekdays",
	SupportURL:        "https://example.com/support",
	Notes:             "Last signed in October 2024.\r\nLocked out after changing phones.",
}

func TestRequestGolden(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		for name, info := range map[string]Info{"full": full, "empty": {}} {
			got := Request(info, "Amazon: taro@example.com", lang)
			path := filepath.Join("testdata", "request-"+name+"."+lang+".txt")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("%s: Request differs from %s (run go test -update to accept)\n%s", lang, path, got)
			}
		}
	}
}

func TestRequestListsOnlyFilledFields(t *testing.T) {
	tests := []struct {
		set    func(*Info)
		value  string
		ja, en string
	}{
		{func(i *Info) { i.UserName = "u-name-x" }, "u-name-x", "ユーザー名", "User name"},
		{func(i *Info) { i.UserNumber = "9081726" }, "9081726", "ユーザー番号", "User number"},
		{func(i *Info) { i.PublicName = "pub-x" }, "pub-x", "公開名", "Public name"},
		{func(i *Info) { i.RegisteredName = "Hanako Sato" }, "Hanako Sato", "登録氏名", "Name:"},
		{func(i *Info) { i.LoginEmail = "h@example.org" }, "h@example.org", "ログイン用メールアドレス", "Login e-mail"},
		{func(i *Info) { i.Address = "1-2-3 Example" }, "1-2-3 Example", "登録住所", "Address"},
		{func(i *Info) { i.CardLast4 = "4321" }, "4321", "下4桁", "ending in"},
		{func(i *Info) { i.Registered = "2019-07" }, "2019-07", "登録日", "Registered"},
		{func(i *Info) { i.AccountCode = "ACX-77" }, "ACX-77", "アカウント固有のコード", "Account-specific code"},
		{func(i *Info) { i.OwnerCode = "OWN-55" }, "OWN-55", "アカウント所有者コード", "Account owner code"},
		{func(i *Info) { i.InvitationKeys = []string{"KEY-A"} }, "KEY-A", "招待キー", "Invitation keys"},
		{func(i *Info) { i.RegisterProviders = []string{"So-net"} }, "So-net", "登録時に使ったプロバイダ", "used to register"},
		{func(i *Info) { i.LoginProviders = []string{"au"} }, "au", "ログインに使ったプロバイダ", "used to sign in"},
		{func(i *Info) { i.TwoFactorMethods = []string{"hardware-token"} }, "hardware-token", "2段階認証", "Two-step verification"},
		{func(i *Info) { i.Notes = "note-x" }, "note-x", "■ 補足", "Additional notes"},
	}
	for _, tt := range tests {
		var info Info
		tt.set(&info)
		for lang, label := range map[string]string{"ja": tt.ja, "en": tt.en} {
			got := Request(info, "Service", lang)
			if !strings.Contains(got, tt.value) || !strings.Contains(got, label) {
				t.Errorf("%s: %q with label %q missing:\n%s", lang, tt.value, label, got)
			}
			// No other field's label appears.
			for _, other := range tests {
				ol := other.ja
				if lang == "en" {
					ol = other.en
				}
				if ol != label && strings.Contains(got, ol) {
					t.Errorf("%s: only %q set, but %q appears:\n%s", lang, tt.value, ol, got)
				}
			}
		}
	}
}

func TestRequestLeavesOutSupportContact(t *testing.T) {
	info := Info{UserNumber: "1", SupportPhone: "0120-111-222", SupportHours: "always", SupportURL: "https://support.example.com/"}
	for _, lang := range []string{"ja", "en"} {
		got := Request(info, "X", lang)
		for _, s := range []string{"0120-111-222", "always", "support.example.com"} {
			if strings.Contains(got, s) {
				t.Errorf("%s letter repeats the support contact %q", lang, s)
			}
		}
	}
}

func TestRequestLanguage(t *testing.T) {
	for lang, marker := range map[string]string{"ja": "件名", "ja-JP": "件名", "JA": "件名", "en": "Subject", "en-US": "Subject", "fr": "Subject", "": "Subject"} {
		if got := Request(Info{}, "X", lang); !strings.HasPrefix(got, marker) {
			t.Errorf("lang %q: %q", lang, got[:min(len(got), 30)])
		}
	}
}

func TestRequestSanitisesInput(t *testing.T) {
	info := Info{UserNumber: "12\n34\x00\u2028", Notes: "\n\n line one \r\n\r\n line\ttwo \n\n"}
	got := Request(info, "Evil\nSubject: injected", "en")
	if strings.Contains(got, "\nSubject: injected") || !strings.Contains(got, "(Evil Subject: injected)") {
		t.Errorf("label line break not removed:\n%s", got)
	}
	if !strings.Contains(got, "- User number: 12 34\n") {
		t.Errorf("field line break not removed:\n%s", got)
	}
	if !strings.Contains(got, "Additional notes\n  line one\n\n  line two\n") {
		t.Errorf("notes not tidied:\n%s", got)
	}
	if strings.Contains(got, "\x00") || strings.Contains(got, "\r") {
		t.Errorf("control characters in output: %q", got)
	}
	for _, l := range strings.Split(got, "\n") {
		if strings.TrimRight(l, " ") != l {
			t.Errorf("trailing space in %q", l)
		}
	}
	if got := Request(Info{}, "  ", "ja"); !strings.Contains(got, "（-）") {
		t.Errorf("empty label: %s", got)
	}
}

// TestNoSecretFields guards the rule that recovery details never hold a
// password or any other secret: support never needs one, and a request
// must be safe to send by e-mail.
func TestNoSecretFields(t *testing.T) {
	typ := reflect.TypeOf(Info{})
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		name := strings.ToLower(f.Name + " " + f.Tag.Get("json"))
		for _, bad := range []string{"pass", "pw", "secret", "seed", "totp", "otp", "backup", "pin", "cvv", "cvc", "card_number", "cardnumber"} {
			if strings.Contains(name, bad) {
				t.Errorf("Info.%s looks like a secret (%q)", f.Name, bad)
			}
		}
	}
}

func TestCleanAndValidate(t *testing.T) {
	c := Info{
		UserName:       "  taro \t y ",
		CardLast4:      " ５６７８ ",
		InvitationKeys: []string{" a ", "", "a", "b"},
		Address:        "\r\n 1-1 Chiyoda \r\n\r\n Tokyo \n",
	}.Clean()
	want := Info{UserName: "taro y", CardLast4: "5678", InvitationKeys: []string{"a", "b"}, Address: "1-1 Chiyoda\n\nTokyo"}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("Clean = %#v", c)
	}
	if err := full.Clean().Validate(); err != nil {
		t.Fatalf("full info: %v", err)
	}
	long := strings.Repeat("x", MaxFieldLen+1)
	tests := []struct {
		info Info
		err  error
	}{
		{Info{CardLast4: "4111111111111111"}, ErrCardDigits},
		{Info{CardLast4: "123"}, ErrCardDigits},
		{Info{CardLast4: "12a4"}, ErrCardDigits},
		{Info{CardLast4: "１２３４"}, nil},
		{Info{SupportURL: "javascript:alert(1)"}, ErrBadURL},
		{Info{SupportURL: "example.com/help"}, ErrBadURL},
		{Info{SupportURL: "http://"}, ErrBadURL},
		{Info{SupportURL: "https://s.example.com/msend/"}, nil},
		{Info{UserName: long}, ErrTooLong},
		{Info{Notes: strings.Repeat("あ", MaxNotesLen+1)}, ErrTooLong},
		{Info{Notes: strings.Repeat("あ", MaxNotesLen)}, nil},
		{Info{LoginProviders: make([]string, MaxListLen+1)}, ErrTooLong},
		{Info{TwoFactorMethods: []string{long}}, ErrTooLong},
	}
	for _, tt := range tests {
		err := tt.info.Validate()
		if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
			t.Errorf("Validate(%+v) = %v, want %v", tt.info, err, tt.err)
		}
	}
}

func TestIsZeroAndJSON(t *testing.T) {
	if !(Info{}).IsZero() || !(Info{Notes: "  \n "}).IsZero() || (Info{SupportURL: "https://x.example"}).IsZero() || full.IsZero() {
		t.Fatal("IsZero wrong")
	}
	b, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	var back Info
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, full) {
		t.Fatalf("round trip: %+v", back)
	}
	if b, _ := json.Marshal(Info{UserNumber: "1"}); string(b) != `{"user_number":"1"}` {
		t.Fatalf("empty fields not omitted: %s", b)
	}
	type account struct {
		Recovery Info `json:"recovery,omitzero"`
	}
	if b, _ := json.Marshal(account{}); string(b) != "{}" {
		t.Fatalf("zero info not omitted: %s", b)
	}
}
