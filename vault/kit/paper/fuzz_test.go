package paper_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault/kit/paper"
)

// fuzzSep separates the QR texts inside one fuzz input; it never occurs in
// an armored kit.
const fuzzSep = "\x1e"

// canonical says whether s is exactly what Chunks writes for chunk i of n:
// a plain decimal i/n, the lower-case checksum of the body, and a body as
// long as Chunks cuts it.
func canonical(s string) bool {
	var i, n int
	if _, err := fmt.Sscanf(s, paper.Prefix+"%d/%d ", &i, &n); err != nil || i < 1 || i > n {
		return false
	}
	_, body, ok := strings.Cut(s, ":")
	if !ok || len(body) == 0 || len(body) > paper.ChunkSize || (i < n && len(body) != paper.ChunkSize) {
		return false
	}
	return s == fmt.Sprintf("%s%d/%d %08x:%s", paper.Prefix, i, n, crc(body), body)
}

// FuzzAssemble: the QR texts of a paper kit, separated by fuzzSep, in any
// order and state. Assemble never panics; a failure returns no text; a
// success re-chunks to the same codes when they were cut the way Chunks
// cuts them, and in any case re-chunks to codes that assemble to the same
// text. The seeds in testdata/fuzz/FuzzAssemble are the chunks of a real
// armored kit (see fixtures_test.go), whole, shuffled, doubled, cut short
// or altered.
func FuzzAssemble(f *testing.F) {
	f.Fuzz(func(t *testing.T, in string) {
		codes := strings.Split(in, fuzzSep)
		out, err := paper.Assemble(codes)
		if err != nil {
			if out != nil {
				t.Fatalf("Assemble failed (%v) and returned %d bytes", err, len(out))
			}
			return
		}
		if len(out) == 0 {
			t.Fatal("Assemble succeeded with an empty kit")
		}
		again := paper.Chunks(out)
		back, err := paper.Assemble(again)
		if err != nil || !bytes.Equal(back, out) {
			t.Fatalf("re-chunked kit does not assemble to the same text: %v", err)
		}
		distinct := map[string]bool{}
		allCanonical := true
		for _, c := range codes {
			c = strings.TrimRight(c, "\x00")
			distinct[c] = true
			allCanonical = allCanonical && canonical(c)
		}
		if !allCanonical {
			return
		}
		got := make([]string, 0, len(distinct))
		for c := range distinct {
			got = append(got, c)
		}
		slices.Sort(got)
		want := slices.Clone(again)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("Assemble accepted %d codes that re-chunk to %d different ones", len(got), len(want))
		}
	})
}
