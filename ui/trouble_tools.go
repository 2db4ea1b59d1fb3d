package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/trouble"
)

// The tools the flows put above their checklists. Each acts on the account
// (check, time, prepare); what a person types into them stays in the
// widgets and is neither saved nor logged, unless it is a note they save.

// troubleInputChecker checks what the person types as their ID or password, or the
// stored login ID, for what the eye misses.
func (v *view) troubleInputChecker(a *vault.Account) []fyne.CanvasObject {
	result := container.NewVBox()
	show := func(s string, stored bool) {
		result.Objects = v.troubleFindings(s, stored)
		result.Refresh()
		v.relayoutTrouble()
	}
	entry := v.newPasswordEntry()
	entry.SetPlaceHolder(v.msg.T("ui.trouble.input.placeholder"))
	entry.OnChanged = func(s string) { show(s, false) }
	name := a.Name
	stored := widget.NewButtonWithIcon(v.msg.T("ui.trouble.input.stored"), theme.AccountIcon(), func() { show(name, true) })
	if strings.TrimSpace(name) == "" {
		stored.Disable()
	}
	return []fyne.CanvasObject{
		troubleHeading(v.msg.T("ui.trouble.input.title")),
		wrapped(v.msg, v.msg.T("ui.trouble.input.help")),
		entry, container.NewHBox(stored), result,
	}
}

// troubleFindings explains CheckInput's findings for s: a strip with one mark per
// character, the suspicious ones shown in red, then a sentence per finding.
// The strip never shows an unremarkable character, so a password checked
// here does not appear on screen.
func (v *view) troubleFindings(s string, stored bool) []fyne.CanvasObject {
	if s == "" {
		return nil
	}
	fs := trouble.CheckInput(s)
	runes := []rune(s)
	warnings := 0
	for _, f := range fs {
		if f.Level == trouble.Warning {
			warnings++
		}
	}
	what := v.msg.T("ui.trouble.input.typed")
	if stored {
		what = v.msg.T("ui.trouble.input.stored_id")
	}
	var summary *widget.Label
	if warnings > 0 {
		summary = wrapped(v.msg, v.msg.T("ui.trouble.input.found", map[string]any{"What": what, "Count": warnings, "Length": len(runes)}))
		summary.Importance = widget.DangerImportance
	} else {
		summary = wrapped(v.msg, v.msg.T("ui.trouble.input.clean", map[string]any{"What": what, "Length": len(runes)}))
		summary.Importance = widget.SuccessImportance
	}
	out := []fyne.CanvasObject{summary}
	marks := map[int]trouble.Finding{}
	for _, f := range fs {
		if f.Level != trouble.Warning {
			continue
		}
		for _, p := range f.Positions {
			if _, ok := marks[p]; !ok {
				marks[p] = f
			}
		}
	}
	if len(marks) > 0 {
		strip := widget.NewRichText()
		strip.Wrapping = fyne.TextWrapBreak
		plain := widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Monospace: true}, ColorName: theme.ColorNamePlaceHolder}
		bad := widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNameError}
		for i := range runes {
			f, ok := marks[i+1]
			switch {
			case !ok:
				strip.Segments = append(strip.Segments, &widget.TextSegment{Text: "•", Style: plain})
			case f.Char != "":
				strip.Segments = append(strip.Segments, &widget.TextSegment{Text: "[" + f.Char + "]", Style: bad})
			default:
				strip.Segments = append(strip.Segments, &widget.TextSegment{Text: "[" + f.Codepoint + "]", Style: bad})
			}
		}
		strip.Refresh()
		out = append(out, strip, wrapped(v.msg, v.msg.T("ui.trouble.input.legend")))
	}
	for _, f := range fs {
		d, err := trouble.Describe(f, v.msg.Lang())
		if err != nil {
			d = err.Error()
		}
		l := wrapped(v.msg, v.msg.T("ui.trouble.fact", map[string]any{"Text": d}))
		if f.Level == trouble.Warning {
			l.Importance = widget.WarningImportance
		}
		out = append(out, l)
	}
	return out
}

// troubleLockChoices are the lock durations offered, besides the account's own.
var troubleLockChoices = []time.Duration{15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour,
	3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour}

