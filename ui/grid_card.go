package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/usecase"
)

// cardState is what a card's page keeps across rebuilds (a save, a
// language switch): what the person typed and chose on it.
type cardState struct {
	id   string
	page *page
	// challenge is the text in the challenge box.
	challenge string
	// showAll shows every cell, to compare the card with the paper.
	showAll bool
	// allowRapid answers despite the rapid-challenge guard, after the
	// person said they checked the site; typing another challenge clears it.
	allowRapid bool
	// recorded is the challenge (as the card writes it) last logged from
	// this page, so copying the same answer twice logs it once.
	recorded string
	// entry is the challenge box of the page as last built, to focus.
	entry *keyEntry
}

// focusChallenge puts the keyboard in the challenge box when the page is on top.
func (v *view) focusChallenge(st *cardState) {
	if n := len(v.pages); n > 0 && v.pages[n-1] == st.page && st.entry != nil {
		v.win.Canvas().Focus(st.entry)
	}
}

// cardPageView holds the parts of a card's page that change as the person
// types.
type cardPageView struct {
	v     *view
	st    *cardState
	card  gridcard.Card
	table *cardTable
	// result shows the answer, or why there is none. Its content is made
	// anew on every change: a label whose text changes while it is hidden
	// is not laid out again.
	result  *fyne.Container
	showBtn *widget.Button
}

// openCard opens the page of the card with id: its grid, the challenge
// box, its exposure, and printing and deleting it.
func (v *view) openCard(id string) {
	if cardByID(v.vault, id) == nil {
		return
	}
	st := &cardState{id: id}
	st.page = &page{
		title: func() string {
			if c := cardByID(v.vault, id); c != nil {
				return c.Name
			}
			return v.msg.T("ui.tool.grid")
		},
		build: func() fyne.CanvasObject { return v.cardPage(st) },
	}
	v.openPage(st.page)
	v.focusChallenge(st)
}

