package backup

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2024, 11, 3, 14, 5, 0, 0, time.UTC)

func newSet(t *testing.T, codes ...string) *Set {
	t.Helper()
	var s Set
	if err := s.Replace(codes, t0); err != nil {
		t.Fatal(err)
	}
	return &s
}

func TestUse(t *testing.T) {
	s := newSet(t, "1234 5678", "2345 6789", "a1b2c-3d4e5")
	t1 := t0.Add(time.Hour)
	tests := []struct {
		code string
		err  error
	}{
		{"12345678", nil},
		{"1234 5678", ErrAlreadyUsed},
		{"１２３４－５６７８", ErrAlreadyUsed},
		{"A1B2C3D4E5", nil}, // case folded: the sheet is all lower case
		{"a1b2c-3d4e5", ErrAlreadyUsed},
		{"9999 9999", ErrUnknownCode},
		{"", ErrUnknownCode},
		{"2345-6789", nil},
	}
	for _, tt := range tests {
		before := s.Clone()
		err := s.Use(tt.code, t1)
		if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
			t.Fatalf("Use(%q) = %v, want %v", tt.code, err, tt.err)
		}
		if err != nil {
			if !reflect.DeepEqual(*s, before) {
				t.Fatalf("failed Use(%q) changed the set", tt.code)
			}
			if strings.Contains(err.Error(), Canonical(tt.code, false)) && tt.code != "" {
				t.Errorf("error %q contains the code", err)
			}
		}
		var ue *UsedError
		if errors.As(err, &ue) && !ue.When.Equal(t1) {
			t.Errorf("UsedError.When = %v, want %v", ue.When, t1)
		}
	}
	if s.Remaining() != 0 || s.Total() != 3 {
		t.Fatalf("Remaining %d, Total %d", s.Remaining(), s.Total())
	}
	if _, ok := s.NextUnused(); ok {
		t.Fatal("NextUnused found a code in a used-up set")
	}
}

func TestUsedErrorNumberAndWhen(t *testing.T) {
	s := newSet(t, "11112222", "33334444")
	when := time.Date(2025, 1, 2, 3, 4, 5, 0, time.FixedZone("JST", 9*3600))
	if err := s.Use("33334444", when); err != nil {
		t.Fatal(err)
	}
	err := s.Use("3333 4444", when.Add(time.Hour))
	var ue *UsedError
	if !errors.As(err, &ue) || ue.Number != 2 || !ue.When.Equal(when) || ue.When.Location() != time.UTC {
		t.Fatalf("got %#v", err)
	}
	if want := "backup: code already used: code 2 was used on 2025-01-01T18:04:05Z"; err.Error() != want {
		t.Fatalf("message %q, want %q", err, want)
	}
}

func TestCaseSensitiveSet(t *testing.T) {
	s := newSet(t, "aB3dE-fG5hJ", "Km7nP-qR9sT")
	if !s.Current.CaseSensitive {
		t.Fatal("mixed-case sheet not case-sensitive")
	}
	if err := s.Use("ab3de-fg5hj", t0); !errors.Is(err, ErrUnknownCode) {
		t.Fatalf("wrong case accepted: %v", err)
	}
	if err := s.Use("aB3dEfG5hJ", t0); err != nil {
		t.Fatal(err)
	}
	// Codes differing only in case are distinct in a case-sensitive set.
	var u Set
	if err := u.Replace([]string{"aBxD1234", "AbXd1234"}, t0); err != nil {
		t.Fatalf("case-sensitive set refused codes differing in case: %v", err)
	}
	// Hexadecimal is never case-sensitive, even in mixed case.
	var h Set
	if err := h.Replace([]string{"abcd1234", "ABCD1234"}, t0); !errors.Is(err, ErrDuplicateCode) {
		t.Fatalf("hex codes differing in case: %v", err)
	}
	if err := h.Replace([]string{"abcd1234", "EF01-5678"}, t0); err != nil || h.Current.CaseSensitive {
		t.Fatalf("mixed-case hex sheet: %v, case-sensitive %v", err, h.Current.CaseSensitive)
	}
	if err := h.Use("ef015678", t0); err != nil {
		t.Fatal(err)
	}
	if err := h.Replace([]string{"abcd12345", "abcd-12345"}, t0); !errors.Is(err, ErrDuplicateCode) {
		t.Fatalf("duplicate not refused: %v", err)
	}
}

