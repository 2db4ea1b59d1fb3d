package gridcard

import (
	"crypto/rand"
	"fmt"
	"io"
	"strings"
	"time"
)

// GenerateOptions tune [Generate].
type GenerateOptions struct {
	// AvoidLookAlikes drops characters that are easily misread on paper:
	// of 0, O and o only 0 is kept, and of 1, I and l only 1 (a group with
	// one member in the alphabet is left alone). The card's profile then
	// carries the smaller alphabet, so its entropy is reported honestly.
	AvoidLookAlikes bool
	// AllowWeak makes a card even when the profile's challenge is weaker
	// than a 6-digit code. Without it such a profile is refused with
	// ErrWeakProfile.
	AllowWeak bool
	// Now is the creation time; zero means the current time.
	Now time.Time
}

// lookAlikes lists groups of characters that are confused on paper, the
// one to keep first.
var lookAlikes = []string{"0Oo", "1Il"}

// WithoutLookAlikes returns the alphabet with look-alike characters
// removed as [GenerateOptions].AvoidLookAlikes does.
func WithoutLookAlikes(alphabet string) string {
	drop := map[rune]bool{}
	for _, g := range lookAlikes {
		kept := false
		for _, r := range g {
			if !strings.ContainsRune(alphabet, r) {
				continue
			}
			if kept {
				drop[r] = true
			}
			kept = true
		}
	}
	return strings.Map(func(r rune) rune {
		if drop[r] {
			return -1
		}
		return r
	}, alphabet)
}

// Generate makes a new card of the given profile with every symbol drawn
// uniformly and independently from the alphabet. rnd is the random source;
// nil means crypto/rand, which is what real cards must use (tests pass a
// deterministic reader). Symbols are drawn by rejection sampling, so there
// is no modulo bias whatever the alphabet's size.
//
// The card gets a random ID (from rnd too), a serial derived from it, and
// Generated set. A profile whose challenge is weaker than a 6-digit code
// is refused with [ErrWeakProfile] unless opts.AllowWeak is set; use
// [MinCellWidth] to suggest a stronger one.
func Generate(p Profile, rnd io.Reader, opts GenerateOptions) (Card, error) {
	if opts.AvoidLookAlikes {
		p.Alphabet = WithoutLookAlikes(p.Alphabet)
	}
	if err := p.Validate(); err != nil {
		return Card{}, err
	}
	if !opts.AllowWeak && !MinEntropyOK(p) {
		return Card{}, fmt.Errorf("%w: %d cells of %d characters from %d symbols give %.1f bits, a 6-digit code %.1f (cell width %d would do)",
			ErrWeakProfile, p.Asked, p.CellWidth, p.AlphabetSize(), EntropyBits(p), SixDigitCodeBits, MinCellWidth(p))
	}
	if rnd == nil {
		rnd = rand.Reader
	}
	s := &sampler{r: rnd}
	id, err := newID(rnd)
	if err != nil {
		return Card{}, err
	}
	syms := p.symbols()
	cells := make([][]string, p.Rows)
	buf := make([]rune, p.CellWidth)
	for i := range cells {
		cells[i] = make([]string, p.Cols)
		for j := range cells[i] {
			for k := range buf {
				n, err := s.intn(len(syms))
				if err != nil {
					return Card{}, err
				}
				buf[k] = syms[n]
			}
			cells[i][j] = string(buf)
		}
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	return Card{
		ID:        id,
		Serial:    SerialFromID(id),
		Profile:   p,
		Cells:     cells,
		Created:   now.UTC().Truncate(time.Second),
		Generated: true,
		Exposure:  Exposure{CardID: id},
	}, nil
}

// sampler draws uniform integers from a byte source, reading it in blocks.
type sampler struct {
	r    io.Reader
	buf  [512]byte
	pos  int
	fill int
}

func (s *sampler) byte() (byte, error) {
	if s.pos == s.fill {
		n, err := io.ReadFull(s.r, s.buf[:])
		if n == 0 {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return 0, fmt.Errorf("%w: %w", ErrRandomSource, err)
		}
		s.pos, s.fill = 0, n
	}
	b := s.buf[s.pos]
	s.pos++
	return b, nil
}

// maxRejections bounds rejection sampling: a real random source rejects
// fewer than half its draws, so this many in a row means a broken source
// (one stuck at 0xFF, say), which must fail rather than hang.
const maxRejections = 1000

// intn returns a uniform integer in [0, n), 2 ≤ n ≤ 65536. It draws one
// byte (or two, for n > 256) and rejects values from the incomplete top
// block, so every result is equally likely.
func (s *sampler) intn(n int) (int, error) {
	if n <= 256 {
		limit := 256 - 256%n
		for range maxRejections {
			b, err := s.byte()
			if err != nil {
				return 0, err
			}
			if int(b) < limit {
				return int(b) % n, nil
			}
		}
		return 0, errBrokenSource
	}
	limit := 65536 - 65536%n
	for range maxRejections {
		hi, err := s.byte()
		if err != nil {
			return 0, err
		}
		lo, err := s.byte()
		if err != nil {
			return 0, err
		}
		if v := int(hi)<<8 | int(lo); v < limit {
			return v % n, nil
		}
	}
	return 0, errBrokenSource
}

var errBrokenSource = fmt.Errorf("%w: it keeps returning values that must be rejected", ErrRandomSource)
