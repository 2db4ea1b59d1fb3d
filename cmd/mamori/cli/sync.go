package cli

import (
	"errors"
	"strings"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
)

// mergeCopies merges the conflict copies a sync engine left beside the
// vault, as every opening of the vault does, and tells the person what
// each brought in and where it was set aside.
func (a *app) mergeCopies(store *vault.Store) error {
	r, err := usecase.New(store, a.now).MergeCopies()
	if errors.Is(err, vault.ErrKeyMissing) {
		// This desktop has no key yet (vault join is about to store one):
		// the copies wait, and the command says what it needs.
		err = nil
	}
	for _, m := range r.Merged {
		d := data{"Engine": a.msg.T("sync.engine." + string(m.Engine)), "Name": m.Name, "Folder": usecase.MergedFolder}
		a.note("sync.note.merged", d)
		for key, labels := range map[string][]string{
			"sync.note.added": m.Report.Added, "sync.note.updated": m.Report.Updated,
			"sync.note.removed": m.Report.Removed, "sync.note.removed_cards": m.Report.RemovedCards,
		} {
			if len(labels) > 0 {
				a.note(key, data{"Labels": strings.Join(labels, a.msg.T("sync.list_separator"))})
			}
		}
	}
	for _, name := range r.Waiting {
		a.note("sync.note.waiting", data{"Name": name})
	}
	return err
}
