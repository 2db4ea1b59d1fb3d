package cardprint

import (
	"fmt"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"

	"github.com/mamori-app/mamori/gridcard"
)

// The layout is computed once, in millimetres from the top left of each
// page, as a list of drawing operations; the PDF and PNG writers only
// replay it, so both outputs look the same.

type opKind int

const (
	opText opKind = iota // text in a box
	opFill               // filled rectangle
	opLine               // straight line
)

type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

// op is one drawing operation. For text, (x, y, w, h) is the box, the text
// sits on baseline y+h/2+capHeight/2 and is aligned in the box
// horizontally. For a fill, the box is filled. For a line, (x, y) to
// (x+w, y+h) is drawn with width lw.
type op struct {
	kind       opKind
	x, y, w, h float64 // mm
	text       string
	size       float64 // pt
	axis       bool    // a row or column label, which the layout's tests look for
	align      align
	gray       uint8   // 0 black … 255 white
	lw         float64 // line width, mm
}

type page struct {
	w, h float64 // mm
	ops  []op
}

const ptPerMM = 72 / 25.4

// Sizes of the bank-card format (ISO/IEC 7810 ID-1), in mm.
const (
	cardW = 85.6
	cardH = 53.98
)

// metrics measures text with the regular font, so the layout can size and
// fit it. Widths are in mm at a given size in pt.
type metrics struct {
	font  *opentype.Font
	faces map[float64]font.Face
	// capHeight is the height of capitals per pt of size, in mm.
	capHeight float64
}

func newMetrics(ttf []byte) (*metrics, error) {
	f, err := opentype.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadFont, err)
	}
	m := &metrics{font: f, faces: map[float64]font.Face{}}
	face, err := m.face(100)
	if err != nil {
		return nil, err
	}
	ch := face.Metrics().CapHeight
	if ch <= 0 {
		b, _, ok := face.GlyphBounds('H')
		if !ok {
			return nil, fmt.Errorf("%w: it has no glyph for H", ErrBadFont)
		}
		ch = -b.Min.Y
	}
	m.capHeight = float64(ch) / 64 / 100 / ptPerMM
	return m, nil
}

// face returns the font at size pt, measured in points (72 DPI).
func (m *metrics) face(size float64) (font.Face, error) {
	if f, ok := m.faces[size]; ok {
		return f, nil
	}
	f, err := opentype.NewFace(m.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadFont, err)
	}
	m.faces[size] = f
	return f, nil
}

// width is the advance of text at size pt, in mm.
func (m *metrics) width(text string, size float64) float64 {
	f, err := m.face(size)
	if err != nil {
		return 0
	}
	return float64(font.MeasureString(f, text)) / 64 / ptPerMM
}

// fit returns the largest size ≤ size (in steps of 0.25 pt), and never
// below min, at which text is at most w mm wide, and whether text fits
// at that size. A size already below min is raised to min: nothing is
// printed smaller than the caller's minimum.
func (m *metrics) fit(text string, size, w, min float64) (float64, bool) {
	s := math.Max(size, min)
	for s > min && m.width(text, s) > w {
		s = math.Max(min, s-0.25)
	}
	return s, m.width(text, s) <= w
}

// checkGlyphs reports a character of text the font cannot draw.
func (m *metrics) checkGlyphs(text string) error {
	f, err := m.face(10)
	if err != nil {
		return err
	}
	for _, r := range text {
		if r == ' ' {
			continue
		}
		if _, ok := f.GlyphAdvance(r); !ok {
			return fmt.Errorf("%w: it has no glyph for %q", ErrBadFont, string(r))
		}
	}
	return nil
}

// minTextPt is the smallest text size printed; below it a card does not
// fit.
const (
	minCellPt = 6.0
	minSmall  = 4.0
)

