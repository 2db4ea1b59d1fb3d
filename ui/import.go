package ui

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/kit"
	"github.com/mamori-app/mamori/vault/kit/paper"
)

// importState is the Import page: the files chosen or dropped, the one on
// screen and what became of it. It lives as long as its page.
type importState struct {
	page  *page
	files []pickedFile
	at    int  // the file on screen
	busy  bool // a file is being read or decrypted

	// The file on screen, once looked at.
	format       importer.Format
	encrypted    bool
	needPassword bool
	res          *importer.Result // what Import will bring in
	done         *importDone      // what it brought in
	problem      string           // why nothing was imported, translated
	details      []string         // the lines or entries that failed

	// A recovery kit on screen.
	isKit     bool
	kitNeeds  error // kit.ErrNeedPassphrase or kit.ErrNeedIdentity
	kit       *kit.Kit
	kitReport *kit.Report // what merging it did
}

// importDone is the summary of an import.
type importDone struct {
	added    []string
	inVault  []string
	skipped  []importer.Skip
	warnings []importer.Warning
}

// start puts files on the page, the first one on screen.
func (st *importState) start(files []pickedFile) {
	st.files, st.at = files, 0
	st.reset()
}

// reset forgets what was learnt about the file on screen.
func (st *importState) reset() {
	*st = importState{page: st.page, files: st.files, at: st.at}
}

// current is the file on screen, or nil.
func (st *importState) current() *pickedFile {
	if st.at < len(st.files) {
		return &st.files[st.at]
	}
	return nil
}

// importState returns the state of the Import page on screen, new when
// the page is.
func (v *view) importState() *importState {
	t := v.xfer()
	p := v.topPage()
	if t.imp == nil || t.imp.page != p {
		t.imp = &importState{page: p}
	}
	return t.imp
}

// importPage is the Import tool: choose or drop a file, see what it holds,
// then import it.
func (v *view) importPage() fyne.CanvasObject {
	st := v.importState()
	choose := widget.NewButtonWithIcon(v.msg.T("ui.imp.choose"), theme.FolderOpenIcon(), func() { v.chooseImport(st) })
	items := []fyne.CanvasObject{wrapped(v.msg, v.msg.T("ui.imp.intro")), container.NewHBox(choose), v.importSourcesView()}
	if f := st.current(); f != nil {
		items = append(items, widget.NewSeparator())
		if len(st.files) > 1 {
			items = append(items, heading(v.msg.T("ui.imp.file.of", map[string]any{"Name": f.name, "N": st.at + 1, "Total": len(st.files)})))
		} else {
			items = append(items, heading(v.msg.T("ui.imp.file", map[string]any{"Name": f.name})))
		}
		items = append(items, v.importFileView(st)...)
		if st.at+1 < len(st.files) && !st.busy {
			next := widget.NewButtonWithIcon(v.msg.T("ui.imp.next_file"), theme.NavigateNextIcon(), func() {
				st.at++
				st.reset()
				v.examine(st)
			})
			items = append(items, container.NewHBox(next))
		}
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(items...)))
}

// chooseImport asks for a file and puts it on the page.
func (v *view) chooseImport(st *importState) {
	v.xfer().openFile(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		f := pickedFile{name: r.URI().Name()}
		f.data, f.err = readLimited(r)
		r.Close()
		st.start([]pickedFile{f})
		v.examine(st)
	})
}

// examine looks at the file on screen: a recovery kit is opened when the
// person gives its passphrase or key; anything else is read at once (an
// encrypted export then asks for its password). Pictures are first looked
// at, in the background, as the pages of a paper kit.
func (v *view) examine(st *importState) {
	if st.at != 0 || len(st.files) == 0 || st.files[0].err != nil || importer.Detect(st.files[0].data) != importer.FormatQRImage {
		v.examineFile(st)
		return
	}
	files := st.files
	st.busy = true
	v.refreshPage(st.page)
	v.async(func() {
		armored, ok, err := paperKitFrom(files)
		merged := mergedPictures(files, ok)
		fyne.Do(func() {
			if len(st.files) == 0 || &st.files[0] != &files[0] {
				return // other files were chosen meanwhile
			}
			st.busy = false
			if merged != nil {
				// Several screenshots of QR codes (a Google export one code
				// at a time): read together, as the CLI does.
				st.files = []pickedFile{{name: v.msg.T("ui.imp.pictures", map[string]any{"Count": len(files)}), data: merged}}
			}
			if ok {
				// Photos or scans of a paper kit's pages: one kit.
				st.files = []pickedFile{{name: v.msg.T("ui.kit.import.pages", map[string]any{"Count": len(files)}), data: armored}}
				if err != nil {
					st.isKit, st.problem = true, v.paperKitError(err)
					v.refreshPage(st.page)
					return
				}
			}
			v.examineFile(st)
		})
	})
}

