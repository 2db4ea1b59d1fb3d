package usecase

import (
	"errors"
	"path/filepath"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/conflict"
)

// MergedFolder is the subfolder of the data folder where conflict copies
// go once they are merged: set aside, never deleted.
const MergedFolder = "merged-copies"

// MergedCopy is one conflict copy MergeCopies brought into the vault.
type MergedCopy struct {
	// Name is the copy's file name; Engine whose conflict copy it was.
	Name   string
	Engine conflict.Engine
	// Report is what the merge changed.
	Report conflict.Report
	// SetAside is where the copy is now.
	SetAside string
}

// CopiesReport says what MergeCopies did.
type CopiesReport struct {
	// Merged are the copies merged and set aside, in the order merged.
	Merged []MergedCopy
	// Waiting are copies that could not be read yet (still arriving, most
	// likely); they are left in place and tried again next time.
	Waiting []string
}

// Changed reports whether any copy changed the vault.
func (r CopiesReport) Changed() bool {
	for _, m := range r.Merged {
		if m.Report.Changed() {
			return true
		}
	}
	return false
}

// MergeCopies brings every sync engine's conflict copy of the vault in the
// data folder into the vault (conflict.Merge: records merge by their own
// history, deletions stay deleted, used codes stay used, HOTP counters
// never go back), one save per copy, and moves each merged copy into
// MergedFolder. A copy that cannot be read yet is left for next time.
// With no copies it reads nothing and asks for nothing.
func (s *Service) MergeCopies() (CopiesReport, error) {
	var out CopiesReport
	copies, err := conflict.Find(s.store.Dir(), vault.VaultFile)
	if err != nil || len(copies) == 0 {
		return out, err
	}
	for _, c := range copies {
		name := filepath.Base(c.Path)
		other, err := s.store.ReadCopy(name)
		if errors.Is(err, vault.ErrCopyUnreadable) {
			out.Waiting = append(out.Waiting, name)
			continue
		}
		if err != nil {
			return out, err
		}
		var r conflict.Report
		merge := func(v *vault.Vault) error {
			ahead := other.Generation > v.Generation
			r = conflict.Merge(v, other)
			if !r.Changed() && !ahead {
				return vault.ErrUnchanged
			}
			return nil
		}
		_, err = s.change(merge)
		var rb *vault.RollbackError
		if errors.As(err, &rb) && other.Generation >= rb.Seen {
			// Not a rollback: the engine put the other desktop's branch,
			// with fewer saves, in vault.age and kept this desktop's newer
			// one as this copy (proved by the key holder, as ReadCopy
			// checks). Take vault.age as it is and merge the copy in: the
			// result is newer than both.
			if _, _, err = s.store.AcceptOlder(); err == nil {
				_, err = s.change(merge)
			}
		}
		if err != nil {
			return out, err
		}
		to, err := s.store.SetAside(name, MergedFolder)
		if err != nil {
			return out, err
		}
		out.Merged = append(out.Merged, MergedCopy{Name: name, Engine: c.Engine, Report: r, SetAside: to})
	}
	return out, nil
}
