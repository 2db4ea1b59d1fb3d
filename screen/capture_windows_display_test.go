//go:build display

package screen

// This test needs a screen with a QR code on it: make test-windows runs it
// under Wine on Xvfb, after putting the code MAMORI_TEST_SCREEN_QR holds on
// the X root window (the Windows desktop under Wine) with ImageMagick.
// Without them it fails rather than skips.

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/importer"
)

func TestScreenCaptureWindowsReadsAQRCode(t *testing.T) {
	want := os.Getenv("MAMORI_TEST_SCREEN_QR")
	if want == "" {
		t.Fatal("MAMORI_TEST_SCREEN_QR is not set: make test-windows shows that text as a QR code on the screen first")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	img, err := Capture(ctx, Env{})
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
	if len(texts) != 1 || texts[0] != want {
		t.Fatalf("the screen holds %q, want [%q]", texts, want)
	}
}
