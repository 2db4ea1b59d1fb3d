package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// The window's shortcuts; KeyModifierShortcutDefault is Ctrl (⌘ on macOS).
var (
	shortcutLock     = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutHelp     = &desktop.CustomShortcut{KeyName: fyne.KeySlash, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSettings = &desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutAdd      = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
)

// keyEntry is an entry that passes the window's keys on (Escape goes back,
// F1 helps, the shortcuts work), since a focused entry would otherwise
// swallow them: the search box, and the entries of pages that should not.
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

// formEntry is the entry of forms and dialogs. Unlike keyEntry it keeps
// Escape and the other window keys to itself (Escape would close the page
// under a dialog, Ctrl+N would open another one), but typing in it counts as
// activity for the idle lock, and Ctrl+L still locks: a focused entry gets
// the shortcuts before the window does, and widget.Entry drops the ones it
// does not know.
type formEntry struct {
	widget.Entry
	v *view
}

// newFormEntry makes a formEntry with the field defaults of widget's own
// constructors; the renderer adds the reveal button of a password entry,
// since ActionItem is nil.
func (v *view) newFormEntry(multiLine, password bool) *formEntry {
	e := &formEntry{v: v}
	e.MultiLine, e.Password = multiLine, password
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// newEntry is widget.NewEntry for the view's forms.
func (v *view) newEntry() *formEntry { return v.newFormEntry(false, false) }

// newPasswordEntry is widget.NewPasswordEntry for the view's forms.
func (v *view) newPasswordEntry() *formEntry { return v.newFormEntry(false, true) }

// newMultiLineEntry is widget.NewMultiLineEntry for the view's forms.
func (v *view) newMultiLineEntry() *formEntry { return v.newFormEntry(true, false) }

func (e *formEntry) TypedRune(r rune) {
	e.v.touch()
	e.Entry.TypedRune(r)
}

func (e *formEntry) TypedKey(k *fyne.KeyEvent) {
	e.v.touch()
	e.Entry.TypedKey(k)
}

func (e *formEntry) TypedShortcut(s fyne.Shortcut) {
	if !e.v.formShortcut(s) {
		e.Entry.TypedShortcut(s)
	}
}

// formSelectEntry is widget.SelectEntry (a field with a list to pick from)
// with the keys of formEntry.
type formSelectEntry struct {
	widget.SelectEntry
	v *view
}

// newSelectEntry is widget.NewSelectEntry for the view's forms.
func (v *view) newSelectEntry(options []string) *formSelectEntry {
	e := &formSelectEntry{v: v}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options)
	return e
}

func (e *formSelectEntry) TypedRune(r rune) {
	e.v.touch()
	e.SelectEntry.TypedRune(r)
}

func (e *formSelectEntry) TypedKey(k *fyne.KeyEvent) {
	e.v.touch()
	e.SelectEntry.TypedKey(k)
}

func (e *formSelectEntry) TypedShortcut(s fyne.Shortcut) {
	if !e.v.formShortcut(s) {
		e.SelectEntry.TypedShortcut(s)
	}
}

// formShortcut is what a form's field does with shortcut s before its own
// handling: s counts as activity, and Ctrl+L locks. It reports whether s
// was Ctrl+L, which the field must then leave alone.
func (v *view) formShortcut(s fyne.Shortcut) bool {
	v.touch()
	if s.ShortcutName() != shortcutLock.ShortcutName() {
		return false
	}
	v.lockByKey()
	return true
}

// isOpen reports whether the vault is open on screen: the list, the empty
// list or a page.
func (v *view) isOpen() bool {
	return v.mode == modeList || v.mode == modeEmpty || v.mode == modePage
}

// canLock reports whether Ctrl+L may lock now: only while the vault is open
// and no passphrase is being asked for, since the load or save behind that
// dialog waits for its answer.
func (v *view) canLock() bool {
	return v.isOpen() && v.askingPass == 0
}

// lockByKey locks for Ctrl+L, when the vault can be locked now.
func (v *view) lockByKey() {
	if v.canLock() {
		v.lock()
	}
}

// addByKey opens the add dialog for Ctrl+N, while the vault is open (not
// over the locked screen).
func (v *view) addByKey() {
	if v.isOpen() {
		v.showAdd()
	}
}

// windowShortcut is a shortcut of the window, what it does, and the
// translation key of the help's words for it.
type windowShortcut struct {
	key  *desktop.CustomShortcut
	run  func(*view)
	help string
}

// windowShortcuts are the window's shortcuts, in the help's order; the
// window, its search box and the help all take them from here.
func windowShortcuts() []windowShortcut {
	return []windowShortcut{
		{shortcutAdd, (*view).addByKey, "ui.add"},
		{shortcutLock, (*view).lockByKey, "ui.help.lock"},
		{shortcutSettings, (*view).showSettings, "ui.help.settings"},
		{shortcutHelp, (*view).showHelp, "ui.help.help"},
	}
}

// installShortcuts makes typing anywhere in the window search, and adds the
// keyboard shortcuts to the window.
func (v *view) installShortcuts() {
	c := v.win.Canvas()
	if dc, ok := c.(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { v.touch() })
	}
	c.SetOnTypedRune(func(r rune) {
		v.touch()
		// Nothing has the focus: typing goes to the search box, unless a
		// dialog is open.
		if !v.loaded || v.mode != modeList || c.Overlays().Top() != nil {
			return
		}
		c.Focus(v.search)
		v.search.TypedRune(r)
	})
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if v.typedKey(k) {
			return
		}
		if (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && v.mode == modeList && c.Overlays().Top() == nil {
			v.copyTop()
		}
	})
	for _, ws := range windowShortcuts() {
		c.AddShortcut(ws.key, func(s fyne.Shortcut) { v.typedShortcut(s) })
	}
}

