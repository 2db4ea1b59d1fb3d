package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/unicode/norm"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
)

// This file is the "Phone number or handset change" tool: record a number
// change, a new handset or an app reinstall, then work through the checklist
// of accounts still tied to the old number or device, one page a change.

// phoneChangePage explains why a change of number or handset needs care,
// offers to record one, and lists the changes recorded, open ones first.
func (v *view) phoneChangePage() fyne.CanvasObject {
	now := v.now()
	box := container.NewVBox(
		wrapped(v.msg, v.msg.T("ui.phonechange.intro")),
		wrapped(v.msg, v.msg.T("ui.phonechange.intro_devices")),
		widget.NewButtonWithIcon(v.msg.T("ui.phonechange.record_number"), theme.ContentAddIcon(), v.openNumberChangeForm),
		widget.NewButtonWithIcon(v.msg.T("ui.phonechange.record_device"), theme.ContentAddIcon(), v.openDeviceChangeForm),
		widget.NewSeparator(),
		phoneHeading(v.msg.T("ui.phonechange.recorded")),
	)
	var open, finished []fyne.CanvasObject
	bindings := v.vault.Bindings()
	for _, c := range v.vault.PhoneChanges {
		left := len(phone.Risk(bindings, []phone.Change{c}, now))
		title := v.msg.T("ui.phonechange.number_title", map[string]any{"Old": numberText(c.Old), "New": v.newNumberText(c.New)})
		row := v.changeRow(title, left, v.lineState(c.Transition, now), func() { v.openNumberChecklist(c.ID) })
		if left > 0 {
			open = append(open, row)
		} else {
			finished = append(finished, row)
		}
	}
	for _, c := range v.vault.DeviceChanges {
		left := len(phone.DeviceRisk(bindings, []phone.DeviceChange{c}, now))
		row := v.changeRow(v.deviceChangeTitle(c), left, v.deviceState(c.Transition, now), func() { v.openDeviceChecklist(c.ID) })
		if left > 0 {
			open = append(open, row)
		} else {
			finished = append(finished, row)
		}
	}
	if len(open)+len(finished) == 0 {
		box.Add(wrapped(v.msg, v.msg.T("ui.phonechange.none")))
	}
	for _, row := range append(open, finished...) {
		box.Add(row)
	}
	return container.NewVScroll(box)
}

// changeRow is one recorded change in the list: what changes, how many
// accounts are left (or that it is finished), and a button to its
// checklist.
func (v *view) changeRow(title string, left int, state string, open func()) fyne.CanvasObject {
	status := v.msg.T("ui.phonechange.finished")
	if left > 0 {
		status = v.msg.T("ui.phonechange.left", map[string]any{"Count": left, "State": state})
	}
	label := wrapped(v.msg, status)
	if left == 0 {
		label.Importance = widget.SuccessImportance
	}
	btn := widget.NewButtonWithIcon(v.msg.T("ui.phonechange.checklist"), theme.NavigateNextIcon(), open)
	title1 := wrapped(v.msg, title)
	title1.TextStyle.Bold = true
	return container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(btn), container.NewVBox(title1, label)), widget.NewSeparator())
}

// newNumberText shows a change's new number, or says there is none.
func (v *view) newNumberText(e phone.E164) string {
	if e == "" {
		return v.msg.T("ui.phonechange.no_new_number")
	}
	return numberText(e)
}

// deviceChangeTitle says what a device change is: a new handset (and which)
// or an app reinstall.
func (v *view) deviceChangeTitle(c phone.DeviceChange) string {
	old := v.phoneDeviceName(c.Old)
	switch {
	case c.Event == phone.EventAppReinstall:
		return v.msg.T("ui.phonechange.reinstall_title", map[string]any{"Old": old})
	case c.New == "":
		return v.msg.T("ui.phonechange.handset_title_unknown", map[string]any{"Old": old})
	}
	return v.msg.T("ui.phonechange.handset_title", map[string]any{"Old": old, "New": v.phoneDeviceName(c.New)})
}

