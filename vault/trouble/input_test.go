package trouble

import (
	"reflect"
	"strings"
	"testing"
)

// want is a finding reduced to what the tests compare.
type want struct {
	code      FindingCode
	positions []int
	char      string
	codepoint string
	looksLike string
}

func TestCheckInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want []want
	}{
		{"plain", "taro.yamada_2024", []want{{FindingAmbiguous, []int{14}, "0", "U+0030", "O"}}},
		{"plain without look-alikes", "taro.yamada_2345", nil},
		{"plain password with symbols", "pa$$-w#rd!", nil},
		{"empty", "", []want{{code: FindingEmpty}}},
		{"full-width letters and digits", "ｔａｒｏ１", []want{
			{FindingFullWidth, []int{1}, "ｔ", "U+FF54", "t"},
			{FindingFullWidth, []int{2}, "ａ", "U+FF41", "a"},
			{FindingFullWidth, []int{3}, "ｒ", "U+FF52", "r"},
			{FindingFullWidth, []int{4}, "ｏ", "U+FF4F", "o"},
			{FindingFullWidth, []int{5}, "１", "U+FF11", "1"},
		}},
		{"full-width at sign among half-width", "taro＠example.com", []want{
			{FindingFullWidth, []int{5}, "＠", "U+FF20", "@"},
			{FindingAmbiguous, []int{11}, "l", "U+006C", "1 / I"},
		}},
		{"repeated full-width digit grouped", "ab１２１", []want{
			{FindingFullWidth, []int{3, 5}, "１", "U+FF11", "1"},
			{FindingFullWidth, []int{4}, "２", "U+FF12", "2"},
		}},
		{"trailing space", "secret ", []want{{FindingTrailingSpace, []int{7}, "", "U+0020", ""}}},
		{"leading and trailing ideographic space", "\u3000secret\u3000", []want{
			{FindingLeadingSpace, []int{1}, "", "U+3000", ""},
			{FindingTrailingSpace, []int{8}, "", "U+3000", ""},
		}},
		{"no-break space inside", "pass\u00a0word", []want{{FindingInnerSpace, []int{5}, "", "U+00A0", ""}}},
		{"only spaces", "  ", []want{{FindingLeadingSpace, []int{1, 2}, "", "U+0020", ""}}},
		{"zero-width space", "ab\u200bcd", []want{{FindingZeroWidth, []int{3}, "", "U+200B", ""}}},
		{"zero-width joiner and non-joiner", "a\u200cb\u200dc", []want{
			{FindingZeroWidth, []int{2}, "", "U+200C", ""},
			{FindingZeroWidth, []int{4}, "", "U+200D", ""},
		}},
		{"byte-order mark at the start", "\ufeffabc", []want{{FindingZeroWidth, []int{1}, "", "U+FEFF", ""}}},
		{"right-to-left override", "abc\u202e", []want{{FindingZeroWidth, []int{4}, "", "U+202E", ""}}},
		{"tab and line break", "abc\tdef\n", []want{
			{FindingControl, []int{4}, "", "U+0009", ""},
			{FindingControl, []int{8}, "", "U+000A", ""},
		}},
		{"Cyrillic a for Latin a", "p\u0430ypa", []want{{FindingLookAlike, []int{2}, "а", "U+0430", "a"}}},
		{"Cyrillic capitals", "\u0410\u0412C", []want{
			{FindingLookAlike, []int{1}, "А", "U+0410", "A"},
			{FindingLookAlike, []int{2}, "В", "U+0412", "B"},
			{code: FindingAllCaps},
		}},
		{"Greek omicron", "g\u03bfog", []want{{FindingLookAlike, []int{2}, "ο", "U+03BF", "o"}}},
		{"minus sign for a hyphen", "abc\u2212123", []want{
			{FindingLookAlike, []int{4}, "−", "U+2212", "-"},
			{FindingAmbiguous, []int{5}, "1", "U+0031", "l / I"},
		}},
		{"prolonged sound mark for a hyphen", "abcー999", []want{{FindingKanaLookAlike, []int{4}, "ー", "U+30FC", "-"}}},
		{"katakana ro and kanji mouth", "ロ口", []want{
			{FindingKanaLookAlike, []int{1}, "ロ", "U+30ED", "口"},
			{FindingKanaLookAlike, []int{2}, "口", "U+53E3", "ロ"},
		}},
		{"katakana ka and kanji power", "カ力", []want{
			{FindingKanaLookAlike, []int{1}, "カ", "U+30AB", "力"},
			{FindingKanaLookAlike, []int{2}, "力", "U+529B", "カ"},
		}},
		{"hiragana he and katakana he", "へヘ", []want{
			{FindingKanaLookAlike, []int{1}, "へ", "U+3078", "ヘ"},
			{FindingKanaLookAlike, []int{2}, "ヘ", "U+30D8", "へ"},
		}},
		{"kanji one for a prolonged sound mark", "ス一パー", []want{
			{FindingNonASCII, []int{1}, "ス", "U+30B9", ""},
			{FindingKanaLookAlike, []int{2}, "一", "U+4E00", "ー"},
			{FindingNonASCII, []int{3}, "パ", "U+30D1", ""},
			{FindingKanaLookAlike, []int{4}, "ー", "U+30FC", "-"},
		}},
		{"half-width katakana", "ｱｲ", []want{
			{FindingHalfWidthKana, []int{1}, "ｱ", "U+FF71", "ア"},
			{FindingHalfWidthKana, []int{2}, "ｲ", "U+FF72", "イ"},
		}},
		{"other non-ASCII", "café", []want{{FindingNonASCII, []int{4}, "é", "U+00E9", ""}}},
		{"0 O 1 l I notes", "O0l1I", []want{
			{FindingAmbiguous, []int{1}, "O", "U+004F", "0"},
			{FindingAmbiguous, []int{2}, "0", "U+0030", "O"},
			{FindingAmbiguous, []int{3}, "l", "U+006C", "1 / I"},
			{FindingAmbiguous, []int{4}, "1", "U+0031", "l / I"},
			{FindingAmbiguous, []int{5}, "I", "U+0049", "1 / l"},
			{code: FindingMixedCase},
		}},
		{"mixed case", "Taro", []want{{code: FindingMixedCase}}},
		{"caps lock", "TARU", []want{{code: FindingAllCaps}}},
		{"single capital is not caps lock", "A", nil},
		{"Kelvin sign", "\u212a", []want{{FindingLookAlike, []int{1}, "\u212a", "U+212A", "K"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := CheckInput(tc.in)
			var g []want
			for _, f := range got {
				g = append(g, want{f.Code, f.Positions, f.Char, f.Codepoint, f.LooksLike})
				if f.Codepoint != "" && f.Name == "" {
					t.Errorf("%s at %v has no name", f.Codepoint, f.Positions)
				}
				for _, p := range f.Positions {
					if p < 1 || p > len([]rune(tc.in)) {
						t.Errorf("position %d out of range", p)
					}
				}
				if len(tc.in) > 1 && f.Char != "" && strings.Contains(tc.in, f.Char) && len([]rune(f.Char)) != 1 {
					t.Errorf("finding repeats more than one character: %q", f.Char)
				}
			}
			if !reflect.DeepEqual(g, tc.want) {
				t.Errorf("CheckInput(%q)\n got  %+v\n want %+v", tc.in, g, tc.want)
			}
			if s := Suspicious(got); s != hasWarning(tc.want) {
				t.Errorf("Suspicious = %v", s)
			}
		})
	}
}

