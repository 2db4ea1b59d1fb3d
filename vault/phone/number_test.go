package phone

import (
	"errors"
	"strings"
	"testing"
)

func TestParseSameNumber(t *testing.T) {
	for _, in := range []string{
		"090-1234-5678",
		"09012345678",
		"+81 90 1234 5678",
		"+81-90-1234-5678",
		"+819012345678",
		"+81 (0)90 1234 5678",
		"(090) 1234-5678",
		"090.1234.5678",
		"tel:+81-90-1234-5678",
		"０９０－１２３４－５６７８",
		"０９０ー１２３４ー５６７８",
		"０９０‐１２３４‐５６７８",
		"＋８１　９０　１２３４　５６７８",
		"  090 1234 5678  ",
		"090\u200b1234\u200b5678",
	} {
		n, err := Parse(in, "JP")
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		want := Number{E164: "+819012345678", Region: "JP", Kind: KindMobile, National: "090-1234-5678", International: "+81 90-1234-5678"}
		if n != want {
			t.Errorf("Parse(%q) = %+v, want %+v", in, n, want)
		}
	}
}

func TestParseKinds(t *testing.T) {
	tests := []struct {
		in, region string
		e164       E164
		kind       Kind
		voip, bad  bool
		national   string
	}{
		{"080-1234-5678", "", "+818012345678", KindMobile, false, false, "080-1234-5678"},
		{"070-1234-5678", "", "+817012345678", KindMobile, false, false, "070-1234-5678"},
		{"050-1234-5678", "", "+815012345678", KindVoIP, true, true, "050-1234-5678"},
		{"03-1234-5678", "", "+81312345678", KindFixed, false, true, "03-1234-5678"},
		{"0120-899-543", "", "+81120899543", KindTollFree, false, true, "0120-899-543"},
		{"0570-000-000", "", "+81570000000", KindUAN, false, true, "0570-000-000"},
		{"+1 650 253 0000", "", "+16502530000", KindFixedOrMobile, false, false, "(650) 253-0000"},
		{"650-253-0000", "US", "+16502530000", KindFixedOrMobile, false, false, "(650) 253-0000"},
		{"+44 7400 123456", "", "+447400123456", KindMobile, false, false, "07400 123456"},
	}
	for _, tt := range tests {
		n, err := Parse(tt.in, tt.region)
		if err != nil {
			t.Errorf("Parse(%q, %q): %v", tt.in, tt.region, err)
			continue
		}
		if n.E164 != tt.e164 || n.Kind != tt.kind || n.VoIP() != tt.voip || n.SMSUnsuitable() != tt.bad || n.National != tt.national {
			t.Errorf("Parse(%q) = %+v (voip %v, unsuitable %v)", tt.in, n, n.VoIP(), n.SMSUnsuitable())
		}
		back, err := n.E164.Number()
		if err != nil || back != n {
			t.Errorf("%s.Number() = %+v, %v", n.E164, back, err)
		}
		if !n.E164.Valid() {
			t.Errorf("%s not Valid", n.E164)
		}
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct{ in, region, reason string }{
		{"", "", "no digits"},
		{"   ", "", "no digits"},
		{"---", "", "no digits"},
		{"12", "", "too short"},
		{"090-1234-567", "", ""},
		{"090-1234-56789", "", ""},
		{"0312345678901234", "", ""},
		{"+999 1234 5678", "", "country code"},
		{"090-1234-567a", "", "characters other than digits"},
		{"0120-ABC-DEF", "", "characters other than digits"},
		{"090-1234-5678 ext. 12", "", "characters other than digits"},
		{"090-1234-5678#12", "", "characters other than digits"},
		{"090+1234-5678", "", "may only come first"},
		{"++819012345678", "", "may only come first"},
		{"090-1234-5678", "XX", "unknown region"},
		{"00-0000-0000", "", ""},
		{strings.Repeat("9", 300), "", "too long"},
		{"1" + strings.Repeat(" ", 80) + "2", "", "too long"},
	}
	for _, tt := range tests {
		n, err := Parse(tt.in, tt.region)
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("Parse(%q, %q) = %+v, %v; want ErrInvalid", tt.in, tt.region, n, err)
			continue
		}
		if n != (Number{}) {
			t.Errorf("Parse(%q) returned %+v with an error", tt.in, n)
		}
		if !strings.Contains(err.Error(), tt.reason) {
			t.Errorf("Parse(%q) error %q lacks %q", tt.in, err, tt.reason)
		}
		if digits := strings.Trim(tt.in, "-+ "); len(digits) >= 4 && strings.Contains(err.Error(), digits) {
			t.Errorf("error %q repeats the number", err)
		}
	}
}

func TestE164Stored(t *testing.T) {
	for e, valid := range map[E164]bool{
		"+819012345678":    true,
		"+815012345678":    true,
		"09012345678":      false, // not E.164: no country code
		"+81 90 1234 5678": false, // parses, but not canonical
		"+81901234567":     false,
		"":                 false,
	} {
		if e.Valid() != valid {
			t.Errorf("%q.Valid() = %v, want %v", e, e.Valid(), valid)
		}
	}
	if _, err := E164("09012345678").Number(); !errors.Is(err, ErrInvalid) {
		t.Errorf("national form accepted as stored E164: %v", err)
	}
}

func TestDisplay(t *testing.T) {
	n, _ := Parse("090-1234-5678", "")
	if got := n.Display("JP"); got != "090-1234-5678" {
		t.Errorf("Display(JP) = %q", got)
	}
	if got := n.Display("us"); got != "+81 90-1234-5678" {
		t.Errorf("Display(US) = %q", got)
	}
}
