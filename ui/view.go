package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
)

const (
	// flashFor is how long a message such as "Copied" stays in the status bar.
	flashFor = 3 * time.Second
	// clipboardFor is how long a copied code may stay on the clipboard; after
	// that it is cleared if the clipboard still holds it.
	clipboardFor = 45 * time.Second
	// urgentBelow is the time left at which a code turns to the error colour.
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

	accounts []vault.Account
	shown    []int // indices into accounts that pass the search
	query    string
	loaded   bool            // accounts are on screen (not an error or empty state)
	hotp     map[string]hotp // HOTP codes shown, by account ID
	busy     map[string]bool // HOTP accounts whose counter is being saved

	copiedCode string
	copiedAt   time.Time
	flashUntil time.Time

	search  *widget.Entry
	list    *widget.List
	status  *widget.Label
	body    *fyne.Container // holds exactly one of the states
	content fyne.CanvasObject
}

// hotp is an HOTP code that was shown, with the counter value it came from.
type hotp struct {
	code    string
	counter uint64
}

// newView builds the window content for store; call load to fill it.
func newView(a fyne.App, w fyne.Window, store *vault.Store) *view {
	v := &view{
		app:   a,
		win:   w,
		store: store,
		now:   time.Now,
		async: func(f func()) { go f() },
		hotp:  map[string]hotp{},
		busy:  map[string]bool{},
	}
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder(tr("ui.search"))
	v.search.OnChanged = func(q string) {
		v.query = q
		v.filter()
	}
	reload := widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), v.reload)
	v.list = widget.NewList(
		func() int { return len(v.shown) },
		func() fyne.CanvasObject { return newAccountRow(v) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(v.shown) {
				o.(*accountRow).set(v.accounts[v.shown[id]], v.now())
			}
		},
	)
	v.list.OnSelected = func(widget.ListItemID) { v.list.UnselectAll() }
	v.status = widget.NewLabel("")
	v.status.Importance = widget.LowImportance
	v.status.Truncation = fyne.TextTruncateEllipsis
	v.body = container.NewStack()
	top := container.NewBorder(nil, nil, nil, reload, v.search)
	v.content = container.NewBorder(top, v.status, nil, nil, v.body)
	v.showMessage(tr("ui.loading"))
	return v
}

// reload reads the vault again, in the background.
func (v *view) reload() {
	v.showMessage(tr("ui.loading"))
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
	v.accounts = append([]vault.Account(nil), vlt.Accounts...)
	v.hotp = map[string]hotp{}
	if len(v.accounts) == 0 {
		v.loaded = false
		v.setBody(v.emptyState())
		v.status.SetText("")
		return
	}
	v.loaded = true
	v.setBody(v.list)
	v.filter()
}

// filter recomputes the shown accounts from the search text.
func (v *view) filter() {
	q := searchKey(v.query)
	v.shown = v.shown[:0]
	for i, a := range v.accounts {
		if q == "" || strings.Contains(searchKey(a.Issuer), q) || strings.Contains(searchKey(a.Name), q) {
			v.shown = append(v.shown, i)
		}
	}
	v.list.Refresh()
	v.updateStatus()
}

// updateStatus shows how many accounts there are, unless a flash message
// such as "Copied" is still up.
func (v *view) updateStatus() {
	if !v.loaded || v.now().Before(v.flashUntil) {
		return
	}
	n := len(v.accounts)
	switch {
	case len(v.shown) == 0:
		v.status.SetText(tr("ui.no_match", map[string]any{"Query": v.query}))
	case len(v.shown) < n:
		v.status.SetText(tr("ui.count.filtered", map[string]any{"Shown": len(v.shown), "Count": n}))
	case n == 1:
		v.status.SetText(tr("ui.count.one"))
	default:
		v.status.SetText(tr("ui.count", map[string]any{"Count": n}))
	}
}

// flash shows msg in the status bar for a few seconds.
func (v *view) flash(msg string) {
	v.flashUntil = v.now().Add(flashFor)
	v.status.SetText(msg)
}

