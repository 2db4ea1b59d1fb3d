package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
)

// This file is an account's "Phones and devices" tab, and what the phone
// change and readiness pages share with it: how numbers, roles, devices and
// readiness findings read in the person's language.

// phoneSaved is the done function of an operation from the phone screens:
// it flashes ok (when not empty) once saved, and otherwise says why not.
func (v *view) phoneSaved(ok string) func(error) {
	return v.phoneDone(func() string { return ok })
}

// phoneDone is phoneSaved with the message made once the operation is
// done, from its result.
func (v *view) phoneDone(ok func() string) func(error) {
	return func(err error) {
		if err != nil {
			v.showProblem(v.problemText(err))
			return
		}
		if t := ok(); t != "" {
			v.flash(t)
		}
	}
}

// numberText is a stored number as a person reads it: the national form for
// a Japanese number, the international form otherwise.
func numberText(e phone.E164) string { return e.Display(phone.DefaultRegion) }

// phoneRoleName translates a role (usecase.RoleName).
func (v *view) phoneRoleName(r phone.Role) string { return usecase.RoleName(r).Text(v.msg) }

// phoneDeviceKind translates a device kind (usecase.DeviceKindName).
func (v *view) phoneDeviceKind(k phone.DeviceKind) string {
	return usecase.DeviceKindName(k).Text(v.msg)
}

// phoneDeviceName shows a device ID as the device's name.
func (v *view) phoneDeviceName(id string) string {
	for _, d := range v.vault.Devices {
		if d.ID == id {
			return d.Name
		}
	}
	return id
}

// phoneWarning is a message with a warning icon before it.
func phoneWarning(msg *assets.Catalog, text string) fyne.CanvasObject {
	l := wrapped(msg, text)
	l.Importance = widget.WarningImportance
	return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, l)
}

// phoneHeading is a section title.
func phoneHeading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// confirmPhoneRemoval asks before something is removed; yes runs on
// confirmation.
func (v *view) confirmPhoneRemoval(title, message, action string, yes func()) {
	v.confirmPhoneAction(title, message, action, widget.DangerImportance, yes)
}

// confirmPhoneAction asks before action; yes runs on confirmation. The
// message wraps as the language needs (Fyne's own confirm dialog does not
// break Japanese lines).
func (v *view) confirmPhoneAction(title, message, action string, importance widget.Importance, yes func()) {
	d := dialog.NewCustomConfirm(title, action, v.msg.T("ui.cancel"), wrapped(v.msg, message), func(ok bool) {
		if ok {
			yes()
		}
	}, v.win)
	d.SetConfirmImportance(importance)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
}

// openAccountOnTab opens the page of the account with id on the tab whose
// title is key (such as "ui.tab.phones"), or on its first tab when that tab
// is not shown.
func (v *view) openAccountOnTab(id, key string) {
	v.openAccount(id)
	a := v.vault.Account(id)
	if a == nil || len(v.pages) == 0 {
		return
	}
	shown := 0
	for _, t := range accountTabs() {
		if t.build(v, a) == nil {
			continue
		}
		if t.key == key {
			v.pages[len(v.pages)-1].tab = shown
			v.showPage()
			return
		}
		shown++
	}
}

