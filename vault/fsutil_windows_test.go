package vault

import (
	"os"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/keystore"
)

// TestSaveWaitsForAScanner holds vault.age open the way an antivirus or
// indexing service does (Go's os.Open: no delete-sharing) while a save runs,
// and lets go a moment later: the save must wait and succeed, not fail with
// "Access is denied". If the save reaches its rename only after the handle is
// closed, the test passes without exercising the retry; the log says which.
func TestSaveWaitsForAScanner(t *testing.T) {
	dir := t.TempDir()
	s := newTestStore(t, dir, &keystore.Memory{}, keystore.Auto, nil)
	addAccount(t, s, "GitHub", "octo")
	f, err := os.Open(s.path(vaultFile))
	if err != nil {
		t.Fatal(err)
	}
	released := make(chan time.Time, 1)
	go func() {
		time.Sleep(500 * time.Millisecond)
		f.Close()
		released <- time.Now()
	}()
	if _, err := s.Update(func(*Vault) error { return nil }); err != nil {
		t.Fatalf("a save failed while a scanner had the vault open: %v", err)
	}
	select {
	case <-released:
		t.Log("the save finished after the scanner let go")
	default:
		t.Log("the save finished before the scanner let go (the retry was not exercised)")
	}
}
