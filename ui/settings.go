package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
)

// Preference keys. Fyne keeps preferences as plain JSON, so they hold
// settings only, never anything secret.
const (
	prefLanguage         = "language"                // auto, en or ja
	prefClipboardSeconds = "clipboard.clear_seconds" // 0: never clear
	prefListOrder        = "list.order"              // a vault.Order
)

// defaultClipboardSeconds is how long a copied code stays on the clipboard
// unless the person chooses otherwise.
const defaultClipboardSeconds = 20

// clipboardChoices are the delays Settings offers, in seconds; 0 is never.
var clipboardChoices = []int{10, 20, 30, 45, 60, 90, 0}

// listOrder is the order of the list within its groups, as Settings say.
func (v *view) listOrder() vault.Order {
	o := vault.Order(v.prefs.StringWithFallback(prefListOrder, string(vault.OrderVault)))
	if !slices.Contains(vault.Orders, o) {
		return vault.OrderVault
	}
	return o
}

// orderLabel names a list order in msg's language.
func orderLabel(msg *assets.Catalog, o vault.Order) string {
	switch o {
	case vault.OrderIssuer:
		return msg.T("ui.settings.order.issuer")
	case vault.OrderNewest:
		return msg.T("ui.settings.order.newest")
	}
	return msg.T("ui.settings.order.vault")
}

// setListOrder stores o and shows the list in it.
func (v *view) setListOrder(o vault.Order) {
	if o == v.listOrder() {
		return
	}
	v.prefs.SetString(prefListOrder, string(o))
	if v.vault != nil && v.loaded {
		v.arrange()
		v.filter()
	}
}

// langAuto is the Settings choice "the language of the locale". The app's
// texts are the "ui.*" keys of assets' catalogue, which the CLI reads too;
// the app keeps its own catalogue instead of Fyne's global localizer, so that
// the language can be switched in Settings without a restart, and so that a
// locale such as C or POSIX falls back to English silently.
const langAuto = "auto"

// languageChoices are the languages Settings offers.
var languageChoices = []string{langAuto, assets.LangEnglish, assets.LangJapanese}

// resolveLanguage turns the Settings choice (auto, en or ja) into a
// language: en or ja as chosen, else the locale's (assets.DetectLanguage).
func resolveLanguage(choice string, getenv func(string) string) string {
	switch choice {
	case assets.LangEnglish, assets.LangJapanese:
		return choice
	}
	return assets.DetectLanguage(getenv)
}

// clipboardDelay is how long a copied code may stay on the clipboard; 0
// means it is never cleared.
func (v *view) clipboardDelay() time.Duration {
	s := v.prefs.IntWithFallback(prefClipboardSeconds, defaultClipboardSeconds)
	if s <= 0 {
		return 0
	}
	return time.Duration(s) * time.Second
}

// applyLanguage loads the texts in the language of Settings, or of the
// locale when Settings say automatic; rebuild shows them. A broken
// translation file is a build defect the tests catch: the window then
// shows English, or keys, rather than failing.
func (v *view) applyLanguage() {
	v.msg, _ = assets.LoadCatalog(resolveLanguage(v.prefs.StringWithFallback(prefLanguage, langAuto), v.getenv))
}

// setLanguagePref stores choice (auto, en or ja) and shows the window in it.
func (v *view) setLanguagePref(choice string) {
	v.prefs.SetString(prefLanguage, choice)
	before := v.msg.Lang()
	v.applyLanguage()
	if v.msg.Lang() != before {
		v.rebuild()
	}
}

// languageLabel names a language choice in msg's language.
func languageLabel(msg *assets.Catalog, choice string) string {
	return msg.T("ui.settings.language." + choice)
}

// clipboardLabel names a clipboard delay in msg's language.
func clipboardLabel(msg *assets.Catalog, secs int) string {
	if secs <= 0 {
		return msg.T("ui.settings.clipboard.never")
	}
	return msg.T("ui.settings.seconds", map[string]any{"Seconds": secs})
}

