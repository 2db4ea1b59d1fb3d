//go:build !windows && !darwin

package assets

// systemLanguage is "" on Linux and the other Unix systems: there the
// locale is LC_ALL, LC_MESSAGES and LANG, which DetectLanguage reads first.
func systemLanguage() string { return "" }