func hasWarning(ws []want) bool {
	for _, w := range ws {
		switch w.code {
		case FindingAmbiguous, FindingMixedCase, FindingAllCaps:
		default:
			return true
		}
	}
	return false
}

func TestCheckInputNames(t *testing.T) {
	for in, name := range map[string]string{
		"\u00a0": "NO-BREAK SPACE",
		"\u3000": "IDEOGRAPHIC SPACE",
		"\u200b": "ZERO WIDTH SPACE",
		"\t":     "CHARACTER TABULATION",
		"\u0430": "CYRILLIC SMALL LETTER A",
		"ロ":      "KATAKANA LETTER RO",
		"\u0085": "CONTROL",
	} {
		f := CheckInput("x" + in + "x")
		if len(f) == 0 || f[0].Name != name {
			t.Errorf("%q: %+v, want name %s", in, f, name)
		}
	}
}

// TestDescribeNeverQuotesInvisible checks that explanations show visible
// characters and name the others, in both languages, and never carry the
// rest of the input.
func TestDescribeNeverQuotesInvisible(t *testing.T) {
	const secret = "hunter2"
	for _, in := range []string{secret + "\u200b", " " + secret, secret + "\t", secret + "ａ", "h\u0430nter2"} {
		for _, lang := range Languages {
			for _, f := range CheckInput(in) {
				s, err := Describe(f, lang)
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(s, "hunter") || strings.ContainsAny(s, "\u200b\t") {
					t.Errorf("%s %q: %q repeats the input", lang, in, s)
				}
				if f.Code != FindingMixedCase && f.Code != FindingAllCaps && f.Code != FindingEmpty && !strings.Contains(s, f.Codepoint) && f.Code != FindingAmbiguous {
					t.Errorf("%s %q: %q lacks the code point %s", lang, in, s, f.Codepoint)
				}
			}
		}
	}
}
