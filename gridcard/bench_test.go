package gridcard

import (
	"crypto/rand"
	"testing"
)

// Benchmarks measure; they assert nothing about time (make bench runs
// them).

func BenchmarkParseChallenge(b *testing.B) {
	p := builtinProfiles[0]
	for _, in := range []string{"A1 C3 J5", "[a1][c3][j5]", "Ａ１、Ｃ３・Ｊ５", "1A-3C-5J"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseChallenge(p, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkGenerate(b *testing.B) {
	for _, p := range Profiles() {
		b.Run(p.Name+"/crypto-rand", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Generate(p, rand.Reader, GenerateOptions{AllowWeak: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("alnum-5x10/chacha8", func(b *testing.B) {
		r := newDetReader(1)
		for b.Loop() {
			if _, err := Generate(builtinProfiles[0], r, GenerateOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkParseCard(b *testing.B) {
	p := builtinProfiles[0]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseCard(p, seedCardText); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNextChallengeRisk(b *testing.B) {
	p := builtinProfiles[0]
	for b.Loop() {
		_ = RiskAfter(p, 25)
	}
}
