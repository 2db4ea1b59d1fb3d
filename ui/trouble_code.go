package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/trouble"
)

// Preference keys of the clock check. Asking a time server tells it this
// computer's IP address, so it is off until the person allows it.
const (
	prefNTPAllowed = "trouble.ntp_allowed" // false unless the person allows it
	prefNTPServer  = "trouble.ntp_server"  // the server to ask
)

// defaultNTPServer is the server offered until the person names another.
const defaultNTPServer = "pool.ntp.org"

// troubleCodeTool is the "code is rejected" flow's tool: the codes around now, the
// account's time offset, the clock check, and whether a backup code was
// used.
func (v *view) troubleCodeTool(a *vault.Account) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	if a.OTP.Type == otp.TOTP || a.OTP.Type == otp.Steam {
		out = append(out, v.troubleCodes(a)...)
		out = append(out, widget.NewSeparator())
		out = append(out, v.troubleOffset(a)...)
		out = append(out, widget.NewSeparator())
		out = append(out, v.troubleClockCheck(a)...)
	}
	if !a.Backup.IsZero() {
		if len(out) > 0 {
			out = append(out, widget.NewSeparator())
		}
		out = append(out, v.troubleBackupCheck(a)...)
	}
	return out
}

// troubleCodes shows the previous, current and next codes at the account's
// offset, live.
func (v *view) troubleCodes(a *vault.Account) []fyne.CanvasObject {
	key, offset := a.OTP, a.ClockOffset
	big := func() *canvas.Text {
		t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		t.TextStyle = fyne.TextStyle{Monospace: true}
		t.TextSize = theme.TextSize() * 1.4
		t.Alignment = fyne.TextAlignCenter
		return t
	}
	prev, cur, next := big(), big(), big()
	cur.Color = theme.Color(theme.ColorNamePrimary)
	cur.TextSize = theme.TextSize() * 2
	left := widget.NewLabel("")
	left.Alignment = fyne.TextAlignCenter
	update := func() {
		w, err := trouble.Codes(key, v.now(), offset)
		if err != nil {
			prev.Text, cur.Text, next.Text = "", v.msg.T("ui.code.error"), ""
		} else {
			p := w.Previous
			if p == "" {
				p = "-"
			}
			prev.Text, cur.Text, next.Text = groupCode(p), groupCode(w.Current), groupCode(w.Next)
			left.SetText(v.msg.T("ui.seconds", map[string]any{"Seconds": secondsLeft(w.Left)}))
		}
		prev.Refresh()
		cur.Refresh()
		next.Refresh()
	}
	update()
	v.onTick(update)
	col := func(label string, t *canvas.Text) fyne.CanvasObject {
		l := widget.NewLabel(label)
		l.Alignment = fyne.TextAlignCenter
		l.Importance = widget.LowImportance
		return container.NewVBox(l, container.NewCenter(t))
	}
	return []fyne.CanvasObject{
		troubleHeading(v.msg.T("ui.trouble.codes.title")),
		wrapped(v.msg, v.msg.T("ui.trouble.codes.help")),
		container.NewGridWithColumns(3,
			col(v.msg.T("ui.trouble.codes.previous"), prev),
			col(v.msg.T("ui.trouble.codes.current"), cur),
			col(v.msg.T("ui.trouble.codes.next"), next)),
		left,
	}
}

