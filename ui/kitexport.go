package ui

import (
	"bytes"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault/kit"
	"github.com/mamori-app/mamori/vault/kit/paper"
)

// How a kit is protected.
const (
	protectGenerated = iota // a passphrase Mamori makes
	protectOwn              // a passphrase the person types twice
	protectKeys             // age or SSH public keys
)

// kitForm is the recovery kit form on the Export page: what goes in and
// how it is protected. It lives as long as its page.
type kitForm struct {
	page      *page
	all       bool            // the whole vault
	accounts  map[string]bool // chosen accounts, when not all
	cards     map[string]bool // chosen grid cards, when not all
	protect   int
	generated string // the generated passphrase, until a kit is saved with it
	wroteDown bool
	armor     bool
	keys      string // the recipients, one a line
	busy      bool
	problem   string
	result    string
}

// kitForm returns the form of the Export page on screen, new when the page is.
func (v *view) kitForm() *kitForm {
	t := v.xfer()
	p := v.topPage()
	if t.kit == nil || t.kit.page != p {
		t.kit = &kitForm{page: p, all: true, accounts: map[string]bool{}, cards: map[string]bool{}}
	}
	return t.kit
}

// kitExportView is the recovery kit tab of the Export page.
func (v *view) kitExportView() fyne.CanvasObject {
	f := v.kitForm()
	items := []fyne.CanvasObject{wrapped(v.msg, v.msg.T("ui.kit.export.intro"))}
	if len(v.vault.Accounts) == 0 && len(v.vault.GridCards) == 0 {
		items = append(items, wrapped(v.msg, v.msg.T("ui.kit.export.empty")))
		return container.NewVScroll(container.NewPadded(container.NewVBox(items...)))
	}

	// What goes in.
	items = append(items, heading(v.msg.T("ui.kit.export.contents")))
	all := widget.NewCheck(v.msg.T("ui.kit.export.all", map[string]any{"Accounts": len(v.vault.Accounts), "Cards": len(v.vault.GridCards)}), nil)
	all.SetChecked(f.all)
	all.OnChanged = func(on bool) { f.all = on; v.refreshPage(f.page) }
	items = append(items, all)
	if !f.all {
		for _, a := range v.vault.Accounts {
			c := widget.NewCheck(a.Label(), func(on bool) { f.accounts[a.ID] = on })
			c.SetChecked(f.accounts[a.ID])
			items = append(items, c)
		}
		for _, g := range v.vault.GridCards {
			c := widget.NewCheck(v.msg.T("ui.kit.export.card", map[string]any{"Name": g.Name}), func(on bool) { f.cards[g.ID] = on })
			c.SetChecked(f.cards[g.ID])
			items = append(items, c)
		}
	}

	// How it is protected.
	items = append(items, heading(v.msg.T("ui.kit.export.protect")))
	choices := []string{v.msg.T("ui.kit.export.generated"), v.msg.T("ui.kit.export.own"), v.msg.T("ui.kit.export.keys")}
	radio := widget.NewRadioGroup(choices, nil)
	radio.Required = true
	radio.SetSelected(choices[f.protect])
	radio.OnChanged = func(s string) {
		for i, c := range choices {
			if c == s {
				f.protect = i
			}
		}
		f.problem = ""
		v.refreshPage(f.page)
	}
	items = append(items, radio)
	var pass, again *formEntry
	switch f.protect {
	case protectGenerated:
		if f.generated == "" && f.result != "" {
			// A kit was just saved with the last one, which is gone: a
			// new one only when asked for.
			items = append(items, container.NewHBox(widget.NewButtonWithIcon(v.msg.T("ui.kit.export.new_passphrase"), theme.ViewRefreshIcon(), func() {
				f.result = ""
				v.refreshPage(f.page)
			})))
			break
		}
		if f.generated == "" {
			p, err := kit.GeneratePassphrase()
			if err != nil {
				items = append(items, v.problemLabel(v.msg.T("ui.kit.error.other", map[string]any{"Error": err.Error()})))
				break
			}
			f.generated, f.wroteDown = p, false
		}
		words := widget.NewLabelWithStyle(strings.ReplaceAll(f.generated, "-", " "), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		words.Wrapping = fyne.TextWrapWord
		words.Selectable = true
		advice := wrapped(v.msg, v.msg.T("ui.kit.export.write_down"))
		advice.Importance = widget.WarningImportance
		wrote := widget.NewCheck(v.msg.T("ui.kit.export.wrote_down"), func(on bool) { f.wroteDown = on })
		wrote.SetChecked(f.wroteDown)
		another := widget.NewButtonWithIcon(v.msg.T("ui.kit.export.another"), theme.ViewRefreshIcon(), func() {
			f.generated = ""
			v.refreshPage(f.page)
		})
		items = append(items, words, advice, wrote, container.NewHBox(another))
	case protectOwn:
		pass = v.newPasswordEntry()
		pass.SetPlaceHolder(v.msg.T("ui.kit.export.pass"))
		again = v.newPasswordEntry()
		again.SetPlaceHolder(v.msg.T("ui.kit.export.pass_again"))
		items = append(items, wrapped(v.msg, v.msg.T("ui.kit.export.own_help")), pass, v.passphraseMeter(pass, v.xfer().scryptWork), again)
	case protectKeys:
		keys := v.newMultiLineEntry()
		keys.SetPlaceHolder(v.msg.T("ui.kit.export.keys_placeholder"))
		keys.SetMinRowsVisible(3)
		keys.Wrapping = fyne.TextWrapBreak
		keys.SetText(f.keys)
		keys.OnChanged = func(s string) { f.keys = s }
		items = append(items, wrapped(v.msg, v.msg.T("ui.kit.export.keys_help")), keys)
	}

	// Format, and saving.
	armor := widget.NewCheck(v.msg.T("ui.kit.export.armor"), func(on bool) { f.armor = on })
	armor.SetChecked(f.armor)
	save := widget.NewButtonWithIcon(v.msg.T("ui.kit.export.save"), theme.DocumentSaveIcon(), func() { v.saveKit(f, pass, again, false) })
	save.Importance = widget.HighImportance
	printBtn := widget.NewButtonWithIcon(v.msg.T("ui.kit.export.paper"), theme.DocumentPrintIcon(), func() { v.saveKit(f, pass, again, true) })
	items = append(items, armor, container.NewGridWithColumns(2, save, printBtn),
		wrapped(v.msg, v.msg.T("ui.kit.export.paper_help")))
	switch {
	case f.busy:
		items = append(items, wrapped(v.msg, v.msg.T("ui.kit.export.busy")), widget.NewProgressBarInfinite())
		save.Disable()
		printBtn.Disable()
	case f.problem != "":
		items = append(items, v.problemLabel(f.problem))
	case f.result != "":
		l := wrapped(v.msg, f.result)
		l.Importance = widget.SuccessImportance
		items = append(items, l)
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(items...)))
}

