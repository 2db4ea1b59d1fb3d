package ui

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/vault"
)

// addCardState is what the "enter a card" page keeps across rebuilds.
type addCardState struct {
	page    *page
	name    string
	profile gridcard.Profile
	rows    string
	// preview is the card as read from rows, once checked; nil until then
	// or after rows change.
	preview *gridcard.Card
	problem string
}

// openAddCard opens the page for entering a card the person holds: a
// name, the card's profile and its rows, checked and previewed before
// saving.
func (v *view) openAddCard() {
	def, _ := gridcard.ProfileByName(gridcard.DefaultProfileName)
	st := &addCardState{profile: def}
	st.page = &page{
		title: func() string { return v.msg.T("ui.grid.add.title") },
		build: func() fyne.CanvasObject { return v.addCardPage(st) },
	}
	v.openPage(st.page)
}

func (v *view) addCardPage(st *addCardState) fyne.CanvasObject {
	name := widget.NewEntry()
	name.SetPlaceHolder(v.msg.T("ui.grid.name.placeholder"))
	name.SetText(st.name)
	rows := widget.NewMultiLineEntry()
	rows.TextStyle = fyne.TextStyle{Monospace: true}
	rows.SetMinRowsVisible(6)
	rows.SetText(st.rows)
	rows.SetPlaceHolder(v.msg.T("ui.grid.rows.placeholder"))

	problem := container.NewVBox()
	previewBox := container.NewVBox()
	save := widget.NewButtonWithIcon(v.msg.T("ui.grid.add.save"), theme.DocumentSaveIcon(), nil)
	save.Importance = widget.HighImportance

	var rebuild func()
	showPreview := func() {
		previewBox.Objects = nil
		if st.preview != nil {
			t := newCardTable(*st.preview)
			t.show(nil, false, true)
			previewBox.Objects = []fyne.CanvasObject{
				wrapped(v.msg, v.msg.T("ui.grid.add.compare")),
				container.NewHScroll(t.obj),
			}
			save.Enable()
		} else {
			save.Disable()
		}
		previewBox.Refresh()
		setProblem(v, problem, st.problem)
	}
	check := func() bool {
		st.preview, st.problem = nil, ""
		card, err := gridcard.ParseCard(st.profile, st.rows)
		if err != nil {
			st.problem = v.cardInputText(err, st.profile)
		} else {
			st.preview = &card
		}
		showPreview()
		return err == nil
	}
	name.OnChanged = func(s string) { st.name = s }
	rows.OnChanged = func(s string) {
		if s != st.rows {
			st.rows, st.preview, st.problem = s, nil, ""
			showPreview()
		}
	}
	profile := v.profileChoice(st.profile.Name, func(p gridcard.Profile) {
		if p != st.profile {
			st.profile, st.preview, st.problem = p, nil, ""
			rebuild()
		}
	})
	checkBtn := widget.NewButtonWithIcon(v.msg.T("ui.grid.add.check"), theme.SearchIcon(), func() { check() })
	save.OnTapped = func() {
		if !check() {
			return
		}
		v.saveNewCard(st.page, *st.preview, st.name, func(problem string) {
			st.problem = problem
			showPreview()
		})
	}
	shape := wrapped(v.msg, v.msg.T("ui.grid.rows.help", map[string]any{"Rows": st.profile.Rows, "Cols": st.profile.Cols, "Width": st.profile.CellWidth}))
	form := container.NewVBox(
		wrapped(v.msg, v.msg.T("ui.grid.add.intro")),
		widget.NewLabelWithStyle(v.msg.T("ui.grid.name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		name,
		widget.NewLabelWithStyle(v.msg.T("ui.grid.profile"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		profile,
		shape,
		rows,
		problem,
		container.NewHBox(checkBtn, save),
		previewBox,
	)
	rebuild = func() {
		if n := len(v.pages); n > 0 && v.pages[n-1] == st.page {
			v.showPage()
		}
	}
	showPreview()
	return container.NewVScroll(container.NewPadded(form))
}

// setProblem shows msg in box as an error, or hides box when msg is empty.
// The label is made anew: one whose text changes while hidden may not be
// laid out again.
func setProblem(v *view, box *fyne.Container, msg string) {
	box.Objects = nil
	if msg != "" {
		l := wrapped(v.msg, msg)
		l.Importance = widget.DangerImportance
		box.Objects = []fyne.CanvasObject{l}
	}
	box.Hidden = msg == ""
	box.Refresh()
}

// saveNewCard names card and saves it, unless the name is empty or taken;
// then opens the card's page in place of the page p. fail gets a problem
// to show on the page.
func (v *view) saveNewCard(p *page, card gridcard.Card, name string, fail func(string)) {
	name = strings.TrimSpace(name)
	if name == "" {
		fail(v.msg.T("ui.grid.name.missing"))
		return
	}
	if cardNamed(v.vault, name) {
		fail(v.msg.T("ui.grid.name.taken", map[string]any{"Name": name}))
		return
	}
	card.Name = name
	card.Created = v.now().UTC().Truncate(time.Second)
	errTaken := errors.New("a card of that name exists")
	v.save(func(vlt *vault.Vault) error {
		if cardNamed(vlt, name) {
			return errTaken
		}
		vlt.GridCards = append(vlt.GridCards, card)
		return nil
	}, func(err error) {
		switch {
		case errors.Is(err, errTaken):
			fail(v.msg.T("ui.grid.name.taken", map[string]any{"Name": name}))
			return
		case err != nil:
			v.showProblem(v.msg.T("ui.grid.save_failed", map[string]any{"Error": err.Error()}))
			return
		}
		if n := len(v.pages); n > 0 && v.pages[n-1] == p {
			v.closePage()
		}
		v.openCard(card.ID)
		v.flash(v.msg.T("ui.grid.saved", map[string]any{"Name": name}))
	})
}

// cardInputText explains why typed rows do not make a card of p, naming
// the line and cell but never repeating a cell's text.
func (v *view) cardInputText(err error, p gridcard.Profile) string {
	var ce *gridcard.CardInputError
	if !errors.As(err, &ce) {
		return v.msg.T("ui.grid.err.other", map[string]any{"Error": err.Error()})
	}
	d := map[string]any{
		"Rows": p.Rows, "Cols": p.Cols, "Line": ce.Line, "Cell": ce.Cell, "Width": p.CellWidth,
		"Got": utf8.RuneCountInString(ce.Text), "Alphabet": v.alphabetName(p),
	}
	switch {
	case ce.Cell != "" && utf8.RuneCountInString(ce.Text) != p.CellWidth:
		return v.msg.T("ui.grid.input.width", d)
	case ce.Cell != "":
		return v.msg.T("ui.grid.input.alphabet", d)
	case ce.Line > 0:
		return v.msg.T("ui.grid.input.row", d)
	}
	return v.msg.T("ui.grid.input.rows", d)
}

// alphabetName says which characters cells of p may hold.
func (v *view) alphabetName(p gridcard.Profile) string {
	switch p.AlphabetName() {
	case "digits":
		return v.msg.T("ui.grid.alphabet.digits")
	case "alnum":
		return v.msg.T("ui.grid.alphabet.alnum")
	case "alnum-case":
		return v.msg.T("ui.grid.alphabet.alnum_case")
	}
	return v.msg.T("ui.grid.alphabet.custom", map[string]any{"Symbols": p.Alphabet})
}

// generateState is what the "make a new card" page keeps across rebuilds.
type generateState struct {
	page    *page
	name    string
	profile gridcard.Profile
	avoid   bool
	problem string
}

// openGenerateCard opens the page that makes a new card from the system's
// secure random source.
func (v *view) openGenerateCard() {
	def, _ := gridcard.ProfileByName(gridcard.DefaultProfileName)
	st := &generateState{profile: def, avoid: true}
	st.page = &page{
		title: func() string { return v.msg.T("ui.grid.generate.title") },
		build: func() fyne.CanvasObject { return v.generateCardPage(st) },
	}
	v.openPage(st.page)
}

// effective is the profile a new card gets with the chosen options.
func (st *generateState) effective() gridcard.Profile {
	p := st.profile
	if st.avoid {
		p.Alphabet = gridcard.WithoutLookAlikes(p.Alphabet)
	}
	return p
}

func (v *view) generateCardPage(st *generateState) fyne.CanvasObject {
	name := widget.NewEntry()
	name.SetPlaceHolder(v.msg.T("ui.grid.name.placeholder"))
	name.SetText(st.name)
	name.OnChanged = func(s string) { st.name = s }
	strength := wrapped(v.msg, "")
	weak := wrapped(v.msg, v.msg.T("ui.grid.generate.weak"))
	weak.Importance = widget.WarningImportance
	problem := container.NewVBox()
	setProblem(v, problem, st.problem)
	makeBtn := widget.NewButtonWithIcon(v.msg.T("ui.grid.generate.make"), theme.ConfirmIcon(), nil)
	makeBtn.Importance = widget.HighImportance
	refresh := func() {
		p := st.effective()
		strength.SetText(v.entropyText(p))
		if gridcard.MinEntropyOK(p) {
			weak.Hide()
			makeBtn.Enable()
		} else {
			weak.Show()
			makeBtn.Disable()
		}
	}
	profile := v.profileChoice(st.profile.Name, func(p gridcard.Profile) {
		st.profile = p
		refresh()
	})
	avoid := widget.NewCheck(v.msg.T("ui.grid.generate.avoid"), func(on bool) {
		st.avoid = on
		refresh()
	})
	avoid.SetChecked(st.avoid)
	makeBtn.OnTapped = func() {
		card, err := gridcard.Generate(st.profile, nil, gridcard.GenerateOptions{AvoidLookAlikes: st.avoid, Now: v.now()})
		if err != nil {
			st.problem = v.msg.T("ui.grid.generate.failed", map[string]any{"Error": err.Error()})
			if errors.Is(err, gridcard.ErrWeakProfile) {
				st.problem = v.msg.T("ui.grid.generate.weak")
			}
			setProblem(v, problem, st.problem)
			return
		}
		v.saveNewCard(st.page, card, st.name, func(msg string) {
			st.problem = msg
			setProblem(v, problem, msg)
		})
	}
	refresh()
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		wrapped(v.msg, v.msg.T("ui.grid.generate.intro")),
		widget.NewLabelWithStyle(v.msg.T("ui.grid.name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		name,
		widget.NewLabelWithStyle(v.msg.T("ui.grid.profile"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		profile,
		avoid,
		strength,
		weak,
		problem,
		container.NewHBox(makeBtn),
	)))
}