func TestNextUnusedAndLow(t *testing.T) {
	codes := []string{"10000001", "10000002", "10000003", "10000004", "10000005"}
	s := newSet(t, codes...)
	for i, c := range codes {
		n, ok := s.NextUnused()
		if !ok || n.Code != c {
			t.Fatalf("step %d: NextUnused = %v %v, want %s", i, n, ok, c)
		}
		left := len(codes) - i
		if s.Remaining() != left {
			t.Fatalf("Remaining = %d, want %d", s.Remaining(), left)
		}
		if want := left <= DefaultLowThreshold; s.Low() != want {
			t.Fatalf("%d left: Low = %v, want %v", left, s.Low(), want)
		}
		if err := s.Use(n.Code, t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if !s.Low() || s.Remaining() != 0 {
		t.Fatal("used-up set not low")
	}
	var empty Set
	if empty.Low() || empty.Remaining() != 0 || empty.Total() != 0 || !empty.IsZero() {
		t.Fatal("empty set misbehaves")
	}
	if _, ok := empty.NextUnused(); ok {
		t.Fatal("empty set has a next code")
	}
}

func TestLowThreshold(t *testing.T) {
	s := newSet(t, "10000001", "10000002", "10000003", "10000004", "10000005")
	tests := []struct {
		n       int
		err     error
		thresh  int
		low     bool
		omitted bool
	}{
		{0, nil, DefaultLowThreshold, false, true},
		{5, nil, 5, true, false},
		{1, nil, 1, false, false},
		{-1, ErrBadThreshold, 1, false, false},
		{MaxCodes + 1, ErrBadThreshold, 1, false, false},
	}
	for _, tt := range tests {
		err := s.SetLowThreshold(tt.n)
		if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
			t.Fatalf("SetLowThreshold(%d) = %v", tt.n, err)
		}
		if s.Threshold() != tt.thresh || s.Low() != tt.low {
			t.Fatalf("after %d: Threshold %d Low %v", tt.n, s.Threshold(), s.Low())
		}
	}
}

func TestReplace(t *testing.T) {
	s := newSet(t, "11112222", "33334444", "55556666")
	if s.Current.Number != 1 || s.Current.ID == "" || !s.Current.Issued.Equal(t0) || s.Current.Voided != nil {
		t.Fatalf("first generation: %+v", s.Current)
	}
	firstID := s.Current.ID
	if err := s.Use("11112222", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	t2 := t0.Add(48 * time.Hour)
	if err := s.Replace([]string{"7777 8888", "9999 0000"}, t2); err != nil {
		t.Fatal(err)
	}
	if s.Current.Number != 2 || s.Current.ID == firstID || s.Remaining() != 2 {
		t.Fatalf("second generation: %+v", s.Current)
	}
	if len(s.History) != 1 || s.History[0].ID != firstID || s.History[0].Voided == nil || !s.History[0].Voided.Equal(t2) {
		t.Fatalf("history: %+v", s.History)
	}
	if s.History[0].Codes[0].Used == nil {
		t.Fatal("history lost when its code was used")
	}

	// Void codes, used or not, are recognised and refused.
	for _, c := range []string{"1111-2222", "33334444"} {
		before := s.Clone()
		err := s.Use(c, t2)
		var ve *VoidError
		if !errors.Is(err, ErrVoid) || !errors.As(err, &ve) || ve.Generation != 1 || !ve.Voided.Equal(t2) {
			t.Fatalf("Use(%q) of a void code = %v", c, err)
		}
		if (c == "1111-2222") != (ve.Used != nil) {
			t.Fatalf("VoidError.Used = %v for %q", ve.Used, c)
		}
		if !reflect.DeepEqual(*s, before) {
			t.Fatal("Use of a void code changed the set")
		}
	}

	// A third sheet; numbers keep counting.
	if err := s.Replace([]string{"12121212"}, t2.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if s.Current.Number != 3 || len(s.History) != 2 || s.History[1].Number != 2 {
		t.Fatalf("third generation: %+v, history %+v", s.Current, s.History)
	}
	if err := s.Use("77778888", t2); !errors.Is(err, ErrVoid) {
		t.Fatalf("code of sheet 2: %v", err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestReplaceRefuses(t *testing.T) {
	tests := []struct {
		name  string
		codes []string
		err   error
	}{
		{"empty", nil, ErrNoCodes},
		{"too short", []string{"123"}, ErrInvalidCode},
		{"too long", []string{strings.Repeat("1", MaxCodeLen+1)}, ErrInvalidCode},
		{"punctuation", []string{"1234.5678"}, ErrInvalidCode},
		{"non-ascii", []string{"1234５６７８あ"}, ErrInvalidCode},
		{"duplicate", []string{"12345678", "1234 5678"}, ErrDuplicateCode},
		{"current code", []string{"99990000", "11112222"}, ErrKnownCode},
		{"void code", []string{"55556666"}, ErrKnownCode},
		{"too many", make([]string, MaxCodes+1), ErrTooLarge},
	}
	s := newSet(t, "55556666")
	if err := s.Replace([]string{"11112222", "33334444"}, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := s.Clone()
			err := s.Replace(tt.codes, t0.Add(2*time.Hour))
			if !errors.Is(err, tt.err) {
				t.Fatalf("Replace = %v, want %v", err, tt.err)
			}
			if !reflect.DeepEqual(*s, before) {
				t.Fatal("failed Replace changed the set")
			}
		})
	}
}

func TestUseWithoutCodes(t *testing.T) {
	var s Set
	if err := s.Use("12345678", t0); !errors.Is(err, ErrNoCodes) {
		t.Fatalf("Use on an empty set: %v", err)
	}
	if !s.IsZero() {
		t.Fatal("failed Use changed the set")
	}
}

func TestSetJSONRoundTrip(t *testing.T) {
	s := newSet(t, "1234 5678", "2345 6789")
	_ = s.Use("12345678", t0.Add(time.Minute))
	_ = s.Replace([]string{"aB3dE-fG5hJ", "Km7nP-qR9sT", "Xy2zW-vU4tS"}, t0.Add(time.Hour))
	_ = s.Use("Km7nPqR9sT", t0.Add(2*time.Hour))
	_ = s.SetLowThreshold(2)
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Set
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, *s) {
		t.Fatalf("round trip changed the set\n got %+v\nwant %+v\njson %s", back, *s, b)
	}
	if err := back.Validate(); err != nil {
		t.Fatal(err)
	}
	// The behaviour survives: used stays used, void stays void, case rule kept.
	if err := back.Use("km7npqr9st", t0); !errors.Is(err, ErrUnknownCode) {
		t.Fatalf("case rule lost: %v", err)
	}
	if err := back.Use("Km7nP-qR9sT", t0); !errors.Is(err, ErrAlreadyUsed) {
		t.Fatalf("used mark lost: %v", err)
	}
	if err := back.Use("2345 6789", t0); !errors.Is(err, ErrVoid) {
		t.Fatalf("void mark lost: %v", err)
	}
	for _, key := range []string{`"current"`, `"history"`, `"low_threshold":2`, `"case_sensitive":true`, `"voided"`, `"used"`, `"number":2`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("json lacks %s: %s", key, b)
		}
	}
	// The zero set is omitted from a containing document.
	type account struct {
		Backup Set `json:"backup,omitzero"`
	}
	if b, _ := json.Marshal(account{}); string(b) != "{}" {
		t.Fatalf("zero set not omitted: %s", b)
	}
}

func TestValidateDamaged(t *testing.T) {
	good := newSet(t, "11112222", "33334444")
	_ = good.Replace([]string{"55556666"}, t0.Add(time.Hour))
	tests := []struct {
		name   string
		damage func(s *Set)
	}{
		{"negative threshold", func(s *Set) { s.LowThreshold = -2 }},
		{"current void", func(s *Set) { s.Current.Voided = &t0 }},
		{"history not void", func(s *Set) { s.History[0].Voided = nil }},
		{"numbers out of order", func(s *Set) { s.Current.Number = 1 }},
		{"empty sheet", func(s *Set) { s.Current.Codes = nil }},
		{"bad code", func(s *Set) { s.Current.Codes[0].Code = "!" }},
		{"duplicate code", func(s *Set) { s.History[0].Codes[1].Code = "1111 2222" }},
	}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		s := good.Clone()
		tt.damage(&s)
		if err := s.Validate(); !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: Validate = %v", tt.name, err)
		}
	}
}

