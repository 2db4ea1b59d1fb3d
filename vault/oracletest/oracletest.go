// Package oracletest is for tests that check Mamori against a reference
// program (oathtool, age, zbarimg, pdftotext and friends) installed on the
// Linux machines Mamori is tested on.
package oracletest

import (
	"runtime"
	"testing"
)

// SkipOnWindows skips t on Windows, saying why, when the oracle program name
// cannot be found; elsewhere it does nothing and the caller fails as before.
// The oracles are Linux programs: a Windows test binary under Wine cannot
// start them, and the same test run on Linux checks the same code against
// them.
func SkipOnWindows(t testing.TB, name string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skipf("%s, the oracle of this test, is a Linux program a Windows test cannot start; the Linux run checks the same code against it", name)
	}
}
