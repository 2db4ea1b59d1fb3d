package ui

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

// logoPixels is the size list-row icons are rasterised at: sharp at the
// row's size on a 2× screen, small enough to be made on the UI thread.
const logoPixels = 64

// rasterise draws an SVG icon of a square view box into a square image of
// px pixels. A list row shows the image, which its canvas.Image does not
// decode again on every refresh as it would an SVG resource.
func rasterise(svg []byte, px int) (img *image.NRGBA, err error) {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(svg))
	if err != nil {
		return nil, fmt.Errorf("read the icon: %w", err)
	}
	icon.SetTarget(0, 0, float64(px), float64(px))
	rgba := image.NewRGBA(image.Rect(0, 0, px, px))
	defer func() {
		if recover() != nil {
			img, err = nil, errors.New("draw the icon: the rasteriser failed")
		}
	}()
	icon.Draw(rasterx.NewDasher(px, px, rasterx.NewScannerGV(px, px, rgba, rgba.Bounds())), 1)
	img = image.NewNRGBA(rgba.Bounds())
	draw.Draw(img, img.Bounds(), rgba, image.Point{}, draw.Src)
	return img, nil
}