// phonesTab is an account's phone numbers and devices: what its codes are
// sent to or live on, with the warnings that apply to this account.
func (v *view) phonesTab(a *vault.Account) fyne.CanvasObject {
	id := a.ID
	box := container.NewVBox()
	for _, f := range usecase.Findings(phone.Readiness(v.vault.Bindings())) {
		if f.AccountID == id {
			box.Add(phoneWarning(v.msg, v.message(f.Message)))
		}
	}
	for _, it := range phone.Risk(v.vault.Bindings(), v.vault.PhoneChanges, v.now()) {
		if it.AccountID == id {
			box.Add(v.pendingLine(v.msg.T("ui.phones.pending_change", map[string]any{"Old": numberText(it.Old)}),
				func() { v.openNumberChecklist(it.ChangeID) }))
		}
	}
	for _, it := range phone.DeviceRisk(v.vault.Bindings(), v.vault.DeviceChanges, v.now()) {
		if it.AccountID == id {
			box.Add(v.pendingLine(v.msg.T("ui.phones.pending_device_change", map[string]any{"Old": v.phoneDeviceName(it.Old)}),
				func() { v.openDeviceChecklist(it.ChangeID) }))
		}
	}
	box.Add(phoneHeading(v.msg.T("ui.phones.numbers")))
	box.Add(v.numbersList(a))
	box.Add(v.bindNumberForm(id))
	box.Add(widget.NewSeparator())
	box.Add(phoneHeading(v.msg.T("ui.phones.devices")))
	box.Add(v.devicesList(a))
	box.Add(v.bindDeviceForm(a))
	box.Add(v.newDeviceForm(id))
	needsTwo := widget.NewCheck(v.msg.T("ui.phones.needs_two"), nil)
	needsTwo.SetChecked(a.NeedsTwoDevices)
	needsTwo.OnChanged = func(on bool) { v.setNeedsTwoDevices(id, on) }
	box.Add(needsTwo)
	box.Add(wrapped(v.msg, v.msg.T("ui.phones.needs_two_help")))
	return container.NewVScroll(box)
}

// pendingLine says an account is still on a change's checklist, with a
// button to that checklist.
func (v *view) pendingLine(text string, open func()) fyne.CanvasObject {
	btn := widget.NewButtonWithIcon(v.msg.T("ui.phones.open_checklist"), theme.NavigateNextIcon(), open)
	return container.NewBorder(nil, nil, nil, btn, phoneWarning(v.msg, text))
}

// numbersList shows the account's bindings, one a line, each with its
// warnings and a button that removes it.
func (v *view) numbersList(a *vault.Account) fyne.CanvasObject {
	if len(a.Phones) == 0 {
		return wrapped(v.msg, v.msg.T("ui.phones.no_numbers"))
	}
	id := a.ID
	list := container.NewVBox()
	for _, b := range a.Phones {
		text := v.msg.T("ui.phones.binding", map[string]any{"Number": numberText(b.Number), "Role": v.phoneRoleName(b.Role)})
		remove := widget.NewButtonWithIcon(v.msg.T("ui.phones.unbind"), theme.DeleteIcon(), func() {
			v.confirmPhoneRemoval(v.msg.T("ui.phones.unbind_title"), v.msg.T("ui.phones.unbind_confirm", map[string]any{
				"Number": numberText(b.Number), "Role": v.phoneRoleName(b.Role), "Label": a.Label(),
			}), v.msg.T("ui.phones.unbind"), func() { v.unbindNumber(id, b) })
		})
		lines := container.NewVBox(wrapped(v.msg, text))
		n, err := b.Number.Number()
		switch {
		case err != nil:
			lines.Add(phoneWarning(v.msg, v.msg.T("ui.phones.warn.invalid")))
		case n.VoIP():
			lines.Add(phoneWarning(v.msg, v.msg.T("ui.phones.warn.voip")))
		case (b.Role == phone.RoleSMS || b.Role == phone.RoleBackup) && n.SMSUnsuitable():
			lines.Add(phoneWarning(v.msg, v.msg.T("ui.phones.warn.sms_unsuitable")))
		}
		list.Add(container.NewBorder(nil, nil, nil, container.NewVBox(remove), lines))
	}
	return list
}

// bindNumberForm is the entry and role that bind a number to the account.
func (v *view) bindNumberForm(id string) fyne.CanvasObject {
	entry := v.newEntry()
	entry.SetPlaceHolder(v.msg.T("ui.phones.number_placeholder"))
	roles := make([]string, len(phone.Roles))
	for i, r := range phone.Roles {
		roles[i] = v.phoneRoleName(r)
	}
	role := widget.NewSelect(roles, nil)
	role.SetSelectedIndex(0)
	problem := wrapped(v.msg, "")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	bind := func() {
		r := phone.Roles[max(role.SelectedIndex(), 0)]
		if msg := v.bindNumber(id, entry.Text, r); msg != "" {
			problem.SetText(msg)
			problem.Show()
			return
		}
		problem.Hide()
	}
	entry.OnSubmitted = func(string) { bind() }
	btn := widget.NewButtonWithIcon(v.msg.T("ui.phones.bind"), theme.ContentAddIcon(), bind)
	return container.NewVBox(
		widget.NewLabel(v.msg.T("ui.phones.bind_label")),
		entry,
		container.NewBorder(nil, nil, nil, btn, role),
		problem,
	)
}

