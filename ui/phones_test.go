package ui

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
)

// phoneAccount is an account for the phone screens' tests: no OTP key
// unless totp, and the given bindings.
type phoneAccount struct {
	issuer, name string
	totp         bool
	phones       []phone.Binding
}

// addPhoneAccounts adds accounts and returns their IDs, in order.
func addPhoneAccounts(t *testing.T, store *vault.Store, accts ...phoneAccount) []string {
	t.Helper()
	var ids []string
	_, err := store.Update(func(v *vault.Vault) error {
		ids = ids[:0]
		for _, pa := range accts {
			var key otp.Key
			if pa.totp {
				k, err := otp.NewKey(otp.TOTP, rfcSecret, otp.SHA1, 6, 30, 0)
				if err != nil {
					return err
				}
				key = k
			}
			a, err := vault.NewAccount(pa.issuer, pa.name, key, at59)
			if err != nil {
				return err
			}
			a.Phones = pa.phones
			v.Add(a)
			ids = append(ids, a.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("adding accounts: %v", err)
	}
	return ids
}

// phObjects is every object laid out under root, then in the overlays.
func phObjects(w fyne.Window, root fyne.CanvasObject) []fyne.CanvasObject {
	objs := test.LaidOutObjects(root)
	for _, o := range w.Canvas().Overlays().List() {
		objs = append(objs, test.LaidOutObjects(o)...)
	}
	return objs
}

// phonesTabOf opens account id's page on its "Phones and devices" tab and
// returns the tab's content.
func phonesTabOf(t *testing.T, v *view, w fyne.Window, id string) fyne.CanvasObject {
	t.Helper()
	if a := v.vault.Account(id); len(v.pages) == 0 || a == nil || v.pages[len(v.pages)-1].title() != a.Label() {
		v.closePages()
		v.openAccount(id)
	}
	for _, o := range test.LaidOutObjects(w.Content()) {
		tabs, ok := o.(*container.AppTabs)
		if !ok {
			continue
		}
		for i, item := range tabs.Items {
			if item.Text == v.msg.T("ui.tab.phones") {
				tabs.SelectIndex(i)
				return item.Content
			}
		}
	}
	t.Fatalf("no Phones and devices tab; the window shows %q", textsOf(w))
	return nil
}

// phEntry is the entry under root whose placeholder is placeholder.
func phEntry(t *testing.T, w fyne.Window, root fyne.CanvasObject, placeholder string) *widget.Entry {
	t.Helper()
	for _, o := range phObjects(w, root) {
		if e, ok := asEntry(o); ok {
			if e.PlaceHolder == placeholder {
				return e
			}
		}
		switch e := o.(type) {
		case *widget.SelectEntry:
			if e.PlaceHolder == placeholder {
				return &e.Entry
			}
		}
	}
	t.Fatalf("no entry %q", placeholder)
	return nil
}

// phSelect is the select under root that offers option.
func phSelect(t *testing.T, w fyne.Window, root fyne.CanvasObject, option string) *widget.Select {
	t.Helper()
	for _, o := range phObjects(w, root) {
		if s, ok := o.(*widget.Select); ok && s.Visible() {
			for _, opt := range s.Options {
				if opt == option {
					return s
				}
			}
		}
	}
	t.Fatalf("no select offering %q", option)
	return nil
}

// phTap taps the button labelled text under root (or in a dialog); with
// near, the one in the smallest block that also shows the label near.
func phTap(t *testing.T, w fyne.Window, root fyne.CanvasObject, text, near string) {
	t.Helper()
	var found *widget.Button
	best := -1
	for _, o := range phObjects(w, root) {
		c, ok := o.(*fyne.Container)
		if !ok {
			if b, ok := o.(*widget.Button); ok && near == "" && found == nil && b.Visible() && b.Text == text {
				found = b
			}
			continue
		}
		if near == "" {
			continue
		}
		inside := test.LaidOutObjects(c)
		var button *widget.Button
		label := false
		for _, x := range inside {
			switch x := x.(type) {
			case *widget.Button:
				if x.Visible() && x.Text == text && button == nil {
					button = x
				}
			case *widget.Label:
				label = label || x.Text == near
			}
		}
		if button != nil && label && (best < 0 || len(inside) < best) {
			found, best = button, len(inside)
		}
	}
	if found == nil {
		t.Fatalf("no button %q near %q; the window shows %q", text, near, textsOf(w))
	}
	test.Tap(found)
}

// phTexts is every text under root.
func phTexts(w fyne.Window, root fyne.CanvasObject) string {
	var out []string
	for _, o := range phObjects(w, root) {
		switch o := o.(type) {
		case *widget.Label:
			out = append(out, o.Text)
		case *widget.Button:
			out = append(out, o.Text)
		case *widget.Check:
			out = append(out, o.Text)
		}
	}
	return strings.Join(out, "\n")
}

func phLoad(t *testing.T, store *vault.Store) *vault.Vault {
	t.Helper()
	vlt, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	return vlt
}

func TestPhonesTabBindsOneNumberHoweverWritten(t *testing.T) {
	store := newStore(t, nil)
	ids := addPhoneAccounts(t, store, phoneAccount{issuer: "Amazon", name: "taro@example.com"})
	v, w := open(t, store)

	for _, typed := range []string{"090-1234-5678", "+81 90 1234 5678", "０９０－１２３４－５６７８"} {
		tab := phonesTabOf(t, v, w, ids[0])
		phEntry(t, w, tab, "090-1234-5678").SetText(typed)
		phTap(t, w, tab, "Add number", "")
	}
	got := phLoad(t, store).Account(ids[0]).Phones
	want := []phone.Binding{{Number: "+819012345678", Role: phone.RoleSMS, Since: at59.UTC()}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("stored %+v, want one binding %+v", got, want)
	}
	tab := phonesTabOf(t, v, w, ids[0])
	if s := phTexts(w, tab); !strings.Contains(s, "090-1234-5678 · SMS code") {
		t.Errorf("the binding is not shown in the national form: %q", s)
	}

	// The same number in another role is a second binding.
	phEntry(t, w, tab, "090-1234-5678").SetText("09012345678")
	phSelect(t, w, tab, "Backup number").SetSelected("Backup number")
	phTap(t, w, tab, "Add number", "")
	if got := phLoad(t, store).Account(ids[0]).Phones; len(got) != 2 || got[1].Role != phone.RoleBackup {
		t.Errorf("binding as a backup number: %+v", got)
	}
}

func TestPhonesTabRefusesAnInvalidNumber(t *testing.T) {
	store := newStore(t, nil)
	ids := addPhoneAccounts(t, store, phoneAccount{issuer: "Amazon", name: "taro@example.com"})
	v, w := open(t, store)
	before := phLoad(t, store).Generation

	for _, typed := range []string{"090-1234", "0120-ABC-DEF", "12345678901234567890"} {
		tab := phonesTabOf(t, v, w, ids[0])
		entry := phEntry(t, w, tab, "090-1234-5678")
		entry.SetText(typed)
		phTap(t, w, tab, "Add number", "")
		if s := phTexts(w, tab); !strings.Contains(s, "This is not a valid phone number.") {
			t.Errorf("%q: no explanation; the tab shows %q", typed, s)
		}
		if entry.Text != typed {
			t.Errorf("%q: the entry was cleared", typed)
		}
	}
	if vlt := phLoad(t, store); vlt.Generation != before || len(vlt.Account(ids[0]).Phones) != 0 {
		t.Errorf("an invalid number changed the vault: generation %d → %d, %+v", before, vlt.Generation, vlt.Account(ids[0]).Phones)
	}
}

func TestPhonesTabFlagsVoIPAndUnbindsAfterConfirmation(t *testing.T) {
	store := newStore(t, nil)
	ids := addPhoneAccounts(t, store, phoneAccount{issuer: "Bank", name: "hanako", phones: []phone.Binding{
		{Number: "+819012345678", Role: phone.RoleSMS},
	}})
	v, w := open(t, store)

	tab := phonesTabOf(t, v, w, ids[0])
	phEntry(t, w, tab, "090-1234-5678").SetText("050-1234-5678")
	phTap(t, w, tab, "Add number", "")
	tab = phonesTabOf(t, v, w, ids[0])
	s := phTexts(w, tab)
	for _, want := range []string{"050-1234-5678 · SMS code", "VoIP number (050)", "SMS codes go to 050-1234-5678, a VoIP number"} {
		if !strings.Contains(s, want) {
			t.Errorf("the tab does not show %q: %q", want, s)
		}
	}

	// Removing asks first; Cancel keeps the number.
	phTap(t, w, tab, "Remove", "050-1234-5678 · SMS code")
	tapTopButton(t, w, "Cancel")
	if n := len(phLoad(t, store).Account(ids[0]).Phones); n != 2 {
		t.Fatalf("Cancel removed a number: %d left", n)
	}
	phTap(t, w, tab, "Remove", "050-1234-5678 · SMS code")
	requireText(t, w, "Remove this number?")
	tapTopButton(t, w, "Remove")
	got := phLoad(t, store).Account(ids[0]).Phones
	if len(got) != 1 || got[0].Number != "+819012345678" {
		t.Errorf("after removing the VoIP number: %+v", got)
	}
	if strings.Contains(phTexts(w, phonesTabOf(t, v, w, ids[0])), "VoIP") {
		t.Error("the VoIP warning stayed after the number was removed")
	}
}

func TestPhonesTabDevices(t *testing.T) {
	store := newStore(t, nil)
	ids := addPhoneAccounts(t, store,
		phoneAccount{issuer: "Amazon", name: "taro@example.com", phones: []phone.Binding{{Number: "+819012345678", Role: phone.RoleSMS}}},
		phoneAccount{issuer: "GitHub", name: "alice", totp: true})
	v, w := open(t, store)

	// A new device is recorded and bound to the account.
	tab := phonesTabOf(t, v, w, ids[0])
	phEntry(t, w, tab, "Name, such as iPhone 15").SetText("iPhone 13")
	phTap(t, w, tab, "Record device", "")
	vlt := phLoad(t, store)
	if len(vlt.Devices) != 1 || vlt.Devices[0].Name != "iPhone 13" || vlt.Devices[0].Kind != phone.DeviceHandset {
		t.Fatalf("devices %+v", vlt.Devices)
	}
	iphone := vlt.Devices[0].ID
	if got := vlt.Account(ids[0]).Devices; !reflect.DeepEqual(got, []string{iphone}) {
		t.Errorf("Amazon's devices %q", got)
	}

	// A second device of the same name is refused.
	tab = phonesTabOf(t, v, w, ids[0])
	phEntry(t, w, tab, "Name, such as iPhone 15").SetText("ｉＰｈｏｎｅ 13")
	phTap(t, w, tab, "Record device", "")
	requireText(t, w, "A device called ｉＰｈｏｎｅ 13 is already recorded.")
	tapTopButton(t, w, "Close")
	if n := len(phLoad(t, store).Devices); n != 1 {
		t.Errorf("%d devices after a duplicate name", n)
	}

	// "Needs two devices" is saved, and the tab warns while fewer are recorded.
	tab = phonesTabOf(t, v, w, ids[1])
	for _, o := range phObjects(w, tab) {
		if c, ok := o.(*widget.Check); ok && c.Text == "This service needs two registered devices" {
			c.SetChecked(true)
			break
		}
	}
	if !phLoad(t, store).Account(ids[1]).NeedsTwoDevices {
		t.Fatal("the switch was not saved")
	}
	tab = phonesTabOf(t, v, w, ids[1])
	if s := phTexts(w, tab); !strings.Contains(s, "The service needs two registered devices; recorded: 1.") {
		t.Errorf("no warning for one device: %q", s)
	}

	// An existing device is bound from the list; with a backup number as
	// well, two are registered and the warning goes.
	phSelect(t, w, tab, "iPhone 13").SetSelected("iPhone 13")
	phTap(t, w, tab, "Add device", "")
	if got := phLoad(t, store).Account(ids[1]).Devices; !reflect.DeepEqual(got, []string{iphone}) {
		t.Errorf("GitHub's devices %q", got)
	}
	tab = phonesTabOf(t, v, w, ids[1])
	phEntry(t, w, tab, "090-1234-5678").SetText("080-1111-2222")
	phSelect(t, w, tab, "Backup number").SetSelected("Backup number")
	phTap(t, w, tab, "Add number", "")
	tab = phonesTabOf(t, v, w, ids[1])
	if s := phTexts(w, tab); strings.Contains(s, "needs two registered devices;") || !strings.Contains(s, "iPhone 13 · Handset") {
		t.Errorf("after registering a second device: %q", s)
	}

	// Unbinding asks first and keeps the device recorded.
	phTap(t, w, tab, "Remove device", "iPhone 13 · Handset")
	tapTopButton(t, w, "Remove device")
	vlt = phLoad(t, store)
	if len(vlt.Account(ids[1]).Devices) != 0 || len(vlt.Devices) != 1 {
		t.Errorf("after unbinding: account %q, devices %+v", vlt.Account(ids[1]).Devices, vlt.Devices)
	}
}

func TestPhonesTabAppOnAHandset(t *testing.T) {
	// GitHub's codes are in an authenticator app on the iPhone 13: recorded
	// with the handset it runs on, a new handset lists GitHub.
	store := newStore(t, nil)
	ids := addPhoneAccounts(t, store,
		phoneAccount{issuer: "Amazon", name: "taro@example.com"},
		phoneAccount{issuer: "GitHub", name: "alice"})
	v, w := open(t, store)
	tab := phonesTabOf(t, v, w, ids[0])
	if phLabelShown(w, "The app runs on:") {
		t.Error("the handset choice shows with no handset recorded")
	}
	phEntry(t, w, tab, "Name, such as iPhone 15").SetText("iPhone 13")
	phTap(t, w, tab, "Record device", "")

	tab = phonesTabOf(t, v, w, ids[1])
	phEntry(t, w, tab, "Name, such as iPhone 15").SetText("Google Authenticator")
	if phLabelShown(w, "The app runs on:") {
		t.Error("the handset choice shows for a handset")
	}
	phSelect(t, w, tab, "Authenticator app").SetSelected("Authenticator app")
	if !phLabelShown(w, "The app runs on:") {
		t.Fatal("no handset choice for an app")
	}
	phSelect(t, w, tab, "No recorded handset").SetSelected("iPhone 13")
	phTap(t, w, tab, "Record device", "")
	vlt := phLoad(t, store)
	if len(vlt.Devices) != 2 || vlt.Devices[1].Kind != phone.DeviceAuthenticator || vlt.Devices[1].Host != vlt.Devices[0].ID {
		t.Fatalf("devices %+v", vlt.Devices)
	}
	tab = phonesTabOf(t, v, w, ids[1])
	if s := phTexts(w, tab); !strings.Contains(s, "Google Authenticator · Authenticator app on iPhone 13") {
		t.Errorf("tab: %q", s)
	}

	// A new handset lists GitHub, though only its app is bound.
	if _, err := store.Update(func(vlt *vault.Vault) error {
		c, err := phone.NewDeviceChange(phone.EventNewHandset, vlt.Devices[0].ID, "", at59)
		c.OldStillWorks = true
		vlt.DeviceChanges = append(vlt.DeviceChanges, c)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	v.load()
	v.closePages()
	v.openDeviceChecklist(phLoad(t, store).DeviceChanges[0].ID)
	requireText(t, w, "GitHub: alice")

	v.setLanguagePref(assets.LangJapanese)
	tab = phonesTabOf(t, v, w, ids[1])
	if s := phTexts(w, tab); !strings.Contains(s, "Google Authenticator ・ iPhone 13 の認証アプリ") {
		t.Errorf("ja tab: %q", s)
	}
}

// phLabelShown reports whether a label reading text is shown (not hidden).
func phLabelShown(w fyne.Window, text string) bool {
	for _, o := range test.LaidOutObjects(w.Content()) {
		if l, ok := o.(*widget.Label); ok && l.Text == text && l.Visible() {
			return true
		}
	}
	return false
}
