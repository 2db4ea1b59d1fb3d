package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// The command line and the app are two binaries, as keepassxc-cli and
// keepassxc are: the command line links no GUI toolkit, so a "mamori code"
// starts in a fraction of the time, and "mamori" with no arguments starts the
// app installed beside it (StartApp).

// AppName is the file name of the app's binary on goos: never a name that a
// file system ignoring case could take for the command line's (CLIName).
// On Windows the app is the program people open, Mamori.exe, and the
// command line is mamori-cli.exe, as keepassxc.exe and keepassxc-cli.exe.
func AppName(goos string) string {
	if goos == "windows" {
		return "Mamori.exe"
	}
	return "mamori-app"
}

// CLIName is the file name of the command line's binary on goos (make
// build, make windows).
func CLIName(goos string) string {
	if goos == "windows" {
		return "mamori-cli.exe"
	}
	return "mamori"
}

// ErrAppMissing means the app's binary is neither beside the command line's
// nor on PATH.
var ErrAppMissing = errors.New("the app is not installed")

// findApp returns the path of the app's binary: the one in the directory of
// exe (the running command line), or else the one lookPath finds on PATH.
func findApp(exe string, lookPath func(string) (string, error)) (string, error) {
	name := AppName(runtime.GOOS)
	if exe != "" {
		p := filepath.Join(filepath.Dir(exe), name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p, nil
		}
	}
	if p, err := lookPath(name); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("looking for %s beside %s and on PATH: %w", name, exe, ErrAppMissing)
}

// StartApp starts the app installed beside the running binary (or on PATH)
// with args, for "mamori" with no arguments; on Unix the app takes the
// place of this process (same process ID, signals and exit status). It
// returns an error wrapping ErrAppMissing when there is no app to start.
func StartApp(args []string) error {
	exe, err := os.Executable()
	if err != nil {
		exe = ""
	} else if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	path, err := findApp(exe, exec.LookPath)
	if err != nil {
		return err
	}
	return startApp(path, args)
}

// startApp starts the app's binary for mamori without a subcommand, passing
// --demo on, and explains in the person's language when it is missing.
func (a *app) startApp(demo bool) error {
	var args []string
	if demo {
		args = []string{"--demo"}
	}
	err := a.env.StartApp(args)
	switch {
	case errors.Is(err, ErrAppMissing):
		return failure("cli.error.app_missing", data{"App": AppName(runtime.GOOS)}).
			withHint("cli.hint.app_missing", data{"App": AppName(runtime.GOOS)}).wrap(err)
	case err != nil:
		return failure("cli.error.app_start", data{"App": AppName(runtime.GOOS), "Detail": err.Error()}).wrap(err)
	}
	return nil
}
