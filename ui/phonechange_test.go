package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
)

const (
	phOld phone.E164 = "+818012345607"
	phNew phone.E164 = "+819087654321"
)

// phOpenTool opens the tool whose menu entry has key.
func phOpenTool(t *testing.T, v *view, key string) {
	t.Helper()
	for _, tl := range tools() {
		if tl.key == key {
			v.closePages()
			v.openTool(tl)
			return
		}
	}
	t.Fatalf("no tool %q", key)
}

// phTick ticks the account labelled label off the checklist shown, and
// confirms.
func phTick(t *testing.T, w fyne.Window, label string) {
	t.Helper()
	phTap(t, w, phPage(w), "Mark as updated", label)
	tapTopButton(t, w, "Yes, it's updated")
}

// phShowsExactly reports whether the window shows a text that is exactly s.
func phShowsExactly(w fyne.Window, s string) bool {
	return slices.Contains(textsOf(w), s)
}

// phPage is the content of the page on top.
func phPage(w fyne.Window) fyne.CanvasObject { return w.Content() }

// phChangeAccounts are three accounts: Amazon and GitHub bound to phOld
// (Amazon with SMS only and a support contact), Example to another number.
func phChangeAccounts(t *testing.T, store *vault.Store) []string {
	t.Helper()
	ids := addPhoneAccounts(t, store,
		phoneAccount{issuer: "Amazon", name: "taro@example.com", phones: []phone.Binding{{Number: phOld, Role: phone.RoleSMS}}},
		phoneAccount{issuer: "GitHub", name: "alice", totp: true, phones: []phone.Binding{
			{Number: phOld, Role: phone.RoleSMS}, {Number: phOld, Role: phone.RoleRecoveryContact}}},
		phoneAccount{issuer: "Example", name: "bob", phones: []phone.Binding{{Number: "+819012345678", Role: phone.RoleSMS}}},
	)
	if _, err := store.Update(func(v *vault.Vault) error {
		a := v.Account(ids[0])
		a.Recovery.SupportPhone, a.Recovery.SupportHours = "0120-999-999", "9:00-18:00"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestNumberChangeChecklist(t *testing.T) {
	store := newStore(t, nil)
	ids := phChangeAccounts(t, store)
	v, w := open(t, store)

	phOpenTool(t, v, "ui.tool.phone_change")
	requireText(t, w, "Update each while the old line still works.", "No change recorded yet.")
	tapButton(t, w, "Record a number change")

	// Wrong input is explained and saves nothing.
	before := phLoad(t, store).Generation
	old := phEntry(t, w, phPage(w), "090-1234-5678")
	newE := phEntry(t, w, phPage(w), "Leave empty if there is no new number")
	for _, tt := range []struct{ old, new, want string }{
		{"080-1234", "090-8765-4321", "The old number is not a valid phone number."},
		{"080-1234-5607", "abc", "The new number is not a valid phone number."},
		{"080-1234-5607", "+81 80 1234 5607", "The old and new numbers are the same."},
	} {
		old.SetText(tt.old)
		newE.SetText(tt.new)
		tapButton(t, w, "Record and show the checklist")
		requireText(t, w, tt.want)
	}
	if g := phLoad(t, store).Generation; g != before {
		t.Fatalf("wrong input saved the vault (generation %d → %d)", before, g)
	}

	// The old number can be picked from the numbers in use.
	if got := v.numbersInUse(); !reflect.DeepEqual(got, []string{"080-1234-5607", "090-1234-5678"}) {
		t.Errorf("numbers offered: %q", got)
	}
	old.SetText("080-1234-5607")
	newE.SetText("０９０－８７６５－４３２１")
	tapButton(t, w, "Record and show the checklist")

	vlt := phLoad(t, store)
	if len(vlt.PhoneChanges) != 1 {
		t.Fatalf("%d changes recorded", len(vlt.PhoneChanges))
	}
	c := vlt.PhoneChanges[0]
	if c.Old != phOld || c.New != phNew || !c.OldStillWorks || !c.Date.Equal(at59) {
		t.Errorf("recorded %+v", c)
	}

	// The checklist: exactly the accounts bound to the old number, with the
	// support route of the one that has no other way in.
	requireText(t, w, "080-1234-5607 → 090-8765-4321", "The old line still works.",
		"Amazon: taro@example.com", "GitHub: alice", "Used for: SMS code, Recovery contact",
		"Support phone: 0120-999-999", "Hours: 9:00-18:00", "To update: 2 (done: 0)")
	if hasText(w, "Example: bob") {
		t.Error("an account bound to another number is on the checklist")
	}

	// Ticking off asks first: Cancel changes nothing.
	gen := phLoad(t, store).Generation
	phTap(t, w, phPage(w), "Mark as updated", "Amazon: taro@example.com")
	requireText(t, w, "Only if Amazon: taro@example.com now has 090-8765-4321 on file")
	tapTopButton(t, w, "Cancel")
	if g := phLoad(t, store).Generation; g != gen {
		t.Fatalf("a cancelled tick saved the vault")
	}

	// Ticking GitHub off moves its bindings and takes it off the list.
	phTick(t, w, "GitHub: alice")
	if phShowsExactly(w, "GitHub: alice") || !phShowsExactly(w, "Amazon: taro@example.com") {
		t.Errorf("after ticking GitHub off, the window shows %q", textsOf(w))
	}
	requireText(t, w, "To update: 1 (done: 1)")
	vlt = phLoad(t, store)
	want := []phone.Binding{{Number: phNew, Role: phone.RoleSMS, Since: at59.UTC()}, {Number: phNew, Role: phone.RoleRecoveryContact, Since: at59.UTC()}}
	if got := vlt.Account(ids[1]).Phones; !reflect.DeepEqual(got, want) {
		t.Errorf("GitHub's bindings %+v, want %+v", got, want)
	}
	if !vlt.PhoneChanges[0].IsDone(ids[1]) || vlt.PhoneChanges[0].IsDone(ids[0]) {
		t.Errorf("ticked off: %v", vlt.PhoneChanges[0].Done)
	}

	// Back on the tool page, the change is open, one account left.
	tapButton(t, w, "Back")
	requireText(t, w, "Accounts left: 1. The old line still works.")

	// Another window (or the next start) finds it and finishes it.
	v2, w2 := open(t, store)
	phOpenTool(t, v2, "ui.tool.phone_change")
	requireText(t, w2, "080-1234-5607 → 090-8765-4321", "Accounts left: 1.")
	tapButton(t, w2, "Checklist")
	phTick(t, w2, "Amazon: taro@example.com")
	requireText(t, w2, "Finished: no account is bound to 080-1234-5607 any more.")
	tapButton(t, w2, "Back")
	requireText(t, w2, "Finished: every account has been updated.")
	vlt = phLoad(t, store)
	if got := vlt.Account(ids[0]).Phones; len(got) != 1 || got[0].Number != phNew {
		t.Errorf("Amazon's bindings %+v", got)
	}
	if got := vlt.Account(ids[2]).Phones; got[0].Number != "+819012345678" {
		t.Errorf("Example was changed: %+v", got)
	}
}

func TestNumberChangeWithTheOldLineGone(t *testing.T) {
	store := newStore(t, nil)
	phChangeAccounts(t, store)
	v, w := open(t, store)

	phOpenTool(t, v, "ui.tool.phone_change")
	tapButton(t, w, "Record a number change")
	phEntry(t, w, phPage(w), "090-1234-5678").SetText("08012345607")
	for _, o := range phObjects(w, phPage(w)) {
		if e, ok := asEntry(o); ok && e.PlaceHolder == "YYYY-MM-DD" {
			e.SetText(at59.Add(-24 * time.Hour).Local().Format(time.DateOnly))
		}
		if c, ok := o.(*widget.Check); ok {
			c.SetChecked(false)
		}
	}
	tapButton(t, w, "Record and show the checklist")
	requireText(t, w, "080-1234-5607 → no new number", "The old line no longer works.",
		"For the others, contact the service's support.")
	c := phLoad(t, store).PhoneChanges[0]
	if c.New != "" || c.OldStillWorks {
		t.Errorf("recorded %+v", c)
	}
}

func TestDeviceChangeChecklist(t *testing.T) {
	store := newStore(t, nil)
	ids := phChangeAccounts(t, store)
	var iphone string
	if _, err := store.Update(func(v *vault.Vault) error {
		d, err := phone.NewDevice("iPhone 13", phone.DeviceHandset, at59)
		iphone = d.ID
		v.Devices = append(v.Devices, d)
		v.Account(ids[1]).Devices = []string{d.ID}
		v.Account(ids[2]).Devices = []string{d.ID}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	v, w := open(t, store)

	phOpenTool(t, v, "ui.tool.phone_change")
	tapButton(t, w, "Record a new handset or app reinstall")
	phEntry(t, w, phPage(w), "Name, such as Pixel 9").SetText("Pixel 9")
	tapButton(t, w, "Record and show the checklist")

	vlt := phLoad(t, store)
	if len(vlt.Devices) != 2 || len(vlt.DeviceChanges) != 1 {
		t.Fatalf("devices %+v, changes %+v", vlt.Devices, vlt.DeviceChanges)
	}
	pixel := vlt.Devices[1]
	if pixel.Name != "Pixel 9" || pixel.Kind != phone.DeviceHandset {
		t.Errorf("new device %+v", pixel)
	}
	if c := vlt.DeviceChanges[0]; c.Event != phone.EventNewHandset || c.Old != iphone || c.New != pixel.ID {
		t.Errorf("recorded %+v", c)
	}
	requireText(t, w, "iPhone 13 → Pixel 9", "GitHub: alice", "Example: bob", "Codes on iPhone 13")
	if hasText(w, "Amazon") {
		t.Error("an account without the device is on the checklist")
	}

	phTick(t, w, "Example: bob")
	if phShowsExactly(w, "Example: bob") || !phShowsExactly(w, "GitHub: alice") {
		t.Errorf("after ticking Example off, the window shows %q", textsOf(w))
	}
	if got := phLoad(t, store).Account(ids[2]).Devices; !reflect.DeepEqual(got, []string{pixel.ID}) {
		t.Errorf("Example's devices %q, want the Pixel", got)
	}

	// A reinstall of the Pixel's app lists the account now on it.
	tapButton(t, w, "Back")
	tapButton(t, w, "Record a new handset or app reinstall")
	phSelect(t, w, phPage(w), "Pixel 9").SetSelected("Pixel 9")
	for _, o := range phObjects(w, phPage(w)) {
		if r, ok := o.(*widget.RadioGroup); ok {
			r.SetSelected("App reinstall")
		}
	}
	tapButton(t, w, "Record and show the checklist")
	requireText(t, w, "Reinstalling Pixel 9", "Example: bob", "Reinstalling the app erases the codes it holds.")
	phTick(t, w, "Example: bob")
	requireText(t, w, "Finished: no account's codes are on Pixel 9 any more.")
	vlt = phLoad(t, store)
	if got := vlt.Account(ids[2]).Devices; !reflect.DeepEqual(got, []string{pixel.ID}) {
		t.Errorf("a reinstall moved Example off the Pixel: %q", got)
	}
	if n := len(vlt.DeviceChanges); n != 2 || !slices.ContainsFunc(vlt.DeviceChanges, func(c phone.DeviceChange) bool {
		return c.Event == phone.EventAppReinstall && c.IsDone(ids[2])
	}) {
		t.Errorf("device changes %+v", vlt.DeviceChanges)
	}
	tapButton(t, w, "Back")
	s := strings.Join(textsOf(w), "\n")
	if !strings.Contains(s, "Accounts left: 1.") || !strings.Contains(s, "Finished: every account has been updated.") {
		t.Errorf("the tool page shows %q", s)
	}
}

func TestParseChangeDay(t *testing.T) {
	now := time.Date(2025, 4, 1, 15, 30, 0, 0, time.Local)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2025-04-01", now, true}, // today: from now on
		{"2025-04-10", time.Date(2025, 4, 10, 0, 0, 0, 0, time.Local), true},
		{"２０２５／３／３１", time.Date(2025, 3, 31, 0, 0, 0, 0, time.Local), true},
		{" 2025-3-1 ", time.Date(2025, 3, 1, 0, 0, 0, 0, time.Local), true},
		{"2025-13-01", time.Time{}, false},
		{"tomorrow", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseChangeDay(tt.in, now)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseChangeDay(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAccountTabLeadsToAnOpenChange(t *testing.T) {
	store := newStore(t, nil)
	ids := phChangeAccounts(t, store)
	storeNumberChange(t, store)
	v, w := open(t, store)

	tab := phonesTabOf(t, v, w, ids[2])
	if strings.Contains(phTexts(w, tab), "a number being changed") {
		t.Error("an account not bound to the old number is told it is")
	}
	tab = phonesTabOf(t, v, w, ids[0])
	phTap(t, w, tab, "Checklist", "Still bound to 080-1234-5607, a number being changed.")
	requireText(t, w, "080-1234-5607 → 090-8765-4321", "To update: 2 (done: 0)")

	// Ticked off from there, the account's tab shows the new number.
	phTick(t, w, "Amazon: taro@example.com")
	tapButton(t, w, "Back")
	tab = phonesTabOf(t, v, w, ids[0])
	s := phTexts(w, tab)
	if strings.Contains(s, "a number being changed") || !strings.Contains(s, "090-8765-4321 · SMS code") {
		t.Errorf("after the update, the tab shows %q", s)
	}
}

func TestDeviceChangeNeedsADevice(t *testing.T) {
	store := newStore(t, nil)
	phChangeAccounts(t, store)
	v, w := open(t, store)
	phOpenTool(t, v, "ui.tool.phone_change")
	tapButton(t, w, "Record a new handset or app reinstall")
	requireText(t, w, "No device is recorded yet.")
	for _, b := range buttonsOf(w) {
		if b.Text == "Record and show the checklist" {
			t.Error("the form offers to record a change of no device")
		}
	}
}

// storeNumberChange records in store a change from phOld to phNew made at
// at59, the old number still working.
func storeNumberChange(t *testing.T, store *vault.Store) {
	t.Helper()
	if _, err := store.Update(func(vlt *vault.Vault) error {
		c, err := phone.NewChange(phOld, phNew, at59)
		c.OldStillWorks = true
		vlt.PhoneChanges = append(vlt.PhoneChanges, c)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}
