//go:build !unix

package vault

import "os"

// lockFlags open vault.lock. Windows has no O_NOFOLLOW; creating a
// symbolic link there needs a privilege ordinary users lack.
const lockFlags = os.O_CREATE | os.O_RDWR

// checkPrivate does nothing yet where file modes do not say who may write
// (Windows keeps that in ACLs, checked elsewhere).
func checkPrivate(path string, dir bool) error { return nil }

// lockOpenError returns err as it is.
func lockOpenError(path string, err error) error { return err }
