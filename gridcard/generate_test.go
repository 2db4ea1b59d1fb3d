package gridcard

import (
	"bytes"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// newDetReader is a deterministic stand-in for crypto/rand, so statistics
// tests give the same numbers on every run.
func newDetReader(seed byte) io.Reader {
	var s [32]byte
	s[0] = seed
	return rand.NewChaCha8(s)
}

func TestGenerate(t *testing.T) {
	p := mustProfile(t, DefaultProfileName)
	now := time.Date(2025, 5, 6, 7, 8, 9, 10, time.UTC)
	c, err := Generate(p, newDetReader(7), GenerateOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if !c.Generated || c.Serial != SerialFromID(c.ID) || len(c.Serial) != 9 || c.Exposure.CardID != c.ID ||
		!c.Created.Equal(now.Truncate(time.Second)) {
		t.Fatalf("card metadata: %+v", c)
	}
	again, _ := Generate(p, newDetReader(7), GenerateOptions{Now: now})
	if again.ID != c.ID || again.FormatText() != c.FormatText() {
		t.Error("the same random stream gave different cards")
	}
	real1, err := Generate(p, nil, GenerateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	real2, _ := Generate(p, nil, GenerateOptions{})
	if real1.ID == real2.ID || real1.FormatText() == real2.FormatText() {
		t.Error("crypto/rand gave two equal cards")
	}
}

func TestGenerateLookAlikes(t *testing.T) {
	tests := []struct{ in, want string }{
		{AlphabetAlnumCase, strings.NewReplacer("O", "", "o", "", "I", "", "l", "").Replace(AlphabetAlnumCase)},
		{AlphabetAlnum, strings.NewReplacer("O", "", "I", "").Replace(AlphabetAlnum)},
		{AlphabetDigits, AlphabetDigits},
		{AlphabetUpper, AlphabetUpper}, // O alone and I alone are not confused with anything here
		{"Ol1", "O1"},
	}
	for _, tt := range tests {
		if got := WithoutLookAlikes(tt.in); got != tt.want {
			t.Errorf("WithoutLookAlikes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	p := mustProfile(t, DefaultProfileName)
	c, err := Generate(p, newDetReader(3), GenerateOptions{AvoidLookAlikes: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(strings.Join(flatten(c.Cells), ""), "OoIl") || c.Profile.AlphabetSize() != 58 {
		t.Fatalf("look-alikes left: %v", c.Cells)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestGenerateRefusesWeak(t *testing.T) {
	p := mustProfile(t, "entrust-5x10")
	_, err := Generate(p, nil, GenerateOptions{})
	if !errors.Is(err, ErrWeakProfile) || !strings.Contains(err.Error(), "cell width 2") {
		t.Fatalf("weak profile: %v", err)
	}
	if _, err := Generate(p, nil, GenerateOptions{AllowWeak: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(Profile{}, nil, GenerateOptions{}); !errors.Is(err, ErrInvalidProfile) {
		t.Fatalf("invalid profile: %v", err)
	}
	// Removing look-alikes can leave too few symbols.
	tiny := Profile{Rows: 2, Cols: 2, CellWidth: 8, Alphabet: "0O", Asked: 2}
	if _, err := Generate(tiny, nil, GenerateOptions{AvoidLookAlikes: true}); !errors.Is(err, ErrInvalidProfile) {
		t.Fatalf("alphabet emptied by look-alikes: %v", err)
	}
}

func TestGenerateBrokenSource(t *testing.T) {
	p := mustProfile(t, DefaultProfileName)
	for name, r := range map[string]io.Reader{
		"empty":         bytes.NewReader(nil),
		"short":         bytes.NewReader(make([]byte, 20)),
		"stuck at 0xFF": bytes.NewReader(bytes.Repeat([]byte{0xFF}, 100000)),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Generate(p, r, GenerateOptions{}); !errors.Is(err, ErrRandomSource) {
				t.Fatalf("Generate = %v, want ErrRandomSource", err)
			}
		})
	}
}

// cycleReader returns 0, 1, …, 255 over and over.
type cycleReader struct{ n byte }

func (c *cycleReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = c.n
		c.n++
	}
	return len(p), nil
}

// TestSamplerNoModuloBias feeds every byte value equally often: with
// rejection sampling every symbol then comes out exactly equally often,
// where "byte % n" would favour the low symbols.
func TestSamplerNoModuloBias(t *testing.T) {
	for _, n := range []int{2, 10, 36, 58, 62, 100, 255, 256, 300, 1000} {
		s := &sampler{r: &cycleReader{}}
		counts := make([]int, n)
		draws := n * 64
		if n > 256 {
			draws = n * 4
		}
		for range draws {
			v, err := s.intn(n)
			if err != nil {
				t.Fatal(err)
			}
			counts[v]++
		}
		if n <= 256 {
			for v, c := range counts {
				if c != draws/n {
					t.Fatalf("n=%d: symbol %d drawn %d times, want exactly %d", n, v, c, draws/n)
				}
			}
		}
	}
}

func flatten(cells [][]string) []string {
	var out []string
	for _, r := range cells {
		out = append(out, r...)
	}
	return out
}

// TestGenerationStatistics draws many cards from a fixed random stream and
// checks that every symbol appears and that the counts pass a chi-square
// test with a generous bound. The stream is deterministic, so the test
// cannot flake; it catches a biased sampler, a dropped symbol or a cell
// that is not drawn at all.
func TestGenerationStatistics(t *testing.T) {
	kanji := make([]rune, 300) // an alphabet larger than a byte
	for i := range kanji {
		kanji[i] = rune(0x4E00 + i)
	}
	tests := []struct {
		name  string
		p     Profile
		cards int
	}{
		{"seed profile", mustProfile(t, DefaultProfileName), 1000},
		{"bank digits", mustProfile(t, "bank-4x4"), 2000},
		{"alnum 36", func() Profile { p := mustProfile(t, "entrust-5x10"); return p }(), 1000},
		{"300 kanji", Profile{Rows: 10, Cols: 10, CellWidth: 2, Alphabet: string(kanji), Asked: 3, Case: CaseInsensitive}, 300},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newDetReader(byte(100 + i))
			counts := map[rune]int{}
			// position counts catch a cell or a character slot that is stuck
			pos := make([]map[rune]int, tt.p.Size())
			for k := range pos {
				pos[k] = map[rune]int{}
			}
			total := 0
			for range tt.cards {
				c, err := Generate(tt.p, r, GenerateOptions{AllowWeak: true})
				if err != nil {
					t.Fatal(err)
				}
				for k, v := range flatten(c.Cells) {
					for _, s := range v {
						counts[s]++
						pos[k][s]++
						total++
					}
				}
			}
			syms := tt.p.symbols()
			if len(counts) != len(syms) {
				t.Fatalf("%d of %d symbols appeared", len(counts), len(syms))
			}
			expected := float64(total) / float64(len(syms))
			chi := 0.0
			for _, s := range syms {
				d := float64(counts[s]) - expected
				chi += d * d / expected
			}
			// Generous: the mean is df and the sd sqrt(2·df); allow 6 sd.
			df := float64(len(syms) - 1)
			if bound := df + 6*math.Sqrt(2*df); chi > bound {
				t.Errorf("chi-square %.1f over %v symbols exceeds %.1f", chi, len(syms), bound)
			}
			for k, m := range pos {
				if len(m) < 2 {
					t.Errorf("cell %d always holds the same symbol", k)
				}
			}
			t.Logf("%d symbols drawn, chi-square %.1f with %v degrees of freedom", total, chi, df)
		})
	}
}