// lineState says whether a number change's old line still works.
func (v *view) lineState(t phone.Transition, now time.Time) string {
	switch u, deadline := t.OldState(now); {
	case u == phone.UrgencyGone:
		return v.msg.T("ui.phonechange.line_gone")
	case deadline != nil:
		return v.msg.T("ui.phonechange.line_until", map[string]any{"Day": changeDay(*deadline)})
	}
	return v.msg.T("ui.phonechange.line_works")
}

// deviceState says whether a device change's old device still works.
func (v *view) deviceState(t phone.Transition, now time.Time) string {
	switch u, deadline := t.OldState(now); {
	case u == phone.UrgencyGone:
		return v.msg.T("ui.phonechange.device_gone")
	case deadline != nil:
		return v.msg.T("ui.phonechange.device_until", map[string]any{"Day": changeDay(*deadline)})
	}
	return v.msg.T("ui.phonechange.device_works")
}

// changeDay is a date as the forms take it, in local time.
func changeDay(t time.Time) string { return t.Local().Format(time.DateOnly) }

// parseChangeDay reads a date typed as YYYY-MM-DD (or 2025/4/1, full-width digits
// too) as the start of that day in local time; today's date is now itself,
// so that "the old line stops today" means from now on.
func parseChangeDay(s string, now time.Time) (time.Time, bool) {
	s = strings.TrimSpace(norm.NFKC.String(s))
	for _, layout := range []string{time.DateOnly, "2006/1/2", "2006-1-2"} {
		if d, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			if changeDay(d) == changeDay(now) {
				return now, true
			}
			return d, true
		}
	}
	return time.Time{}, false
}

// numbersInUse are the numbers any account is bound to, as shown, each
// once, for the old-number choice.
func (v *view) numbersInUse() []string {
	var out []string
	seen := map[phone.E164]bool{}
	for _, a := range v.vault.Accounts {
		for _, b := range a.Phones {
			if !seen[b.Number] {
				seen[b.Number] = true
				out = append(out, numberText(b.Number))
			}
		}
	}
	return out
}

