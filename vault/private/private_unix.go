//go:build !windows

package private

import (
	"fmt"
	"os"
)

func restrict(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	mode := os.FileMode(0o600)
	if fi.IsDir() {
		mode = 0o700
	}
	return os.Chmod(path, mode)
}

func check(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("%s is open to others: %v", path, fi.Mode().Perm())
	}
	return nil
}

func verifiable() error { return nil }
