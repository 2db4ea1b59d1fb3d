//go:build display && (linux || freebsd || openbsd || netbsd)

package ui

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/clipboard"
	"github.com/mamori-app/mamori/vault/otp"
)

// TestClipboardCopyFromTheWindowIsMarked: with the app's clipboard on a
// real X display (make test-display, Xvfb), a code copied in the window is
// offered to other programs with x-kde-passwordManagerHint: secret, as
// xclip sees it, and is gone after the delay.
func TestClipboardCopyFromTheWindowIsMarked(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("DISPLAY is not set: run this test under an X server (make test-display)")
	}
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, _ := open(t, store)
	v.clip = clipboard.New(v.app.Clipboard()) // as run does
	v.copyTop()
	xclip := func(target string) string {
		out, _ := exec.Command("xclip", "-selection", "clipboard", "-t", target, "-o").Output()
		return string(out)
	}
	if got := xclip("TARGETS"); !strings.Contains(got, clipboard.PasswordHint) {
		t.Errorf("the copied code is offered as %q, without the password manager hint", got)
	}
	if got := xclip(clipboard.PasswordHint); got != "secret" {
		t.Errorf("the hint's value is %q", got)
	}
	if got := xclip("UTF8_STRING"); got != "287082" {
		t.Errorf("other programs read %q, want the code", got)
	}
	v.lock()
	if got := xclip("UTF8_STRING"); got != "" {
		t.Errorf("after locking other programs still read %q", got)
	}
}
