package vault

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/mamori-app/mamori/vault/keystore"
)

func TestMoveToAndDefaultDir(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the configuration folder is set through XDG_CONFIG_HOME on Linux only")
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	s := newTestStore(t, t.TempDir(), &keystore.Memory{}, keystore.System, nil)
	addAccount(t, s, "GitHub", "octo")

	if _, err := s.MoveTo(s.Dir()); !errors.Is(err, ErrFolderInUse) {
		t.Fatalf("moving onto itself: %v", err)
	}
	to := filepath.Join(t.TempDir(), "Sync", "mamori")
	moved, err := s.MoveTo(to)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := moved.Load(); err != nil || len(v.Accounts) != 1 {
		t.Fatalf("the moved vault: %v, %v", v, err)
	}
	if _, err := os.Stat(filepath.Join(s.Dir(), movedAway, vaultFile)); err != nil {
		t.Fatalf("the old vault was not set aside: %v", err)
	}

	if err := PointDefaultDir(moved.Dir()); err != nil {
		t.Fatal(err)
	}
	got, err := DefaultDir(func(string) string { return "" })
	if err != nil || got != moved.Dir() {
		t.Fatalf("DefaultDir = %q, %v; want %q", got, err, moved.Dir())
	}
	if got, _ := DefaultDir(func(k string) string { return map[string]string{"MAMORI_HOME": "/elsewhere"}[k] }); got != "/elsewhere" {
		t.Fatalf("MAMORI_HOME does not win over the pointer: %q", got)
	}
}
