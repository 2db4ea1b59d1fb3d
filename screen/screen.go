// Package screen captures what is on the screen, so that a QR code shown by
// a web page or another app can be read without saving a picture first.
//
// On X11 (and XWayland) the root window is read over the X protocol; on
// Wayland the XDG desktop portal's Screenshot API is asked. The picture
// stays in memory on X11; the portal hands it over as a file, which is read
// and removed at once. The package has no GUI dependency, so it can be
// tested without one.
package screen

import (
	"context"
	"errors"
	"image"
	"os"
)

// ErrUnavailable means this session offers no way to capture the screen:
// neither an X display nor a desktop portal with the Screenshot API.
var ErrUnavailable = errors.New("screen capture is not available in this session")

// ErrCancelled means the user (or the desktop) declined the capture.
var ErrCancelled = errors.New("the screen capture was cancelled")

// Env is the part of the environment that decides how to capture; the
// zero value means no display at all.
type Env struct {
	Display        string // $DISPLAY: an X server (or XWayland)
	WaylandDisplay string // $WAYLAND_DISPLAY
	SessionType    string // $XDG_SESSION_TYPE: "x11", "wayland", ...
}

// FromOS reads Env from the process environment.
func FromOS() Env {
	return Env{
		Display:        os.Getenv("DISPLAY"),
		WaylandDisplay: os.Getenv("WAYLAND_DISPLAY"),
		SessionType:    os.Getenv("XDG_SESSION_TYPE"),
	}
}

// Wayland reports whether the session is a Wayland one, where an X client
// sees only other X clients and the portal is the way to read the screen.
func (e Env) Wayland() bool {
	return e.WaylandDisplay != "" || e.SessionType == "wayland"
}

// Method is a way of capturing the screen.
type Method string

// The methods Capture can use, in the order Methods gives them.
const (
	X11    Method = "x11"
	Portal Method = "portal"
)

// Methods returns the ways to try, best first: on Wayland the portal and
// then XWayland's root window; on X11 the X server and then the portal
// (some X11 desktops run one too).
func (e Env) Methods() []Method {
	switch {
	case e.Wayland() && e.Display != "":
		return []Method{Portal, X11}
	case e.Wayland():
		return []Method{Portal}
	case e.Display != "":
		return []Method{X11, Portal}
	}
	return []Method{Portal}
}

// Capture returns a picture of every screen of the session described by
// env (on X11 one picture spanning all monitors). It tries env.Methods()
// in turn; when none works the error wraps ErrUnavailable, or is
// ErrCancelled when the user declined.
//
// On Windows (GDI) and macOS (screencapture) the system's own capture is
// used instead, and env is not looked at.
func Capture(ctx context.Context, env Env) (image.Image, error) {
	if img, ok, err := captureNative(ctx); ok {
		if err != nil {
			return nil, errors.Join(ErrUnavailable, err)
		}
		return img, nil
	}
	var errs []error
	for _, m := range env.Methods() {
		var img image.Image
		var err error
		switch m {
		case X11:
			img, err = captureX11(env.Display)
		case Portal:
			img, err = capturePortal(ctx)
		}
		if err == nil {
			return img, nil
		}
		if errors.Is(err, ErrCancelled) || ctx.Err() != nil {
			return nil, err
		}
		errs = append(errs, err)
	}
	return nil, errors.Join(append([]error{ErrUnavailable}, errs...)...)
}
