package ui

import (
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/recovery"
)

// recoveryKind is how a recovery detail is typed in.
type recoveryKind int

const (
	recoveryLine   recoveryKind = iota // one line
	recoverySecret                     // one line, masked until revealed
	recoveryBlock                      // several lines of free text
	recoveryList                       // one entry per line
)

// recoveryField is one field of recovery.Info on the form.
type recoveryField struct {
	label string // translation key of its label
	hint  string // translation key of its placeholder, or ""
	kind  recoveryKind
	str   func(*recovery.Info) *string   // for every kind but recoveryList
	list  func(*recovery.Info) *[]string // for recoveryList
}

// recoverySection is a group of fields under a heading.
type recoverySection struct {
	title  string // translation key
	fields []recoveryField
}

// recoverySections are every field of recovery.Info, grouped and ordered as
// support reads them; the 2FA methods have their own check boxes after the
// "usage" section's fields. There is no password field, on purpose (see
// recovery.Info).
func recoverySections() []recoverySection {
	return []recoverySection{
		{"ui.recovery.section.account", []recoveryField{
			{label: "ui.recovery.user_number", kind: recoveryLine, str: func(i *recovery.Info) *string { return &i.UserNumber }},
			{label: "ui.recovery.user_name", kind: recoveryLine, str: func(i *recovery.Info) *string { return &i.UserName }},
			{label: "ui.recovery.public_name", kind: recoveryLine, str: func(i *recovery.Info) *string { return &i.PublicName }},
			{label: "ui.recovery.registered", hint: "ui.recovery.registered.hint", kind: recoveryLine, str: func(i *recovery.Info) *string { return &i.Registered }},
			{label: "ui.recovery.account_code", kind: recoverySecret, str: func(i *recovery.Info) *string { return &i.AccountCode }},
			{label: "ui.recovery.owner_code", kind: recoverySecret, str: func(i *recovery.Info) *string { return &i.OwnerCode }},
			{label: "ui.recovery.invitation_keys", hint: "ui.recovery.one_per_line", kind: recoveryList, list: func(i *recovery.Info) *[]string { return &i.InvitationKeys }},
		}},
		{"ui.recovery.section.on_file", []recoveryField{
			{label: "ui.recovery.registered_name", kind: recoveryLine, str: func(i *recovery.Info) *string { return &i.RegisteredName }},
			{label: "ui.recovery.login_email", kind: recoveryLine, str: func(i *recovery.Info) *string { return &i.LoginEmail }},
			{label: "ui.recovery.address", kind: recoveryBlock, str: func(i *recovery.Info) *string { return &i.Address }},
			{label: "ui.recovery.card_digits", hint: "ui.recovery.card_digits.hint", kind: recoveryLine, str: func(i *recovery.Info) *string { return &i.CardLast4 }},
		}},
		{"ui.recovery.section.usage", []recoveryField{
			{label: "ui.recovery.register_providers", hint: "ui.recovery.providers.hint", kind: recoveryList, list: func(i *recovery.Info) *[]string { return &i.RegisterProviders }},
			{label: "ui.recovery.login_providers", hint: "ui.recovery.providers.hint", kind: recoveryList, list: func(i *recovery.Info) *[]string { return &i.LoginProviders }},
		}},
		{"ui.recovery.section.support", []recoveryField{
			{label: "ui.recovery.support_phone", hint: "ui.recovery.support_phone.hint", kind: recoveryLine, str: func(i *recovery.Info) *string { return &i.SupportPhone }},
			{label: "ui.recovery.support_hours", hint: "ui.recovery.support_hours.hint", kind: recoveryLine, str: func(i *recovery.Info) *string { return &i.SupportHours }},
			{label: "ui.recovery.support_url", hint: "ui.recovery.support_url.hint", kind: recoveryLine, str: func(i *recovery.Info) *string { return &i.SupportURL }},
		}},
		{"ui.recovery.section.notes", []recoveryField{
			{label: "ui.recovery.notes", hint: "ui.recovery.notes.hint", kind: recoveryBlock, str: func(i *recovery.Info) *string { return &i.Notes }},
		}},
	}
}

// twoFactorMethods are the 2FA methods with a check box, and their labels.
var recoveryMethods = []struct{ method, label string }{
	{recovery.MethodTOTP, "ui.recovery.method.totp"},
	{recovery.MethodSMS, "ui.recovery.method.sms"},
	{recovery.MethodVoice, "ui.recovery.method.voice"},
	{recovery.MethodEmail, "ui.recovery.method.email"},
	{recovery.MethodBackupCodes, "ui.recovery.method.backup_codes"},
	{recovery.MethodGridCard, "ui.recovery.method.grid_card"},
	{recovery.MethodSecurityKey, "ui.recovery.method.security_key"},
	{recovery.MethodPush, "ui.recovery.method.push"},
}

