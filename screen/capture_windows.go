package screen

import (
	"context"
	"fmt"
	"image"
	"unsafe"

	"golang.org/x/sys/windows"
)

// maxPixels caps the picture a capture allocates (4 bytes a pixel): more
// than eight 4K monitors side by side.
const maxPixels = 8 * 3840 * 2160

var (
	user32                 = windows.NewLazySystemDLL("user32.dll")
	gdi32                  = windows.NewLazySystemDLL("gdi32.dll")
	procGetSystemMetrics   = user32.NewProc("GetSystemMetrics")
	procGetDC              = user32.NewProc("GetDC")
	procReleaseDC          = user32.NewProc("ReleaseDC")
	procCreateCompatibleDC = gdi32.NewProc("CreateCompatibleDC")
	procCreateCompatibleBM = gdi32.NewProc("CreateCompatibleBitmap")
	procSelectObject       = gdi32.NewProc("SelectObject")
	procBitBlt             = gdi32.NewProc("BitBlt")
	procGetDIBits          = gdi32.NewProc("GetDIBits")
	procDeleteObject       = gdi32.NewProc("DeleteObject")
	procDeleteDC           = gdi32.NewProc("DeleteDC")
)

// bitmapInfoHeader is Windows' BITMAPINFOHEADER.
type bitmapInfoHeader struct {
	Size          uint32
	Width         int32
	Height        int32
	Planes        uint16
	BitCount      uint16
	Compression   uint32
	SizeImage     uint32
	XPelsPerMeter int32
	YPelsPerMeter int32
	ClrUsed       uint32
	ClrImportant  uint32
}

// captureNative copies the whole virtual screen (every monitor) with GDI:
// BitBlt from the screen's device context into a bitmap in this process's
// memory, read back as 32-bit pixels. Nothing is written to disk.
func captureNative(context.Context) (image.Image, bool, error) {
	img, err := captureGDI()
	return img, true, err
}

func captureGDI() (*image.RGBA, error) {
	const (
		smXVirtualScreen  = 76
		smYVirtualScreen  = 77
		smCXVirtualScreen = 78
		smCYVirtualScreen = 79
		srcCopy           = 0x00CC0020
		captureBlt        = 0x40000000
		dibRGBColors      = 0
	)
	metric := func(i uintptr) int32 {
		v, _, _ := procGetSystemMetrics.Call(i)
		return int32(v)
	}
	x, y := metric(smXVirtualScreen), metric(smYVirtualScreen)
	w, h := metric(smCXVirtualScreen), metric(smCYVirtualScreen)
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("gdi: the screen is %d×%d", w, h)
	}
	if int64(w)*int64(h) > maxPixels {
		return nil, fmt.Errorf("gdi: the screen is %d×%d, larger than Mamori captures", w, h)
	}
	screen, _, err := procGetDC.Call(0)
	if screen == 0 {
		return nil, fmt.Errorf("gdi: no screen device context: %w", err)
	}
	defer procReleaseDC.Call(0, screen) //nolint:errcheck // nothing to do if releasing fails
	mem, _, err := procCreateCompatibleDC.Call(screen)
	if mem == 0 {
		return nil, fmt.Errorf("gdi: CreateCompatibleDC: %w", err)
	}
	defer procDeleteDC.Call(mem) //nolint:errcheck
	bmp, _, err := procCreateCompatibleBM.Call(screen, uintptr(w), uintptr(h))
	if bmp == 0 {
		return nil, fmt.Errorf("gdi: CreateCompatibleBitmap: %w", err)
	}
	defer procDeleteObject.Call(bmp) //nolint:errcheck
	old, _, _ := procSelectObject.Call(mem, bmp)
	defer procSelectObject.Call(mem, old) //nolint:errcheck
	if ok, _, err := procBitBlt.Call(mem, 0, 0, uintptr(w), uintptr(h), screen,
		uintptr(x), uintptr(y), srcCopy|captureBlt); ok == 0 {
		return nil, fmt.Errorf("gdi: BitBlt: %w", err)
	}
	bi := bitmapInfoHeader{Width: w, Height: -h, Planes: 1, BitCount: 32} // top-down, BI_RGB
	bi.Size = uint32(unsafe.Sizeof(bi))
	img := image.NewRGBA(image.Rect(0, 0, int(w), int(h)))
	if n, _, err := procGetDIBits.Call(mem, bmp, 0, uintptr(h), uintptr(unsafe.Pointer(&img.Pix[0])),
		uintptr(unsafe.Pointer(&bi)), dibRGBColors); int32(n) != h {
		return nil, fmt.Errorf("gdi: GetDIBits read %d of %d rows: %w", int32(n), h, err)
	}
	// GDI gives blue, green, red and an unused byte; image.RGBA wants red,
	// green, blue and an opaque alpha.
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+2], img.Pix[i+3] = img.Pix[i+2], img.Pix[i], 0xff
	}
	return img, nil
}
