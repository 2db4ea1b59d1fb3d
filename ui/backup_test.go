package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/backup"
	"github.com/mamori-app/mamori/vault/otp"
)

// sheetFixture reads a sample sheet of the backup package's tests.
func backupSheetFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "vault", "backup", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// openAccountTab opens account id's page on the tab titled title.
func openTabOf(t *testing.T, v *view, w fyne.Window, id, title string) {
	t.Helper()
	if len(v.pages) == 0 {
		v.openAccount(id)
	}
	for _, o := range objectsShown(w) {
		if tabs, ok := o.(*container.AppTabs); ok {
			for _, item := range tabs.Items {
				if item.Text == title {
					tabs.Select(item)
					return
				}
			}
		}
	}
	t.Fatalf("no tab %q", title)
}

// openAccordions opens every collapsed section in the window.
func openAllAccordions(w fyne.Window) {
	for _, o := range objectsShown(w) {
		if a, ok := o.(*widget.Accordion); ok {
			a.OpenAll()
		}
	}
}

// requireFits fails when the window's content needs more than 560×560.
func requireFitsIn560(t *testing.T, w fyne.Window) {
	t.Helper()
	if m := w.Content().MinSize(); m.Width > 560 || m.Height > 560 {
		t.Errorf("the window needs %v, more than 560×560", m)
	}
}

// savedBackup reads account id's backup codes from the store, as saved.
func savedBackup(t *testing.T, store *vault.Store, id string) backup.Set {
	t.Helper()
	vlt, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	a := vlt.Account(id)
	if a == nil {
		t.Fatal("the account is gone")
	}
	return a.Backup
}

// pasteSheet pastes sheet into the sheet box of the Backup codes tab and
// submits it with the button labelled button.
func pasteSheet(t *testing.T, v *view, w fyne.Window, sheet, button string) {
	t.Helper()
	openAllAccordions(w)
	entryByPlaceholder(t, w, v.msg.T("ui.backup.sheet.placeholder")).SetText(sheet)
	tapButton(t, w, button)
}

func openBackupTab(t *testing.T) (*view, fyne.Window, *vault.Store, string) {
	t.Helper()
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	id := v.accounts[0].ID
	openTabOf(t, v, w, id, "Backup codes")
	return v, w, store, id
}

func TestBackupSheetsArePastedAndSaved(t *testing.T) {
	tests := []struct {
		name, file    string
		count         int
		first, second string
	}{
		// Google's code 2 is the sheet's "2." under code 1, not the "6."
		// beside it.
		{"Google", "google-backup-codes.txt", 10, "0761 6392", "5475 6834"},
		{"GitHub", "github-recovery-codes.txt", 16, "793cf-4220c", "917b8-53860"},
		{"Japanese full width", "jp-securities.txt", 10, "3761-1195", "8667-1347"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, w, store, id := openBackupTab(t)
			requireText(t, w, "No backup codes recorded")
			requireFitsIn560(t, w)
			pasteSheet(t, v, w, backupSheetFixture(t, tt.file), "Save codes")

			s := savedBackup(t, store, id)
			if s.Total() != tt.count || s.Remaining() != tt.count {
				t.Fatalf("saved %d codes (%d unused), want %d", s.Total(), s.Remaining(), tt.count)
			}
			if got := s.Current.Codes; got[0].Code != tt.first || got[1].Code != tt.second {
				t.Errorf("saved codes start %q, %q; want %q, %q", got[0].Code, got[1].Code, tt.first, tt.second)
			}
			requireText(t, w, "Unused codes: "+strconv.Itoa(tt.count)+" of "+strconv.Itoa(tt.count))
			// Hidden until revealed.
			if hasText(w, tt.first) {
				t.Error("a code shows before the person asked to see it")
			}
			tapButton(t, w, "Show codes")
			requireText(t, w, tt.first, "Unused")
			tapButton(t, w, "Hide codes")
			if hasText(w, tt.first) {
				t.Error("a code still shows after hiding the codes")
			}
		})
	}
}

