package phone

import (
	"slices"
	"strings"
	"time"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Display returns a stored number as a person reads it: the national form
// for a number of region, the international form otherwise, and the stored
// text itself when it no longer parses.
func (e E164) Display(region string) string {
	n, err := e.Number()
	if err != nil {
		return string(e)
	}
	return n.Display(region)
}

// Apply ticks account off c's checklist at now, once the account was moved
// to the new number at its service, and returns the account's bindings
// updated to match: every binding of the old number moved to the new one,
// keeping its role, or removed when the line is given up without a new one.
// The phones given are not changed.
func (c *Change) Apply(phones []Binding, accountID string, now time.Time) []Binding {
	var out []Binding
	if c.New != "" {
		out, _ = Move(phones, c.Old, c.New, now)
	} else {
		out, _ = Unbind(phones, c.Old, "")
	}
	c.MarkDone(accountID, now)
	return out
}

// Apply ticks account off c's checklist at now, once its codes work on the
// new device (or in the reinstalled app), and returns the account's devices
// updated to match: the old device replaced by the new one; after a
// reinstall, unchanged; after a new handset with no new device recorded,
// without the old one. An account listed because its authenticator app runs
// on the old handset (AccountBindings.Hosts) keeps its devices: the app
// itself moves to the new handset with Rehost. The devices given are not
// changed.
func (c *DeviceChange) Apply(devices []string, accountID string, now time.Time) []string {
	out := slices.Clone(devices)
	if c.New != c.Old && slices.Contains(out, c.Old) {
		out = slices.DeleteFunc(out, func(d string) bool { return d == c.Old })
		if c.New != "" && !slices.Contains(out, c.New) {
			out = append(out, c.New)
		}
	}
	c.MarkDone(accountID, now)
	return out
}

// Rehost moves the authenticator apps on c's old handset to its new one,
// once they have nothing left on c's checklist: after a new handset, every
// app whose Host is c.Old and whose accounts (among accounts, by their
// Devices) are all ticked off c gets Host c.New. An app moves only as a
// whole, so the accounts not yet moved keep it on the old handset and stay
// listed. Call it after Apply. Nothing moves after a reinstall or when no
// new device is recorded. It returns the devices (a copy when one moved)
// and the names of the apps moved.
func (c DeviceChange) Rehost(devices []Device, accounts []AccountBindings) ([]Device, []string) {
	if c.Event != EventNewHandset || c.New == "" || c.New == c.Old {
		return devices, nil
	}
	var moved []string
	out := devices
	for i, d := range devices {
		if d.Host != c.Old || d.Kind != DeviceAuthenticator {
			continue
		}
		waiting := slices.ContainsFunc(accounts, func(a AccountBindings) bool {
			return slices.Contains(a.Devices, d.ID) && !c.IsDone(a.ID)
		})
		if waiting {
			continue
		}
		if len(moved) == 0 {
			out = slices.Clone(devices)
		}
		out[i].Host = c.New
		moved = append(moved, d.Name)
	}
	return out, moved
}

// RecordChange adds fresh to changes, unless a change of the same old
// number is recorded already: then that one takes fresh's new number and
// timing and keeps the accounts already ticked off. It returns the changes,
// the index of the change recorded and whether it was an update.
func RecordChange(changes []Change, fresh Change) (out []Change, i int, updated bool) {
	for i := range changes {
		if c := &changes[i]; c.Old == fresh.Old {
			c.New = fresh.New
			c.retime(fresh.Transition)
			return changes, i, true
		}
	}
	return append(changes, fresh), len(changes), false
}

// RecordDeviceChange adds fresh to changes, unless the same event is
// recorded for the same old device already: then that one takes fresh's new
// device and timing and keeps the accounts already ticked off. It returns
// the changes, the index of the change recorded and whether it was an
// update.
func RecordDeviceChange(changes []DeviceChange, fresh DeviceChange) (out []DeviceChange, i int, updated bool) {
	for i := range changes {
		if c := &changes[i]; c.Old == fresh.Old && c.Event == fresh.Event {
			c.New = fresh.New
			c.retime(fresh.Transition)
			return changes, i, true
		}
	}
	return append(changes, fresh), len(changes), false
}

// retime takes src's timing, keeping the accounts ticked off.
func (t *Transition) retime(src Transition) {
	t.Date, t.OldUsableUntil, t.OldStillWorks = src.Date, src.OldUsableUntil, src.OldStillWorks
}

// DeviceNamed returns the index of the device called name in devices, case
// and width ignored, or -1. Two devices should not share a name.
func DeviceNamed(devices []Device, name string) int {
	fold := func(s string) string { return strings.TrimSpace(cases.Fold().String(norm.NFKC.String(s))) }
	want := fold(name)
	for i, d := range devices {
		if fold(d.Name) == want {
			return i
		}
	}
	return -1
}
