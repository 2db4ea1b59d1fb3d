//go:build linux || freebsd || openbsd || netbsd

package screen

import (
	"fmt"
	"image"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// captureX11 reads the root window of display's default screen (every
// monitor of it) with a plain GetImage request: the pixels come over the X
// connection into this process's memory, and no shared memory segment
// another process could read is created.
func captureX11(display string) (img image.Image, err error) {
	if display == "" {
		return nil, fmt.Errorf("x11: no DISPLAY")
	}
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, fmt.Errorf("x11: connect to %s: %w", display, err)
	}
	defer c.Close()
	setup := xproto.Setup(c)
	scr := setup.DefaultScreen(c)
	z := zpixmap{
		width:    int(scr.WidthInPixels),
		height:   int(scr.HeightInPixels),
		msbFirst: setup.ImageByteOrder == xproto.ImageOrderMSBFirst,
	}
	for _, f := range setup.PixmapFormats {
		if f.Depth == scr.RootDepth {
			z.bitsPerPixel, z.scanlinePad = int(f.BitsPerPixel), int(f.ScanlinePad)
		}
	}
	for _, d := range scr.AllowedDepths {
		for _, vis := range d.Visuals {
			if vis.VisualId == scr.RootVisual {
				z.red, z.green, z.blue = vis.RedMask, vis.GreenMask, vis.BlueMask
			}
		}
	}
	reply, err := xproto.GetImage(c, xproto.ImageFormatZPixmap, xproto.Drawable(scr.Root),
		0, 0, scr.WidthInPixels, scr.HeightInPixels, 0xffffffff).Reply()
	if err != nil {
		return nil, fmt.Errorf("x11: read the screen: %w", err)
	}
	rgba, err := z.toRGBA(reply.Data)
	if err != nil {
		return nil, fmt.Errorf("x11: %w", err)
	}
	return rgba, nil
}
