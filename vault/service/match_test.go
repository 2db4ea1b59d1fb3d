package service

import (
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	d := New()
	cases := []struct {
		issuer, name string
		want         string // main domain; "" for no match
	}{
		// English names, any case, width or punctuation.
		{"GitHub", "alice", "github.com"},
		{"github", "alice", "github.com"},
		{"ＧｉｔＨｕｂ", "alice", "github.com"},
		{"Amazon", "alice@example.com", "amazon.com"},
		{"Amazon Web Services", "root", "aws.amazon.com"},
		{"X (Twitter)", "alice", "x.com"},
		{"Twitter", "@alice", "x.com"},
		{"Yahoo", "alice", "yahoo.com"},
		{"Dropbox", "alice@gmail.com", "dropbox.com"},
		// A region tag is not needed when only one service has the name.
		{"Mercari", "alice", "jp.mercari.com"},
		// Japanese names from the reviewed table, in katakana, hiragana,
		// half-width and full-width.
		{"楽天", "alice", "rakuten.com"},
		{"楽天モバイル", "alice", "network.mobile.rakuten.co.jp"},
		{"メルカリ", "alice", "jp.mercari.com"},
		{"めるかり", "alice", "jp.mercari.com"},
		{"ﾒﾙｶﾘ", "alice", "jp.mercari.com"},
		{"ヤフー", "alice", "yahoo.co.jp"},
		{"Yahoo! JAPAN", "alice", "yahoo.co.jp"},
		{"YAHOO JAPAN", "alice", "yahoo.co.jp"},
		{"Ｙａｈｏｏ！　ＪＡＰＡＮ", "alice", "yahoo.co.jp"},
		{"LINE", "alice", "line.me"},
		{"PayPay", "090", "paypay.ne.jp"},
		{"ペイペイ", "090", "paypay.ne.jp"},
		{"au", "alice", "au.com"},
		{"au ID", "alice", "au.com"},
		{"三菱UFJ銀行", "1234567", "bk.mufg.jp"},
		{"三井住友銀行", "1234567", "smbc.co.jp"},
		{"みずほ銀行", "1234567", "mizuhobank.co.jp"},
		{"ニンテンドー", "alice", "accounts.nintendo.com"},
		{"Nintendo", "alice", "accounts.nintendo.com"},
		{"PlayStation", "alice", "playstation.com"},
		{"プレイステーション", "alice", "playstation.com"},
		{"ソニー銀行", "alice", "moneykit.net"},
		{"アマゾン", "alice", "amazon.com"},
		// Domains: as issuer, in a URL or bare domain in the name, an
		// e-mail domain when there is no issuer, and the most specific
		// domain wins.
		{"github.com", "alice", "github.com"},
		{"Amazon.co.jp", "alice", "amazon.com"},
		{"", "https://github.com/login", "github.com"},
		{"", "signin.aws.amazon.com", "aws.amazon.com"},
		{"", "alice@mercari.com", ""}, // not the directory's domain jp.mercari.com nor under it
		{"", "bob@dropbox.com", "dropbox.com"},
		{"Dropbox", "https://www.dropbox.com/", "dropbox.com"},
		// With no issuer, the name is tried as one.
		{"", "GitHub", "github.com"},
		{"", "メルカリ", "jp.mercari.com"},

		// Must NOT match.
		{"", "", ""},
		{"", "alice", ""},
		{"Acme Intranet", "alice", ""},
		// Google's products are listed, the Google account is not.
		{"Google", "alice@gmail.com", ""},
		{"", "https://accounts.google.com", ""},
		// An e-mail address at a mail provider says nothing.
		{"", "alice@gmail.com", ""},
		{"", "alice@yahoo.co.jp", ""},
		{"", "alice@docomo.ne.jp", ""},
		// An e-mail domain does not overrule an issuer that names nothing.
		{"Acme", "bob@dropbox.com", ""},
		// Issuer and domain naming two services: none rather than a guess.
		{"GitHub", "https://www.dropbox.com", ""},
		// Parts of names, and names of several services, are not matches.
		{"Git", "alice", ""},
		{"Amazon Japan", "alice", ""},
		{"楽天銀行", "alice", ""},
		{"楽天証券", "alice", ""},
		{"三井住友", "alice", ""},
		{"三井住友カード", "alice", ""},
		{"三菱UFJ", "alice", ""},
		{"みずほ", "alice", ""},
		{"みずほ証券", "alice", ""},
		{"ソニー", "alice", ""},
		{"Sony", "alice", ""},
		{"ドコモ", "alice", ""},
		{"ソフトバンク", "alice", ""},
		{"ゆうちょ銀行", "alice", ""},
		{"LINEヤフー", "alice", ""},
		{"ライン", "alice", ""},
		{"A", "alice", ""},
		{"あ", "alice", ""},
		{"!!", "alice", ""},
		{"192.168.1.1", "admin", ""},
		{"", "http://localhost:8080", ""},
		{"", "corp.internal", ""},
	}
	for _, c := range cases {
		got, ok := d.Match(c.issuer, c.name)
		if c.want == "" {
			if ok {
				t.Errorf("Match(%q, %q) = %s (%s), want no match", c.issuer, c.name, got.Name, got.Domain)
			}
			continue
		}
		if !ok || got.Domain != c.want {
			t.Errorf("Match(%q, %q) = %q, %v; want %s", c.issuer, c.name, got.Domain, ok, c.want)
		}
	}
}

