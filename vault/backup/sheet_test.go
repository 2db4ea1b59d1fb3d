package backup

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseSheetFixtures(t *testing.T) {
	// Google's sheet prints 1. to 5. down the left column and 6. to 10.
	// down the right one: in its own order, code 2 is the left column's
	// second line, not the "6." beside code 1.
	google := []string{"0761 6392", "5475 6834", "5671 4306", "9240 2797", "6630 3209", "4166 3803", "2958 7870", "1091 7849", "2051 8045", "1187 6346"}
	// Copied from the web page, the numbers are lost: reading order.
	googleCopied := []string{"0761 6392", "4166 3803", "5475 6834", "2958 7870", "5671 4306", "1091 7849", "9240 2797", "2051 8045", "6630 3209", "1187 6346"}
	tests := []struct {
		file string
		want []string
	}{
		{"github-recovery-codes.txt", []string{
			"793cf-4220c", "917b8-53860", "88659-9b2ac", "757f8-29099", "6dd9d-e5798", "121e8-fa462", "d6e85-bda6a", "31787-3a59e",
			"01b29-a0a9a", "4d296-e948c", "5a0b1-e5bb9", "3e6d6-31115", "41f7a-139d6", "f67ed-f17de", "7d6f6-11887", "67d84-a1a3c",
		}},
		// Two numbered columns, CRLF, a header, the owner's address, a
		// link and a date.
		{"google-backup-codes.txt", google},
		// The same codes copied from the web page: no numbering and the
		// gap between the columns lost.
		{"google-copied.txt", googleCopied},
		// Full-width digits and hyphens in 「」 after circled numbers, a
		// date and time, and a support number in the prose.
		{"jp-securities.txt", []string{"3761-1195", "8667-1347", "6182-5222", "5754-8020", "4181-7978", "1836-4532", "0095-8794", "8799-7624", "9552-6192", "9245-3959"}},
		// Full-width alphanumeric codes in three groups after "No.１", and
		// a login ID in the header that must not be taken for a code.
		{"jp-alnum.txt", []string{"FE3M XZWM VBBF", "YGLM 9EHM 8QV3", "R9QV ZQW6 33WU", "64AS M7Z3 2BKE", "7YVF S8Q8 EKRE", "VJDL 3SBR LGPC"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseSheet(string(b))
			if err != nil {
				t.Fatalf("ParseSheet: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
			var s Set
			if err := s.Replace(got, t0); err != nil {
				t.Fatalf("Replace rejects the parsed codes: %v", err)
			}
		})
	}
}

func TestParseSheet(t *testing.T) {
	tests := []struct {
		name  string
		sheet string
		want  []string
	}{
		{"one per line", "12345678\n23456789\n", []string{"12345678", "23456789"}},
		{"blank lines and indentation", "\n\n   12345678  \n\n\t23456789\n\n", []string{"12345678", "23456789"}},
		{"numbering with a dot", "1. 1234 5678\n2. 2345 6789", []string{"1234 5678", "2345 6789"}},
		{"numbering with a parenthesis", "1) 1234 5678\n(2) 2345 6789", []string{"1234 5678", "2345 6789"}},
		{"numbering with a hash", "#1 12345678, #2 23456789; #3 34567890", []string{"12345678", "23456789", "34567890"}},
		{"numbering without punctuation", "1 1234 5678\n2 2345 6789", []string{"1234 5678", "2345 6789"}},
		{"circled numbers", "①12345678\n②23456789\n⑩34567890", []string{"12345678", "23456789", "34567890"}},
		{"dingbat and parenthesised numbers", "❶ 12345678 ⑵ 23456789 ⒊ 34567890", []string{"12345678", "23456789", "34567890"}},
		{"No. numbering", "No.1 1234-5678\nNo. 2 2345-6789\n№3 3456-7890", []string{"1234-5678", "2345-6789", "3456-7890"}},
		{"bullets", "・1234 5678\n* 2345 6789\n- 3456 7890\n• 4567 8901", []string{"1234 5678", "2345 6789", "3456 7890", "4567 8901"}},
		{"brackets and quotes", "「1234-5678」『2345-6789』[3456-7890] \"4567-8901\"", []string{"1234-5678", "2345-6789", "3456-7890", "4567-8901"}},
		{"hyphens of every kind", "1234‐5678\n2345－6789\n3456ー7890\n4567−8901", []string{"1234-5678", "2345-6789", "3456-7890", "4567-8901"}},
		{"full-width digits and ideographic space", "１２３４　５６７８\n２３４５　６７８９", []string{"1234 5678", "2345 6789"}},
		{"full-width letters", "ＡＢ１２－ＣＤ３４\nＥＦ５６－ＧＨ７８", []string{"AB12-CD34", "EF56-GH78"}},
		{"two columns with a wide gap", "1. 1234 5678      6. 6789 0123\n2. 2345 6789      7. 7890 1234", []string{"1234 5678", "6789 0123", "2345 6789", "7890 1234"}},
		{"two columns with a tab", "1234 5678\t6789 0123", []string{"1234 5678", "6789 0123"}},
		{"two numbered columns in the sheet's order", "1. 1234 5678      3. 6789 0123\n2. 2345 6789      4. 7890 1234", []string{"1234 5678", "2345 6789", "6789 0123", "7890 1234"}},
		{"two columns numbered without punctuation", "1 1234 5678    3 6789 0123\n2 2345 6789    4 7890 1234", []string{"1234 5678", "2345 6789", "6789 0123", "7890 1234"}},
		{"numbered out of order", "No.2 1234-5678\nNo.1 2345-6789", []string{"2345-6789", "1234-5678"}},
		{"numbering with a gap keeps reading order", "1. 1234 5678      4. 6789 0123\n2. 2345 6789      5. 7890 1234", []string{"1234 5678", "6789 0123", "2345 6789", "7890 1234"}},
		{"a repeated number keeps reading order", "2. 1234 5678      1. 6789 0123\n2. 2345 6789      3. 7890 1234", []string{"1234 5678", "6789 0123", "2345 6789", "7890 1234"}},
		{"a code without a number keeps reading order", "2. 1234 5678\n2345 6789\n1. 6789 0123", []string{"1234 5678", "2345 6789", "6789 0123"}},
		{"a number on the line before is no code's number", "2.\n1234 5678\n1. 2345 6789", []string{"1234 5678", "2345 6789"}},
		{"google pair run together", "1234 5678 2345 6789\n3456 7890 4567 8901", []string{"1234 5678", "2345 6789", "3456 7890", "4567 8901"}},
		{"google pair beside single codes", "1234 5678\n2345 6789 3456 7890\n4567 8901", []string{"1234 5678", "2345 6789", "3456 7890", "4567 8901"}},
		{"ungrouped codes separated by one space", "12345678 23456789 34567890", []string{"12345678", "23456789", "34567890"}},
		{"hyphenated codes separated by one space", "a1b2c-3d4e5 f6a7b-8c9d0", []string{"a1b2c-3d4e5", "f6a7b-8c9d0"}},
		{"hyphen with spaces around it", "1234 - 5678\n2345 - 6789", []string{"1234-5678", "2345-6789"}},
		{"hex code without a digit", "a1b2c-3d4e5\nabcde-fedcb\n0f1e2-d3c4b", []string{"a1b2c-3d4e5", "abcde-fedcb", "0f1e2-d3c4b"}},
		{"alphanumeric code without a digit", "kxqz 7m2p\nwtrh vnsd\n8j4k 2m9q", []string{"kxqz 7m2p", "wtrh vnsd", "8j4k 2m9q"}},
		{"header and prose", "Your backup codes\nKeep them safe.\n12345678\n23456789\nEach code works once.", []string{"12345678", "23456789"}},
		{"label and colon", "Code 1: 1234 5678\nCode 2: 2345 6789", []string{"1234 5678", "2345 6789"}},
		{"word next to the code", "Code 1234 5678\nCode 2345 6789", []string{"1234 5678", "2345 6789"}},
		{"email, link and dates", "taro1985@example.com\nhttps://example.com/2fa/backup?id=12345678\n2024-11-03\n11/03/2024 14:05\n12345678\n23456789", []string{"12345678", "23456789"}},
		{"japanese prose with numbers", "バックアップコード（10個）\n発行日：2024年11月3日\n1回限り有効です\n12345678\n23456789", []string{"12345678", "23456789"}},
		{"single code", "Your code: 9876 5432", []string{"9876 5432"}},
		{"short codes", "1234\n5678", []string{"1234", "5678"}},
		{"mixed-case codes keep their case", "aB3dE-fG5hJ\nKm7nP-qR9sT", []string{"aB3dE-fG5hJ", "Km7nP-qR9sT"}},
		{"code-like date shape that is not a date", "1234-56-78\n2345-67-89", []string{"1234-56-78", "2345-67-89"}},
		{"invisible characters", "\ufeff1234\u200b5678\n2345\u00ad6789", []string{"12345678", "23456789"}},
		{"old mac and unicode line breaks", "12345678\r23456789\u202834567890", []string{"12345678", "23456789", "34567890"}},
		{"case-insensitive duplicates in a lower-case sheet are not mixed case", "a1b2c-3d4e5\nf6a7b-8c9d0", []string{"a1b2c-3d4e5", "f6a7b-8c9d0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSheet(tt.sheet)
			if err != nil {
				t.Fatalf("ParseSheet(%q): %v", tt.sheet, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ParseSheet(%q)\n got %q\nwant %q", tt.sheet, got, tt.want)
			}
		})
	}
}

func TestParseSheetProblems(t *testing.T) {
	type prob struct {
		line  int
		kind  ProblemKind
		first int
	}
	tests := []struct {
		name     string
		sheet    string
		want     []string
		problems []prob
		is       []error
	}{
		{
			name:     "half a code",
			sheet:    "1. 1234 5678\n2. 2345\n3. 3456 7890",
			want:     []string{"1234 5678", "3456 7890"},
			problems: []prob{{2, ProblemFragment, 0}},
			is:       []error{ErrFragment},
		},
		{
			name:     "line numbers count blank lines and CRLF once",
			sheet:    "Backup codes\r\n\r\n1. 1234 5678\r\n\r\n2. 2345\r3. 3456 7890",
			want:     []string{"1234 5678", "3456 7890"},
			problems: []prob{{5, ProblemFragment, 0}},
			is:       []error{ErrFragment},
		},
		{
			name:     "a digit missing",
			sheet:    "12345678\n2345678\n34567890",
			want:     []string{"12345678", "34567890"},
			problems: []prob{{2, ProblemFragment, 0}},
			is:       []error{ErrFragment},
		},
		{
			name:     "a digit too many",
			sheet:    "12345678\n234567890\n34567890",
			want:     []string{"12345678", "34567890"},
			problems: []prob{{2, ProblemFragment, 0}},
			is:       []error{ErrFragment},
		},
		{
			name:     "leftover after two codes",
			sheet:    "1234 5678 2345 6789 3456\n4567 8901",
			want:     []string{"1234 5678", "2345 6789", "4567 8901"},
			problems: []prob{{1, ProblemFragment, 0}},
			is:       []error{ErrFragment},
		},
		{
			name:     "truncated code on a line of prose",
			sheet:    "12345678\n23456789\nlast one was 3456 78",
			want:     []string{"12345678", "23456789"},
			problems: []prob{{3, ProblemFragment, 0}},
			is:       []error{ErrFragment},
		},
		{
			name:     "letters where a digit should be",
			sheet:    "1234 5678\n2345 67B9\n3456 7890",
			want:     []string{"1234 5678", "3456 7890"},
			problems: []prob{{2, ProblemFragment, 0}},
			is:       []error{ErrFragment},
		},
		{
			name:     "code of another alphabet",
			sheet:    "ab12-cd34\n12ab-cdef\nwxyz-stuv",
			want:     []string{"ab12-cd34", "12ab-cdef"},
			problems: []prob{{3, ProblemFragment, 0}},
			is:       []error{ErrFragment},
		},
		{
			name:     "duplicate",
			sheet:    "1. 1234 5678\n2. 2345 6789\n3. 1234-5678",
			want:     []string{"1234 5678", "2345 6789"},
			problems: []prob{{3, ProblemDuplicate, 1}},
			is:       []error{ErrDuplicateCode},
		},
		{
			name:     "duplicate in full width and other case",
			sheet:    "a1b2c-3d4e5\nf6a7b-8c9d0\nＡ１Ｂ２Ｃ－３Ｄ４Ｅ５",
			want:     []string{"a1b2c-3d4e5", "f6a7b-8c9d0"},
			problems: []prob{{3, ProblemDuplicate, 1}},
			is:       []error{ErrDuplicateCode},
		},
		{
			name:     "both kinds",
			sheet:    "12345678\n12345678\n1234",
			want:     []string{"12345678"},
			problems: []prob{{2, ProblemDuplicate, 1}, {3, ProblemFragment, 0}},
			is:       []error{ErrDuplicateCode, ErrFragment},
		},
		{
			name:  "nothing at all",
			sheet: "",
			is:    []error{ErrNoCodes},
		},
		{
			name:  "prose only",
			sheet: "Backup codes\nYou have used all your codes.\n2024-11-03",
			is:    []error{ErrNoCodes},
		},
		{
			name:     "only fragments",
			sheet:    "12\n123\n",
			problems: []prob{{2, ProblemFragment, 0}},
			is:       []error{ErrNoCodes, ErrFragment},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSheet(tt.sheet)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("codes: got %q, want %q", got, tt.want)
			}
			var se *SheetError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SheetError", err)
			}
			if se.Found != len(tt.want) {
				t.Errorf("Found = %d, want %d", se.Found, len(tt.want))
			}
			var ps []prob
			for _, p := range se.Problems {
				ps = append(ps, prob{p.Line, p.Kind, p.First})
				if p.Text == "" {
					t.Errorf("problem %v has no text", p)
				}
			}
			if !reflect.DeepEqual(ps, tt.problems) {
				t.Errorf("problems: got %v, want %v", ps, tt.problems)
			}
			for _, s := range tt.is {
				if !errors.Is(err, s) {
					t.Errorf("error %v does not wrap %v", err, s)
				}
			}
			for _, s := range []error{ErrNoCodes, ErrFragment, ErrDuplicateCode} {
				if errors.Is(err, s) && !containsErr(tt.is, s) {
					t.Errorf("error %v wraps %v unexpectedly", err, s)
				}
			}
			// No message may quote a code or a fragment.
			for _, p := range se.Problems {
				if strings.Contains(err.Error(), Canonical(p.Text, true)) || strings.Contains(err.Error(), p.Text) {
					t.Errorf("error message %q quotes %q", err, p.Text)
				}
			}
		})
	}
}