func TestBadSheetChangesNothing(t *testing.T) {
	tests := []struct {
		name, sheet, want string
	}{
		{"no codes", "hello, these are my notes", "No backup codes were found"},
		{"cut code", "1. 0761 6392\n2. 5475 683\n3. 5671 4306\n4. 9240 2797", "Line 2: looks like part of a code"},
		{"duplicate", "0761 6392\n5475 6834\n0761 6392", "Line 3: the same code as on line 1."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, w, store, id := openBackupTab(t)
			before := savedBackup(t, store, id)
			pasteSheet(t, v, w, tt.sheet, "Save codes")
			requireText(t, w, tt.want)
			if after := savedBackup(t, store, id); !reflect.DeepEqual(before, after) {
				t.Errorf("a refused sheet changed the vault: %+v", after)
			}
		})
	}
}

func TestCopyNextMarksUsedAndPersists(t *testing.T) {
	v, w, store, id := openBackupTab(t)
	pasteSheet(t, v, w, backupSheetFixture(t, "google-backup-codes.txt"), "Save codes")

	tapButton(t, w, "Copy next unused code")
	if got := v.app.Clipboard().Content(); got != "07616392" {
		t.Errorf("copied %q, want 07616392", got)
	}
	if v.copiedCode != "07616392" {
		t.Error("the copied backup code is not cleared from the clipboard later")
	}
	when := backupWhen(at59)
	requireText(t, w, "Copied code 1 and marked it used ("+when+"); 9 of 10 left.", "Unused codes: 9 of 10")
	s := savedBackup(t, store, id)
	if c := s.Current.Codes[0]; c.Used == nil || !c.Used.Equal(at59) {
		t.Errorf("code 1 was saved as used at %v, want %v", c.Used, at59)
	}
	if s.Remaining() != 9 {
		t.Errorf("%d codes left after one copy", s.Remaining())
	}

	// The next copy gives the next code.
	tapButton(t, w, "Copy next unused code")
	if got := v.app.Clipboard().Content(); got != "54756834" {
		t.Errorf("second copy gave %q, want 54756834 (the code the sheet prints as \"2.\")", got)
	}
	requireText(t, w, "Copied code 2 and marked it used")
	tapButton(t, w, "Show codes")
	requireText(t, w, "Used "+when)

	// The clipboard is cleared after the delay, like any code (and well
	// before the idle lock, which would clear it too).
	v.now = func() time.Time { return at59.Add(v.clipboardDelay() - time.Second) }
	v.tick()
	if got := v.app.Clipboard().Content(); got != "54756834" {
		t.Errorf("the clipboard holds %q before the delay is over", got)
	}
	v.now = func() time.Time { return at59.Add(v.clipboardDelay()) }
	v.tick()
	if got := v.app.Clipboard().Content(); got != "" {
		t.Errorf("the clipboard still holds %q after the delay", got)
	}
	if v.mode != modePage {
		t.Errorf("mode %d: the page closed", v.mode)
	}
}

func TestMarkUsedRefusesUsedAndUnknownCodes(t *testing.T) {
	v, w, store, id := openBackupTab(t)
	pasteSheet(t, v, w, backupSheetFixture(t, "google-backup-codes.txt"), "Save codes")
	ph := v.msg.T("ui.backup.mark.placeholder")

	// Typed in full width with a hyphen: still code 3, the number the sheet
	// prints before it (its fifth code in reading order).
	entryByPlaceholder(t, w, ph).SetText("５６７１－４３０６")
	tapButton(t, w, "Mark used")
	requireText(t, w, "Code 3 marked used ("+backupWhen(at59)+"); 9 left.")
	if s := savedBackup(t, store, id); s.Current.Codes[2].Used == nil {
		t.Fatal("code 3 was not saved as used")
	}

	tests := []struct {
		code, want string
	}{
		{"5671 4306", "Code 3 was already used on " + backupWhen(at59) + ". Nothing was changed."},
		{"1234 0000", "This is not one of this account's backup codes."},
		{"", "Type or paste the code you used first."},
	}
	for _, tt := range tests {
		before := savedBackup(t, store, id)
		e := entryByPlaceholder(t, w, ph)
		e.SetText(tt.code)
		e.OnSubmitted(e.Text)
		requireText(t, w, tt.want)
		if after := savedBackup(t, store, id); !reflect.DeepEqual(before, after) {
			t.Errorf("refusing %q changed the vault", tt.code)
		}
		if strings.TrimSpace(tt.code) != "" {
			for _, s := range textsOf(w) {
				if strings.Contains(s, "Nothing") && strings.Contains(s, tt.code) {
					t.Errorf("the message repeats the code: %q", s)
				}
			}
		}
	}
}

