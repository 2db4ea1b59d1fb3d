package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/width"

	"github.com/mamori-app/mamori/gridcard"
)

// customProfile is what the person typed and chose for a card of their own
// shape. It lives in the page's state, so it survives rebuilds; numbers
// are kept as typed so that a half-typed value is not lost.
type customProfile struct {
	rows, cols, cell, asked string
	alphabet                string // one of gridcard.AlphabetNames
	caseRule                gridcard.CaseRule
	rowLabels, colLabels    gridcard.LabelScheme
	order                   gridcard.Order
}

// newCustomProfile starts a custom shape from p.
func newCustomProfile(p gridcard.Profile) *customProfile {
	alpha := p.AlphabetName()
	if alpha == "custom" {
		alpha = gridcard.AlphabetNames()[0]
	}
	c := &customProfile{
		rows: strconv.Itoa(p.Rows), cols: strconv.Itoa(p.Cols), cell: strconv.Itoa(p.CellWidth), asked: strconv.Itoa(p.Asked),
		alphabet: alpha, caseRule: gridcard.CaseSensitive, rowLabels: p.RowLabels, colLabels: p.ColLabels, order: p.Order,
	}
	if !p.CaseSensitive() {
		c.caseRule = gridcard.CaseInsensitive
	}
	if c.rowLabels == "" {
		c.rowLabels = gridcard.Numbers
	}
	if c.colLabels == "" {
		c.colLabels = gridcard.Letters
	}
	if c.order == "" {
		c.order = gridcard.ColumnFirst
	}
	return c
}

// customProfileOf builds the profile c describes and checks it with the
// domain's Validate. A problem is returned translated, "" when the profile
// is usable.
func (v *view) customProfileOf(c *customProfile) (gridcard.Profile, string) {
	var p gridcard.Profile
	for _, f := range []struct {
		text, label string
		dst         *int
	}{
		{c.rows, "ui.grid.custom.rows", &p.Rows},
		{c.cols, "ui.grid.custom.cols", &p.Cols},
		{c.cell, "ui.grid.custom.cell", &p.CellWidth},
		{c.asked, "ui.grid.custom.asked", &p.Asked},
	} {
		n, err := strconv.Atoi(width.Narrow.String(strings.TrimSpace(f.text)))
		if err != nil {
			return p, v.msg.T("ui.grid.custom.err.number", map[string]any{"Field": v.msg.T(f.label)})
		}
		*f.dst = n
	}
	syms, _, err := gridcard.ParseAlphabet(c.alphabet)
	if err != nil {
		return p, v.msg.T("ui.grid.err.other", map[string]any{"Error": err.Error()})
	}
	p.Alphabet, p.Case = syms, c.caseRule
	p.RowLabels, p.ColLabels, p.Order = c.rowLabels, c.colLabels, c.order
	if err := p.Validate(); err != nil {
		return p, v.opText(err, "ui.grid.err.other")
	}
	return p, ""
}

// customProfileForm is the form for a custom shape: rows, columns, cell
// width, cells asked, alphabet, case rule and the axis labels. changed is
// called after every edit; the form itself is not rebuilt, so typing
// keeps its place.
func (v *view) customProfileForm(c *customProfile, changed func()) fyne.CanvasObject {
	number := func(text *string, placeholder string) *formEntry {
		e := v.newEntry()
		e.SetText(*text)
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(s string) {
			*text = s
			changed()
		}
		return e
	}
	rows := number(&c.rows, "5")
	cols := number(&c.cols, "10")
	cell := number(&c.cell, "2")
	asked := number(&c.asked, "3")

	caseSel := choice([]string{v.msg.T("ui.grid.custom.case.sensitive"), v.msg.T("ui.grid.custom.case.insensitive")},
		[]gridcard.CaseRule{gridcard.CaseSensitive, gridcard.CaseInsensitive}, &c.caseRule, changed)
	names := gridcard.AlphabetNames()
	alphaLabels := make([]string, len(names))
	for i, n := range names {
		syms, _, _ := gridcard.ParseAlphabet(n)
		alphaLabels[i] = v.alphabetName(gridcard.Profile{Alphabet: syms})
	}
	alpha := choice(alphaLabels, names, &c.alphabet, func() {
		// An alphabet brings its usual case rule; the person may change it after.
		if _, rule, err := gridcard.ParseAlphabet(c.alphabet); err == nil && rule != c.caseRule {
			if rule == gridcard.CaseSensitive {
				caseSel.SetSelectedIndex(0)
			} else {
				caseSel.SetSelectedIndex(1)
			}
		}
		changed()
	})
	schemes := []gridcard.LabelScheme{gridcard.Numbers, gridcard.Letters}
	rowLabels := choice([]string{v.msg.T("ui.grid.custom.labels.numbers"), v.msg.T("ui.grid.custom.labels.letters")}, schemes, &c.rowLabels, changed)
	colLabels := choice([]string{v.msg.T("ui.grid.custom.labels.numbers"), v.msg.T("ui.grid.custom.labels.letters")}, schemes, &c.colLabels, changed)
	order := choice([]string{v.msg.T("ui.grid.custom.order.column"), v.msg.T("ui.grid.custom.order.row")},
		[]gridcard.Order{gridcard.ColumnFirst, gridcard.RowFirst}, &c.order, changed)

	label := func(key string) fyne.CanvasObject { return widget.NewLabel(v.msg.T(key)) }
	return container.NewVBox(
		container.New(layout.NewFormLayout(),
			label("ui.grid.custom.rows"), rows,
			label("ui.grid.custom.cols"), cols,
			label("ui.grid.custom.cell"), cell,
			label("ui.grid.custom.asked"), asked,
		),
		label("ui.grid.custom.alphabet"), alpha,
		label("ui.grid.custom.case"), caseSel,
		label("ui.grid.custom.row_labels"), rowLabels,
		label("ui.grid.custom.col_labels"), colLabels,
		label("ui.grid.custom.order"), order,
	)
}

// choice is a select of labels standing for values, showing *dst and
// setting it when the person picks another; then changed is called.
func choice[T comparable](labels []string, values []T, dst *T, changed func()) *widget.Select {
	s := widget.NewSelect(labels, nil)
	for i, val := range values {
		if val == *dst {
			s.SetSelectedIndex(i)
		}
	}
	s.OnChanged = func(string) {
		if i := s.SelectedIndex(); i >= 0 && values[i] != *dst {
			*dst = values[i]
			changed()
		}
	}
	return s
}