// phoneFormProblem is a hidden label under a form that says what is wrong.
func (v *view) phoneFormProblem() *widget.Label {
	l := wrapped(v.msg, "")
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// timingFields are the date of a change and whether the old line or device
// keeps working after it.
type timingFields struct {
	date  *formEntry
	works *widget.Check
}

func (v *view) newTimingFields(worksKey string) timingFields {
	f := timingFields{date: v.newEntry(), works: widget.NewCheck(v.msg.T(worksKey), nil)}
	f.date.SetText(changeDay(v.now()))
	f.date.SetPlaceHolder(v.msg.T("ui.phonechange.date_placeholder"))
	f.works.SetChecked(true)
	return f
}

// transition reads the fields; false when the date is not one.
func (f timingFields) transition(now time.Time) (phone.Transition, bool) {
	d, ok := parseChangeDay(f.date.Text, now)
	return phone.Transition{Date: d.UTC(), OldStillWorks: f.works.Checked}, ok
}

// openNumberChangeForm opens the form that records a number change; once
// recorded, its checklist replaces the form.
func (v *view) openNumberChangeForm() {
	v.openPage(&page{
		title: func() string { return v.msg.T("ui.phonechange.record_number") },
		build: v.numberChangeForm,
	})
}

func (v *view) numberChangeForm() fyne.CanvasObject {
	old := v.newSelectEntry(v.numbersInUse())
	old.SetPlaceHolder(v.msg.T("ui.phones.number_placeholder"))
	newE := v.newEntry()
	newE.SetPlaceHolder(v.msg.T("ui.phonechange.new_placeholder"))
	timing := v.newTimingFields("ui.phonechange.old_works")
	problem := v.phoneFormProblem()
	record := func() {
		if msg := v.recordNumberChange(old.Text, newE.Text, timing, problem); msg != "" {
			problem.SetText(msg)
			problem.Show()
		}
	}
	old.OnSubmitted = func(string) { record() }
	newE.OnSubmitted = func(string) { record() }
	timing.date.OnSubmitted = func(string) { record() }
	return container.NewVScroll(container.NewVBox(
		wrapped(v.msg, v.msg.T("ui.phonechange.number_form_help")),
		widget.NewLabel(v.msg.T("ui.phonechange.old_number")), old,
		widget.NewLabel(v.msg.T("ui.phonechange.new_number")), newE,
		widget.NewLabel(v.msg.T("ui.phonechange.date")), timing.date,
		timing.works,
		problem,
		widget.NewButtonWithIcon(v.msg.T("ui.phonechange.record"), theme.ConfirmIcon(), record),
	))
}

// recordNumberChange records a change from the number typed as oldText to
// newText (empty: none) and opens its checklist; it returns why not,
// translated, when the input is wrong (nothing is saved then).
func (v *view) recordNumberChange(oldText, newText string, timing timingFields, problem *widget.Label) string {
	now := v.now()
	oldN, err := phone.Parse(oldText, phone.DefaultRegion)
	if err != nil {
		return v.msg.T("ui.phonechange.old_invalid")
	}
	var newE phone.E164
	if strings.TrimSpace(newText) != "" {
		n, err := phone.Parse(newText, phone.DefaultRegion)
		if err != nil {
			return v.msg.T("ui.phonechange.new_invalid")
		}
		newE = n.E164
	}
	tr, ok := timing.transition(now)
	if !ok {
		return v.msg.T("ui.phonechange.bad_date")
	}
	var id string
	v.runOp(func(ops *usecase.Service) error {
		res, err := ops.RecordNumberChange(oldN.E164, newE, tr)
		id = res.Change.ID
		return err
	}, v.changeRecorded(&id, v.openNumberChecklist, problem))
	return ""
}

// changeRecorded is what a form does once its change is saved: it swaps
// the form for the checklist of the change whose ID the operation left in
// *id, or says under the form why the change was not recorded.
func (v *view) changeRecorded(id *string, openChecklist func(id string), problem *widget.Label) func(error) {
	return func(err error) {
		if err != nil {
			problem.SetText(v.problemText(err))
			problem.Show()
			return
		}
		v.closePage()
		openChecklist(*id)
	}
}

// openNumberChecklist opens the checklist of the number change with id.
func (v *view) openNumberChecklist(id string) {
	openChangeChecklist(v,
		func() *phone.Change { return changeByID(v.vault.PhoneChanges, id, phoneChangeID) },
		func(c phone.Change) string {
			return v.msg.T("ui.phonechange.number_title", map[string]any{"Old": numberText(c.Old), "New": v.newNumberText(c.New)})
		},
		v.numberChecklist)
}

// openChangeChecklist opens the checklist page of one recorded change. find
// looks the change up in the vault as it is at each rebuild; title names it
// and checklist lists its accounts; once it is gone, the page says so.
func openChangeChecklist[C any](v *view, find func() *C, title func(C) string, checklist func(C) fyne.CanvasObject) {
	v.openPage(&page{
		title: func() string {
			if c := find(); c != nil {
				return title(*c)
			}
			return v.msg.T("ui.tool.phone_change")
		},
		build: func() fyne.CanvasObject {
			c := find()
			if c == nil {
				return wrapped(v.msg, v.msg.T("ui.phonechange.change_gone"))
			}
			return checklist(*c)
		},
	})
}

// changeByID returns the change in changes whose ID (read by idOf) is id,
// or nil.
func changeByID[C any](changes []C, id string, idOf func(*C) string) *C {
	for i := range changes {
		if idOf(&changes[i]) == id {
			return &changes[i]
		}
	}
	return nil
}

// phoneChangeID and deviceChangeID read a change's ID, for changeByID.
func phoneChangeID(c *phone.Change) string        { return c.ID }
func deviceChangeID(c *phone.DeviceChange) string { return c.ID }

// numberChecklist is the accounts still bound to c's old number, each with
// its roles, the support route when it has no other way in, and a button
// that ticks it off and moves it to the new number.
func (v *view) numberChecklist(c phone.Change) fyne.CanvasObject {
	now := v.now()
	items := phone.Risk(v.vault.Bindings(), []phone.Change{c}, now)
	d := map[string]any{"Old": numberText(c.Old), "New": v.newNumberText(c.New), "Count": len(items), "Done": len(c.Done)}
	box := container.NewVBox(wrapped(v.msg, v.lineState(c.Transition, now)))
	if len(items) == 0 {
		done := wrapped(v.msg, v.msg.T("ui.phonechange.number_finished", d))
		done.Importance = widget.SuccessImportance
		box.Add(done)
		return container.NewVScroll(box)
	}
	advice := "ui.phonechange.number_advice"
	if u, _ := c.OldState(now); u == phone.UrgencyGone {
		advice = "ui.phonechange.number_advice_gone"
	}
	box.Add(wrapped(v.msg, v.msg.T(advice, d)))
	box.Add(phoneHeading(v.msg.T("ui.phonechange.progress", d)))
	for _, it := range items {
		roles := make([]string, len(it.Roles))
		for i, r := range it.Roles {
			roles[i] = v.phoneRoleName(r)
		}
		detail := v.msg.T("ui.phonechange.roles", map[string]any{"Roles": strings.Join(roles, v.msg.T("ui.phonechange.list_separator"))})
		askKey := "ui.phonechange.tick_number"
		if c.New == "" {
			askKey = "ui.phonechange.tick_number_none"
		}
		ask := v.msg.T(askKey, map[string]any{"Label": it.Label, "Old": numberText(c.Old), "New": numberText(c.New)})
		box.Add(v.changeChecklistItem(it.AccountID, it.Label, detail, it.NoFallback, ask, func() { v.tickNumber(c.ID, it.AccountID) }))
	}
	return container.NewVScroll(box)
}

// changeChecklistItem is one account on a checklist: its name, a detail
// line, the support route when it has no other way in, and the buttons that
// tick it off (after asking, with the question ask) and open its page.
func (v *view) changeChecklistItem(accountID, label, detail string, noFallback bool, ask string, tick func()) fyne.CanvasObject {
	name := wrapped(v.msg, label)
	name.TextStyle.Bold = true
	box := container.NewVBox(name, wrapped(v.msg, detail))
	if l := v.serviceDocsLink(accountID); l != nil {
		box.Add(l)
	}
	if noFallback {
		box.Add(phoneWarning(v.msg, v.msg.T("ui.phonechange.no_fallback")))
		if a := v.vault.Account(accountID); a != nil {
			for _, line := range v.checklistSupport(a) {
				box.Add(wrapped(v.msg, line))
			}
		}
	}
	box.Add(container.NewHBox(
		widget.NewButtonWithIcon(v.msg.T("ui.phonechange.tick"), theme.ConfirmIcon(), func() {
			v.confirmPhoneAction(v.msg.T("ui.phonechange.tick_title"), ask, v.msg.T("ui.phonechange.tick_confirm"), widget.HighImportance, tick)
		}),
		widget.NewButtonWithIcon(v.msg.T("ui.phonechange.open_account"), theme.AccountIcon(), func() { v.openAccountOnTab(accountID, "ui.tab.phones") }),
	))
	box.Add(widget.NewSeparator())
	return box
}

// checklistSupport is how to reach an account's support, from its recovery
// details, or a line saying where to record it.
func (v *view) checklistSupport(a *vault.Account) []string {
	r := a.Recovery
	var lines []string
	if r.SupportPhone != "" {
		lines = append(lines, v.msg.T("ui.phonechange.support_phone", map[string]any{"Phone": r.SupportPhone}))
	}
	if r.SupportHours != "" {
		lines = append(lines, v.msg.T("ui.phonechange.support_hours", map[string]any{"Hours": r.SupportHours}))
	}
	if r.SupportURL != "" {
		lines = append(lines, v.msg.T("ui.phonechange.support_url", map[string]any{"URL": r.SupportURL}))
	}
	if len(lines) == 0 {
		return []string{v.msg.T("ui.phonechange.support_unknown")}
	}
	return lines
}

// tickNumber ticks account off the number change with changeID: its
// bindings of the old number move to the new one.
func (v *view) tickNumber(changeID, accountID string) {
	var res usecase.NumberTickResult
	v.runOp(func(ops *usecase.Service) (err error) {
		res, err = ops.TickNumberChange(changeID, accountID)
		return err
	}, v.phoneDone(func() string {
		return v.msg.T("ui.phonechange.ticked", map[string]any{"Label": res.Account.Label()})
	}))
}
