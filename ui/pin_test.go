package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/mamori-app/mamori/vault/otp"
)

// rowOf returns the laid-out list row showing the account with issuer.
func rowOf(t *testing.T, w fyne.Window, issuer string) *accountRow {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if r, ok := o.(*accountRow); ok && r.acct.Issuer == issuer {
			return r
		}
	}
	t.Fatalf("no row for %s in %q", issuer, textsOf(w))
	return nil
}

func issuersOf(v *view) string {
	var out []string
	for _, i := range v.shown {
		out = append(out, v.accounts[i].Issuer)
	}
	return strings.Join(out, ",")
}

func menuLabels(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		switch {
		case it.IsSeparator:
			out = append(out, "---")
		case it.Disabled:
			out = append(out, "("+it.Label+")")
		default:
			out = append(out, it.Label)
		}
	}
	return out
}

func TestPinnedAccountsComeFirstAndPinsAreSaved(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""},
		testAccount{"みずほ銀行", "山田太郎", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"},
		testAccount{"Steam", "gamer", otp.TOTP, 6, "ONSWG4TFOQYTEMZU"},
	)
	v, w := open(t, store)
	if got := issuersOf(v); got != "GitHub,みずほ銀行,Steam" {
		t.Fatalf("order before pinning: %s", got)
	}
	if got := strings.Join(menuLabels(v.trayMenu()), "|"); got != "(No pinned accounts)|---|Show Mamori|Quit" {
		t.Errorf("tray menu before pinning: %s", got)
	}

	r := rowOf(t, w, "Steam")
	if r.pin.Icon != unpinnedIcon {
		t.Error("an unpinned account shows the pinned icon")
	}
	test.Tap(r.pin)
	requireText(t, w, "Pinned Steam: gamer: it comes first in the list and the tray menu.")
	if got := issuersOf(v); got != "Steam,GitHub,みずほ銀行" {
		t.Fatalf("order after pinning Steam: %s", got)
	}
	if r := rowOf(t, w, "Steam"); r.pin.Icon != pinIcon {
		t.Error("the pinned account does not show the pinned icon")
	}
	test.Tap(rowOf(t, w, "みずほ銀行").pin)
	// Pinned accounts keep the vault's order among themselves.
	if got := issuersOf(v); got != "みずほ銀行,Steam,GitHub" {
		t.Fatalf("order after pinning みずほ銀行: %s", got)
	}

	// The pins are in the vault, and a new window shows them first.
	vlt, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range vlt.Accounts {
		if a.Pinned != (a.Issuer != "GitHub") {
			t.Errorf("%s: Pinned = %v in the vault", a.Issuer, a.Pinned)
		}
	}
	v2, _ := open(t, store)
	if got := issuersOf(v2); got != "みずほ銀行,Steam,GitHub" {
		t.Errorf("a new window shows %s", got)
	}

	// Unpinning puts the account back in its place.
	test.Tap(rowOf(t, w, "Steam").pin)
	requireText(t, w, "Unpinned Steam: gamer.")
	if got := issuersOf(v); got != "みずほ銀行,GitHub,Steam" {
		t.Errorf("order after unpinning Steam: %s", got)
	}
	vlt, _ = store.Load()
	if vlt.Accounts[2].Pinned {
		t.Error("unpinning was not saved")
	}
}

func TestTrayMenuCopiesPinnedCodes(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""},
		testAccount{"Steam", "gamer", otp.TOTP, 6, "ONSWG4TFOQYTEMZU"},
	)
	v, w := open(t, store)
	v.setPinned(v.accounts[1].ID, true)
	want, err := v.accounts[0].Code(at59)
	if err != nil {
		t.Fatal(err)
	}
	m := v.trayMenu()
	if got := strings.Join(menuLabels(m), "|"); got != "Steam: gamer   "+groupCode(want)+"|---|Show Mamori|Quit" {
		t.Fatalf("tray menu: %s", got)
	}
	if !m.Items[3].IsQuit {
		t.Error("Quit is not marked as the quit item")
	}
	// The menu is rebuilt when the code changes, not every second.
	shown := v.trayShown
	v.tick()
	if v.trayShown != shown {
		t.Error("the tray menu was rebuilt though no code changed")
	}
	v.now = func() time.Time { return at59.Add(time.Second) }
	v.touch()
	v.tick()
	if v.trayShown == shown {
		t.Error("the tray menu kept the old code into the next period")
	}
	v.now = func() time.Time { return at59 }
	m.Items[0].Action()
	if got := v.app.Clipboard().Content(); got != want {
		t.Fatalf("clipboard = %q after the tray item, want %q", got, want)
	}
	if v.copiedCode != want {
		t.Error("a code copied from the tray is not cleared later")
	}
	requireText(t, w, "Copied the code for Steam: gamer. It will be cleared from the clipboard in 20 s.")
	// Quitting from the tray takes our code off the clipboard first.
	quitter := &quitCounter{App: v.app}
	v.app = quitter
	items := v.trayMenu().Items
	items[len(items)-1].Action()
	if got := v.app.Clipboard().Content(); got != "" || quitter.quits != 1 {
		t.Fatalf("after Quit: clipboard %q, %d quits", got, quitter.quits)
	}
	v.app = quitter.App
	m.Items[0].Action()
	// The clipboard is cleared after the delay, as for a click in the window.
	v.now = func() time.Time { return at59.Add(v.clipboardDelay() + time.Second) }
	v.tick()
	if got := v.app.Clipboard().Content(); got != "" {
		t.Errorf("clipboard still holds %q after the delay", got)
	}

	// In Japanese, and once locked, with no accounts.
	v.prefs.SetString(prefLanguage, "ja")
	v.applyLanguage()
	v.rebuild()
	if got := strings.Join(menuLabels(v.trayMenu()), "|"); !strings.HasPrefix(got, "Steam: gamer   ") || !strings.HasSuffix(got, "|---|Mamori を表示|終了") {
		t.Errorf("tray menu in Japanese: %s", got)
	}
	v.lock()
	if got := strings.Join(menuLabels(v.trayMenu()), "|"); got != "(ピン留めしたアカウントはありません)|---|Mamori を表示|終了" {
		t.Errorf("tray menu when locked: %s", got)
	}
}

// quitCounter is the app, counting Quit instead of quitting.
type quitCounter struct {
	fyne.App
	quits int
}

func (q *quitCounter) Quit() { q.quits++ }
