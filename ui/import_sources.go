package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault/importer"
)

// importSourcesView lists, per app people move from, where its export is
// found, folded away under one heading so the Import page stays short.
// The apps and their order come from importer.Sources; the texts are
// "import.source.<id>.name" and ".where".
func (v *view) importSourcesView() fyne.CanvasObject {
	box := widget.NewForm()
	for _, s := range importer.Sources() {
		box.Append(v.msg.T("import.source."+s.ID+".name"), wrapped(v.msg, v.msg.T("import.source."+s.ID+".where")))
	}
	return widget.NewAccordion(widget.NewAccordionItem(v.msg.T("import.sources.title"), box))
}
