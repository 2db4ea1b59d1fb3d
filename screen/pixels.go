package screen

import (
	"fmt"
	"image"
	"math/bits"
)

// zpixmap describes an X image in ZPixmap format: packed pixels, each
// bitsPerPixel wide, rows padded to scanlinePad bits, with the colour
// channels at the visual's masks.
type zpixmap struct {
	width, height int
	bitsPerPixel  int
	scanlinePad   int
	msbFirst      bool // the server's image byte order is MSBFirst
	red, green    uint32
	blue          uint32
}

// toRGBA converts an X image to an opaque RGBA picture. Only true-colour
// visuals with 24 or 32 bits per pixel are supported, which is what every
// current X server and XWayland use.
func (z zpixmap) toRGBA(data []byte) (*image.RGBA, error) {
	if z.width <= 0 || z.height <= 0 {
		return nil, fmt.Errorf("empty screen (%d×%d)", z.width, z.height)
	}
	if z.bitsPerPixel != 24 && z.bitsPerPixel != 32 {
		return nil, fmt.Errorf("unsupported pixel format: %d bits per pixel", z.bitsPerPixel)
	}
	if z.red == 0 || z.green == 0 || z.blue == 0 {
		return nil, fmt.Errorf("unsupported visual: not true colour")
	}
	pad := z.scanlinePad
	if pad <= 0 {
		pad = 32
	}
	stride := (z.width*z.bitsPerPixel + pad - 1) / pad * pad / 8
	if len(data) < stride*(z.height-1)+z.width*z.bitsPerPixel/8 {
		return nil, fmt.Errorf("short image: %d bytes for %d×%d", len(data), z.width, z.height)
	}
	bpp := z.bitsPerPixel / 8
	img := image.NewRGBA(image.Rect(0, 0, z.width, z.height))
	for y := 0; y < z.height; y++ {
		row := data[y*stride:]
		out := img.Pix[y*img.Stride:]
		for x := 0; x < z.width; x++ {
			p := row[x*bpp : x*bpp+bpp]
			var v uint32
			if z.msbFirst {
				for _, b := range p {
					v = v<<8 | uint32(b)
				}
			} else {
				for i := len(p) - 1; i >= 0; i-- {
					v = v<<8 | uint32(p[i])
				}
			}
			o := out[x*4 : x*4+4]
			o[0], o[1], o[2], o[3] = channel(v, z.red), channel(v, z.green), channel(v, z.blue), 0xff
		}
	}
	return img, nil
}

// channel extracts the colour at mask from pixel v, scaled to 8 bits.
func channel(v, mask uint32) byte {
	shift := bits.TrailingZeros32(mask)
	width := bits.OnesCount32(mask)
	c := (v & mask) >> shift
	switch {
	case width == 8:
		return byte(c)
	case width > 8:
		return byte(c >> (width - 8))
	}
	return byte(c * 255 / (1<<width - 1))
}
