package ui

import "github.com/mamori-app/mamori/usecase"

// tellMerged says in the status bar that changes made on another desktop,
// which a sync engine delivered as conflict copies, were merged.
func (v *view) tellMerged(r usecase.CopiesReport) {
	if len(r.Merged) == 0 {
		return
	}
	last := r.Merged[len(r.Merged)-1]
	v.flash(v.msg.T("sync.flash.merged", map[string]any{"Engine": v.msg.T("sync.engine." + string(last.Engine))}))
}
