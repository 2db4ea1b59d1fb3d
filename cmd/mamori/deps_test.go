package main_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCommandLineLinksNoGUI: the command line's import graph holds no Fyne
// package and not the app's ui package, so a "mamori code" never starts
// the GUI toolkit; the app is the separate binary cmd/mamori-app. Both the
// headless (ci) and the real build are checked.
func TestCommandLineLinksNoGUI(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("the go command is needed to list the imports:", err)
	}
	for _, tags := range []string{"", "ci"} {
		cmd := exec.Command(goTool, "list", "-e", "-tags", tags, "-deps", ".")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -e -tags %q -deps .: %v\n%s", tags, err, stderrOf(err))
		}
		pkgs := strings.Fields(string(out))
		if len(pkgs) < 10 {
			t.Fatalf("go list -deps listed only %v", pkgs)
		}
		for _, p := range pkgs {
			if strings.HasPrefix(p, "fyne.io/") || p == "github.com/mamori-app/mamori/ui" || strings.HasPrefix(p, "github.com/go-gl/") {
				t.Errorf("with tags %q, the command line imports %s", tags, p)
			}
		}
	}
}

func stderrOf(err error) []byte {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.Stderr
	}
	return nil
}