// typedKey handles the keys that work everywhere; it reports whether k was
// one of them.
func (v *view) typedKey(k *fyne.KeyEvent) bool {
	v.touch()
	switch k.Name {
	case fyne.KeyF1:
		v.showHelp()
	case fyne.KeyEscape:
		if v.win.Canvas().Overlays().Top() != nil {
			// A dialog is up: the page under it stays (Fyne's dialogs
			// have no Escape of their own, and one may wait for its
			// answer).
			return false
		}
		if v.mode == modePage {
			v.closePage()
			return true
		}
		if v.search.Text == "" {
			return false
		}
		v.search.SetText("")
	default:
		return false
	}
	return true
}

// typedShortcut runs the window's shortcut s; it reports whether s was one.
func (v *view) typedShortcut(s fyne.Shortcut) bool {
	v.touch()
	for _, ws := range windowShortcuts() {
		if s.ShortcutName() == ws.key.ShortcutName() {
			ws.run(v)
			return true
		}
	}
	return false
}

// showHelp lists the keyboard shortcuts.
func (v *view) showHelp() {
	rows := [][2]string{
		{v.msg.T("ui.help.type.key"), v.msg.T("ui.help.type")},
		{v.msg.T("ui.help.enter.key"), v.msg.T("ui.help.enter")},
		{v.msg.T("ui.help.escape.key"), v.msg.T("ui.help.escape")},
	}
	for _, ws := range windowShortcuts() {
		key := shortcutText(ws.key)
		if ws.key == shortcutHelp {
			key = "F1 / " + key
		}
		rows = append(rows, [2]string{key, v.msg.T(ws.help)})
	}
	grid := container.New(layout.NewFormLayout())
	for _, r := range rows {
		key := widget.NewLabelWithStyle(r[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		grid.Add(key)
		grid.Add(widget.NewLabel(r[1]))
	}
	dialog.ShowCustom(v.msg.T("ui.help"), v.msg.T("ui.close"), grid, v.win)
}

// shortcutText names a shortcut the way people write it: "Ctrl+L".
func shortcutText(s *desktop.CustomShortcut) string {
	mod := "Ctrl+"
	if s.Modifier == fyne.KeyModifierSuper {
		mod = "⌘"
	}
	return mod + string(s.KeyName)
}

// accountList is the list of accounts. When it has the focus (after a click,
// or Tab), typing still searches and Enter copies the highlighted account.
type accountList struct {
	widget.List
	v *view
}

func newAccountList(v *view) *accountList {
	l := &accountList{v: v}
	l.Length = func() int { return len(v.shown) }
	l.CreateItem = func() fyne.CanvasObject { return newAccountRow(v) }
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(v.shown) && v.shown[id] < len(v.accounts) {
			r := o.(*accountRow)
			r.setHeading(v.headings[id])
			r.set(v.accounts[v.shown[id]], v.now())
		}
	}
	// A click on an account copies its code.
	l.OnSelected = func(id widget.ListItemID) {
		v.touch()
		l.UnselectAll()
		if id >= 0 && id < len(v.shown) && v.shown[id] < len(v.accounts) {
			v.copyAccount(v.accounts[v.shown[id]])
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

func (l *accountList) TypedRune(r rune) {
	l.v.win.Canvas().Focus(l.v.search)
	l.v.search.TypedRune(r)
}

func (l *accountList) TypedKey(k *fyne.KeyEvent) {
	if l.v.typedKey(k) {
		return
	}
	if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		k = &fyne.KeyEvent{Name: fyne.KeySpace} // selects, which copies
	}
	l.List.TypedKey(k)
}
