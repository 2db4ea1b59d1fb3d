//go:build fixtures

package paper_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault/kit/paper"
)

var update = flag.Bool("update", false, "rewrite the fuzz seeds in testdata")

// TestWriteFuzzSeeds writes the seeds of FuzzAssemble from the chunks of a
// real armored kit. Run it with
//
//	go test -tags fixtures ./vault/kit/paper -run TestWriteFuzzSeeds -update
//
// The kit is encrypted afresh every run, so the seeds change; commit them.
// The find-… files beside them are inputs the fuzzer found interesting,
// kept as they are.
func TestWriteFuzzSeeds(t *testing.T) {
	if !*update {
		t.Fatal("TestWriteFuzzSeeds rewrites testdata; run it with -update")
	}
	full := paper.Chunks(armoredKit(t, sampleVault(t)))
	if len(full) < 3 {
		t.Fatalf("the sample kit makes %d chunks; the seeds want at least 3", len(full))
	}
	one := paper.Chunks([]byte("-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n"))
	other := paper.Chunks(armoredKit(t, sampleVault(t)))
	reversed := slices.Clone(full)
	slices.Reverse(reversed)
	altered := slices.Clone(full)
	altered[1] = altered[1][:len(altered[1])-1] + "x"
	loose := slices.Clone(full)
	loose[0] = strings.Replace(loose[0], paper.Prefix+"1/", paper.Prefix+"01/", 1)
	upper := slices.Clone(full)
	upper[0] = paper.Prefix + strings.ToUpper(strings.TrimPrefix(upper[0], paper.Prefix)[:len("1/9 abcdef12")]) + upper[0][len(paper.Prefix)+len("1/9 abcdef12"):]
	seeds := map[string][]string{
		"whole":        full,
		"reversed":     reversed,
		"doubled":      append(slices.Clone(full), full[0], full[len(full)-1]+"\x00\x00"),
		"missing":      append(slices.Clone(full[:1]), full[2:]...),
		"altered":      altered,
		"mixed":        append(slices.Clone(full[:2]), other[2:]...),
		"other-count":  append(slices.Clone(full), one...),
		"single":       one,
		"zero-padded":  loose,
		"upper-hex":    upper,
		"not-a-code":   {"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"},
		"empty-body":   {paper.Prefix + "1/1 00000000:"},
		"huge-total":   {paper.Prefix + "1/10001 00000000:x"},
		"index-past-n": {strings.Replace(one[0], "1/1", "2/1", 1)},
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzAssemble")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, codes := range seeds {
		text := fmt.Sprintf("go test fuzz v1\nstring(%q)\n", strings.Join(codes, fuzzSep))
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
