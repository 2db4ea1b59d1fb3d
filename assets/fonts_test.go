package assets

import (
	"io/fs"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/encoding/japanese"
)

// hasGlyph reports whether f maps r to a glyph other than .notdef.
func hasGlyph(t *testing.T, f *sfnt.Font, r rune) bool {
	t.Helper()
	var buf sfnt.Buffer
	g, err := f.GlyphIndex(&buf, r)
	if err != nil {
		t.Fatalf("glyph index of %U: %v", r, err)
	}
	return g != 0
}

func parseFont(t *testing.T, name string, data []byte) *sfnt.Font {
	t.Helper()
	f, err := sfnt.Parse(data)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return f
}

// textRunes is every rune of every file under root in fsys, with the file it
// was first seen in.
func textRunes(t *testing.T, fsys fs.FS, root string) map[rune]string {
	t.Helper()
	out := map[rune]string{}
	err := fs.WalkDir(fsys, root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		for _, r := range string(b) {
			if _, ok := out[r]; !ok {
				out[r] = path
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("read %s: %v", root, err)
	}
	return out
}

// TestUIFontCoversTexts checks that the window's font (FontUI, a subset) has
// a glyph for every character the translations and guides use, in every
// language, so no text of the app shows a missing-glyph box.
func TestUIFontCoversTexts(t *testing.T) {
	f := parseFont(t, "FontUI", FontUI)
	for _, src := range []struct {
		fsys fs.FS
		root string
	}{{Translations, "translations"}, {Guides, "guides"}} {
		runes := textRunes(t, src.fsys, src.root)
		if len(runes) < 100 {
			t.Fatalf("%s: only %d distinct characters; the texts were not read", src.root, len(runes))
		}
		for r, path := range runes {
			if unicode.IsControl(r) || !unicode.IsPrint(r) && r != ' ' {
				continue
			}
			if !hasGlyph(t, f, r) {
				t.Errorf("%s: %q (%U) has no glyph in FontUI; add it in assets/fonts/subset.sh and run it", path, r, r)
			}
		}
	}
}

// TestUIFontCoversJIS checks that the subset kept every character of
// Windows-31J (JIS X 0208 with the NEC and IBM extensions) that the full font
// has, and the printable ASCII, so that the names and issuers people type
// render as they did with the full font.
func TestUIFontCoversJIS(t *testing.T) {
	full := parseFont(t, "FontRegular", FontRegular)
	ui := parseFont(t, "FontUI", FontUI)
	dec := japanese.ShiftJIS.NewDecoder()
	checked := 0
	for b1 := 0x81; b1 <= 0xFC; b1++ {
		if b1 >= 0xA0 && b1 < 0xE0 {
			continue
		}
		for b2 := 0x40; b2 <= 0xFC; b2++ {
			s, err := dec.String(string([]byte{byte(b1), byte(b2)}))
			if err != nil || strings.ContainsRune(s, unicode.ReplacementChar) {
				continue
			}
			for _, r := range s {
				if !hasGlyph(t, full, r) {
					continue
				}
				checked++
				if !hasGlyph(t, ui, r) {
					t.Errorf("%q (%U, Shift_JIS %02X%02X) is in the full font but not in FontUI", r, r, b1, b2)
				}
			}
		}
	}
	for r := rune(0x20); r < 0x7F; r++ {
		checked++
		if !hasGlyph(t, ui, r) {
			t.Errorf("%q has no glyph in FontUI", r)
		}
	}
	// JIS X 0208 alone has 6,879 characters.
	if checked < 7000 {
		t.Errorf("checked %d characters, want the whole of Windows-31J", checked)
	}
	for _, r := range "髙﨑々ヶ〆ｱ" {
		if !hasGlyph(t, ui, r) {
			t.Errorf("%q has no glyph in FontUI", r)
		}
	}
}
