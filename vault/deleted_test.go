package vault

import (
	"testing"
	"time"

	"github.com/mamori-app/mamori/gridcard"
)

func TestTombstones(t *testing.T) {
	at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	v := testVault(t, [2]string{"GitHub", "octo"}, [2]string{"GitLab", "fox"})
	gone, kept := v.Accounts[0], v.Accounts[1]
	v.GridCards = append(v.GridCards, gridcard.Card{ID: "card-1", Name: "bank"})

	if !v.Remove(gone.ID, at) || !v.Deleted[gone.ID].Equal(at) {
		t.Fatalf("Remove left tombstones %v, want %s at %v", v.Deleted, gone.ID, at)
	}
	v.Remove(gone.ID, at.Add(-time.Hour)) // already gone: nothing changes
	if !v.Deleted[gone.ID].Equal(at) {
		t.Fatalf("a second removal moved the tombstone to %v", v.Deleted[gone.ID])
	}
	if !v.RemoveGridCard("card-1", at) || len(v.GridCards) != 0 || v.RemoveGridCard("card-1", at) {
		t.Fatal("RemoveGridCard did not remove the card once")
	}

	// Putting the account back lifts its tombstone and dates it, so that a
	// copy which saw the deletion keeps it when they merge.
	later := at.Add(time.Minute)
	if !v.Restore(gone, 0, later) || v.Accounts[0].ID != gone.ID || !v.Accounts[0].Updated.Equal(later) {
		t.Fatalf("Restore: accounts %+v", v.Accounts)
	}
	if _, ok := v.Deleted[gone.ID]; ok {
		t.Fatal("Restore kept the tombstone")
	}
	dup := kept
	dup.ID = "another"
	if v.Restore(dup, 5, later) {
		t.Fatal("Restore took an account whose key is in the vault")
	}

	// Joining another copy's tombstones removes what it deleted after the
	// last change here, and keeps what changed here since.
	other := map[string]time.Time{gone.ID: at, kept.ID: later.Add(time.Hour), "card-9": at}
	accounts, cards := v.JoinDeleted(other)
	if len(accounts) != 1 || accounts[0] != kept.Label() || len(v.Accounts) != 1 || v.Accounts[0].ID != gone.ID {
		t.Fatalf("JoinDeleted removed %q and kept %+v; want %s removed and %s kept", accounts, v.Accounts, kept.Label(), gone.Label())
	}
	if len(cards) != 0 || !v.Deleted["card-9"].Equal(at) {
		t.Fatalf("JoinDeleted: cards %q, tombstones %v", cards, v.Deleted)
	}
}
