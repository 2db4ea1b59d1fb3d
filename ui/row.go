package ui

import (
	"hash/fnv"
	"image/color"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
)

// accountRow is one line of the list: issuer and name, the current code in
// large grouped digits, the seconds it stays valid, and a copy button (or, for
// HOTP, a button that advances the counter and shows the next code).
type accountRow struct {
	widget.BaseWidget
	v *view

	acct   vault.Account
	code   string // the code on screen, ungrouped; "" when none
	issuer *widget.Label
	name   *widget.Label
	digits *canvas.Text
	after  *canvas.Text // the next code, in the last seconds of a period
	left   *widget.Label
	copy   *widget.Button
	pin    *widget.Button // pins or unpins the account
	open   *widget.Button // opens the account's page
	next   *widget.Button
	// heading names the group (pinned, a tag, no tag) the row starts; hidden
	// when it does not start one.
	heading *widget.Label
	// note warns about the account beside its login ID: a lock that has
	// not lifted yet, backup codes running out; empty when all is well.
	note *widget.Label
	// badge is the issuer's initial on a coloured disc, so accounts are
	// told apart at a glance.
	badge     *canvas.Circle
	badgeText *canvas.Text
	// logo is the account's service's brand icon, shown instead of the
	// badge when there is one (service.go).
	logo *canvas.Image
}

func newAccountRow(v *view) *accountRow {
	r := &accountRow{v: v}
	r.issuer = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.issuer.Truncation = fyne.TextTruncateEllipsis
	r.name = widget.NewLabel("")
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.digits = canvas.NewText("", theme.Color(theme.ColorNamePrimary))
	r.digits.TextStyle = fyne.TextStyle{Monospace: true}
	r.digits.TextSize = theme.TextSize() * 2
	r.digits.Alignment = fyne.TextAlignTrailing
	r.after = canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
	// Not monospaced: the monospaced font has no kanji for "次".
	r.after.TextSize = theme.CaptionTextSize()
	r.after.Alignment = fyne.TextAlignTrailing
	r.after.Hide()
	r.left = widget.NewLabel("")
	r.left.Alignment = fyne.TextAlignTrailing
	r.copy = widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() { r.v.copyCode(r.acct, r.code) })
	r.next = widget.NewButtonWithIcon(v.msg.T("ui.hotp.show"), theme.ViewRefreshIcon(), func() { r.v.nextHOTP(r.acct.ID) })
	r.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.heading.SizeName = theme.SizeNameCaptionText
	r.heading.Truncation = fyne.TextTruncateEllipsis
	r.heading.Hide()
	r.badge = canvas.NewCircle(theme.Color(theme.ColorNamePrimary))
	r.badgeText = canvas.NewText("", color.White)
	r.badgeText.TextStyle = fyne.TextStyle{Bold: true}
	r.badgeText.Alignment = fyne.TextAlignCenter
	r.logo = newRowLogo()
	r.note = widget.NewLabel("")
	r.note.Importance = widget.WarningImportance
	r.note.SizeName = theme.SizeNameCaptionText
	r.pin = widget.NewButtonWithIcon("", unpinnedIcon, func() { r.v.setPinned(r.acct.ID, !r.acct.Pinned) })
	r.pin.Importance = widget.LowImportance
	r.open = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { r.v.openAccount(r.acct.ID) })
	r.open.Importance = widget.LowImportance
	r.ExtendBaseWidget(r)
	return r
}

func (r *accountRow) CreateRenderer() fyne.WidgetRenderer {
	// The seconds column is as wide as "30 s" so the codes line up.
	secs := container.NewCenter(container.NewGridWrap(
		fyne.NewSize(widget.NewLabel("88 s").MinSize().Width, r.left.MinSize().Height), r.left))
	code := container.NewCenter(container.New(&codeLayout{}, r.digits, r.after))
	right := container.NewHBox(r.next, code, secs, container.NewCenter(r.copy), container.NewCenter(r.open))
	names := container.NewVBox(r.issuer, container.NewBorder(nil, nil, nil, r.note, r.name))
	badge := container.NewGridWrap(fyne.NewSquareSize(theme.IconInlineSize()*1.6),
		container.NewStack(r.badge, container.NewCenter(r.badgeText), r.logo))
	left := container.NewHBox(container.NewCenter(r.pin), container.NewCenter(badge))
	return widget.NewSimpleRenderer(container.NewBorder(r.heading, nil, left, right, names))
}

// rowHeights are the height of a list item and what a group heading adds.
func rowHeights(v *view) (base, heading float32) {
	r := newAccountRow(v)
	base = r.MinSize().Height
	return base, r.heading.MinSize().Height
}

// setHeading shows text over the row as its group's heading; "" hides it.
func (r *accountRow) setHeading(text string) {
	if text == r.heading.Text && (text == "") == r.heading.Hidden {
		return
	}
	r.heading.SetText(text)
	if text == "" {
		r.heading.Hide()
	} else {
		r.heading.Show()
	}
	r.Refresh()
}

