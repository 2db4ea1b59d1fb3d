package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Preference keys. Fyne keeps preferences as plain JSON, so they hold
// settings only, never anything secret.
const (
	prefLanguage         = "language"                // auto, en or ja
	prefClipboardSeconds = "clipboard.clear_seconds" // 0: never clear
)

// defaultClipboardSeconds is how long a copied code stays on the clipboard
// unless the person chooses otherwise.
const defaultClipboardSeconds = 20

// clipboardChoices are the delays Settings offers, in seconds; 0 is never.
var clipboardChoices = []int{10, 20, 30, 45, 60, 90, 0}

// languageChoices are the languages Settings offers.
var languageChoices = []string{langAuto, langEnglish, langJapanese}

// clipboardDelay is how long a copied code may stay on the clipboard; 0
// means it is never cleared.
func (v *view) clipboardDelay() time.Duration {
	s := v.prefs.IntWithFallback(prefClipboardSeconds, defaultClipboardSeconds)
	if s <= 0 {
		return 0
	}
	return time.Duration(s) * time.Second
}

// applyLanguage sets the language from Settings, or from the locale when
// Settings say automatic.
func (v *view) applyLanguage() {
	setLanguage(resolveLanguage(v.prefs.StringWithFallback(prefLanguage, langAuto), v.getenv))
}

// setLanguagePref stores choice (auto, en or ja) and shows the window in it.
func (v *view) setLanguagePref(choice string) {
	v.prefs.SetString(prefLanguage, choice)
	before := language
	v.applyLanguage()
	if language != before {
		v.rebuild()
	}
}

func languageLabel(choice string) string { return tr("ui.settings.language." + choice) }

func clipboardLabel(secs int) string {
	if secs <= 0 {
		return tr("ui.settings.clipboard.never")
	}
	return tr("ui.settings.seconds", map[string]any{"Seconds": secs})
}

// showSettings opens the Settings dialog: language and clipboard delay.
// Changes apply when the dialog is confirmed.
func (v *view) showSettings() {
	var langLabels []string
	for _, c := range languageChoices {
		langLabels = append(langLabels, languageLabel(c))
	}
	langSel := widget.NewSelect(langLabels, nil)
	current := v.prefs.StringWithFallback(prefLanguage, langAuto)
	langSel.SetSelected(languageLabel(langAuto))
	for _, c := range languageChoices {
		if c == current {
			langSel.SetSelected(languageLabel(c))
		}
	}

	var clipLabels []string
	for _, s := range clipboardChoices {
		clipLabels = append(clipLabels, clipboardLabel(s))
	}
	clipSel := widget.NewSelect(clipLabels, nil)
	clipSel.SetSelected(clipboardLabel(v.prefs.IntWithFallback(prefClipboardSeconds, defaultClipboardSeconds)))
	note := wrapped(tr("ui.settings.clipboard.note"))
	note.Importance = widget.LowImportance

	form := container.NewVBox(
		widget.NewLabel(tr("ui.settings.language")), langSel,
		wrapped(tr("ui.settings.clipboard")), clipSel, note,
	)
	d := dialog.NewCustomConfirm(tr("ui.settings"), tr("ui.save"), tr("ui.cancel"), form, func(ok bool) {
		if !ok {
			return
		}
		if i := clipSel.SelectedIndex(); i >= 0 {
			v.prefs.SetInt(prefClipboardSeconds, clipboardChoices[i])
		}
		if i := langSel.SelectedIndex(); i >= 0 {
			v.setLanguagePref(languageChoices[i])
		}
		v.flash(tr("ui.settings.saved"))
	}, v.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
}

// demoPassphrase is the demo vault's passphrase (cli.DemoPassphrase; ui
// cannot import the CLI), shown in the demo banner.
const demoPassphrase = "demo"
