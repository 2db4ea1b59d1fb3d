//go:build unix

package vault

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"strconv"
	"syscall"
)

// lockFlags open vault.lock without following a symbolic link, so a link
// planted in the data folder cannot make Mamori create or lock another file.
const lockFlags = os.O_CREATE | os.O_RDWR | syscall.O_NOFOLLOW

// checkPrivate refuses path when group or others may write it or another
// user owns it. The data folder itself may be a link (a moved folder); the
// files in it are checked without following links. A missing file is fine.
func checkPrivate(path string, dir bool) error {
	stat := os.Lstat
	if dir {
		stat = os.Stat
	}
	fi, err := stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("checking %s: %w", path, err)
	}
	if !dir && fi.Mode()&fs.ModeSymlink != 0 {
		return &UnsafeFolderError{Path: path, Reason: UnsafeLink, Fix: "rm " + shellQuote(path)}
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		name := strconv.Itoa(os.Geteuid())
		if u, err := user.LookupId(name); err == nil {
			name = u.Username
		}
		return &UnsafeFolderError{Path: path, Reason: UnsafeOwner, Fix: "sudo chown " + name + " " + shellQuote(path)}
	}
	if fi.Mode().Perm()&0o022 != 0 {
		fix := "chmod 600 " + shellQuote(path)
		if dir {
			fix = "chmod 700 " + shellQuote(path)
		}
		return &UnsafeFolderError{Path: path, Reason: UnsafeWritable, Fix: fix}
	}
	return nil
}

// lockOpenError explains a failure to open vault.lock: a symbolic link
// there is refused as unsafe.
func lockOpenError(path string, err error) error {
	if errors.Is(err, syscall.ELOOP) {
		return &UnsafeFolderError{Path: path, Reason: UnsafeLink, Fix: "rm " + shellQuote(path)}
	}
	return err
}
