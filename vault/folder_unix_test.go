//go:build unix

package vault

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault/keystore"
)

func TestUnsafeFolderIsRefused(t *testing.T) {
	for _, c := range []struct {
		name   string
		spoil  func(t *testing.T, dir string)
		reason string
		fix    string
	}{
		{"folder writable by all", func(t *testing.T, dir string) { chmod(t, dir, 0o777) }, UnsafeWritable, "chmod 700 "},
		{"folder writable by the group", func(t *testing.T, dir string) { chmod(t, dir, 0o770) }, UnsafeWritable, "chmod 700 "},
		{"vault writable by others", func(t *testing.T, dir string) { chmod(t, filepath.Join(dir, vaultFile), 0o606) }, UnsafeWritable, "chmod 600 "},
		{"key.json a link", func(t *testing.T, dir string) {
			p := filepath.Join(dir, keyInfoFile)
			os.Rename(p, p+".real")
			if err := os.Symlink(p+".real", p); err != nil {
				t.Fatal(err)
			}
		}, UnsafeLink, "rm "},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			kr := &keystore.Memory{}
			addAccount(t, newTestStore(t, dir, kr, keystore.System, nil), "GitHub", "octo")
			c.spoil(t, dir)
			s := newTestStore(t, dir, kr, keystore.System, nil)
			_, lerr := s.Load()
			_, uerr := s.Update(func(*Vault) error { return nil })
			for _, err := range []error{lerr, uerr} {
				var ue *UnsafeFolderError
				if !errors.As(err, &ue) || !errors.Is(err, ErrUnsafeFolder) {
					t.Fatalf("got %v, want an *UnsafeFolderError", err)
				}
				if ue.Reason != c.reason || !strings.HasPrefix(ue.Fix, c.fix) {
					t.Fatalf("got %+v, want reason %s and a fix starting %q", ue, c.reason, c.fix)
				}
			}
		})
	}
}

func TestLockFileLinkIsNotFollowed(t *testing.T) {
	dir := t.TempDir()
	kr := &keystore.Memory{}
	addAccount(t, newTestStore(t, dir, kr, keystore.System, nil), "GitHub", "octo")
	target := filepath.Join(t.TempDir(), "elsewhere")
	lock := filepath.Join(dir, lockFile)
	os.Remove(lock)
	if err := os.Symlink(target, lock); err != nil {
		t.Fatal(err)
	}
	_, err := newTestStore(t, dir, kr, keystore.System, nil).Update(func(*Vault) error { return nil })
	var ue *UnsafeFolderError
	if !errors.As(err, &ue) || ue.Reason != UnsafeLink {
		t.Fatalf("Update with vault.lock a link = %v, want an *UnsafeFolderError for the link", err)
	}
	if _, err := os.Lstat(target); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the link's target was created: vault.lock followed a symbolic link")
	}
}

func chmod(t *testing.T, p string, m os.FileMode) {
	t.Helper()
	if err := os.Chmod(p, m); err != nil {
		t.Fatal(err)
	}
}

func TestFolderOfAnotherUserIsRefused(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving a folder to another user needs root")
	}
	dir := filepath.Join(t.TempDir(), "data")
	kr := &keystore.Memory{}
	addAccount(t, newTestStore(t, dir, kr, keystore.System, nil), "GitHub", "octo")
	if err := os.Chown(dir, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	_, err := newTestStore(t, dir, kr, keystore.System, nil).Load()
	var ue *UnsafeFolderError
	if !errors.As(err, &ue) || ue.Reason != UnsafeOwner || !strings.HasPrefix(ue.Fix, "sudo chown root ") {
		t.Fatalf("Load of a folder owned by nobody = %v, want an *UnsafeFolderError naming the owner", err)
	}
}
