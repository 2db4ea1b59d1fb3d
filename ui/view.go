package ui

import (
	"errors"
	"fmt"
	"hash/fnv"
	"image/color"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/clipboard"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
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
	acct  vault.Account
	index int
	until time.Time
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

// load reads the vault (which may ask for a passphrase) and shows the
// result. It blocks, so the app calls it in a goroutine; it shows the result
// with fyne.Do.
func (v *view) load() {
	vlt, err := v.store.Load()
	fyne.Do(func() { v.show(vlt, err) })
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

// arrange puts the vault's accounts in list order (pinned first, then by
// tag, sorted as Settings say) and notes what search looks in. The caller
// filters them next.
func (v *view) arrange() {
	v.accounts = vault.Arrange(v.vault.Accounts, v.listOrder())
	v.keys = make([]string, len(v.accounts))
	v.grouped = false
	v.groups = map[string]string{}
	v.groupOf = make([]string, len(v.accounts))
	for i, a := range v.accounts {
		v.keys[i] = a.SearchKey()
		v.grouped = v.grouped || len(a.Tags) > 0
		g := vault.Fold(a.Group())
		if a.Pinned {
			g = "\x00"
		}
		v.groupOf[i] = g
		// A group's heading is spelled as its first account spells it,
		// whichever of its accounts a search shows first.
		if v.groups[g] == "" {
			v.groups[g] = a.Group()
		}
	}
	v.shown = nil // indices into the old list; filter makes them anew
}

// filter recomputes the shown accounts from the search text: those whose
// issuer, name or tags hold every word of it.
func (v *view) filter() {
	words := vault.QueryWords(v.query)
	v.shown = v.shown[:0]
	if !v.loaded {
		return
	}
	for i, k := range v.keys {
		if vault.MatchWords(k, words) {
			v.shown = append(v.shown, i)
		}
	}
	if refreshed := v.setHeadings(); !refreshed {
		v.list.Refresh()
	}
	v.updateStatus()
}

// setHeadings works out which shown accounts start a group (pinned, a tag,
// no tag) and gives their list items the room for the group's heading. With
// no tags in the vault, the list has no headings. It reports whether the
// list is refreshed already.
func (v *view) setHeadings() bool {
	headings := map[int]string{}
	if v.grouped {
		prev := "\x01" // no group
		for i, j := range v.shown {
			g := v.groupOf[j]
			if g == prev {
				continue
			}
			prev = g
			switch {
			case g == "\x00":
				headings[i] = v.msg.T("ui.group.pinned")
			case g == "":
				headings[i] = v.msg.T("ui.group.untagged")
			default:
				headings[i] = v.groups[g]
			}
		}
	}
	// The items whose height changes: those that gain or lose a heading.
	var changed []int
	for id := range headings {
		if _, ok := v.headings[id]; !ok {
			changed = append(changed, id)
		}
	}
	for id := range v.headings {
		if _, ok := headings[id]; !ok {
			changed = append(changed, id)
		}
	}
	v.headings = headings
	if len(changed) == 0 {
		return false
	}
	// A few changes are cheapest on the list as it is; each of them
	// refreshes the whole list, though, so many call for a new list.
	if len(changed) <= fewHeightChanges {
		if v.rowH[0] == 0 {
			v.rowH[0], v.rowH[1] = rowHeights(v)
		}
		for _, id := range changed {
			h := v.rowH[0]
			if _, ok := headings[id]; ok {
				h += v.rowH[1]
			}
			v.list.SetItemHeight(id, h)
		}
		return true
	}
	v.resetList()
	return true
}

// fewHeightChanges is the most items whose height setHeadings changes on
// the list as it is, rather than on a new list.
const fewHeightChanges = 8

// resetList puts a new list in place of the old one, with room for the
// headings. Fyne's List refreshes itself whole for each item height that
// changes, which with thousands of groups takes seconds; a list not yet on
// screen takes them at no cost. The new list keeps the old one's scroll
// position.
func (v *view) resetList() {
	if v.rowH[0] == 0 {
		v.rowH[0], v.rowH[1] = rowHeights(v)
	}
	old := v.list
	v.list = newAccountList(v)
	for id := range v.headings {
		v.list.SetItemHeight(id, v.rowH[0]+v.rowH[1])
	}
	if len(v.body.Objects) == 1 && v.body.Objects[0] == fyne.CanvasObject(old) {
		v.setBody(v.list)
		v.list.Resize(old.Size())
		v.list.ScrollToOffset(old.GetScrollOffset())
	}
}

// updateStatus shows how many accounts there are, unless a flash message
// such as "Copied" is still up.
func (v *view) updateStatus() {
	if !v.loaded || v.now().Before(v.flashUntil) {
		return
	}
	v.status.Importance = widget.LowImportance
	n := len(v.accounts)
	switch {
	case n == 0:
		// No accounts (a page open over the empty vault): nothing to count.
		v.status.SetText("")
	case len(v.shown) == 0:
		v.status.SetText(v.msg.T("ui.no_match", map[string]any{"Query": v.query}))
	case len(v.shown) < n:
		v.status.SetText(v.msg.T("ui.count.filtered", map[string]any{"Shown": len(v.shown), "Count": n}))
	case n == 1:
		v.status.SetText(v.msg.T("ui.count.one"))
	default:
		v.status.SetText(v.msg.T("ui.count", map[string]any{"Count": n}))
	}
}

// flash shows msg in the status bar for a few seconds.
func (v *view) flash(msg string) {
	v.flashUntil = v.now().Add(flashFor)
	// In the text colour, not the grey of the account count, so that
	// "Copied" is seen.
	v.status.Importance = widget.MediumImportance
	v.status.SetText(msg)
}

// tick runs once a second on the UI thread: it refreshes the codes and
// countdowns, ends flash messages and clears a code left on the clipboard.
func (v *view) tick() {
	now := v.now()
	if v.undo != nil {
		v.showUndo()
	}
	if v.loaded {
		if v.mode == modeList {
			v.list.Refresh()
		}
		if !now.Before(v.flashUntil) {
			v.updateStatus()
		}
	}
	for _, fn := range v.ticks {
		fn()
	}
	v.checkIdle(now)
	v.refreshTray(now)
	v.checkLockouts(now)
	if v.copiedCode != "" {
		if d := v.clipboardDelay(); d > 0 && now.Sub(v.copiedAt) >= d {
			if v.clearClipboard() {
				v.flash(v.msg.T("ui.clipboard.cleared"))
			}
		}
	}
}

// clearClipboard empties the clipboard if it still holds the code Mamori put
// there, and forgets that code; it reports whether it cleared anything.
func (v *view) clearClipboard() bool {
	if v.copiedCode == "" {
		return false
	}
	cleared := v.secretClipboard().ClearIf(v.copiedCode)
	v.copiedCode = ""
	return cleared
}

// copyCode puts code on the clipboard.
func (v *view) copyCode(a vault.Account, code string) {
	if code == "" {
		v.flash(v.msg.T("ui.copy.failed", map[string]any{"Label": a.Label()}))
		return
	}
	v.copySecret(code)
	if d := v.clipboardDelay(); d > 0 {
		v.flash(v.msg.T("ui.copied", map[string]any{"Label": a.Label(), "Seconds": int(d.Seconds())}))
	} else {
		v.flash(v.msg.T("ui.copied.keep", map[string]any{"Label": a.Label()}))
	}
}

// copyTop copies the code of the first account the search shows (Enter).
func (v *view) copyTop() {
	if !v.loaded {
		return
	}
	if len(v.shown) == 0 {
		v.flash(v.msg.T("ui.no_match", map[string]any{"Query": v.query}))
		return
	}
	v.copyAccount(v.accounts[v.shown[0]])
}

// copyAccount copies a's current code; an HOTP code only once it is shown.
func (v *view) copyAccount(a vault.Account) {
	switch {
	case !a.HasOTP():
		v.copyCode(a, "")
	case a.OTP.Type == otp.HOTP:
		h, ok := v.hotp[a.ID]
		if !ok {
			v.flash(v.msg.T("ui.copy.hotp", map[string]any{"Label": a.Label()}))
			return
		}
		v.copyCode(a, h.code)
	default:
		code, err := a.Code(v.now())
		if err != nil {
			code = ""
		}
		v.copyCode(a, code)
	}
}

// nextHOTP advances the counter of an HOTP account and saves the vault, and
// only once that is saved shows the code of the counter value it had, so no
// code is ever shown twice.
func (v *view) nextHOTP(id string) {
	if v.busy[id] {
		return
	}
	v.busy[id] = true
	v.list.Refresh()
	v.async(func() {
		var shown hotp
		var updated vault.Account
		_, err := v.store.Update(func(vlt *vault.Vault) error {
			a := vlt.Account(id)
			if a == nil {
				return vault.ErrNotFound
			}
			if a.OTP.Type != otp.HOTP {
				return fmt.Errorf("%w: not an HOTP account", otp.ErrNotTimeBased)
			}
			code, err := a.OTP.HOTP(a.OTP.Counter)
			if err != nil {
				return err
			}
			shown = hotp{code: code, counter: a.OTP.Counter}
			a.OTP.Counter++
			a.Updated = v.now().UTC()
			updated = *a
			return nil
		})
		fyne.Do(func() {
			delete(v.busy, id)
			if err != nil {
				v.flash(v.msg.T("ui.hotp.failed", map[string]any{"Error": v.readable(err).Error()}))
				v.list.Refresh()
				return
			}
			for i := range v.accounts {
				if v.accounts[i].ID == id {
					v.accounts[i] = updated
				}
			}
			v.hotp[id] = shown
			v.flash(v.msg.T("ui.hotp.shown", map[string]any{"Counter": shown.counter}))
			v.list.Refresh()
		})
	})
}

func (v *view) setBody(o fyne.CanvasObject) {
	v.body.Objects = []fyne.CanvasObject{o}
	v.body.Refresh()
}

// showMessage replaces the list with one centred line, e.g. while loading.
func (v *view) showMessage(msg string) {
	v.closePages()
	v.loaded = false
	v.mode = modeMessage
	v.status.SetText("")
	l := widget.NewLabel(msg)
	l.Alignment = fyne.TextAlignCenter
	v.setBody(container.NewCenter(l))
}

// emptyState tells a person with no accounts how to add one.
func (v *view) emptyState() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(v.msg.T("ui.empty.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	body := widget.NewLabel(v.msg.T("ui.empty.body"))
	body.Wrapping = wrapping(v.msg)
	example := widget.NewLabel(v.msg.T("ui.empty.example"))
	example.TextStyle = fyne.TextStyle{Monospace: true}
	example.Wrapping = fyne.TextWrapBreak
	example.Selectable = true
	after := widget.NewLabel(v.msg.T("ui.empty.after", map[string]any{"Dir": v.store.Dir()}))
	after.Wrapping = wrapping(v.msg)
	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(96))
	addBtn := widget.NewButtonWithIcon(v.msg.T("ui.add"), theme.ContentAddIcon(), v.showAdd)
	addBtn.Importance = widget.HighImportance
	return container.NewPadded(container.NewVBox(
		layout.NewSpacer(), icon, title, body, example, after,
		container.NewCenter(container.NewHBox(addBtn,
			widget.NewButtonWithIcon(v.msg.T("ui.reload"), theme.ViewRefreshIcon(), v.reload))),
		layout.NewSpacer(),
	))
}

// showError explains why the vault could not be opened and offers what can
// be done about it; nothing is written until the person chooses.
func (v *view) showError(err error) {
	v.closePages()
	v.vault = nil
	v.loaded = false
	v.mode, v.lastErr = modeError, err
	v.accounts, v.keys, v.shown = nil, nil, nil
	v.status.SetText("")
	title := widget.NewLabelWithStyle(v.msg.T("ui.error.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	why := widget.NewLabel(errorText(v.msg, err))
	why.Wrapping = wrapping(v.msg)
	detail := widget.NewLabel(v.msg.T("ui.error.detail", map[string]any{"Error": err.Error()}))
	detail.Wrapping = wrapping(v.msg)
	detail.Importance = widget.LowImportance
	detail.Selectable = true
	items := []fyne.CanvasObject{title, why}
	buttons := []fyne.CanvasObject{widget.NewButtonWithIcon(v.msg.T("ui.retry"), theme.ViewRefreshIcon(), v.reload)}
	var damaged *vault.DamagedError
	if errors.As(err, &damaged) {
		if b := damaged.Backup; b != nil {
			data := map[string]any{
				"Saved":      b.Saved.Local().Format("2006-01-02 15:04"),
				"Generation": b.Generation,
				"Accounts":   b.Accounts,
			}
			items = append(items, wrapped(v.msg, v.msg.T("ui.error.backup", data)))
			restore := widget.NewButtonWithIcon(v.msg.T("ui.restore"), theme.HistoryIcon(), func() { v.confirmRestore(data) })
			restore.Importance = widget.HighImportance
			buttons = append([]fyne.CanvasObject{restore}, buttons...)
		} else {
			items = append(items, wrapped(v.msg, v.msg.T("ui.error.no_backup")))
		}
	}
	items = append(items, detail, container.NewHBox(buttons...))
	icon := widget.NewIcon(theme.ErrorIcon())
	v.setBody(container.NewPadded(container.NewBorder(nil, nil, container.NewVBox(icon), nil,
		container.NewVBox(items...))))
}

func (v *view) confirmRestore(data map[string]any) {
	d := dialog.NewCustomConfirm(v.msg.T("ui.restore.title"), v.msg.T("ui.yes"), v.msg.T("ui.no"), wrapped(v.msg, v.msg.T("ui.restore.confirm", data)), func(ok bool) {
		if !ok {
			return
		}
		v.showMessage(v.msg.T("ui.loading"))
		v.async(func() {
			vlt, err := v.store.RestoreBackup()
			fyne.Do(func() {
				v.show(vlt, err)
				if err == nil {
					v.flash(v.msg.T("ui.restore.done"))
				}
			})
		})
	}, v.win)
	d.Resize(fyne.NewSize(440, d.MinSize().Height))
	d.Show()
}

// wrapped is a label showing s, a text in msg's language, that wraps: at
// spaces in English, anywhere in Japanese, which has no spaces between
// words.
func wrapped(msg *assets.Catalog, s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = wrapping(msg)
	return l
}

// wrapping is how labels in msg's language wrap.
func wrapping(msg *assets.Catalog) fyne.TextWrap {
	if msg.Lang() == assets.LangJapanese {
		return fyne.TextWrapBreak
	}
	return fyne.TextWrapWord
}

// errorText is what a person reads about err, in msg's language; the
// details follow separately.
func errorText(msg *assets.Catalog, err error) string {
	switch {
	case errors.Is(err, vault.ErrNewerVersion):
		return msg.T("ui.error.newer")
	case errors.Is(err, vault.ErrDamaged):
		return msg.T("ui.error.damaged")
	case errors.Is(err, vault.ErrKeyMissing):
		return msg.T("ui.error.key")
	case errors.Is(err, vault.ErrWrongPassphrase):
		return msg.T("ui.error.wrong_pass")
	case errors.Is(err, errCancelled):
		return msg.T("ui.error.cancelled")
	case errors.Is(err, vault.ErrPassphraseRequired):
		return msg.T("ui.error.need_pass")
	case errors.Is(err, keystore.ErrUnavailable):
		return msg.T("ui.error.keyring")
	}
	return msg.T("ui.error.other")
}

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
		container.NewStack(r.badge, container.NewCenter(r.badgeText)))
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

// lock forgets the vault's key and shows the locked screen, when the vault
// has an app passphrase to unlock it with again; without one, locking would
// not protect anything, and the window says so.
func (v *view) lock() {
	info, err := v.store.Info()
	if err != nil || !info.Passphrase {
		v.flash(v.msg.T("ui.lock.no_pass"))
		return
	}
	v.store.Lock()
	v.clearClipboard()
	v.closePages()
	// Dialogs go too: an edit form, or anything else of the vault, must
	// not stay over the locked screen.
	ov := v.win.Canvas().Overlays()
	for o := ov.Top(); o != nil; o = ov.Top() {
		ov.Remove(o)
	}
	v.search.SetText("")
	v.vault, v.accounts, v.keys, v.shown = nil, nil, nil, nil
	v.hotp = map[string]hotp{}
	v.undo = nil // a deleted account is not kept past locking
	v.forgetTransfers()
	v.forgetVault()
	v.showUndo()
	v.showLocked()
	v.updateTray()
}

// showLocked is the locked screen: nothing of the vault, and a button that
// asks for the passphrase.
func (v *view) showLocked() {
	v.loaded = false
	v.mode = modeLocked
	v.status.SetText("")
	title := widget.NewLabelWithStyle(v.msg.T("ui.locked.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	body := widget.NewLabel(v.msg.T("ui.locked.body"))
	body.Alignment = fyne.TextAlignCenter
	unlock := widget.NewButtonWithIcon(v.msg.T("ui.pass.ok"), theme.LoginIcon(), v.reload)
	unlock.Importance = widget.HighImportance
	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(96))
	v.setBody(container.NewCenter(container.NewVBox(icon, title, body, container.NewCenter(unlock))))
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
