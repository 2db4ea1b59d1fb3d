//go:build linux || freebsd || openbsd || netbsd

package clipboard

import "testing"

// TestNoDisplayMeansPlain: in a Wayland session without XWayland there is
// no X selection to own, and copies go to the plain clipboard.
func TestNoDisplayMeansPlain(t *testing.T) {
	t.Setenv("DISPLAY", "")
	p := &plain{}
	c := New(p)
	if c.Marked() {
		t.Fatal("New marks copies without an X display")
	}
	if err := c.SetSecret("287082"); err != nil || p.text != "287082" {
		t.Errorf("SetSecret: %v; the plain clipboard holds %q", err, p.text)
	}
}
