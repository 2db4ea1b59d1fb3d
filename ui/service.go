package ui

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"net/url"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/service"
)

// serviceState is what the window knows of online services: the embedded
// directory, indexed off the UI thread on first need, each account's match
// and each brand icon as an SVG resource in the colour the theme allows,
// so a list row only looks them up. The maps are used on the UI thread
// only.
type serviceState struct {
	dir     *service.Directory
	ready   atomic.Bool // dir is indexed: rows may match without waiting
	warming atomic.Bool
	matches map[string]accountMatch
	logos   map[string]fyne.Resource // by slug and colour
	rasters map[string]image.Image   // the same, rasterised for list rows
}

// accountMatch is the service shown for an account (see
// service.Directory.AccountService).
type accountMatch struct {
	s             service.Service
	confirmed, ok bool
	// logo is the list row's icon, made for the background colour logoBG
	// (a theme change makes it again); nil for none.
	logo   image.Image
	logoBG color.Color
}

// svc returns the window's service state, made on first use.
func (v *view) svc() *serviceState {
	if v.services == nil {
		v.services = &serviceState{dir: service.New(), matches: map[string]accountMatch{}, logos: map[string]fyne.Resource{}, rasters: map[string]image.Image{}}
	}
	return v.services
}

// warmServices indexes the directory in the background, once; rows show
// letter avatars until it is done and their icons from the next refresh
// (the list refreshes every second).
func (v *view) warmServices() {
	st := v.svc()
	if st.warming.Swap(true) {
		return
	}
	v.async(func() {
		st.dir.Len()
		st.ready.Store(true)
	})
}

// accountService is the service shown for a, from the cache.
func (v *view) accountService(a vault.Account) accountMatch {
	m, _ := v.cachedMatch(a)
	return m
}

// cachedMatch is accountService with the cache's key, to store the row's
// icon under.
func (v *view) cachedMatch(a vault.Account) (accountMatch, string) {
	st := v.svc()
	k := a.ID + "\x00" + a.Issuer + "\x00" + a.Name + "\x00" + a.Service
	m, seen := st.matches[k]
	if !seen {
		m.s, m.confirmed, m.ok = st.dir.AccountService(a)
		st.matches[k] = m
	}
	return m, k
}

// rowLogo is the brand icon a list row shows for a, rasterised, or nil
// for the letter avatar: no service, no icon, or the directory not
// indexed yet.
func (v *view) rowLogo(a vault.Account) image.Image {
	if !v.svc().ready.Load() {
		v.warmServices()
		return nil
	}
	m, k := v.cachedMatch(a)
	if !m.ok {
		return nil
	}
	if bg := theme.Color(theme.ColorNameBackground); m.logoBG != bg {
		m.logo, m.logoBG = v.rasterLogo(m.s), bg
		v.svc().matches[k] = m
	}
	return m.logo
}

// rasterLogo is serviceLogo rasterised, made once per icon and colour;
// nil when s has no icon.
func (v *view) rasterLogo(s service.Service) image.Image {
	res := v.serviceLogo(s)
	if res == nil {
		return nil
	}
	st := v.svc()
	img, ok := st.rasters[res.Name()]
	if !ok {
		if r, err := rasterise(res.Content(), logoPixels); err == nil {
			img = r
		}
		st.rasters[res.Name()] = img // nil too: a broken icon is not drawn again
	}
	return img
}

// serviceLogo is s's brand icon in its brand colour, or in the theme's
// foreground colour where the brand colour would not stand out from the
// background (black on the dark theme, white or yellow on the light);
// nil when s has no icon. Each icon and colour is made once and kept, so
// Fyne rasterises it once per size.
func (v *view) serviceLogo(s service.Service) fyne.Resource {
	st := v.svc()
	ic, ok := st.dir.Icon(s.Icon)
	if !ok {
		return nil
	}
	var fill color.Color = ic.Color
	if bg := theme.Color(theme.ColorNameBackground); contrastRatio(fill, bg) < 2.5 {
		fill = theme.Color(theme.ColorNameForeground)
	}
	r, g, b, _ := fill.RGBA()
	k := fmt.Sprintf("%s-%02x%02x%02x", ic.Slug, r>>8, g>>8, b>>8)
	res, ok := st.logos[k]
	if !ok {
		res = fyne.NewStaticResource("service-"+k+".svg", ic.SVG(fill))
		st.logos[k] = res
	}
	return res
}

