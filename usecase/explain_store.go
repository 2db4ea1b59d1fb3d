package usecase

import (
	"errors"
	"strings"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/kit"
	"github.com/mamori-app/mamori/vault/kit/paper"
)

// ExplainStore explains the errors of the vault's storage and of opening
// kits that guard against a hostile file or folder: a kit asking too much
// work, a forged or rolled-back vault, a data folder others can change.
// It is Explain's explainer for these, exported for the front-ends' own
// error mappings until they move to Explain.
func ExplainStore(err error) (Message, bool) {
	var (
		cost     *kit.CostError
		unsafe   *vault.UnsafeFolderError
		rollback *vault.RollbackError
		damaged  *vault.DamagedError
	)
	switch {
	case errors.As(err, &rollback):
		return Message{ID: "store.error.rollback", Data: map[string]any{"Seen": rollback.Seen, "Found": rollback.Found},
			Hint: &Message{ID: "store.hint.rollback"}}, true
	case errors.Is(err, vault.ErrForged):
		m := Message{ID: "store.error.forged", Hint: &Message{ID: "store.hint.forged"}}
		if errors.As(err, &damaged) {
			m.Data = map[string]any{"Path": damaged.Path}
			if damaged.Backup == nil {
				m.Hint = &Message{ID: "store.hint.forged_no_backup"}
			}
		}
		return m, true
	case errors.Is(err, vault.ErrKeyNotProtected):
		return Message{ID: "store.error.key_not_protected", Hint: &Message{ID: "store.hint.key_not_protected"}}, true
	case errors.As(err, &unsafe):
		return Message{ID: "store.error.unsafe_" + unsafe.Reason, Data: map[string]any{"Path": unsafe.Path},
			Hint: &Message{ID: "store.hint.unsafe", Data: map[string]any{"Fix": unsafe.Fix}}}, true
	case errors.As(err, &cost):
		return Message{ID: "store.error.kit_too_costly", Data: map[string]any{"Asked": cost.Asked, "Max": cost.Max},
			Hint: &Message{ID: "store.hint.kit_too_costly"}}, true
	}
	return Message{}, false
}

// MissingNumbers is the list of missing paper-kit codes for a message,
// shortened: runs of numbers as "3-9", and past paper.MaxListed runs only
// how many more there are, so a page numbered "1/10000" makes a short
// message. sep separates the items in msg's language.
func MissingNumbers(msg *assets.Catalog, e *paper.MissingError, sep string) string {
	runs, more := e.Summary(paper.MaxListed)
	s := strings.Join(runs, sep)
	if more > 0 {
		s += msg.T("store.more", map[string]any{"Count": more})
	}
	return s
}