func TestLowWarningAtTheThreshold(t *testing.T) {
	v, w, store, id := openBackupTab(t)
	pasteSheet(t, v, w, "1111 2222\n3333 4444\n5555 6666\n7777 8888\n9999 0000", "Save codes")
	low := "Only 3 unused codes left (you are warned at 3 or fewer)."
	tapButton(t, w, "Copy next unused code")
	if hasText(w, "Only 4") {
		t.Error("warned at 4 codes left with the default threshold 3")
	}
	tapButton(t, w, "Copy next unused code")
	requireText(t, w, low)

	// A higher threshold, saved with the account.
	var sel *widget.Select
	for _, o := range objectsShown(w) {
		if s, ok := o.(*widget.Select); ok {
			sel = s
		}
	}
	if sel == nil || sel.Selected != "3" {
		t.Fatalf("no threshold choice showing 3: %v", sel)
	}
	sel.SetSelected("4")
	if got := savedBackup(t, store, id).Threshold(); got != 4 {
		t.Errorf("saved threshold %d, want 4", got)
	}
	requireText(t, w, "Only 3 unused codes left (you are warned at 4 or fewer).")

	// None left: the button is off and the warning says so.
	for range 3 {
		tapButton(t, w, "Copy next unused code")
	}
	requireText(t, w, "No unused backup codes are left.", "Unused codes: 0 of 5")
	for _, b := range buttonsOf(w) {
		if b.Text == "Copy next unused code" && !b.Disabled() {
			t.Error("Copy next is enabled with no code left")
		}
	}
}

func TestReplaceKeepsTheOldSheetAsHistory(t *testing.T) {
	v, w, store, id := openBackupTab(t)
	pasteSheet(t, v, w, backupSheetFixture(t, "google-backup-codes.txt"), "Save codes")
	tapButton(t, w, "Copy next unused code")

	// The same sheet again is refused: it would bring used codes back.
	before := savedBackup(t, store, id)
	pasteSheet(t, v, w, backupSheetFixture(t, "google-backup-codes.txt"), "Replace codes")
	tapButton(t, w, "Replace")
	requireText(t, w, "probably an old one")
	if after := savedBackup(t, store, id); !reflect.DeepEqual(before, after) {
		t.Error("an old sheet changed the vault")
	}

	pasteSheet(t, v, w, backupSheetFixture(t, "github-recovery-codes.txt"), "Replace codes")
	requireText(t, w, "The 10 current codes (9 of them unused) become void")
	tapButton(t, w, "Replace")
	s := savedBackup(t, store, id)
	if s.Total() != 16 || len(s.History) != 1 || s.History[0].Voided == nil || len(s.History[0].Codes) != 10 {
		t.Fatalf("after replacing: %d codes, history %+v", s.Total(), s.History)
	}
	requireText(t, w, "Unused codes: 16 of 16", "Replaced sheets")
	openAllAccordions(w)
	tapButton(t, w, "Show codes")
	openAllAccordions(w)
	requireText(t, w, "Sheet 1 (10 codes)", "0761 6392", "Used "+backupWhen(at59)+", void", "Void")
	requireFitsIn560(t, w)

	// A code of the old sheet is void, not unknown.
	e := entryByPlaceholder(t, w, v.msg.T("ui.backup.mark.placeholder"))
	e.SetText("4166 3803")
	tapButton(t, w, "Mark used")
	requireText(t, w, "belongs to sheet 1")
}

func TestMaskBackupCode(t *testing.T) {
	tests := []struct{ code, want string }{
		{"0761 6392", "•••• ••••"},
		{"793cf-4220c", "•••••-•••••"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := maskBackupCode(tt.code); got != tt.want {
			t.Errorf("maskBackupCode(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}