// bindNumber binds the number typed to account id in role r and saves; it
// returns why not, translated, when the number is not valid (nothing is
// saved then).
func (v *view) bindNumber(id, typed string, r phone.Role) string {
	n, err := phone.Parse(typed, phone.DefaultRegion)
	if err != nil {
		if strings.TrimSpace(typed) == "" {
			return v.msg.T("ui.phones.number_empty")
		}
		return v.msg.T("ui.phones.number_invalid")
	}
	d := map[string]any{"Number": n.Display(phone.DefaultRegion), "Role": v.phoneRoleName(r)}
	var res usecase.BindPhoneResult
	v.runOp(func(ops *usecase.Service) (err error) {
		res, err = ops.BindPhone(id, n, r)
		return err
	}, v.phoneDone(func() string {
		switch {
		case !res.Added:
			return v.msg.T("ui.phones.already_bound", d)
		case res.Warning != "":
			return v.msg.T("ui.phones.bound_warning", d)
		}
		return v.msg.T("ui.phones.bound", d)
	}))
	return ""
}

// unbindNumber removes binding b from account id.
func (v *view) unbindNumber(id string, b phone.Binding) {
	v.runOp(func(ops *usecase.Service) error {
		_, err := ops.UnbindPhone(id, b.Number, b.Role)
		return err
	}, v.phoneSaved(v.msg.T("ui.phones.unbound", map[string]any{"Number": numberText(b.Number)})))
}

// devicesList shows the devices the account's codes live on, each with a
// button that unbinds it.
func (v *view) devicesList(a *vault.Account) fyne.CanvasObject {
	if len(a.Devices) == 0 {
		return wrapped(v.msg, v.msg.T("ui.phones.no_devices"))
	}
	id := a.ID
	list := container.NewVBox()
	for _, devID := range a.Devices {
		text := v.phoneDeviceName(devID)
		for _, d := range v.vault.Devices {
			if d.ID == devID {
				text = v.msg.T("ui.phones.device", map[string]any{"Name": d.Name, "Kind": v.phoneDeviceKindOf(d)})
			}
		}
		name := v.phoneDeviceName(devID)
		remove := widget.NewButtonWithIcon(v.msg.T("ui.phones.device_unbind"), theme.DeleteIcon(), func() {
			v.confirmPhoneRemoval(v.msg.T("ui.phones.device_unbind_title"), v.msg.T("ui.phones.device_unbind_confirm", map[string]any{
				"Device": name, "Label": a.Label(),
			}), v.msg.T("ui.phones.device_unbind"), func() { v.setDeviceBound(id, devID, false) })
		})
		list.Add(container.NewBorder(nil, nil, nil, container.NewVBox(remove), wrapped(v.msg, text)))
	}
	return list
}

// bindDeviceForm offers the recorded devices the account is not bound to.
func (v *view) bindDeviceForm(a *vault.Account) fyne.CanvasObject {
	var ids, names []string
	for _, d := range v.vault.Devices {
		if !slices.Contains(a.Devices, d.ID) {
			ids = append(ids, d.ID)
			names = append(names, d.Name)
		}
	}
	if len(ids) == 0 {
		return container.NewVBox()
	}
	id := a.ID
	pick := widget.NewSelect(names, nil)
	pick.PlaceHolder = v.msg.T("ui.phones.device_pick")
	btn := widget.NewButtonWithIcon(v.msg.T("ui.phones.device_bind"), theme.ContentAddIcon(), func() {
		if i := pick.SelectedIndex(); i >= 0 {
			v.setDeviceBound(id, ids[i], true)
		}
	})
	return container.NewVBox(
		widget.NewLabel(v.msg.T("ui.phones.device_bind_label")),
		container.NewBorder(nil, nil, nil, btn, pick),
	)
}

// setDeviceBound binds (or unbinds) device devID to account id.
func (v *view) setDeviceBound(id, devID string, bound bool) {
	d := map[string]any{"Device": v.phoneDeviceName(devID)}
	ok := v.msg.T("ui.phones.device_bound", d)
	op := (*usecase.Service).BindDevice
	if !bound {
		ok, op = v.msg.T("ui.phones.device_unbound", d), (*usecase.Service).UnbindDevice
	}
	v.runOp(func(ops *usecase.Service) error {
		_, err := op(ops, id, devID)
		return err
	}, v.phoneSaved(ok))
}

