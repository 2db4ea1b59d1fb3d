package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
)

// accountTab is the first tab of an account's page: who the account is
// with, its tags, how its codes are made and the live code; the secret,
// hidden until the person asks for it; Edit and Delete.
//
// The secret is shown only while this build of the page is up: a save, a
// language switch, leaving the page or locking hides it again.
func (v *view) accountTab(a *vault.Account) fyne.CanvasObject {
	id := a.ID
	acct := *a
	form := container.New(layout.NewFormLayout())
	row := func(key string, value fyne.CanvasObject) {
		l := widget.NewLabelWithStyle(v.msg.T(key), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		form.Add(l)
		form.Add(value)
	}
	text := func(s string) *widget.Label {
		l := wrapped(v.msg, s)
		l.Selectable = true
		return l
	}

	if acct.Issuer != "" {
		row("ui.account.issuer", text(acct.Issuer))
	}
	name := text(acct.Name)
	copyName := widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() {
		v.app.Clipboard().SetContent(acct.Name)
		v.flash(v.msg.T("ui.account.name_copied"))
	})
	copyName.Importance = widget.LowImportance
	if acct.Name == "" {
		copyName.Disable()
	}
	row("ui.account.name", container.NewBorder(nil, nil, nil, container.NewCenter(copyName), name))
	tags := v.msg.T("ui.account.no_tags")
	if len(acct.Tags) > 0 {
		tags = strings.Join(acct.Tags, ", ")
	}
	row("ui.account.tags", text(tags))

	var code fyne.CanvasObject
	if acct.HasOTP() {
		k := acct.OTP
		row("ui.account.type", widget.NewLabel(typeLabel(v, k.Type)))
		row("ui.account.algorithm", widget.NewLabel(string(k.Algorithm)))
		row("ui.account.digits", widget.NewLabel(strconv.Itoa(k.Digits)))
		if k.Type == otp.HOTP {
			counter := widget.NewLabel(strconv.FormatUint(k.Counter, 10))
			v.onTick(func() {
				if c := v.listedAccount(id); c != nil {
					counter.SetText(strconv.FormatUint(c.OTP.Counter, 10))
				}
			})
			row("ui.account.counter", counter)
		} else {
			row("ui.account.period", widget.NewLabel(v.msg.T("ui.seconds", map[string]any{"Seconds": k.Period})))
		}
		row("ui.account.secret", v.secretField(acct))
		code = v.codeBox(id)
	} else {
		none := wrapped(v.msg, v.msg.T("ui.account.no_otp"))
		none.Importance = widget.LowImportance
		code = none
	}
	row("ui.account.created", widget.NewLabel(dateTime(acct.Created)))
	row("ui.account.updated", widget.NewLabel(dateTime(acct.Updated)))
	row("ui.account.service", v.serviceRow(acct))

	edit := widget.NewButtonWithIcon(v.msg.T("ui.account.edit"), theme.DocumentCreateIcon(), func() { v.showEdit(id) })
	del := widget.NewButtonWithIcon(v.msg.T("ui.account.delete"), theme.DeleteIcon(), func() { v.confirmDelete(id) })
	del.Importance = widget.DangerImportance
	// The details scroll; Edit and Delete stay in view under them.
	buttons := container.NewVBox(widget.NewSeparator(), container.NewHBox(edit, layout.NewSpacer(), del))
	details := container.NewVScroll(container.NewPadded(container.NewVBox(code, widget.NewSeparator(), form)))
	return container.NewBorder(nil, buttons, nil, nil, details)
}

// listedAccount is the account with id as the list has it, which follows
// HOTP counter steps at once; nil when it is gone.
func (v *view) listedAccount(id string) *vault.Account {
	for i := range v.accounts {
		if v.accounts[i].ID == id {
			return &v.accounts[i]
		}
	}
	return nil
}

