package cardprint

import (
	"io"
	"math/rand/v2"
)

// detReader is a deterministic random source, so printed test cards are
// the same on every run.
func detReader(seed byte) io.Reader {
	var s [32]byte
	s[0] = seed
	return rand.NewChaCha8(s)
}
