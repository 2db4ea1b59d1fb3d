//go:build display && (linux || freebsd || openbsd || netbsd)

package screen

// The portal path against a stand-in for xdg-desktop-portal on the session
// bus (make test runs this under dbus-run-session). Without a session bus
// it fails rather than skips.

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"
	"github.com/godbus/dbus/v5"

	"github.com/mamori-app/mamori/vault/importer"
)

// fakePortal answers Screenshot like xdg-desktop-portal: it writes a PNG
// file and sends the Response signal from the request's object path,
// before its reply to the call, as a quick portal may.
type fakePortal struct {
	conn   *dbus.Conn
	dir    string
	status uint32
	png    []byte
	files  []string
}

func (p *fakePortal) Screenshot(sender dbus.Sender, parent string, opts map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	token, _ := opts["handle_token"].Value().(string)
	if token == "" {
		return "", dbus.MakeFailedError(errors.New("no handle_token"))
	}
	if interactive, _ := opts["interactive"].Value().(bool); interactive {
		return "", dbus.MakeFailedError(errors.New("asked for the interactive dialog"))
	}
	path := requestPath(string(sender), token)
	results := map[string]dbus.Variant{}
	if p.status == 0 {
		file := filepath.Join(p.dir, "Screenshot.png")
		if err := os.WriteFile(file, p.png, 0o600); err != nil {
			return "", dbus.MakeFailedError(err)
		}
		p.files = append(p.files, file)
		results["uri"] = dbus.MakeVariant((&url.URL{Scheme: "file", Path: file}).String())
	}
	if err := p.conn.Emit(path, portalRequest+".Response", p.status, results); err != nil {
		return "", dbus.MakeFailedError(err)
	}
	return path, nil
}

func startFakePortal(t *testing.T, status uint32, pngData []byte) *fakePortal {
	t.Helper()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("DBUS_SESSION_BUS_ADDRESS is not set: run this test in a D-Bus session (make test uses dbus-run-session)")
	}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatalf("connect to the session bus: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	p := &fakePortal{conn: conn, dir: t.TempDir(), status: status, png: pngData}
	if err := conn.Export(p, portalPath, "org.freedesktop.portal.Screenshot"); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName(portalName, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own %s: %v (reply %d)", portalName, err, reply)
	}
	t.Cleanup(func() { conn.ReleaseName(portalName) })
	return p
}

func qrPNG(t *testing.T, text string) []byte {
	t.Helper()
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		t.Fatal(err)
	}
	code, err = barcode.Scale(code, 300, 300)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, code); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestScreenPortal(t *testing.T) {
	wayland := Env{WaylandDisplay: "wayland-0", SessionType: "wayland"}

	t.Run("a screenshot is read and its file removed", func(t *testing.T) {
		p := startFakePortal(t, 0, qrPNG(t, displayedURI))
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		img, err := Capture(ctx, wayland)
		if err != nil {
			t.Fatalf("Capture: %v", err)
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		texts, err := importer.ScanQR(buf.Bytes())
		if err != nil || len(texts) != 1 || texts[0] != displayedURI {
			t.Fatalf("the screenshot holds %q (%v), want %q", texts, err, displayedURI)
		}
		if len(p.files) != 1 {
			t.Fatalf("the portal was asked %d times", len(p.files))
		}
		if _, err := os.Stat(p.files[0]); !os.IsNotExist(err) {
			t.Error("the portal's screenshot file was left on disk")
		}
	})

	t.Run("the user declines", func(t *testing.T) {
		startFakePortal(t, 1, nil)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if _, err := Capture(ctx, wayland); !errors.Is(err, ErrCancelled) {
			t.Fatalf("err = %v, want ErrCancelled", err)
		}
	})
}