// cardPage builds the page of the card st is about.
func (v *view) cardPage(st *cardState) fyne.CanvasObject {
	c := cardByID(v.vault, st.id)
	if c == nil {
		return wrapped(v.msg, v.msg.T("ui.grid.gone"))
	}
	card := *c
	p := card.Profile
	cv := &cardPageView{v: v, st: st, card: card, table: newCardTable(card), result: container.NewVBox()}

	entry := newKeyEntry(v)
	entry.SetPlaceHolder(v.msg.T("ui.grid.challenge.placeholder", map[string]any{"Example": v.example(p)}))
	entry.SetText(st.challenge)
	entry.OnChanged = func(s string) {
		if s != st.challenge {
			st.challenge, st.allowRapid = s, false
		}
		cv.update()
	}
	entry.OnSubmitted = func(string) { v.useAnswer(st, true) }
	st.entry = entry

	cv.showBtn = widget.NewButtonWithIcon("", theme.VisibilityIcon(), func() {
		st.showAll = !st.showAll
		cv.update()
	})
	printBtn := widget.NewButtonWithIcon(v.msg.T("ui.grid.print"), theme.DocumentPrintIcon(), func() { v.showPrintDialog(st.id) })
	deleteBtn := widget.NewButtonWithIcon(v.msg.T("ui.grid.delete"), theme.DeleteIcon(), func() { v.confirmDeleteCard(st) })
	deleteBtn.Importance = widget.DangerImportance

	logNote := wrapped(v.msg, v.msg.T("ui.grid.record_note"))
	logNote.Importance = widget.LowImportance
	share := wrapped(v.msg, v.msg.T("ui.grid.share_help"))
	share.Importance = widget.LowImportance

	items := []fyne.CanvasObject{
		widget.NewLabelWithStyle(v.msg.T("ui.grid.challenge"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		entry,
		cv.result,
		container.NewHScroll(cv.table.obj),
		logNote,
		widget.NewSeparator(),
	}
	items = append(items, v.exposureInfo(card)...)
	items = append(items,
		widget.NewSeparator(),
		container.NewHBox(cv.showBtn, printBtn, deleteBtn),
		share,
	)
	cv.update()
	return container.NewVScroll(container.NewPadded(container.NewVBox(items...)))
}

// update shows the answer to what is typed, or why there is none.
func (cv *cardPageView) update() {
	v, st := cv.v, cv.st
	if st.showAll {
		cv.showBtn.SetText(v.msg.T("ui.grid.hide_cells"))
		cv.showBtn.SetIcon(theme.VisibilityOffIcon())
	} else {
		cv.showBtn.SetText(v.msg.T("ui.grid.show_cells"))
		cv.showBtn.SetIcon(theme.VisibilityIcon())
	}
	cv.setResult()
	if strings.TrimSpace(st.challenge) == "" {
		cv.table.show(nil, false, st.showAll)
		return
	}
	ans, err := usecase.Answer(cv.card, st.challenge, st.allowRapid, v.now())
	if err != nil {
		var he *gridcard.HarvestError
		var ce *gridcard.ChallengeError
		switch {
		case errors.As(err, &he):
			// Nothing of the card is shown for a scam-like challenge.
			warning := wrapped(v.msg, v.gridProblem(err))
			warning.Importance = widget.DangerImportance
			if he.Reason == gridcard.HarvestRapidChallenges {
				anyway := widget.NewButtonWithIcon(v.msg.T("ui.grid.harvest.anyway"), theme.WarningIcon(), func() {
					st.allowRapid = true
					cv.update()
				})
				cv.setResult(warning, container.NewHBox(anyway))
			} else {
				cv.setResult(warning)
			}
			cv.table.show(nil, false, false) // not even when asked to show all

		default:
			problem := wrapped(v.msg, v.gridProblem(err))
			problem.Importance = widget.DangerImportance
			cv.setResult(problem)
			var valid []gridcard.Cell
			if errors.As(err, &ce) {
				valid = ce.Valid
			}
			cv.table.show(cellSet(valid), false, st.showAll)
		}
		return
	}
	cv.table.show(cellSet(ans.Cells), true, st.showAll)
	parts := make([]string, len(ans.Names))
	for i := range ans.Names {
		parts[i] = ans.Names[i] + " = " + ans.Parts[i]
	}
	partsLabel := widget.NewLabelWithStyle(strings.Join(parts, "    "), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	partsLabel.Wrapping = fyne.TextWrapWord
	joined := widget.NewLabelWithStyle(ans.Joined, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	joined.SizeName = theme.SizeNameSubHeadingText
	joined.Selectable = true
	copyBtn := widget.NewButtonWithIcon(v.msg.T("ui.grid.copy"), theme.ContentCopyIcon(), func() { v.useAnswer(st, true) })
	copyBtn.Importance = widget.HighImportance
	record := widget.NewButtonWithIcon(v.msg.T("ui.grid.record"), theme.ConfirmIcon(), func() { v.useAnswer(st, false) })
	if st.recorded == gridcard.FormatChallenge(cv.card.Profile, ans.Cells) {
		record.SetText(v.msg.T("ui.grid.recorded_already"))
		record.Disable()
	}
	items := []fyne.CanvasObject{
		partsLabel,
		container.NewBorder(nil, nil, nil, container.NewHBox(copyBtn, record), joined),
	}
	if cv.card.Profile.CaseMatters() {
		note := wrapped(v.msg, v.msg.T("ui.grid.case_note"))
		note.Importance = widget.WarningImportance
		items = append(items, note)
	}
	cv.setResult(items...)
}

// setResult puts objs in the result area, or hides it when there are none.
func (cv *cardPageView) setResult(objs ...fyne.CanvasObject) {
	cv.result.Objects = objs
	cv.result.Hidden = len(objs) == 0
	cv.result.Refresh()
}

// useAnswer copies the answer to what st holds (when andCopy is set) and logs
// the challenge in the card's exposure log, once.
func (v *view) useAnswer(st *cardState, andCopy bool) {
	c := cardByID(v.vault, st.id)
	if c == nil {
		return
	}
	ans, err := usecase.Answer(*c, st.challenge, st.allowRapid, v.now())
	if err != nil {
		return // the page already says why
	}
	if andCopy {
		v.copySecret(ans.Joined)
		if d := v.clipboardDelay(); d > 0 {
			v.flash(v.msg.T("ui.grid.copied", map[string]any{"Name": c.Name, "Seconds": int(d.Seconds())}))
		} else {
			v.flash(v.msg.T("ui.grid.copied.keep", map[string]any{"Name": c.Name}))
		}
	}
	key := gridcard.FormatChallenge(c.Profile, ans.Cells)
	if st.recorded == key {
		return
	}
	id, opt := st.id, usecase.AnswerOptions{AllowRapid: st.allowRapid}
	challenge := st.challenge
	st.recorded = key
	v.runOp(func(ops *usecase.Service) error {
		_, err := ops.AnswerChallenge(id, challenge, opt)
		return err
	}, func(err error) {
		if err != nil {
			st.recorded = ""
			v.showProblem(v.msg.T("ui.grid.record_failed", map[string]any{"Reason": v.gridProblem(err)}))
			return
		}
		if !andCopy {
			v.flash(v.msg.T("ui.grid.recorded"))
		}
		v.focusChallenge(st) // the page was built anew from the saved vault
	})
}

// exposureInfo says what kind of card c is, how much of the card has been revealed, the chance
// that someone who saw it all answers the next challenge, and, past the
// threshold, that a new card is due; then how hard one challenge is.
func (v *view) exposureInfo(c gridcard.Card) []fyne.CanvasObject {
	rep := c.Exposure.Report(c.Profile)
	shape := wrapped(v.msg, v.describeProfile(c.Profile))
	shape.Importance = widget.LowImportance
	out := []fyne.CanvasObject{shape}
	if rep.Answered == 0 {
		out = append(out, wrapped(v.msg, v.msg.T("ui.grid.exposure.none", map[string]any{"Total": rep.Total})))
	} else {
		out = append(out, wrapped(v.msg, v.msg.T("ui.grid.exposure", map[string]any{
			"Answered": rep.Answered, "Revealed": rep.Revealed, "Total": rep.Total, "Risk": usecase.Percent(rep.Risk),
		})))
	}
	if rep.AdviseNewCard {
		advise := wrapped(v.msg, v.msg.T("ui.grid.advise", map[string]any{"Risk": usecase.Percent(rep.Risk)}))
		advise.Importance = widget.WarningImportance
		out = append(out, advise)
	}
	strength := wrapped(v.msg, v.entropyText(c.Profile))
	strength.Importance = widget.LowImportance
	return append(out, strength)
}

// entropyText compares one challenge of p with a 6-digit code.
func (v *view) entropyText(p gridcard.Profile) string {
	d := map[string]any{
		"Asked":    p.Asked,
		"Bits":     fmt.Sprintf("%.1f", gridcard.EntropyBits(p)),
		"SixDigit": fmt.Sprintf("%.1f", gridcard.SixDigitCodeBits),
	}
	if gridcard.MinEntropyOK(p) {
		return v.msg.T("ui.grid.entropy", d)
	}
	return v.msg.T("ui.grid.entropy.weak", d)
}

// example writes cells of p the way a challenge asks them: "A1 C3 J5".
func (v *view) example(p gridcard.Profile) string {
	return gridcard.FormatChallenge(p, gridcard.ExampleCells(p))
}

// gridProblem explains an error from answering, saving or deleting a
// card: its message, or, for a card the page names by ID that is gone,
// that it was deleted.
func (v *view) gridProblem(err error) string {
	var gone *usecase.CardNotFoundError
	if errors.As(err, &gone) {
		return v.msg.T("ui.grid.gone")
	}
	return v.opText(err, "ui.grid.err.other")
}

// confirmDeleteCard asks before removing the card of st's page, with its
// exposure log; then goes back to the list.
func (v *view) confirmDeleteCard(st *cardState) {
	c := cardByID(v.vault, st.id)
	if c == nil {
		return
	}
	name, id := c.Name, c.ID
	d := dialog.NewCustomConfirm(v.msg.T("ui.grid.delete.title"), v.msg.T("ui.grid.delete.yes"), v.msg.T("ui.cancel"),
		wrapped(v.msg, v.msg.T("ui.grid.delete.confirm", map[string]any{"Name": name})), func(ok bool) {
			if !ok {
				return
			}
			v.runOp(func(ops *usecase.Service) error {
				_, err := ops.DeleteCard(id)
				return err
			}, func(err error) {
				if err != nil {
					v.showProblem(v.msg.T("ui.grid.delete.failed", map[string]any{"Error": v.gridProblem(err)}))
					return
				}
				if n := len(v.pages); n > 0 && v.pages[n-1] == st.page {
					v.closePage()
				}
				v.flash(v.msg.T("ui.grid.deleted", map[string]any{"Name": name}))
			})
		}, v.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
}

// cellSet is cells as a set.
func cellSet(cells []gridcard.Cell) map[gridcard.Cell]bool {
	m := make(map[gridcard.Cell]bool, len(cells))
	for _, c := range cells {
		m[c] = true
	}
	return m
}
