package ui

import (
	"fyne.io/fyne/v2"

	"github.com/mamori-app/mamori/vault"
)

// Not built yet: nil hides the tab or tool.

func (v *view) backupTab(*vault.Account) fyne.CanvasObject { return nil }
