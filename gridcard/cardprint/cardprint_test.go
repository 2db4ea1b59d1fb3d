package cardprint

import (
	"bytes"
	"errors"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/vault/oracletest"
)

// fonts are the fonts the product prints with: the BIZ UDGothic embedded
// in assets, never one read from the system.
func fonts(testing.TB) Fonts {
	return Fonts{Regular: assets.FontRegular}
}

// outDir is where a test keeps what it printed: $CARDPRINT_OUT if set (to
// look at the output), else a temporary directory.
func outDir(t *testing.T) string {
	if d := os.Getenv("CARDPRINT_OUT"); d != "" {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

func testCard(t testing.TB, profile string, seed byte) gridcard.Card {
	t.Helper()
	p, err := gridcard.ProfileByName(profile)
	if err != nil {
		t.Fatal(err)
	}
	var s [32]byte
	s[0] = seed
	c, err := gridcard.Generate(p, detReader(seed), gridcard.GenerateOptions{AllowWeak: true, AvoidLookAlikes: true})
	if err != nil {
		t.Fatal(err)
	}
	c.Name = "bank"
	return c
}

func pdftotext(t *testing.T, pdf string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		oracletest.SkipOnWindows(t, "pdftotext")
		t.Fatalf("pdftotext (poppler-utils) is needed to check printed cards: %v", err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", pdf, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

func TestPDFText(t *testing.T) {
	f := fonts(t)
	date := time.Date(2025, 4, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		profile string
		opt     Options
		label   string
		texts   []string
		pages   int
	}{
		{"wallet english", "alnum-5x10", Options{Label: "Example Bank", Date: date}, "Example Bank",
			[]string{"Printed 2025-04-01", "SECRET", "3 cells at most"}, 1},
		{"wallet japanese", "alnum-5x10", Options{Label: "母の銀行 乱数表", Lang: "ja", Date: date}, "母の銀行 乱数表",
			[]string{"印刷日 2025-04-01", "秘密情報", "3マスまで"}, 1},
		{"a4 copies", "bank-4x4", Options{Layout: A4, Copies: 10, Label: "Family card", Date: date}, "Family card",
			[]string{"This page holds 8 copies", "This page holds 2 copies", "shred"}, 2},
		{"a4 japanese entrust", "entrust-5x10", Options{Layout: A4, Copies: 3, Lang: "ja", Date: date}, "bank",
			[]string{"乱数表が3枚", "シュレッダー"}, 1},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testCard(t, tt.profile, byte(i))
			tt.opt.Fonts = f
			var buf bytes.Buffer
			if err := PDF(&buf, c, tt.opt); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(outDir(t), strings.ReplaceAll(tt.name, " ", "-")+".pdf")
			if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			text := pdftotext(t, path)
			if got := strings.Count(text, "\f"); got != tt.pages {
				t.Errorf("%d pages, want %d", got, tt.pages)
			}
			copies := max(1, tt.opt.Copies)
			words := strings.Fields(text)
			if n := strings.Count(text, tt.label); n != copies {
				t.Errorf("label %q appears %d times, want %d", tt.label, n, copies)
			}
			if n := strings.Count(text, c.Serial); n != copies {
				t.Errorf("serial %q appears %d times, want %d", c.Serial, n, copies)
			}
			for _, s := range tt.texts {
				if !strings.Contains(text, s) {
					t.Errorf("PDF text lacks %q", s)
				}
			}
			// Every cell appears as a word, in row order, on each copy.
			count := map[string]int{}
			for _, w := range words {
				count[w]++
			}
			need := map[string]int{}
			for _, row := range c.Cells {
				for _, v := range row {
					need[v] += copies
				}
			}
			for v, n := range need {
				if count[v] < n {
					t.Errorf("cell %q appears %d times, want %d", v, count[v], n)
				}
			}
			// Each row reads in order on one line: row label then its cells.
			for r, row := range c.Cells {
				line := c.Profile.RowLabel(r) + " " + strings.Join(row, " ")
				if n := countLines(text, line); n != copies {
					t.Errorf("row %q found on %d lines, want %d", line, n, copies)
				}
			}
			if n := countLines(text, strings.Join(colLabels(c.Profile), " ")); n != copies {
				t.Errorf("column labels found on %d lines, want %d", n, copies)
			}
		})
	}
}

func colLabels(p gridcard.Profile) []string {
	var out []string
	for j := 0; j < p.Cols; j++ {
		out = append(out, p.ColLabel(j))
	}
	return out
}

// countLines counts the copies of line in text, two cards side by side
// being one line of pdftotext's layout output.
func countLines(text, line string) int {
	n := 0
	for _, l := range strings.Split(text, "\n") {
		n += strings.Count(strings.Join(strings.Fields(l), " "), line)
	}
	return n
}

func TestPNG(t *testing.T) {
	f := fonts(t)
	date := time.Date(2025, 4, 1, 10, 0, 0, 0, time.UTC)
	dir := outDir(t)
	for _, tt := range []struct {
		name string
		opt  Options
		w, h int
	}{
		{"wallet", Options{Label: "母の銀行 (Example Bank)", Lang: "ja", Date: date, DPI: 300}, 1200, 827},
		{"a4", Options{Layout: A4, Copies: 4, Label: "Family card", Date: date, DPI: 100}, 827, 1169},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := testCard(t, "alnum-5x10", 9)
			tt.opt.Fonts = f
			var buf bytes.Buffer
			if err := PNG(&buf, c, tt.opt); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h {
				t.Errorf("size %v, want %d×%d", b, tt.w, tt.h)
			}
			// ink: a printed card is mostly white with some black
			dark := 0
			b := img.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y += 2 {
				for x := b.Min.X; x < b.Max.X; x += 2 {
					if r, _, _, _ := img.At(x, y).RGBA(); r < 0x4000 {
						dark++
					}
				}
			}
			share := float64(dark) / float64(b.Dx()*b.Dy()/4)
			if share < 0.005 || share > 0.3 {
				t.Errorf("%.1f%% of the image is dark", 100*share)
			}
			if err := os.WriteFile(filepath.Join(dir, tt.name+".png"), buf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestPrintErrors(t *testing.T) {
	f := fonts(t)
	c := testCard(t, "alnum-5x10", 1)
	big := c
	big.Profile.Rows, big.Profile.Cols = 40, 40
	bigGen, err := gridcard.Generate(big.Profile, detReader(3), gridcard.GenerateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	huge := c.Profile
	huge.Rows, huge.Cols = 100, 100
	hugeGen, err := gridcard.Generate(huge, detReader(4), gridcard.GenerateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	broken := c
	broken.Cells = broken.Cells[:2]
	tests := []struct {
		name string
		card gridcard.Card
		opt  Options
		want error
	}{
		{"no font", c, Options{}, ErrNoFont},
		{"not a font", c, Options{Fonts: Fonts{Regular: []byte("not a font")}}, ErrBadFont},
		{"zero copies", c, Options{Fonts: f, Layout: A4, Copies: -1}, ErrBadOptions},
		{"too many copies", c, Options{Fonts: f, Layout: A4, Copies: MaxCopies + 1}, ErrBadOptions},
		{"wallet copies", c, Options{Fonts: f, Copies: 2}, ErrBadOptions},
		{"bad layout", c, Options{Fonts: f, Layout: "letter"}, ErrBadOptions},
		{"bad language", c, Options{Fonts: f, Lang: "fr"}, ErrBadOptions},
		{"grid too big for wallet", bigGen, Options{Fonts: f}, ErrDoesNotFit},
		{"grid too big for A4", hugeGen, Options{Fonts: f, Layout: A4}, ErrDoesNotFit},
		{"invalid card", broken, Options{Fonts: f}, gridcard.ErrCardShape},
		{"label the font cannot draw", c, Options{Fonts: f, Label: "\U0001F600 bank"}, ErrBadFont},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := PDF(&buf, tt.card, tt.opt); !errors.Is(err, tt.want) {
				t.Errorf("PDF: %v, want %v", err, tt.want)
			}
			if err := PNG(&buf, tt.card, tt.opt); !errors.Is(err, tt.want) {
				t.Errorf("PNG: %v, want %v", err, tt.want)
			}
		})
	}
	// A 40 × 40 grid still prints on A4, as one wide card.
	var buf bytes.Buffer
	if err := PDF(&buf, bigGen, Options{Fonts: f, Layout: A4, Copies: 2}); err != nil {
		t.Fatalf("40 × 40 on A4: %v", err)
	}
	path := filepath.Join(outDir(t), "a4-40x40.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	text := pdftotext(t, path)
	if n := strings.Count(text, "\f"); n != 2 {
		t.Errorf("two 40 × 40 cards take %d pages, want 2 (one each)", n)
	}
	if n := countLines(text, "40 "+strings.Join(bigGen.Cells[39], " ")); n != 2 {
		t.Errorf("last row found %d times, want 2", n)
	}
}

func BenchmarkPDFWallet(b *testing.B) {
	f := fonts(b)
	c := testCard(b, "alnum-5x10", 1)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := PDF(&buf, c, Options{Fonts: Fonts{Regular: f.Regular}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}
