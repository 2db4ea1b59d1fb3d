package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/mamori-app/mamori/assets"
)

// fontResource is BIZ UDPGothic (assets.FontUI, a subset, OFL), embedded
// so that kana and kanji render on every machine: Fyne's own fonts have none, and its system-font fallback is not
// available in every build. The subset is what keeps start-up quick: Fyne
// parses every glyph of it once per text style.
var fontResource = fyne.NewStaticResource("BIZUDPGothic-UI.ttf", assets.FontUI)

// mamoriTheme is Fyne's default theme with the embedded Japanese font for
// all text except monospace, which stays Fyne's: its digits are clearer for
// codes, and codes are never Japanese.
type mamoriTheme struct{}

func newTheme() fyne.Theme { return mamoriTheme{} }

// Secondary text (hints, notes, summaries: labels of LowImportance, which
// Fyne draws in ColorNameDisabled) and placeholders must be readable: Fyne's
// own greys are 1.3–1.6:1 against the background, far under WCAG AA's 4.5:1.
// These greys are at least 4.5:1 against the window, input, button and menu
// backgrounds of their variant (TestSecondaryTextContrast measures them).
var (
	secondaryDark  = color.NRGBA{R: 0x9a, G: 0x9a, B: 0x9e, A: 0xff}
	secondaryLight = color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff}
)

func (mamoriTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch {
	case n == theme.ColorNameDisabled && v == theme.VariantLight,
		n == theme.ColorNamePlaceHolder && v == theme.VariantLight:
		return secondaryLight
	case n == theme.ColorNameDisabled:
		return secondaryDark
	}
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

// lineSpacing is the space between the lines of a wrapped paragraph: Fyne's
// 4 leaves Japanese lines nearly touching.
const lineSpacing = 7

func (mamoriTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameLineSpacing {
		return lineSpacing
	}
	return theme.DefaultTheme().Size(n)
}
