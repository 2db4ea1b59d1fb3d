package ui

import "github.com/mamori-app/mamori/clipboard"

// secretClipboard is where codes, backup codes, secrets and answers are
// copied: the system's, marked for clipboard managers and history to skip
// (package clipboard), in the app; Fyne's own, unmarked, when the view was
// given none (the tests' windows).
func (v *view) secretClipboard() clipboard.Clipboard {
	if v.clip == nil {
		v.clip = clipboard.Unmarked(v.app.Clipboard())
	}
	return v.clip
}

// copySecret puts text on the clipboard, marked as a secret, and remembers
// it so that it is taken back after the delay of Settings (or at lock and
// quit) unless something else was copied since. A copy the system would
// not mark still reaches the clipboard, plain: the person asked for it.
func (v *view) copySecret(text string) {
	_ = v.secretClipboard().SetSecret(text)
	v.copiedCode, v.copiedAt = text, v.now()
}
