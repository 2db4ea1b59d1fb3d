package export

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"

	"github.com/boombuler/barcode/qr"

	"github.com/mamori-app/mamori/vault"
)

// QR image limits.
const (
	// MaxQRText is the most bytes QR puts in one code. The standard allows
	// 2,331 bytes at error correction level M; codes that dense are hard
	// for a phone to read off a screen, so Migration keeps well below it.
	MaxQRText = 2000
	// DefaultQRSize is the width and height in pixels of a QR image when
	// no size is given: comfortably scannable on any screen.
	DefaultQRSize = 512
	// MaxQRSize bounds the image size (pixels a side).
	MaxQRSize = 8192
	// quietZone is the white border the QR standard requires, in modules.
	quietZone = 4
	// minModulePixels is the smallest module a scan from a screen or a
	// print-out reliably resolves.
	minModulePixels = 2
)

// QR writes text as a QR code to w, as a PNG image size×size pixels (0
// means DefaultQRSize): black modules on white, byte mode, error
// correction level M (15% of the code may be damaged), with the standard
// four-module quiet zone. Every module is the same whole number of pixels,
// so the code stays sharp; what is left over widens the border.
//
// Text longer than MaxQRText is an error wrapping ErrTooLarge; a size too
// small to give each module minModulePixels (2) pixels, or larger than
// MaxQRSize, one wrapping ErrBadOptions.
func QR(w io.Writer, text string, size int) error {
	if len(text) > MaxQRText {
		return fmt.Errorf("%w: %d bytes (limit %d)", ErrTooLarge, len(text), MaxQRText)
	}
	if size == 0 {
		size = DefaultQRSize
	}
	if size < 0 || size > MaxQRSize {
		return fmt.Errorf("%w: qr image size %d (must be up to %d pixels)", ErrBadOptions, size, MaxQRSize)
	}
	code, err := qr.Encode(text, qr.M, qr.Unicode)
	if err != nil {
		return fmt.Errorf("%w: %d bytes: %v", ErrTooLarge, len(text), err)
	}
	modules := code.Bounds().Dx()
	unit := size / (modules + 2*quietZone)
	if unit < minModulePixels {
		return fmt.Errorf("%w: qr image size %d is too small for this code (at least %d pixels)",
			ErrBadOptions, size, minModulePixels*(modules+2*quietZone))
	}
	// Paletted, index 0 white: the image starts all white.
	img := image.NewPaletted(image.Rect(0, 0, size, size), color.Palette{color.White, color.Black})
	off := (size - unit*modules) / 2
	for y := 0; y < modules; y++ {
		for x := 0; x < modules; x++ {
			if color.GrayModel.Convert(code.At(x, y)).(color.Gray).Y >= 128 {
				continue
			}
			for dy := 0; dy < unit; dy++ {
				row := img.Pix[(off+y*unit+dy)*img.Stride:]
				for dx := 0; dx < unit; dx++ {
					row[off+x*unit+dx] = 1
				}
			}
		}
	}
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(w, img); err != nil {
		return fmt.Errorf("export: write png: %w", err)
	}
	return nil
}

// AccountQR writes a's otpauth:// URI (see URIs) as a QR image (see QR),
// for moving one account to a phone. An account without a valid key is an
// error wrapping ErrNoOTP or the otp sentinel.
func AccountQR(w io.Writer, a vault.Account, size int) error {
	x, err := otpAccount(a)
	if err != nil {
		return err
	}
	return QR(w, x.URI(), size)
}
