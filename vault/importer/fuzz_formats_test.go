package importer

import "testing"

// One fuzz target per format added for issue 17, each reading its input
// as that format (and as detected, when Detect agrees), under the same
// checks as FuzzDetectParse. Their seeds are in testdata/fuzz/Fuzz<Name>,
// written by TestWriteFormatFuzzSeeds (generate_test.go) from the
// fixtures, and run with every go test.

// fuzzFormat fuzzes Parse with format forced.
func fuzzFormat(f *testing.F, format Format) {
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := Options{
			MaxSize:    1 << 20,
			kdfMemory:  1 << 20,
			Format:     format,
			Name:       "fuzz.json.aes",
			Passphrase: func() (string, error) { return fixturePassword, nil },
		}
		res, err := Parse(data, opts)
		checkFuzzResult(t, format, res, err)
		if Detect(data) == format {
			opts.Format = FormatUnknown
			res, err := Parse(data, opts)
			checkFuzzResult(t, format, res, err)
		}
	})
}

func FuzzAndOTP(f *testing.F)         { fuzzFormat(f, FormatAndOTP) }
func FuzzAuthPro(f *testing.F)        { fuzzFormat(f, FormatAuthPro) }
func FuzzFreeOTPPlus(f *testing.F)    { fuzzFormat(f, FormatFreeOTPPlus) }
func FuzzBitwardenCSV(f *testing.F)   { fuzzFormat(f, FormatBitwardenCSV) }
func FuzzSteam(f *testing.F)          { fuzzFormat(f, FormatSteam) }
func FuzzLastPass(f *testing.F)       { fuzzFormat(f, FormatLastPass) }
func FuzzOnePUX(f *testing.F)         { fuzzFormat(f, FormatOnePUX) }
func FuzzOnePasswordCSV(f *testing.F) { fuzzFormat(f, FormatOnePasswordCSV) }
func FuzzTOTPAuth(f *testing.F)       { fuzzFormat(f, FormatTOTPAuth) }
func FuzzRaivo(f *testing.F)          { fuzzFormat(f, FormatRaivo) }
func FuzzAuthPlus(f *testing.F)       { fuzzFormat(f, FormatAuthPlus) }
func FuzzFreeOTP(f *testing.F)        { fuzzFormat(f, FormatFreeOTP) }
