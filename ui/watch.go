package ui

import (
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"github.com/fsnotify/fsnotify"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/conflict"
)

// watchSettle is how long the data folder must be quiet after a sync
// engine's change before the window merges it: engines write a file in
// several steps, and often several files at once.
const watchSettle = time.Second

// syncRelevant reports whether a change to the file named name in the data
// folder may come from a sync engine: a conflict copy of the vault, or the
// vault file itself replaced.
func syncRelevant(name string) bool {
	base := filepath.Base(name)
	if base == vault.VaultFile {
		return true
	}
	_, ok := conflict.Recognise(vault.VaultFile, base)
	return ok
}

// folderWatch turns changes in the data folder into merges: after each run
// of relevant changes, once the folder has been quiet for settle, it calls
// run, and calls it again only after run returned (one at a time).
type folderWatch struct {
	// names are the paths of files that changed.
	names <-chan string
	// after is time.After; tests give a channel they fire themselves.
	after  func(time.Duration) <-chan time.Time
	settle time.Duration
	// run merges and reloads; it blocks.
	run func()
}

// loop runs until done is closed or names is closed.
func (f folderWatch) loop(done <-chan struct{}) {
	var timer <-chan time.Time
	for {
		select {
		case <-done:
			return
		case n, ok := <-f.names:
			if !ok {
				return
			}
			if syncRelevant(n) {
				timer = f.after(f.settle) // a later change starts the wait again
			}
		case <-timer:
			timer = nil
			f.run()
		}
	}
}

// watchFolder watches the data folder while the app runs and merges what a
// sync engine delivers into the window (syncFromFolder), until
// stopWatching. When the folder cannot be watched the app works as before:
// copies are merged the next time it opens the vault. Call it on the UI
// thread.
func (v *view) watchFolder() {
	v.stopWatching()
	done := make(chan struct{})
	names, err := watchNames(v.store.Dir(), done)
	if err != nil {
		return
	}
	v.syncs().stop = done
	fw := folderWatch{names: names, after: time.After, settle: watchSettle, run: v.syncFromFolder}
	go fw.loop(done)
}

// stopWatching stops watchFolder's watcher, if one runs.
func (v *view) stopWatching() {
	if s := v.sync; s != nil && s.stop != nil {
		close(s.stop)
		s.stop = nil
	}
}

// watchNames sends the path of each file created, written or renamed in
// dir until done is closed.
func watchNames(dir string, done <-chan struct{}) (<-chan string, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching the data folder: %w", err)
	}
	if err := w.Add(dir); err != nil {
		w.Close()
		return nil, fmt.Errorf("watching the data folder: %w", err)
	}
	names := make(chan string)
	go func() {
		defer w.Close()
		for {
			select {
			case <-done:
				return
			case e, ok := <-w.Events:
				if !ok {
					return
				}
				if e.Op&(fsnotify.Create|fsnotify.Write|fsnotify.Rename) == 0 {
					continue
				}
				select {
				case names <- e.Name:
				case <-done:
					return
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	return names, nil
}

// syncFromFolder merges the sync engine's conflict copies into the vault
// (usecase.MergeCopies), reads the vault again, and shows it with a word on
// what was merged. It does nothing while the window has no open vault
// (locked, opening, an error, a passphrase being asked), since merging
// would ask for the passphrase; and it leaves the window alone when the
// vault is the one on screen (the window's own save). It blocks: call it
// off the UI thread.
func (v *view) syncFromFolder() {
	var open bool
	var store *vault.Store
	fyne.DoAndWait(func() {
		open = v.vault != nil && v.askingPass == 0 && v.mode != modeLocked && v.mode != modeError
		store = v.store
	})
	if !open {
		return
	}
	v.merging.Lock()
	copies, err := usecase.New(store, nil).MergeCopies()
	v.merging.Unlock()
	if err != nil {
		fyne.Do(func() { v.flash(v.explain(err, "sync.error.merge")) })
		return
	}
	vlt, err := store.Load()
	fyne.Do(func() {
		if v.vault == nil || v.mode == modeLocked || v.store != store {
			return
		}
		if err != nil {
			v.flash(v.explain(err, "sync.error.merge"))
			return
		}
		if len(copies.Merged) == 0 && vlt.Generation == v.vault.Generation {
			return
		}
		v.show(vlt, nil)
		if len(copies.Merged) == 0 {
			v.flash(v.msg.T("sync.flash.reloaded"))
			return
		}
		v.tellMerged(copies)
	})
}