func TestClone(t *testing.T) {
	s := newSet(t, "11112222", "33334444")
	c := s.Clone()
	if err := s.Use("11112222", t0); err != nil {
		t.Fatal(err)
	}
	if c.Remaining() != 2 {
		t.Fatal("Clone shares codes with the original")
	}
}

func TestUseNext(t *testing.T) {
	t1 := t0.Add(time.Hour)
	tests := []struct {
		name   string
		set    func(t *testing.T) *Set
		code   string
		number int
		err    error
	}{
		{"no sheet", func(*testing.T) *Set { return &Set{} }, "", 0, ErrNoCodes},
		{"first", func(t *testing.T) *Set { return newSet(t, "1234 5678", "2345 6789") }, "1234 5678", 1, nil},
		{"skips used", func(t *testing.T) *Set {
			s := newSet(t, "1234 5678", "2345 6789", "3456 7890")
			if err := s.Use("12345678", t0); err != nil {
				t.Fatal(err)
			}
			return s
		}, "2345 6789", 2, nil},
		{"none left", func(t *testing.T) *Set {
			s := newSet(t, "1234 5678")
			if err := s.Use("12345678", t0); err != nil {
				t.Fatal(err)
			}
			return s
		}, "", 0, ErrNoneLeft},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.set(t)
			before := s.Clone()
			c, n, err := s.UseNext(t1)
			if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
				t.Fatalf("UseNext = %v, want %v", err, tt.err)
			}
			if err != nil {
				if !reflect.DeepEqual(*s, before) {
					t.Error("a failed UseNext changed the set")
				}
				return
			}
			if c.Code != tt.code || n != tt.number || c.Used == nil || !c.Used.Equal(t1) {
				t.Errorf("UseNext = %q, %d, used %v; want %q, %d, %v", c.Code, n, c.Used, tt.code, tt.number, t1)
			}
			if err := s.Use(tt.code, t1); !errors.Is(err, ErrAlreadyUsed) {
				t.Errorf("the code UseNext returned is not marked used: %v", err)
			}
			if s.Remaining() != before.Remaining()-1 {
				t.Errorf("Remaining %d, want %d", s.Remaining(), before.Remaining()-1)
			}
		})
	}
}

func TestCompact(t *testing.T) {
	tests := []struct{ code, want string }{
		{"0761 6392", "07616392"},
		{"793cf-4220c", "793cf-4220c"},
		{"ABCD EFGH 1234", "ABCDEFGH1234"},
		{"12345678", "12345678"},
	}
	for _, tt := range tests {
		if got := (Code{Code: tt.code}).Compact(); got != tt.want {
			t.Errorf("Compact(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestFind(t *testing.T) {
	g := *newSet(t, "1234 5678", "a1b2c-3d4e5").Current
	tests := []struct {
		code string
		want int
	}{
		{"1234 5678", 1},
		{"１２３４－５６７８", 1},
		{"A1B2C3D4E5", 2},
		{"9999 9999", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := g.Find(tt.code); got != tt.want {
			t.Errorf("Find(%q) = %d, want %d", tt.code, got, tt.want)
		}
	}
}
