package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault/phone"
)

// This file is the device half of the "Phone number or handset change"
// tool: a new handset or an app reinstall, and the checklist of accounts
// whose codes lived on the old device.

// openDeviceChangeForm opens the form that records a new handset or an app
// reinstall; once recorded, its checklist replaces the form.
func (v *view) openDeviceChangeForm() {
	v.openPage(&page{
		title: func() string { return v.msg.T("ui.phonechange.record_device") },
		build: v.deviceChangeForm,
	})
}

func (v *view) deviceChangeForm() fyne.CanvasObject {
	help := wrapped(v.msg, v.msg.T("ui.phonechange.device_form_help"))
	if len(v.vault.Devices) == 0 {
		return container.NewVScroll(container.NewVBox(help, wrapped(v.msg, v.msg.T("ui.phonechange.no_devices"))))
	}
	ids := make([]string, len(v.vault.Devices))
	names := make([]string, len(v.vault.Devices))
	for i, d := range v.vault.Devices {
		ids[i] = d.ID
		names[i] = d.Name
	}
	old := widget.NewSelect(names, nil)
	old.PlaceHolder = v.msg.T("ui.phones.device_pick")
	if len(names) == 1 {
		old.SetSelectedIndex(0)
	}
	newD := v.newSelectEntry(names)
	newD.SetPlaceHolder(v.msg.T("ui.phonechange.new_device_placeholder"))
	events := []string{v.msg.T("ui.phonechange.event.new_handset"), v.msg.T("ui.phonechange.event.reinstall")}
	event := widget.NewRadioGroup(events, func(s string) {
		if s == events[1] {
			newD.Disable()
		} else {
			newD.Enable()
		}
	})
	event.Required = true
	event.SetSelected(events[0])
	timing := v.newTimingFields("ui.phonechange.old_device_works")
	problem := v.phoneFormProblem()
	record := func() {
		ev := phone.EventNewHandset
		if event.Selected == events[1] {
			ev = phone.EventAppReinstall
		}
		oldID := ""
		if i := old.SelectedIndex(); i >= 0 {
			oldID = ids[i]
		}
		if msg := v.recordDeviceChange(oldID, ev, newD.Text, timing, problem); msg != "" {
			problem.SetText(msg)
			problem.Show()
		}
	}
	return container.NewVScroll(container.NewVBox(
		help,
		widget.NewLabel(v.msg.T("ui.phonechange.old_device")), old,
		event,
		widget.NewLabel(v.msg.T("ui.phonechange.new_device")), newD,
		widget.NewLabel(v.msg.T("ui.phonechange.date")), timing.date,
		timing.works,
		problem,
		widget.NewButtonWithIcon(v.msg.T("ui.phonechange.record"), theme.ConfirmIcon(), record),
	))
}

// recordDeviceChange records event for the device oldID (a new handset
// named newName, recorded if it is not yet, or none; or a reinstall) and
// opens its checklist; it returns why not, translated, when the input is
// wrong (nothing is saved then).
func (v *view) recordDeviceChange(oldID string, event phone.DeviceEvent, newName string, timing timingFields, problem *widget.Label) string {
	now := v.now()
	if oldID == "" {
		return v.msg.T("ui.phonechange.pick_device")
	}
	tr, ok := timing.transition(now)
	if !ok {
		return v.msg.T("ui.phonechange.bad_date")
	}
	var id string
	v.runOp(func(ops *usecase.Service) error {
		res, err := ops.RecordDeviceChange(oldID, event, newName, tr)
		id = res.Change.ID
		return err
	}, v.changeRecorded(&id, v.openDeviceChecklist, problem))
	return ""
}

// openDeviceChecklist opens the checklist of the device change with id.
func (v *view) openDeviceChecklist(id string) {
	openChangeChecklist(v,
		func() *phone.DeviceChange { return changeByID(v.vault.DeviceChanges, id, deviceChangeID) },
		v.deviceChangeTitle,
		v.deviceChecklist)
}

// deviceChecklist is the accounts whose codes still live on c's old device,
// each with a button that ticks it off and moves it to the new device.
func (v *view) deviceChecklist(c phone.DeviceChange) fyne.CanvasObject {
	now := v.now()
	items := phone.DeviceRisk(v.vault.Bindings(), []phone.DeviceChange{c}, now)
	d := map[string]any{"Old": v.phoneDeviceName(c.Old), "Count": len(items), "Done": len(c.Done)}
	box := container.NewVBox(wrapped(v.msg, v.deviceState(c.Transition, now)))
	if len(items) == 0 {
		done := wrapped(v.msg, v.msg.T("ui.phonechange.device_finished", d))
		done.Importance = widget.SuccessImportance
		box.Add(done)
		return container.NewVScroll(box)
	}
	advice := "ui.phonechange.handset_advice"
	switch u, _ := c.OldState(now); {
	case u == phone.UrgencyGone:
		advice = "ui.phonechange.device_advice_gone"
	case c.Event == phone.EventAppReinstall:
		advice = "ui.phonechange.reinstall_advice"
	}
	box.Add(wrapped(v.msg, v.msg.T(advice, d)))
	box.Add(phoneHeading(v.msg.T("ui.phonechange.progress", d)))
	detail := v.msg.T("ui.phonechange.codes_on", d)
	for _, it := range items {
		ask := v.msg.T("ui.phonechange.tick_device", map[string]any{"Label": it.Label})
		box.Add(v.changeChecklistItem(it.AccountID, it.Label, detail, it.NoFallback, ask, func() { v.tickDevice(c.ID, it.AccountID) }))
	}
	return container.NewVScroll(box)
}

// tickDevice ticks account off the device change with changeID: it moves
// from the old device to the new one.
func (v *view) tickDevice(changeID, accountID string) {
	var res usecase.DeviceTickResult
	v.runOp(func(ops *usecase.Service) (err error) {
		res, err = ops.TickDeviceChange(changeID, accountID)
		return err
	}, v.phoneDone(func() string {
		return v.msg.T("ui.phonechange.ticked", map[string]any{"Label": res.Account.Label()})
	}))
}
