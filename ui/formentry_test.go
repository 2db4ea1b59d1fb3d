package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
)

// sendShortcut gives s to the focused object, as the desktop driver does: a
// focused Shortcutable gets it, and the window's shortcuts do not.
func sendShortcut(t *testing.T, w fyne.Window, s fyne.Shortcut) {
	t.Helper()
	f, ok := w.Canvas().Focused().(fyne.Shortcutable)
	if !ok {
		t.Fatalf("the focused %T takes no shortcuts", w.Canvas().Focused())
	}
	f.TypedShortcut(s)
}

func TestCtrlLLocksFromADialogEntry(t *testing.T) {
	for _, tc := range []struct {
		name string
		open func(v *view) *formEntry // opens a dialog, returns an entry of it
	}{
		{"edit", func(v *view) *formEntry {
			v.openAccount(v.accounts[0].ID)
			v.showEdit(v.accounts[0].ID)
			return v.editForm.name
		}},
		{"add", func(v *view) *formEntry {
			v.showAdd()
			return v.addForm.secret
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := newStore(t, nil) // a key file, so there is a passphrase
			addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
			v, w := open(t, store)
			e := tc.open(v)
			w.Canvas().Focus(e)
			if w.Canvas().Focused() != e {
				t.Fatalf("the entry did not take the focus")
			}
			// Escape stays in the dialog: the page under it stays.
			mode := v.mode
			sendKey := w.Canvas().Focused().TypedKey
			sendKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if v.mode != mode || w.Canvas().Overlays().Top() == nil {
				t.Fatalf("Escape in a dialog's entry left the dialog or the page; mode %d", v.mode)
			}

			sendShortcut(t, w, shortcutLock)
			if v.mode != modeLocked || v.vault != nil {
				t.Fatalf("Ctrl+L in a dialog did not lock; the window shows %q", textsOf(w))
			}
			if top := w.Canvas().Overlays().Top(); top != nil {
				t.Errorf("a dialog stayed over the locked screen")
			}
			requireText(t, w, "Mamori is locked")
			if hasText(w, "alice@example.com") {
				t.Errorf("the locked window still shows the vault: %q", textsOf(w))
			}
		})
	}
}

func TestCopyAndPasteStillWorkInADialogEntry(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	id := v.accounts[0].ID
	v.showEdit(id)
	f := v.editForm
	clip := v.app.Clipboard()

	// Copy the name out of its field.
	w.Canvas().Focus(f.name)
	sendShortcut(t, w, &fyne.ShortcutSelectAll{})
	sendShortcut(t, w, &fyne.ShortcutCopy{Clipboard: clip})
	if got := clip.Content(); got != "alice@example.com" {
		t.Errorf("Ctrl+C copied %q, want the name", got)
	}

	// Paste tags into theirs, and save.
	clip.SetContent("work, code")
	w.Canvas().Focus(f.tags)
	sendShortcut(t, w, &fyne.ShortcutPaste{Clipboard: clip})
	if f.tags.Text != "work, code" {
		t.Fatalf("Ctrl+V put %q in the tags field", f.tags.Text)
	}
	if v.mode == modeLocked {
		t.Fatal("a shortcut other than Ctrl+L locked")
	}
	f.dialog.Confirm()
	vlt, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(vlt.Account(id).Tags, ","); got != "code,work" && got != "work,code" {
		t.Errorf("saved tags %q, want the pasted ones", got)
	}
}

func TestTypingInADialogKeepsTheVaultOpen(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	clock := at59
	v.now = func() time.Time { return clock }
	after := func(d time.Duration) {
		clock = clock.Add(d)
		v.tick()
	}
	v.showAdd()
	after(4 * time.Minute)
	test.Type(v.addForm.issuer, "Example")
	if !v.lastActive.Equal(clock) {
		t.Fatalf("typing in the add dialog left the idle time at %v", v.lastActive)
	}
	after(4 * time.Minute)
	v.addForm.issuer.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	after(4 * time.Minute)
	if v.mode != modeList || v.addForm.issuer.Text != "Exampl" {
		t.Fatalf("locked while the add dialog was in use; the window shows %q", textsOf(w))
	}
	after(time.Minute + time.Second)
	if v.mode != modeLocked {
		t.Errorf("not locked after 5 idle minutes in the dialog")
	}
}

// While a passphrase is asked for, Ctrl+L must not lock: the load or save
// behind the dialog waits for its answer, and locking would drop the dialog.
func TestCtrlLLeavesThePassphraseDialog(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)

	// The unlock dialog, over "Opening the vault…".
	v.showMessage(v.msg.T("ui.loading"))
	answered := false
	v.showPassphraseDialog(vault.PassphraseRequest{}, func(string) { answered = true }, func() { answered = true })
	sendShortcut(t, w, shortcutLock)
	v.typedShortcut(shortcutLock)
	if v.mode != modeMessage || w.Canvas().Overlays().Top() == nil || answered {
		t.Fatalf("Ctrl+L took the unlock dialog away; mode %d, answered %v", v.mode, answered)
	}
	tapTopButton(t, w, "Cancel")
	v.load()

	// A save asking for a passphrase while the list is up.
	if v.mode != modeList {
		t.Fatalf("the vault did not open again; mode %d", v.mode)
	}
	v.askingPass++
	v.showPassphraseDialog(vault.PassphraseRequest{Reason: vault.ReasonNewFileKey}, func(string) { v.askingPass-- }, func() { v.askingPass-- })
	sendShortcut(t, w, shortcutLock)
	if v.mode != modeList || w.Canvas().Overlays().Top() == nil {
		t.Fatalf("Ctrl+L locked while a save waited for a passphrase; mode %d", v.mode)
	}
	tapTopButton(t, w, "Cancel")
	if v.askingPass != 0 {
		t.Fatalf("the dialog is still counted after Cancel")
	}
	v.typedShortcut(shortcutLock)
	if v.mode != modeLocked {
		t.Errorf("Ctrl+L did not lock once the dialog was answered")
	}
}
