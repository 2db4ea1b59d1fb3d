package ui

import (
	"fyne.io/fyne/v2"

	"github.com/mamori-app/mamori/vault"
)

// arrange puts the vault's accounts in list order (pinned first, then by
// tag, sorted as Settings say) and notes what search looks in. The caller
// filters them next.
func (v *view) arrange() {
	v.accounts = vault.Arrange(v.vault.Accounts, v.listOrder())
	v.keys = make([]string, len(v.accounts))
	v.grouped = false
	v.groups = map[string]string{}
	v.groupOf = make([]string, len(v.accounts))
	for i, a := range v.accounts {
		v.keys[i] = a.SearchKey()
		v.grouped = v.grouped || len(a.Tags) > 0
		g := vault.Fold(a.Group())
		if a.Pinned {
			g = "\x00"
		}
		v.groupOf[i] = g
		// A group's heading is spelled as its first account spells it,
		// whichever of its accounts a search shows first.
		if v.groups[g] == "" {
			v.groups[g] = a.Group()
		}
	}
	v.shown = nil // indices into the old list; filter makes them anew
}

// filter recomputes the shown accounts from the search text: those whose
// issuer, name or tags hold every word of it.
func (v *view) filter() {
	words := vault.QueryWords(v.query)
	v.shown = v.shown[:0]
	if !v.loaded {
		return
	}
	for i, k := range v.keys {
		if vault.MatchWords(k, words) {
			v.shown = append(v.shown, i)
		}
	}
	if refreshed := v.setHeadings(); !refreshed {
		v.list.Refresh()
	}
	v.updateStatus()
}

// setHeadings works out which shown accounts start a group (pinned, a tag,
// no tag) and gives their list items the room for the group's heading. With
// no tags in the vault, the list has no headings. It reports whether the
// list is refreshed already.
func (v *view) setHeadings() bool {
	headings := map[int]string{}
	if v.grouped {
		prev := "\x01" // no group
		for i, j := range v.shown {
			g := v.groupOf[j]
			if g == prev {
				continue
			}
			prev = g
			switch {
			case g == "\x00":
				headings[i] = v.msg.T("ui.group.pinned")
			case g == "":
				headings[i] = v.msg.T("ui.group.untagged")
			default:
				headings[i] = v.groups[g]
			}
		}
	}
	// The items whose height changes: those that gain or lose a heading.
	var changed []int
	for id := range headings {
		if _, ok := v.headings[id]; !ok {
			changed = append(changed, id)
		}
	}
	for id := range v.headings {
		if _, ok := headings[id]; !ok {
			changed = append(changed, id)
		}
	}
	v.headings = headings
	if len(changed) == 0 {
		return false
	}
	// A few changes are cheapest on the list as it is; each of them
	// refreshes the whole list, though, so many call for a new list.
	if len(changed) <= fewHeightChanges {
		if v.rowH[0] == 0 {
			v.rowH[0], v.rowH[1] = rowHeights(v)
		}
		for _, id := range changed {
			h := v.rowH[0]
			if _, ok := headings[id]; ok {
				h += v.rowH[1]
			}
			v.list.SetItemHeight(id, h)
		}
		return true
	}
	v.resetList()
	return true
}

// fewHeightChanges is the most items whose height setHeadings changes on
// the list as it is, rather than on a new list.
const fewHeightChanges = 8

// resetList puts a new list in place of the old one, with room for the
// headings. Fyne's List refreshes itself whole for each item height that
// changes, which with thousands of groups takes seconds; a list not yet on
// screen takes them at no cost. The new list keeps the old one's scroll
// position.
func (v *view) resetList() {
	if v.rowH[0] == 0 {
		v.rowH[0], v.rowH[1] = rowHeights(v)
	}
	old := v.list
	v.list = newAccountList(v)
	for id := range v.headings {
		v.list.SetItemHeight(id, v.rowH[0]+v.rowH[1])
	}
	if len(v.body.Objects) == 1 && v.body.Objects[0] == fyne.CanvasObject(old) {
		v.setBody(v.list)
		v.list.Resize(old.Size())
		v.list.ScrollToOffset(old.GetScrollOffset())
	}
}
