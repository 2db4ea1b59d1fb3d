package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
)

// page is a screen shown in place of the account list, under a bar with a
// Back button and its title: an account's details, the grid cards, an
// import. Pages stack; Back or Escape returns to the one below, and the last
// one to the list.
//
// A page is built afresh from the vault whenever the vault changes (a save
// from any page), the language changes or the page comes back to the top,
// so build reads everything it shows from v.vault and keeps no copy.
type page struct {
	// title is the page's title in the current language.
	title func() string
	// build makes the page's content. It may call v.onTick for parts that
	// change every second, such as a code.
	build func() fyne.CanvasObject
	// tab is the selected tab of a page with tabs, kept across rebuilds.
	tab int
}

// accountTab is one tab of an account's page.
type accountTab struct {
	key string // translation key of the tab's title
	// build makes the tab's content for account a, or returns nil when
	// the tab has nothing to offer.
	build func(v *view, a *vault.Account) fyne.CanvasObject
}

// accountTabs are the tabs of an account's page, in order.
func accountTabs() []accountTab {
	return []accountTab{
		{"ui.tab.account", (*view).accountTab},
		{"ui.tab.backup", (*view).backupTab},
		{"ui.tab.phones", (*view).phonesTab},
		{"ui.tab.recovery", (*view).recoveryTab},
		{"ui.tab.trouble", (*view).troubleTab},
	}
}

// tool is an entry of the tools menu: a page about the whole vault.
type tool struct {
	key  string        // translation key of the menu item and page title
	icon fyne.Resource // the menu item's icon
	// build makes the page's content, or is nil while the tool does not
	// exist in this build.
	build func(v *view) fyne.CanvasObject
}

// tools are the tools menu's entries, in order.
func tools() []tool {
	return []tool{
		{"ui.tool.grid", theme.GridIcon(), (*view).gridPage},
		{"ui.tool.phone_change", theme.MailComposeIcon(), (*view).phoneChangePage},
		{"ui.tool.readiness", theme.WarningIcon(), (*view).readinessPage},
		{"ui.tool.import", theme.DownloadIcon(), (*view).importPage},
		{"ui.tool.export", theme.UploadIcon(), (*view).exportPage},
	}
}

// toolsMenu is the menu behind the toolbar's menu button.
func (v *view) toolsMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, t := range tools() {
		item := fyne.NewMenuItem(v.msg.T(t.key), func() { v.openTool(t) })
		item.Icon = t.icon
		items = append(items, item)
	}
	return fyne.NewMenu("", items...)
}

// openTool opens a tool's page over the list.
func (v *view) openTool(t tool) {
	if v.vault == nil {
		return
	}
	v.openPage(&page{
		title: func() string { return v.msg.T(t.key) },
		build: func() fyne.CanvasObject { return t.build(v) },
	})
}

// openAccount opens the page of the account with id: its details and what
// Mamori keeps for getting back in, tab by tab.
func (v *view) openAccount(id string) {
	if v.vault == nil || v.vault.Account(id) == nil {
		return
	}
	var p *page
	p = v.accountPage(id, func(a *vault.Account) fyne.CanvasObject {
		tabs := container.NewAppTabs()
		for _, t := range accountTabs() {
			if content := t.build(v, a); content != nil {
				// Titles without icons: five tabs fit across the window
				// in both languages.
				tabs.Append(container.NewTabItem(v.msg.T(t.key), content))
			}
		}
		if p.tab < len(tabs.Items) {
			tabs.SelectIndex(p.tab)
		}
		tabs.OnSelected = func(*container.TabItem) { p.tab = tabs.SelectedIndex() }
		return tabs
	})
	v.openPage(p)
}

// accountPage is a page about the account with id, titled with its label:
// build shows the account as the vault holds it at each rebuild; once it is
// deleted, here or by another window, the page says it is gone.
func (v *view) accountPage(id string, build func(a *vault.Account) fyne.CanvasObject) *page {
	return &page{
		title: func() string {
			if a := v.vault.Account(id); a != nil {
				return a.Label()
			}
			return ""
		},
		build: func() fyne.CanvasObject {
			a := v.vault.Account(id)
			if a == nil {
				return wrapped(v.msg, usecase.Explain(vault.ErrNotFound).Text(v.msg))
			}
			return build(a)
		},
	}
}

// openPage puts p on top of the page stack and shows it.
func (v *view) openPage(p *page) {
	v.pages = append(v.pages, p)
	v.showPage()
}

// closePage goes back: to the page below, or to the list.
func (v *view) closePage() {
	if len(v.pages) == 0 {
		return
	}
	v.pages = v.pages[:len(v.pages)-1]
	if len(v.pages) > 0 {
		v.showPage()
		return
	}
	v.ticks = nil
	v.top.Show()
	if v.vault != nil {
		v.show(v.vault, nil)
	}
}

// closePages returns to the list from however many pages are open, for
// locking and errors.
func (v *view) closePages() {
	v.pages, v.ticks = nil, nil
	v.top.Show()
}

// showPage builds the top page and shows it in place of the list.
func (v *view) showPage() {
	p := v.pages[len(v.pages)-1]
	v.mode = modePage
	v.ticks = nil
	back := widget.NewButtonWithIcon(v.msg.T("ui.back"), theme.NavigateBackIcon(), v.closePage)
	title := widget.NewLabelWithStyle(p.title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	bar := container.NewBorder(nil, nil, back, nil, title)
	v.top.Hide()
	v.setBody(container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), nil, nil, nil, p.build()))
}

// onTick has fn called once a second while the page that is being built
// stays on screen, for a code or a countdown.
func (v *view) onTick(fn func()) { v.ticks = append(v.ticks, fn) }