// codeBox is the live code of the account with id, large, with its
// countdown and a copy button; for HOTP, the code is shown on request.
func (v *view) codeBox(id string) fyne.CanvasObject {
	digits := canvas.NewText("", theme.Color(theme.ColorNamePrimary))
	digits.TextStyle = fyne.TextStyle{Monospace: true}
	digits.TextSize = theme.TextSize() * 2.5
	left := widget.NewLabel("")
	var current string
	copyBtn := widget.NewButtonWithIcon(v.msg.T("ui.account.copy_code"), theme.ContentCopyIcon(), func() {
		if a := v.listedAccount(id); a != nil {
			v.copyCode(*a, current)
		}
	})
	next := widget.NewButtonWithIcon(v.msg.T("ui.hotp.show"), theme.ViewRefreshIcon(), func() { v.nextHOTP(id) })
	next.Hide()
	update := func() {
		a := v.listedAccount(id)
		if a == nil {
			return
		}
		now := v.now()
		text, col := "", theme.Color(theme.ColorNamePrimary)
		current = ""
		left.SetText("")
		switch {
		case a.OTP.Type == otp.HOTP:
			next.Show()
			if v.busy[id] {
				next.Disable()
			} else {
				next.Enable()
			}
			if h, ok := v.hotp[id]; ok {
				current, text = h.code, groupCode(h.code)
			} else {
				text, col = hiddenCode(a.OTP.Digits), theme.Color(theme.ColorNameDisabled)
			}
		default:
			c, err := a.Code(now)
			if err != nil {
				text, col = v.msg.T("ui.code.error"), theme.Color(theme.ColorNameError)
				break
			}
			current, text = c, groupCode(c)
			secs := secondsLeft(a.CodeRemaining(now))
			left.SetText(v.msg.T("ui.seconds", map[string]any{"Seconds": secs}))
			if secs <= urgentBelow {
				col = theme.Color(theme.ColorNameError)
			}
		}
		digits.Text, digits.Color = text, col
		digits.Refresh()
		if current == "" {
			copyBtn.Disable()
		} else {
			copyBtn.Enable()
		}
	}
	box := container.NewHBox(container.NewCenter(digits), container.NewCenter(left), layout.NewSpacer(),
		container.NewCenter(next), container.NewCenter(copyBtn))
	update()
	v.onTick(func() {
		update()
		// The countdown's width changes ("9 s", "30 s"): lay the box out
		// again so that it is drawn whole.
		box.Refresh()
	})
	return box
}

// secretField is the account's secret: dots until Reveal, then the Base32
// secret in groups of four; Copy puts it on the clipboard, which is cleared
// after the delay of Settings, like a code.
func (v *view) secretField(a vault.Account) fyne.CanvasObject {
	secret := widget.NewLabel(hiddenSecret)
	secret.TextStyle = fyne.TextStyle{Monospace: true}
	secret.Wrapping = fyne.TextWrapBreak
	copyBtn := widget.NewButtonWithIcon(v.msg.T("ui.account.copy_secret"), theme.ContentCopyIcon(), func() {
		v.copySecret(a.OTP.Secret)
		if d := v.clipboardDelay(); d > 0 {
			v.flash(v.msg.T("ui.account.secret_copied", map[string]any{"Seconds": int(d.Seconds())}))
		} else {
			v.flash(v.msg.T("ui.account.secret_copied.keep"))
		}
	})
	copyBtn.Disable()
	var reveal *widget.Button
	field := container.NewVBox(secret)
	reveal = widget.NewButtonWithIcon(v.msg.T("ui.account.reveal"), theme.VisibilityIcon(), func() {
		if secret.Text == hiddenSecret {
			v.touch()
			secret.SetText(groupSecret(a.OTP.Secret))
			reveal.SetText(v.msg.T("ui.account.hide"))
			reveal.SetIcon(theme.VisibilityOffIcon())
			copyBtn.Enable()
		} else {
			secret.SetText(hiddenSecret)
			reveal.SetText(v.msg.T("ui.account.reveal"))
			reveal.SetIcon(theme.VisibilityIcon())
			copyBtn.Disable()
		}
		// A wrapping label lays new text out only when its container
		// does: without this, the old text stays on screen.
		field.Refresh()
	})
	field.Add(container.NewHBox(reveal, copyBtn))
	return field
}

// hiddenSecret stands for a secret not revealed.
const hiddenSecret = "•••• •••• •••• ••••"