// grid geometry of one card.
type cardPlan struct {
	w, h       float64 // card size
	cellW      float64 // width of a data column
	cellH      float64 // height of a data row
	labelW     float64 // width of the row label column
	labelH     float64 // height of the column label row
	cellPt     float64 // size of the cells' text
	axisPt     float64 // size of the axis labels
	top, foot  float64 // heights of the title band and the footer
	titlePt    float64 // size of the label
	smallPt    float64 // size of the footer texts
	margin     float64
	titleText  string
	serialText string
	footer     []string
}

const (
	cardMargin = 2.5  // inside the card edge
	maxCellW   = 12.0 // no cell wider than this, even on a big card
)

// planCard sizes a card of width w; h is the card height, or 0 to let the
// grid decide (for cards larger than a bank card).
func planCard(m *metrics, c gridcard.Card, o Options, w, h float64) (cardPlan, error) {
	p := c.Profile
	t := texts[o.Lang]
	pl := cardPlan{w: w, h: h, margin: cardMargin, top: 6.5, smallPt: 5.2, titlePt: 9}
	serial := c.Serial
	if serial == "" {
		serial = gridcard.SerialFromID(c.ID)
	}
	pl.serialText = fmt.Sprintf(t.serial, serial)
	pl.titleText = o.Label
	pl.footer = []string{
		fmt.Sprintf(t.printed, o.Date.Format("2006-01-02")),
		t.warn,
		fmt.Sprintf(t.asked, p.Asked),
	}
	inner := w - 2*pl.margin
	// footer: one line per text, each shrunk to fit the width
	lineH := 2.35
	pl.foot = float64(len(pl.footer))*lineH + 0.8
	for _, s := range pl.footer {
		size, ok := m.fit(s, pl.smallPt, inner, minSmall)
		if !ok {
			return pl, fmt.Errorf("%w: the footer text is too long for a %.0f mm card", ErrDoesNotFit, w)
		}
		pl.smallPt = math.Min(pl.smallPt, size)
	}

	// The row label column and the column label row are 0.8 of a cell.
	pl.cellW = math.Min(inner/(float64(p.Cols)+0.8), maxCellW)
	if h > 0 {
		pl.cellH = (h - 2*pl.margin - pl.top - pl.foot) / (float64(p.Rows) + 0.8)
	} else {
		pl.cellH = math.Min(pl.cellW*0.85, 9)
		pl.h = 2*pl.margin + pl.top + pl.foot + pl.cellH*(float64(p.Rows)+0.8)
	}
	pl.labelW, pl.labelH = pl.cellW*0.8, pl.cellH*0.8

	// cell text: the widest cell fits 85% of the cell width and its
	// capitals fill at most 55% of the cell height.
	widest := ""
	for _, row := range c.Cells {
		for _, v := range row {
			if m.width(v, 10) > m.width(widest, 10) {
				widest = v
			}
		}
	}
	pt := math.Min(16, pl.cellH*0.55/m.capHeight)
	pt, ok := m.fit(widest, pt, pl.cellW*0.85, minCellPt)
	if !ok || pl.cellH < 2.5 {
		return pl, fmt.Errorf("%w: %d × %d cells would print smaller than %.0f pt", ErrDoesNotFit, p.Rows, p.Cols, minCellPt)
	}
	pl.cellPt = pt
	// axis labels: as large as the cell text (never smaller than 6 pt),
	// limited by their band.
	longest := p.ColLabel(p.Cols - 1)
	if r := p.RowLabel(p.Rows - 1); m.width(r, 10) > m.width(longest, 10) {
		longest = r
	}
	apt := math.Min(pl.labelH*0.6/m.capHeight, pl.cellH*0.6/m.capHeight)
	apt, ok = m.fit(longest, math.Min(apt, 16), math.Min(pl.labelW, pl.cellW)*0.9, minCellPt)
	if !ok {
		return pl, fmt.Errorf("%w: axis labels would print smaller than %.0f pt", ErrDoesNotFit, minCellPt)
	}
	pl.axisPt = apt
	return pl, nil
}

