package cli

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/oracletest"
	"github.com/mamori-app/mamori/vault/private/privatetest"
)

// testCardRows is a 5 × 10 card of two case-sensitive characters a cell, as
// printed on paper; a1, c3 and j5 hold "Qr", "da" and "E7".
var testCardRows = [][]string{
	{"Qr", "tt", "RS", "At", "Kp", "1S", "Tg", "UP", "pf", "Ld"},
	{"vR", "Me", "KH", "Im", "vu", "Lz", "QB", "nu", "TD", "EU"},
	{"J2", "9W", "da", "l9", "Xc", "gG", "Sm", "Il", "Hq", "0N"},
	{"yC", "lb", "qY", "AM", "z6", "5w", "5l", "Y2", "Wy", "wc"},
	{"jB", "xT", "k5", "AF", "Te", "tE", "RK", "V5", "CY", "E7"},
}

// testCardText is the card typed with column labels and row labels.
func testCardText() string {
	var b strings.Builder
	b.WriteString("   A  B  C  D  E  F  G  H  I  J\n")
	for i, row := range testCardRows {
		b.WriteString(string(rune('1'+i)) + ": " + strings.Join(row, " ") + "\n")
	}
	return b.String()
}

// cell is the content of a cell named like "C3".
func cell(name string) string {
	return testCardRows[name[1]-'1'][name[0]-'A']
}

// gridCard decodes "grid list --json" and returns the card named name.
func (h *harness) gridCard(name string) gridJSON {
	h.t.Helper()
	var out []gridJSON
	decodeOne(h.t, h.ok("", "grid", "list", "--json").stdout, &out)
	for _, c := range out {
		if c.Name == name {
			return c
		}
	}
	h.t.Fatalf("no card %q in %+v", name, out)
	return gridJSON{}
}

