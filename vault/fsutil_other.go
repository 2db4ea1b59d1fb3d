//go:build !windows

package vault

import "os"

// openShared opens name for reading. On Unix another process may always
// replace or delete a file someone is reading.
func openShared(name string) (*os.File, error) { return os.Open(name) }

// rename is os.Rename: on Unix an open file never stops a rename.
func rename(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }
