package ui

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/kit"
)

// maxSharedKey caps the size of a shared key file Join reads: the real one
// is well under a kilobyte.
const maxSharedKey = 64 << 10

// syncState is the data folder's watcher and the dialogs the vault folder's
// settings use, which tests replace.
type syncState struct {
	// stop stops the folder watcher; nil when none runs.
	stop chan struct{}
	// chooseFolder asks for a folder and calls done with it, or with nil
	// when the person cancels.
	chooseFolder func(done func(fyne.ListableURI, error))
	// point makes this machine open dir from now on
	// (vault.PointDefaultDir); it does nothing when MAMORI_HOME is set.
	point func(dir string) error
	// passphrase makes the shared key's passphrase (kit.GeneratePassphrase).
	passphrase func() (string, error)
}

// syncs returns the view's sync state, made on first use with the real
// dialogs.
func (v *view) syncs() *syncState {
	if v.sync != nil {
		return v.sync
	}
	v.sync = &syncState{
		chooseFolder: func(done func(fyne.ListableURI, error)) {
			d := dialog.NewFolderOpen(done, v.win)
			d.Show()
			d.Resize(v.dialogSize())
		},
		point: func(dir string) error {
			if os.Getenv("MAMORI_HOME") != "" {
				return nil
			}
			return vault.PointDefaultDir(dir)
		},
		passphrase: kit.GeneratePassphrase,
	}
	return v.sync
}

// syncSection is the Settings section for the vault folder: where it is,
// moving it (into a synced folder, say), and sharing its key with another
// desktop or joining one.
func (v *view) syncSection() *fyne.Container {
	dir := widget.NewLabel(v.store.Dir())
	dir.Wrapping = fyne.TextWrapBreak
	dir.Selectable = true
	dir.Importance = widget.LowImportance
	note := wrapped(v.msg, v.msg.T("sync.settings.note"))
	note.Importance = widget.LowImportance
	buttons := container.NewGridWithColumns(1,
		widget.NewButton(v.msg.T("sync.settings.move"), func() { v.chooseMove(func() { dir.SetText(v.store.Dir()) }) }),
		widget.NewButton(v.msg.T("sync.settings.share"), v.shareKey),
		widget.NewButton(v.msg.T("sync.settings.join"), v.joinKey),
	)
	return container.NewVBox(widget.NewLabel(v.msg.T("sync.settings.folder")), dir, note, buttons)
}

// moveTarget is where the vault goes when the person chose dir: dir itself
// when it is empty or not there, else a "Mamori" folder inside it (a sync
// engine's folder holds other files).
func moveTarget(dir string) string {
	entries, err := os.ReadDir(dir)
	if err == nil && len(entries) > 0 {
		return filepath.Join(dir, "Mamori")
	}
	return dir
}

// chooseMove asks for a folder, confirms where the vault goes, and moves it
// there; moved runs after a move, on the UI thread.
func (v *view) chooseMove(moved func()) {
	v.syncs().chooseFolder(func(u fyne.ListableURI, err error) {
		if err != nil {
			v.showSyncError(err, "sync.error.move")
			return
		}
		if u == nil {
			return
		}
		to := moveTarget(u.Path())
		dialog.ShowConfirm(v.msg.T("sync.move.title"), v.msg.T("sync.move.confirm", map[string]any{"Dir": to}), func(ok bool) {
			if ok {
				v.moveVault(to, moved)
			}
		}, v.win)
	})
}

// moveVault moves the vault to dir (Store.MoveTo), makes this machine open
// it there from now on, and switches the window to it.
func (v *view) moveVault(dir string, moved func()) {
	store, s := v.store, v.syncs()
	v.async(func() {
		to, err := store.MoveTo(dir)
		var pointErr error
		if err == nil {
			pointErr = s.point(to.Dir())
		}
		fyne.Do(func() {
			if err != nil {
				v.showSyncError(err, "sync.error.move")
				return
			}
			v.useStore(to)
			if moved != nil {
				moved()
			}
			if pointErr != nil {
				// The vault moved; only remembering where failed.
				v.showSyncError(pointErr, "sync.error.point")
				return
			}
			v.flash(v.msg.T("sync.flash.moved", map[string]any{"Dir": to.Dir()}))
		})
	})
}

