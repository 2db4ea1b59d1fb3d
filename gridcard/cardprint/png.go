package cardprint

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/mamori-app/mamori/gridcard"
)

// Images draws every page of the print as an image at Options.DPI. The
// images hold the secret: keep them in memory or write them only where
// the user asked.
func Images(c gridcard.Card, opt Options) ([]*image.RGBA, error) {
	pages, m, err := layout(c, opt)
	if err != nil {
		return nil, err
	}
	opt, _ = opt.normalize(c)
	pxPerMM := opt.DPI / 25.4
	px := func(mm float64) int { return int(math.Round(mm * pxPerMM)) }
	var out []*image.RGBA
	for _, pg := range pages {
		img := image.NewRGBA(image.Rect(0, 0, px(pg.w), px(pg.h)))
		draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
		faces := map[float64]font.Face{}
		for _, o := range pg.ops {
			col := image.NewUniform(color.Gray{Y: o.gray})
			switch o.kind {
			case opFill:
				draw.Draw(img, image.Rect(px(o.x), px(o.y), px(o.x+o.w), px(o.y+o.h)), col, image.Point{}, draw.Src)
			case opLine:
				t := max(1, px(o.lw))
				x0, y0, x1, y1 := px(o.x), px(o.y), px(o.x+o.w), px(o.y+o.h)
				if x0 > x1 {
					x0, x1 = x1, x0
				}
				if y0 > y1 {
					y0, y1 = y1, y0
				}
				// lines are horizontal or vertical
				r := image.Rect(x0-t/2, y0-t/2, x1+(t+1)/2, y1+(t+1)/2)
				draw.Draw(img, r, col, image.Point{}, draw.Over)
			case opText:
				face, ok := faces[o.size]
				if !ok {
					face, err = opentype.NewFace(m.font, &opentype.FaceOptions{Size: o.size, DPI: opt.DPI, Hinting: font.HintingNone})
					if err != nil {
						return nil, fmt.Errorf("%w: %w", ErrBadFont, err)
					}
					faces[o.size] = face
				}
				tw := float64(font.MeasureString(face, o.text)) / 64 / pxPerMM
				d := font.Drawer{Dst: img, Src: col, Face: face,
					Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round(alignX(o, tw) * pxPerMM * 64)), Y: fixed.Int26_6(math.Round(baseline(o, m) * pxPerMM * 64))}}
				d.DrawString(o.text)
			}
		}
		out = append(out, img)
	}
	return out, nil
}

// PNG writes the print as one PNG image to w. With several A4 pages, the
// pages are stacked top to bottom with a grey band between them.
func PNG(w io.Writer, c gridcard.Card, opt Options) error {
	imgs, err := Images(c, opt)
	if err != nil {
		return err
	}
	img := imgs[0]
	if len(imgs) > 1 {
		const band = 20
		b := imgs[0].Bounds()
		all := image.NewRGBA(image.Rect(0, 0, b.Dx(), len(imgs)*b.Dy()+(len(imgs)-1)*band))
		draw.Draw(all, all.Bounds(), image.NewUniform(color.Gray{Y: 128}), image.Point{}, draw.Src)
		for i, p := range imgs {
			draw.Draw(all, b.Add(image.Pt(0, i*(b.Dy()+band))), p, image.Point{}, draw.Src)
		}
		img = all
	}
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("writing PNG: %w", err)
	}
	return nil
}
