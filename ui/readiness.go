package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault/phone"
)

// readinessPage is the "Recovery readiness" tool: the accounts still to
// move off a number or device being changed, then every single point of
// failure the readiness rules find, most severe first, each with a button
// to the account concerned; or an all-clear.
func (v *view) readinessPage() fyne.CanvasObject {
	box := container.NewVBox(wrapped(v.msg, v.msg.T("ui.readiness.intro")))
	bindings := v.vault.Bindings()
	pending := len(phone.Risk(bindings, v.vault.PhoneChanges, v.now())) + len(phone.DeviceRisk(bindings, v.vault.DeviceChanges, v.now()))
	if pending > 0 {
		open := widget.NewButtonWithIcon(v.msg.T("ui.readiness.open_changes"), theme.NavigateNextIcon(), func() {
			for _, t := range tools() {
				if t.key == "ui.tool.phone_change" {
					v.openTool(t)
				}
			}
		})
		box.Add(container.NewBorder(nil, nil, nil, container.NewVBox(open),
			phoneWarning(v.msg, v.msg.T("ui.readiness.pending", map[string]any{"Count": pending}))))
		box.Add(widget.NewSeparator())
	}
	found := usecase.Readiness(v.vault, v.svc().dir)
	if len(found) == 0 && pending == 0 {
		ok := wrapped(v.msg, v.msg.T("ui.readiness.all_clear"))
		ok.Importance = widget.SuccessImportance
		box.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.ConfirmIcon()), nil, ok))
		box.Add(wrapped(v.msg, v.msg.T("ui.readiness.all_clear_help")))
		return container.NewVScroll(box)
	}
	if len(found) == 0 {
		return container.NewVScroll(box)
	}
	box.Add(phoneHeading(v.msg.T("ui.readiness.count", map[string]any{"Count": len(found)})))
	for _, f := range found {
		box.Add(v.findingRow(f))
	}
	return container.NewVScroll(box)
}

// findingRow is one finding: how serious, which account, what is wrong, and
// a button to the account's page, on the tab where it can be put right.
func (v *view) findingRow(f phone.Finding) fyne.CanvasObject {
	sev := widget.NewLabel(v.readinessSeverity(f.Severity))
	sev.TextStyle.Bold = true
	icon := widget.NewIcon(theme.WarningIcon())
	switch f.Severity {
	case phone.SeverityHigh:
		sev.Importance = widget.DangerImportance
		icon = widget.NewIcon(theme.ErrorIcon())
	case phone.SeverityMedium:
		sev.Importance = widget.WarningImportance
	default:
		icon = widget.NewIcon(theme.InfoIcon())
	}
	name := wrapped(v.msg, f.Label)
	name.TextStyle.Bold = true
	id, tab := f.AccountID, "ui.tab.phones"
	if f.Code == phone.FindingBackupCodesLow || f.Code == phone.FindingBackupCodesUsedUp {
		tab = "ui.tab.backup"
	}
	if _, ok := v.serviceFindingText(f); ok {
		tab = "ui.tab.account"
	}
	open := widget.NewButtonWithIcon(v.msg.T("ui.readiness.open"), theme.NavigateNextIcon(), func() { v.openAccountOnTab(id, tab) })
	return container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(icon, sev), open, name),
		wrapped(v.msg, v.message(usecase.FindingMessage(f))),
		widget.NewSeparator(),
	)
}

// readinessSeverity translates a severity.
func (v *view) readinessSeverity(s phone.Severity) string {
	switch s {
	case phone.SeverityHigh:
		return v.msg.T("ui.readiness.severity.high")
	case phone.SeverityMedium:
		return v.msg.T("ui.readiness.severity.medium")
	}
	return v.msg.T("ui.readiness.severity.low")
}
