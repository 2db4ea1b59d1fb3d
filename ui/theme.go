package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/mamori-app/mamori/assets"
)

// fontResource is BIZ UDGothic (assets.FontUI, a subset of
// assets.FontRegular, OFL), embedded so that kana and kanji render on every
// machine: Fyne's own fonts have none, and its system-font fallback is not
// available in every build. The subset is what keeps start-up quick: Fyne
// parses every glyph of it once per text style.
var fontResource = fyne.NewStaticResource("BIZUDGothic-UI.ttf", assets.FontUI)

// mamoriTheme is Fyne's default theme with the embedded Japanese font for
// all text except monospace, which stays Fyne's: its digits are clearer for
// codes, and codes are never Japanese.
type mamoriTheme struct{}

func newTheme() fyne.Theme { return mamoriTheme{} }

func (mamoriTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, v)
}

func (mamoriTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	// The font has one weight; bold and italic text use it too, so that a
	// bold Japanese issuer still has its glyphs.
	return fontResource
}

func (mamoriTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

func (mamoriTheme) Size(n fyne.ThemeSizeName) float32 {
	return theme.DefaultTheme().Size(n)
}
