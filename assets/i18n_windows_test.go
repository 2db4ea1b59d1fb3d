package assets

import (
	"os"
	"testing"
)

// TestWindowsLanguage checks that with none of LC_ALL, LC_MESSAGES and LANG
// set, as on Windows, Mamori speaks the language Windows is set to.
// make test-windows runs it twice under Wine, with Windows set to Japanese
// and to English, and says which in MAMORI_TEST_WINDOWS_LANG.
func TestWindowsLanguage(t *testing.T) {
	want := os.Getenv("MAMORI_TEST_WINDOWS_LANG")
	if want == "" {
		t.Skip("MAMORI_TEST_WINDOWS_LANG is not set: only make test-windows knows which language it gave Windows")
	}
	if got := DetectLanguage(func(string) string { return "" }); got != want {
		t.Errorf("Windows set to %q: DetectLanguage = %q", want, got)
	}
}