// troubleOffset shows and sets the account's time offset.
func (v *view) troubleOffset(a *vault.Account) []fyne.CanvasObject {
	id := a.ID
	var now *widget.Label
	if a.ClockOffset == 0 {
		now = wrapped(v.msg, v.msg.T("ui.trouble.offset.none"))
	} else {
		now = wrapped(v.msg, v.msg.T("ui.trouble.offset.set", map[string]any{"Seconds": offsetText(a.ClockOffset)}))
		now.Importance = widget.WarningImportance
	}
	entry := v.newEntry()
	entry.SetPlaceHolder(v.msg.T("ui.trouble.offset.placeholder"))
	set := func() {
		n, err := trouble.ParseOffset(entry.Text)
		if err != nil {
			v.showProblem(v.msg.T("ui.trouble.offset.bad", map[string]any{"Max": trouble.MaxClockOffset}))
			return
		}
		v.troubleSetOffset(id, n)
	}
	entry.OnSubmitted = func(string) { set() }
	items := []fyne.CanvasObject{
		troubleHeading(v.msg.T("ui.trouble.offset.title")),
		now,
		wrapped(v.msg, v.msg.T("ui.trouble.offset.help")),
		container.NewBorder(nil, nil, nil, widget.NewButton(v.msg.T("ui.trouble.offset.apply"), set), entry),
	}
	if a.ClockOffset != 0 {
		items = append(items, container.NewHBox(widget.NewButtonWithIcon(v.msg.T("ui.trouble.offset.reset"), theme.ContentUndoIcon(), func() { v.troubleSetOffset(id, 0) })))
	}
	return items
}

// troubleSetOffset saves account id's time offset.
func (v *view) troubleSetOffset(id string, seconds int) {
	if err := trouble.ValidateOffset(seconds); err != nil {
		v.showProblem(v.msg.T("ui.trouble.offset.bad", map[string]any{"Max": trouble.MaxClockOffset}))
		return
	}
	v.runOp(func(s *usecase.Service) error {
		_, err := s.ChangeSettings(id, usecase.Settings{ClockOffset: &seconds})
		return err
	}, v.troubleSaved("ui.trouble.offset.saved"))
}

// troubleClockCheck compares this computer's clock with a time server, once the
// person has allowed it (a preference, off by default).
func (v *view) troubleClockCheck(a *vault.Account) []fyne.CanvasObject {
	id, offset := a.ID, a.ClockOffset
	st := v.troubleUI()
	server := v.newEntry()
	server.SetText(v.prefs.StringWithFallback(prefNTPServer, defaultNTPServer))
	server.OnChanged = func(s string) { v.prefs.SetString(prefNTPServer, strings.TrimSpace(s)) }
	result := container.NewVBox()
	check := widget.NewButtonWithIcon(v.msg.T("ui.trouble.clock.check"), theme.ViewRefreshIcon(), nil)
	check.OnTapped = func() {
		name := strings.TrimSpace(server.Text)
		if name == "" {
			v.showProblem(v.msg.T("ui.trouble.clock.no_server"))
			return
		}
		check.Disable()
		result.Objects = []fyne.CanvasObject{wrapped(v.msg, v.msg.T("ui.trouble.clock.asking", map[string]any{"Server": name}))}
		result.Refresh()
		v.relayoutTrouble()
		asked := v.now()
		v.async(func() {
			c, err := trouble.CheckClock(name, trouble.ClockOptions{Now: v.now})
			fyne.Do(func() {
				st.clock = &ntpAnswer{server: name, check: c, err: err, at: asked}
				if len(v.pages) > 0 {
					v.showPage()
				}
			})
		})
	}
	allowed := v.prefs.Bool(prefNTPAllowed)
	if !allowed {
		check.Disable()
		server.Disable()
	}
	allow := widget.NewCheck(v.msg.T("ui.trouble.clock.allow"), func(on bool) {
		v.prefs.SetBool(prefNTPAllowed, on)
		if !on {
			// What a server said is not shown once asking is no longer allowed.
			st.clock = nil
			result.Objects = nil
			result.Refresh()
			v.relayoutTrouble()
		}
		if on {
			check.Enable()
			server.Enable()
		} else {
			check.Disable()
			server.Disable()
		}
	})
	allow.SetChecked(allowed)
	if allowed && st.clock != nil {
		result.Objects = v.troubleClockAnswer(id, offset, st.clock)
	}
	return []fyne.CanvasObject{
		troubleHeading(v.msg.T("ui.trouble.clock.title")),
		wrapped(v.msg, v.msg.T("ui.trouble.clock.privacy")),
		allow,
		container.NewBorder(nil, nil, widget.NewLabel(v.msg.T("ui.trouble.clock.server")), check, server),
		result,
	}
}

