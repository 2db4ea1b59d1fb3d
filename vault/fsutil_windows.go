package vault

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// openShared opens name for reading the way Windows lets another process
// replace or delete it meanwhile (FILE_SHARE_DELETE): Go's os.Open shares
// only reading and writing, so a save's rename over a file someone is
// reading failed with "Access is denied".
func openShared(name string) (*os.File, error) {
	p, err := syscall.UTF16PtrFromString(name)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ,
		syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE|syscall.FILE_SHARE_DELETE,
		nil, syscall.OPEN_EXISTING, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(h), name), nil
}

// renameRetryFor bounds how long a rename waits for a file that something
// else has open without delete-sharing: an antivirus or indexing service
// scanning the new file, or an older Mamori reading the vault. They let go
// within moments.
const renameRetryFor = 3 * time.Second

// rename is os.Rename, retried for a short while when Windows refuses it
// because another program has one of the two files open.
func rename(oldpath, newpath string) error {
	deadline := time.Now().Add(renameRetryFor)
	wait := 5 * time.Millisecond
	for {
		err := os.Rename(oldpath, newpath)
		if err == nil || !busy(err) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(wait)
		wait = min(2*wait, 200*time.Millisecond)
	}
}

// busy reports whether err is Windows saying another program holds the file.
func busy(err error) bool {
	const errorSharingViolation, errorLockViolation syscall.Errno = 32, 33
	return errors.Is(err, syscall.ERROR_ACCESS_DENIED) ||
		errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation)
}