// kitOptions turns the form into export options, or says what is missing.
func (v *view) kitOptions(f *kitForm, pass, again *formEntry) (kit.ExportOptions, string) {
	opts := kit.ExportOptions{Armor: f.armor, ScryptWorkFactor: v.xfer().scryptWork, Now: v.now()}
	if !f.all {
		opts.AccountIDs, opts.GridCardIDs = []string{}, []string{}
		for _, a := range v.vault.Accounts {
			if f.accounts[a.ID] {
				opts.AccountIDs = append(opts.AccountIDs, a.ID)
			}
		}
		for _, g := range v.vault.GridCards {
			if f.cards[g.ID] {
				opts.GridCardIDs = append(opts.GridCardIDs, g.ID)
			}
		}
		if len(opts.AccountIDs)+len(opts.GridCardIDs) == 0 {
			return opts, v.msg.T("ui.kit.error.nothing_chosen")
		}
	}
	switch f.protect {
	case protectGenerated:
		if f.generated == "" {
			return opts, v.msg.T("ui.kit.error.no_generated")
		}
		if !f.wroteDown {
			return opts, v.msg.T("ui.kit.error.write_down")
		}
		opts.Passphrase = f.generated
	case protectOwn:
		switch {
		case pass == nil || pass.Text == "":
			return opts, v.msg.T("ui.kit.error.no_passphrase")
		case v.passphraseRefusal(pass.Text, opts.ScryptWorkFactor) != "":
			// The one passphrase rule: a kit holds every secret, and
			// anyone who has it may try passphrases offline.
			return opts, v.passphraseRefusal(pass.Text, opts.ScryptWorkFactor)
		case again.Text != pass.Text:
			return opts, v.msg.T("ui.kit.error.mismatch")
		}
		opts.Passphrase = pass.Text
	case protectKeys:
		n := 0
		for _, line := range strings.Split(f.keys, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			n++
			if strings.HasPrefix(strings.ToUpper(line), "AGE-SECRET-KEY-") || strings.Contains(line, "PRIVATE KEY") {
				// Never repeated, and taken off the screen: it is a
				// private key given by mistake.
				f.keys = ""
				return opts, v.msg.T("ui.kit.error.private_key", map[string]any{"N": n})
			}
			rs, err := kit.ParseRecipients([]string{line})
			if err != nil {
				return opts, v.msg.T("ui.kit.error.bad_recipient", map[string]any{"N": n})
			}
			opts.Recipients = append(opts.Recipients, rs...)
		}
		if len(opts.Recipients) == 0 {
			return opts, v.msg.T("ui.kit.error.no_recipient")
		}
	}
	return opts, ""
}

