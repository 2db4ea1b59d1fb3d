package ui

import (
	"fyne.io/fyne/v2"
)

// Not built yet: nil hides the tab or tool.

func (v *view) importPage() fyne.CanvasObject { return nil }
func (v *view) exportPage() fyne.CanvasObject { return nil }

// dropped is called with files dropped on the window.
func (v *view) dropped(fyne.Position, []fyne.URI) {}
