package ui

import (
	"bytes"
	"errors"
	"strings"

	"filippo.io/age"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/kit"
)

// kitImportView shows a recovery kit on the Import page: it asks for the
// kit's passphrase or key, then says what restoring or merging it will do,
// and what it did.
func (v *view) kitImportView(st *importState) []fyne.CanvasObject {
	items := []fyne.CanvasObject{wrapped(v.msg, v.msg.T("ui.kit.import.found"))}
	if st.busy {
		return append(items, wrapped(v.msg, v.msg.T("ui.kit.import.busy")), widget.NewProgressBarInfinite())
	}
	if st.problem != "" {
		items = append(items, v.problemLabel(st.problem))
	}
	switch {
	case st.kitReport != nil:
		done := heading(v.msg.T("ui.kit.import.done"))
		done.Importance = widget.SuccessImportance
		return append(append(items, done), v.kitReportView(*st.kitReport)...)
	case st.kit != nil:
		return append(items, v.kitPreview(st)...)
	case errors.Is(st.kitNeeds, kit.ErrNeedPassphrase):
		pass := v.newPasswordEntry()
		pass.SetPlaceHolder(v.msg.T("ui.kit.import.passphrase_placeholder"))
		open := func() {
			if pass.Text != "" {
				v.openKit(st, pass.Text, nil)
			}
		}
		pass.OnSubmitted = func(string) { open() }
		items = append(items, wrapped(v.msg, v.msg.T("ui.kit.import.passphrase")), pass,
			container.NewHBox(widget.NewButtonWithIcon(v.msg.T("ui.kit.import.open"), theme.ConfirmIcon(), open)))
	case errors.Is(st.kitNeeds, kit.ErrNeedIdentity):
		items = append(items, wrapped(v.msg, v.msg.T("ui.kit.import.identity")),
			container.NewHBox(widget.NewButtonWithIcon(v.msg.T("ui.kit.import.choose_identity"), theme.FolderOpenIcon(), func() { v.chooseIdentity(st) })))
	}
	return items
}

// chooseIdentity asks for the identity file that opens the kit on screen.
func (v *view) chooseIdentity(st *importState) {
	v.xfer().openFile(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		data, err := readLimited(r)
		r.Close()
		var ids []age.Identity
		if err == nil {
			ids, err = kit.ParseIdentities(data)
		}
		clear(data)
		if err != nil {
			// The parser's message may quote the file: not shown.
			st.problem = v.msg.T("ui.kit.error.bad_identity", map[string]any{"Name": r.URI().Name()})
			v.refreshPage(st.page)
			return
		}
		v.openKit(st, "", ids)
	})
}

// openKit decrypts the kit on screen with pass or ids, in the background.
func (v *view) openKit(st *importState, pass string, ids []age.Identity) {
	f := st.current()
	if f == nil {
		return
	}
	data := f.data
	st.busy, st.problem = true, ""
	v.refreshPage(st.page)
	v.async(func() {
		k, err := kit.Open(bytes.NewReader(data), kit.OpenOptions{
			Identities: ids,
			Passphrase: func() (string, error) { return pass, nil },
		})
		fyne.Do(func() {
			if st.current() != f {
				return // another file is on screen now
			}
			st.busy = false
			if err != nil {
				st.problem = v.kitOpenError(err)
			} else {
				st.kit = k
			}
			v.refreshPage(st.page)
		})
	})
}

// kitOpenError is why a kit did not open. Nothing was changed.
func (v *view) kitOpenError(err error) string { return v.explain(err, "ui.kit.error.other") }