// tick runs once a second on the UI thread: it refreshes the codes and
// countdowns, ends flash messages and clears a code left on the clipboard.
func (v *view) tick() {
	now := v.now()
	if v.loaded {
		v.list.Refresh()
		if !now.Before(v.flashUntil) {
			v.updateStatus()
		}
	}
	if v.copiedCode != "" && now.Sub(v.copiedAt) >= clipboardFor {
		cb := v.app.Clipboard()
		if cb.Content() == v.copiedCode {
			cb.SetContent("")
		}
		v.copiedCode = ""
	}
}

// copyCode puts code on the clipboard.
func (v *view) copyCode(a vault.Account, code string) {
	if code == "" {
		v.flash(tr("ui.copy.failed", map[string]any{"Label": a.Label()}))
		return
	}
	v.app.Clipboard().SetContent(code)
	v.copiedCode, v.copiedAt = code, v.now()
	v.flash(tr("ui.copied", map[string]any{"Label": a.Label()}))
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
				v.flash(tr("ui.hotp.failed", map[string]any{"Error": err.Error()}))
				v.list.Refresh()
				return
			}
			for i := range v.accounts {
				if v.accounts[i].ID == id {
					v.accounts[i] = updated
				}
			}
			v.hotp[id] = shown
			v.flash(tr("ui.hotp.shown", map[string]any{"Counter": shown.counter}))
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
	v.loaded = false
	v.status.SetText("")
	l := widget.NewLabel(msg)
	l.Alignment = fyne.TextAlignCenter
	v.setBody(container.NewCenter(l))
}

// emptyState tells a person with no accounts how to add one.
func (v *view) emptyState() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(tr("ui.empty.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	body := widget.NewLabel(tr("ui.empty.body"))
	body.Wrapping = fyne.TextWrapWord
	example := widget.NewLabel(tr("ui.empty.example"))
	example.TextStyle = fyne.TextStyle{Monospace: true}
	example.Wrapping = fyne.TextWrapBreak
	example.Selectable = true
	after := widget.NewLabel(tr("ui.empty.after", map[string]any{"Dir": v.store.Dir()}))
	after.Wrapping = fyne.TextWrapWord
	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(96))
	return container.NewPadded(container.NewVBox(
		layout.NewSpacer(), icon, title, body, example, after,
		container.NewCenter(widget.NewButtonWithIcon(tr("ui.reload"), theme.ViewRefreshIcon(), v.reload)),
		layout.NewSpacer(),
	))
}

