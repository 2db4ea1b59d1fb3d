package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// contrast is the WCAG 2 contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		f := func(v uint32) float64 {
			c := float64(v) / 0xffff
			if c <= 0.03928 {
				return c / 12.92
			}
			return math.Pow((c+0.055)/1.055, 2.4)
		}
		return 0.2126*f(r) + 0.7152*f(g) + 0.0722*f(b)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestContrastOfKnownColours(t *testing.T) {
	black, white := color.Black, color.White
	if got := contrast(black, white); math.Abs(got-21) > 0.01 {
		t.Fatalf("black on white = %.2f, want 21", got)
	}
	if got := contrast(white, white); got != 1 {
		t.Fatalf("white on white = %.2f, want 1", got)
	}
}

// TestSecondaryTextContrast: every text colour meets WCAG AA (4.5:1) on
// every background it is drawn on, in the dark and the light variant.
func TestSecondaryTextContrast(t *testing.T) {
	th := newTheme()
	texts := []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder}
	backgrounds := []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground,
		theme.ColorNameButton, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground}
	for _, variant := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		for _, fg := range texts {
			for _, bg := range backgrounds {
				got := contrast(th.Color(fg, variant), th.Color(bg, variant))
				t.Logf("variant %d: %s on %s = %.2f:1", variant, fg, bg, got)
				if got < 4.5 {
					t.Errorf("variant %d: %s on %s is %.2f:1, under WCAG AA's 4.5:1", variant, fg, bg, got)
				}
			}
		}
	}
}