// examineFile looks at the file on screen, once it is known not to be
// the pages of a paper kit.
func (v *view) examineFile(st *importState) {
	f := st.current()
	switch {
	case f == nil:
	case f.err != nil:
		st.problem = v.importError(f.err)
	case kit.LooksLikeKit(f.data):
		st.isKit = true
		_, err := kit.Open(bytes.NewReader(f.data), kit.OpenOptions{})
		switch {
		case errors.Is(err, kit.ErrNeedPassphrase), errors.Is(err, kit.ErrNeedIdentity):
			st.kitNeeds = err
		case err != nil:
			st.problem = v.kitOpenError(err)
		}
	default:
		st.format = importer.DetectFile(f.name, f.data)
		v.parseImport(st, "")
		return
	}
	v.refreshPage(st.page)
}

// parseImport reads the file on screen with password (for an encrypted
// export; "" until the person gives one), in the background.
func (v *view) parseImport(st *importState, password string) {
	f := st.current()
	if f == nil {
		return
	}
	data, name := f.data, f.name
	st.busy = true
	v.refreshPage(st.page)
	v.async(func() {
		res, err := importer.Parse(data, importer.Options{Name: name, Passphrase: func() (string, error) { return password, nil }})
		fyne.Do(func() {
			if st.current() != f {
				return // another file is on screen now
			}
			st.busy = false
			if res.Format != importer.FormatUnknown {
				st.format = res.Format
			}
			st.encrypted = res.Encrypted
			st.problem, st.details, st.res = "", nil, nil
			switch {
			case err == nil:
				st.needPassword = false
				st.res = &res
			case errors.Is(err, importer.ErrPassphraseRequired) && res.Encrypted:
				st.needPassword = true
				if password != "" {
					st.problem = v.msg.T("ui.imp.error.no_password")
				}
			case errors.Is(err, importer.ErrWrongPassword):
				st.needPassword = true
				st.problem = v.importError(err)
				if st.format == importer.FormatEnteEncrypted {
					// Ente's export cannot tell the two apart.
					st.problem = v.msg.T("ui.imp.error.wrong_password_or_damaged")
				}
			default:
				st.problem, st.details = v.importError(err), v.entryErrors(err)
				if errors.Is(err, importer.ErrNoAccounts) {
					for _, s := range res.Skipped {
						st.details = append(st.details, v.skipLine(s))
					}
				}
			}
			v.refreshPage(st.page)
		})
	})
}

// importFileView shows what is known about the file on screen.
func (v *view) importFileView(st *importState) []fyne.CanvasObject {
	var items []fyne.CanvasObject
	if st.isKit {
		return v.kitImportView(st)
	}
	if st.format != importer.FormatUnknown {
		key := "ui.imp.detected"
		if st.encrypted {
			key = "ui.imp.detected.encrypted"
		}
		items = append(items, wrapped(v.msg, v.msg.T(key, map[string]any{"Format": v.formatName(st.format)})))
	}
	if st.busy {
		return append(items, wrapped(v.msg, v.msg.T("ui.imp.busy")), widget.NewProgressBarInfinite())
	}
	if st.problem != "" {
		items = append(items, v.problemLabel(st.problem))
		for _, d := range st.details {
			items = append(items, wrapped(v.msg, d))
		}
	}
	if st.needPassword {
		pass := v.newPasswordEntry()
		pass.SetPlaceHolder(v.msg.T("ui.imp.password.placeholder"))
		open := func() {
			if pass.Text == "" {
				return
			}
			v.parseImport(st, pass.Text)
		}
		pass.OnSubmitted = func(string) { open() }
		items = append(items,
			wrapped(v.msg, v.msg.T("ui.imp.password.ask", map[string]any{"Format": v.formatName(st.format)})),
			pass,
			container.NewHBox(widget.NewButtonWithIcon(v.msg.T("ui.imp.password.open"), theme.ConfirmIcon(), open)))
	}
	if st.done != nil {
		return append(items, v.importSummary(st.done)...)
	}
	if st.res != nil {
		items = append(items, v.importPreview(st)...)
	}
	return items
}

// importPreview says what Import will do, before anything is saved: the
// accounts that will come in, those the vault has already and the entries
// left out, and offers the Import button.
func (v *view) importPreview(st *importState) []fyne.CanvasObject {
	var fresh, inVault []string
	idx := v.vault.Index()
	for _, a := range st.res.Accounts {
		l := vault.Account{Issuer: a.Issuer, Name: a.Name}.Label()
		if idx.HasKey(a.Key) {
			inVault = append(inVault, l)
		} else {
			fresh = append(fresh, l)
		}
	}
	var items []fyne.CanvasObject
	if len(fresh) > 0 {
		items = append(items, heading(v.msg.T("ui.imp.preview.new", map[string]any{"Count": len(fresh)})))
		items = append(items, labelList(v, fresh)...)
	}
	if len(inVault) > 0 {
		items = append(items, heading(v.msg.T("ui.imp.preview.in_vault", map[string]any{"Count": len(inVault)})))
		items = append(items, labelList(v, inVault)...)
	}
	items = append(items, v.skippedView(st.res.Skipped, st.res.Warnings)...)
	if len(fresh) == 0 {
		return append(items, wrapped(v.msg, v.msg.T("ui.imp.preview.nothing_new")))
	}
	btn := widget.NewButtonWithIcon(v.msg.T("ui.imp.do", map[string]any{"Count": len(fresh)}), theme.DownloadIcon(), func() { v.doImport(st) })
	btn.Importance = widget.HighImportance
	return append(items, container.NewHBox(btn))
}

