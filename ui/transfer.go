package ui

import (
	"bytes"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/private"
)

// maxPickedFile bounds what the import page reads from one file: the
// largest export the importer accepts, and then some for a recovery kit.
const maxPickedFile = 64 << 20

// transfer is what the Import and Export pages keep across rebuilds of the
// window (a save, a language switch), and the file dialogs they use, which
// tests replace.
type transfer struct {
	// openFile asks for a file to read and calls done with it, or with
	// nil when the person cancels.
	openFile func(done func(fyne.URIReadCloser, error))
	// saveFile asks where to write a file, suggesting name, and calls
	// done with it, or with nil when the person cancels.
	saveFile func(name string, done func(fyne.URIWriteCloser, error))
	// scryptWork is the scrypt work factor of passphrase kits; 0 keeps
	// age's default. Tests lower it.
	scryptWork int

	// imp and kit are the Import page's and the kit form's state, each for
	// the page it belongs to.
	imp *importState
	kit *kitForm
}

// forgetTransfers drops what the Import and Export pages hold (files read,
// accounts decrypted, a generated passphrase), when the app locks.
func (v *view) forgetTransfers() {
	if t := v.transfer; t != nil {
		if t.imp != nil {
			for _, f := range t.imp.files {
				clear(f.data)
			}
		}
		t.imp, t.kit = nil, nil
	}
}

// xfer returns the view's transfer state, made on first use with the
// real file dialogs.
func (v *view) xfer() *transfer {
	if v.transfer != nil {
		return v.transfer
	}
	v.transfer = &transfer{
		openFile: func(done func(fyne.URIReadCloser, error)) {
			d := dialog.NewFileOpen(done, v.win)
			d.Show() // before Resize, which needs the shown dialog
			d.Resize(v.dialogSize())
		},
		saveFile: func(name string, done func(fyne.URIWriteCloser, error)) {
			d := dialog.NewFileSave(done, v.win)
			d.SetFileName(name)
			d.Show()
			d.Resize(v.dialogSize())
		},
	}
	return v.transfer
}

// dialogSize is the size of a file dialog: as much of the window as it
// can take.
func (v *view) dialogSize() fyne.Size {
	s := v.win.Canvas().Size()
	return fyne.NewSize(max(s.Width-20, 300), max(s.Height-20, 300))
}

// topPage is the page on screen, or nil over the list.
func (v *view) topPage() *page {
	if len(v.pages) == 0 {
		return nil
	}
	return v.pages[len(v.pages)-1]
}

// refreshPage builds p again if it is still the page on screen; work done
// in the background calls it when it is finished.
func (v *view) refreshPage(p *page) {
	if p != nil && v.topPage() == p && v.mode == modePage {
		v.showPage()
	}
}

// pickedFile is a file chosen or dropped for import.
type pickedFile struct {
	name string
	data []byte
	err  error // why it could not be read
}

// readURI reads a chosen or dropped file, at most maxPickedFile bytes.
func readURI(u fyne.URI) pickedFile {
	f := pickedFile{name: u.Name()}
	r, err := storage.Reader(u)
	if err != nil {
		f.err = err
		return f
	}
	defer r.Close()
	f.data, f.err = readLimited(r)
	return f
}

// readLimited reads r whole, failing past maxPickedFile bytes.
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPickedFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxPickedFile {
		return nil, importer.ErrTooLarge
	}
	return data, nil
}

// dropped is called with files dropped on the window: it opens the Import
// page with them, or gives them to the Import page on screen.
func (v *view) dropped(_ fyne.Position, uris []fyne.URI) {
	if v.vault == nil || len(uris) == 0 {
		return
	}
	files := make([]pickedFile, 0, len(uris))
	for _, u := range uris {
		files = append(files, readURI(u))
	}
	t := v.xfer()
	if p := v.topPage(); p == nil || t.imp == nil || t.imp.page != p {
		p = &page{title: func() string { return v.msg.T("ui.tool.import") }}
		p.build = func() fyne.CanvasObject { return v.importPage() }
		t.imp = &importState{page: p}
		v.openPage(p)
	}
	t.imp.start(files)
	v.examine(t.imp)
}

// saveChosen asks where to save a file named name, then calls start (if
// not nil) and, in the background, write with the chosen place; the file
// is written there and nowhere else, readable by its owner only when it
// is a local file. done is called on the UI thread with the file's name,
// or the error; not at all when the person cancels.
func (v *view) saveChosen(name string, start func(), write func(io.Writer) error, done func(string, error)) {
	v.xfer().saveFile(name, func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			done("", err)
			return
		}
		if w == nil {
			return
		}
		if start != nil {
			start()
		}
		v.async(func() {
			err := writeSecret(w, write)
			fyne.Do(func() { done(w.URI().Name(), err) })
		})
	})
}

// writeSecret makes the file behind w private, then fills it with write.
// What write produces is built in memory first: a failure leaves the file
// empty rather than half-written.
func writeSecret(w fyne.URIWriteCloser, write func(io.Writer) error) error {
	var buf bytes.Buffer
	werr := write(&buf)
	if w.URI().Scheme() == "file" {
		// Fyne creates the file with the usual permissions; the secrets
		// must not be readable by other users even for a moment.
		if err := private.Restrict(w.URI().Path()); err != nil {
			w.Close()
			return err
		}
	}
	if werr == nil {
		_, werr = w.Write(buf.Bytes())
	}
	clear(buf.Bytes())
	if err := w.Close(); werr == nil && err != nil {
		werr = fmt.Errorf("writing the file: %w", err)
	}
	if werr != nil {
		// Nothing useful is left where the person chose: no empty or
		// half-written file.
		_ = storage.Delete(w.URI())
	}
	return werr
}

// problemLabel is a label for an error message, in the error colour.
func (v *view) problemLabel(s string) *widget.Label {
	l := wrapped(v.msg, s)
	l.Importance = widget.DangerImportance
	return l
}

// heading is a section title on the transfer pages.
func heading(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// listSep joins items of a list in msg's language.
func (v *view) listSep() string { return v.msg.T("ui.xfer.list_separator") }
