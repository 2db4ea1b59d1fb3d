//go:build display && (linux || freebsd || openbsd || netbsd)

package screen

// This test needs a real X display (make test runs it under Xvfb): it shows
// a QR code in a bare X window, captures the screen and reads the code back.
// Without a display it fails rather than skips.

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"testing"
	"time"

	"github.com/boombuler/barcode/qr"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/mamori-app/mamori/vault/importer"
)

const displayedURI = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"

func TestScreenCaptureReadsAQRCodeOnTheDisplay(t *testing.T) {
	display := os.Getenv("DISPLAY")
	if display == "" {
		t.Fatal("DISPLAY is not set: run this test under an X server (make test uses xvfb-run)")
	}
	showQR(t, display, displayedURI)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	img, err := Capture(ctx, Env{Display: display, SessionType: "x11"})
	if err != nil {
		t.Fatalf("Capture: %v", err)
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	texts, err := importer.ScanQR(buf.Bytes())
	if err != nil {
		t.Fatalf("ScanQR of the captured screen (%v): %v", img.Bounds(), err)
	}
	if len(texts) != 1 || texts[0] != displayedURI {
		t.Fatalf("the screen holds %q, want [%q]", texts, displayedURI)
	}
}

// showQR maps a window on display showing text as a QR code, draws it once
// exposed, and closes it when the test ends.
func showQR(t *testing.T, display, text string) {
	t.Helper()
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		t.Fatal(err)
	}
	const scale, quiet = 5, 4
	modules := code.Bounds().Dx()
	size := (modules + 2*quiet) * scale
	pix := make([]byte, size*size*4) // ZPixmap, 32 bits per pixel, BGRX
	for i := range pix {
		pix[i] = 0xff
	}
	for y := 0; y < modules; y++ {
		for x := 0; x < modules; x++ {
			if r, _, _, _ := code.At(x, y).RGBA(); r != 0 {
				continue
			}
			for dy := 0; dy < scale; dy++ {
				row := ((y+quiet)*scale + dy) * size * 4
				for dx := 0; dx < scale; dx++ {
					o := row + ((x+quiet)*scale+dx)*4
					pix[o], pix[o+1], pix[o+2] = 0, 0, 0
				}
			}
		}
	}

	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("connect to the X display %s: %v", display, err)
	}
	t.Cleanup(c.Close)
	scr := xproto.Setup(c).DefaultScreen(c)
	if scr.RootDepth != 24 {
		t.Fatalf("the test draws 24-bit colour; the display has depth %d", scr.RootDepth)
	}
	win, err := xproto.NewWindowId(c)
	if err != nil {
		t.Fatal(err)
	}
	gc, err := xproto.NewGcontextId(c)
	if err != nil {
		t.Fatal(err)
	}
	err = xproto.CreateWindowChecked(c, scr.RootDepth, win, scr.Root, 40, 60, uint16(size), uint16(size), 0,
		xproto.WindowClassInputOutput, scr.RootVisual,
		xproto.CwBackPixel|xproto.CwOverrideRedirect|xproto.CwEventMask,
		[]uint32{scr.WhitePixel, 1, xproto.EventMaskExposure}).Check()
	if err != nil {
		t.Fatalf("create a window: %v", err)
	}
	if err := xproto.CreateGCChecked(c, gc, xproto.Drawable(win), 0, nil).Check(); err != nil {
		t.Fatal(err)
	}
	if err := xproto.MapWindowChecked(c, win).Check(); err != nil {
		t.Fatal(err)
	}
	// Draw on the first Expose: only then is the window on the screen.
	for {
		ev, err := c.WaitForEvent()
		if err != nil {
			t.Fatalf("wait for the window: %v", err)
		}
		if ev == nil {
			t.Fatal("the X connection closed")
		}
		if _, ok := ev.(xproto.ExposeEvent); ok {
			break
		}
	}
	err = xproto.PutImageChecked(c, xproto.ImageFormatZPixmap, xproto.Drawable(win), gc,
		uint16(size), uint16(size), 0, 0, 0, scr.RootDepth, pix).Check()
	if err != nil {
		t.Fatalf("draw the QR code: %v", err)
	}
	// A round trip, so the server has drawn before the capture starts.
	if _, err := xproto.GetInputFocus(c).Reply(); err != nil {
		t.Fatal(err)
	}
}
