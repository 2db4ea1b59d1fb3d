package screen

import (
	"image/color"
	"strings"
	"testing"
)

func TestZPixmapToRGBA(t *testing.T) {
	red, green := color.RGBA{0xff, 0x10, 0x20, 0xff}, color.RGBA{0x01, 0xfe, 0x02, 0xff}
	for _, tc := range []struct {
		name string
		z    zpixmap
		data []byte
		want []color.RGBA // the two pixels of the first row
		err  string
	}{
		{
			name: "32 bpp, LSB first (X.Org, Xvfb, XWayland)",
			z:    zpixmap{width: 2, height: 1, bitsPerPixel: 32, scanlinePad: 32, red: 0xff0000, green: 0xff00, blue: 0xff},
			data: []byte{0x20, 0x10, 0xff, 0x00, 0x02, 0xfe, 0x01, 0x00},
			want: []color.RGBA{red, green},
		},
		{
			name: "32 bpp, MSB first",
			z:    zpixmap{width: 2, height: 1, bitsPerPixel: 32, scanlinePad: 32, msbFirst: true, red: 0xff0000, green: 0xff00, blue: 0xff},
			data: []byte{0x00, 0xff, 0x10, 0x20, 0x00, 0x01, 0xfe, 0x02},
			want: []color.RGBA{red, green},
		},
		{
			name: "24 bpp packed, rows padded to 32 bits",
			z:    zpixmap{width: 2, height: 2, bitsPerPixel: 24, scanlinePad: 32, red: 0xff0000, green: 0xff00, blue: 0xff},
			data: []byte{0x20, 0x10, 0xff, 0x02, 0xfe, 0x01, 0, 0, 0x20, 0x10, 0xff, 0x02, 0xfe, 0x01, 0, 0},
			want: []color.RGBA{red, green},
		},
		{
			name: "30-bit colour is scaled down",
			z:    zpixmap{width: 1, height: 1, bitsPerPixel: 32, scanlinePad: 32, red: 0x3ff00000, green: 0xffc00, blue: 0x3ff},
			data: []byte{0xff, 0x03, 0x00, 0x3c}, // red 0x3c0 (0xf0), green 0, blue 0x3ff (0xff)
			want: []color.RGBA{{0xf0, 0, 0xff, 0xff}},
		},
		{
			name: "16 bpp is refused",
			z:    zpixmap{width: 1, height: 1, bitsPerPixel: 16, red: 0xf800, green: 0x7e0, blue: 0x1f},
			data: []byte{0, 0},
			err:  "16 bits per pixel",
		},
		{
			name: "a palette visual is refused",
			z:    zpixmap{width: 1, height: 1, bitsPerPixel: 32},
			data: []byte{0, 0, 0, 0},
			err:  "not true colour",
		},
		{
			name: "short data",
			z:    zpixmap{width: 2, height: 2, bitsPerPixel: 32, red: 0xff0000, green: 0xff00, blue: 0xff},
			data: make([]byte, 12),
			err:  "short image",
		},
		{
			name: "empty screen",
			z:    zpixmap{bitsPerPixel: 32, red: 0xff0000, green: 0xff00, blue: 0xff},
			err:  "empty screen",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, err := tc.z.toRGBA(tc.data)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for y := 0; y < tc.z.height; y++ {
				for x, want := range tc.want {
					if got := img.RGBAAt(x, y); got != want {
						t.Errorf("pixel (%d,%d) = %v, want %v", x, y, got, want)
					}
				}
			}
		})
	}
}
