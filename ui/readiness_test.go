package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
)

func TestReadinessListsSMSOnlyAccountsUntilTheyHaveBackupCodes(t *testing.T) {
	store := newStore(t, nil)
	ids := phChangeAccounts(t, store) // Amazon and Example: SMS only; GitHub: has TOTP
	// Amazon offers an authenticator app, which would add its own finding
	// (TestReadinessListsServiceFindings): here it is said to be with no
	// known service, so only the phone findings are listed.
	if _, err := store.Update(func(vlt *vault.Vault) error {
		vlt.Account(ids[0]).Service = "none"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	v, w := open(t, store)

	phOpenTool(t, v, "ui.tool.readiness")
	requireText(t, w, "Found: 2", "High risk", "Example: bob", "Amazon: taro@example.com",
		"Codes go only to 080-1234-5607, with no backup codes, authenticator or second number.")
	if phShowsExactly(w, "GitHub: alice") {
		t.Error("an account with an authenticator key is listed")
	}

	// Its button opens the account's page, over the report.
	phTap(t, w, phPage(w), "Open", "Amazon: taro@example.com")
	if n := len(v.pages); n != 2 || v.pages[1].title() != "Amazon: taro@example.com" {
		t.Fatalf("%d pages; the window shows %q", n, textsOf(w))
	}
	if tab := phSelectedTab(w); tab != "Phones" {
		t.Errorf("the account's page opened on its %q tab", tab)
	}
	tapButton(t, w, "Back")

	// Backup codes are a way in: Amazon is fine; a second account running
	// low on them is listed instead.
	if _, err := store.Update(func(vlt *vault.Vault) error {
		if err := vlt.Account(ids[0]).Backup.Replace([]string{"11111111", "22222222", "33333333", "44444444", "55555555"}, at59); err != nil {
			return err
		}
		return vlt.Account(ids[2]).Backup.Replace([]string{"66666666", "77777777"}, at59)
	}); err != nil {
		t.Fatal(err)
	}
	v.load()
	requireText(t, w, "Found: 1", "Example: bob", "Unused backup codes left: 2.")
	if hasText(w, "Amazon") {
		t.Errorf("Amazon is still listed with backup codes: %q", textsOf(w))
	}

	// With enough codes everywhere: all clear.
	if _, err := store.Update(func(vlt *vault.Vault) error {
		return vlt.Account(ids[2]).Backup.Replace([]string{"11112222", "33334444", "55556666", "77778888", "99990000"}, at59)
	}); err != nil {
		t.Fatal(err)
	}
	v.load()
	requireText(t, w, "All clear: no single point of failure found.")
}

// phSelectedTab is the title of the selected tab of the account page shown.
func phSelectedTab(w fyne.Window) string {
	for _, o := range test.LaidOutObjects(w.Content()) {
		if tabs, ok := o.(*container.AppTabs); ok && tabs.Selected() != nil {
			return tabs.Selected().Text
		}
	}
	return ""
}

func TestPhoneScreensInBothLanguages(t *testing.T) {
	store := newStore(t, nil)
	ids := phChangeAccounts(t, store)
	if _, err := store.Update(func(vlt *vault.Vault) error {
		d, _ := phone.NewDevice("iPhone 13", phone.DeviceHandset, at59)
		vlt.Devices = append(vlt.Devices, d)
		vlt.Account(ids[1]).Devices = []string{d.ID}
		vlt.Account(ids[1]).NeedsTwoDevices = true
		vlt.Account(ids[2]).Phones = append(vlt.Account(ids[2]).Phones, phone.Binding{Number: "+815012345678", Role: phone.RoleSMS})
		c, _ := phone.NewChange(phOld, phNew, at59)
		vlt.PhoneChanges = append(vlt.PhoneChanges, c)
		dc, _ := phone.NewDeviceChange(phone.EventAppReinstall, d.ID, d.ID, at59)
		vlt.DeviceChanges = append(vlt.DeviceChanges, dc)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	v, w := open(t, store)

	for _, lang := range []string{assets.LangEnglish, assets.LangJapanese} {
		v.setLanguagePref(lang)
		vlt := v.vault
		screens := []struct {
			name string
			open func()
		}{
			{"phones tab", func() { phonesTabOf(t, v, w, ids[0]) }},
			{"phones tab with devices", func() { phonesTabOf(t, v, w, ids[1]) }},
			{"change tool", func() { phOpenTool(t, v, "ui.tool.phone_change") }},
			{"number form", func() { v.openNumberChangeForm() }},
			{"device form", func() { v.openDeviceChangeForm() }},
			{"number checklist", func() { v.closePages(); v.openNumberChecklist(vlt.PhoneChanges[0].ID) }},
			{"device checklist", func() { v.closePages(); v.openDeviceChecklist(vlt.DeviceChanges[0].ID) }},
			{"readiness", func() { phOpenTool(t, v, "ui.tool.readiness") }},
		}
		for _, s := range screens {
			s.open()
			texts := textsOf(w)
			for _, x := range texts {
				if strings.HasPrefix(x, "ui.") || strings.Contains(x, "<no value>") {
					t.Errorf("%s, %s: untranslated text %q", lang, s.name, x)
				}
			}
			if lang == assets.LangJapanese && !strings.ContainsAny(strings.Join(texts, ""), "のをにはがです") {
				t.Errorf("%s, %s: no Japanese on screen: %q", lang, s.name, texts)
			}
			if sz := w.Canvas().Size(); sz != fyne.NewSize(560, 560) {
				t.Errorf("%s, %s: the window grew to %v", lang, s.name, sz)
			}
		}
	}
}

func TestReadinessIsNotClearWhileAChangeIsOpen(t *testing.T) {
	store := newStore(t, nil)
	ids := addPhoneAccounts(t, store, phoneAccount{issuer: "GitHub", name: "alice", totp: true,
		phones: []phone.Binding{{Number: phOld, Role: phone.RoleSMS}}})
	v, w := open(t, store)
	phOpenTool(t, v, "ui.tool.readiness")
	requireText(t, w, "All clear")

	storeNumberChange(t, store)
	v.load()
	requireText(t, w, "Accounts still to update after a number or device change: 1.")
	if hasText(w, "All clear") {
		t.Error("all clear while an account is still bound to a number being changed")
	}
	tapButton(t, w, "Checklists")
	requireText(t, w, "Record a number change", "Accounts left: 1.")

	// Once the account is updated, the report is clear again.
	tapButton(t, w, "Checklist")
	phTick(t, w, "GitHub: alice")
	phOpenTool(t, v, "ui.tool.readiness")
	requireText(t, w, "All clear")
	if got := phLoad(t, store).Account(ids[0]).Phones[0].Number; got != phNew {
		t.Errorf("GitHub is bound to %s", got)
	}
}
