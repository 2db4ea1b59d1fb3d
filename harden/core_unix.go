//go:build unix

package harden

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// noCoreFiles sets the core file size limit, soft and hard, to zero, so
// neither this process nor its children can raise it again.
func noCoreFiles() error {
	if err := unix.Setrlimit(unix.RLIMIT_CORE, &unix.Rlimit{Cur: 0, Max: 0}); err != nil {
		return fmt.Errorf("turn off core files: %w", err)
	}
	return nil
}