// showError explains why the vault could not be opened and offers what can
// be done about it; nothing is written until the person chooses.
func (v *view) showError(err error) {
	v.loaded = false
	v.accounts, v.shown = nil, nil
	v.status.SetText("")
	title := widget.NewLabelWithStyle(tr("ui.error.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	msg := widget.NewLabel(errorText(err))
	msg.Wrapping = fyne.TextWrapWord
	detail := widget.NewLabel(tr("ui.error.detail", map[string]any{"Error": err.Error()}))
	detail.Wrapping = fyne.TextWrapWord
	detail.Importance = widget.LowImportance
	detail.Selectable = true
	items := []fyne.CanvasObject{title, msg}
	buttons := []fyne.CanvasObject{widget.NewButtonWithIcon(tr("ui.retry"), theme.ViewRefreshIcon(), v.reload)}
	var damaged *vault.DamagedError
	if errors.As(err, &damaged) {
		if b := damaged.Backup; b != nil {
			data := map[string]any{
				"Saved":      b.Saved.Local().Format("2006-01-02 15:04"),
				"Generation": b.Generation,
				"Accounts":   b.Accounts,
			}
			items = append(items, wrapped(tr("ui.error.backup", data)))
			restore := widget.NewButtonWithIcon(tr("ui.restore"), theme.HistoryIcon(), func() { v.confirmRestore(data) })
			restore.Importance = widget.HighImportance
			buttons = append([]fyne.CanvasObject{restore}, buttons...)
		} else {
			items = append(items, wrapped(tr("ui.error.no_backup")))
		}
	}
	items = append(items, detail, container.NewHBox(buttons...))
	icon := widget.NewIcon(theme.ErrorIcon())
	v.setBody(container.NewPadded(container.NewBorder(nil, nil, container.NewVBox(icon), nil,
		container.NewVBox(items...))))
}

func (v *view) confirmRestore(data map[string]any) {
	dialog.ShowConfirm(tr("ui.restore.title"), tr("ui.restore.confirm", data), func(ok bool) {
		if !ok {
			return
		}
		v.showMessage(tr("ui.loading"))
		v.async(func() {
			vlt, err := v.store.RestoreBackup()
			fyne.Do(func() {
				v.show(vlt, err)
				if err == nil {
					v.flash(tr("ui.restore.done"))
				}
			})
		})
	}, v.win)
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// errorText is what a person reads about err; the details follow separately.
func errorText(err error) string {
	switch {
	case errors.Is(err, vault.ErrNewerVersion):
		return tr("ui.error.newer")
	case errors.Is(err, vault.ErrDamaged):
		return tr("ui.error.damaged")
	case errors.Is(err, vault.ErrKeyMissing):
		return tr("ui.error.key")
	case errors.Is(err, vault.ErrWrongPassphrase):
		return tr("ui.error.wrong_pass")
	case errors.Is(err, errCancelled):
		return tr("ui.error.cancelled")
	case errors.Is(err, vault.ErrPassphraseRequired):
		return tr("ui.error.need_pass")
	case errors.Is(err, keystore.ErrUnavailable):
		return tr("ui.error.keyring")
	}
	return tr("ui.error.other")
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
	left   *widget.Label
	copy   *widget.Button
	next   *widget.Button
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
	r.left = widget.NewLabel("")
	r.left.Alignment = fyne.TextAlignTrailing
	r.copy = widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() { r.v.copyCode(r.acct, r.code) })
	r.next = widget.NewButtonWithIcon(tr("ui.hotp.show"), theme.ViewRefreshIcon(), func() { r.v.nextHOTP(r.acct.ID) })
	r.ExtendBaseWidget(r)
	return r
}

func (r *accountRow) CreateRenderer() fyne.WidgetRenderer {
	// The seconds column is as wide as "30 s" so the codes line up.
	secs := container.NewCenter(container.NewGridWrap(
		fyne.NewSize(widget.NewLabel("88 s").MinSize().Width, r.left.MinSize().Height), r.left))
	right := container.NewHBox(r.next, container.NewCenter(r.digits), secs, container.NewCenter(r.copy))
	names := container.NewVBox(r.issuer, r.name)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, right, names))
}

// set shows account a as it is at time now.
func (r *accountRow) set(a vault.Account, now time.Time) {
	r.acct = a
	issuer, name := a.Issuer, a.Name
	if issuer == "" {
		issuer, name = a.Name, ""
	}
	r.issuer.SetText(issuer)
	r.name.SetText(name)

	r.code = ""
	r.next.Hide()
	r.left.SetText("")
	col := theme.Color(theme.ColorNamePrimary)
	var text string
	small := false // a word instead of digits
	switch {
	case !a.HasOTP():
		text, col, small = tr("ui.no_otp"), theme.Color(theme.ColorNameDisabled), true
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
		code, err := a.OTP.Code(now)
		if err != nil {
			text, col, small = tr("ui.code.error"), theme.Color(theme.ColorNameError), true
			break
		}
		r.code, text = code, groupCode(code)
		secs := secondsLeft(a.OTP.Remaining(now))
		r.left.SetText(tr("ui.seconds", map[string]any{"Seconds": secs}))
		if secs <= urgentBelow {
			col = theme.Color(theme.ColorNameError)
		}
	}
	if small {
		r.digits.TextSize = theme.TextSize()
	} else {
		r.digits.TextSize = theme.TextSize() * 2
	}
	r.digits.Text = text
	r.digits.Color = col
	r.digits.Refresh()
	if r.code == "" {
		r.copy.Disable()
	} else {
		r.copy.Enable()
	}
}
