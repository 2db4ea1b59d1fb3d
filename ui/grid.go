package ui

import (
	"fyne.io/fyne/v2"
)

// Not built yet: nil hides the tab or tool.

func (v *view) gridPage() fyne.CanvasObject { return nil }
