package ui

import (
	"errors"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/clipboard"
	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
)

const (
	// flashFor is how long a message such as "Copied" stays in the status bar.
	flashFor = 3 * time.Second
	// undoFor is how long a deleted account can be put back.
	undoFor = 8 * time.Second
	// urgentBelow is the time left at which a code turns to the error colour
	// and the next code shows under it, so a person who is slow to type it
	// can wait for the next one.
	urgentBelow = 5
)

// errCancelled is returned to the store when the person closes the
// passphrase dialog.
var errCancelled = errors.New("unlocking was cancelled")

// view is the main window's content: the account list with live codes, or
// the state that stands in for it (opening, empty, error). Every field is
// read and written on Fyne's UI thread only; work that may block (the store,
// which can ask for a passphrase) runs in goroutines that report back with
// fyne.Do.
type view struct {
	app   fyne.App
	win   fyne.Window
	store *vault.Store
	now   func() time.Time
	// async runs blocking work (the store) off the UI thread; tests run it
	// in place.
	async func(func())

	// demo marks the window as "mamori --demo": a throwaway vault.
	demo bool
	// prefs holds the settings (language, clipboard delay), never secrets.
	prefs fyne.Preferences
	// getenv reads the locale variables when the language is automatic.
	getenv func(string) string
	// msg is every text the window shows, in the language of Settings or
	// the locale; applyLanguage replaces it and rebuild shows the new texts.
	msg *assets.Catalog

	mode     mode
	lastErr  error             // what showError showed, to show it again in a new language
	vault    *vault.Vault      // the vault as last loaded or saved; nil until then
	accounts []vault.Account   // in list order (vault.Arrange)
	keys     []string          // accounts' search keys (vault.Account.SearchKey)
	shown    []int             // indices into accounts that pass the search
	grouped  bool              // some account has tags: the list shows group headings
	groups   map[string]string // a tag's spelling in headings, by its folded form
	groupOf  []string          // accounts' groups, folded; "\x00" for pinned
	headings map[int]string    // group headings, by index into shown
	rowH     [2]float32        // a list item's height, and what a heading adds; 0 until measured
	query    string
	loaded   bool            // accounts are on screen (not an error or empty state)
	hotp     map[string]hotp // HOTP codes shown, by account ID
	busy     map[string]bool // HOTP accounts whose counter is being saved

	undo      *undo         // the last deleted account, while it can be undone
	addDialog dialog.Dialog // the add dialog last opened, for tests
	addForm   *addForm      // its fields
	editForm  *editForm     // the edit dialog last opened, for tests

	copiedCode string
	copiedAt   time.Time
	clip       clipboard.Clipboard // where secrets are copied (clip.go); nil: Fyne's
	flashUntil time.Time
	lastActive time.Time // the last key or pointer activity, for the idle lock
	askingPass int       // passphrase dialogs open for a load or save that waits on them

	// keyringNotice: explain once what the keyring protects (keyringnotice.go).
	keyringNotice, keyringNoticeOpen bool

	// trouble is the "Can't log in?" tab's state that outlives a page
	// rebuild (ui/trouble.go); nil until first used.
	trouble *troubleState

	trayShown string // what the tray menu shows (trayKey), to rebuild it when that changes

	pages []*page  // the pages open over the list, the top one last
	ticks []func() // what the top page updates every second

	// transfer is the Import and Export pages' state (transfer.go).
	transfer *transfer
	// services is what the window knows of online services (service.go);
	// nil until first used.
	services *serviceState
	// sync is the folder watcher and the vault folder's dialogs
	// (watch.go, settings_sync.go); nil until first used.
	sync *syncState
	// merging keeps merges of conflict copies (load, syncFromFolder) one
	// at a time; it is the one field goroutines other than the UI's use.
	merging sync.Mutex

	top     *fyne.Container // the search box and the toolbar
	search  *keyEntry
	list    *accountList
	status  *widget.Label
	undoBtn *widget.Button
	bottom  *fyne.Container // the status line and the Undo button
	body    *fyne.Container // holds exactly one of the states
	content fyne.CanvasObject
}

// mode is what the body of the window shows.
type mode int

const (
	modeMessage mode = iota // one line, such as "Opening the vault…"
	modeList                // the accounts
	modeEmpty               // how to add a first account
	modeError               // why the vault could not be opened
	modeLocked              // locked; a button unlocks
	modePage                // a page (v.pages) over the list
)

// undo is a deleted account kept in memory so that it can be put back.
type undo struct {
	deleted usecase.Deleted
	until   time.Time
}

// hotp is an HOTP code that was shown, with the counter value it came from.
type hotp struct {
	code    string
	counter uint64
}

// newView builds the window content for store; call load to fill it.
func newView(a fyne.App, w fyne.Window, store *vault.Store) *view {
	v := &view{
		app:    a,
		win:    w,
		store:  store,
		prefs:  a.Preferences(),
		getenv: os.Getenv,
		now:    time.Now,
		async:  func(f func()) { go f() },
		hotp:   map[string]hotp{},
		busy:   map[string]bool{},
	}
	v.applyLanguage()
	v.build()
	v.installShortcuts()
	w.SetOnDropped(v.dropped)
	if d, ok := a.(desktop.App); ok {
		d.SetSystemTrayIcon(appIcon())
	}
	v.showMessage(v.msg.T("ui.loading"))
	return v
}