func TestGridSetAndAnswer(t *testing.T) {
	h := newHarness(t)
	r := h.ok(testCardText(), "grid", "set", "bank", "--label", "Example Bank")
	// The preview is the card as read, to compare with the paper.
	for _, row := range testCardRows {
		if !strings.Contains(r.stderr, strings.Join(row, " ")) {
			t.Errorf("preview lacks row %v:\n%s", row, r.stderr)
		}
	}
	if r.stdout != "" || !strings.Contains(r.stderr, "entered grid card bank (alnum-5x10") || !strings.Contains(r.stderr, "35.7 bits") {
		t.Errorf("grid set: %q / %q", r.stdout, r.stderr)
	}
	show := h.ok("", "grid", "show", "bank").stdout
	if lines := strings.Split(strings.TrimSpace(show), "\n"); len(lines) != 6 || !strings.HasPrefix(strings.TrimSpace(lines[0]), "A") ||
		strings.Join(strings.Fields(lines[3])[1:], " ") != strings.Join(testCardRows[2], " ") {
		t.Errorf("grid show:\n%s", show)
	}

	want := cell("A1") + cell("C3") + cell("J5")
	if want != "QrdaE7" {
		t.Fatalf("fixture: %q", want)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"A1 C3 J5"}, want},
		{[]string{"a1, c3, j5"}, want},
		{[]string{"[A1][C3][J5]"}, want},
		{[]string{"A-1 C-3 J-5"}, want},
		{[]string{"1A 3C 5J"}, want},
		{[]string{"Ａ１　Ｃ３　Ｊ５"}, want},
		{[]string{"A1、C3・J5"}, want},
		{[]string{"A1", "C3", "J5"}, want},
		{[]string{"J5 A1 C3"}, cell("J5") + cell("A1") + cell("C3")},
		{[]string{"B2"}, cell("B2")},
		{[]string{"H3 h3"}, cell("H3") + cell("H3")},
	} {
		// Minutes apart, so the rapid-challenge guard stays out of the way.
		h.now = h.now.Add(11 * time.Minute)
		r := h.ok("", append([]string{"grid", "answer", "bank"}, tc.args...)...)
		if r.stdout != tc.want+"\n" {
			t.Errorf("answer %q = %q, want %q", tc.args, r.stdout, tc.want)
		}
		if !strings.Contains(r.stderr, "upper and lower case differ") || !strings.Contains(r.stderr, "revealed") {
			t.Errorf("answer %q stderr: %q", tc.args, r.stderr)
		}
	}
	// Every answer was logged with the card's exposure; the same cells at
	// the same second count once.
	h.now = h.now.Add(11 * time.Minute)
	for range 2 {
		if r := h.ok("", "grid", "answer", "bank", "A1 C3 J5"); !strings.Contains(r.stderr, "bank: A1 = Qr   C3 = da   J5 = E7") ||
			!strings.Contains(r.stderr, "12 challenges answered so far, 5 of 50 cells revealed") {
			t.Errorf("cells on stderr: %q", r.stderr)
		}
	}
	c := h.gridCard("bank")
	if c.Answered != 12 || c.Revealed != 5 || c.Total != 50 || c.Label != "Example Bank" || c.Profile != "alnum-5x10" || c.Generated {
		t.Errorf("grid list --json after answers = %+v", c)
	}
	raw := h.ok("", "grid", "list", "--json").stdout
	for _, row := range testCardRows {
		for _, v := range row {
			if strings.Contains(raw, `"`+v+`"`) {
				t.Errorf("grid list --json shows cell %q:\n%s", v, raw)
			}
		}
	}
	var exp exposureJSON
	decodeOne(t, h.ok("", "grid", "exposure", "bank", "--json").stdout, &exp)
	// RevealedCells is ordered by row, then column.
	if exp.Answered != 12 || exp.Revealed != 5 || exp.Total != 50 || strings.Join(exp.RevealedCells, " ") != "A1 B2 C3 H3 J5" || len(exp.Events) != 12 {
		t.Errorf("exposure --json = %+v", exp)
	}

	// --no-record changes nothing.
	before := h.snapshot()
	if r := h.ok("", "grid", "answer", "bank", "D4", "--no-record", "--allow-rapid"); r.stdout != cell("D4")+"\n" || !strings.Contains(r.stderr, "not recorded") {
		t.Errorf("--no-record: %q / %q", r.stdout, r.stderr)
	}
	h.sameSnapshot(before, "answer --no-record")

	// Entering the card again keeps its identity and log.
	id := c.ID
	r = h.ok(strings.ReplaceAll(testCardText(), "Qr", "Qs"), "grid", "set", "BANK")
	if !strings.Contains(r.stderr, "its identity and the log of 12 answered challenges are kept") {
		t.Errorf("re-enter: %q", r.stderr)
	}
	c = h.gridCard("bank")
	if c.ID != id || c.Answered != 12 || c.Label != "Example Bank" {
		t.Errorf("re-entered card = %+v, want id %s and its log", c, id)
	}
	if r := h.ok("", "grid", "answer", "bank", "A1"); r.stdout != "Qs\n" {
		t.Errorf("answer after re-entry = %q", r.stdout)
	}
}

