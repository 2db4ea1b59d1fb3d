package ui

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
)

// The tests of this file walk the whole app: every place (the list, each
// tool, each tab of an account, the forms and dialogs opened directly) and
// whatever each button there opens, and in every field that takes the
// keyboard they type a character and press Ctrl+L. Fields are found by what
// they are (focusable objects on the canvas and its overlays), not by name,
// so a field made with widget.NewEntry instead of v.newEntry fails here.

// keysWorld is a fresh window over a vault with something in every part of
// the app: a TOTP account with phones and a device, an account without
// codes, a grid card. The vault has an app passphrase (the test store's key
// file), so Ctrl+L locks. It returns the TOTP account's ID first.
func keysWorld(t *testing.T) (*view, fyne.Window, []string) {
	t.Helper()
	store := newStore(t, nil)
	ids := addPhoneAccounts(t, store,
		phoneAccount{issuer: "GitHub", name: "alice", totp: true, phones: []phone.Binding{{Number: phOld, Role: phone.RoleSMS}}},
		phoneAccount{issuer: "Amazon", name: "taro@example.com", phones: []phone.Binding{{Number: phOld, Role: phone.RoleSMS}}},
	)
	if _, err := store.Update(func(vlt *vault.Vault) error {
		d, err := phone.NewDevice("iPhone 13", phone.DeviceHandset, at59)
		vlt.Devices = append(vlt.Devices, d)
		vlt.Account(ids[0]).Devices = []string{d.ID}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	addAccounts(t, store, testAccount{"Example", "counter", otp.HOTP, 6, ""})
	addTestCard(t, store, "Bank card")
	v, w := open(t, store)
	return v, w, ids
}

// keyPlace is one place of the app.
type keyPlace struct {
	name string
	open func(v *view, ids []string)
}

// keyPlaces are the places the walk starts from.
func keyPlaces() []keyPlace {
	places := []keyPlace{
		{"list", func(*view, []string) {}},
		{"add dialog", func(v *view, _ []string) { v.showAdd() }},
		{"settings", func(v *view, _ []string) { v.showSettings() }},
		{"help", func(v *view, _ []string) { v.showHelp() }},
		{"number change form", func(v *view, _ []string) { v.openNumberChangeForm() }},
		{"device change form", func(v *view, _ []string) { v.openDeviceChangeForm() }},
	}
	for _, tl := range tools() {
		places = append(places, keyPlace{"tool " + tl.key, func(v *view, _ []string) { v.openTool(tl) }})
	}
	for i, tab := range accountTabs() {
		places = append(places, keyPlace{"account " + tab.key, func(v *view, ids []string) {
			v.openAccount(ids[0])
			v.pages[len(v.pages)-1].tab = i // the TOTP account shows every tab
			v.showPage()
		}})
	}
	return places
}

// shownOnTop are the objects shown where the keyboard and the pointer can
// reach: the top dialog or pop-up if there is one, else the window.
func shownOnTop(w fyne.Window) []fyne.CanvasObject {
	if top := w.Canvas().Overlays().Top(); top != nil {
		return shownIn(top)
	}
	return shownIn(w.Content())
}

// enabledButtons are the buttons that can be tapped now, in a stable order.
func enabledButtons(w fyne.Window) []*widget.Button {
	var out []*widget.Button
	for _, o := range shownOnTop(w) {
		if b, ok := o.(*widget.Button); ok && !b.Disabled() && b.OnTapped != nil {
			out = append(out, b)
		}
	}
	return out
}

// fieldsOf are the objects that can take the keyboard now, in a stable
// order. Two kinds are left out, which the app cannot give its keys:
//   - the focus half of a selectable widget.Label (one showing a secret to
//     copy): it swallows every shortcut but Copy, and Fyne gives no way to
//     change that;
//   - the fields of Fyne's own file dialog.
func fieldsOf(w fyne.Window) []fyne.Focusable {
	objs := shownOnTop(w)
	for _, o := range objs {
		if t := reflect.TypeOf(o); t.Kind() == reflect.Pointer && t.Elem().PkgPath() == "fyne.io/fyne/v2/dialog" &&
			strings.HasPrefix(strings.ToLower(t.Elem().Name()), "file") {
			return nil
		}
	}
	var out []fyne.Focusable
	for _, o := range objs {
		f, ok := o.(fyne.Focusable)
		if !ok || fmt.Sprintf("%T", o) == "*widget.focusSelectable" {
			continue
		}
		if d, ok := o.(fyne.Disableable); ok && d.Disabled() {
			continue
		}
		out = append(out, f)
	}
	return out
}

// takesText reports whether f is a field one types text into: it has
// shortcuts of its own (copy, paste), so it gets Ctrl+L before the window.
func takesText(f fyne.Focusable) bool {
	_, ok := f.(fyne.Shortcutable)
	return ok
}

// fieldName tells f apart from the other fields of one place.
func fieldName(f fyne.Focusable) string {
	name := fmt.Sprintf("%T", f)
	switch e := f.(type) {
	case *formEntry:
		name += " " + e.PlaceHolder
	case *formSelectEntry:
		name += " " + e.PlaceHolder
	case *keyEntry:
		name += " " + e.PlaceHolder
	case *widget.Entry:
		name += " " + e.PlaceHolder
	case *widget.SelectEntry:
		name += " " + e.PlaceHolder
	}
	return name
}

// pressCtrlL presses Ctrl+L the way the desktop driver delivers it: to the
// focused object when it takes shortcuts (a disabled text field only gets
// Copy), else to the window's shortcuts.
func pressCtrlL(t *testing.T, w fyne.Window) {
	t.Helper()
	c := w.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		if d, ok := f.(interface {
			fyne.Disableable
			SelectedText() string
		}); ok && d.Disabled() {
			return
		}
		f.TypedShortcut(shortcutLock)
		return
	}
	canvasShortcuts(t, c).TypedShortcut(shortcutLock)
}

// canvasShortcuts is the shortcut handler of the test driver's canvas c,
// where AddShortcut puts the window's shortcuts. The test canvas wraps the
// software one in an interface that hides it.
func canvasShortcuts(t *testing.T, c fyne.Canvas) interface{ TypedShortcut(fyne.Shortcut) } {
	t.Helper()
	type handler interface{ TypedShortcut(fyne.Shortcut) }
	if h, ok := c.(handler); ok {
		return h
	}
	rv := reflect.ValueOf(c)
	if rv.Kind() == reflect.Pointer && rv.Elem().Kind() == reflect.Struct {
		if f := rv.Elem().FieldByName("WindowlessCanvas"); f.IsValid() && f.CanInterface() {
			if h, ok := f.Interface().(handler); ok {
				return h
			}
		}
	}
	t.Fatalf("the test canvas %T takes no shortcuts", c)
	return nil
}

func TestCtrlLLocksFromEveryField(t *testing.T) {
	v, w, ids := keysWorld(t)
	// reach goes to place p and taps its button number tap (none when
	// -1); it returns the fields there and the button's text, or false
	// when p has no such button.
	reach := func(p keyPlace, tap int) ([]fyne.Focusable, string, bool) {
		if v.mode == modeLocked {
			v.load()
		}
		// Every visit starts with no HOTP code shown: one shown by an
		// earlier tap is forgotten at the next lock, and would move the
		// buttons' numbers between a place's first and second visit.
		v.hotp = map[string]hotp{}
		ov := w.Canvas().Overlays()
		for o := ov.Top(); o != nil; o = ov.Top() {
			ov.Remove(o)
		}
		v.closePages()
		v.search.SetText("")
		v.show(v.vault, nil)
		v.now = func() time.Time { return at59 }
		p.open(v, ids)
		label := ""
		if tap >= 0 {
			bs := enabledButtons(w)
			if tap >= len(bs) {
				return nil, "", false
			}
			label = bs[tap].Text
			if label == "" && bs[tap].Icon != nil {
				label = bs[tap].Icon.Name()
			}
			bs[tap].OnTapped()
		}
		return fieldsOf(w), label, true
	}

	checked := map[string]string{} // field → where it was checked
	states := 0
	for _, p := range keyPlaces() {
		for tap := -1; ; tap++ {
			fs, label, ok := reach(p, tap)
			if !ok {
				break
			}
			states++
			where := p.name
			if tap >= 0 {
				where += fmt.Sprintf(" → button %d %q", tap, label)
			}
			inDialog := w.Canvas().Overlays().Top() != nil
			for k := range fs {
				if k > 0 && v.mode == modeLocked {
					fs, _, _ = reach(p, tap) // the field before locked
				}
				if k >= len(fs) {
					t.Errorf("%s: fewer fields on a second visit", where)
					break
				}
				key := fieldName(fs[k])
				if inDialog {
					key += " (in a dialog)"
				}
				if _, ok := checked[key]; ok {
					continue // the same kind of field, checked elsewhere
				}
				checked[key] = where
				checkFieldKeys(t, v, w, fs[k], fmt.Sprintf("%s: field %d, %s", where, k, key))
			}
		}
	}
	// The walk must reach the fields this test was written for; a change
	// that hides them makes the walk look again.
	for _, want := range []string{"*ui.keyEntry", "*ui.formEntry", "*ui.formSelectEntry", "(in a dialog)"} {
		found := false
		for k := range checked {
			found = found || strings.Contains(k, want)
		}
		if !found {
			t.Errorf("the walk found no %s", want)
		}
	}
	if len(checked) < 20 {
		t.Errorf("the walk found only %d kinds of field in %d places", len(checked), states)
	}
	t.Logf("%d kinds of field in %d places", len(checked), states)
}

// checkFieldKeys types a character into f, which must count as activity
// when f takes text, and then presses Ctrl+L, which must lock: nothing of
// the vault stays in the window, no dialog stays over the locked screen.
func checkFieldKeys(t *testing.T, v *view, w fyne.Window, f fyne.Focusable, where string) {
	t.Helper()
	c := w.Canvas()
	c.Focus(f)
	if c.Focused() != f {
		t.Errorf("%s: does not take the focus", where)
		return
	}
	v.lastActive = at59
	later := at59.Add(2 * time.Minute)
	v.now = func() time.Time { return later }
	f.TypedRune('7')
	if takesText(f) && !v.lastActive.Equal(later) {
		t.Errorf("%s: typing did not count as activity for the idle lock", where)
	}
	if v.mode == modeLocked {
		t.Errorf("%s: typing locked", where)
		return
	}
	pressCtrlL(t, w)
	if v.mode != modeLocked || v.vault != nil {
		t.Errorf("%s: Ctrl+L did not lock; mode %d", where, v.mode)
		return
	}
	if top := c.Overlays().Top(); top != nil {
		t.Errorf("%s: a dialog stayed over the locked screen", where)
	}
	for _, secret := range []string{"alice", "taro@example.com", "Bank card", "iPhone 13"} {
		if hasText(w, secret) {
			t.Errorf("%s: the locked window still shows %q", where, secret)
		}
	}
	if !hasText(w, "Mamori is locked") {
		t.Errorf("%s: no locked screen; the window shows %q", where, textsOf(w))
	}
}

// TestNoRawEntries is the walk's backstop for fields it cannot reach (a
// dialog two taps deep): outside shortcuts.go, the package makes its text
// fields with the view's constructors, never with widget's own.
func TestNoRawEntries(t *testing.T) {
	raw := map[string]bool{
		"NewEntry": true, "NewPasswordEntry": true, "NewMultiLineEntry": true, "NewSelectEntry": true,
		"NewEntryWithData": true, "NewPasswordEntryWithData": true, "NewMultiLineEntryWithData": true,
		"Entry": true, "SelectEntry": true,
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "shortcuts.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var sel *ast.SelectorExpr
			switch n := n.(type) {
			case *ast.CallExpr:
				sel, _ = n.Fun.(*ast.SelectorExpr)
			case *ast.CompositeLit:
				sel, _ = n.Type.(*ast.SelectorExpr)
			}
			if sel == nil {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "widget" && raw[sel.Sel.Name] {
				t.Errorf("%s: widget.%s: use v.newEntry and its siblings, whose fields lock on Ctrl+L",
					fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
}

// TestHelpListsWhatWorks opens the shortcuts help in both languages: it
// must list every shortcut of the window with its words, and each key it
// lists must do what it says, pressed with nothing focused on the list.
func TestHelpListsWhatWorks(t *testing.T) {
	// dialogTitled reports whether the top dialog is the one titled key.
	dialogTitled := func(v *view, w fyne.Window, key string) bool {
		top := w.Canvas().Overlays().Top()
		return top != nil && slices.Contains(textsIn(shownIn(top)), v.msg.T(key))
	}
	// does checks what each shortcut of windowShortcuts did.
	does := map[string]func(v *view, w fyne.Window) bool{
		shortcutAdd.ShortcutName(): func(v *view, w fyne.Window) bool { return v.addForm != nil && dialogTitled(v, w, "ui.add") },
		shortcutLock.ShortcutName(): func(v *view, w fyne.Window) bool {
			return v.mode == modeLocked && w.Canvas().Overlays().Top() == nil
		},
		shortcutSettings.ShortcutName(): func(v *view, w fyne.Window) bool { return dialogTitled(v, w, "ui.settings") },
		shortcutHelp.ShortcutName():     func(v *view, w fyne.Window) bool { return dialogTitled(v, w, "ui.help") },
	}
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			v, w, ids := keysWorld(t)
			if lang == "ja" {
				showJapanese(v)
			}
			c := w.Canvas()
			fresh := func() {
				if v.mode == modeLocked {
					v.load()
				}
				ov := c.Overlays()
				for o := ov.Top(); o != nil; o = ov.Top() {
					ov.Remove(o)
				}
				v.closePages()
				v.search.SetText("")
				v.show(v.vault, nil)
				v.addForm = nil
				c.Unfocus()
			}

			v.showHelp()
			help := textsIn(shownIn(c.Overlays().Top()))
			want := []string{
				v.msg.T("ui.help"),
				v.msg.T("ui.help.type.key"), v.msg.T("ui.help.type"),
				v.msg.T("ui.help.enter.key"), v.msg.T("ui.help.enter"),
				v.msg.T("ui.help.escape.key"), v.msg.T("ui.help.escape"),
			}
			for _, ws := range windowShortcuts() {
				want = append(want, v.msg.T(ws.help))
				key := shortcutText(ws.key)
				if !slices.ContainsFunc(help, func(s string) bool { return strings.HasSuffix(s, key) }) {
					t.Errorf("the help does not list %s; it shows %q", key, help)
				}
			}
			for _, s := range want {
				if !slices.Contains(help, s) {
					t.Errorf("the help does not show %q; it shows %q", s, help)
				}
			}
			if !slices.Contains(help, "F1 / "+shortcutText(shortcutHelp)) {
				t.Errorf("the help does not list F1; it shows %q", help)
			}

			// Each shortcut does what the help says.
			for _, ws := range windowShortcuts() {
				check, ok := does[ws.key.ShortcutName()]
				if !ok {
					t.Errorf("%s has no check here: add one", shortcutText(ws.key))
					continue
				}
				fresh()
				canvasShortcuts(t, c).TypedShortcut(ws.key)
				if !check(v, w) {
					t.Errorf("%s did not %q; the window shows %q", shortcutText(ws.key), v.msg.T(ws.help), textsOf(w))
				}
			}
			// F1 helps too.
			fresh()
			c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
			if !dialogTitled(v, w, "ui.help") {
				t.Errorf("F1 did not show the help")
			}
			// Typing searches, Enter copies the first code shown, Esc
			// clears the search.
			fresh()
			c.OnTypedRune()('G')
			c.OnTypedRune()('i')
			if v.search.Text != "Gi" || len(v.shown) != 1 || v.accounts[v.shown[0]].ID != ids[0] {
				t.Fatalf("typing on the list searched %q, showing %d", v.search.Text, len(v.shown))
			}
			c.Unfocus()
			c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
			code, err := v.vault.Account(ids[0]).Code(v.now())
			if err != nil {
				t.Fatal(err)
			}
			if got := v.app.Clipboard().Content(); got == "" || strings.ReplaceAll(got, " ", "") != code {
				t.Errorf("Enter copied %q, want the GitHub code %q", got, code)
			}
			c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if v.search.Text != "" {
				t.Errorf("Esc left the search %q", v.search.Text)
			}
			// Esc goes back from a page.
			v.openAccount(ids[0])
			c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if v.mode != modeList {
				t.Errorf("Esc did not go back from a page; mode %d", v.mode)
			}
			// Ctrl+N does nothing over the locked screen.
			v.lock()
			canvasShortcuts(t, c).TypedShortcut(shortcutAdd)
			if v.addForm != nil || c.Overlays().Top() != nil {
				t.Errorf("Ctrl+N opened the add dialog over the locked screen")
			}
		})
	}
}

// TestEscapeLeavesThePageUnderADialog: with a dialog up and nothing
// focused, Esc reaches the window; it must not close the page under the
// dialog, which would leave the dialog over another screen.
func TestEscapeLeavesThePageUnderADialog(t *testing.T) {
	v, w, ids := keysWorld(t)
	v.openAccount(ids[0])
	v.showEdit(ids[0])
	c := w.Canvas()
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if v.mode != modePage || len(v.pages) != 1 {
		t.Errorf("Esc closed the page under the edit dialog; mode %d", v.mode)
	}
	if c.Overlays().Top() == nil {
		t.Fatalf("the edit dialog went away")
	}
	v.editForm.dialog.Hide()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if v.mode != modeList {
		t.Errorf("Esc did not go back once the dialog was closed; mode %d", v.mode)
	}
}
