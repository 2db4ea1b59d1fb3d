package cardprint

import (
	"fmt"
	"io"

	"github.com/signintech/gopdf"

	"github.com/mamori-app/mamori/gridcard"
)

// PDF writes the card as a PDF to w. The text is real text in the given
// font (subset and embedded), so it can be searched and copied, and a
// screen reader can read it. The document's metadata names no secret.
//
// The PDF is the secret in printable form: the caller should write it
// only where the user asked, and say so.
func PDF(w io.Writer, c gridcard.Card, opt Options) error {
	pages, _, err := layout(c, opt)
	if err != nil {
		return err
	}
	opt, _ = opt.normalize(c)
	var pdf gopdf.GoPdf
	pdf.Start(gopdf.Config{Unit: gopdf.UnitMM, PageSize: gopdf.Rect{W: pages[0].w, H: pages[0].h}})
	pdf.SetInfo(gopdf.PdfInfo{Title: "Grid card", Creator: "Mamori", Producer: "Mamori", CreationDate: opt.Date})
	if err := pdf.AddTTFFontData("regular", opt.Fonts.Regular); err != nil {
		return fmt.Errorf("%w: %w", ErrBadFont, err)
	}
	m, err := newMetrics(opt.Fonts.Regular)
	if err != nil {
		return err
	}
	for _, pg := range pages {
		pdf.AddPageWithOption(gopdf.PageOption{PageSize: &gopdf.Rect{W: pg.w, H: pg.h}})
		for _, o := range pg.ops {
			g := o.gray
			switch o.kind {
			case opFill:
				pdf.SetFillColor(g, g, g)
				pdf.RectFromUpperLeftWithStyle(o.x, o.y, o.w, o.h, "F")
			case opLine:
				pdf.SetStrokeColor(g, g, g)
				pdf.SetLineWidth(o.lw)
				pdf.Line(o.x, o.y, o.x+o.w, o.y+o.h)
			case opText:
				if err := pdf.SetFont("regular", "", o.size); err != nil {
					return fmt.Errorf("%w: %w", ErrBadFont, err)
				}
				pdf.SetTextColor(g, g, g)
				tw, err := pdf.MeasureTextWidth(o.text)
				if err != nil {
					return fmt.Errorf("%w: %w", ErrBadFont, err)
				}
				pdf.SetXY(alignX(o, tw), baseline(o, m))
				if err := pdf.Text(o.text); err != nil {
					return fmt.Errorf("%w: %w", ErrBadFont, err)
				}
			}
		}
	}
	if _, err := pdf.WriteTo(w); err != nil {
		return fmt.Errorf("writing PDF: %w", err)
	}
	return nil
}

// alignX is where text of width tw starts in its box.
func alignX(o op, tw float64) float64 {
	switch o.align {
	case alignCenter:
		return o.x + (o.w-tw)/2
	case alignRight:
		return o.x + o.w - tw
	}
	return o.x
}

// baseline centres capitals vertically in the box.
func baseline(o op, m *metrics) float64 {
	return o.y + o.h/2 + m.capHeight*o.size/2
}
