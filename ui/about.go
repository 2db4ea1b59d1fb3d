package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault/service"
)

// embedded is one font or data set the binary carries, with its licence.
type embedded struct {
	name, source, licence, text string
}

// embeddedWorks are everything Mamori embeds under a licence of its own:
// the fonts, the service directory and the service icons.
func embeddedWorks() []embedded {
	out := []embedded{{
		name:    "BIZ UDGothic, BIZ UDPGothic (Morisawa)",
		source:  "https://github.com/googlefonts/morisawa-biz-ud-gothic",
		licence: "SIL Open Font License 1.1",
		text:    assets.FontLicense,
	}}
	for _, l := range service.Licences() {
		out = append(out, embedded{name: l.Name, source: l.URL, licence: l.Licence, text: l.Text})
	}
	return out
}

// aboutPage says which Mamori this is and lists, with their licences, the
// fonts and data it embeds; each licence's full text opens under it.
func (v *view) aboutPage() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Mamori "+assets.Version, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	items := []fyne.CanvasObject{title, wrapped(v.msg, v.msg.T("ui.about.what")), wrapped(v.msg, v.msg.T("ui.about.embedded"))}
	acc := widget.NewAccordion()
	for _, w := range embeddedWorks() {
		text := widget.NewLabel(w.text)
		text.Wrapping = fyne.TextWrapWord
		text.Importance = widget.LowImportance
		acc.Append(widget.NewAccordionItem(w.name+" — "+w.licence,
			container.NewVBox(widget.NewLabel(w.source), text)))
	}
	items = append(items, acc)
	return container.NewVScroll(container.NewVBox(items...))
}