// showSettings opens the Settings dialog: language, list order, clipboard
// delay, idle lock and the app passphrase.
// Changes apply when the dialog is confirmed.
func (v *view) showSettings() {
	var langLabels []string
	for _, c := range languageChoices {
		langLabels = append(langLabels, languageLabel(v.msg, c))
	}
	langSel := widget.NewSelect(langLabels, nil)
	current := v.prefs.StringWithFallback(prefLanguage, langAuto)
	langSel.SetSelected(languageLabel(v.msg, langAuto))
	for _, c := range languageChoices {
		if c == current {
			langSel.SetSelected(languageLabel(v.msg, c))
		}
	}

	var clipLabels []string
	for _, s := range clipboardChoices {
		clipLabels = append(clipLabels, clipboardLabel(v.msg, s))
	}
	clipSel := widget.NewSelect(clipLabels, nil)
	clipSel.SetSelected(clipboardLabel(v.msg, v.prefs.IntWithFallback(prefClipboardSeconds, defaultClipboardSeconds)))
	note := wrapped(v.msg, v.msg.T("ui.settings.clipboard.note"))
	note.Importance = widget.LowImportance

	var idleLabels []string
	for _, m := range idleLockChoices {
		idleLabels = append(idleLabels, v.idleLockLabel(m))
	}
	idleSel := widget.NewSelect(idleLabels, nil)
	idleSel.SetSelected(v.idleLockLabel(v.prefs.IntWithFallback(prefIdleLockMinutes, defaultIdleLockMinutes)))
	idleNote := wrapped(v.msg, v.msg.T("ui.settings.idle.note"))
	idleNote.Importance = widget.LowImportance

	var orderLabels []string
	for _, o := range vault.Orders {
		orderLabels = append(orderLabels, orderLabel(v.msg, o))
	}
	orderSel := widget.NewSelect(orderLabels, nil)
	orderSel.SetSelected(orderLabel(v.msg, v.listOrder()))
	orderNote := wrapped(v.msg, v.msg.T("ui.settings.order.note"))
	orderNote.Importance = widget.LowImportance

	form := container.NewVBox(
		widget.NewLabel(v.msg.T("ui.settings.language")), langSel,
		wrapped(v.msg, v.msg.T("ui.settings.clipboard")), clipSel, note,
		wrapped(v.msg, v.msg.T("ui.settings.idle")), idleSel, idleNote,
		wrapped(v.msg, v.msg.T("ui.settings.order")), orderSel, orderNote,
		v.passphraseSection(),
		v.syncSection(),
	)
	// The settings are taller than a small window: they scroll, in a
	// dialog that leaves room for its title and buttons.
	scroll := container.NewVScroll(form)
	maxH := v.win.Canvas().Size().Height - 160
	scroll.SetMinSize(fyne.NewSize(380, max(min(form.MinSize().Height, maxH), 200)))
	d := dialog.NewCustomConfirm(v.msg.T("ui.settings"), v.msg.T("ui.save"), v.msg.T("ui.cancel"), scroll, func(ok bool) {
		if !ok {
			return
		}
		if i := clipSel.SelectedIndex(); i >= 0 {
			v.prefs.SetInt(prefClipboardSeconds, clipboardChoices[i])
		}
		if i := idleSel.SelectedIndex(); i >= 0 {
			v.prefs.SetInt(prefIdleLockMinutes, idleLockChoices[i])
			v.touch()
		}
		if i := orderSel.SelectedIndex(); i >= 0 {
			v.setListOrder(vault.Orders[i])
		}
		if i := langSel.SelectedIndex(); i >= 0 {
			v.setLanguagePref(languageChoices[i])
		}
		v.flash(v.msg.T("ui.settings.saved"))
	}, v.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
}

// demoPassphrase is the demo vault's passphrase (cli.DemoPassphrase; ui
// cannot import the CLI), shown in the demo banner.
const demoPassphrase = "demo"