// groupSecret splits a Base32 secret in groups of four for reading.
func groupSecret(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// typeLabel names an OTP type in v's language.
func typeLabel(v *view, t otp.Type) string {
	switch t {
	case otp.TOTP:
		return v.msg.T("ui.account.type.totp")
	case otp.HOTP:
		return v.msg.T("ui.account.type.hotp")
	case otp.Steam:
		return v.msg.T("ui.account.type.steam")
	}
	return string(t)
}

// dateTime formats a moment for a person: local date and time to the minute.
func dateTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// editForm is the edit dialog's fields.
type editForm struct {
	issuer, name, tags *formEntry
	pinned             *widget.Check
	problem            *widget.Label
	dialog             *dialog.ConfirmDialog
}

// details is what the form says.
func (f *editForm) details() vault.Details {
	return vault.Details{Issuer: f.issuer.Text, Name: f.name.Text, Tags: vault.ParseTags(f.tags.Text), Pinned: f.pinned.Checked}
}

// showEdit opens the edit dialog of the account with id: issuer, name, tags
// and pinned, checked on submit. Bad input is explained in the dialog and
// changes nothing.
func (v *view) showEdit(id string) {
	if v.vault == nil {
		return
	}
	a := v.vault.Account(id)
	if a == nil {
		return
	}
	f := &editForm{issuer: v.newEntry(), name: v.newEntry(), tags: v.newEntry()}
	f.issuer.SetText(a.Issuer)
	f.name.SetText(a.Name)
	f.tags.SetText(strings.Join(a.Tags, ", "))
	f.tags.SetPlaceHolder(v.msg.T("ui.account.tags.hint"))
	f.pinned = widget.NewCheck(v.msg.T("ui.account.pinned"), nil)
	f.pinned.SetChecked(a.Pinned)
	f.problem = wrapped(v.msg, "")
	f.problem.Importance = widget.DangerImportance
	f.problem.Hide()
	note := wrapped(v.msg, v.msg.T("ui.account.tags.note"))
	note.Importance = widget.LowImportance
	content := container.NewVBox(
		widget.NewForm(
			widget.NewFormItem(v.msg.T("ui.account.issuer"), f.issuer),
			widget.NewFormItem(v.msg.T("ui.account.name"), f.name),
			widget.NewFormItem(v.msg.T("ui.account.tags"), f.tags),
		),
		note, f.pinned, f.problem,
	)
	f.dialog = dialog.NewCustomConfirm(v.msg.T("ui.account.edit.title"), v.msg.T("ui.save"), v.msg.T("ui.cancel"), content, func(ok bool) {
		if ok {
			v.submitEdit(id, f)
		}
	}, v.win)
	for _, e := range []*formEntry{f.issuer, f.name, f.tags} {
		e.OnSubmitted = func(string) { f.dialog.Confirm() }
	}
	v.editForm = f
	f.dialog.Resize(fyne.NewSize(460, f.dialog.MinSize().Height))
	f.dialog.Show()
}

// submitEdit saves the edit form; a problem with what was typed shows in
// the dialog, shown again, and nothing is saved.
func (v *view) submitEdit(id string, f *editForm) {
	var r usecase.Changed
	v.run(func(s *usecase.Service) (*vault.Vault, error) {
		var err error
		r, err = s.EditAccount(id, f.details())
		return r.Vault, err
	}, func(err error) {
		switch {
		case errors.Is(err, vault.ErrNameRequired), errors.Is(err, vault.ErrTagTooLong), errors.Is(err, vault.ErrTooManyTags):
			f.problem.SetText(v.editError(err))
			f.problem.Show()
			f.dialog.Show()
		case err != nil:
			v.showProblem(v.editError(err))
		case !r.Changed:
			v.flash(v.msg.T("ui.account.unchanged"))
		default:
			v.flash(v.msg.T("ui.account.saved", map[string]any{"Label": r.Account.Label()}))
		}
	})
}

// editError is what a person reads about an edit that failed.
func (v *view) editError(err error) string { return v.explain(err, "ui.account.error.save") }

// confirmDelete asks before deleting the account with id; once deleted, the
// list shows again with Undo.
func (v *view) confirmDelete(id string) {
	if v.vault == nil {
		return
	}
	a := v.vault.Account(id)
	if a == nil {
		return
	}
	msg := wrapped(v.msg, v.msg.T("ui.account.delete.confirm", map[string]any{"Label": a.Label()}))
	d := dialog.NewCustomConfirm(v.msg.T("ui.account.delete.title"), v.msg.T("ui.account.delete"), v.msg.T("ui.cancel"), msg, func(ok bool) {
		if !ok || v.vault == nil {
			return
		}
		v.closePages()
		v.show(v.vault, nil)
		v.deleteAccount(id)
	}, v.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
}
