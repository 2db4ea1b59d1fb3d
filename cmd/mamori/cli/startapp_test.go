package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault"
)

func TestAppNameNeverClashesWithTheCommandLine(t *testing.T) {
	for _, goos := range []string{"linux", "windows", "darwin"} {
		name := AppName(goos)
		if strings.EqualFold(name, CLIName(goos)) || name == "" || strings.ContainsAny(name, `/\`) {
			t.Errorf("AppName(%q) = %q beside the command line's %q", goos, name, CLIName(goos))
		}
		if (goos == "windows") != strings.HasSuffix(name, ".exe") {
			t.Errorf("AppName(%q) = %q", goos, name)
		}
	}
}

func TestFindApp(t *testing.T) {
	beside := t.TempDir()
	exe := filepath.Join(beside, "mamori")
	app := filepath.Join(beside, AppName(runtime.GOOS))
	if err := os.WriteFile(app, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	found := func(p string) func(string) (string, error) {
		return func(name string) (string, error) {
			if name != AppName(runtime.GOOS) {
				return "", fmt.Errorf("looked for %q", name)
			}
			return p, nil
		}
	}
	missing := func(string) (string, error) { return "", errors.New("not on PATH") }
	tests := []struct {
		name     string
		exe      string
		lookPath func(string) (string, error)
		want     string
	}{
		{"beside the command line", exe, missing, app},
		{"beside wins over PATH", exe, found("/elsewhere/mamori-app"), app},
		{"on PATH", filepath.Join(empty, "mamori"), found("/usr/bin/mamori-app"), "/usr/bin/mamori-app"},
		{"no executable path", "", found("/usr/bin/mamori-app"), "/usr/bin/mamori-app"},
		{"a directory of that name is not the app", filepath.Join(t.TempDir(), "mamori"), missing, ""},
		{"nowhere", filepath.Join(empty, "mamori"), missing, ""},
	}
	if err := os.Mkdir(filepath.Join(filepath.Dir(tests[4].exe), AppName(runtime.GOOS)), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		got, err := findApp(tt.exe, tt.lookPath)
		if got != tt.want || (tt.want == "") != errors.Is(err, ErrAppMissing) {
			t.Errorf("%s: findApp = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

// TestNoArgumentsStartsTheApp: the command line's binary, which has no
// OpenApp, hands mamori and mamori --demo to StartApp, and never opens the
// vault itself.
func TestNoArgumentsStartsTheApp(t *testing.T) {
	h := newHarness(t)
	var got [][]string
	env := Env{Getenv: func(k string) string { return h.env[k] }, StartApp: func(args []string) error {
		got = append(got, args)
		return nil
	}}
	if Main(nil, env) != exitOK || Main([]string{"--demo"}, env) != exitOK || fmt.Sprint(got) != "[[] [--demo]]" {
		t.Errorf("StartApp got %q", got)
	}
	if snap := h.snapshot(); len(snap) != 0 {
		t.Errorf("starting the app touched the data directory: %v", snap)
	}
	var errb strings.Builder
	env.Stderr = &errb
	env.StartApp = func([]string) error { return errors.New("exec format error") }
	if code := Main(nil, env); code != exitFailure || !strings.Contains(errb.String(), "could not start the Mamori app") {
		t.Errorf("a failing start = %d %q", code, errb.String())
	}
	// The app's own binary passes OpenApp, which wins.
	opened := false
	env.OpenApp = func(*vault.Store) error { opened = true; return nil }
	if Main(nil, env) != exitOK || !opened {
		t.Error("OpenApp was not preferred to StartApp")
	}
}
