package clipboard

import (
	"fmt"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Clipboard formats and memory flags of the Win32 API.
const (
	cfUnicodeText = 13
	gmemMoveable  = 0x0002
)

// markFormats are the registered formats that keep a copy out of clipboard
// monitors, Win+V history and the cloud clipboard; each holds a DWORD 0.
var markFormats = [...]string{
	"ExcludeClipboardContentFromMonitorProcessing",
	"CanIncludeInClipboardHistory",
	"CanUploadToCloudClipboard",
}

// win is the Windows clipboard, through user32.
type win struct {
	plain Plain

	open, close, set, register      *windows.LazyProc
	alloc, lock, unlock, free, move *windows.LazyProc

	mu   sync.Mutex
	text string // what SetSecret put there last
}

func newSystem(plain Plain) Clipboard {
	user32 := windows.NewLazySystemDLL("user32.dll")
	kernel32 := windows.NewLazySystemDLL("kernel32.dll")
	return &win{
		plain:    plain,
		open:     user32.NewProc("OpenClipboard"),
		close:    user32.NewProc("CloseClipboard"),
		set:      user32.NewProc("SetClipboardData"),
		register: user32.NewProc("RegisterClipboardFormatW"),
		alloc:    kernel32.NewProc("GlobalAlloc"),
		lock:     kernel32.NewProc("GlobalLock"),
		unlock:   kernel32.NewProc("GlobalUnlock"),
		free:     kernel32.NewProc("GlobalFree"),
		move:     kernel32.NewProc("RtlMoveMemory"),
	}
}

func (*win) Marked() bool { return true }

// openClipboard opens the clipboard, waiting a little while another
// program has it open (they hold it for moments).
func (w *win) openClipboard() error {
	var err error
	for i := 0; i < 20; i++ {
		var r uintptr
		if r, _, err = w.open.Call(0); r != 0 {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("windows clipboard: open: %w", err)
}

// global copies b into movable global memory, as SetClipboardData takes it.
func (w *win) global(b []byte) (uintptr, error) {
	h, _, err := w.alloc.Call(gmemMoveable, uintptr(len(b)))
	if h == 0 {
		return 0, fmt.Errorf("windows clipboard: allocate: %w", err)
	}
	p, _, err := w.lock.Call(h)
	if p == 0 {
		w.free.Call(h)
		return 0, fmt.Errorf("windows clipboard: lock: %w", err)
	}
	w.move.Call(p, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
	w.unlock.Call(h)
	return h, nil
}

// setData hands b to the clipboard in format; the clipboard owns the memory
// once it accepts it.
func (w *win) setData(format uintptr, b []byte) error {
	h, err := w.global(b)
	if err != nil {
		return err
	}
	if r, _, err := w.set.Call(format, h); r == 0 {
		w.free.Call(h)
		return fmt.Errorf("windows clipboard: set data: %w", err)
	}
	return nil
}

func (w *win) SetSecret(text string) error {
	// The text goes through the window's own clipboard, whose owner is the
	// app's window: Windows refuses data from a clipboard opened without
	// one, and Wine hands only an owned clipboard on to X. The marks are
	// added to it after.
	w.plain.SetContent(text)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.text = text
	if err := w.openClipboard(); err != nil {
		return err
	}
	err := w.mark()
	w.close.Call()
	return err
}

// mark adds the formats that tell clipboard history, monitors and cloud
// clipboard to skip what is on the clipboard.
func (w *win) mark() error {
	zero := make([]byte, 4) // DWORD 0
	for _, name := range markFormats {
		n, err := windows.UTF16PtrFromString(name)
		if err != nil {
			return fmt.Errorf("windows clipboard: %w", err)
		}
		f, _, err := w.register.Call(uintptr(unsafe.Pointer(n)))
		if f == 0 {
			return fmt.Errorf("windows clipboard: register %s: %w", name, err)
		}
		if err := w.setData(f, zero); err != nil {
			return err
		}
	}
	return nil
}

func (w *win) ClearIf(text string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.text == text {
		w.text = ""
	}
	// The text is on the window's clipboard: clear it there, if it is
	// still Mamori's copy.
	return Unmarked(w.plain).ClearIf(text)
}
