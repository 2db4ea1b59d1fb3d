package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault/otp"
)

// TestAboutListsEveryEmbeddedLicence: the tools menu's About page names
// the version and each font and data set the binary carries, and opens
// each licence's full text.
func TestAboutListsEveryEmbeddedLicence(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.openTool(toolNamed(t, "ui.tool.about"))
	requireText(t, w, "Mamori "+assets.Version, "SIL Open Font License 1.1", "2factorauth directory — MIT", "Simple Icons — CC0-1.0")
	var acc *widget.Accordion
	for _, o := range test.LaidOutObjects(w.Content()) {
		if a, ok := o.(*widget.Accordion); ok {
			acc = a
		}
	}
	if acc == nil || len(acc.Items) != len(embeddedWorks()) {
		t.Fatalf("the About page lists %v, want one entry per embedded work", acc)
	}
	for i, w := range embeddedWorks() {
		if len(w.text) < 100 {
			t.Errorf("%s: licence text %q is missing", w.name, w.text)
		}
		acc.Open(i)
	}
	requireText(t, w, "Permission is hereby granted", "SIL OPEN FONT LICENSE")
}