// useStore makes the window show store's vault from now on, and watch its
// folder when it watched the old one.
func (v *view) useStore(store *vault.Store) {
	watching := v.sync != nil && v.sync.stop != nil
	v.stopWatching()
	v.store = store
	if watching {
		v.watchFolder()
	}
	v.reload()
}

// shareKey writes the vault key for another desktop to a file the person
// picks, encrypted with a generated passphrase that is shown once.
func (v *view) shareKey() {
	pass, err := v.syncs().passphrase()
	if err != nil {
		v.showSyncError(err, "sync.error.share")
		return
	}
	store := v.store
	v.xfer().saveFile("mamori-shared-key.age", func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.showSyncError(err, "sync.error.share")
			return
		}
		if w == nil {
			return
		}
		v.async(func() {
			err := store.ShareKey(w, pass)
			if cerr := w.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("writing the shared key: %w", cerr)
			}
			if err != nil {
				_ = storage.Delete(w.URI()) // no half-written key left behind
			}
			fyne.Do(func() {
				if err != nil {
					v.showSyncError(err, "sync.error.share")
					return
				}
				v.showSharedPassphrase(w.URI().Path(), pass)
			})
		})
	})
}

// showSharedPassphrase shows the shared key's passphrase, once, with a
// button that copies it.
func (v *view) showSharedPassphrase(path, pass string) {
	text := wrapped(v.msg, v.msg.T("sync.share.done", map[string]any{"Path": path}))
	shown := widget.NewLabelWithStyle(pass, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	shown.Selectable = true
	copyBtn := widget.NewButton(v.msg.T("sync.share.copy"), func() {
		v.app.Clipboard().SetContent(pass)
		v.copiedCode, v.copiedAt = pass, v.now() // cleared like a code
		v.flash(v.msg.T("sync.share.copied"))
	})
	d := dialog.NewCustom(v.msg.T("sync.share.title"), v.msg.T("ui.close"),
		container.NewVBox(text, shown, copyBtn), v.win)
	d.Resize(fyne.NewSize(440, d.MinSize().Height))
	d.Show()
}

// joinKey reads a shared key file the person picks, asks for its
// passphrase, stores the key on this machine (Store.JoinKey) and opens the
// vault with it.
func (v *view) joinKey() {
	v.xfer().openFile(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.showSyncError(err, "sync.error.join")
			return
		}
		if r == nil {
			return
		}
		b, err := io.ReadAll(io.LimitReader(r, maxSharedKey+1))
		r.Close()
		if err == nil && len(b) > maxSharedKey {
			err = vault.ErrNotSharedKey
		}
		if err != nil {
			v.showSyncError(err, "sync.error.join")
			return
		}
		v.askJoinPassphrase(b)
	})
}

// askJoinPassphrase asks for the passphrase of the shared key b and joins.
func (v *view) askJoinPassphrase(b []byte) {
	entry := v.newPasswordEntry()
	items := []*widget.FormItem{widget.NewFormItem(v.msg.T("sync.join.passphrase"), entry)}
	d := dialog.NewForm(v.msg.T("sync.join.title"), v.msg.T("sync.join.ok"), v.msg.T("ui.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		pass, store := entry.Text, v.store
		v.async(func() {
			err := store.JoinKey(bytes.NewReader(b), pass)
			fyne.Do(func() {
				if err != nil {
					v.showSyncError(err, "sync.error.join")
					return
				}
				v.reload()
				v.flash(v.msg.T("sync.flash.joined"))
			})
		})
	}, v.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
}

// showSyncError shows err in a dialog: the sync area's sentence when it
// knows err, else fallback with err made readable.
func (v *view) showSyncError(err error, fallback string) {
	if errors.Is(err, errCancelled) {
		return
	}
	dialog.ShowInformation(v.msg.T("ui.problem"), v.explain(err, fallback), v.win)
}
