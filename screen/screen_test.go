package screen

import (
	"context"
	"errors"
	"os"
	"path/filepath"
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

func TestReadAndRemove(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Screenshot.png")
	if err := os.WriteFile(path, []byte("picture"), 0o600); err != nil {
		t.Fatal(err)
	}
	data, err := readAndRemove("file://" + path)
	if err != nil || string(data) != "picture" {
		t.Fatalf("readAndRemove = %q, %v", data, err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("the portal's screenshot file is still there")
	}
	for _, uri := range []string{"https://example.com/x.png", "file://", "%zz"} {
		if _, err := readAndRemove(uri); err == nil {
			t.Errorf("readAndRemove(%q) succeeded", uri)
		}
	}
}
