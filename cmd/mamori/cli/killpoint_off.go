//go:build !(killpoints && unix)

package cli

// killpoint is the store's Step hook; only binaries built with the
// killpoints tag, for the end-to-end tests, have one.
func killpoint(func(string) string) func(string) { return nil }

// e2eWorkFactor is 0: only the end-to-end tests' build lowers scrypt's cost.
func e2eWorkFactor(func(string) string) int { return 0 }
