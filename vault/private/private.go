// Package private makes files and folders private to the person who owns
// them: the vault, its key, exports, recovery kits and printed cards. On
// Unix that is mode 0600 (0700 for a folder); on Windows, where modes mean
// nothing, an access-control list that grants the current user alone.
package private

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// MkdirAll creates dir and any missing parents like os.MkdirAll, and makes
// the folders it created private (Restrict). A folder that already existed is
// left as it is.
func MkdirAll(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return Restrict(dir)
}

// Restrict makes path (a file or a folder) readable and writable by its owner
// alone: see the package comment.
func Restrict(path string) error {
	if err := restrict(path); err != nil {
		return fmt.Errorf("making %s private: %w", path, err)
	}
	return nil
}

// Check returns nil when path is private to its owner, else an error saying
// who else may read it. Tests use it in place of a check of Unix modes.
func Check(path string) error {
	return check(path)
}

// Verifiable returns nil when Check can see what Restrict did, else why not:
// under Wine, which keeps no access lists for files. Tests that check privacy
// skip with this reason there.
func Verifiable() error {
	return verifiable()
}
