package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
)

// gridPage is the "Grid cards" tool: the cards in the vault, each with its
// shape and how much of it has been revealed, or, with none, what a grid
// card is and the two ways to add one. A card opens its own page
// (openCard), where challenges are answered.
func (v *view) gridPage() fyne.CanvasObject {
	addBtn := widget.NewButtonWithIcon(v.msg.T("ui.grid.add"), theme.ContentAddIcon(), v.openAddCard)
	newBtn := widget.NewButtonWithIcon(v.msg.T("ui.grid.generate"), theme.DocumentCreateIcon(), v.openGenerateCard)
	buttons := container.NewGridWithColumns(2, addBtn, newBtn)
	share := wrapped(v.msg, v.msg.T("ui.grid.share_help"))
	share.Importance = widget.LowImportance

	cards := v.vault.GridCards
	if len(cards) == 0 {
		addBtn.Importance = widget.HighImportance
		title := widget.NewLabelWithStyle(v.msg.T("ui.grid.empty.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.SizeName = theme.SizeNameSubHeadingText
		return container.NewVScroll(container.NewPadded(container.NewVBox(
			title,
			wrapped(v.msg, v.msg.T("ui.grid.empty.what")),
			wrapped(v.msg, v.msg.T("ui.grid.empty.add")),
			wrapped(v.msg, v.msg.T("ui.grid.empty.generate")),
			buttons,
			share,
		)))
	}
	items := []fyne.CanvasObject{buttons, widget.NewSeparator()}
	for _, c := range cards {
		items = append(items, v.cardRow(c), widget.NewSeparator())
	}
	items = append(items, share)
	return container.NewVScroll(container.NewPadded(container.NewVBox(items...)))
}

// cardRow is one card of the list: its name (a button that opens it), its
// shape and its exposure. Cells are never shown here.
func (v *view) cardRow(c gridcard.Card) fyne.CanvasObject {
	id := c.ID
	open := widget.NewButtonWithIcon(c.Name, theme.NavigateNextIcon(), func() { v.openCard(id) })
	open.Alignment = widget.ButtonAlignLeading
	open.IconPlacement = widget.ButtonIconTrailingText
	open.Importance = widget.LowImportance
	shape := wrapped(v.msg, v.describeProfile(c.Profile))
	shape.Importance = widget.LowImportance
	exposure := wrapped(v.msg, v.exposureSummary(c))
	rep := c.Exposure.Report(c.Profile)
	if rep.AdviseNewCard {
		exposure.Importance = widget.WarningImportance
	}
	return container.NewVBox(open, shape, exposure)
}

// exposureSummary says in one line how much of the card has been given
// away, for the list.
func (v *view) exposureSummary(c gridcard.Card) string {
	rep := c.Exposure.Report(c.Profile)
	if rep.Answered == 0 {
		return v.msg.T("ui.grid.unused")
	}
	d := map[string]any{"Answered": rep.Answered, "Revealed": rep.Revealed, "Total": rep.Total, "Risk": usecase.Percent(rep.Risk)}
	if rep.AdviseNewCard {
		return v.msg.T("ui.grid.summary.advise", d)
	}
	return v.msg.T("ui.grid.summary", d)
}

// describeProfile says what cards of p look like, in the window's language.
func (v *view) describeProfile(p gridcard.Profile) string {
	d := map[string]any{"Rows": p.Rows, "Cols": p.Cols, "Width": p.CellWidth, "Asked": p.Asked}
	switch p.Name {
	case "alnum-5x10":
		return v.msg.T("ui.grid.profile.alnum", d)
	case "bank-4x4":
		return v.msg.T("ui.grid.profile.bank", d)
	case "entrust-5x10":
		return v.msg.T("ui.grid.profile.entrust", d)
	}
	return v.msg.T("ui.grid.profile.custom", d)
}

// profileChoice is a select showing the built-in profiles and, last,
// "Custom…", with the profile named (or Custom, when custom is set)
// selected. onPick gets the chosen built-in profile, or the zero profile
// and true when Custom is chosen; the page then shows the form of
// customProfileForm.
func (v *view) profileChoice(selected string, custom bool, onPick func(p gridcard.Profile, custom bool)) *widget.Select {
	profiles := gridcard.Profiles()
	labels := make([]string, len(profiles), len(profiles)+1)
	for i, p := range profiles {
		labels[i] = v.describeProfile(p)
	}
	labels = append(labels, v.msg.T("ui.grid.profile.choose_custom"))
	s := widget.NewSelect(labels, nil)
	if custom {
		s.SetSelectedIndex(len(profiles))
	} else {
		for i, p := range profiles {
			if p.Name == selected {
				s.SetSelectedIndex(i)
			}
		}
	}
	s.OnChanged = func(string) {
		switch i := s.SelectedIndex(); {
		case i == len(profiles):
			onPick(gridcard.Profile{}, true)
		case i >= 0:
			onPick(profiles[i], false)
		}
	}
	return s
}

// cardByID returns the card of vlt with the ID, or nil.
func cardByID(vlt *vault.Vault, id string) *gridcard.Card {
	if vlt == nil {
		return nil
	}
	for i := range vlt.GridCards {
		if vlt.GridCards[i].ID == id {
			return &vlt.GridCards[i]
		}
	}
	return nil
}
