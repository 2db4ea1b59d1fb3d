package service

import (
	_ "embed"
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"sync"
)

// iconsTSV holds the Simple Icons of the directory's services, one a line:
// slug, brand colour (RRGGBB), title and the SVG path of a 24×24 box
// (written by internal/gen).
//
//go:embed data/icons.tsv
var iconsTSV string

// Icon is a service's brand icon from Simple Icons: one SVG path in a
// 24×24 box, drawn in one colour.
type Icon struct {
	// Slug names the icon, e.g. "github".
	Slug string
	// Title is the brand's name as Simple Icons spells it.
	Title string
	// Color is the brand's colour.
	Color color.NRGBA
	// Path is the SVG path data.
	Path string
}

// SVG returns the icon as an SVG document filled with c.
func (i Icon) SVG(c color.Color) []byte {
	r, g, b, a := c.RGBA()
	fill := fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
	opacity := ""
	if a < 0xffff {
		opacity = fmt.Sprintf(` fill-opacity="%.3f"`, float64(a)/0xffff)
	}
	return []byte(`<svg viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg"><path fill="` + fill + `"` + opacity + ` d="` + i.Path + `"/></svg>`)
}

// iconSet indexes iconsTSV on first use; the lines stay in the binary's
// read-only data and are cut into an Icon only when asked for.
type iconSet struct {
	raw   string
	once  sync.Once
	lines map[string]string // slug → its line
}

func (s *iconSet) get(slug string) (Icon, bool) {
	s.once.Do(func() {
		s.lines = make(map[string]string, strings.Count(s.raw, "\n"))
		for rest := s.raw; rest != ""; {
			line, next, _ := strings.Cut(rest, "\n")
			rest = next
			if slug, _, ok := strings.Cut(line, "\t"); ok {
				s.lines[slug] = line
			}
		}
	})
	line, ok := s.lines[slug]
	if !ok {
		return Icon{}, false
	}
	f := strings.SplitN(line, "\t", 4)
	if len(f) != 4 {
		return Icon{}, false
	}
	rgb, err := strconv.ParseUint(f[1], 16, 32)
	if err != nil {
		return Icon{}, false
	}
	return Icon{Slug: f[0], Title: f[2], Color: color.NRGBA{R: uint8(rgb >> 16), G: uint8(rgb >> 8), B: uint8(rgb), A: 0xff}, Path: f[3]}, true
}

// Icon returns the brand icon with the given slug (Service.Icon).
func (d *Directory) Icon(slug string) (Icon, bool) {
	if slug == "" {
		return Icon{}, false
	}
	return d.icons.get(slug)
}

// IconCount is the number of icons embedded.
func (d *Directory) IconCount() int {
	d.icons.get("")
	return len(d.icons.lines)
}
