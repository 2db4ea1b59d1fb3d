package vault

import "time"

// markDeleted records that the record id was removed at at. A later
// removal of the same ID keeps the later date.
func (v *Vault) markDeleted(id string, at time.Time) {
	if v.Deleted == nil {
		v.Deleted = map[string]time.Time{}
	}
	at = at.UTC()
	if prev, ok := v.Deleted[id]; !ok || at.After(prev) {
		v.Deleted[id] = at
	}
}

// RemoveGridCard deletes the grid card with the given ID, leaving a
// tombstone dated at, and reports whether it existed.
func (v *Vault) RemoveGridCard(id string, at time.Time) bool {
	for i := range v.GridCards {
		if v.GridCards[i].ID == id {
			v.GridCards = append(v.GridCards[:i], v.GridCards[i+1:]...)
			v.markDeleted(id, at)
			return true
		}
	}
	return false
}

// JoinDeleted adds other's tombstones to v's (the later date wins where
// both have one) and then removes from v every account changed no later
// than its tombstone and every tombstoned grid card. It returns the labels
// of the accounts and the names of the cards it removed.
//
// An account changed after it was deleted elsewhere (restored on this
// desktop, or edited on one while the other deleted it) stays: the newer
// intent wins, as for any other edit.
func (v *Vault) JoinDeleted(other map[string]time.Time) (accounts, cards []string) {
	if len(other) > 0 && v.Deleted == nil {
		v.Deleted = make(map[string]time.Time, len(other))
	}
	for id, at := range other {
		v.markDeleted(id, at)
	}
	if len(v.Deleted) == 0 {
		return nil, nil
	}
	kept := v.Accounts[:0]
	for _, a := range v.Accounts {
		if at, ok := v.Deleted[a.ID]; ok && !a.Updated.After(at) {
			accounts = append(accounts, a.Label())
			continue
		}
		kept = append(kept, a)
	}
	v.Accounts = kept
	keptCards := v.GridCards[:0]
	for _, c := range v.GridCards {
		if _, ok := v.Deleted[c.ID]; ok {
			cards = append(cards, c.Name)
			continue
		}
		keptCards = append(keptCards, c)
	}
	v.GridCards = keptCards
	return accounts, cards
}

// Restore puts a deleted account back at index (clamped to the list) and
// lifts its tombstone; its Updated time becomes at, so that a copy of the
// vault that saw the deletion does not delete it again when they merge.
// Like Add, it refuses (returns false) an account whose key the vault
// already holds.
func (v *Vault) Restore(a Account, index int, at time.Time) bool {
	if a.HasOTP() && v.HasKey(a.OTP) {
		return false
	}
	a.Updated = at.UTC()
	i := min(max(index, 0), len(v.Accounts))
	v.Accounts = append(v.Accounts[:i], append([]Account{a}, v.Accounts[i:]...)...)
	delete(v.Deleted, a.ID)
	return true
}