// drawCard adds one card at (x, y) to the page, with cut marks outside it.
func drawCard(pg *page, m *metrics, c gridcard.Card, pl cardPlan, x, y float64) {
	add := func(o op) { pg.ops = append(pg.ops, o) }
	text := func(x, y, w, h float64, s string, size float64, a align, gray uint8) {
		add(op{kind: opText, x: x, y: y, w: w, h: h, text: s, size: size, align: a, gray: gray})
	}
	axisLabel := func(x, y, w, h float64, s string) {
		add(op{kind: opText, x: x, y: y, w: w, h: h, text: s, size: pl.axisPt, align: alignCenter, axis: true})
	}
	line := func(x1, y1, x2, y2, lw float64, gray uint8) {
		add(op{kind: opLine, x: x1, y: y1, w: x2 - x1, h: y2 - y1, lw: lw, gray: gray})
	}
	p := c.Profile

	// cut marks: at each corner, two short lines pointing away from it
	const gap, mark = 1.5, 3.0
	for _, cx := range []float64{x, x + pl.w} {
		for _, cy := range []float64{y, y + pl.h} {
			dx := -1.0
			if cx > x {
				dx = 1
			}
			dy := -1.0
			if cy > y {
				dy = 1
			}
			line(cx+dx*gap, cy, cx+dx*(gap+mark), cy, 0.2, 0)
			line(cx, cy+dy*gap, cx, cy+dy*(gap+mark), 0.2, 0)
		}
	}
	// the card's edge, faint, for people who cut with scissors
	for _, l := range [][4]float64{{x, y, x + pl.w, y}, {x, y + pl.h, x + pl.w, y + pl.h}, {x, y, x, y + pl.h}, {x + pl.w, y, x + pl.w, y + pl.h}} {
		line(l[0], l[1], l[2], l[3], 0.1, 200)
	}

	ix, iy := x+pl.margin, y+pl.margin
	inner := pl.w - 2*pl.margin
	// title band: label on the left, serial on the right
	serialW := m.width(pl.serialText, 6.5) + 1
	tpt, _ := m.fit(pl.titleText, pl.titlePt, inner-serialW-1, 4)
	text(ix, iy, inner-serialW, pl.top-1, pl.titleText, tpt, alignLeft, 0)
	text(ix+inner-serialW, iy, serialW, pl.top-1, pl.serialText, 6.5, alignRight, 60)

	// grid
	gx, gy := ix+(inner-(pl.labelW+pl.cellW*float64(p.Cols)))/2, iy+pl.top
	gw := pl.labelW + pl.cellW*float64(p.Cols)
	gh := pl.labelH + pl.cellH*float64(p.Rows)
	add(op{kind: opFill, x: gx, y: gy, w: gw, h: pl.labelH, gray: 215})
	add(op{kind: opFill, x: gx, y: gy + pl.labelH, w: pl.labelW, h: gh - pl.labelH, gray: 215})
	for i := 1; i < p.Rows; i += 2 { // every other row shaded, to follow a row across
		add(op{kind: opFill, x: gx + pl.labelW, y: gy + pl.labelH + float64(i)*pl.cellH, w: gw - pl.labelW, h: pl.cellH, gray: 240})
	}
	for j := 0; j < p.Cols; j++ {
		axisLabel(gx+pl.labelW+float64(j)*pl.cellW, gy, pl.cellW, pl.labelH, p.ColLabel(j))
	}
	for i := 0; i < p.Rows; i++ {
		ry := gy + pl.labelH + float64(i)*pl.cellH
		axisLabel(gx, ry, pl.labelW, pl.cellH, p.RowLabel(i))
		for j := 0; j < p.Cols; j++ {
			text(gx+pl.labelW+float64(j)*pl.cellW, ry, pl.cellW, pl.cellH, c.Cells[i][j], pl.cellPt, alignCenter, 0)
		}
	}
	for i := 0; i <= p.Rows; i++ {
		yy := gy + pl.labelH + float64(i)*pl.cellH
		line(gx, yy, gx+gw, yy, 0.12, 120)
	}
	for j := 0; j <= p.Cols; j++ {
		xx := gx + pl.labelW + float64(j)*pl.cellW
		line(xx, gy, xx, gy+gh, 0.12, 120)
	}
	line(gx, gy, gx+gw, gy, 0.3, 0)
	line(gx, gy+gh, gx+gw, gy+gh, 0.3, 0)
	line(gx, gy, gx, gy+gh, 0.3, 0)
	line(gx+gw, gy, gx+gw, gy+gh, 0.3, 0)

	// footer: date, then the warning lines
	fy := y + pl.h - pl.margin - pl.foot + 0.8
	for k, s := range pl.footer {
		gray := uint8(60)
		if k > 0 {
			gray = 0 // the warnings in black, the date in grey
		}
		text(ix, fy+float64(k)*2.35, inner, 2.35, s, pl.smallPt, alignLeft, gray)
	}
}

