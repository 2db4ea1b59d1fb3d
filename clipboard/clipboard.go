// Package clipboard copies codes, backup codes and secrets so that
// clipboard managers and clipboard history skip them, where the system has
// a way to say so:
//
//   - X11 (Linux and the BSDs, and X applications under Wayland through
//     XWayland): Mamori owns the CLIPBOARD selection itself and offers,
//     beside the text (UTF8_STRING, STRING, TEXT), the target
//     x-kde-passwordManagerHint with the value "secret", as KeePassXC does;
//     Klipper, GPaste, CopyQ and other managers that honour it do not keep
//     the copy.
//   - Windows: the text goes with the formats
//     ExcludeClipboardContentFromMonitorProcessing (clipboard monitors skip
//     it) and CanIncludeInClipboardHistory and CanUploadToCloudClipboard set
//     to 0 (Win+V history and cloud clipboard skip it).
//   - Elsewhere (macOS; a Wayland session with no X display): the plain
//     clipboard the caller gives, unmarked.
//
// Either way the copy is taken back after the caller's delay with
// [Clipboard.ClearIf], only if nothing else was copied since.
package clipboard

// Clipboard is where secrets are copied.
type Clipboard interface {
	// SetSecret puts text on the clipboard, marked so that clipboard
	// managers and history skip it where the system allows.
	SetSecret(text string) error
	// ClearIf empties the clipboard if it still holds text as put there
	// by SetSecret, and reports whether it did; what someone copied since
	// is left alone.
	ClearIf(text string) bool
	// Marked reports whether copies are marked for managers to skip (false
	// for the plain fallback).
	Marked() bool
}

// Plain is a clipboard that holds text and no more, such as Fyne's
// (fyne.Clipboard).
type Plain interface {
	Content() string
	SetContent(string)
}

// New returns the system's clipboard with copies marked where it has a
// way (see the package documentation), and plain where it has none or
// cannot be reached.
func New(plain Plain) Clipboard { return newSystem(plain) }

// Unmarked returns plain as a Clipboard that marks nothing: for tests, and
// for systems without a way to mark a copy.
func Unmarked(plain Plain) Clipboard { return unmarked{plain} }

type unmarked struct{ p Plain }

func (u unmarked) SetSecret(text string) error { u.p.SetContent(text); return nil }

func (u unmarked) ClearIf(text string) bool {
	if u.p.Content() != text {
		return false
	}
	u.p.SetContent("")
	return true
}

func (unmarked) Marked() bool { return false }