// kitPreview says what the kit holds and what bringing it in will do,
// worked out on a copy of the vault, and offers to do it.
func (v *view) kitPreview(st *importState) []fyne.CanvasObject {
	k := st.kit
	items := []fyne.CanvasObject{wrapped(v.msg, v.msg.T("ui.kit.import.opened", map[string]any{
		"Created": k.Created.Local().Format("2006-01-02 15:04"), "Accounts": len(k.Vault.Accounts), "Cards": len(k.Vault.GridCards),
	}))}
	p, err := usecase.PreviewKit(v.vault, k.Vault)
	if err != nil {
		return append(items, v.problemLabel(v.msg.T("ui.kit.error.other", map[string]any{"Error": err.Error()})))
	}
	label := "ui.kit.import.merge"
	if p.WasEmpty {
		label = "ui.kit.import.restore"
		items = append(items, wrapped(v.msg, v.msg.T("ui.kit.import.empty_vault")))
	} else {
		items = append(items, wrapped(v.msg, v.msg.T("ui.kit.import.never_overwrite")),
			heading(v.msg.T("ui.kit.import.preview")))
		items = append(items, v.kitReportView(p.Report)...)
		if !p.Report.Changed() {
			return items
		}
	}
	btn := widget.NewButtonWithIcon(v.msg.T(label), theme.DownloadIcon(), func() { v.doKitImport(st) })
	btn.Importance = widget.HighImportance
	return append(items, container.NewHBox(btn))
}

// doKitImport merges the kit on screen into the vault and shows the report.
func (v *view) doKitImport(st *importState) {
	if st.kit == nil {
		return
	}
	src := st.kit.Vault
	var r usecase.KitImported
	f := st.current()
	st.busy = true
	v.refreshPage(st.page)
	v.run(func(s *usecase.Service) (*vault.Vault, error) {
		var err error
		r, err = s.ImportKit(src)
		return r.Vault, err
	}, func(err error) {
		if st.current() != f {
			return // another file is on screen now
		}
		st.busy = false
		if err != nil {
			st.problem = v.msg.T("ui.kit.error.save", map[string]any{"Error": err.Error()})
			v.refreshPage(st.page)
			return
		}
		st.kit, st.kitReport = nil, &r.Report
		f.data = nil
		v.refreshPage(st.page)
	})
}

// kitReportView lists what a merge did, or would do.
func (v *view) kitReportView(r kit.Report) []fyne.CanvasObject {
	sep := v.listSep()
	var items []fyne.CanvasObject
	line := func(key string, data map[string]any, imp widget.Importance) {
		l := wrapped(v.msg, v.msg.T(key, data))
		l.Importance = imp
		items = append(items, l)
	}
	if len(r.Added) > 0 {
		line("ui.kit.report.added", map[string]any{"Count": len(r.Added), "Labels": strings.Join(r.Added, sep)}, widget.MediumImportance)
	}
	if len(r.Updated) > 0 {
		line("ui.kit.report.updated", map[string]any{"Count": len(r.Updated), "Labels": strings.Join(r.Updated, sep)}, widget.MediumImportance)
	}
	if r.Unchanged > 0 {
		line("ui.kit.report.unchanged", map[string]any{"Count": r.Unchanged}, widget.MediumImportance)
	}
	if len(r.Duplicates) > 0 {
		line("ui.kit.report.duplicates", map[string]any{"Count": len(r.Duplicates), "Labels": strings.Join(r.Duplicates, sep)}, widget.MediumImportance)
	}
	if len(r.Conflicts) > 0 {
		line("ui.kit.report.conflicts", map[string]any{"Count": len(r.Conflicts), "Labels": strings.Join(r.Conflicts, sep)}, widget.WarningImportance)
	}
	if r.GridCardsAdded+r.GridCardsMerged > 0 {
		line("ui.kit.report.cards", map[string]any{"Added": r.GridCardsAdded, "Merged": r.GridCardsMerged}, widget.MediumImportance)
	}
	if len(r.GridCardConflicts) > 0 {
		line("ui.kit.report.card_conflicts", map[string]any{"Count": len(r.GridCardConflicts), "Names": strings.Join(r.GridCardConflicts, sep)}, widget.WarningImportance)
	}
	if r.PhoneChanges+r.Devices+r.DeviceChanges > 0 {
		line("ui.kit.report.records", map[string]any{"PhoneChanges": r.PhoneChanges, "Devices": r.Devices, "DeviceChanges": r.DeviceChanges}, widget.MediumImportance)
	}
	if !r.Changed() {
		line("ui.kit.report.nothing_new", nil, widget.MediumImportance)
	}
	return items
}
