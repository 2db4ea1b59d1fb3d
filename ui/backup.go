package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/backup"
)

// backupThresholds are the low-codes thresholds the tab offers; a stored
// value outside them is added to the list.
var backupThresholds = []int{1, 2, 3, 4, 5, 6, 8, 10}

// backupTab is the "Backup codes" tab of account a: how many single-use
// codes are left, the next one copied and marked used in one action, a code
// marked used by typing it, a new sheet pasted, and the replaced sheets kept
// as void history. Codes stay hidden until the person asks to see them.
//
// Copying the next code marks it used at once, and the code is put on the
// clipboard only once that is saved: a code that has left Mamori is treated
// as spent. If the login then fails, the count is one lower than the
// service's, which errs on the safe side; the other way round, the next copy
// would hand out a dead code at the very moment it is needed.
func (v *view) backupTab(a *vault.Account) fyne.CanvasObject {
	id := a.ID
	set := a.Backup
	if set.Current == nil {
		return container.NewVScroll(container.NewPadded(container.NewVBox(v.backupEmpty(), v.sheetForm(id, set))))
	}

	items := []fyne.CanvasObject{v.backupSummary(set)}
	if w := v.backupWarning(set); w != nil {
		items = append(items, w)
	}

	revealed := false
	rows := container.NewVBox()
	history := container.NewVBox()
	show := func() {
		rows.Objects = v.codeRows(*set.Current, revealed)
		rows.Refresh()
		history.Objects = []fyne.CanvasObject{v.backupHistory(set, revealed)}
		history.Refresh()
	}
	var reveal *widget.Button
	reveal = widget.NewButtonWithIcon(v.msg.T("ui.backup.reveal"), theme.VisibilityIcon(), func() {
		revealed = !revealed
		if revealed {
			reveal.SetText(v.msg.T("ui.backup.hide"))
			reveal.SetIcon(theme.VisibilityOffIcon())
		} else {
			reveal.SetText(v.msg.T("ui.backup.reveal"))
			reveal.SetIcon(theme.VisibilityIcon())
		}
		show()
	})
	copyNext := widget.NewButtonWithIcon(v.msg.T("ui.backup.copy_next"), theme.ContentCopyIcon(), func() { v.copyNextBackup(id) })
	copyNext.Importance = widget.HighImportance
	if set.Remaining() == 0 {
		copyNext.Disable()
	}
	show()

	items = append(items,
		container.NewHBox(copyNext, reveal),
		wrapped(v.msg, v.msg.T("ui.backup.copy_next.help")),
		rows,
		widget.NewSeparator(),
		v.markUsedForm(id),
		widget.NewSeparator(),
		v.thresholdRow(id, set),
		widget.NewSeparator(),
		widget.NewAccordion(widget.NewAccordionItem(v.msg.T("ui.backup.replace.title"), v.sheetForm(id, set))),
	)
	if len(set.History) > 0 {
		items = append(items, history)
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(items...)))
}

// backupEmpty explains backup codes to a person who has recorded none.
func (v *view) backupEmpty() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(v.msg.T("ui.backup.empty.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	return container.NewVBox(title,
		wrapped(v.msg, v.msg.T("ui.backup.empty.what")),
		wrapped(v.msg, v.msg.T("ui.backup.empty.how")))
}

// backupSummary says how many codes are left, and of which sheet.
func (v *view) backupSummary(set backup.Set) fyne.CanvasObject {
	left := widget.NewLabelWithStyle(v.msg.T("ui.backup.left", map[string]any{
		"Left": set.Remaining(), "Total": set.Total(),
	}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	left.SizeName = theme.SizeNameSubHeadingText
	left.Wrapping = wrapping(v.msg)
	sheet := widget.NewLabel(v.msg.T("ui.backup.sheet", map[string]any{
		"Number": set.Current.Number, "Issued": backupDay(set.Current.Issued),
	}))
	sheet.Importance = widget.LowImportance
	sheet.Wrapping = wrapping(v.msg)
	return container.NewVBox(left, sheet)
}

// backupWarning is the warning shown when few or no codes are left, or nil.
func (v *view) backupWarning(set backup.Set) fyne.CanvasObject {
	var text string
	switch {
	case set.Remaining() == 0:
		text = usecase.Explain(backup.ErrNoneLeft).Text(v.msg)
	case set.Low():
		text = v.msg.T("ui.backup.low", map[string]any{"Left": set.Remaining(), "Threshold": set.Threshold()})
	default:
		return nil
	}
	l := wrapped(v.msg, text)
	l.Importance = widget.WarningImportance
	l.TextStyle = fyne.TextStyle{Bold: true}
	icon := widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
	return container.NewBorder(nil, nil, container.NewVBox(icon), nil, l)
}

// codeRows are the codes of g, one line each with its number and whether
// (and when) it was used; the codes themselves show only when revealed.
func (v *view) codeRows(g backup.Generation, revealed bool) []fyne.CanvasObject {
	rows := make([]fyne.CanvasObject, 0, len(g.Codes))
	for i, c := range g.Codes {
		num := widget.NewLabel(strconv.Itoa(i+1) + ".")
		code := widget.NewLabel(maskBackupCode(c.Code))
		code.TextStyle = fyne.TextStyle{Monospace: true}
		if revealed {
			code.SetText(c.Code)
			code.Selectable = true
		}
		var status *widget.Label
		switch {
		case c.Used != nil && g.Voided != nil:
			status = widget.NewLabel(v.msg.T("ui.backup.status.void_used", map[string]any{"When": backupWhen(*c.Used)}))
		case c.Used != nil:
			status = widget.NewLabel(v.msg.T("ui.backup.status.used", map[string]any{"When": backupWhen(*c.Used)}))
		case g.Voided != nil:
			status = widget.NewLabel(v.msg.T("ui.backup.status.void"))
		default:
			status = widget.NewLabel(v.msg.T("ui.backup.status.unused"))
		}
		if c.Used != nil || g.Voided != nil {
			status.Importance = widget.LowImportance
			code.Importance = widget.LowImportance
		} else {
			status.Importance = widget.SuccessImportance
		}
		rows = append(rows, container.NewHBox(num, code, layout.NewSpacer(), status))
	}
	return rows
}

// maskBackupCode hides a code but keeps its shape, so a person can tell it from
// its neighbours' positions without seeing it.
func maskBackupCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return r
		}
		return '•'
	}, code)
}