// saveKit asks where to save the kit (or the paper kit's PDF), then
// encrypts it and writes it there.
func (v *view) saveKit(f *kitForm, pass, again *formEntry, printed bool) {
	opts, problem := v.kitOptions(f, pass, again)
	f.problem, f.result = problem, ""
	if problem != "" {
		v.refreshPage(f.page)
		return
	}
	name := "mamori-kit.age"
	if printed {
		name, opts.Armor = "mamori-kit.pdf", true
	}
	vlt, lang, now := v.vault, v.msg.Lang(), v.now()
	accounts, cards := len(vlt.Accounts), len(vlt.GridCards)
	if opts.AccountIDs != nil {
		accounts, cards = len(opts.AccountIDs), len(opts.GridCardIDs)
	}
	generated := f.protect == protectGenerated
	v.saveChosen(name, func() {
		f.busy = true
		v.refreshPage(f.page)
	}, func(w io.Writer) error {
		if !printed {
			return kit.Export(w, vlt, opts)
		}
		var armored bytes.Buffer
		if err := kit.Export(&armored, vlt, opts); err != nil {
			return err
		}
		return paper.PDF(w, armored.Bytes(), paper.Options{Lang: lang, Date: now, Fonts: paper.Fonts{Regular: assets.FontRegular}})
	}, func(file string, err error) {
		f.busy = false
		if err != nil {
			f.problem = v.msg.T("ui.kit.error.write", map[string]any{"Name": file, "Error": err.Error()})
			v.refreshPage(f.page)
			return
		}
		key := "ui.kit.export.saved"
		if len(opts.Recipients) > 0 {
			key = "ui.kit.export.saved_keys"
		}
		f.result = v.msg.T(key, map[string]any{"Name": file, "Accounts": accounts, "Cards": cards})
		if generated {
			// Shown once: the next kit gets a new passphrase.
			f.generated, f.wroteDown = "", false
			f.result += "\n" + v.msg.T("ui.kit.export.passphrase_gone")
		}
		if printed {
			f.result += "\n" + v.msg.T("ui.kit.export.paper_saved")
		}
		v.refreshPage(f.page)
	})
}