// phoneDeviceKinds are the device kinds a form offers, in order.
func phoneDeviceKinds() []phone.DeviceKind {
	return []phone.DeviceKind{phone.DeviceHandset, phone.DeviceAuthenticator}
}

// phoneDeviceKindOf translates a device's kind, with the handset an
// authenticator app runs on.
func (v *view) phoneDeviceKindOf(d phone.Device) string {
	if d.Host != "" {
		return v.msg.T("ui.phones.device_app_on", map[string]any{"Handset": v.phoneDeviceName(d.Host)})
	}
	return v.phoneDeviceKind(d.Kind)
}

// newDeviceForm records a new device and binds it to the account. For an
// authenticator app, the person picks the recorded handset it runs on.
func (v *view) newDeviceForm(id string) fyne.CanvasObject {
	name := v.newEntry()
	name.SetPlaceHolder(v.msg.T("ui.phones.device_name_placeholder"))
	kinds := phoneDeviceKinds()
	kindNames := make([]string, len(kinds))
	for i, k := range kinds {
		kindNames[i] = v.phoneDeviceKind(k)
	}
	hostIDs := []string{""}
	hostNames := []string{v.msg.T("ui.phones.device_host_none")}
	for _, d := range v.vault.Devices {
		if d.Kind == phone.DeviceHandset {
			hostIDs = append(hostIDs, d.ID)
			hostNames = append(hostNames, d.Name)
		}
	}
	host := widget.NewSelect(hostNames, nil)
	host.SetSelectedIndex(0)
	hostRow := container.NewVBox(
		widget.NewLabel(v.msg.T("ui.phones.device_host_label")),
		host,
		wrapped(v.msg, v.msg.T("ui.phones.device_host_help")),
	)
	// Each part is hidden, not the box, so that nothing hidden is read
	// out or found.
	showHost := func(on bool) {
		for _, o := range hostRow.Objects {
			if on {
				o.Show()
			} else {
				o.Hide()
			}
		}
	}
	showHost(false)
	var kind *widget.Select
	kind = widget.NewSelect(kindNames, func(string) {
		showHost(kinds[max(kind.SelectedIndex(), 0)] == phone.DeviceAuthenticator && len(hostIDs) > 1)
	})
	kind.SetSelectedIndex(0)
	add := func() {
		k, h := kinds[max(kind.SelectedIndex(), 0)], ""
		if k == phone.DeviceAuthenticator {
			h = hostIDs[max(host.SelectedIndex(), 0)]
		}
		v.addPhoneDevice(id, name.Text, k, h)
	}
	name.OnSubmitted = func(string) { add() }
	btn := widget.NewButtonWithIcon(v.msg.T("ui.phones.device_add"), theme.ContentAddIcon(), add)
	return container.NewVBox(
		widget.NewLabel(v.msg.T("ui.phones.device_add_label")),
		name,
		container.NewBorder(nil, nil, nil, btn, kind),
		hostRow,
	)
}

// addPhoneDevice records a new device called name and binds it to account
// id; host is the handset an authenticator app runs on ("" for none).
func (v *view) addPhoneDevice(id, name string, kind phone.DeviceKind, host string) {
	var res usecase.AddDeviceResult
	v.runOp(func(ops *usecase.Service) (err error) {
		res, err = ops.AddDevice(usecase.NewDevice{Name: name, Kind: kind, Host: host, Account: id})
		return err
	}, v.phoneDone(func() string {
		return v.msg.T("ui.phones.device_added", map[string]any{"Name": res.Device.Name})
	}))
}

// setNeedsTwoDevices records whether the service wants two registered
// devices.
func (v *view) setNeedsTwoDevices(id string, on bool) {
	if a := v.vault.Account(id); a == nil || a.NeedsTwoDevices == on {
		return
	}
	v.runOp(func(ops *usecase.Service) error {
		_, _, err := ops.SetNeedsTwoDevices(id, on)
		return err
	}, v.phoneSaved(""))
}