// build makes the window's widgets afresh, in the current language, and puts
// them in the window; the body is left empty for the caller to fill.
func (v *view) build() {
	if v.demo {
		v.win.SetTitle(v.msg.T("ui.title.demo"))
	} else {
		v.win.SetTitle(v.msg.T("ui.title"))
	}
	query := v.query
	v.search = newKeyEntry(v)
	v.search.SetPlaceHolder(v.msg.T("ui.search"))
	v.search.SetText(query)
	v.search.OnChanged = func(q string) {
		v.query = q
		v.filter()
	}
	v.search.OnSubmitted = func(string) { v.copyTop() }
	add := widget.NewButtonWithIcon("", theme.ContentAddIcon(), v.showAdd)
	reload := widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), v.reload)
	lock := widget.NewButtonWithIcon("", theme.LogoutIcon(), v.lock)
	settings := widget.NewButtonWithIcon("", theme.SettingsIcon(), v.showSettings)
	help := widget.NewButtonWithIcon("", theme.HelpIcon(), v.showHelp)
	var more *widget.Button
	more = widget.NewButtonWithIcon("", theme.MenuIcon(), func() {
		widget.ShowPopUpMenuAtRelativePosition(v.toolsMenu(), v.win.Canvas(),
			fyne.NewPos(0, more.Size().Height), more)
	})
	v.list = newAccountList(v)
	v.headings, v.rowH = nil, [2]float32{} // the new list has no item heights set
	v.status = widget.NewLabel("")
	v.status.Importance = widget.LowImportance
	v.status.Truncation = fyne.TextTruncateEllipsis
	v.body = container.NewStack()
	v.undoBtn = widget.NewButtonWithIcon(v.msg.T("ui.undo"), theme.ContentUndoIcon(), v.undoDelete)
	v.undoBtn.Hide()
	v.top = container.NewBorder(nil, nil, nil, container.NewHBox(add, more, reload, lock, settings, help), v.search)
	var top fyne.CanvasObject = v.top
	if v.demo {
		banner := widget.NewLabel(v.msg.T("ui.demo.banner", map[string]any{"Passphrase": demoPassphrase}))
		banner.Importance = widget.WarningImportance
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
		bg.FillColor = withAlpha(bg.FillColor, 0x30)
		top = container.NewVBox(container.NewStack(bg, banner), top)
	}
	v.bottom = container.NewBorder(nil, nil, nil, v.undoBtn, v.status)
	v.content = newActivityWatcher(v, container.NewBorder(top, v.bottom, nil, nil, v.body))
	v.win.SetContent(v.content)
	v.showUndo()
}

// rebuild shows the window again in the current language, in the state it
// was in.
func (v *view) rebuild() {
	v.build()
	switch v.mode {
	case modeList:
		v.setBody(v.list)
		v.filter()
	case modeEmpty:
		v.setBody(v.emptyState())
	case modeError:
		v.showError(v.lastErr)
	case modeLocked:
		v.showLocked()
	case modePage:
		v.showPage()
	default:
		v.showMessage(v.msg.T("ui.loading"))
	}
	v.updateTray()
}

// reload reads the vault again, in the background.
func (v *view) reload() {
	v.hotp = map[string]hotp{}
	v.showMessage(v.msg.T("ui.loading"))
	v.async(v.load)
}

// load merges the conflict copies a sync engine left in the data folder
// (usecase.MergeCopies: what came in while the window was locked, say),
// reads the vault (either may ask for a passphrase) and shows the result.
// It blocks, so the app calls it in a goroutine; it shows the result with
// fyne.Do. A failed merge leaves the copies for next time and is only
// flashed: the vault still opens.
func (v *view) load() {
	v.merging.Lock()
	copies, mergeErr := usecase.New(v.store, nil).MergeCopies()
	v.merging.Unlock()
	vlt, err := v.store.Load()
	fyne.Do(func() {
		v.show(vlt, err)
		switch {
		case err != nil:
		case mergeErr != nil:
			v.flash(v.explain(mergeErr, "sync.error.merge"))
		default:
			v.tellMerged(copies)
		}
	})
}

// show puts a loaded vault, or the error that stopped it, on screen.
func (v *view) show(vlt *vault.Vault, err error) {
	if err != nil {
		v.showError(err)
		return
	}
	v.vault = vlt
	v.arrange()
	if len(v.pages) > 0 {
		// A page is open: it shows the saved vault, and the list waits
		// under it.
		v.loaded = true
		v.filter()
		v.showPage()
		v.updateTray()
		return
	}
	if len(v.accounts) == 0 {
		v.touch()
		v.loaded = false
		v.mode = modeEmpty
		v.setBody(v.emptyState())
		v.status.SetText("")
		v.updateTray()
		return
	}
	v.touch() // the idle time starts when the vault is open
	v.loaded = true
	v.mode = modeList
	// Filtered first: a list put on screen with nothing to show would lose
	// its scroll position.
	v.filter()
	v.setBody(v.list)
	v.updateTray()
	v.offerKeyringNotice()
}
