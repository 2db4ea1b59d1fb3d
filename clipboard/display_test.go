//go:build display && (linux || freebsd || openbsd || netbsd)

package clipboard

// These tests need a real X display (make test-display runs them under
// Xvfb) and xclip, the oracle of what other programs see on the clipboard.
// Without either they fail rather than skip.

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// plainFake is the fallback clipboard; the X tests must never use it.
type plainFake = plain

// xclip runs xclip to read the CLIPBOARD selection, as target.
func xclip(t *testing.T, target string) (string, error) {
	t.Helper()
	path, err := exec.LookPath("xclip")
	if err != nil {
		t.Fatal("xclip is not installed (scripts/deps.sh test installs it)")
	}
	args := []string{"-selection", "clipboard", "-o"}
	if target != "" {
		args = append(args, "-t", target)
	}
	out, err := exec.Command(path, args...).Output()
	return string(out), err
}

func newX11(t *testing.T) (Clipboard, *plainFake) {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("DISPLAY is not set: run this test under an X server (make test-display)")
	}
	p := &plainFake{}
	c := New(p)
	if !c.Marked() {
		t.Fatal("New gave the plain clipboard with a display there")
	}
	return c, p
}

// TestClipboardOffersThePasswordManagerHint copies a code and reads it
// back with xclip: the targets include x-kde-passwordManagerHint, whose
// value is "secret", and the text is the code, in UTF-8 and Latin-1.
func TestClipboardOffersThePasswordManagerHint(t *testing.T) {
	c, p := newX11(t)
	const code = "287 082"
	if err := c.SetSecret(code); err != nil {
		t.Fatal(err)
	}
	targets, err := xclip(t, "TARGETS")
	if err != nil {
		t.Fatalf("xclip TARGETS: %v", err)
	}
	for _, want := range []string{"TARGETS", "UTF8_STRING", "STRING", "TEXT", PasswordHint} {
		if !strings.Contains("\n"+targets, "\n"+want+"\n") {
			t.Errorf("the clipboard offers %q, without %s", targets, want)
		}
	}
	for target, want := range map[string]string{
		"": code, "UTF8_STRING": code, "STRING": code, "TEXT": code, PasswordHint: PasswordHintValue,
	} {
		if got, err := xclip(t, target); err != nil || got != want {
			t.Errorf("xclip -t %q = %q (%v), want %q", target, got, err, want)
		}
	}
	if p.text != "" {
		t.Errorf("the plain clipboard was used: %q", p.text)
	}

	// Japanese text: UTF-8 as it is.
	if err := c.SetSecret("秘密の答え"); err != nil {
		t.Fatal(err)
	}
	if got, _ := xclip(t, "UTF8_STRING"); got != "秘密の答え" {
		t.Errorf("UTF8_STRING = %q", got)
	}
	if c.ClearIf(code) {
		t.Error("ClearIf cleared a text that was replaced")
	}

	// Cleared after the delay: nothing is offered any more.
	if !c.ClearIf("秘密の答え") {
		t.Fatal("ClearIf did not clear Mamori's own copy")
	}
	if got, err := xclip(t, ""); err == nil && got != "" {
		t.Errorf("after ClearIf the clipboard still holds %q", got)
	}
}

// TestClipboardLeavesAnotherProgramsCopy: when someone copies something
// else after Mamori, clearing takes nothing of theirs.
func TestClipboardLeavesAnotherProgramsCopy(t *testing.T) {
	c, _ := newX11(t)
	if err := c.SetSecret("123456"); err != nil {
		t.Fatal(err)
	}
	in := exec.Command("xclip", "-selection", "clipboard", "-i", "-loops", "2")
	in.Stdin = strings.NewReader("their text")
	if err := in.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = in.Process.Kill(); _ = in.Wait() }()
	// xclip forks to the background only with -loops 0; this one serves
	// two requests in the foreground, so wait until it owns the selection.
	for tries := 0; ; tries++ {
		got, err := xclip(t, "")
		if err == nil && got == "their text" {
			break
		}
		if tries == 1000 {
			t.Fatal("xclip -i never owned the clipboard")
		}
	}
	if c.ClearIf("123456") {
		t.Error("ClearIf reports clearing after another program copied")
	}
	if got, err := xclip(t, ""); err != nil || got != "their text" {
		t.Errorf("the other program's copy is now %q (%v)", got, err)
	}
}
