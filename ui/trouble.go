package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"github.com/mamori-app/mamori/vault"
)

// Not built yet: nil hides the tab or tool.

func (v *view) troubleTab(*vault.Account) fyne.CanvasObject { return nil }

// checkLockouts runs every second with the time.
func (v *view) checkLockouts(time.Time) {}
