package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/trouble"
)

// troubleState is what the "Can't log in?" tab keeps across page rebuilds
// (a save, a language switch): never anything the person typed.
type troubleState struct {
	// symptom is the symptom picked, by account ID.
	symptom map[string]trouble.Symptom
	// active holds the lockouts seen before they lifted; checkLockouts
	// notifies once when one lifts and forgets it.
	active map[troubleLockKey]bool
	// clock is the last clock check, nil before one.
	clock *ntpAnswer
	// relayout lays the tab on screen out again after a part of it
	// changed size (the input checker's findings); nil before a build.
	relayout func()
}

// troubleLockKey names one recorded lockout: a new lockout of the same account is
// another key.
type troubleLockKey struct {
	id    string
	until int64 // Unix nanoseconds
}

func lockKeyOf(id string, l *trouble.Lockout) troubleLockKey {
	return troubleLockKey{id, l.Until.UnixNano()}
}

// ntpAnswer is a clock check, or why it failed.
type ntpAnswer struct {
	server string // the server asked
	check  trouble.ClockCheck
	err    error
	at     time.Time // when it was asked, by v.now
}

// troubleUI returns the tab's state, made on first use.
func (v *view) troubleUI() *troubleState {
	if v.trouble == nil {
		v.trouble = &troubleState{symptom: map[string]trouble.Symptom{}, active: map[troubleLockKey]bool{}}
	}
	return v.trouble
}

// troubleTab is the "Can't log in?" tab of account a: the person picks what
// goes wrong and gets a short flow acting on the account's data, with the
// account's recent history under it.
func (v *view) troubleTab(a *vault.Account) fyne.CanvasObject {
	st := v.troubleUI()
	lang := v.msg.Lang()
	titles := make([]string, len(trouble.Symptoms))
	for i, s := range trouble.Symptoms {
		t, err := trouble.Title(s, lang)
		if err != nil {
			return wrapped(v.msg, v.msg.T("ui.trouble.guide_broken", map[string]any{"Error": err.Error()}))
		}
		titles[i] = t
	}
	id := a.ID
	pick := widget.NewSelect(titles, nil)
	pick.PlaceHolder = v.msg.T("ui.trouble.pick")
	current, picked := st.symptom[id]
	for i, s := range trouble.Symptoms {
		if s == current {
			pick.SetSelectedIndex(i)
		}
	}
	pick.OnChanged = func(string) {
		if i := pick.SelectedIndex(); i >= 0 {
			v.troublePick(id, trouble.Symptoms[i])
		}
	}
	var body []fyne.CanvasObject
	if !picked {
		body = append(body, wrapped(v.msg, v.msg.T("ui.trouble.intro")))
		for i, s := range trouble.Symptoms {
			b := widget.NewButtonWithIcon(titles[i], theme.NavigateNextIcon(), func() { v.troublePick(id, s) })
			b.Alignment = widget.ButtonAlignLeading
			body = append(body, b)
		}
	} else {
		body = append(body, v.troubleFlow(a, current)...)
	}
	body = append(body, widget.NewSeparator(), v.troubleHistory(a))
	top := container.NewBorder(nil, nil, widget.NewLabel(v.msg.T("ui.trouble.what")), nil, pick)
	box := container.NewVBox(body...)
	scroll := container.NewVScroll(box)
	st.relayout = func() {
		scroll.Refresh()
		box.Refresh()
	}
	return container.NewBorder(top, nil, nil, nil, scroll)
}

// relayoutTrouble lays the tab out again once a part of it changed size.
func (v *view) relayoutTrouble() {
	if f := v.troubleUI().relayout; f != nil {
		f()
	}
}

// troublePick shows symptom s's flow for account id.
func (v *view) troublePick(id string, s trouble.Symptom) {
	st := v.troubleUI()
	if cur, ok := st.symptom[id]; ok && cur == s {
		return
	}
	st.symptom[id] = s
	if len(v.pages) > 0 {
		v.showPage()
	}
}

