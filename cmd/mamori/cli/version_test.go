package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	h := newHarness(t)
	r := h.ok("", "--version")
	if !strings.HasPrefix(r.stdout, "mamori "+Version) || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("--version printed %q", r.stdout)
	}
}

func TestVersionMatchesFyneApp(t *testing.T) {
	b, err := os.ReadFile("../../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil || string(m[1]) != Version {
		t.Errorf("FyneApp.toml's Version is %q, cli.Version %q: keep them the same", m, Version)
	}
}
