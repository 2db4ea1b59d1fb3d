package usecase

import (
	"strings"
	"testing"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault/passphrase"
)

// say renders a verdict the way the front-ends do.
func say(t *testing.T, c *assets.Catalog, v PassphraseVerdict) string {
	t.Helper()
	var parts []string
	for _, m := range v.Says {
		if !c.Has(m.ID) {
			t.Errorf("%s has no %s text %q", c.Lang(), c.Lang(), m.ID)
		}
		parts = append(parts, c.T(m.ID, m.Data))
	}
	return strings.Join(parts, " ")
}

func TestCheckPassphraseSaysWhy(t *testing.T) {
	en, _ := assets.LoadCatalog(assets.LangEnglish)
	ja, _ := assets.LoadCatalog(assets.LangJapanese)
	for _, tc := range []struct {
		pass     string
		ok       bool
		en, ja   string
		noneOfEN string
	}{
		{"", false, "Type a passphrase.", "パスフレーズを入力してください。", "guess"},
		{"password123", false, "one of the passwords people use most. Someone with the encrypted file and a thousand computers would guess it at once.", "よく使われるパスワード", "weak"},
		{"19850412", false, "It contains a date", "日付", "weak"},
		{"aaaaaaaaaaaa", false, "repeats characters", "繰り返して", "weak"},
		{"qazwsxedc", false, "one of the passwords", "よく使われるパスワード", "weak"},
		{"zxcvbnm,./", false, "neighbouring keys", "隣り合うキー", "weak"},
		{"typed pass", false, "common words", "よく使われる単語", "weak"},
		{"わたしのなまえ", false, "Too short", "短すぎて", "weak"},
		{"ぱすわーど", false, "one of the passwords", "よく使われるパスワード", "weak"},
		{"correct horse battery staple", true, "Strong enough. Someone with the encrypted file and a thousand computers would guess it in about 1000000 centuries.", "十分な強さです。", "refused"},
		{"わたしのなまえはまもりです", true, "Strong enough.", "十分な強さです。", "refused"},
	} {
		v := CheckPassphrase(tc.pass, 0)
		if v.OK != tc.ok {
			t.Errorf("CheckPassphrase(%q).OK = %v, want %v", tc.pass, v.OK, tc.ok)
		}
		if got := say(t, en, v); !strings.Contains(got, tc.en) || strings.Contains(strings.ToLower(got), tc.noneOfEN) {
			t.Errorf("CheckPassphrase(%q) in English: %q, want %q (and never %q)", tc.pass, got, tc.en, tc.noneOfEN)
		}
		if got := say(t, ja, v); !strings.Contains(got, tc.ja) {
			t.Errorf("CheckPassphrase(%q) in Japanese: %q, want %q", tc.pass, got, tc.ja)
		}
		if !v.OK && (v.Says[0].Hint == nil || !ja.Has(v.Says[0].Hint.ID)) {
			t.Errorf("CheckPassphrase(%q): a refusal without advice", tc.pass)
		}
	}
}

// TestGuessTimeReadsNaturally renders every unit, singular and plural.
func TestGuessTimeReadsNaturally(t *testing.T) {
	en, _ := assets.LoadCatalog(assets.LangEnglish)
	ja, _ := assets.LoadCatalog(assets.LangJapanese)
	for _, tc := range []struct {
		e      passphrase.Estimate
		en, ja string
	}{
		{passphrase.Estimate{Unit: passphrase.Instantly}, "guess it at once.", "一瞬で"},
		{passphrase.Estimate{N: 1, Unit: passphrase.Seconds}, "in about 1 second.", "約 1 秒で"},
		{passphrase.Estimate{N: 40, Unit: passphrase.Minutes}, "in about 40 minutes.", "約 40 分で"},
		{passphrase.Estimate{N: 1, Unit: passphrase.Hours}, "in about 1 hour.", "約 1 時間で"},
		{passphrase.Estimate{N: 3, Unit: passphrase.Days}, "in about 3 days.", "約 3 日で"},
		{passphrase.Estimate{N: 2, Unit: passphrase.Months}, "in about 2 months.", "約 2 か月で"},
		{passphrase.Estimate{N: 1, Unit: passphrase.Years}, "in about 1 year.", "約 1 年で"},
		{passphrase.Estimate{N: 1, Unit: passphrase.Centuries}, "in about 1 century.", "約 1 世紀で"},
		{passphrase.Estimate{N: 5, Unit: passphrase.Centuries}, "in about 5 centuries.", "約 5 世紀で"},
	} {
		d := map[string]any{"N": tc.e.N, "Unit": unitName(tc.e.Unit)}
		if got := en.T("passphrase.guess_time", d); !strings.HasSuffix(got, tc.en) {
			t.Errorf("%+v in English: %q, want …%q", tc.e, got, tc.en)
		}
		if got := ja.T("passphrase.guess_time", d); !strings.Contains(got, tc.ja) {
			t.Errorf("%+v in Japanese: %q, want %q", tc.e, got, tc.ja)
		}
	}
}
