package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// importAll taps the page's Import button and checks that accounts were
// saved.
func importAll(t *testing.T, w fyne.Window, saved func() []string) {
	t.Helper()
	var imp *widget.Button
	for _, b := range buttonsOf(w) {
		if strings.HasPrefix(b.Text, "Import ") {
			imp = b
		}
	}
	if imp == nil {
		t.Fatalf("no Import button; the window shows %q", textsOf(w))
	}
	test.Tap(imp)
	requireText(t, w, "imported.")
	if len(saved()) == 0 {
		t.Error("nothing was saved")
	}
}

func TestImportReadsTheNewFormats(t *testing.T) {
	for _, c := range []struct{ file, format, label string }{
		{"andotp.json", "andOTP", "GitHub: alice"},
		{"authpro.json", "Authenticator Pro (Stratum)", "GitHub: alice"},
		{"freeotp-plus.json", "FreeOTP+", "GitHub: alice"},
		{"bitwarden.csv", "Bitwarden CSV", "GitHub: alice"},
		{"steam.maFile", "Steam Desktop Authenticator (.maFile)", "Steam: gaben"},
		{"lastpass.json", "LastPass Authenticator", "GitHub: alice"},
		{"1password.1pux", "1Password (1PUX)", "GitHub: alice"},
		{"1password.csv", "1Password CSV", "GitHub: alice"},
	} {
		t.Run(c.file, func(t *testing.T) {
			store := newStore(t, nil)
			addAccounts(t, store)
			v, w := open(t, store)
			v.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(fixture(c.file))})
			requireText(t, w, "Format: "+c.format, c.label)
			importAll(t, w, func() []string { return savedLabels(t, store) })
		})
	}
}

// TestImportNewEncryptedFormats opens the new encrypted exports with their
// password; andOTP's old backup is told by its name.
func TestImportNewEncryptedFormats(t *testing.T) {
	for _, name := range []string{"andotp.json.aes", "andotp-old.json.aes", "authpro.authpro", "authpro-legacy.authpro",
		"totp-authenticator.encrypt", "raivo-aes.zip", "authplus.zip", "freeotp-backup.xml"} {
		t.Run(name, func(t *testing.T) {
			store := newStore(t, nil)
			addAccounts(t, store)
			v, w := open(t, store)
			v.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(fixture(name))})
			requireText(t, w, "is protected by a password")
			pass := transferEntries(w, true)
			if len(pass) != 1 {
				t.Fatalf("%d password entries, want 1", len(pass))
			}
			test.Type(pass[0], testPassphrase)
			pass[0].OnSubmitted(pass[0].Text)
			requireText(t, w, "GitHub: alice")
			importAll(t, w, func() []string { return savedLabels(t, store) })
		})
	}
}

// TestImportNamesFilesItCannotRead: Google Authenticator's database is
// named, with the way to a readable export, and nothing is offered.
func TestImportNamesFilesItCannotRead(t *testing.T) {
	store := newStore(t, nil)
	v, w := open(t, store)
	v.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(fixture("google-authenticator.db"))})
	requireText(t, w, "google-authenticator.db is Google Authenticator's internal database", "Transfer accounts")
	for _, b := range buttonsOf(w) {
		if strings.HasPrefix(b.Text, "Import ") {
			t.Errorf("an unreadable file offers %q", b.Text)
		}
	}
}

// TestImportListsWhereExportsAre: the Import page lists, per app, where
// its export is found.
func TestImportListsWhereExportsAre(t *testing.T) {
	store := newStore(t, nil)
	v, w := open(t, store)
	v.openTool(toolNamed(t, "ui.tool.import"))
	var acc *widget.Accordion
	for _, o := range test.LaidOutObjects(w.Content()) {
		if a, ok := o.(*widget.Accordion); ok {
			acc = a
		}
	}
	if acc == nil || len(acc.Items) != 1 || acc.Items[0].Title != "Where each app keeps its export" {
		t.Fatalf("no list of apps on the Import page: %v", acc)
	}
	acc.Open(0)
	form, ok := acc.Items[0].Detail.(*widget.Form)
	if !ok {
		t.Fatalf("detail is %T", acc.Items[0].Detail)
	}
	var apps []string
	for _, it := range form.Items {
		apps = append(apps, it.Text)
	}
	for _, want := range []string{"Google Authenticator", "Microsoft Authenticator", "andOTP", "1Password", "Steam Desktop Authenticator"} {
		if !strings.Contains(strings.Join(apps, "|"), want) {
			t.Errorf("the list lacks %s: %q", want, apps)
		}
	}
}
