package vault

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"

	"github.com/mamori-app/mamori/vault/private"
)

// writeAtomic replaces path with data so that a crash at any moment leaves
// either the old file or the new one, never a mix: it writes a temporary file
// in the same directory, flushes it to disk, renames it over path and flushes
// the directory.
func writeAtomic(path string, data []byte) error { return writeAtomicSteps(path, data, nil) }

// writeAtomicSteps is writeAtomic calling step, when not nil, after each
// step that changes the disk, so tests can kill the process at each one.
func writeAtomicSteps(path string, data []byte, step func(string)) (err error) {
	if step == nil {
		step = func(string) {}
	}
	dir, base := filepath.Split(path)
	f, err := os.CreateTemp(dir, "."+base+".*"+tempSuffix)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = private.Restrict(f.Name()); err != nil {
		return err
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	step("write " + base + ": temporary file written")
	if err = f.Sync(); err != nil {
		return err
	}
	step("write " + base + ": temporary file flushed")
	if err = f.Close(); err != nil {
		return err
	}
	if err = rename(f.Name(), path); err != nil {
		return err
	}
	step("write " + base + ": renamed into place")
	if err = syncDir(dir); err != nil {
		return err
	}
	step("write " + base + ": folder flushed")
	return nil
}

// renameSynced renames a file in one folder and flushes the folder.
func renameSynced(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	return syncDir(filepath.Dir(to))
}

const tempSuffix = ".tmp"

func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // directories cannot be opened for fsync there; rename is durable enough
	}
	d, err := os.Open(filepath.Clean(dir))
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
		return fmt.Errorf("flushing directory: %w", err)
	}
	return nil
}

// removeStaleTemps deletes temporary files left by a process killed mid-save.
// It runs under the directory lock, so no other save is in flight.
func removeStaleTemps(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, ".*"+tempSuffix))
	for _, m := range matches {
		os.Remove(m)
	}
}

// readSmall reads a small file of at most limit bytes, opened so that a save
// may replace it meanwhile (openShared).
func readSmall(path string, limit int64) ([]byte, error) {
	f, err := openShared(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("reading %s: larger than %d bytes", filepath.Base(path), limit)
	}
	return b, nil
}
