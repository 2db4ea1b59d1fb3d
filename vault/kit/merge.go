package kit

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/backup"
)

// Report says what Merge did, for a person to read.
type Report struct {
	// Added are the labels of accounts new to the vault.
	Added []string `json:"added"`
	// Updated are accounts the kit had a newer version of.
	Updated []string `json:"updated"`
	// Unchanged counts accounts identical in both.
	Unchanged int `json:"unchanged"`
	// Duplicates are kit accounts skipped because the vault already holds
	// the same key under another entry.
	Duplicates []string `json:"duplicates"`
	// Conflicts are accounts changed on both sides where the vault's copy is
	// newer (or as new): the vault's copy is kept.
	Conflicts []string `json:"conflicts"`
	// GridCardsAdded and GridCardsMerged count grid cards new to the vault
	// and cards whose exposure logs were joined.
	GridCardsAdded  int `json:"grid_cards_added"`
	GridCardsMerged int `json:"grid_cards_merged"`
	// GridCardConflicts are cards sharing an ID but not their cells; kept as they were.
	GridCardConflicts []string `json:"grid_card_conflicts"`
	// PhoneChanges, Devices and DeviceChanges count records new to the vault.
	PhoneChanges  int `json:"phone_changes_added"`
	Devices       int `json:"devices_added"`
	DeviceChanges int `json:"device_changes_added"`
}

// Changed reports whether the merge changed the vault at all.
func (r Report) Changed() bool {
	return len(r.Added)+len(r.Updated)+r.GridCardsAdded+r.GridCardsMerged+r.PhoneChanges+r.Devices+r.DeviceChanges > 0
}

// Merge brings a kit's vault into dst without ever losing newer data:
//   - an account new to dst is added, unless dst holds the same key already;
//   - an account in both is replaced only when the kit's copy was updated
//     later; otherwise a difference is a conflict and dst's copy stays;
//   - whichever copy stays, a backup code used in either is used, and a
//     HOTP counter never goes back;
//   - grid cards join their exposure logs, so a card shared by a family
//     counts every answer given by anyone;
//   - phone changes, devices and their changes are added by ID, and
//     checklist ticks from both sides are kept.
func Merge(dst, src *vault.Vault) Report {
	r := Report{Added: []string{}, Updated: []string{}, Duplicates: []string{}, Conflicts: []string{}, GridCardConflicts: []string{}}
	idx := dst.Index()
	fresh := 0
	for i := range src.Accounts {
		if idx.Account(src.Accounts[i].ID) == nil {
			fresh++
		}
	}
	// Room for the kit's new accounts at once, not by doubling: at 100,000
	// accounts, growing step by step copies the vault several times over.
	dst.Accounts = slices.Grow(dst.Accounts, fresh)
	for _, in := range src.Accounts {
		cur := idx.Account(in.ID)
		if cur == nil {
			if idx.Add(in) {
				r.Added = append(r.Added, in.Label())
			} else {
				r.Duplicates = append(r.Duplicates, in.Label())
			}
			continue
		}
		if sameJSON(*cur, in) {
			r.Unchanged++
			continue
		}
		if in.Updated.After(cur.Updated) {
			keepUsed(&in.Backup, cur.Backup)
			in.OTP.Counter = max(in.OTP.Counter, cur.OTP.Counter)
			idx.Replace(in)
			r.Updated = append(r.Updated, in.Label())
			continue
		}
		keepUsed(&cur.Backup, in.Backup)
		cur.OTP.Counter = max(cur.OTP.Counter, in.OTP.Counter)
		r.Conflicts = append(r.Conflicts, cur.Label())
	}

	for _, in := range src.GridCards {
		i := indexOf(len(dst.GridCards), func(i int) bool { return dst.GridCards[i].ID == in.ID })
		if i < 0 {
			dst.GridCards = append(dst.GridCards, in)
			r.GridCardsAdded++
			continue
		}
		before := len(dst.GridCards[i].Exposure.Events)
		if err := dst.GridCards[i].Merge(in); err != nil {
			r.GridCardConflicts = append(r.GridCardConflicts, in.Name)
		} else if len(dst.GridCards[i].Exposure.Events) != before {
			r.GridCardsMerged++
		}
	}

	for _, in := range src.PhoneChanges {
		i := indexOf(len(dst.PhoneChanges), func(i int) bool { return dst.PhoneChanges[i].ID == in.ID })
		if i < 0 {
			dst.PhoneChanges = append(dst.PhoneChanges, in)
			r.PhoneChanges++
			continue
		}
		dst.PhoneChanges[i].Done = joinDone(dst.PhoneChanges[i].Done, in.Done)
	}
	for _, in := range src.Devices {
		if indexOf(len(dst.Devices), func(i int) bool { return dst.Devices[i].ID == in.ID }) < 0 {
			dst.Devices = append(dst.Devices, in)
			r.Devices++
		}
	}
	for _, in := range src.DeviceChanges {
		i := indexOf(len(dst.DeviceChanges), func(i int) bool { return dst.DeviceChanges[i].ID == in.ID })
		if i < 0 {
			dst.DeviceChanges = append(dst.DeviceChanges, in)
			r.DeviceChanges++
			continue
		}
		dst.DeviceChanges[i].Done = joinDone(dst.DeviceChanges[i].Done, in.Done)
	}
	return r
}

func indexOf(n int, match func(int) bool) int {
	for i := 0; i < n; i++ {
		if match(i) {
			return i
		}
	}
	return -1
}

func sameJSON(a, b vault.Account) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// keepUsed marks used in s every code that other's matching generation
// records as used, so merging never makes a spent code valid again.
func keepUsed(s *backup.Set, other backup.Set) {
	used := map[[2]string]backup.Code{}
	for _, g := range generations(other) {
		for _, c := range g.Codes {
			if c.IsUsed() {
				used[[2]string{g.ID, c.Code}] = c
			}
		}
	}
	if len(used) == 0 {
		return
	}
	mark := func(g *backup.Generation) {
		for i, c := range g.Codes {
			if u, ok := used[[2]string{g.ID, c.Code}]; ok && !c.IsUsed() {
				g.Codes[i].Used = u.Used
			}
		}
	}
	if s.Current != nil {
		mark(s.Current)
	}
	for i := range s.History {
		mark(&s.History[i])
	}
}

func generations(s backup.Set) []backup.Generation {
	out := append([]backup.Generation{}, s.History...)
	if s.Current != nil {
		out = append(out, *s.Current)
	}
	return out
}

func joinDone[T any](a, b map[string]T) map[string]T {
	if len(b) == 0 {
		return a
	}
	out := maps.Clone(a)
	if out == nil {
		out = map[string]T{}
	}
	for k, v := range b {
		if _, ok := out[k]; !ok {
			out[k] = v
		}
	}
	return out
}
