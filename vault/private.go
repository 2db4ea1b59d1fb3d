package vault

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnsafeFolder means the data folder, or a file in it, can be changed
// by someone other than the person running Mamori: Mamori refuses to use
// it, as ssh refuses a private key others can read. See *UnsafeFolderError.
var ErrUnsafeFolder = errors.New("the data folder can be changed by others")

// Why a path in the data folder is unsafe.
const (
	// UnsafeWritable: group or others may write it.
	UnsafeWritable = "writable"
	// UnsafeOwner: it belongs to another user.
	UnsafeOwner = "owner"
	// UnsafeLink: it is a symbolic link where Mamori expects a file.
	UnsafeLink = "link"
)

// UnsafeFolderError is returned, wrapping ErrUnsafeFolder, when the data
// folder or a file in it is writable by others, owned by someone else, or
// a link where a file belongs. Fix is the command that makes it safe.
type UnsafeFolderError struct {
	Path   string
	Reason string // UnsafeWritable, UnsafeOwner or UnsafeLink
	Fix    string // e.g. "chmod 700 /home/taro/.config/mamori"
}

func (e *UnsafeFolderError) Error() string {
	return fmt.Sprintf("%v: %s (%s); fix it with: %s", ErrUnsafeFolder, e.Path, e.Reason, e.Fix)
}

// Unwrap lets errors.Is find ErrUnsafeFolder.
func (e *UnsafeFolderError) Unwrap() error { return ErrUnsafeFolder }

// checkFolder refuses a data folder, and the files Mamori keeps in it,
// that others can change; files that do not exist yet are fine.
func (s *Store) checkFolder() error {
	if err := checkPrivate(s.opts.Dir, true); err != nil {
		return err
	}
	for _, name := range []string{keyInfoFile, keyFile, vaultFile, backupFile} {
		if err := checkPrivate(s.path(name), false); err != nil {
			return err
		}
	}
	return nil
}

// shellQuote quotes p for a POSIX shell when it needs it.
func shellQuote(p string) string {
	for _, r := range p {
		if !(r == '/' || r == '.' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
		}
	}
	return p
}