// contrastRatio is the WCAG contrast ratio of two colours (1 to 21).
func contrastRatio(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	ch := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

// newRowLogo is the image a list row shows its service's icon in, over
// the letter avatar, hidden until there is one.
func newRowLogo() *canvas.Image {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.Hide()
	return img
}

// showLogo shows a's brand icon in the row, or its letter avatar.
func (r *accountRow) showLogo(a vault.Account) {
	img := r.v.rowLogo(a)
	if img == nil {
		if !r.logo.Hidden {
			r.logo.Hide()
			r.badge.Show()
			r.badgeText.Show()
		}
		return
	}
	if r.logo.Image != img {
		r.logo.Image = img
		r.logo.Refresh()
	}
	if r.logo.Hidden {
		r.logo.Show()
		r.badge.Hide()
		r.badgeText.Hide()
	}
}

// methodNames are what s offers, in words (usecase.MethodNames).
func (v *view) methodNames(s service.Service) string { return usecase.MethodNames(s).Text(v.msg) }

// helpLink is a link to a help page, or nil when there is none.
func helpLink(text, raw string) *widget.Hyperlink {
	u, err := url.Parse(raw)
	if raw == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return nil
	}
	return widget.NewHyperlink(text, u)
}

// serviceRow is the account page's "Service" field: the service's icon and
// name and whether the person confirmed it, what second steps it offers,
// links to its 2FA and recovery help, and a button to confirm or change
// the match.
func (v *view) serviceRow(a vault.Account) fyne.CanvasObject {
	m := v.accountService(a)
	id := a.ID
	change := widget.NewButtonWithIcon(v.msg.T("ui.service.change"), theme.DocumentCreateIcon(), func() { v.chooseService(id) })
	change.Importance = widget.LowImportance
	if !m.ok {
		text := v.msg.T("ui.service.unknown")
		if m.confirmed {
			text = v.msg.T("ui.service.none_chosen")
		}
		l := wrapped(v.msg, text)
		l.Importance = widget.LowImportance
		return container.NewBorder(nil, nil, nil, container.NewCenter(change), l)
	}
	name := widget.NewLabelWithStyle(m.s.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var head fyne.CanvasObject = name
	if res := v.serviceLogo(m.s); res != nil {
		img := canvas.NewImageFromResource(res)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize()))
		head = container.NewBorder(nil, nil, img, nil, name)
	}
	how := v.msg.T("ui.service.guessed")
	buttons := container.NewHBox()
	if m.confirmed {
		how = v.msg.T("ui.service.confirmed")
	} else {
		domain := m.s.Domain
		confirm := widget.NewButtonWithIcon(v.msg.T("ui.service.confirm"), theme.ConfirmIcon(), func() { v.setService(id, domain) })
		confirm.Importance = widget.LowImportance
		buttons.Add(confirm)
	}
	buttons.Add(change)
	head = container.NewBorder(nil, nil, nil, buttons, head)
	state := widget.NewLabel(how)
	state.Importance = widget.LowImportance
	state.SizeName = theme.SizeNameCaptionText
	box := container.NewVBox(head, state, wrapped(v.msg, v.msg.T("ui.service.offers", map[string]any{"Methods": v.methodNames(m.s)})))
	if advice := v.serviceAdvice(a, m.s); advice != "" {
		l := wrapped(v.msg, advice)
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	links := container.NewHBox()
	if l := helpLink(v.msg.T("ui.service.docs"), m.s.Docs); l != nil {
		links.Add(l)
	}
	if l := helpLink(v.msg.T("ui.service.recovery"), m.s.Recovery); l != nil {
		links.Add(l)
	}
	if len(links.Objects) > 0 {
		box.Add(links)
	}
	return box
}

// serviceAdvice is what the readiness rules say of a, in words; "" when
// they say nothing.
func (v *view) serviceAdvice(a vault.Account, s service.Service) string {
	one := vault.New()
	one.Accounts = []vault.Account{a}
	for _, f := range v.svc().dir.Readiness(one) {
		if t, ok := v.serviceFindingText(f); ok {
			return t
		}
	}
	return ""
}

// serviceFindingText translates the readiness findings that come from
// what a service offers; ok is false for other findings.
func (v *view) serviceFindingText(f phone.Finding) (string, bool) {
	switch f.Code {
	case service.FindingSwitchFromSMS, service.FindingPhoneOnlyService:
		return v.message(usecase.FindingMessage(f)), true
	}
	return "", false
}

