// Package assets holds the files Mamori embeds in its binary: translations
// (flat JSON objects of key to text, one file per language, as Fyne's lang
// package loads them), the fonts used for printing with their licence, and,
// later, icons and guide texts.
package assets

import "embed"

// Translations holds translations/<lang>.json, e.g. translations/en.json.
//
//go:embed translations
var Translations embed.FS

// FontRegular is BIZ UDGothic Regular (Morisawa, SIL Open Font License 1.1,
// see fonts/OFL.txt): a TrueType font with Latin and full Japanese glyphs,
// used to print grid cards and kits. Its Latin glyphs are monospaced, which
// keeps printed cells aligned and easy to read.
//
//go:embed fonts/BIZUDGothic-Regular.ttf
var FontRegular []byte

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
