package usecase

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
)

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func accountLabels(v *vault.Vault) []string {
	var out []string
	for _, a := range v.Accounts {
		out = append(out, a.Label())
	}
	slices.Sort(out)
	return out
}

// TestMergeCopies: two desktops share one vault folder; each changed the
// vault before the sync engine carried the other's save, and the engine
// kept the second desktop's file as a conflict copy.
func TestMergeCopies(t *testing.T) {
	at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	kr := &keystore.Memory{}
	// Each desktop is its own computer, remembering what it opened in its
	// own LocalDir.
	here := New(vault.NewStore(vault.Options{Dir: t.TempDir(), Keyring: keystore.System, ScryptWorkFactor: 10, LocalDir: t.TempDir()}, kr), func() time.Time { return at })
	addTestAccount(t, here, "A", "a")
	addTestAccount(t, here, "B", "b")

	// The other desktop: the same folder as synced before either change,
	// the same key (it joined), a store of its own.
	otherDir := t.TempDir()
	for _, f := range []string{"vault.age", "key.json"} {
		copyFile(t, filepath.Join(here.Store().Dir(), f), filepath.Join(otherDir, f))
	}
	there := New(vault.NewStore(vault.Options{Dir: otherDir, Keyring: keystore.System, ScryptWorkFactor: 10, LocalDir: t.TempDir()}, kr), func() time.Time { return at.Add(time.Minute) })
	addTestAccount(t, there, "C", "c")

	// Here, A is deleted.
	v, err := here.Load()
	if err != nil {
		t.Fatal(err)
	}
	idA := v.Accounts[0].ID
	if _, err := here.change(func(v *vault.Vault) error { v.Remove(idA, at); return nil }); err != nil {
		t.Fatal(err)
	}

	// The engine delivers the other desktop's file as a conflict copy, and
	// a second copy that is still arriving (cut short).
	copyName := "vault.sync-conflict-20261207-100100-ABCDEF7.age"
	copyFile(t, filepath.Join(otherDir, "vault.age"), filepath.Join(here.Store().Dir(), copyName))
	raw, _ := os.ReadFile(filepath.Join(otherDir, "vault.age"))
	partial := "vault (Taro's conflicted copy 2026-12-07).age"
	if err := os.WriteFile(filepath.Join(here.Store().Dir(), partial), raw[:len(raw)/2], 0o600); err != nil {
		t.Fatal(err)
	}

	r, err := here.MergeCopies()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Merged) != 1 || r.Merged[0].Name != copyName || !r.Changed() {
		t.Fatalf("merged %+v, want the Syncthing copy", r.Merged)
	}
	if !slices.Equal(r.Waiting, []string{partial}) {
		t.Errorf("waiting %q, want the copy cut short", r.Waiting)
	}
	v, err = here.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := accountLabels(v), []string{"B: b", "C: c"}; !slices.Equal(got, want) {
		t.Errorf("after the merge %q, want %q: A stays deleted, C arrives", got, want)
	}
	// The merged copy is set aside, never deleted; the partial one stays.
	if _, err := os.Stat(filepath.Join(here.Store().Dir(), MergedFolder, copyName)); err != nil {
		t.Errorf("the merged copy was not set aside: %v", err)
	}
	if _, err := os.Stat(filepath.Join(here.Store().Dir(), partial)); err != nil {
		t.Errorf("the copy still arriving was moved: %v", err)
	}
	// Nothing left to merge: no save.
	gen := v.Generation
	if r, err := here.MergeCopies(); err != nil || len(r.Merged) != 0 {
		t.Fatalf("second run merged %+v, %v", r.Merged, err)
	}
	if v, _ := here.Load(); v.Generation != gen {
		t.Errorf("a run with nothing to merge saved generation %d", v.Generation)
	}
}
