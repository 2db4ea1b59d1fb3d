package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// fakeTray records the menus put in the system tray.
type fakeTray struct {
	fyne.App
	menus []*fyne.Menu
}

func (f *fakeTray) SetSystemTrayMenu(m *fyne.Menu)  { f.menus = append(f.menus, m) }
func (f *fakeTray) SetSystemTrayIcon(fyne.Resource) {}
func (f *fakeTray) SetSystemTrayWindow(fyne.Window) {}
func (f *fakeTray) labels() (out []string) {
	for _, m := range f.menus {
		out = append(out, m.Label)
	}
	return out
}

func TestLateTrayWaitsThenPutsUpTheNewestMenu(t *testing.T) {
	fake := &fakeTray{App: test.NewApp()}
	a := newLateTray(fake).(*lateTray)
	var waits []time.Duration
	var later []func()
	a.after = func(d time.Duration, f func()) {
		waits = append(waits, d)
		later = append(later, f)
	}

	a.SetSystemTrayMenu(fyne.NewMenu("first"))
	a.SetSystemTrayMenu(fyne.NewMenu("second"))
	if len(fake.menus) != 0 {
		t.Fatalf("the tray went up before the delay: %v", fake.labels())
	}
	if len(later) != 1 || waits[0] != trayDelay {
		t.Fatalf("scheduled %d tray starts (%v), want one after %v", len(later), waits, trayDelay)
	}

	later[0]()
	if got := fake.labels(); len(got) != 1 || got[0] != "second" {
		t.Fatalf("tray menus after the delay: %v, want [second]", got)
	}

	a.SetSystemTrayMenu(fyne.NewMenu("third"))
	if got := fake.labels(); len(got) != 2 || got[1] != "third" {
		t.Fatalf("tray menus once up: %v, want the new menu at once", got)
	}
	if len(later) != 1 {
		t.Errorf("scheduled the tray again once it was up")
	}
}

func TestLateTrayLeavesAppsWithoutTray(t *testing.T) {
	a := test.NewApp()
	if got := newLateTray(a); got != a {
		t.Errorf("newLateTray wrapped an app that has no system tray")
	}
}