// troubleClockAnswer says what the last clock check found, and offers the offset
// that would make the account's codes right.
func (v *view) troubleClockAnswer(id string, offset int, r *ntpAnswer) []fyne.CanvasObject {
	if r.err != nil {
		l := wrapped(v.msg, v.msg.T("ui.trouble.clock.failed", map[string]any{"Server": r.server, "Error": r.err.Error()}))
		l.Importance = widget.DangerImportance
		return []fyne.CanvasObject{l}
	}
	c := r.check
	data := map[string]any{
		"Server":  r.server,
		"Seconds": fmt.Sprintf("%.1f", c.Offset.Abs().Seconds()),
		"When":    v.troubleWhen(r.at),
	}
	key := "ui.trouble.clock.ahead"
	if c.Offset > 0 {
		key = "ui.trouble.clock.behind"
	}
	out := []fyne.CanvasObject{wrapped(v.msg, v.msg.T(key, data))}
	var verdict *widget.Label
	switch trouble.AssessOffset(c.Offset) {
	case trouble.SkewFine:
		verdict = wrapped(v.msg, v.msg.T("ui.trouble.clock.fine"))
		verdict.Importance = widget.SuccessImportance
	case trouble.SkewRisky:
		verdict = wrapped(v.msg, v.msg.T("ui.trouble.clock.risky"))
		verdict.Importance = widget.WarningImportance
	default:
		verdict = wrapped(v.msg, v.msg.T("ui.trouble.clock.bad"))
		verdict.Importance = widget.DangerImportance
	}
	out = append(out, verdict)
	if s := trouble.SuggestedOffset(c.Offset); s != 0 && s != offset && trouble.ValidateOffset(s) == nil {
		out = append(out, container.NewHBox(widget.NewButton(
			v.msg.T("ui.trouble.clock.use", map[string]any{"Seconds": offsetText(s)}),
			func() { v.troubleSetOffset(id, s) })))
	}
	return out
}

// troubleBackupCheck says whether a backup code the service refused was used
// already, or belongs to a replaced sheet. The code is not kept.
func (v *view) troubleBackupCheck(a *vault.Account) []fyne.CanvasObject {
	set := a.Backup.Clone()
	result := wrapped(v.msg, "")
	result.Hide()
	entry := v.newEntry()
	entry.SetPlaceHolder(v.msg.T("ui.trouble.backup.placeholder"))
	check := func() {
		if strings.TrimSpace(entry.Text) == "" {
			result.Hide()
			return
		}
		st := trouble.CheckBackupCode(set, entry.Text)
		switch st.State {
		case trouble.CodeUnused:
			result.SetText(v.msg.T("ui.trouble.backup.unused", map[string]any{"Number": st.Number}))
			result.Importance = widget.SuccessImportance
		case trouble.CodeUsed:
			result.SetText(v.msg.T("ui.trouble.backup.used", map[string]any{"Number": st.Number, "When": v.troubleWhen(*st.Used)}))
			result.Importance = widget.DangerImportance
		case trouble.CodeVoid:
			result.SetText(v.msg.T("ui.trouble.backup.void", map[string]any{"Generation": st.Generation, "Voided": v.troubleWhen(*st.Voided)}))
			result.Importance = widget.DangerImportance
		case trouble.CodeNoSheet:
			result.SetText(v.msg.T("ui.trouble.backup.no_sheet"))
			result.Importance = widget.MediumImportance
		default:
			result.SetText(v.msg.T("ui.trouble.backup.unknown"))
			result.Importance = widget.WarningImportance
		}
		result.Show()
		result.Refresh()
		v.relayoutTrouble()
	}
	entry.OnSubmitted = func(string) { check() }
	return []fyne.CanvasObject{
		troubleHeading(v.msg.T("ui.trouble.backup.title")),
		container.NewBorder(nil, nil, nil, widget.NewButton(v.msg.T("ui.trouble.backup.check"), check), entry),
		result,
	}
}

// offsetText writes an offset with its sign: "+30", "-15", "0".
func offsetText(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