// layout lays out every page of a print.
func layout(c gridcard.Card, o Options) ([]page, *metrics, error) {
	if err := c.Validate(); err != nil {
		return nil, nil, err
	}
	o, err := o.normalize(c)
	if err != nil {
		return nil, nil, err
	}
	m, err := newMetrics(o.Fonts.Regular)
	if err != nil {
		return nil, nil, err
	}
	t := texts[o.Lang]
	var all []string
	all = append(all, o.Label, t.warn, t.asked, t.printed, t.page, t.page1, t.page2, t.serial, c.Serial)
	for _, row := range c.Cells {
		all = append(all, row...)
	}
	for _, s := range all {
		if err := m.checkGlyphs(s); err != nil {
			return nil, nil, err
		}
	}

	if o.Layout == Wallet {
		pl, err := planCard(m, c, o, cardW, cardH)
		if err != nil {
			return nil, nil, fmt.Errorf("%w (the A4 layout allows a larger card)", err)
		}
		const margin = 8
		pg := page{w: cardW + 2*margin, h: cardH + 2*margin}
		drawCard(&pg, m, c, pl, margin, margin)
		return []page{pg}, m, nil
	}

	const (
		pageW, pageH = 210.0, 297.0
		side, head   = 10.0, 22.0 // page margins; head holds the page warning
		bottom, gap  = 10.0, 10.0
	)
	pl, err := planCard(m, c, o, cardW, cardH)
	if err != nil {
		// too big for a bank card: as wide as the page allows
		pl, err = planCard(m, c, o, pageW-2*side, 0)
		if err != nil {
			return nil, nil, err
		}
		if pl.h > pageH-head-bottom {
			return nil, nil, fmt.Errorf("%w: %d rows do not fit on an A4 page", ErrDoesNotFit, c.Profile.Rows)
		}
	}
	cols := max(1, int((pageW-2*side+gap)/(pl.w+gap)))
	rows := max(1, int((pageH-head-bottom+gap)/(pl.h+gap)))
	per := cols * rows
	var pages []page
	for left := o.Copies; left > 0; left -= per {
		n := min(left, per)
		pg := page{w: pageW, h: pageH}
		head1 := fmt.Sprintf(t.page, n)
		if n == 1 {
			head1 = t.page1
		}
		hpt, _ := m.fit(head1, 10, pageW-2*side, 6)
		pg.ops = append(pg.ops, op{kind: opText, x: side, y: 6, w: pageW - 2*side, h: 5, text: head1, size: hpt, align: alignCenter})
		h2, _ := m.fit(t.page2, 8.5, pageW-2*side, 5)
		pg.ops = append(pg.ops, op{kind: opText, x: side, y: 11.5, w: pageW - 2*side, h: 4, text: t.page2, size: h2, align: alignCenter, gray: 40})
		blockW := float64(cols)*pl.w + float64(cols-1)*gap
		x0 := (pageW - blockW) / 2
		for k := 0; k < n; k++ {
			r, col := k/cols, k%cols
			drawCard(&pg, m, c, pl, x0+float64(col)*(pl.w+gap), head+float64(r)*(pl.h+gap))
		}
		pages = append(pages, pg)
	}
	return pages, m, nil
}
