package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/trouble"
)

// troubleErrorTool looks up the code a site shows in the account's notes and
// the codes known in general, and keeps the person's notes.
func (v *view) troubleErrorTool(a *vault.Account) []fyne.CanvasObject {
	id := a.ID
	notes := append([]trouble.ErrorNote(nil), a.ErrorNotes...)
	lang := v.msg.Lang()
	found := container.NewVBox()
	lookup := v.newEntry()
	lookup.SetPlaceHolder(v.msg.T("ui.trouble.errors.placeholder"))
	find := func() {
		code := trouble.NormalizeErrorCode(lookup.Text)
		found.Objects = nil
		if code != "" {
			advice, err := trouble.LookupError(notes, code, lang)
			switch {
			case err != nil:
				found.Add(wrapped(v.msg, v.msg.T("ui.trouble.guide_broken", map[string]any{"Error": err.Error()})))
			case len(advice) == 0:
				found.Add(wrapped(v.msg, v.msg.T("ui.trouble.errors.unknown", map[string]any{"Code": code})))
			}
			for _, ad := range advice {
				found.Add(v.troubleAdvice(ad))
			}
		}
		found.Refresh()
		v.relayoutTrouble()
	}
	lookup.OnChanged = func(string) { find() }

	code := v.newEntry()
	code.SetPlaceHolder(v.msg.T("ui.trouble.errors.code"))
	text := v.newMultiLineEntry()
	text.SetPlaceHolder(v.msg.T("ui.trouble.errors.text"))
	text.Wrapping = fyne.TextWrapWord
	text.SetMinRowsVisible(2)
	save := widget.NewButtonWithIcon(v.msg.T("ui.trouble.errors.save"), theme.DocumentSaveIcon(), func() {
		v.troubleSaveNote(id, code.Text, text.Text)
	})

	out := []fyne.CanvasObject{
		troubleHeading(v.msg.T("ui.trouble.errors.title")),
		lookup, found,
		troubleHeading(v.msg.T("ui.trouble.errors.own")),
	}
	all, err := trouble.KnownErrors(notes, lang)
	if err != nil {
		return append(out, wrapped(v.msg, v.msg.T("ui.trouble.guide_broken", map[string]any{"Error": err.Error()})))
	}
	own := 0
	for _, ad := range all {
		if !ad.Own {
			continue
		}
		own++
		c, t := ad.Code, ad.Text
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() {
			code.SetText(c)
			text.SetText(t)
		})
		edit.Importance = widget.LowImportance
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			v.confirmTrouble(v.msg.T("ui.trouble.errors.remove_confirm", map[string]any{"Code": c}), func() { v.troubleRemoveNote(id, c) })
		})
		del.Importance = widget.LowImportance
		out = append(out, container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), v.troubleAdvice(ad)))
	}
	if own == 0 {
		l := wrapped(v.msg, v.msg.T("ui.trouble.errors.none"))
		l.Importance = widget.LowImportance
		out = append(out, l)
	}
	out = append(out, code, text, container.NewHBox(save), troubleHeading(v.msg.T("ui.trouble.errors.known")))
	for _, ad := range all {
		if !ad.Own {
			out = append(out, v.troubleAdvice(ad))
		}
	}
	return out
}

// troubleAdvice is one code with what to do about it.
func (v *view) troubleAdvice(ad trouble.ErrorAdvice) fyne.CanvasObject {
	if ad.Own {
		return wrapped(v.msg, v.msg.T("ui.trouble.errors.own_line", map[string]any{"Code": ad.Code, "Text": ad.Text, "Added": v.troubleWhen(ad.Added)}))
	}
	return wrapped(v.msg, v.msg.T("ui.trouble.errors.known_line", map[string]any{"Code": ad.Code, "Text": ad.Text}))
}

// troubleSaveNote keeps the note text for code on account id, replacing an
// earlier note for the same code.
func (v *view) troubleSaveNote(id, code, text string) {
	v.runOp(func(ops *usecase.Service) error {
		_, err := ops.SetErrorNote(id, code, text)
		return err
	}, v.troubleSaved("ui.trouble.errors.saved"))
}

// troubleRemoveNote forgets the note for code on account id.
func (v *view) troubleRemoveNote(id, code string) {
	v.runOp(func(ops *usecase.Service) error {
		_, err := ops.RemoveErrorNote(id, code)
		return err
	}, v.troubleSaved("ui.trouble.errors.removed"))
}
