package gridcard

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// seedCardText is a made-up card of the seed's profile (5 × 10, two
// case-sensitive characters).
const seedCardText = `
Ab 3x Qq 9Z k2 Lm 07 pP Rt 5y
uV w8 Xx 1n Bb Cc Dd Ee Ff Gg
Hh Ii Jj Kk Ll Mm Nn Oo Pp Qr
Ss Tt Uu Vv Ww Xy Zz 00 11 22
33 44 55 66 77 88 99 aZ Za zA
`

func seedCard(t testing.TB) Card {
	t.Helper()
	c, err := ParseCard(builtinProfiles[0], seedCardText)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParseCardForms(t *testing.T) {
	want := seedCard(t).Cells
	rows := strings.Split(strings.TrimSpace(seedCardText), "\n")
	labelled := "   A  B  C  D  E  F  G  H  I  J\n"
	for i, r := range rows {
		labelled += string(rune('1'+i)) + ": " + r + "\n"
	}
	fullWidth := strings.NewReplacer(" ", "　", "A", "Ａ", "b", "ｂ", "3", "３").Replace(seedCardText)
	tabs := strings.ReplaceAll(seedCardText, " ", "\t")
	packed := strings.ReplaceAll(seedCardText, " ", "")
	pipes := ""
	for i, r := range rows {
		pipes += "| " + string(rune('1'+i)) + " | " + strings.ReplaceAll(r, " ", " | ") + " |\r\n"
	}
	comments := "# my bank card\n\n" + seedCardText + "\n\n"
	for name, in := range map[string]string{
		"plain": seedCardText, "header and row labels": labelled, "full width": fullWidth,
		"tabs": tabs, "packed rows": packed, "pipes and CRLF": pipes, "comments and blanks": comments,
	} {
		t.Run(name, func(t *testing.T) {
			c, err := ParseCard(builtinProfiles[0], in)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(c.Cells, want, slices.Equal) {
				t.Fatalf("cells = %v, want %v", c.Cells, want)
			}
		})
	}
}

func TestParseCardCaseInsensitive(t *testing.T) {
	p := mustProfile(t, "entrust-5x10")
	in := strings.Repeat("a b c d e f g h 1 0\n", 5)
	c, err := ParseCard(p, in)
	if err != nil {
		t.Fatal(err)
	}
	if c.Cells[0][0] != "A" || c.Cells[4][7] != "H" {
		t.Fatalf("cells not upper-cased: %v", c.Cells[0])
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestParseCardErrors(t *testing.T) {
	rows := strings.Split(strings.TrimSpace(seedCardText), "\n")
	join := func(rs ...string) string { return strings.Join(rs, "\n") }
	tests := []struct {
		name     string
		in       string
		sentinel error
		line     int
		cell     string
		mention  string
	}{
		{"nothing", "  \n# just a comment\n", ErrCardShape, 0, "", "no rows"},
		{"missing row", join(rows[:4]...), ErrCardShape, 0, "", "row 5 is missing"},
		{"extra row", join(append(slices.Clone(rows), rows[0])...), ErrCardShape, 6, "", "more rows"},
		{"short row", join(rows[0], rows[1], "Hh Ii Jj", rows[3], rows[4]), ErrCardShape, 3, "", "3 cells"},
		{"wrong row label", join(rows[0], "7 "+rows[1], rows[2], rows[3], rows[4]), ErrCardShape, 2, "", `should be "2"`},
		{"bad character", join(rows[0], strings.Replace(rows[1], "w8", "w!", 1), rows[2], rows[3], rows[4]), ErrCellValue, 2, "B2", `"!"`},
		{"too wide", join(rows[0], rows[1], strings.Replace(rows[2], "Kk", "Kkk", 1), rows[3], rows[4]), ErrCellValue, 3, "D3", "3 characters"},
		{"lines counted with blanks", "\n\n" + join(rows[0], "Zz") + "\n", ErrCardShape, 4, "", "row 2 has 1 cells"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCard(builtinProfiles[0], tt.in)
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("error %v does not wrap %v", err, tt.sentinel)
			}
			var ce *CardInputError
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *CardInputError", err)
			}
			if ce.Line != tt.line || ce.Cell != tt.cell {
				t.Errorf("line %d cell %q, want line %d cell %q (%v)", ce.Line, ce.Cell, tt.line, tt.cell, err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not mention %q", err, tt.mention)
			}
		})
	}
	if _, err := ParseCard(Profile{}, seedCardText); !errors.Is(err, ErrInvalidProfile) {
		t.Errorf("invalid profile: %v", err)
	}
}

func TestFormatTextRoundTrip(t *testing.T) {
	for _, p := range append(Profiles(), numbered(12, 30)) {
		t.Run(p.Name, func(t *testing.T) {
			c, err := Generate(p, newDetReader(1), GenerateOptions{AllowWeak: true})
			if err != nil {
				t.Fatal(err)
			}
			text := c.FormatText()
			back, err := ParseCard(p, text)
			if err != nil {
				t.Fatalf("ParseCard(FormatText()) error: %v\n%s", err, text)
			}
			if !slices.EqualFunc(back.Cells, c.Cells, slices.Equal) {
				t.Fatalf("round trip changed the cells:\n%s", text)
			}
		})
	}
	got := seedCard(t).FormatText()
	if !strings.HasPrefix(got, "  A  B  C") || !strings.Contains(got, "\n1 Ab 3x Qq") {
		t.Errorf("FormatText layout:\n%s", got)
	}
}

func TestAnswer(t *testing.T) {
	c := seedCard(t)
	parts, joined, err := c.Answer([]Cell{{0, 0}, {2, 2}, {4, 9}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(parts, []string{"Ab", "Jj", "zA"}) || joined != "AbJjzA" {
		t.Fatalf("Answer = %v %q", parts, joined)
	}
	if _, _, err := c.Answer([]Cell{{5, 0}}); !errors.Is(err, ErrCellOffCard) {
		t.Errorf("off card: %v", err)
	}
	if _, _, err := c.Answer(nil); !errors.Is(err, ErrEmptyChallenge) {
		t.Errorf("empty: %v", err)
	}

	ans, err := c.AnswerChallenge("ａ１、ｃ３・Ｊ５", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Joined != "AbJjzA" || !slices.Equal(ans.Names, []string{"A1", "C3", "J5"}) || len(ans.Cells) != 3 {
		t.Fatalf("AnswerChallenge = %+v", ans)
	}
	if _, err := c.AnswerChallenge("A1 B1 C1 D1", time.Time{}); !errors.Is(err, ErrCardHarvesting) {
		t.Errorf("four cells: %v", err)
	}
	if _, err := c.AnswerChallenge("A1 Q1", time.Time{}); !errors.Is(err, ErrCellOffCard) {
		t.Errorf("off card: %v", err)
	}
}

func TestAnswerChallengeRapid(t *testing.T) {
	c := seedCard(t)
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	for i, ch := range []string{"A1 B2 C3", "D4 E5 F1"} {
		ans, err := c.AnswerChallenge(ch, now.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		c.Record(now.Add(time.Duration(i)*time.Minute), ans.Cells)
	}
	_, err := c.AnswerChallenge("G2 H3 I4", now.Add(3*time.Minute))
	var he *HarvestError
	if !errors.As(err, &he) || he.Reason != HarvestRapidChallenges || he.Recent != 2 {
		t.Fatalf("third challenge in minutes: %v", err)
	}
	if _, err := c.AnswerChallenge("D4 E5 F1", now.Add(3*time.Minute)); err != nil {
		t.Errorf("retrying the same challenge: %v", err)
	}
	if _, err := c.AnswerChallenge("G2 H3 I4", now.Add(20*time.Minute)); err != nil {
		t.Errorf("after the window: %v", err)
	}
}

func TestCardJSONAndValidate(t *testing.T) {
	c := seedCard(t)
	c.Name, c.Label, c.Serial = "bank", "母の銀行", "No. 0042"
	c.Record(time.Date(2025, 1, 2, 3, 4, 5, 600, time.UTC), []Cell{{0, 0}, {1, 1}, {2, 2}})
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"id"`, `"cells"`, `"profile"`, `"cell_width":2`, `"exposure"`, `"card_id"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s: %s", key, b)
		}
	}
	var back Card
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if err := back.Validate(); err != nil {
		t.Fatal(err)
	}
	if back.ID != c.ID || back.Label != c.Label || back.Profile != c.Profile || len(back.Exposure.Events) != 1 ||
		!back.Exposure.Events[0].At.Equal(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Fatalf("round trip lost data: %+v", back)
	}
	if len(c.ID) != 32 {
		t.Errorf("ID %q is not 128 bits of hex", c.ID)
	}
	if other := seedCard(t); other.ID == c.ID {
		t.Error("two parsed cards share an ID")
	}

	bad := []struct {
		name     string
		change   func(*Card)
		sentinel error
	}{
		{"no ID", func(c *Card) { c.ID = "" }, ErrCardShape},
		{"missing row", func(c *Card) { c.Cells = c.Cells[:4] }, ErrCardShape},
		{"short row", func(c *Card) { c.Cells[1] = c.Cells[1][:3] }, ErrCardShape},
		{"bad cell", func(c *Card) { c.Cells[2][2] = "!!" }, ErrCellValue},
		{"foreign log", func(c *Card) { c.Exposure.CardID = "other" }, ErrCardMismatch},
		{"bad profile", func(c *Card) { c.Profile.Rows = 0 }, ErrInvalidProfile},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			var d Card
			if err := json.Unmarshal(b, &d); err != nil {
				t.Fatal(err)
			}
			tt.change(&d)
			if err := d.Validate(); !errors.Is(err, tt.sentinel) {
				t.Fatalf("Validate() = %v, want %v", err, tt.sentinel)
			}
		})
	}
	lower, err := ParseCard(mustProfile(t, "entrust-5x10"), strings.Repeat("A B C D E F G H 1 0\n", 5))
	if err != nil {
		t.Fatal(err)
	}
	lower.Cells[0][0] = "a"
	if err := lower.Validate(); !errors.Is(err, ErrCellValue) {
		t.Errorf("lower case in a case-insensitive card: %v", err)
	}
}

func TestCardMerge(t *testing.T) {
	mine := seedCard(t)
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	mine.Record(t0, []Cell{{0, 0}})
	theirs := mine
	theirs.Exposure.Events = nil
	theirs.Created = mine.Created.Add(-time.Hour)
	theirs.Name = "mum's bank"
	theirs.Record(t0, []Cell{{0, 0}})
	theirs.Record(t0.Add(time.Hour), []Cell{{1, 1}})
	if err := mine.Merge(theirs); err != nil {
		t.Fatal(err)
	}
	if len(mine.Exposure.Events) != 2 || mine.Name != "" || !mine.Created.Equal(theirs.Created) {
		t.Fatalf("merged card: %+v", mine)
	}
	stranger := seedCard(t)
	if err := mine.Merge(stranger); !errors.Is(err, ErrCardMismatch) {
		t.Errorf("merging another card: %v", err)
	}
	forged := theirs
	forged.Cells = slices.Clone(forged.Cells)
	forged.Cells[0] = slices.Clone(forged.Cells[0])
	forged.Cells[0][0] = "zz"
	if err := mine.Merge(forged); !errors.Is(err, ErrCardMismatch) {
		t.Errorf("same ID, other cells: %v", err)
	}
}