// set shows account a as it is at time now.
func (r *accountRow) set(a vault.Account, now time.Time) {
	r.acct = a
	issuer, name := a.Issuer, a.Name
	if issuer == "" {
		issuer, name = a.Name, ""
	}
	setText(r.issuer, issuer)
	setText(r.name, name)
	setText(r.note, rowNote(r.v.msg, a, now))
	if initial, col := badgeOf(issuer); initial != r.badgeText.Text {
		r.badgeText.Text = initial
		r.badge.FillColor = col
		r.badgeText.Refresh()
		r.badge.Refresh()
	}
	r.showLogo(a)
	icon := unpinnedIcon
	if a.Pinned {
		icon = pinIcon
	}
	if r.pin.Icon != icon {
		r.pin.SetIcon(icon)
	}

	r.code = ""
	r.next.Hide()
	left := ""
	nextText := ""
	col := theme.Color(theme.ColorNamePrimary)
	var text string
	small := false // a word instead of digits
	switch {
	case !a.HasOTP():
		text, col, small = r.v.msg.T("ui.no_otp"), theme.Color(theme.ColorNameDisabled), true
	case a.OTP.Type == otp.HOTP:
		r.next.Show()
		if r.v.busy[a.ID] {
			r.next.Disable()
		} else {
			r.next.Enable()
		}
		if h, ok := r.v.hotp[a.ID]; ok {
			r.code, text = h.code, groupCode(h.code)
		} else {
			text, col = hiddenCode(a.OTP.Digits), theme.Color(theme.ColorNameDisabled)
		}
	default:
		code, err := a.Code(now)
		if err != nil {
			text, col, small = r.v.msg.T("ui.code.error"), theme.Color(theme.ColorNameError), true
			break
		}
		r.code, text = code, groupCode(code)
		secs := secondsLeft(a.CodeRemaining(now))
		left = r.v.msg.T("ui.seconds", map[string]any{"Seconds": secs})
		if secs <= urgentBelow {
			col = theme.Color(theme.ColorNameError)
			if next, err := a.Code(now.Add(a.CodeRemaining(now))); err == nil {
				nextText = r.v.msg.T("ui.code.next", map[string]any{"Code": groupCode(next)})
			}
		}
	}
	setText(r.left, left)
	if r.after.Text != nextText {
		r.after.Text = nextText
		r.after.Hidden = nextText == ""
		r.after.Refresh()
	}
	if small {
		r.digits.TextSize = theme.TextSize()
	} else {
		r.digits.TextSize = theme.TextSize() * 2
	}
	r.digits.Color = col
	if r.digits.Text != text {
		// The code's width may change (a hidden HOTP code, another
		// account in a recycled row): lay the row out again.
		r.digits.Text = text
		r.Refresh()
	} else {
		r.digits.Refresh()
	}
	if r.code == "" {
		r.copy.Disable()
	} else {
		r.copy.Enable()
	}
}

// codeLayout stacks the code and, under it, the next code. The space for the
// next code is always kept, so the row does not jump when it appears.
type codeLayout struct{}

func (codeLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	code, next := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(fyne.Max(code.Width, next.Width), code.Height+next.Height)
}

func (codeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	code, next := objs[0], objs[1]
	h := next.MinSize().Height
	code.Resize(fyne.NewSize(size.Width, size.Height-h))
	code.Move(fyne.NewPos(0, 0))
	next.Resize(fyne.NewSize(size.Width, h))
	next.Move(fyne.NewPos(0, size.Height-h))
}

// setText changes a label's text only when it differs: setting it lays the
// text out again, which a list of many rows does every second.
// badgeOf is the initial a row shows for label (its first letter, upper
// case; a kanji or kana as it is) and the disc's colour, the same for the
// same label every time.
func badgeOf(label string) (string, color.Color) {
	// Dark enough for white text, in both themes.
	colors := [...]color.NRGBA{
		{0x1e, 0x63, 0xb5, 0xff}, {0x2e, 0x7d, 0x32, 0xff}, {0xb2, 0x3c, 0x17, 0xff},
		{0x6a, 0x1b, 0x9a, 0xff}, {0x00, 0x69, 0x7c, 0xff}, {0xad, 0x14, 0x57, 0xff},
		{0x5d, 0x40, 0x37, 0xff}, {0x45, 0x5a, 0x64, 0xff},
	}
	label = strings.TrimSpace(label)
	if label == "" {
		return "?", colors[len(colors)-1]
	}
	first, _ := utf8.DecodeRuneInString(label)
	h := fnv.New32a()
	h.Write([]byte(vault.Fold(label)))
	return strings.ToUpper(string(first)), colors[h.Sum32()%uint32(len(colors))]
}

// rowNote is the warning a list row shows beside the login ID, in msg's
// language: a lock after wrong passwords that should not have lifted yet,
// or a set of backup codes that is running low; "" when there is neither.
// The account's page has the details.
func rowNote(msg *assets.Catalog, a vault.Account, now time.Time) string {
	switch {
	case a.Lockout != nil && !a.Lockout.Lifted(now):
		return msg.T("ui.row.locked", map[string]any{"Until": a.Lockout.Until.In(now.Location()).Format("15:04")})
	case a.Backup.Total() > 0 && a.Backup.Low():
		return msg.T("ui.row.backup_low", map[string]any{"Left": a.Backup.Remaining()})
	}
	return ""
}

func setText(l *widget.Label, s string) {
	if l.Text != s {
		l.SetText(s)
	}
}

// withAlpha is c with its alpha set to a, for a tinted background.
func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}
