//go:build !ci && (linux || freebsd || openbsd || netbsd)

package ui

import (
	"errors"
	"os"
)

// checkDisplay fails early, with a message a person can act on, when there is
// no graphical session to open a window in (GLFW would only fail obscurely).
func checkDisplay() error {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("no display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set); " +
			"run it in a desktop session, or use the subcommands (mamori --help)")
	}
	return nil
}
