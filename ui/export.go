package ui

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/export"
)

// qrShown is the side of a QR code on screen: large enough for a phone to
// scan from across a desk, small enough for the 560×560 window.
const qrShown = 300

// exportPage is the Export tool: a recovery kit (first, as the safe way to
// keep everything), the otpauth list and Google Authenticator's transfer
// codes for another app, and one account's QR code for a phone.
func (v *view) exportPage() fyne.CanvasObject {
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon(v.msg.T("ui.exp.tab.kit"), theme.DocumentSaveIcon(), v.kitExportView()),
		container.NewTabItemWithIcon(v.msg.T("ui.exp.tab.apps"), theme.UploadIcon(), v.appsExportView()),
		container.NewTabItemWithIcon(v.msg.T("ui.exp.tab.qr"), theme.ComputerIcon(), v.qrExportView()),
	)
	if p := v.topPage(); p != nil {
		if p.tab < len(tabs.Items) {
			tabs.SelectIndex(p.tab)
		}
		tabs.OnSelected = func(*container.TabItem) { p.tab = tabs.SelectedIndex() }
	}
	return tabs
}

// appsExportView offers the otpauth list and the Google Authenticator
// transfer codes.
func (v *view) appsExportView() fyne.CanvasObject {
	warn := wrapped(v.msg, v.msg.T("ui.exp.uris.warning"))
	warn.Importance = widget.WarningImportance
	result := wrapped(v.msg, "")
	result.Hide()
	save := widget.NewButtonWithIcon(v.msg.T("ui.exp.uris.save"), theme.DocumentSaveIcon(), func() { v.confirmURIExport(result) })
	show := widget.NewButtonWithIcon(v.msg.T("ui.exp.migration.show"), theme.VisibilityIcon(), v.openMigration)
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		heading(v.msg.T("ui.exp.uris.title")),
		wrapped(v.msg, v.msg.T("ui.exp.uris.intro")),
		warn,
		container.NewHBox(save),
		result,
		widget.NewSeparator(),
		heading(v.msg.T("ui.exp.migration.title")),
		wrapped(v.msg, v.msg.T("ui.exp.migration.intro")),
		container.NewHBox(show),
	)))
}

// confirmURIExport warns that the list is plain text and, only once the
// person confirms, asks where to save it and writes it there.
func (v *view) confirmURIExport(result *widget.Label) {
	d := dialog.NewCustomConfirm(v.msg.T("ui.exp.uris.confirm.title"), v.msg.T("ui.exp.uris.confirm.yes"), v.msg.T("ui.cancel"),
		wrapped(v.msg, v.msg.T("ui.exp.uris.confirm.body")), func(ok bool) {
			if ok {
				v.saveURIList(result)
			}
		}, v.win)
	d.Resize(fyne.NewSize(440, d.MinSize().Height))
	d.Show()
}

// saveURIList asks where to write the otpauth list and writes it.
func (v *view) saveURIList(result *widget.Label) {
	accts := v.vault.Accounts
	var rep export.Report
	v.saveChosen("mamori-otpauth.txt", nil, func(w io.Writer) error {
		var err error
		rep, err = export.WriteURIList(w, accts)
		return err
	}, func(name string, err error) {
		result.Show()
		switch {
		case errors.Is(err, export.ErrNothingToExport):
			result.Importance = widget.DangerImportance
			result.SetText(v.msg.T("ui.exp.nothing"))
		case err != nil:
			result.Importance = widget.DangerImportance
			result.SetText(v.msg.T("ui.exp.error.write", map[string]any{"Name": name, "Error": err.Error()}))
		default:
			result.Importance = widget.MediumImportance
			text := v.msg.T("ui.exp.uris.saved", map[string]any{"Count": len(rep.Exported), "Name": name})
			if s := v.skippedText(accts, rep.Skipped); s != "" {
				text += "\n" + s
			}
			result.SetText(text)
		}
	})
}

// skippedText names the accounts an export left out and why, or "".
func (v *view) skippedText(accts []vault.Account, skipped []export.Skip) string {
	if len(skipped) == 0 {
		return ""
	}
	lines := []string{v.msg.T("ui.exp.skipped", map[string]any{"Count": len(skipped)})}
	for _, s := range skipped {
		var why string
		switch {
		case errors.Is(s.Err, export.ErrNoOTP):
			why = v.msg.T("ui.exp.skip.no_otp")
		case errors.Is(s.Err, export.ErrUnsupported):
			why = v.msg.T("ui.exp.skip.unsupported")
		case errors.Is(s.Err, export.ErrTooLarge):
			why = v.msg.T("ui.exp.skip.too_large")
		default:
			why = usecase.KeyReason(s.Err).Text(v.msg)
		}
		lines = append(lines, "• "+v.msg.T("ui.imp.entry_error", map[string]any{"Entry": s.Label, "Reason": why}))
	}
	return strings.Join(lines, "\n")
}

