package ui

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/gridcard/cardprint"
	"github.com/mamori-app/mamori/vault/private"
)

// printKind is what a print makes.
type printKind int

const (
	printWallet printKind = iota // a PDF of one bank-card-sized card
	printA4                      // a PDF of several cards on A4
	printPNG                     // a PNG image of one card
)

// defaultA4Copies is how many cards an A4 print offers: one for each
// member of a small family, and a spare.
const defaultA4Copies = 4

// printChoice is what the print dialog asks.
type printChoice struct {
	kind   printKind
	copies int
	lang   string
}

// showPrintDialog asks how to print the card with id (PDF wallet size, A4
// with copies, or PNG; the printed texts' language), warns that paper is a
// copy of the secret, then renders it and asks where to save it.
func (v *view) showPrintDialog(id string) {
	c := cardByID(v.vault, id)
	if c == nil {
		return
	}
	card := *c
	kinds := []string{v.msg.T("ui.grid.print.wallet"), v.msg.T("ui.grid.print.sheet"), v.msg.T("ui.grid.print.png")}
	kind := widget.NewSelect(kinds, nil)
	copies := v.newEntry()
	copies.SetText(strconv.Itoa(defaultA4Copies))
	copiesRow := container.NewBorder(nil, nil, widget.NewLabel(v.msg.T("ui.grid.print.copies")), nil, copies)
	kind.OnChanged = func(string) { copiesRow.Hidden = kind.SelectedIndex() != int(printA4); copiesRow.Refresh() }
	kind.SetSelectedIndex(int(printWallet))
	langCodes := []string{assets.LangJapanese, assets.LangEnglish}
	langs := widget.NewSelect([]string{languageLabel(v.msg, assets.LangJapanese), languageLabel(v.msg, assets.LangEnglish)}, nil)
	langs.SetSelectedIndex(0)
	if v.msg.Lang() == assets.LangEnglish {
		langs.SetSelectedIndex(1)
	}
	warning := wrapped(v.msg, v.msg.T("ui.grid.print.warning"))
	warning.Importance = widget.WarningImportance
	content := container.NewVBox(
		kind, copiesRow,
		container.NewBorder(nil, nil, widget.NewLabel(v.msg.T("ui.grid.print.lang")), nil, langs),
		warning,
	)
	d := dialog.NewCustomConfirm(v.msg.T("ui.grid.print.title"), v.msg.T("ui.grid.print.choose"), v.msg.T("ui.cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		pc := printChoice{kind: printKind(kind.SelectedIndex()), copies: 1, lang: langCodes[max(0, langs.SelectedIndex())]}
		if pc.kind == printA4 {
			n, err := strconv.Atoi(strings.TrimSpace(copies.Text))
			if err != nil || n < 1 || n > cardprint.MaxCopies {
				v.showProblem(v.msg.T("ui.grid.print.bad_copies", map[string]any{"Max": cardprint.MaxCopies}))
				return
			}
			pc.copies = n
		}
		v.renderCard(card, pc)
	}, v.win)
	d.Resize(fyne.NewSize(440, d.MinSize().Height))
	d.Show()
}

// printOptions turns the dialog's choices into cardprint's options and
// the file's extension.
func (v *view) printOptions(pc printChoice) (cardprint.Options, string) {
	opt := cardprint.Options{
		Layout: cardprint.Wallet, Copies: pc.copies, Lang: pc.lang, Date: v.now(),
		Fonts: cardprint.Fonts{Regular: assets.FontRegular},
	}
	ext := ".pdf"
	switch pc.kind {
	case printA4:
		opt.Layout = cardprint.A4
	case printPNG:
		ext = ".png"
	}
	return opt, ext
}

// renderPrint draws card as a PDF, or a PNG when ext is ".png".
func renderPrint(card gridcard.Card, opt cardprint.Options, ext string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if ext == ".png" {
		err = cardprint.PNG(&buf, card, opt)
	} else {
		err = cardprint.PDF(&buf, card, opt)
	}
	return buf.Bytes(), err
}

// renderCard draws the card as chosen, in the background, then asks where
// to save it. Nothing is written until the person picks a file.
func (v *view) renderCard(card gridcard.Card, pc printChoice) {
	opt, ext := v.printOptions(pc)
	v.async(func() {
		data, err := renderPrint(card, opt, ext)
		fyne.Do(func() {
			if err != nil {
				v.showProblem(v.printErrorText(err))
				return
			}
			v.saveSecretFile(data, printFileName(card.Name, ext), ext)
		})
	})
}

// saveSecretFile asks where to save data, a printed card, and writes it
// there only.
func (v *view) saveSecretFile(data []byte, name, ext string) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.showProblem(v.msg.T("ui.grid.print.write_failed", map[string]any{"Error": err.Error()}))
			return
		}
		if w == nil {
			return // cancelled
		}
		v.writeSecret(w, data)
	}, v.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.Show()
}

// writeSecret writes data to w, readable by its owner only where the file
// is local, and says where it went and that the file is a copy of the
// secret. A failed write removes what it left.
func (v *view) writeSecret(w fyne.URIWriteCloser, data []byte) {
	u := w.URI()
	if u.Scheme() == "file" {
		// The dialog created the file with the default mode; a card is a
		// secret, so only its owner may read it.
		_ = private.Restrict(u.Path())
	}
	_, err := w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = storage.Delete(u)
		v.showProblem(v.msg.T("ui.grid.print.write_failed", map[string]any{"Error": err.Error()}))
		return
	}
	path := u.Path()
	if u.Scheme() != "file" {
		path = u.String()
	}
	d := dialog.NewCustom(v.msg.T("ui.grid.print.done.title"), v.msg.T("ui.close"),
		wrapped(v.msg, v.msg.T("ui.grid.print.done", map[string]any{"Path": path})), v.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
}

// printErrorText explains why a card could not be printed.
func (v *view) printErrorText(err error) string {
	switch {
	case errors.Is(err, cardprint.ErrDoesNotFit):
		return v.msg.T("ui.grid.print.too_big")
	case errors.Is(err, cardprint.ErrNoFont), errors.Is(err, cardprint.ErrBadFont):
		return v.msg.T("ui.grid.print.font", map[string]any{"Error": err.Error()})
	}
	return v.msg.T("ui.grid.print.failed", map[string]any{"Error": err.Error()})
}

// printFileName suggests a file name for a printed card: "grid-card-" and
// the card's name with anything unsafe in a file name made a hyphen.
func printFileName(cardName, ext string) string {
	safe := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, strings.TrimSpace(cardName))
	safe = strings.Trim(safe, "-")
	if safe == "" {
		return "grid-card" + ext
	}
	return "grid-card-" + safe + ext
}
