package clipboard

import (
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"
)

// readBack reads the clipboard the way another Windows program does: the
// text, and whether each marking format is there.
func readBack(t *testing.T, w *win) (text string, marks map[string]bool) {
	t.Helper()
	user32 := windows.NewLazySystemDLL("user32.dll")
	get := user32.NewProc("GetClipboardData")
	avail := user32.NewProc("IsClipboardFormatAvailable")
	if err := w.openClipboard(); err != nil {
		t.Fatal(err)
	}
	defer w.close.Call()
	marks = map[string]bool{}
	for _, name := range markFormats {
		n, _ := windows.UTF16PtrFromString(name)
		f, _, _ := w.register.Call(uintptr(unsafe.Pointer(n)))
		r, _, _ := avail.Call(f)
		marks[name] = r != 0
	}
	h, _, _ := get.Call(cfUnicodeText)
	if h == 0 {
		return "", marks
	}
	p, _, _ := w.lock.Call(h)
	defer w.unlock.Call(h)
	var u []uint16
	for i := uintptr(0); ; i += 2 {
		var c uint16
		w.move.Call(uintptr(unsafe.Pointer(&c)), p+i, 2)
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return windows.UTF16ToString(u), marks
}

// TestWindowsClipboardCarriesTheMarkers copies a secret and reads the
// clipboard back through user32: the text, and the three formats that keep
// it out of monitors, history and the cloud clipboard; clearing empties it.
func TestWindowsClipboardCarriesTheMarkers(t *testing.T) {
	p := &plain{}
	c := New(p)
	w, ok := c.(*win)
	if !ok || !c.Marked() {
		t.Fatalf("New gave %T", c)
	}
	if err := c.SetSecret("秘密 287082"); err != nil {
		t.Fatal(err)
	}
	// The text goes through the window's clipboard (here the stand-in),
	// the marks onto the system clipboard beside it.
	if p.text != "秘密 287082" {
		t.Errorf("the window's clipboard got %q", p.text)
	}
	_, marks := readBack(t, w)
	for _, name := range markFormats {
		if !marks[name] {
			t.Errorf("the copy lacks the %s format", name)
		}
	}
	if !c.ClearIf("秘密 287082") {
		t.Fatal("ClearIf did not clear Mamori's copy")
	}
	if p.text != "" {
		t.Errorf("after ClearIf the window's clipboard holds %q", p.text)
	}
}
