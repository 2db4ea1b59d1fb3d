//go:build !unix

package cli

import (
	"fmt"
	"os"
	"os/exec"
)

// startApp starts the app and returns: on Windows it is a GUI program with
// no console, which outlives the command that started it.
func startApp(path string, args []string) error {
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", path, err)
	}
	return cmd.Process.Release()
}
