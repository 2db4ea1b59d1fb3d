package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// prefIdleLockMinutes is how long the window may sit untouched before it
// locks itself, in minutes; 0 is never. It matters only with an app
// passphrase, since without one there is nothing to lock with.
const prefIdleLockMinutes = "lock.idle_minutes"

// defaultIdleLockMinutes is the idle time unless the person chooses another.
const defaultIdleLockMinutes = 5

// idleLockChoices are the idle times Settings offers, in minutes; 0 is never.
var idleLockChoices = []int{0, 1, 5, 15}

// idleLockDelay is how long the window may be idle before it locks; 0 means
// it never locks by itself.
func (v *view) idleLockDelay() time.Duration {
	m := v.prefs.IntWithFallback(prefIdleLockMinutes, defaultIdleLockMinutes)
	if m <= 0 {
		return 0
	}
	return time.Duration(m) * time.Minute
}

// idleLockLabel names an idle time in msg's language.
func (v *view) idleLockLabel(minutes int) string {
	if minutes <= 0 {
		return v.msg.T("ui.settings.idle.never")
	}
	return v.msg.T("ui.settings.minutes", map[string]any{"Minutes": minutes})
}

// touch notes activity (a key, the pointer): the idle time starts again.
func (v *view) touch() { v.lastActive = v.now() }

// checkIdle runs with every tick: when the open vault has sat untouched for
// the idle time of Settings, on the list or on a page (where a secret may be
// revealed), it locks it the way Ctrl+L does. A vault without
// an app passphrase is left open (there is nothing to unlock it with).
func (v *view) checkIdle(now time.Time) {
	d := v.idleLockDelay()
	if d <= 0 || v.askingPass > 0 || (v.mode != modeList && v.mode != modeEmpty && v.mode != modePage) || now.Sub(v.lastActive) < d {
		return
	}
	v.lastActive = now // ask the store once per idle time, not every second
	if info, err := v.store.Info(); err != nil || !info.Passphrase {
		return
	}
	v.lock()
}

// activityWatcher holds the window's content and notes pointer movement over
// it for the idle lock. Fyne sends pointer movement only to the innermost
// object that takes it, so the view also notes keys and clicks where
// they arrive.
type activityWatcher struct {
	widget.BaseWidget
	v       *view
	content fyne.CanvasObject
}

var _ desktop.Hoverable = (*activityWatcher)(nil)

func newActivityWatcher(v *view, content fyne.CanvasObject) *activityWatcher {
	a := &activityWatcher{v: v, content: content}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activityWatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(a.content)
}

func (a *activityWatcher) MouseIn(*desktop.MouseEvent)    { a.v.touch() }
func (a *activityWatcher) MouseMoved(*desktop.MouseEvent) { a.v.touch() }
func (a *activityWatcher) MouseOut()                      {}