// labelList shows account labels, one a line.
func labelList(v *view, labels []string) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(labels))
	for i, l := range labels {
		out[i] = wrapped(v.msg, "• "+l)
	}
	return out
}

// skippedView lists the entries a file left out and its warnings.
func (v *view) skippedView(skipped []importer.Skip, warnings []importer.Warning) []fyne.CanvasObject {
	var items []fyne.CanvasObject
	if len(skipped) > 0 {
		items = append(items, heading(v.msg.T("ui.imp.preview.skipped", map[string]any{"Count": len(skipped)})))
		for _, s := range skipped {
			items = append(items, wrapped(v.msg, "• "+v.skipLine(s)))
		}
	}
	for _, w := range warnings {
		l := wrapped(v.msg, v.warningText(w))
		l.Importance = widget.WarningImportance
		items = append(items, l)
	}
	return items
}

// doImport saves the accounts of the file on screen, skipping those whose
// key the vault already holds, and shows what happened.
func (v *view) doImport(st *importState) {
	if st.res == nil {
		return
	}
	res := *st.res
	var r usecase.Imported
	f := st.current()
	st.busy = true
	v.refreshPage(st.page)
	v.run(func(s *usecase.Service) (*vault.Vault, error) {
		var err error
		r, err = s.ImportAccounts(res)
		return r.Vault, err
	}, func(err error) {
		if st.current() != f {
			// Another file is on screen now; the vault shows what came in.
			return
		}
		st.busy = false
		var es importer.EntryErrors
		switch {
		case errors.As(err, &es):
			st.res, st.problem, st.details = nil, v.importError(err), v.entryErrors(err)
			v.refreshPage(st.page)
			return
		case err != nil:
			st.problem = v.msg.T("ui.imp.error.save", map[string]any{"Error": err.Error()})
			v.refreshPage(st.page)
			return
		}
		d := &importDone{skipped: res.Skipped, warnings: res.Warnings}
		for _, i := range r.InVault {
			d.inVault = append(d.inVault, r.Accounts[i].Label())
		}
		for _, a := range r.Added() {
			d.added = append(d.added, a.Label())
		}
		st.res, st.done = nil, d
		// The file's secrets are in the vault now: not kept here.
		clear(f.data)
		f.data = nil
		v.refreshPage(st.page)
	})
}

// importSummary says what an import did.
func (v *view) importSummary(d *importDone) []fyne.CanvasObject {
	done := heading(v.msg.T("ui.imp.done", map[string]any{"Count": len(d.added)}))
	done.Importance = widget.SuccessImportance
	items := []fyne.CanvasObject{done}
	items = append(items, labelList(v, d.added)...)
	if len(d.inVault) > 0 {
		items = append(items, heading(v.msg.T("ui.imp.done.in_vault", map[string]any{"Count": len(d.inVault)})))
		items = append(items, labelList(v, d.inVault)...)
	}
	return append(items, v.skippedView(d.skipped, d.warnings)...)
}

// mergedPictures is the text of the QR codes of several pictures that are
// not a paper kit, read together with importer.ScanImages; nil when there
// is one file, or any is not a picture with a code (each is then read on
// its own).
func mergedPictures(files []pickedFile, paperKit bool) []byte {
	if paperKit || len(files) < 2 {
		return nil
	}
	images := make([][]byte, len(files))
	for i, f := range files {
		if f.err != nil {
			return nil
		}
		images[i] = f.data
	}
	text, _, err := importer.ScanImages(images)
	if err != nil {
		return nil
	}
	return text
}

// paperKitFrom reads files as photos or scans of the pages of a paper
// kit, when the first one holds a paper kit's QR codes: ok says they are,
// and armored is the kit their codes hold, or err why they do not fit
// together.
func paperKitFrom(files []pickedFile) (armored []byte, ok bool, err error) {
	if importer.Detect(files[0].data) != importer.FormatQRImage {
		return nil, false, nil
	}
	var codes []string
	for i, f := range files {
		if f.err != nil {
			return nil, true, f.err
		}
		texts, err := importer.ScanQR(f.data)
		if i == 0 && (err != nil || len(texts) == 0 || !strings.HasPrefix(texts[0], paper.Prefix)) {
			return nil, false, nil
		}
		if err != nil {
			return nil, true, fmt.Errorf("%s: %w", f.name, err)
		}
		codes = append(codes, texts...)
	}
	armored, err = paper.Assemble(codes)
	return armored, true, err
}