func containsErr(errs []error, e error) bool {
	for _, x := range errs {
		if x == e {
			return true
		}
	}
	return false
}

func TestParseSheetTooLarge(t *testing.T) {
	if _, err := ParseSheet(strings.Repeat("1", MaxSheetBytes+1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("oversized sheet: %v", err)
	}
	var b strings.Builder
	for i := 0; i <= MaxCodes; i++ {
		b.WriteString(strings.Repeat(string(rune('0'+i%10)), 2))
		b.WriteString(strings.Repeat("0", 4))
		b.WriteByte(byte('0' + i/100%10))
		b.WriteByte(byte('0' + i/10%10))
		b.WriteByte(' ')
	}
	if _, err := ParseSheet(b.String()); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("sheet with %d codes: %v", MaxCodes+1, err)
	}
}

func TestCanonicalAndDisplay(t *testing.T) {
	tests := []struct {
		in, canon, canonCS, display string
	}{
		{"1234 5678", "12345678", "12345678", "1234 5678"},
		{" １２３４－５６７８ ", "12345678", "12345678", "1234-5678"},
		{"A1B2C-3D4E5", "a1b2c3d4e5", "A1B2C3D4E5", "A1B2C-3D4E5"},
		{"ａｂ　ｃｄ", "abcd", "abcd", "ab cd"},
		{"ab \t  cd", "abcd", "abcd", "ab cd"},
		{"12\u200b34ー56", "123456", "123456", "1234-56"},
		{"", "", "", ""},
	}
	for _, tt := range tests {
		if got := Canonical(tt.in, false); got != tt.canon {
			t.Errorf("Canonical(%q, false) = %q, want %q", tt.in, got, tt.canon)
		}
		if got := Canonical(tt.in, true); got != tt.canonCS {
			t.Errorf("Canonical(%q, true) = %q, want %q", tt.in, got, tt.canonCS)
		}
		if got := Display(tt.in); got != tt.display {
			t.Errorf("Display(%q) = %q, want %q", tt.in, got, tt.display)
		}
	}
}

func TestPlausibleDate(t *testing.T) {
	for m, want := range map[string]bool{
		"2024-11-03": true, "2024/1/3": true, "2024.11.03": true, "2024年11月3日": true, "2024年11月": true,
		"11月3日": true, "11/03/2024": true, "14:05": true,
		"1234-56-78": false, "2024-13-01": false, "2024-11-32": false, "13/01/2024": false, "2024年13月": false,
	} {
		if got := plausibleDate(m); got != want {
			t.Errorf("plausibleDate(%q) = %v, want %v", m, got, want)
		}
	}
}
