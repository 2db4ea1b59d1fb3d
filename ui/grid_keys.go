package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is an entry that passes the window's keys on (Escape goes back,
// F1 helps, the shortcuts work), as the search box does, since a focused
// entry would otherwise swallow them.
type keyEntry struct {
	widget.Entry
	v *view
}

func newKeyEntry(v *view) *keyEntry {
	e := &keyEntry{v: v}
	e.ExtendBaseWidget(e)
	return e
}

func (e *keyEntry) TypedRune(r rune) {
	e.v.touch()
	e.Entry.TypedRune(r)
}

func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if e.v.typedKey(k) {
		return
	}
	e.Entry.TypedKey(k)
}

func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if e.v.typedShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}
