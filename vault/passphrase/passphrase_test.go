package passphrase

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name, pass string
		ok         bool
		why        Reason // the first reason, when refused
	}{
		{"nothing typed", "", false, Empty},
		{"short", "abc", false, Sequence},
		{"short random", "x7Q!p", false, TooShort},
		{"common password", "password123", false, CommonPassword},
		{"common password, full width", "ｐａｓｓｗｏｒｄ", false, CommonPassword},
		{"common password with a year", "sakura2026", false, CommonPassword},
		{"a date", "19850412", false, Date},
		{"a date with a word", "1985-04-12 sakura", false, Date},
		{"repeated characters", "aaaaaaaaaaaa", false, Repeat},
		{"keyboard row", "qwertyuiopasdf", false, CommonPassword},
		{"keyboard pattern", "zxcvbnm,./", false, Keyboard},
		{"a name", "yamadataro", false, Name},
		{"two common words", "typed pass", false, CommonWord},
		{"a year", "hanako1990", false, CommonPassword},
		{"four words", "correct horse battery staple", true, 0},
		{"romaji phrase", "kawaru kotoba", true, 0},
		{"random", "x7Qp!9vLm2#r", true, 0},
		// Japanese: estimated, never refused for its script.
		{"kana, short", "わたしのなまえ", false, TooShort},
		{"kana phrase", "わたしのなまえはまもりです", true, 0},
		{"kanji phrase", "東京都渋谷区神南一丁目", true, 0},
		{"mixed phrase", "猫が好きな朝ごはんは卵焼き", true, 0},
		{"katakana password", "パスワード", false, CommonPassword},
		{"half-width katakana password", "ﾊﾟｽﾜｰﾄﾞ", false, CommonPassword},
		{"kana password and digits", "ぱすわーど123456", false, CommonPassword},
		{"kana repeated", "あああああああああああああ", false, Repeat},
		{"kana word repeated", "さくらさくらさくらさくら", false, Repeat},
		{"kana word repeated with digits", "さくら1さくら1さくら1", false, Repeat},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := Check(tc.pass, 0)
			if v.OK != tc.ok {
				t.Fatalf("Check(%q).OK = %v (guesses %.3g, reasons %v), want %v", tc.pass, v.OK, v.Guesses, v.Reasons, tc.ok)
			}
			if tc.ok {
				if len(v.Reasons) != 0 {
					t.Errorf("Check(%q) accepts with reasons %v", tc.pass, v.Reasons)
				}
				return
			}
			if len(v.Reasons) == 0 || v.Reasons[0] != tc.why {
				t.Errorf("Check(%q).Reasons = %v, want %v first", tc.pass, v.Reasons, tc.why)
			}
		})
	}
}

// TestCheckNeverRefusesALongRandomPhrase: the rule depends on guesses,
// not on the script; twenty random-looking characters of any script pass.
func TestCheckNeverRefusesALongRandomPhrase(t *testing.T) {
	for _, p := range []string{
		"Zq8#mV2!rT6^wK1&yP4*",
		"ぬけみゆそりおへたちすゐあこねふらてひき",
		"雲鉄卵窓港箱星湖灯橋森鳥紙旅街峠琴畑糸鞄",
	} {
		if v := Check(p, 0); !v.OK {
			t.Errorf("Check(%q) refuses: %v", p, v.Reasons)
		}
	}
}

func TestEstimate(t *testing.T) {
	for _, tc := range []struct {
		guesses float64
		wf      int
		want    Estimate
	}{
		{1, 18, Estimate{Unit: Instantly}},
		{2e3 * 30, 18, Estimate{30, Seconds}},
		{2e3 * 120, 18, Estimate{2, Minutes}},
		{2e3 * 3 * 3600, 18, Estimate{3, Hours}},
		{2e3 * 3 * 3600, 20, Estimate{12, Hours}}, // four times the work a guess
		{2e3 * 3 * 3600, 0, Estimate{3, Hours}},   // 0 is age's default, 18
		{2e3 * 5 * 86400, 18, Estimate{5, Days}},
		{2e3 * 60 * 86400, 18, Estimate{2, Months}},
		{2e3 * 3 * 365 * 86400, 18, Estimate{3, Years}},
		{2e3 * 300 * 365 * 86400, 18, Estimate{3, Centuries}},
		{1e40, 18, Estimate{1e6, Centuries}},
	} {
		if got := estimate(tc.guesses, tc.wf); got != tc.want {
			t.Errorf("estimate(%g, %d) = %+v, want %+v", tc.guesses, tc.wf, got, tc.want)
		}
	}
	// The line itself, at Mamori's cost: months, not minutes.
	if got := estimate(MinGuesses, 0); got.Unit != Months {
		t.Errorf("the refusal line takes %+v to guess at age's default cost, want months", got)
	}
}

// TestCheckIsBounded: a passphrase pasted by mistake (a whole page) is
// estimated on its first characters, not in time growing with its square.
func TestCheckIsBounded(t *testing.T) {
	long := strings.Repeat("the quick brown fox jumps ", 400)
	if v := Check(long, 0); !v.OK && !slices.Contains(v.Reasons, Repeat) {
		t.Errorf("Check(long) = %+v", v)
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"", "abc", "パスワード", "さくらさくら", "\xff\xfe", "a\x01b\x03c", "1985-04-12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		v := Check(p, 0)
		if v.OK == (len(v.Reasons) > 0) {
			t.Errorf("Check(%q): OK %v with reasons %v", p, v.OK, v.Reasons)
		}
		if p != "" && utf8.ValidString(p) && v.Guesses <= 0 {
			t.Errorf("Check(%q): %g guesses", p, v.Guesses)
		}
	})
}