// troubleLockoutTool records a lockout, counts down to its end and clears it.
func (v *view) troubleLockoutTool(a *vault.Account) []fyne.CanvasObject {
	id := a.ID
	out := []fyne.CanvasObject{troubleHeading(v.msg.T("ui.trouble.lock.title"))}
	if l := a.Lockout; l != nil {
		lock := *l
		status := wrapped(v.msg, "")
		notify := wrapped(v.msg, v.msg.T("ui.trouble.lock.will_notify"))
		update := func() {
			now := v.now()
			if lock.Lifted(now) {
				if !notify.Hidden {
					notify.Hide()
					v.relayoutTrouble()
				}
				status.Importance = widget.SuccessImportance
				status.SetText(v.msg.T("ui.trouble.lock.lifted", map[string]any{"Until": v.troubleWhen(lock.Until)}))
				return
			}
			left := lock.Remaining(now).Round(time.Second)
			status.Importance = widget.WarningImportance
			status.SetText(v.msg.T("ui.trouble.lock.active", map[string]any{
				"Since": v.troubleWhen(lock.Since), "Until": v.troubleWhen(lock.Until),
				"Left": fmt.Sprintf("%d:%02d:%02d", int(left.Hours()), int(left.Minutes())%60, int(left.Seconds())%60),
			}))
		}
		update()
		v.onTick(update)
		out = append(out, status)
		if lock.Note != "" {
			out = append(out, wrapped(v.msg, v.msg.T("ui.trouble.lock.note", map[string]any{"Note": lock.Note})))
		}
		out = append(out, notify)
		out = append(out, container.NewHBox(widget.NewButtonWithIcon(v.msg.T("ui.trouble.lock.clear"), theme.ContentClearIcon(), func() {
			v.runOp(func(ops *usecase.Service) error {
				_, _, err := ops.ClearLockout(id)
				return err
			}, v.troubleSaved("ui.trouble.lock.cleared"))
		})))
	}
	usual := trouble.LockoutFor(a.LockoutDuration)
	choices := append([]time.Duration(nil), troubleLockChoices...)
	found := false
	for _, d := range choices {
		found = found || d == usual
	}
	if !found {
		choices = append(choices, usual)
	}
	labels := make([]string, len(choices))
	for i, d := range choices {
		labels[i] = v.troubleDuration(d)
	}
	length := widget.NewSelect(labels, nil)
	for i, d := range choices {
		if d == usual {
			length.SetSelectedIndex(i)
		}
	}
	remember := widget.NewCheck(v.msg.T("ui.trouble.lock.remember"), nil)
	note := v.newEntry()
	note.SetPlaceHolder(v.msg.T("ui.trouble.lock.note_placeholder"))
	recordKey := "ui.trouble.lock.record"
	if a.Lockout != nil {
		recordKey = "ui.trouble.lock.record_again"
	}
	record := widget.NewButtonWithIcon(v.msg.T(recordKey), theme.HistoryIcon(), func() {
		d := usual
		if i := length.SelectedIndex(); i >= 0 {
			d = choices[i]
		}
		spec := usecase.LockoutSpec{For: d, Note: strings.TrimSpace(note.Text), Remember: remember.Checked}
		var res usecase.LockoutResult
		v.runOp(func(ops *usecase.Service) (err error) {
			res, err = ops.RecordLockout(id, spec)
			return err
		}, func(err error) {
			if err == nil {
				v.troubleUI().active[lockKeyOf(id, &res.Lockout)] = true
			}
			v.troubleSaved("ui.trouble.lock.recorded")(err)
		})
	})
	record.Importance = widget.HighImportance
	return append(out,
		wrapped(v.msg, v.msg.T("ui.trouble.lock.how_long")),
		container.NewHBox(length),
		remember, note, container.NewHBox(record))
}

// troubleNumberTool leads to the tool that walks through a number change.
func (v *view) troubleNumberTool() []fyne.CanvasObject {
	for _, t := range tools() {
		if t.key == "ui.tool.phone_change" && t.build != nil {
			return []fyne.CanvasObject{
				wrapped(v.msg, v.msg.T("ui.trouble.sms.tool")),
				container.NewHBox(widget.NewButtonWithIcon(v.msg.T(t.key), t.icon, func() { v.openTool(t) })),
			}
		}
	}
	return nil
}

// troubleRequest shows the recovery request prepared from the account's
// recovery details, ready to copy.
func (v *view) troubleRequest(a *vault.Account, request string) []fyne.CanvasObject {
	if request == "" {
		return nil
	}
	text := widget.NewLabel(strings.TrimRight(request, "\n"))
	text.Wrapping = wrapping(v.msg)
	text.Selectable = true
	label := a.Label()
	copyBtn := widget.NewButtonWithIcon(v.msg.T("ui.trouble.request.copy"), theme.ContentCopyIcon(), func() {
		v.copySecret(request)
		if d := v.clipboardDelay(); d > 0 {
			v.flash(v.msg.T("ui.trouble.request.copied", map[string]any{"Label": label, "Seconds": int(d.Seconds())}))
		} else {
			v.flash(v.msg.T("ui.trouble.request.copied_keep", map[string]any{"Label": label}))
		}
	})
	return []fyne.CanvasObject{
		troubleHeading(v.msg.T("ui.trouble.request.title")),
		wrapped(v.msg, v.msg.T("ui.trouble.request.help")),
		widget.NewCard("", "", text),
		container.NewHBox(copyBtn),
	}
}
