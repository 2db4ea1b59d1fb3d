package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/mamori-app/mamori/vault/otp"
)

func qrFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "vault", "importer", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestAddFromAPastedURI(t *testing.T) {
	store := newStore(t, nil)
	v, w := open(t, store)
	requireText(t, w, "No accounts yet")

	v.typedShortcut(shortcutAdd)
	requireText(t, w, "Add an account", "Open a QR code image…", "Secret key")
	// A bad link: the dialog stays, with a translated reason.
	v.addForm.uri.SetText("https://example.com/?secret=JBSWY3DPEHPK3PXP")
	v.addForm.uri.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	requireText(t, w, "That link cannot be used: it is not an otpauth:// link")
	if v.mode != modeEmpty {
		t.Fatal("a bad link was added")
	}

	v.addForm.uri.SetText("otpauth://totp/%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C:taro?secret=" + rfcSecret + "&issuer=%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C")
	tapButton(t, w, "Add")
	if v.mode != modeList || v.list.Length() != 1 {
		t.Fatalf("the account was not added; the window shows %q", textsOf(w))
	}
	requireText(t, w, "みずほ銀行", "taro", "287 082", "Added みずほ銀行: taro.")
	vlt, err := store.Load()
	if err != nil || len(vlt.Accounts) != 1 {
		t.Fatalf("the vault has %v accounts (%v)", len(vlt.Accounts), err)
	}

	// The same key again is refused, in the dialog.
	v.showAdd()
	v.addForm.uri.SetText("otpauth://totp/Other?secret=" + rfcSecret)
	tapButton(t, w, "Add")
	requireText(t, w, "is already in the vault")
}

func TestAddByHand(t *testing.T) {
	store := newStore(t, nil)
	v, w := open(t, store)
	v.showAdd()
	f := v.addForm

	// Nothing to tell it apart.
	f.secret.SetText(rfcSecret)
	tapButton(t, w, "Add")
	requireText(t, w, "Enter the service or the login ID")

	// A secret that is not Base32: explained, never repeated.
	f.issuer.SetText("楽天証券")
	f.name.SetText("hanako")
	f.secret.SetText("not base32 !!1")
	tapButton(t, w, "Add")
	requireText(t, w, "the secret key is not valid Base32")
	if hasText(w, "not base32 !!1") {
		t.Error("the error repeats the secret")
	}

	// A bad period.
	f.secret.SetText("gezd gnbv gy3t qojq gezd gnbv gy3t qojq") // spaces and lower case are fine
	f.period.SetText("0")
	tapButton(t, w, "Add")
	requireText(t, w, "the period must be 1 to 86400 seconds")

	f.period.SetText("30")
	f.digits.SetSelected("8")
	f.alg.SetSelected("SHA1")
	tapButton(t, w, "Add")
	requireText(t, w, "楽天証券", "hanako", "9428 7082")
	vlt, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	if k := vlt.Accounts[0].OTP; k.Digits != 8 || k.Type != otp.TOTP || k.Period != 30 {
		t.Errorf("saved key %+v", k)
	}
}

func TestAddFromAQRImage(t *testing.T) {
	store := newStore(t, nil)
	v, w := open(t, store)

	v.addFromImage(qrFixture(t, "qr-utf8.png"))
	requireText(t, w, "楽天", "花子", "Added 楽天: 花子.")

	// An image without a QR code, or one already added: a dialog says so.
	v.addFromImage(qrFixture(t, "no-qr.png"))
	requireText(t, w, "Nothing was added: no QR code was found in the image")
	tapButton(t, w, "Close")
	v.addFromImage(qrFixture(t, "qr-utf8.png"))
	requireText(t, w, "is already in the vault")
	if v.list.Length() != 1 {
		t.Errorf("the list has %d rows, want 1", v.list.Length())
	}
}

func TestDeleteAndUndo(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""},
		testAccount{"みずほ銀行", "山田太郎", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"},
		testAccount{"Steam", "gamer", otp.TOTP, 6, "ONSWG4TFOQYTEMZU"},
	)
	v, w := open(t, store)
	first := v.accounts[0].ID

	// The Account tab's Delete button (TestDeleteFromTheAccountTab) comes
	// down to this.
	v.deleteAccount(first)
	if v.list.Length() != 2 || v.accounts[0].Issuer == "GitHub" {
		t.Fatalf("after deleting, the window shows %q", textsOf(w))
	}
	requireText(t, w, "Deleted GitHub: alice@example.com.", "Undo")
	vlt, _ := store.Load()
	if len(vlt.Accounts) != 2 {
		t.Fatalf("the vault still has %d accounts", len(vlt.Accounts))
	}

	tapButton(t, w, "Undo")
	requireText(t, w, "GitHub", "GitHub: alice@example.com is back.")
	vlt, _ = store.Load()
	if len(vlt.Accounts) != 3 || vlt.Accounts[0].ID != first {
		t.Errorf("undo did not put the account back in its place: %v", vlt.Accounts)
	}
	if v.undoBtn.Visible() {
		t.Error("Undo is still offered")
	}

	// Undo is offered for a few seconds only.
	v.deleteAccount(v.accounts[1].ID)
	if !v.undoBtn.Visible() {
		t.Fatal("no Undo after deleting")
	}
	v.now = func() time.Time { return at59.Add(undoFor) }
	v.tick()
	if v.undoBtn.Visible() || v.undo != nil {
		t.Error("Undo is still offered after the delay")
	}
}

func TestLockingForgetsADeletedAccount(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, _ := open(t, store)
	v.deleteAccount(v.accounts[0].ID)
	v.lock()
	if v.undo != nil || v.undoBtn.Visible() {
		t.Error("Undo is still offered on the locked screen")
	}
}
