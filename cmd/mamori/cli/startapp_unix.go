//go:build unix

package cli

import (
	"fmt"
	"os"
	"syscall"
)

// startApp replaces this process with the app.
func startApp(path string, args []string) error {
	argv := append([]string{path}, args...)
	if err := syscall.Exec(path, argv, os.Environ()); err != nil {
		return fmt.Errorf("starting %s: %w", path, err)
	}
	return nil // not reached: Exec returns only on failure
}