// backupHistory lists the replaced sheets, collapsed, each marked void.
func (v *view) backupHistory(set backup.Set, revealed bool) fyne.CanvasObject {
	acc := widget.NewAccordion()
	for i := len(set.History) - 1; i >= 0; i-- {
		g := set.History[i]
		voided := ""
		if g.Voided != nil {
			voided = backupDay(*g.Voided)
		}
		title := v.msg.T("ui.backup.history.sheet", map[string]any{
			"Number": g.Number, "Issued": backupDay(g.Issued), "Voided": voided, "Count": len(g.Codes),
		})
		acc.Append(widget.NewAccordionItem(title, container.NewVBox(v.codeRows(g, revealed)...)))
	}
	head := widget.NewLabelWithStyle(v.msg.T("ui.backup.history"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(head, wrapped(v.msg, v.msg.T("ui.backup.history.help")), acc)
}

// copyNextBackup marks the next unused code of account id used, saves the
// vault, and only then puts the code on the clipboard (cleared after the
// clipboard delay, like any code) and says which one it was and when it was
// recorded as used.
func (v *view) copyNextBackup(id string) {
	var r usecase.BackupUsed
	v.run(func(s *usecase.Service) (*vault.Vault, error) {
		var err error
		r, err = s.UseNextBackupCode(id)
		return r.Vault, err
	}, func(err error) {
		if err != nil {
			v.showProblem(v.backupError(err))
			return
		}
		code := r.Code.Compact()
		v.copySecret(code)
		data := map[string]any{"Number": r.Number, "When": backupWhen(r.When), "Left": r.Set().Remaining(), "Total": r.Set().Total(),
			"Seconds": int(v.clipboardDelay().Seconds())}
		if v.clipboardDelay() > 0 {
			v.flash(v.msg.T("ui.backup.copied", data))
		} else {
			v.flash(v.msg.T("ui.backup.copied.keep", data))
		}
	})
}

// markUsedForm marks a code the person types or pastes used; a used, void
// or unknown code is refused with the reason and nothing changes.
func (v *view) markUsedForm(id string) fyne.CanvasObject {
	entry := v.newEntry()
	entry.SetPlaceHolder(v.msg.T("ui.backup.mark.placeholder"))
	problem := wrapped(v.msg, "")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	submit := func() {
		code := strings.TrimSpace(entry.Text)
		if code == "" {
			problem.SetText(v.msg.T("ui.backup.mark.empty"))
			problem.Show()
			return
		}
		var r usecase.BackupUsed
		v.run(func(s *usecase.Service) (*vault.Vault, error) {
			var err error
			r, err = s.UseBackupCode(id, code)
			return r.Vault, err
		}, func(err error) {
			if err != nil {
				problem.SetText(v.backupError(err))
				problem.Show()
				return
			}
			v.flash(v.msg.T("ui.backup.marked", map[string]any{"Number": r.Number, "When": backupWhen(r.When), "Left": r.Set().Remaining()}))
		})
	}
	entry.OnSubmitted = func(string) { submit() }
	mark := widget.NewButtonWithIcon(v.msg.T("ui.backup.mark"), theme.ConfirmIcon(), submit)
	head := widget.NewLabelWithStyle(v.msg.T("ui.backup.mark.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(head, wrapped(v.msg, v.msg.T("ui.backup.mark.help")),
		container.NewBorder(nil, nil, nil, mark, entry), problem)
}

// thresholdRow lets the person choose how few codes left make Mamori warn.
func (v *view) thresholdRow(id string, set backup.Set) fyne.CanvasObject {
	current := set.Threshold()
	var opts []string
	seen := false
	for _, n := range backupThresholds {
		if !seen && current < n {
			opts = append(opts, strconv.Itoa(current))
			seen = true
		}
		seen = seen || n == current
		opts = append(opts, strconv.Itoa(n))
	}
	if !seen {
		opts = append(opts, strconv.Itoa(current))
	}
	sel := widget.NewSelect(opts, nil)
	sel.SetSelected(strconv.Itoa(current))
	sel.OnChanged = func(s string) {
		n, err := strconv.Atoi(s)
		if err != nil || n == current {
			return
		}
		v.run(func(s *usecase.Service) (*vault.Vault, error) {
			r, err := s.SetBackupThreshold(id, n)
			return r.Vault, err
		}, func(err error) {
			if err != nil {
				v.showProblem(v.backupError(err))
				return
			}
			v.flash(v.msg.T("ui.backup.threshold.saved", map[string]any{"Threshold": n}))
		})
	}
	label := wrapped(v.msg, v.msg.T("ui.backup.threshold"))
	return container.NewBorder(nil, nil, nil, sel, label)
}

// sheetForm reads a pasted sheet and records it as the account's codes;
// when the account has codes already, it says that they become void and
// asks before replacing them. A sheet the parser refuses changes nothing.
func (v *view) sheetForm(id string, set backup.Set) fyne.CanvasObject {
	entry := v.newMultiLineEntry()
	entry.SetPlaceHolder(v.msg.T("ui.backup.sheet.placeholder"))
	entry.Wrapping = fyne.TextWrapOff
	entry.SetMinRowsVisible(6)
	problem := wrapped(v.msg, "")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	fail := func(msg string) {
		problem.SetText(msg)
		problem.Show()
	}
	store := func(codes []string) {
		var r usecase.SheetRecorded
		v.run(func(s *usecase.Service) (*vault.Vault, error) {
			var err error
			r, err = s.SetBackupSheet(id, codes)
			return r.Vault, err
		}, func(err error) {
			if err != nil {
				fail(v.backupError(err))
				return
			}
			if voided := r.Old.Total(); voided > 0 {
				v.flash(v.msg.T("ui.backup.replaced", map[string]any{"Count": len(codes), "Void": voided}))
			} else {
				v.flash(v.msg.T("ui.backup.recorded", map[string]any{"Count": len(codes)}))
			}
		})
	}
	submit := func() {
		problem.Hide()
		codes, err := backup.ParseSheet(entry.Text)
		if err != nil {
			fail(v.sheetError(err))
			return
		}
		if set.Current == nil {
			store(codes)
			return
		}
		msg := v.msg.T("ui.backup.replace.confirm", map[string]any{
			"Count": len(codes), "Old": set.Total(), "Unused": set.Remaining(),
		})
		dialog.NewCustomConfirm(v.msg.T("ui.backup.replace.title"), v.msg.T("ui.backup.replace.ok"), v.msg.T("ui.cancel"),
			wrapped(v.msg, msg), func(ok bool) {
				if ok {
					store(codes)
				}
			}, v.win).Show()
	}
	var items []fyne.CanvasObject
	label := "ui.backup.sheet.save"
	if set.Current != nil {
		warn := wrapped(v.msg, v.msg.T("ui.backup.replace.help"))
		warn.Importance = widget.WarningImportance
		items = append(items, warn)
		label = "ui.backup.replace.save"
	} else {
		head := widget.NewLabelWithStyle(v.msg.T("ui.backup.sheet.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		items = append(items, head)
	}
	save := widget.NewButtonWithIcon(v.msg.T(label), theme.DocumentSaveIcon(), submit)
	save.Importance = widget.HighImportance
	items = append(items, entry, problem, container.NewHBox(layout.NewSpacer(), save))
	return container.NewVBox(items...)
}

// sheetError says, in the person's language, why a pasted sheet was
// refused: by line number, never quoting the text, which may be a code.
func (v *view) sheetError(err error) string {
	var se *backup.SheetError
	switch {
	case errors.Is(err, backup.ErrTooLarge):
		return v.backupError(err)
	case errors.As(err, &se) && len(se.Problems) > 0:
		head := v.msg.T("ui.backup.sheet.problems", map[string]any{"Found": se.Found, "Count": len(se.Problems)})
		if se.Found == 0 {
			head = v.backupError(backup.ErrNoCodes)
		}
		lines := []string{head}
		for _, p := range se.Problems {
			if p.Kind == backup.ProblemDuplicate {
				lines = append(lines, v.msg.T("ui.backup.sheet.duplicate", map[string]any{"Line": p.Line, "First": p.First}))
			} else {
				lines = append(lines, v.msg.T("ui.backup.sheet.fragment", map[string]any{"Line": p.Line}))
			}
		}
		return strings.Join(lines, "\n")
	}
	return v.backupError(err)
}

// backupError says why a change to the backup codes was refused or not
// saved, without repeating a code.
func (v *view) backupError(err error) string { return v.explain(err, "ui.backup.error.save") }

// backupWhen is when a code was used, in local time to the minute.
func backupWhen(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

// backupDay is the day a sheet was recorded or replaced, in local time.
func backupDay(t time.Time) string { return t.Local().Format("2006-01-02") }