// troubleFlow is the flow of symptom s for account a: what Mamori can do
// about it here (check, time, prepare), then the checklist.
func (v *view) troubleFlow(a *vault.Account, s trouble.Symptom) []fyne.CanvasObject {
	ta := v.vault.TroubleAccount(a)
	c, err := trouble.Flow(s, ta, v.msg.Lang(), v.now())
	if err != nil {
		return []fyne.CanvasObject{wrapped(v.msg, v.msg.T("ui.trouble.guide_broken", map[string]any{"Error": err.Error()}))}
	}
	out := []fyne.CanvasObject{wrapped(v.msg, c.Intro)}
	var tool []fyne.CanvasObject
	switch s {
	case trouble.WrongCredentials:
		tool = v.troubleInputChecker(a)
	case trouble.Locked:
		tool = v.troubleLockoutTool(a)
	case trouble.CodeRejected:
		tool = v.troubleCodeTool(a)
	case trouble.SMSOldNumber:
		tool = v.troubleNumberTool()
	case trouble.LostEverything:
		tool = v.troubleRequest(a, c.Request)
	case trouble.ErrorCode:
		tool = v.troubleErrorTool(a)
	}
	if len(tool) > 0 {
		out = append(out, widget.NewSeparator())
		out = append(out, tool...)
	}
	out = append(out, widget.NewSeparator(), troubleHeading(v.msg.T("ui.trouble.checklist")))
	return append(out, v.troubleChecklist(a, c)...)
}

// troubleLiveFacts are the steps whose facts the tool above the checklist shows
// live (codes, the lockout's countdown, the error notes): the checklist
// leaves them out rather than show a copy that goes stale.
var troubleLiveFacts = map[trouble.Symptom]map[string]bool{
	trouble.Locked:       {"state": true},
	trouble.CodeRejected: {"totp": true, "clock": true},
	trouble.ErrorCode:    {"code": true},
}

// troubleChecklist shows the steps of c; the breach checklist's steps can be
// ticked off, dated in the account's history.
func (v *view) troubleChecklist(a *vault.Account, c trouble.Checklist) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, st := range c.Steps {
		text := wrapped(v.msg, v.msg.T("ui.trouble.step", map[string]any{"Number": st.Number, "Text": st.Text}))
		items := []fyne.CanvasObject{text}
		if !troubleLiveFacts[c.Symptom][st.ID] {
			for _, f := range st.Facts {
				items = append(items, troubleFact(v, f))
			}
		}
		if st.Tickable {
			items = append(items, v.troubleTick(a, st))
		}
		out = append(out, container.NewVBox(items...))
	}
	if c.Symptom == trouble.Breached && len(trouble.BreachTicks(a.Events)) > 0 {
		id := a.ID
		out = append(out, container.NewHBox(widget.NewButtonWithIcon(v.msg.T("ui.trouble.breach.reset"), theme.ContentClearIcon(), func() {
			v.confirmTrouble(v.msg.T("ui.trouble.breach.reset_confirm"), func() { v.troubleResetBreach(id) })
		})))
	}
	return out
}

// troubleTick is the date a breach step was done, or a button to say it is.
func (v *view) troubleTick(a *vault.Account, st trouble.Step) fyne.CanvasObject {
	if st.Done != nil {
		l := widget.NewLabel(v.msg.T("ui.trouble.breach.done", map[string]any{"When": v.troubleWhen(*st.Done)}))
		l.Importance = widget.SuccessImportance
		return container.NewHBox(widget.NewIcon(theme.ConfirmIcon()), l)
	}
	id, step := a.ID, st.ID
	return container.NewHBox(widget.NewButtonWithIcon(v.msg.T("ui.trouble.breach.tick"), theme.ConfirmIcon(), func() {
		v.runOp(func(ops *usecase.Service) error {
			_, err := ops.Breach(id, step, false, v.msg.Lang())
			return err
		}, v.troubleSaved("ui.trouble.breach.ticked"))
	}))
}

// troubleResetBreach starts account id's breach checklist afresh.
func (v *view) troubleResetBreach(id string) {
	v.runOp(func(ops *usecase.Service) error {
		_, err := ops.Breach(id, "", true, v.msg.Lang())
		return err
	}, v.troubleSaved(""))
}

// troubleSaved is a done func for an operation of the trouble tools: on
// success it flashes the text of key (none for ""), on failure it tells
// why.
func (v *view) troubleSaved(key string) func(error) {
	return func(err error) {
		switch {
		case err != nil:
			v.showProblem(v.opText(err, "ui.trouble.save_failed"))
		case key != "":
			v.flash(v.msg.T(key))
		}
	}
}

// troubleHistoryShown is how many of an account's events the tab lists.
const troubleHistoryShown = 8