// recoveryTab is the "Recovery details" tab of account a: a form with every
// field of recovery.Info, what support asks before giving the account back
// when every other way in is lost, and the way to a ready-to-send recovery
// request made from it.
func (v *view) recoveryTab(a *vault.Account) fyne.CanvasObject {
	id := a.ID
	saved := a.Recovery
	var collect []func(*recovery.Info)

	intro := wrapped(v.msg, v.msg.T("ui.recovery.intro"))
	noPassword := wrapped(v.msg, v.msg.T("ui.recovery.no_password"))
	lock := widget.NewIcon(theme.InfoIcon())
	items := []fyne.CanvasObject{intro, container.NewBorder(nil, nil, container.NewVBox(lock), nil, noPassword)}

	for _, s := range recoverySections() {
		head := widget.NewLabelWithStyle(v.msg.T(s.title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		items = append(items, widget.NewSeparator(), head)
		for _, f := range s.fields {
			entry, get := v.recoveryEntry(f, &saved)
			collect = append(collect, get)
			items = append(items, widget.NewLabel(v.msg.T(f.label)), entry)
		}
		if s.title == "ui.recovery.section.usage" {
			methods, get := v.methodChecks(saved.TwoFactorMethods)
			collect = append(collect, get)
			items = append(items, methods)
		}
	}

	form := func() recovery.Info {
		var info recovery.Info
		for _, get := range collect {
			get(&info)
		}
		return info.Clean()
	}
	problem := wrapped(v.msg, "")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	// store validates the form and saves it, then calls next (if any).
	store := func(info recovery.Info, next func()) {
		problem.Hide()
		v.runOp(func(ops *usecase.Service) error {
			_, _, err := ops.SetRecovery(id, func(saved *recovery.Info) { *saved = info })
			return err
		}, func(err error) {
			if err != nil {
				problem.SetText(v.recoveryError(err))
				problem.Show()
				return
			}
			v.flash(v.msg.T("ui.recovery.saved"))
			if next != nil {
				next()
			}
		})
	}
	save := widget.NewButtonWithIcon(v.msg.T("ui.save"), theme.DocumentSaveIcon(), func() { store(form(), nil) })
	save.Importance = widget.HighImportance
	prepare := widget.NewButtonWithIcon(v.msg.T("ui.recovery.prepare"), theme.MailComposeIcon(), func() {
		// The request is made from saved details: save edits first, so
		// that coming back from it finds them.
		info := form()
		if reflect.DeepEqual(info, saved.Clean()) {
			v.openRecoveryRequest(id)
			return
		}
		store(info, func() { v.openRecoveryRequest(id) })
	})
	bar := container.NewVBox(widget.NewSeparator(), problem, container.NewHBox(prepare, layout.NewSpacer(), save))
	return container.NewBorder(nil, bar, nil, nil, container.NewVScroll(container.NewPadded(container.NewVBox(items...))))
}

// recoveryEntry is the entry for field f, filled from info, and the function
// that copies what it holds into an Info.
func (v *view) recoveryEntry(f recoveryField, info *recovery.Info) (fyne.CanvasObject, func(*recovery.Info)) {
	var e *formEntry
	switch f.kind {
	case recoverySecret:
		// Masked until the person taps the eye at its end.
		e = v.newPasswordEntry()
	case recoveryBlock, recoveryList:
		e = v.newMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
	default:
		e = v.newEntry()
	}
	if f.hint != "" {
		e.SetPlaceHolder(v.msg.T(f.hint))
	}
	if f.kind == recoveryList {
		e.SetText(strings.Join(*f.list(info), "\n"))
		return e, func(i *recovery.Info) { *f.list(i) = strings.Split(e.Text, "\n") }
	}
	e.SetText(*f.str(info))
	return e, func(i *recovery.Info) { *f.str(i) = e.Text }
}

// methodChecks are check boxes for the 2FA methods with a name, and an entry
// for others, one per line; the function copies the choice into an Info.
func (v *view) methodChecks(methods []string) (fyne.CanvasObject, func(*recovery.Info)) {
	var labels []string
	byLabel := map[string]string{}
	known := map[string]string{}
	for _, m := range recoveryMethods {
		l := v.msg.T(m.label)
		labels = append(labels, l)
		byLabel[l] = m.method
		known[m.method] = l
	}
	checks := widget.NewCheckGroup(labels, nil)
	var checked, other []string
	for _, m := range methods {
		if l, ok := known[strings.ToLower(m)]; ok {
			checked = append(checked, l)
		} else {
			other = append(other, m)
		}
	}
	checks.SetSelected(checked)
	others := v.newMultiLineEntry()
	others.Wrapping = fyne.TextWrapWord
	others.SetMinRowsVisible(2)
	others.SetPlaceHolder(v.msg.T("ui.recovery.one_per_line"))
	others.SetText(strings.Join(other, "\n"))
	get := func(i *recovery.Info) {
		i.TwoFactorMethods = nil
		for _, l := range labels {
			for _, s := range checks.Selected {
				if s == l {
					i.TwoFactorMethods = append(i.TwoFactorMethods, byLabel[l])
				}
			}
		}
		i.TwoFactorMethods = append(i.TwoFactorMethods, strings.Split(others.Text, "\n")...)
	}
	return container.NewVBox(
		widget.NewLabel(v.msg.T("ui.recovery.methods")), checks,
		widget.NewLabel(v.msg.T("ui.recovery.methods.other")), others,
	), get
}

// recoveryError says why recovery details were refused or not saved.
func (v *view) recoveryError(err error) string {
	return v.opText(err, "ui.recovery.error.save")
}

// openRecoveryRequest opens a page with a recovery request for account id,
// made from its saved details, in Japanese or English (the window's
// language at first), to copy into the service's contact form or an e-mail.
func (v *view) openRecoveryRequest(id string) {
	lang := v.msg.Lang()
	v.openPage(&page{
		title: func() string { return v.msg.T("ui.recovery.request.title") },
		build: func() fyne.CanvasObject {
			a := v.vault.Account(id)
			if a == nil {
				return wrapped(v.msg, usecase.Explain(vault.ErrNotFound).Text(v.msg))
			}
			return v.recoveryRequest(a, &lang)
		},
	})
}

// recoveryRequest is the request page's content for account a in *lang,
// which its language choice changes.
func (v *view) recoveryRequest(a *vault.Account, lang *string) fyne.CanvasObject {
	info := a.Recovery
	label := a.Label()
	text := v.newMultiLineEntry()
	text.Wrapping = fyne.TextWrapWord
	if *lang == assets.LangJapanese {
		text.Wrapping = fyne.TextWrapBreak
	}
	text.SetText(recovery.Request(info, label, *lang))

	names := []string{v.msg.T("ui.recovery.request.ja"), v.msg.T("ui.recovery.request.en")}
	choice := widget.NewRadioGroup(names, nil)
	choice.Horizontal = true
	choice.Required = true
	if *lang == assets.LangJapanese {
		choice.SetSelected(names[0])
	} else {
		choice.SetSelected(names[1])
	}
	choice.OnChanged = func(s string) {
		*lang = assets.LangEnglish
		text.Wrapping = fyne.TextWrapWord
		if s == names[0] {
			*lang = assets.LangJapanese
			text.Wrapping = fyne.TextWrapBreak
		}
		text.SetText(recovery.Request(info, label, *lang))
	}

	top := []fyne.CanvasObject{wrapped(v.msg, v.msg.T("ui.recovery.request.intro"))}
	if info.IsZero() {
		w := wrapped(v.msg, v.msg.T("ui.recovery.request.empty"))
		w.Importance = widget.WarningImportance
		top = append(top, w)
	}
	if c := v.recoveryContact(info); c != "" {
		l := wrapped(v.msg, c)
		l.Selectable = true
		top = append(top, l)
	}
	top = append(top, container.NewHBox(widget.NewLabel(v.msg.T("ui.recovery.request.language")), choice))

	copyBtn := widget.NewButtonWithIcon(v.msg.T("ui.recovery.request.copy"), theme.ContentCopyIcon(), func() {
		// The text may hold account codes: it leaves the clipboard like
		// a code does.
		v.copySecret(text.Text)
		if d := v.clipboardDelay(); d > 0 {
			v.flash(v.msg.T("ui.recovery.request.copied", map[string]any{"Seconds": int(d.Seconds())}))
		} else {
			v.flash(v.msg.T("ui.recovery.request.copied.keep"))
		}
	})
	copyBtn.Importance = widget.HighImportance
	review := wrapped(v.msg, v.msg.T("ui.recovery.request.review"))
	review.Importance = widget.LowImportance
	bottom := container.NewBorder(nil, nil, nil, copyBtn, review)
	return container.NewPadded(container.NewBorder(container.NewVBox(top...), bottom, nil, nil, text))
}

// recoveryContact is the support line, its hours and the support address of
// info in one text, or "" when none is recorded.
func (v *view) recoveryContact(info recovery.Info) string {
	var lines []string
	if info.SupportPhone != "" {
		if info.SupportHours != "" {
			lines = append(lines, v.msg.T("ui.recovery.request.phone_hours", map[string]any{"Phone": info.SupportPhone, "Hours": info.SupportHours}))
		} else {
			lines = append(lines, v.msg.T("ui.recovery.request.phone", map[string]any{"Phone": info.SupportPhone}))
		}
	}
	if info.SupportURL != "" {
		lines = append(lines, v.msg.T("ui.recovery.request.url", map[string]any{"URL": info.SupportURL}))
	}
	return strings.Join(lines, "\n")
}
