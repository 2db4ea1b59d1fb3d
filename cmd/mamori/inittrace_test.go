package main_test

import (
	"os/exec"
	"regexp"
	"strconv"
	"testing"
)

// TestPhoneMetadataIsNotLoadedAtStart: the phone-number library's package
// initialisation, as GODEBUG=inittrace=1 reports it, allocates under 1 MB
// (its regular expressions, about 0.3 MB), because the patched library (third_party/phonenumbers) loads its
// metadata (2.4 MB decoded) on first use; so "mamori --help" or "mamori
// code" never decode it.
func TestPhoneMetadataIsNotLoadedAtStart(t *testing.T) {
	cmd := exec.Command(mamoriBin, "--help")
	cmd.Env = []string{"GODEBUG=inittrace=1", "LANG=C"}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("mamori --help: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(?m)^init github\.com/nyaruka/phonenumbers @[^,]*, [^,]*, (\d+) bytes`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no init line for the phone-number library in\n%s", out)
	}
	if n, _ := strconv.Atoi(string(m[1])); n > 1<<20 {
		t.Errorf("the phone-number library allocates %d bytes as it initialises: its metadata is loaded at start", n)
	}
}
