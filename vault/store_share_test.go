package vault

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mamori-app/mamori/vault/keystore"
)

// TestReadersNeverBreakWriters reads the vault over and over from other
// Stores (other windows, the command line) while one saves generation after
// generation: every save and every read must succeed. On Windows a file
// opened the usual way cannot be replaced by a rename, so a reader without
// the lock and without delete-sharing made saves fail ("Access is denied")
// and reads fail ("sharing violation"); on Linux this held all along.
func TestReadersNeverBreakWriters(t *testing.T) {
	dir := t.TempDir()
	kr := &keystore.Memory{}
	addAccount(t, newTestStore(t, dir, kr, keystore.Auto, nil), "seed", "seed")

	const saves = 20
	var done atomic.Bool
	var wg sync.WaitGroup
	readErrs := make(chan error, 2)
	reads := make([]int, 2)
	for r := range 2 {
		s := newTestStore(t, dir, kr, keystore.Auto, nil)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !done.Load() {
				if _, err := s.Load(); err != nil {
					readErrs <- fmt.Errorf("reader %d, read %d: %w", r, reads[r]+1, err)
					return
				}
				reads[r]++
			}
		}()
	}
	w := newTestStore(t, dir, kr, keystore.Auto, nil)
	var saveErr error
	for i := range saves {
		if _, err := w.Update(func(v *Vault) error { _ = v; return nil }); err != nil {
			saveErr = fmt.Errorf("save %d of %d: %w", i+1, saves, err)
			break
		}
	}
	done.Store(true)
	wg.Wait()
	close(readErrs)
	if saveErr != nil {
		t.Errorf("a save failed while others read the vault: %v", saveErr)
	}
	for err := range readErrs {
		t.Errorf("a read failed while the vault was being saved: %v", err)
	}
	t.Logf("%d saves, %d and %d reads", saves, reads[0], reads[1])
}