func TestGridPhishingGuard(t *testing.T) {
	h := newHarness(t)
	h.ok(testCardText(), "grid", "set", "bank")
	// Four different cards answered at the same moment would also trip the
	// rapid guard; each case below is refused for its own reason first.
	before := h.snapshot()
	for _, tc := range []struct {
		challenge string
		want      []string
	}{
		{"A1 B1 C1 D1", []string{"Refused: this asks for 4 cells, but a login with this card asks for 3.", "card-harvesting scams"}},
		{"A1 A2 A3 A4 A5 B1 B2 B3 B4 B5 C1 C2 C3 C4 C5 D1 D2 D3 D4 D5 E1 E2 E3 E4 E5 F1", []string{"Refused: this asks for 26 of the card's 50 cells.", "card-harvesting scams"}},
		{"K1", []string{"K1 is not on this card: it has columns A–J and rows 1–5.", `such as "A1 C3 J5"`}},
		{"A6", []string{"A6 is not on this card"}},
		{"A1 and C3", []string{`“and” is not a cell.`}},
		{"", []string{"Type the cells the site asks for"}},
	} {
		r := h.fails(exitFailure, append(tc.want, "hint: "), "", "grid", "answer", "bank", tc.challenge)
		for _, row := range testCardRows {
			for _, v := range row {
				if strings.Contains(r.stderr, " "+v+" ") || strings.Contains(r.stderr, "= "+v) {
					t.Errorf("refused challenge %q shows cell %q:\n%s", tc.challenge, v, r.stderr)
				}
			}
		}
	}
	h.sameSnapshot(before, "refused challenges")

	// Several different challenges in a few minutes: a fake site "failing" on purpose.
	h.ok("", "grid", "answer", "bank", "A1 C3 J5")
	h.ok("", "grid", "answer", "bank", "B2 D4 F1")
	h.ok("", "grid", "answer", "bank", "A1 C3 J5") // a retry of the same challenge is fine
	before = h.snapshot()
	h.fails(exitFailure, []string{"2 different challenges were answered in the last 10 minutes", "--allow-rapid"}, "", "grid", "answer", "bank", "E2 G3 H4")
	h.sameSnapshot(before, "rapid challenge")
	if r := h.ok("", "grid", "answer", "bank", "E2 G3 H4", "--allow-rapid"); r.stdout != cell("E2")+cell("G3")+cell("H4")+"\n" {
		t.Errorf("--allow-rapid = %q", r.stdout)
	}

	// Japanese: the scam warning in Japanese.
	h.env["LANG"] = "ja_JP.UTF-8"
	noKeys(t, h.fails(exitFailure, []string{"回答を止めました", "詐欺の手口"}, "", "grid", "answer", "bank", "A1 B1 C1 D1"))

	// A bank card of 16 cells: 9 cells is most of the card.
	h.env["LANG"] = "C"
	h.ok("12 34 56 78\n90 12 34 56\n78 90 12 34\n56 78 90 12\n", "grid", "set", "mum", "--profile", "bank-4x4")
	h.fails(exitFailure, []string{"asks for 9 of the card's 16 cells"}, "", "grid", "answer", "mum", "A1 B1 C1 D1 A2 B2 C2 D2 A3")
}

func TestGridSetErrors(t *testing.T) {
	h := newHarness(t)
	h.ok(testCardText(), "grid", "set", "bank")
	before := h.snapshot()
	rows := strings.Split(testCardText(), "\n")
	bad := func(line int, text string) string {
		r := append([]string(nil), rows...)
		r[line-1] = text
		return strings.Join(r, "\n")
	}
	for _, tc := range []struct {
		stdin string
		args  []string
		code  int
		want  []string
	}{
		{bad(4, "3: J2 9W da l9 Xc gG Sm Il"), nil, exitFailure, []string{"Line 4 does not fit: the card has 5 rows of 10 cells"}},
		{bad(4, "3: J2 9W dax l9 Xc gG Sm Il Hq 0N"), nil, exitFailure, []string{"Line 4, cell C3: each cell has 2 characters, this one 3."}},
		{bad(6, "5: jB xT k5 AF Te tE RK V5 C! E7"), nil, exitFailure, []string{"Line 6, cell I5: a character this kind of card does not use. Cells hold letters A–Z, a–z and digits."}},
		{strings.Join(rows[:4], "\n"), nil, exitFailure, []string{"Type or paste all 5 rows of 10 cells"}},
		{"", nil, exitFailure, []string{"Type or paste all"}},
		{testCardText(), []string{"--profile", "nosuch"}, exitUsage, []string{`there is no grid card profile "nosuch"`, "alnum-5x10"}},
		{testCardText(), []string{"--alphabet", "emoji"}, exitUsage, []string{"--alphabet takes digits"}},
		{testCardText(), []string{"--rows", "0"}, exitUsage, []string{"A card has 1 to 100 rows."}},
	} {
		r := h.fails(tc.code, append(tc.want, "hint: "), tc.stdin, append([]string{"grid", "set", "new"}, tc.args...)...)
		if strings.Contains(r.stderr, "dax") || strings.Contains(r.stderr, "C!") {
			t.Errorf("the typed cell is repeated:\n%s", r.stderr)
		}
		// The same refusal for an existing card leaves it as it was.
		h.fails(tc.code, tc.want, tc.stdin, append([]string{"grid", "set", "bank"}, tc.args...)...)
	}
	h.fails(exitFailure, []string{`No grid card matches "nosuch".`, "mamori grid list"}, "", "grid", "answer", "nosuch", "A1")
	h.sameSnapshot(before, "refused grid set")

	// Japanese.
	h.env["LANG"] = "ja_JP.UTF-8"
	noKeys(t, h.fails(exitFailure, []string{"4 行目のマス C3: 1 マスは 2 文字ですが、3 文字あります"}, bad(4, "3: J2 9W dax l9 Xc gG Sm Il Hq 0N"), "grid", "set", "x"))
}

