package vault

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"time"

	"github.com/gofrs/flock"
)

// readLockWait is how long a read waits for a save in progress. A writer may
// hold the lock while it asks for a passphrase; past this wait the read goes
// ahead without the lock, which is still safe (a save replaces the file in
// one rename, and the file is opened so that the rename may proceed), only
// no longer ordered with the save.
const readLockWait = 5 * time.Second

// errMissingWithBackup is readCurrent's answer when vault.age is missing but
// its backup is there; Load turns it into a DamagedError outside the lock.
var errMissingWithBackup = errors.New("the file is missing but its backup is there")

// readCurrent reads vault.age under the data directory's shared lock, so that
// a read never sees the moment between two steps of a save or a restore, and
// on Windows never holds the file while a save renames over it. With no data
// directory it returns fs.ErrNotExist and creates nothing.
func (s *Store) readCurrent() ([]byte, error) {
	if _, err := os.Stat(s.opts.Dir); err != nil {
		return nil, err
	}
	l := flock.New(s.path(lockFile), flock.SetPermissions(0o600), flock.SetFlag(lockFlags))
	ctx, cancel := context.WithTimeout(context.Background(), readLockWait)
	defer cancel()
	if ok, err := l.TryRLockContext(ctx, 20*time.Millisecond); err == nil && ok {
		defer l.Unlock() //nolint:errcheck // closing the descriptor releases the lock anyway
	}
	raw, err := s.readVaultFile(vaultFile)
	if errors.Is(err, fs.ErrNotExist) && s.exists(backupFile) {
		return nil, errMissingWithBackup
	}
	return raw, err
}