// troubleHistory lists the account's recent events, newest first.
func (v *view) troubleHistory(a *vault.Account) fyne.CanvasObject {
	items := []fyne.CanvasObject{troubleHeading(v.msg.T("ui.trouble.history"))}
	if len(a.Events) == 0 {
		l := wrapped(v.msg, v.msg.T("ui.trouble.history.none"))
		l.Importance = widget.LowImportance
		return container.NewVBox(append(items, l)...)
	}
	steps := map[string]string{}
	if c, err := trouble.Flow(trouble.Breached, v.vault.TroubleAccount(a), v.msg.Lang(), v.now()); err == nil {
		for _, s := range c.Steps {
			steps[s.ID] = s.Text
		}
	}
	for i := len(a.Events) - 1; i >= 0 && i >= len(a.Events)-troubleHistoryShown; i-- {
		e := a.Events[i]
		var what string
		switch e.Kind {
		case trouble.EventLockout:
			until, err := time.Parse(time.RFC3339, e.Detail)
			if err != nil {
				what = v.msg.T("ui.trouble.event.lockout_plain")
			} else {
				what = v.msg.T("ui.trouble.event.lockout", map[string]any{"Until": v.troubleWhen(until)})
			}
		case trouble.EventLockoutCleared:
			what = v.msg.T("ui.trouble.event.lockout_cleared")
		case trouble.EventBreachTick:
			text, ok := steps[e.Detail]
			if !ok {
				text = e.Detail
			}
			what = v.msg.T("ui.trouble.event.breach_tick", map[string]any{"Step": text})
		case trouble.EventBreachReset:
			what = v.msg.T("ui.trouble.event.breach_reset")
		default:
			what = string(e.Kind) + " " + e.Detail
		}
		items = append(items, wrapped(v.msg, v.msg.T("ui.trouble.event", map[string]any{"When": v.troubleWhen(e.At), "What": what})))
	}
	return container.NewVBox(items...)
}

// checkLockouts runs every second with the time: when a lockout seen before
// it lifted has lifted, it sends one desktop notification saying the
// account can be tried again. Nothing happens while the vault is locked;
// the notification comes after unlocking.
func (v *view) checkLockouts(now time.Time) {
	st := v.troubleUI()
	if v.vault == nil {
		// Locked (or not open yet): a lockout seen before still gets its
		// notification, but without the account's name, which locking
		// hides.
		for k := range st.active {
			if until := time.Unix(0, k.until); !now.Before(until) {
				delete(st.active, k)
				v.app.SendNotification(fyne.NewNotification(
					v.msg.T("ui.trouble.notify.title"),
					v.msg.T("ui.trouble.notify.body_locked", map[string]any{"Until": v.troubleWhen(until)})))
			}
		}
		return
	}
	for i := range v.vault.Accounts {
		a := &v.vault.Accounts[i]
		if a.Lockout == nil {
			continue
		}
		k := lockKeyOf(a.ID, a.Lockout)
		if !a.Lockout.Lifted(now) {
			st.active[k] = true
			continue
		}
		if st.active[k] {
			delete(st.active, k)
			v.app.SendNotification(fyne.NewNotification(
				v.msg.T("ui.trouble.notify.title"),
				v.msg.T("ui.trouble.notify.body", map[string]any{"Label": a.Label(), "Until": v.troubleWhen(a.Lockout.Until)})))
		}
	}
}

// troubleWhen writes a moment as the tab shows it, in the local time zone.
func (v *view) troubleWhen(t time.Time) string {
	return t.In(v.now().Location()).Format("2006-01-02 15:04")
}

// troubleDuration writes d for a person, rounded up to the minute (seconds under
// a minute).
func (v *view) troubleDuration(d time.Duration) string {
	if d < time.Minute {
		return v.msg.T("ui.trouble.dur.seconds", map[string]any{"S": secondsLeft(d)})
	}
	m := int((d + time.Minute - 1) / time.Minute)
	switch h, m := m/60, m%60; {
	case h == 0:
		return v.msg.T("ui.trouble.dur.minutes", map[string]any{"M": m})
	case m == 0:
		return v.msg.T("ui.trouble.dur.hours", map[string]any{"H": h})
	default:
		return v.msg.T("ui.trouble.dur.hours_minutes", map[string]any{"H": h, "M": m})
	}
}

// troubleHeading is a bold line over a section.
func troubleHeading(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// troubleFact is one line of what Mamori knows, indented under a step.
func troubleFact(v *view, s string) fyne.CanvasObject {
	return wrapped(v.msg, v.msg.T("ui.trouble.fact", map[string]any{"Text": s}))
}

// confirmTrouble asks msg and calls yes once the person agrees.
func (v *view) confirmTrouble(msg string, yes func()) {
	d := dialog.NewCustomConfirm(v.msg.T("ui.tab.trouble"), v.msg.T("ui.yes"), v.msg.T("ui.no"),
		wrapped(v.msg, msg), func(ok bool) {
			if ok {
				yes()
			}
		}, v.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
}