func TestGridNew(t *testing.T) {
	h := newHarness(t)
	r := h.ok("", "grid", "new", "family", "--label", "母の銀行")
	if !strings.Contains(r.stderr, "made grid card family (alnum-5x10") || !strings.Contains(r.stderr, "a challenge of 3 cells is 35.7 bits to guess (a 6-digit code: 19.9 bits)") {
		t.Errorf("grid new: %q", r.stderr)
	}
	c := h.gridCard("family")
	if !c.Generated || c.Label != "母の銀行" || c.Serial == "" || c.Rows != 5 || c.Cols != 10 || math.Abs(c.EntropyBits-35.73) > 0.01 {
		t.Errorf("generated card = %+v", c)
	}
	// It answers like any card.
	show := h.ok("", "grid", "show", "family").stdout
	row1 := strings.Fields(strings.Split(show, "\n")[1])
	if r := h.ok("", "grid", "answer", "family", "A1 C1"); r.stdout != row1[1]+row1[3]+"\n" {
		t.Errorf("answer from a generated card = %q, row 1 %v", r.stdout, row1)
	}

	before := h.snapshot()
	h.fails(exitFailure, []string{`A card called “FAMILY” is already in the vault.`}, "", "grid", "new", "FAMILY")
	r = h.fails(exitFailure, []string{"15.5 bits to guess, easier than a 6-digit code (19.9 bits)", "--cell 2", "--allow-weak"}, "", "grid", "new", "weak", "--profile", "entrust-5x10")
	h.fails(exitFailure, []string{"easier than a 6-digit code"}, "", "grid", "new", "weak", "--rows", "4", "--cols", "4", "--cell", "1", "--alphabet", "digits")
	h.fails(exitUsage, []string{"wrong number of arguments"}, "", "grid", "new")
	h.sameSnapshot(before, "refused grid new")
	noKeys(t, r)

	r = h.ok("", "grid", "new", "weak", "--profile", "entrust-5x10", "--allow-weak")
	if !strings.Contains(r.stderr, "warning: a challenge of this card is easier to guess than a 6-digit code") {
		t.Errorf("weak card: %q", r.stderr)
	}

	// A custom shape, without look-alikes.
	h.ok("", "grid", "new", "custom", "--rows", "8", "--cols", "8", "--cell", "3", "--alphabet", "alnum-case", "--asked", "4", "--avoid-lookalikes")
	c = h.gridCard("custom")
	if c.Rows != 8 || c.Cols != 8 || c.CellWidth != 3 || c.Asked != 4 || c.Profile != "custom" || c.Alphabet != "custom" {
		t.Errorf("custom card = %+v", c)
	}
	grid := h.ok("", "grid", "show", "custom").stdout
	cells := strings.Join(strings.Split(grid, "\n")[1:], "\n")
	if strings.ContainsAny(cells, "OoIl") {
		t.Errorf("look-alikes on the card:\n%s", grid)
	}

	// rm.
	h.ok("", "grid", "rm", "weak")
	var out []gridJSON
	decodeOne(t, h.ok("", "grid", "list", "--json").stdout, &out)
	if len(out) != 2 {
		t.Errorf("after rm: %+v", out)
	}
	h.fails(exitFailure, []string{`No grid card matches "weak".`}, "", "grid", "rm", "weak")
}

func pdftotext(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		oracletest.SkipOnWindows(t, "pdftotext")
		t.Fatalf("pdftotext is the oracle for printed cards (Debian/Ubuntu: apt-get install poppler-utils): %v", err)
	}
	out, err := exec.Command(bin, "-layout", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", path, err, out)
	}
	return string(out)
}

