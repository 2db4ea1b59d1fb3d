package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/screen"
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
	requireText(t, w, "That link cannot be used: it is not an otpauth:// URI")
	if v.mode != modeEmpty {
		t.Fatal("a bad link was added")
	}

	// A link without a name or issuer: said in the person's words, not Go's.
	v.addForm.uri.SetText("otpauth://totp/?secret=" + rfcSecret)
	v.addForm.uri.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	requireText(t, w, "names neither the service nor the login ID")
	if hasText(w, "an account needs") || v.mode != modeEmpty {
		t.Fatalf("a link without a label: the window shows %q", textsOf(w))
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
	requireText(t, w, "the secret is not valid Base32")
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

// shyWindow records whether the window was on the screen.
type shyWindow struct {
	fyne.Window
	hidden bool
}

func (w *shyWindow) Hide() { w.hidden = true; w.Window.Hide() }
func (w *shyWindow) Show() { w.hidden = false; w.Window.Show() }

// fakeScreen returns a scanner whose capture shows img (or fails with err),
// and checks that neither the window nor a dialog is on the screen then.
func fakeScreen(t *testing.T, win *shyWindow, img image.Image, err error) (screenScanner, *int) {
	calls := 0
	return screenScanner{capture: func(context.Context) (image.Image, error) {
		calls++
		if !win.hidden {
			t.Error("the window was on the screen during the capture")
		}
		if win.Canvas().Overlays().Top() != nil {
			t.Error("a dialog was on the screen during the capture")
		}
		return img, err
	}}, &calls
}

// topTexts returns the texts of the dialog on top of the window.
func topTexts(w fyne.Window) []string {
	var out []string
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			out = append(out, l.Text)
		}
	}
	return out
}

func decodeFixture(t *testing.T, name string) image.Image {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(qrFixture(t, name)))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestScanTheScreen(t *testing.T) {
	store := newStore(t, nil)
	v, w := open(t, store)
	shy := &shyWindow{Window: w}
	v.win = shy

	// Two codes on the screen: both are listed, and nothing is added until
	// the user agrees.
	v.showAdd()
	both := image.NewRGBA(image.Rect(0, 0, 1200, 700))
	draw.Draw(both, both.Bounds(), image.White, image.Point{}, draw.Src)
	for i, name := range []string{"qr-utf8.png", "qr-otpauth.png"} {
		img := decodeFixture(t, name)
		draw.Draw(both, img.Bounds().Add(image.Pt(40+i*600, 40)), img, img.Bounds().Min, draw.Src)
	}
	scan, calls := fakeScreen(t, shy, both, nil)
	v.addForm.scan = scan
	tapButton(t, w, "Scan the screen")
	if *calls != 1 || shy.hidden {
		t.Fatalf("captured %d times; window hidden afterwards: %v", *calls, shy.hidden)
	}
	requireText(t, w, "QR code on the screen", "Found on the screen: 2. Add to Mamori?", "楽天: 花子")
	if vlt, _ := store.Load(); len(vlt.Accounts) != 0 {
		t.Fatal("accounts were added before the user agreed")
	}
	tapButton(t, w, "Add")
	requireText(t, w, "楽天", "花子", "みずほ銀行", "Added 2 accounts (0 already in the vault).")
	vlt, err := store.Load()
	if err != nil || len(vlt.Accounts) != 2 {
		t.Fatalf("the vault has %d accounts (%v), want 2", len(vlt.Accounts), err)
	}

	// Cancel adds nothing.
	v.showAdd()
	v.addForm.scan, _ = fakeScreen(t, shy, decodeFixture(t, "qr-migration-1.png"), nil)
	tapButton(t, w, "Scan the screen")
	tapButton(t, w, "Cancel")
	if vlt, _ := store.Load(); len(vlt.Accounts) != 2 {
		t.Errorf("cancelled, yet the vault has %d accounts", len(vlt.Accounts))
	}
}

func TestScanTheScreenExplainsFailures(t *testing.T) {
	for _, tc := range []struct {
		name string
		img  image.Image
		err  error
		want string
	}{
		{"no QR code", image.NewRGBA(image.Rect(0, 0, 640, 480)), nil, "No QR code was found on the screen."},
		{"no way to capture", nil, fmt.Errorf("%w: x11: no DISPLAY", screen.ErrUnavailable), "Scanning works on X11 (and XWayland)"},
		{"another failure", nil, errors.New("x11: read the screen: BadMatch"), "Mamori could not read the screen."},
		{"cancelled", nil, screen.ErrCancelled, "The screen was not scanned."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := newStore(t, nil)
			v, w := open(t, store)
			shy := &shyWindow{Window: w}
			v.win = shy
			v.showAdd()
			v.addForm.scan, _ = fakeScreen(t, shy, tc.img, tc.err)
			tapButton(t, w, "Scan the screen")
			requireText(t, w, tc.want)
			if tc.err != screen.ErrCancelled && !strings.Contains(strings.Join(topTexts(w), " "), tc.want) {
				t.Errorf("the message is not on top; the top dialog shows %q", topTexts(w))
			}
			if shy.hidden {
				t.Error("the window stayed hidden")
			}
			if hasText(w, "BadMatch") {
				t.Error("a technical error is shown to the user")
			}
			// The add dialog is back, to try again or add another way.
			requireText(t, w, "Add an account", "Open a QR code image…")
			if vlt, _ := store.Load(); len(vlt.Accounts) != 0 {
				t.Errorf("the vault has %d accounts", len(vlt.Accounts))
			}
		})
	}
}

func TestScanTheScreenInJapanese(t *testing.T) {
	store := newStore(t, nil)
	v, w := open(t, store)
	v.getenv = func(k string) string {
		if k == "LANG" {
			return "ja_JP.UTF-8"
		}
		return ""
	}
	v.applyLanguage()
	v.rebuild()
	shy := &shyWindow{Window: w}
	v.win = shy
	v.showAdd()
	v.addForm.scan, _ = fakeScreen(t, shy, decodeFixture(t, "qr-utf8.png"), nil)
	tapButton(t, w, "画面から読み取る")
	requireText(t, w, "画面の QR コード", "楽天: 花子")
}
