package vault

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// folderPointer is the file in the default data folder that names the
// folder the vault was moved to (mamori vault move): one line, an absolute
// path. It stays on this machine; the folder it names may be synced.
const folderPointer = "vault-folder"

// movedAway is the subfolder of the old data folder where a moved vault's
// files are set aside once the new folder opens.
const movedAway = "moved-away"

// ErrFolderInUse means the folder a vault is to move to holds a vault or
// other files already.
var ErrFolderInUse = errors.New("the folder is not empty")

// pointedDir is the folder the default data folder home points to, if it
// does.
func pointedDir(home string) (string, bool) {
	b, err := os.ReadFile(filepath.Join(home, folderPointer))
	if err != nil {
		return "", false
	}
	p := strings.TrimSpace(string(b))
	return p, filepath.IsAbs(p)
}

// PointDefaultDir makes the default data folder (see DefaultDir) lead to
// dir, for the programs that run without MAMORI_HOME.
func PointDefaultDir(dir string) error {
	cfg, err := os.UserConfigDir()
	if err != nil {
		return fmt.Errorf("finding the configuration directory: %w", err)
	}
	home := filepath.Join(cfg, "mamori")
	if err := os.MkdirAll(home, 0o700); err != nil {
		return fmt.Errorf("remembering the vault folder: %w", err)
	}
	if err := writeAtomic(filepath.Join(home, folderPointer), []byte(dir+"\n")); err != nil {
		return fmt.Errorf("remembering the vault folder: %w", err)
	}
	return nil
}

// MoveTo moves the vault to dir, a folder that is empty or not there yet
// (a synced folder, say): it copies the vault, its backup and its key
// files there, opens the copy with this store's key to prove it whole, and
// only then sets the old files aside in the old folder's "moved-away"
// subfolder (never deleting them). It returns the store for dir.
func (s *Store) MoveTo(dir string) (*Store, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("moving the vault: %w", err)
	}
	if same, _ := sameDir(dir, s.opts.Dir); same {
		return nil, fmt.Errorf("moving the vault: %w", ErrFolderInUse)
	}
	var moved *Store
	err = s.locked(func() error {
		entries, err := os.ReadDir(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return fmt.Errorf("moving the vault: %w", err)
			}
		case err != nil:
			return fmt.Errorf("moving the vault: %w", err)
		case len(entries) > 0:
			return fmt.Errorf("moving the vault to %s: %w", dir, ErrFolderInUse)
		}
		var names []string
		for _, name := range []string{vaultFile, backupFile, keyInfoFile, keyFile} {
			b, err := os.ReadFile(s.path(name))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return fmt.Errorf("moving the vault: %w", err)
			}
			if err := writeAtomic(filepath.Join(dir, name), b); err != nil {
				return fmt.Errorf("moving the vault: %w", err)
			}
			names = append(names, name)
		}
		opts := s.opts
		opts.Dir = dir
		moved = NewStore(opts, s.keyring)
		if _, err := moved.Load(); err != nil {
			return fmt.Errorf("opening the moved vault: %w", err)
		}
		if err := os.MkdirAll(s.path(movedAway), 0o700); err != nil {
			return fmt.Errorf("setting the old vault aside: %w", err)
		}
		for _, name := range names {
			to, err := s.freeName(filepath.Join(movedAway, name))
			if err == nil {
				err = os.Rename(s.path(name), to)
			}
			if err != nil {
				return fmt.Errorf("setting the old vault aside: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return moved, nil
}

func sameDir(a, b string) (bool, error) {
	sa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(sa, sb), nil
}