func TestGridPrint(t *testing.T) {
	h := newHarness(t)
	h.ok(testCardText(), "grid", "set", "bank", "--label", "Example Bank")
	dir := t.TempDir()

	pdf := filepath.Join(dir, "card.pdf")
	r := h.ok("", "grid", "print", "bank", "--out", pdf)
	if r.stdout != "" || !strings.Contains(r.stderr, "wrote grid card bank to "+pdf) || !strings.Contains(r.stderr, "warning: "+pdf+" and every paper printed from it are copies of the secret") {
		t.Errorf("print: %q / %q", r.stdout, r.stderr)
	}
	defer privatetest.Require(t, pdf)
	text := pdftotext(t, pdf)
	words := map[string]int{}
	for _, w := range strings.Fields(text) {
		words[w]++
	}
	if !strings.Contains(text, "Example Bank") || !strings.Contains(text, "2009-02-1") {
		t.Errorf("the PDF lacks the label or the date:\n%s", text)
	}
	for _, row := range testCardRows {
		for _, v := range row {
			if words[v] == 0 {
				t.Errorf("the PDF lacks cell %q:\n%s", v, text)
			}
		}
	}

	// Japanese texts, another label, A4 with copies.
	a4 := filepath.Join(dir, "a4.pdf")
	h.ok("", "grid", "print", "bank", "--out", a4, "--layout", "a4", "--copies", "3", "--label", "母の銀行", "--lang", "ja")
	text = pdftotext(t, a4)
	if n := strings.Count(text, "母の銀行"); n != 3 {
		t.Errorf("A4 with 3 copies shows the label %d times:\n%s", n, text)
	}
	if strings.Count(text, "Qr") < 3 {
		t.Errorf("A4 copies lack the cells:\n%s", text)
	}

	// The contract's form: --copies without --layout prints on A4.
	copies := filepath.Join(dir, "copies.pdf")
	h.ok("", "grid", "print", "bank", "--out", copies, "--copies", "3")
	text = pdftotext(t, copies)
	if n := strings.Count(text, "Example Bank"); n != 3 {
		t.Errorf("--copies 3 without --layout shows the label %d times:\n%s", n, text)
	}

	// PNG: a wallet card is a bank card (ISO/IEC 7810 ID-1, 85.6 × 53.98 mm)
	// with 8 mm around it for cut marks, at 300 dpi.
	img := filepath.Join(dir, "card.png")
	h.ok("", "grid", "print", "bank", "--out", img)
	b, err := os.ReadFile(img)
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the PNG does not decode: %v", err)
	}
	wantW := int(math.Round((85.6 + 16) / 25.4 * 300))
	wantH := int(math.Round((53.98 + 16) / 25.4 * 300))
	if got := decoded.Bounds(); got.Dx() != wantW || got.Dy() != wantH {
		t.Errorf("PNG is %d×%d, want %d×%d", got.Dx(), got.Dy(), wantW, wantH)
	}

	before := h.snapshot()
	for _, tc := range []struct {
		code int
		args []string
		want string
	}{
		{exitUsage, []string{"grid", "print", "bank"}, "needs --out FILE.pdf"},
		{exitUsage, []string{"grid", "print", "bank", "--out", filepath.Join(dir, "card.txt")}, "must end in .pdf or .png"},
		{exitUsage, []string{"grid", "print", "bank", "--out", filepath.Join(dir, "x.pdf"), "--layout", "wallet", "--copies", "2"}, "--copies needs --layout a4"},
		{exitUsage, []string{"grid", "print", "bank", "--out", filepath.Join(dir, "x.pdf"), "--layout", "a4", "--copies", "101"}, "--copies takes 1 to 100"},
		{exitUsage, []string{"grid", "print", "bank", "--out", filepath.Join(dir, "x.pdf"), "--layout", "letter"}, "--layout takes wallet or a4"},
		{exitUsage, []string{"grid", "print", "bank", "--out", filepath.Join(dir, "x.pdf"), "--lang", "de"}, "--lang takes ja or en"},
		{exitFailure, []string{"grid", "print", "bank", "--out", pdf}, "already exists; it was not overwritten"},
		{exitFailure, []string{"grid", "print", "nosuch", "--out", filepath.Join(dir, "x.pdf")}, "No grid card matches"},
	} {
		h.fails(tc.code, []string{tc.want}, "", tc.args...)
	}
	h.sameSnapshot(before, "refused prints")
	if entries, _ := os.ReadDir(dir); len(entries) != 4 {
		t.Errorf("refused prints left files: %v", entries)
	}
	h.ok("", "grid", "print", "bank", "--out", pdf, "--force", "--label", "Overwritten")
	if text := pdftotext(t, pdf); !strings.Contains(text, "Overwritten") {
		t.Errorf("--force did not overwrite:\n%s", text)
	}
}