// qrImage is text as a QR code on screen, qrShown points wide.
func qrImage(text string) (*canvas.Image, error) {
	var buf bytes.Buffer
	if err := export.QR(&buf, text, 4*qrShown); err != nil {
		return nil, err
	}
	img := canvas.NewImageFromReader(&buf, "qr.png")
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScalePixels
	img.SetMinSize(fyne.NewSquareSize(qrShown))
	return img, nil
}

// openMigration opens a page showing the Google Authenticator transfer
// codes one at a time; they are gone when the page is left.
func (v *view) openMigration() {
	accts := v.vault.Accounts
	uris, rep, err := export.Migration(accts, export.MigrationOptions{})
	skipped := v.skippedText(accts, rep.Skipped)
	at := 0
	p := &page{title: func() string { return v.msg.T("ui.exp.migration.title") }}
	p.build = func() fyne.CanvasObject {
		if errors.Is(err, export.ErrNothingToExport) {
			return container.NewPadded(container.NewVBox(v.problemLabel(v.msg.T("ui.exp.nothing")), wrapped(v.msg, skipped)))
		}
		if err != nil {
			return container.NewPadded(v.problemLabel(v.msg.T("ui.exp.error.qr", map[string]any{"Error": err.Error()})))
		}
		img, qerr := qrImage(uris[at])
		if qerr != nil {
			return container.NewPadded(v.problemLabel(v.qrErrorText(qerr)))
		}
		prev := widget.NewButtonWithIcon(v.msg.T("ui.exp.migration.prev"), theme.NavigateBackIcon(), func() { at--; v.showPage() })
		next := widget.NewButtonWithIcon(v.msg.T("ui.exp.migration.next"), theme.NavigateNextIcon(), func() { at++; v.showPage() })
		if at == 0 {
			prev.Disable()
		}
		if at == len(uris)-1 {
			next.Disable()
		}
		count := widget.NewLabelWithStyle(v.msg.T("ui.exp.migration.of", map[string]any{"N": at + 1, "Total": len(uris)}), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		warn := wrapped(v.msg, v.msg.T("ui.exp.qr.warning"))
		warn.Importance = widget.WarningImportance
		items := []fyne.CanvasObject{
			container.NewCenter(img),
			container.NewHBox(layout.NewSpacer(), prev, count, next, layout.NewSpacer()),
			wrapped(v.msg, v.msg.T("ui.exp.migration.how")),
			warn,
		}
		if skipped != "" {
			items = append(items, wrapped(v.msg, skipped))
		}
		return container.NewVScroll(container.NewPadded(container.NewVBox(items...)))
	}
	v.openPage(p)
}

// qrExportView chooses one account to show as a QR code.
func (v *view) qrExportView() fyne.CanvasObject {
	var ids, labels []string
	for _, a := range v.vault.Accounts {
		if a.HasOTP() {
			ids = append(ids, a.ID)
			labels = append(labels, a.Label())
		}
	}
	items := []fyne.CanvasObject{heading(v.msg.T("ui.exp.qr.title")), wrapped(v.msg, v.msg.T("ui.exp.qr.intro"))}
	if len(ids) == 0 {
		return container.NewVScroll(container.NewPadded(container.NewVBox(append(items, wrapped(v.msg, v.msg.T("ui.exp.nothing")))...)))
	}
	show := widget.NewButtonWithIcon(v.msg.T("ui.exp.qr.show"), theme.VisibilityIcon(), nil)
	show.Disable()
	choice := widget.NewSelect(labels, func(string) { show.Enable() })
	choice.PlaceHolder = v.msg.T("ui.exp.qr.choose")
	show.OnTapped = func() {
		if i := choice.SelectedIndex(); i >= 0 {
			v.openAccountQR(ids[i])
		}
	}
	items = append(items, choice, container.NewHBox(show))
	return container.NewVScroll(container.NewPadded(container.NewVBox(items...)))
}

// openAccountQR opens a page with the account's otpauth QR code, large, to
// scan with a phone; it is gone when the page is left.
func (v *view) openAccountQR(id string) {
	v.openPage(v.accountPage(id, func(a *vault.Account) fyne.CanvasObject {
		uri, rep := export.URIs([]vault.Account{*a})
		if len(uri) == 0 {
			return container.NewPadded(v.problemLabel(v.skippedText([]vault.Account{*a}, rep.Skipped)))
		}
		img, qerr := qrImage(uri[0])
		if qerr != nil {
			return container.NewPadded(v.problemLabel(v.qrErrorText(qerr)))
		}
		warn := wrapped(v.msg, v.msg.T("ui.exp.qr.warning"))
		warn.Importance = widget.WarningImportance
		return container.NewVScroll(container.NewPadded(container.NewVBox(
			container.NewCenter(img),
			widget.NewLabelWithStyle(a.Label(), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
			wrapped(v.msg, v.msg.T("ui.exp.qr.how")),
			warn,
		)))
	}))
}
