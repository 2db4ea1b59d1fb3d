// Package assets holds the files Mamori embeds in its binary, and reads its
// texts: the translations (a folder per language of flat JSON objects, key
// to Go template, which LoadCatalog reads into a Catalog with English as the
// fallback and a plural function), the guide texts of the "I can't log in"
// assistant, the fonts of the window and of printing with their licence,
// and the application icon.
package assets

import "embed"

// Translations holds translations/<lang>/*.json, e.g. translations/en/main.json:
// each language's texts, split by screen into flat key→text objects.
//
//go:embed translations
var Translations embed.FS

// Guides holds the texts of the "I can't log in" assistant (package
// vault/trouble), as data rather than code: guides/flows.json lists each
// flow's steps (language-neutral), guides/error-codes.json the error codes
// known in advance and their kinds, and guides/<lang>/<name>.json the texts
// (flat JSON objects of key to Go template, one file per flow plus
// common.json and input.json).
//
//go:embed guides
var Guides embed.FS

// FontRegular is BIZ UDGothic Regular (Morisawa, SIL Open Font License 1.1,
// see fonts/OFL.txt): a TrueType font with Latin and full Japanese glyphs,
// used to print grid cards and kits. Its Latin glyphs are monospaced, which
// keeps printed cells aligned and easy to read.
//
//go:embed fonts/BIZUDGothic-Regular.ttf
var FontRegular []byte

// FontUI is the font of the app's window: BIZ UDPGothic (Morisawa, the
// proportional sibling of FontRegular under the same licence), subset to
// ASCII and Latin, punctuation and symbols, kana, full- and half-width
// forms, every character of Windows-31J (JIS X 0208 with the NEC and IBM
// extensions) and every character of the translations and guides, without
// hinting. Its Latin letters are proportional, so English text reads as
// text. Fyne parses all of a theme font's glyphs when it first measures
// text, so the subset, about half the size, opens the window sooner and
// keeps less memory. fonts/subset.sh makes it.
//
//go:embed fonts/BIZUDPGothic-UI.ttf
var FontUI []byte

// FontLicense is the licence of the embedded fonts (fonts/OFL.txt), to show
// beside them.
//
//go:embed fonts/OFL.txt
var FontLicense string

// Icon is the application icon (icon.png, 512×512 PNG): the window and
// launcher icon, and FyneApp.toml's Icon for packaging.
//
//go:embed icon.png
var Icon []byte
