package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/usecase"
)

// addCardState is what the "enter a card" page keeps across rebuilds.
type addCardState struct {
	page *page
	name string
	cardShape
	rows string
	// preview is the card as read from rows, once checked; nil until then
	// or after rows change.
	preview *gridcard.Card
	problem string
}

// shapeError is the problem of a custom shape, or "" when the shape is
// usable or built in.
func (st *addCardState) shapeError() string {
	if st.custom {
		return st.shapeProblem
	}
	return ""
}

// openAddCard opens the page for entering a card the person holds: a
// name, the card's profile and its rows, checked and previewed before
// saving.
func (v *view) openAddCard() {
	def, _ := gridcard.ProfileByName(gridcard.DefaultProfileName)
	st := &addCardState{cardShape: cardShape{profile: def}}
	st.page = &page{
		title: func() string { return v.msg.T("ui.grid.add.title") },
		build: func() fyne.CanvasObject { return v.addCardPage(st) },
	}
	v.openPage(st.page)
}

func (v *view) addCardPage(st *addCardState) fyne.CanvasObject {
	name := v.newEntry()
	name.SetPlaceHolder(v.msg.T("ui.grid.name.placeholder"))
	name.SetText(st.name)
	rows := v.newMultiLineEntry()
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
		if st.problem = st.shapeError(); st.problem != "" {
			showPreview()
			return false
		}
		card, err := usecase.ParseCard(st.profile, st.rows)
		if err != nil {
			st.problem = v.opText(err, "ui.grid.err.other")
		} else {
			st.preview = &card
		}
		showPreview()
		return err == nil
	}
	name.OnChanged = func(s string) { st.name = s }
	rows.OnChanged = func(s string) {
		if s != st.rows {
			st.rows, st.preview, st.problem = s, nil, st.shapeError()
			showPreview()
		}
	}
	profile := v.profileChoice(st.profile.Name, st.custom, func(p gridcard.Profile, custom bool) {
		if custom != st.custom || p != st.profile {
			st.choose(v, p, custom)
			st.preview, st.problem = nil, st.shapeError()
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
	shape := wrapped(v.msg, "")
	showShape := func() {
		if st.custom && st.shapeProblem != "" {
			shape.SetText("")
			shape.Hide()
			return
		}
		shape.SetText(v.msg.T("ui.grid.rows.help", map[string]any{"Rows": st.profile.Rows, "Cols": st.profile.Cols, "Width": st.profile.CellWidth}))
		shape.Show()
	}
	showShape()
	var customForm fyne.CanvasObject = container.NewVBox()
	if st.custom {
		customForm = v.customProfileForm(st.shape, func() {
			st.reshape(v)
			st.preview, st.problem = nil, st.shapeError()
			showShape()
			showPreview()
		})
	}
	form := container.NewVBox(
		wrapped(v.msg, v.msg.T("ui.grid.add.intro")),
		widget.NewLabelWithStyle(v.msg.T("ui.grid.name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		name,
		widget.NewLabelWithStyle(v.msg.T("ui.grid.profile"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		profile,
		customForm,
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
	if st.problem == "" {
		st.problem = st.shapeError()
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
	var saved gridcard.Card
	v.runOp(func(ops *usecase.Service) (err error) {
		saved, err = ops.AddCard(name, card)
		return err
	}, func(err error) {
		var taken *usecase.CardExistsError
		switch {
		case errors.As(err, &taken), errors.Is(err, usecase.ErrCardNeedsName):
			fail(v.opText(err, ""))
			return
		case err != nil:
			v.showProblem(v.msg.T("ui.grid.save_failed", map[string]any{"Error": v.readable(err).Error()}))
			return
		}
		if n := len(v.pages); n > 0 && v.pages[n-1] == p {
			v.closePage()
		}
		v.openCard(saved.ID)
		v.flash(v.msg.T("ui.grid.saved", map[string]any{"Name": saved.Name}))
	})
}

// alphabetName says which characters cells of p may hold.
func (v *view) alphabetName(p gridcard.Profile) string {
	return v.message(usecase.AlphabetMessage(p))
}

// generateState is what the "make a new card" page keeps across rebuilds.
type generateState struct {
	page *page
	name string
	cardShape
	avoid   bool
	problem string
}

// cardShape is the shape chosen on the add and generate pages: one of
// gridcard's profiles, or one the person shapes themselves.
type cardShape struct {
	profile gridcard.Profile
	// custom is set when the person shapes the card themselves, with
	// shape holding what they chose; profile is then valid only when
	// shapeProblem is empty.
	custom       bool
	shape        *customProfile
	shapeProblem string
}

// choose records the person's pick from profileChoice: p, or (custom) the
// shape of their own, started from the profile chosen before.
func (c *cardShape) choose(v *view, p gridcard.Profile, custom bool) {
	c.custom = custom
	if custom {
		if c.shape == nil {
			c.shape = newCustomProfile(c.profile)
		}
		c.reshape(v)
		return
	}
	c.profile = p
}

// reshape reads the profile again from the custom shape's form.
func (c *cardShape) reshape(v *view) {
	c.profile, c.shapeProblem = v.customProfileOf(c.shape)
}

// openGenerateCard opens the page that makes a new card from the system's
// secure random source.
func (v *view) openGenerateCard() {
	def, _ := gridcard.ProfileByName(gridcard.DefaultProfileName)
	st := &generateState{cardShape: cardShape{profile: def}, avoid: true}
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
	name := v.newEntry()
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
		if st.custom && st.shapeProblem != "" {
			strength.Hide()
			weak.Hide()
			makeBtn.Disable()
			setProblem(v, problem, st.shapeProblem)
			return
		}
		if st.custom {
			setProblem(v, problem, "")
		}
		p := st.effective()
		strength.SetText(v.entropyText(p))
		strength.Show()
		if gridcard.MinEntropyOK(p) {
			weak.Hide()
			makeBtn.Enable()
		} else {
			weak.Show()
			makeBtn.Disable()
		}
	}
	var rebuild func()
	profile := v.profileChoice(st.profile.Name, st.custom, func(p gridcard.Profile, custom bool) {
		changed := custom != st.custom
		st.choose(v, p, custom)
		if changed {
			st.problem = ""
			rebuild()
			return
		}
		refresh()
	})
	rebuild = func() {
		if n := len(v.pages); n > 0 && v.pages[n-1] == st.page {
			v.showPage()
		}
	}
	var customForm fyne.CanvasObject = container.NewVBox()
	if st.custom {
		customForm = v.customProfileForm(st.shape, func() {
			st.reshape(v)
			st.problem = ""
			refresh()
		})
	}
	avoid := widget.NewCheck(v.msg.T("ui.grid.generate.avoid"), func(on bool) {
		st.avoid = on
		refresh()
	})
	avoid.SetChecked(st.avoid)
	makeBtn.OnTapped = func() {
		if st.custom && st.shapeProblem != "" {
			setProblem(v, problem, st.shapeProblem)
			return
		}
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
		customForm,
		avoid,
		strength,
		weak,
		problem,
		container.NewHBox(makeBtn),
	)))
}
