package ui

import (
	"bytes"
	"testing"

	"github.com/go-text/typesetting/font"
)

// TestWarmFontsNeedNoSystemFont: every character warmFonts measures is in
// the theme's font for its style, so warming the fonts at start never makes
// Fyne look for a system font (for kana in the codes' monospace style, it
// would find and load a whole CJK font).
func TestWarmFontsNeedNoSystemFont(t *testing.T) {
	th := newTheme()
	for _, w := range warmTexts {
		face, err := font.ParseTTF(bytes.NewReader(th.Font(w.style).Content()))
		if err != nil {
			t.Fatalf("%+v: %v", w.style, err)
		}
		for _, r := range w.text {
			if _, ok := face.NominalGlyph(r); !ok {
				t.Errorf("warmFonts measures %q in style %+v, whose font %s has no %q", w.text, w.style, th.Font(w.style).Name(), r)
			}
		}
	}
}
