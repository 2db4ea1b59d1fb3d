// Package cardprint prints grid cards: a PDF (real text, the font subset
// and embedded) and a PNG drawn from the same layout.
//
// A printed card shows its label, a serial and the print date, the grid
// with large axis labels, and a warning that the paper is a copy of a
// secret. The wallet layout puts one card the size of a bank card on a
// page a little larger, with cut marks; the A4 layout puts as many copies
// as asked on A4 pages, with cut marks around each.
//
// The package embeds no font: the caller passes TrueType bytes in
// [Fonts] (the app embeds one with Japanese glyphs in assets/). Nothing
// here writes to disk; the caller chooses where the secret goes.
package cardprint

import (
	"errors"
	"fmt"
	"time"

	"github.com/mamori-app/mamori/gridcard"
)

// Sentinel errors, for the CLI and the app to translate.
var (
	// ErrNoFont: Options.Fonts.Regular is empty.
	ErrNoFont = errors.New("no font given for printing")
	// ErrBadFont: the font bytes are not a TrueType font this package can
	// use, or lack a glyph the card needs.
	ErrBadFont = errors.New("font cannot be used for printing")
	// ErrDoesNotFit: the card's grid is too large to print readably in the
	// chosen layout (try A4, which allows a larger card).
	ErrDoesNotFit = errors.New("card does not fit the layout")
	// ErrBadOptions: an option is out of range, such as 0 copies or an
	// unknown layout or language.
	ErrBadOptions = errors.New("invalid print options")
)

// Fonts holds the TrueType fonts to print with. Regular must cover every
// character on the card and in its label, and the Japanese texts when
// printing in Japanese (BIZ UDGothic, assets.FontRegular, does). Emphasis
// is drawn in a darker grey, not a bold face, so one font is all it takes.
type Fonts struct {
	Regular []byte
}

// Layout is the paper a card is printed on.
type Layout string

const (
	// Wallet prints one card of bank-card size (85.6 × 54 mm) on a page
	// with room for cut marks around it.
	Wallet Layout = "wallet"
	// A4 prints Options.Copies cards on A4 pages (eight a page at bank-card
	// size), with cut marks. A grid too large for a bank card gets a card
	// as wide as the page.
	A4 Layout = "a4"
)

// MaxCopies is the most copies one print may ask for.
const MaxCopies = 100

// Options say how to print.
type Options struct {
	// Layout is Wallet (the default) or A4.
	Layout Layout
	// Copies is the number of cards, for A4; 0 means 1. Wallet prints one.
	Copies int
	// Label is the title printed on the card; empty means the card's
	// Label, then its Name.
	Label string
	// Lang is the language of the printed texts (warning, dates): "en"
	// (the default) or "ja".
	Lang string
	// Date is the print date shown on the card; zero means today.
	Date time.Time
	// Fonts are the fonts to print with; Regular is required.
	Fonts Fonts
	// DPI is the resolution of PNG output; 0 means 300.
	DPI float64
}

// normalize checks the options and fills in defaults.
func (o Options) normalize(c gridcard.Card) (Options, error) {
	if len(o.Fonts.Regular) == 0 {
		return o, ErrNoFont
	}
	switch o.Layout {
	case "":
		o.Layout = Wallet
	case Wallet, A4:
	default:
		return o, fmt.Errorf("%w: layout %q (use %q or %q)", ErrBadOptions, o.Layout, Wallet, A4)
	}
	if o.Copies == 0 {
		o.Copies = 1
	}
	if o.Copies < 1 || o.Copies > MaxCopies {
		return o, fmt.Errorf("%w: copies must be 1 to %d, not %d", ErrBadOptions, MaxCopies, o.Copies)
	}
	if o.Layout == Wallet && o.Copies != 1 {
		return o, fmt.Errorf("%w: the wallet layout prints one card; use A4 for %d copies", ErrBadOptions, o.Copies)
	}
	switch o.Lang {
	case "":
		o.Lang = "en"
	case "en", "ja":
	default:
		return o, fmt.Errorf("%w: language %q (use en or ja)", ErrBadOptions, o.Lang)
	}
	if o.Label == "" {
		o.Label = c.Label
	}
	if o.Label == "" {
		o.Label = c.Name
	}
	if o.Label == "" {
		o.Label = texts[o.Lang].untitled
	}
	if o.Date.IsZero() {
		o.Date = time.Now()
	}
	if o.DPI == 0 {
		o.DPI = 300
	}
	if o.DPI < 50 || o.DPI > 1200 {
		return o, fmt.Errorf("%w: DPI must be 50 to 1200, not %g", ErrBadOptions, o.DPI)
	}
	return o, nil
}

// strings printed on every card, in each language. They are written for
// this product; keep them short enough for a bank-card-sized card.
type strs struct {
	untitled string
	serial   string // one %s: the serial
	printed  string // one %s: the date
	warn     string
	asked    string // one %d: cells a real login asks
	page     string // one %d: copies on the page
	page1    string // the same, for a page with one copy
	page2    string
}

var texts = map[string]strs{
	"en": {
		untitled: "Grid card",
		serial:   "No. %s",
		printed:  "Printed %s",
		warn:     "SECRET: this paper is a copy of your grid card. Keep it like a key.",
		asked:    "A real login asks for %d cells at most. Never type in the whole card.",
		page:     "This page holds %d copies of a secret grid card.",
		page1:    "This page holds a copy of a secret grid card.",
		page2:    "Cut along the marks, keep each copy like a key, and shred what you do not keep.",
	},
	"ja": {
		untitled: "乱数表",
		serial:   "No. %s",
		printed:  "印刷日 %s",
		warn:     "秘密情報:この紙は乱数表の写しです。鍵と同じように保管してください。",
		asked:    "本物のログインで聞かれるのは%dマスまで。表全体は決して入力しないこと。",
		page:     "このページには秘密の乱数表が%d枚印刷されています。",
		page1:    "このページには秘密の乱数表が1枚印刷されています。",
		page2:    "線に沿って切り取り、鍵と同じように保管し、使わない分はシュレッダーにかけてください。",
	},
}