// TestGridAxisLabels enters cards whose axes are labelled other than
// columns A, B, C… and rows 1, 2, 3…, and answers from them.
func TestGridAxisLabels(t *testing.T) {
	h := newHarness(t)
	// A bank card with both axes numbered: "2-3" is column 2, row 3.
	numbered := "11 12 13 14\n21 22 23 24\n31 32 33 34\n41 42 43 44\n"
	h.ok(numbered, "grid", "set", "pin", "--profile", "bank-4x4", "--col-labels", "numbers")
	if c := h.gridCard("pin"); c.Profile != "custom" || c.Rows != 4 || c.Cols != 4 {
		t.Errorf("a numbered card is not marked custom: %+v", c)
	}
	if r := h.ok("", "grid", "answer", "pin", "2-3 4-1"); r.stdout != "3214\n" {
		t.Errorf("both numbered, column first: 2-3 4-1 = %q, want 3214", r.stdout)
	}
	h.ok(numbered, "grid", "set", "rowfirst", "--profile", "bank-4x4", "--col-labels", "numbers", "--order", "row-first")
	if r := h.ok("", "grid", "answer", "rowfirst", "2-3 4-1"); r.stdout != "2341\n" {
		t.Errorf("both numbered, row first: 2-3 4-1 = %q, want 2341", r.stdout)
	}

	// Rows lettered, columns numbered: "C3" is row C, column 3, and "A5"
	// is row A, column 5 (on a default card it would be row 5, column A).
	var rows strings.Builder
	for _, row := range testCardRows {
		rows.WriteString(strings.Join(row, " ") + "\n")
	}
	h.ok(rows.String(), "grid", "set", "lettered", "--row-labels", "letters", "--col-labels", "numbers")
	if r := h.ok("", "grid", "answer", "lettered", "C3"); r.stdout != testCardRows[2][2]+"\n" {
		t.Errorf("lettered rows: C3 = %q", r.stdout)
	}
	if r := h.ok("", "grid", "answer", "lettered", "A5 E10"); r.stdout != testCardRows[0][4]+testCardRows[4][9]+"\n" {
		t.Errorf("lettered rows: A5 E10 = %q, want %s%s", r.stdout, testCardRows[0][4], testCardRows[4][9])
	}
	h.fails(exitFailure, []string{"F1"}, "", "grid", "answer", "lettered", "F1")

	// A generated card whose case rule is not its alphabet's usual one.
	h.ok("", "grid", "new", "upper", "--alphabet", "alnum", "--case", "sensitive")
	if c := h.gridCard("upper"); !c.CaseSensitive || c.Profile != "custom" {
		t.Errorf("--case insensitive: %+v", c)
	}

	before := h.snapshot()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--row-labels", "roman"}, "--row-labels takes letters or numbers"},
		{[]string{"--col-labels", ""}, "--col-labels takes letters or numbers"},
		{[]string{"--order", "diagonal"}, "--order takes column-first (as in C3) or row-first (as in 3C)"},
		{[]string{"--case", "upper"}, "--case takes sensitive or insensitive"},
		{[]string{"--case", "insensitive"}, "When case does not matter"},
	} {
		h.fails(exitUsage, []string{tc.want}, "", append([]string{"grid", "new", "bad"}, tc.args...)...)
		h.fails(exitUsage, []string{tc.want}, numbered, append([]string{"grid", "set", "bad"}, tc.args...)...)
	}
	h.sameSnapshot(before, "refused label schemes")

	// In Japanese too.
	h.env["LANG"] = "ja_JP.UTF-8"
	r := h.fails(exitUsage, nil, "", "grid", "new", "bad", "--order", "diagonal")
	if !strings.Contains(r.stderr, "--order には column-first") {
		t.Errorf("Japanese --order error: %q", r.stderr)
	}
}
