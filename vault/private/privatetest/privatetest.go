// Package privatetest checks in tests that a file is private to its owner,
// on every system Mamori is tested on.
package privatetest

import (
	"testing"

	"github.com/mamori-app/mamori/vault/private"
)

// Require fails t unless every path is private to its owner (private.Check).
// Where that cannot be seen (under Wine, which keeps no access lists) it
// skips the rest of t with the reason, so call it last, or defer it: every
// other check of the test has run by then.
func Require(t testing.TB, paths ...string) {
	t.Helper()
	if why := private.Verifiable(); why != nil {
		t.Skipf("privacy of %d file(s) not checked: %v", len(paths), why)
	}
	for _, p := range paths {
		if err := private.Check(p); err != nil {
			t.Error(err)
		}
	}
}
