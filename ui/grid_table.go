package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/mamori-app/mamori/gridcard"
)

// cardTable draws a card as a table: the column labels across the top, the
// row labels down the side, and a box for every cell. What a cell shows is
// set with show: its contents, or dots while it stays hidden, and whether
// it is highlighted as asked by the challenge.
type cardTable struct {
	card  gridcard.Card
	texts [][]*canvas.Text
	boxes [][]*canvas.Rectangle
	obj   fyne.CanvasObject
}

// newCardTable lays out the table of c with every cell hidden.
func newCardTable(c gridcard.Card) *cardTable {
	p := c.Profile
	t := &cardTable{card: c}
	size := theme.TextSize() * 1.2
	axis := func(s string) fyne.CanvasObject {
		l := canvas.NewText(s, theme.Color(theme.ColorNameForeground))
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.TextSize = size
		l.Alignment = fyne.TextAlignCenter
		return container.NewCenter(l)
	}
	objs := []fyne.CanvasObject{axis("")}
	for j := 0; j < p.Cols; j++ {
		objs = append(objs, axis(p.ColLabel(j)))
	}
	t.texts = make([][]*canvas.Text, p.Rows)
	t.boxes = make([][]*canvas.Rectangle, p.Rows)
	for i := 0; i < p.Rows; i++ {
		objs = append(objs, axis(p.RowLabel(i)))
		t.texts[i] = make([]*canvas.Text, p.Cols)
		t.boxes[i] = make([]*canvas.Rectangle, p.Cols)
		for j := 0; j < p.Cols; j++ {
			txt := canvas.NewText("", theme.Color(theme.ColorNameForeground))
			txt.TextStyle = fyne.TextStyle{Monospace: true}
			txt.TextSize = size
			txt.Alignment = fyne.TextAlignCenter
			box := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
			box.CornerRadius = theme.InputRadiusSize()
			box.StrokeWidth = 2
			t.texts[i][j], t.boxes[i][j] = txt, box
			objs = append(objs, container.NewStack(box, container.NewPadded(container.NewCenter(txt))))
		}
	}
	t.obj = container.NewGridWithColumns(p.Cols+1, objs...)
	t.show(nil, false, false)
	return t
}

// show highlights the cells in asked and shows their contents when reveal
// is set; with all set, every cell's contents show (to compare the card
// with the paper). Other cells show dots.
func (t *cardTable) show(asked map[gridcard.Cell]bool, reveal, showAll bool) {
	hidden := strings.Repeat("•", t.card.Profile.CellWidth)
	primary := theme.Color(theme.ColorNamePrimary)
	for i, row := range t.texts {
		for j, txt := range row {
			cell := gridcard.Cell{Row: i, Col: j}
			box := t.boxes[i][j]
			on := asked[cell]
			text, col := hidden, theme.Color(theme.ColorNamePlaceHolder)
			if showAll || on && reveal {
				text, col = t.card.Cells[i][j], theme.Color(theme.ColorNameForeground)
			}
			box.FillColor = theme.Color(theme.ColorNameInputBackground)
			box.StrokeColor = withAlpha(primary, 0)
			if on {
				box.FillColor = withAlpha(primary, 0x48)
				box.StrokeColor = primary
			}
			if txt.Text != text || txt.Color != col {
				txt.Text, txt.Color = text, col
			}
			txt.Refresh()
			box.Refresh()
		}
	}
}
