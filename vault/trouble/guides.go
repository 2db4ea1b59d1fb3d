package trouble

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"text/template"

	"github.com/mamori-app/mamori/assets"
)

// flowStep is one step of a flow as guides/flows.json lists it.
type flowStep struct {
	// ID names the step; its text is "<symptom>.step.<id>".
	ID string `json:"id"`
	// When names a condition on the account (see conditions); "!" in front
	// negates it. Empty: always shown.
	When string `json:"when,omitempty"`
	// Facts names the list of lines about the account shown under the step
	// (see factLists).
	Facts string `json:"facts,omitempty"`
	// Tick says the step can be ticked off (breach checklist).
	Tick bool `json:"tick,omitempty"`
}

// knownCode is an error code known in advance, from guides/error-codes.json.
type knownCode struct {
	Code string    `json:"code"`
	Kind ErrorKind `json:"kind"`
}

// guides are the parsed guide files.
type guides struct {
	flows      map[Symptom][]flowStep
	errorCodes []knownCode
	texts      map[string]map[string]*template.Template // lang → key → text
	// seen, when not nil, records every key looked up (tests).
	seen map[string]bool
}

// defaultGuides parses assets.Guides once.
var defaultGuides = sync.OnceValues(func() (*guides, error) { return loadGuides(assets.Guides) })

// loadGuides reads guides/flows.json, guides/error-codes.json and
// guides/<lang>/*.json from fsys and checks that every flow is complete in
// structure (texts are checked when used, and by the tests).
func loadGuides(fsys fs.FS) (*guides, error) {
	g := &guides{texts: map[string]map[string]*template.Template{}}
	var flows struct {
		Flows map[Symptom][]flowStep `json:"flows"`
	}
	if err := readJSON(fsys, "guides/flows.json", &flows); err != nil {
		return nil, err
	}
	g.flows = flows.Flows
	for _, s := range Symptoms {
		steps, ok := g.flows[s]
		if !ok || len(steps) == 0 {
			return nil, fmt.Errorf("%w: flows.json has no steps for %s", ErrBadGuide, s)
		}
		ids := map[string]bool{}
		for _, st := range steps {
			if st.ID == "" || ids[st.ID] {
				return nil, fmt.Errorf("%w: flow %s: step id %q is empty or repeated", ErrBadGuide, s, st.ID)
			}
			ids[st.ID] = true
			if _, ok := conditions[strings.TrimPrefix(st.When, "!")]; st.When != "" && !ok {
				return nil, fmt.Errorf("%w: flow %s, step %s: unknown condition %q", ErrBadGuide, s, st.ID, st.When)
			}
			if _, ok := factLists[st.Facts]; st.Facts != "" && !ok {
				return nil, fmt.Errorf("%w: flow %s, step %s: unknown facts %q", ErrBadGuide, s, st.ID, st.Facts)
			}
			if st.Tick && (s != Breached || st.When != "") {
				return nil, fmt.Errorf("%w: flow %s, step %s: only unconditional breach steps can be ticked", ErrBadGuide, s, st.ID)
			}
		}
	}
	for s := range g.flows {
		if _, err := ParseSymptom(string(s)); err != nil {
			return nil, fmt.Errorf("%w: flows.json: %w", ErrBadGuide, err)
		}
	}
	var codes struct {
		Codes []knownCode `json:"codes"`
	}
	if err := readJSON(fsys, "guides/error-codes.json", &codes); err != nil {
		return nil, err
	}
	for i, c := range codes.Codes {
		switch c.Kind {
		case KindRateLimit, KindRedirect, KindServer, KindUnavailable:
		default:
			return nil, fmt.Errorf("%w: error-codes.json: %q has unknown kind %q", ErrBadGuide, c.Code, c.Kind)
		}
		codes.Codes[i].Code = NormalizeErrorCode(c.Code)
	}
	kindRank := map[ErrorKind]int{KindRateLimit: 0, KindRedirect: 1, KindServer: 2, KindUnavailable: 3}
	sort.SliceStable(codes.Codes, func(i, j int) bool { return kindRank[codes.Codes[i].Kind] < kindRank[codes.Codes[j].Kind] })
	g.errorCodes = codes.Codes
	for _, lang := range Languages {
		files, err := fs.Glob(fsys, "guides/"+lang+"/*.json")
		if err != nil || len(files) == 0 {
			return nil, fmt.Errorf("%w: no guide files for %s", ErrBadGuide, lang)
		}
		g.texts[lang] = map[string]*template.Template{}
		for _, f := range files {
			var m map[string]string
			if err := readJSON(fsys, f, &m); err != nil {
				return nil, err
			}
			prefix := strings.TrimSuffix(path.Base(f), ".json") + "."
			for k, v := range m {
				t, err := template.New(prefix + k).Option("missingkey=error").Parse(v)
				if err != nil {
					return nil, fmt.Errorf("%w: %s: %s: %w", ErrBadGuide, f, k, err)
				}
				g.texts[lang][prefix+k] = t
			}
		}
	}
	return g, nil
}

func readJSON(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadGuide, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrBadGuide, name, err)
	}
	return nil
}

// text renders the guide text key in lang with data (a map, or nil).
func (g *guides) text(lang, key string, data map[string]any) (string, error) {
	if g.seen != nil {
		g.seen[key] = true
	}
	t, ok := g.texts[Lang(lang)][key]
	if !ok {
		return "", fmt.Errorf("%w: %s/%s", ErrMissingText, Lang(lang), key)
	}
	if data == nil {
		data = map[string]any{}
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("%w: %s/%s: %w", ErrMissingText, Lang(lang), key, err)
	}
	return b.String(), nil
}

// Title returns the name of a symptom in lang, as a person would say it
// ("The code is rejected").
func Title(s Symptom, lang string) (string, error) {
	g, err := defaultGuides()
	if err != nil {
		return "", err
	}
	return g.text(lang, string(s)+".title", nil)
}

// Describe explains a finding of CheckInput in lang, in one sentence:
// where, which character, and why it matters.
func Describe(f Finding, lang string) (string, error) {
	g, err := defaultGuides()
	if err != nil {
		return "", err
	}
	return g.describe(f, lang)
}

func (g *guides) describe(f Finding, lang string) (string, error) {
	sep, err := g.text(lang, "common.list_sep", nil)
	if err != nil {
		return "", err
	}
	pos := make([]string, len(f.Positions))
	for i, p := range f.Positions {
		pos[i] = fmt.Sprint(p)
	}
	return g.text(lang, "input."+string(f.Code), map[string]any{
		"Positions": strings.Join(pos, sep),
		"Count":     len(f.Positions),
		"Char":      f.Char,
		"Codepoint": f.Codepoint,
		"Name":      f.Name,
		"LooksLike": f.LooksLike,
	})
}
