package private

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRestrict: a file and a folder made the usual way are open to others
// (0644/0755 on Unix; inherited entries on Windows); after Restrict, Check
// finds them private and their owner can still read them.
func TestRestrict(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "secret")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "folder")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{file, sub} {
		if err := Check(p); err == nil {
			t.Fatalf("%s is private before Restrict: the check cannot tell", p)
		}
		if err := Restrict(p); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != "x" {
		t.Fatalf("the owner cannot read a private file back: %q, %v", b, err)
	}
	if err := os.WriteFile(filepath.Join(sub, "later"), []byte("x"), 0o600); err != nil {
		t.Fatalf("the owner cannot write in a private folder: %v", err)
	}
	requireVerifiable(t, file)
	for _, p := range []string{file, sub} {
		if err := Check(p); err != nil {
			t.Errorf("after Restrict: %v", err)
		}
	}
}

func TestMkdirAll(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	if err := MkdirAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := MkdirAll(dir); err != nil {
		t.Errorf("MkdirAll on an existing folder: %v", err)
	}
	requireVerifiable(t, dir)
	if err := Check(dir); err != nil {
		t.Error(err)
	}
}

func TestMissing(t *testing.T) {
	if err := Restrict(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("Restrict on a missing file succeeded")
	}
}

// requireVerifiable skips the rest of the test where Check cannot see what
// Restrict did (Wine), after checking that this is still so: if path, just
// restricted, reads back private there, the exception is out of date.
func requireVerifiable(t *testing.T, path string) {
	t.Helper()
	why := Verifiable()
	if why == nil {
		return
	}
	if err := Check(path); err == nil {
		t.Fatalf("Verifiable says %v, yet %s reads back private: remove the exception", why, path)
	}
	t.Skipf("privacy not checked: %v", why)
}
