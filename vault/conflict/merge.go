package conflict

import (
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/kit"
)

// Report says what Merge did, for a person to read.
type Report struct {
	kit.Report
	// Removed are the labels of accounts, and RemovedCards the names of grid
	// cards, that the other desktop had deleted.
	Removed      []string `json:"removed"`
	RemovedCards []string `json:"removed_cards"`
}

// Changed reports whether the merge changed the vault at all.
func (r Report) Changed() bool {
	return r.Report.Changed() || len(r.Removed)+len(r.RemovedCards) > 0
}

// Merge brings the records of other, a conflict copy of the same vault,
// into v: records new on either side are kept, a record changed on both
// keeps the later change (kit.Merge), a deletion on either side stays
// deleted unless the record was changed after it, used backup codes stay
// used and HOTP counters never go back. v's generation becomes at least
// other's, so the next save is newer than both. other is spent: it may
// share memory with v afterwards and is not to be used again.
func Merge(v, other *vault.Vault) Report {
	// Records other deleted must not come back through kit.Merge, which
	// adds what v lacks: copy other without them first.
	src := *other
	src.Accounts = nil
	for _, a := range other.Accounts {
		if at, ok := v.Deleted[a.ID]; ok && !a.Updated.After(at) {
			continue
		}
		src.Accounts = append(src.Accounts, a)
	}
	src.GridCards = nil
	for _, c := range other.GridCards {
		if _, ok := v.Deleted[c.ID]; !ok {
			src.GridCards = append(src.GridCards, c)
		}
	}
	r := Report{Report: kit.Merge(v, &src)}
	r.Removed, r.RemovedCards = v.JoinDeleted(other.Deleted)
	// kit.Merge counts as added what JoinDeleted then removed: say only the
	// removal.
	r.Added = without(r.Added, r.Removed)
	if other.Generation > v.Generation {
		v.Generation = other.Generation
	}
	return r
}

func without(list, drop []string) []string {
	if len(drop) == 0 {
		return list
	}
	gone := map[string]bool{}
	for _, d := range drop {
		gone[d] = true
	}
	out := list[:0]
	for _, s := range list {
		if !gone[s] {
			out = append(out, s)
		}
	}
	return out
}
