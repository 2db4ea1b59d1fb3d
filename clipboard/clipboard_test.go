package clipboard

import "testing"

type plain struct{ text string }

func (p *plain) Content() string     { return p.text }
func (p *plain) SetContent(s string) { p.text = s }

func TestUnmarkedClearsOnlyItsOwnCopy(t *testing.T) {
	for _, tc := range []struct {
		name       string
		copied     string
		since      string // what was copied after, "" for nothing
		clearIf    string
		cleared    bool
		afterwards string
	}{
		{"its own copy", "287082", "", "287082", true, ""},
		{"another copy since", "287082", "their text", "287082", false, "their text"},
		{"an older copy", "287082", "", "111111", false, "287082"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &plain{}
			c := Unmarked(p)
			if c.Marked() {
				t.Error("the plain clipboard says it marks copies")
			}
			if err := c.SetSecret(tc.copied); err != nil {
				t.Fatal(err)
			}
			if tc.since != "" {
				p.SetContent(tc.since)
			}
			if got := c.ClearIf(tc.clearIf); got != tc.cleared {
				t.Errorf("ClearIf = %v, want %v", got, tc.cleared)
			}
			if p.text != tc.afterwards {
				t.Errorf("the clipboard holds %q, want %q", p.text, tc.afterwards)
			}
		})
	}
}
