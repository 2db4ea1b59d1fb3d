package importer

import (
	"errors"
	"testing"
)

// FuzzDetectParse feeds arbitrary bytes to Detect and Parse, detected and
// with every format forced. Parse must never panic; whatever it accepts
// must be valid accounts (see checkAccounts); whatever it refuses must come
// with no accounts. Encrypted inputs are opened with fixturePassword under
// a 1 MiB key-derivation cap, so the seeds made with cheap parameters
// decrypt and the fuzzer cannot make an input cost seconds.
//
// Seeds live in testdata/fuzz/FuzzDetectParse and run with every go test;
// TestWriteFuzzSeeds (generate_test.go, build tag "fixtures") rewrites the
// ones made from the fixtures.
func FuzzDetectParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := Options{
			MaxSize:    1 << 20,
			kdfMemory:  1 << 20,
			Passphrase: func() (string, error) { return fixturePassword, nil },
		}
		detected := Detect(data)
		res, err := Parse(data, opts)
		checkFuzzResult(t, detected, res, err)
		for _, format := range Formats() {
			opts.Format = format
			res, err := Parse(data, opts)
			checkFuzzResult(t, format, res, err)
		}
	})
}

func checkFuzzResult(t *testing.T, format Format, res Result, err error) {
	t.Helper()
	if err != nil {
		if len(res.Accounts) != 0 || len(res.From) != 0 {
			t.Fatalf("%s: error %v with %d accounts", format, err, len(res.Accounts))
		}
		if errors.Is(err, ErrNoAccounts) && format != res.Format {
			t.Fatalf("format %q read as %q", format, res.Format)
		}
		return
	}
	if res.Format != format || format == FormatUnknown {
		t.Fatalf("read as %q, asked for %q", res.Format, format)
	}
	if len(res.Accounts) == 0 {
		t.Fatalf("%s: no accounts and no error", format)
	}
	for _, s := range res.Skipped {
		if s.Reason == nil || s.Entry != s.Position.String() {
			t.Fatalf("%s: bad skip %+v", format, s)
		}
	}
	checkAccounts(t, res)
}