// Every name of the Japanese table leads to its service, and the index
// refuses a table entry for a service the directory lacks.
func TestJapaneseNames(t *testing.T) {
	d := New()
	for _, jn := range japaneseNames {
		name, domain := jn.name, jn.domain
		got, ok := d.Match(name, "")
		if !ok || got.Domain != domain {
			t.Errorf("Match(%q) = %q, %v; want %s", name, got.Domain, ok, domain)
		}
	}
	bad := &Directory{raw: "Rakuten\trakuten.com\t\t\t\t\t\t\t\n"}
	if err := bad.load(); err == nil || !strings.Contains(err.Error(), "not in the directory") {
		t.Errorf("a table name for a missing service: err = %v", err)
	}
	if got := bad.Len(); got != 0 {
		t.Errorf("a directory that failed to load has %d services", got)
	}
}

func TestForAccount(t *testing.T) {
	d := New()
	cases := []struct {
		choice, issuer  string
		want            string
		confirmed, isOK bool
	}{
		{"", "GitHub", "github.com", false, true},
		{"", "Acme", "", false, false},
		{None, "GitHub", "", true, false},
		{"dropbox.com", "GitHub", "dropbox.com", true, true},
		{"gone.example", "GitHub", "", true, false},
	}
	for _, c := range cases {
		s, confirmed, ok := d.ForAccount(c.choice, c.issuer, "alice")
		if s.Domain != c.want || confirmed != c.confirmed || ok != c.isOK {
			t.Errorf("ForAccount(%q, %q) = %q, %v, %v; want %q, %v, %v", c.choice, c.issuer, s.Domain, confirmed, ok, c.want, c.confirmed, c.isOK)
		}
	}
}

func TestFind(t *testing.T) {
	d := New()
	names := func(ss []Service) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = s.Name
		}
		return out
	}
	cases := []struct {
		query string
		want  []string // the first names, in order
		count int      // -1: any count ≥ len(want)
	}{
		{"github", []string{"GitHub"}, 1},
		{"メルカリ", []string{"Mercari [JP]"}, 1},
		{"amazon.co.jp", []string{"Amazon"}, 1},
		{"https://aws.amazon.com/console", []string{"Amazon Web Services"}, 1},
		{"amazo", []string{"Amazon", "Amazon Pay", "Amazon Web Services"}, 3},
		{"google dri", []string{"Google Drive"}, 1},
		{"yahoo", []string{"Yahoo"}, 1},
		{"x", nil, 0},
		{"zzzzqqq", nil, 0},
	}
	for _, c := range cases {
		got, err := d.Find(c.query)
		if err != nil {
			t.Fatal(err)
		}
		n := names(got)
		if c.count >= 0 && len(n) != c.count || len(n) < len(c.want) {
			t.Errorf("Find(%q) = %q, want %d results starting %q", c.query, n, c.count, c.want)
			continue
		}
		for i, w := range c.want {
			if n[i] != w {
				t.Errorf("Find(%q) = %q, want %q first", c.query, n, c.want)
				break
			}
		}
	}
}

func TestSuggest(t *testing.T) {
	d := New()
	got := d.Suggest("めるか", 5)
	if len(got) != 1 || got[0].Domain != "jp.mercari.com" {
		t.Errorf("Suggest(めるか) = %v", got)
	}
	got = d.Suggest("Git", 3)
	if len(got) == 0 || len(got) > 3 || got[0].Name != "GitHub" && !strings.HasPrefix(strings.ToLower(got[0].Name), "git") {
		t.Errorf("Suggest(Git) = %v", got)
	}
	for _, s := range got {
		if !strings.HasPrefix(strings.ToLower(s.Name), "git") {
			t.Errorf("Suggest(Git) offers %q", s.Name)
		}
	}
	if got := d.Suggest("g", 5); got != nil {
		t.Errorf("one letter suggests %v", got)
	}
}
