package screen

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

func TestMethods(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  Env
		want []Method
	}{
		{"X11 session", Env{Display: ":0", SessionType: "x11"}, []Method{X11, Portal}},
		{"X11 without a session type", Env{Display: ":1"}, []Method{X11, Portal}},
		{"Wayland with XWayland", Env{Display: ":0", WaylandDisplay: "wayland-0", SessionType: "wayland"}, []Method{Portal, X11}},
		{"Wayland named by the session type only", Env{Display: ":0", SessionType: "wayland"}, []Method{Portal, X11}},
		{"Wayland without XWayland", Env{WaylandDisplay: "wayland-0"}, []Method{Portal}},
		{"no display", Env{}, []Method{Portal}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.env.Methods(); !slices.Equal(got, tc.want) {
				t.Errorf("Methods() = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCaptureWithoutADisplayIsUnavailable(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("on Windows and macOS the system's own capture serves the screen: there is no session without one")
	}
	// No display and no session bus: nothing can answer.
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "none"))
	_, err := Capture(context.Background(), Env{})
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	_, err = Capture(context.Background(), Env{Display: ":4242"})
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("with a display nobody serves: err = %v, want ErrUnavailable", err)
	}
}