// chooseService opens the dialog to confirm or change the account's
// service: type to search the directory, pick one; or say it is with no
// known service, or let Mamori match it again.
func (v *view) chooseService(id string) {
	dir := v.svc().dir
	var found []service.Service
	var d dialog.Dialog
	results := widget.NewList(
		func() int { return len(found) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(found) {
				o.(*widget.Label).SetText(found[i].Name + " — " + found[i].Domain)
			}
		})
	results.OnSelected = func(i widget.ListItemID) {
		if i < len(found) {
			d.Hide()
			v.setService(id, found[i].Domain)
		}
	}
	search := v.newEntry()
	search.SetPlaceHolder(v.msg.T("ui.service.search"))
	search.OnChanged = func(s string) {
		found, _ = dir.Find(s)
		results.UnselectAll()
		results.Refresh()
	}
	if a := v.vault.Account(id); a != nil {
		search.SetText(a.Issuer)
	}
	none := widget.NewButton(v.msg.T("ui.service.set_none"), func() { d.Hide(); v.setService(id, service.None) })
	auto := widget.NewButton(v.msg.T("ui.service.set_auto"), func() { d.Hide(); v.setService(id, "") })
	body := container.NewBorder(search, container.NewGridWithColumns(2, none, auto), nil, nil, results)
	d = dialog.NewCustom(v.msg.T("ui.service.choose_title"), v.msg.T("ui.cancel"), body, v.win)
	d.Resize(fyne.NewSize(480, 420))
	d.Show()
	v.win.Canvas().Focus(search)
}

// setService records the person's choice of service for the account with
// id (usecase.SetAccountService) and shows the saved vault.
func (v *view) setService(id, choice string) {
	dir := v.svc().dir
	v.async(func() {
		_, err := usecase.New(v.store, v.now).SetAccountService(id, choice, dir)
		var vlt *vault.Vault
		if err == nil {
			vlt, err = v.store.Load()
		}
		fyne.Do(func() {
			if err != nil {
				text := v.readable(err).Error()
				if m, ok := usecase.ExplainKnown(err); ok {
					text = m.Text(v.msg)
				}
				v.flash(v.msg.T("ui.service.failed", map[string]any{"Error": text}))
				return
			}
			v.show(vlt, nil)
			v.flash(v.msg.T("ui.service.saved"))
		})
	})
}

// issuerSuggestions is shown under the add form's issuer field: as the
// issuer is typed, the service Mamori will match it to, with its icon, or
// up to three services whose names start with what is typed, to pick
// one (which fills in its name).
func (v *view) issuerSuggestions(issuer *formEntry) fyne.CanvasObject {
	box := container.NewHBox()
	box.Hide()
	dir := v.svc().dir
	item := func(s service.Service, onTap func()) fyne.CanvasObject {
		var icon fyne.Resource = theme.NavigateNextIcon()
		if res := v.serviceLogo(s); res != nil {
			icon = res
		}
		b := widget.NewButtonWithIcon(s.Name, icon, onTap)
		b.Importance = widget.LowImportance
		if onTap == nil {
			b.Disable()
		}
		return b
	}
	prev := issuer.OnChanged
	issuer.OnChanged = func(text string) {
		if prev != nil {
			prev(text)
		}
		box.RemoveAll()
		if s, ok := dir.Match(text, ""); ok {
			box.Add(widget.NewLabel(v.msg.T("ui.service.will_match")))
			box.Add(item(s, nil))
		} else {
			for _, s := range dir.Suggest(text, 3) {
				box.Add(item(s, func() { issuer.SetText(s.Name) }))
			}
		}
		if len(box.Objects) == 0 {
			box.Hide()
		} else {
			box.Show()
		}
		box.Refresh()
	}
	return box
}

// serviceDocsLink is a link to the 2FA help page of the account with id,
// where its phone number is changed; nil when Mamori knows none.
func (v *view) serviceDocsLink(id string) fyne.CanvasObject {
	a := v.vault.Account(id)
	if a == nil {
		return nil
	}
	m := v.accountService(*a)
	if !m.ok {
		return nil
	}
	if l := helpLink(v.msg.T("ui.service.change_number_here", map[string]any{"Name": m.s.Name}), m.s.Docs); l != nil {
		return l
	}
	return nil
}
