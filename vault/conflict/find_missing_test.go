package conflict

import (
	"path/filepath"
	"testing"
)

// TestFindInAMissingFolder: before the first save the data folder does not
// exist yet; that is no conflict copies, not an error (every command failed
// with "open …: no such file or directory" on a new machine).
func TestFindInAMissingFolder(t *testing.T) {
	copies, err := Find(filepath.Join(t.TempDir(), "not yet"), "vault.age")
	if err != nil || len(copies) != 0 {
		t.Fatalf("Find in a missing folder = %v, %v; want none and no error", copies, err)
	}
}
