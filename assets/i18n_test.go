package assets

import (
	"io/fs"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"text/template"
	"text/template/parse"
)

func TestDetectLanguage(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{nil, LangEnglish},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, LangJapanese},
		{map[string]string{"LANG": "ja"}, LangJapanese},
		{map[string]string{"LANG": "JA_JP.eucJP"}, LangJapanese},
		{map[string]string{"LANG": "C"}, LangEnglish},
		{map[string]string{"LANG": "C.UTF-8"}, LangEnglish},
		{map[string]string{"LANG": "POSIX"}, LangEnglish},
		{map[string]string{"LANG": "en_GB.UTF-8"}, LangEnglish},
		{map[string]string{"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, LangEnglish},
		{map[string]string{"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "C"}, LangJapanese},
		{map[string]string{"LC_ALL": "ja_JP.UTF-8", "LC_MESSAGES": "C"}, LangJapanese},
		{map[string]string{"LC_ALL": "", "LC_MESSAGES": "", "LANG": "ja_JP"}, LangJapanese},
	} {
		if got := detectLanguage(func(k string) string { return tc.env[k] }, func() string { return "" }); got != tc.want {
			t.Errorf("DetectLanguage(%v) = %s, want %s", tc.env, got, tc.want)
		}
	}
}

func TestCatalogT(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang string
		key  string
		data []any
		want string
	}{
		{"english", LangEnglish, "ui.count.one", nil, "1 account"},
		{"japanese", LangJapanese, "ui.count.one", nil, "1 件のアカウント"},
		{"template data", LangEnglish, "ui.count", []any{map[string]any{"Count": 12}}, "12 accounts"},
		{"japanese template", LangJapanese, "cli.error.not_found", []any{map[string]any{"Query": "x"}}, "「x」に一致するアカウントはありません"},
		{"struct data", LangEnglish, "ui.count", []any{struct{ Count int }{3}}, "3 accounts"},
		{"several fields", LangEnglish, "cli.error.ambiguous",
			[]any{map[string]any{"Query": "a", "Count": 2, "Candidates": "x, y"}}, `"a" matches 2 accounts: x, y`},
		{"no data leaves the template", LangEnglish, "ui.count", nil, "{{.Count}} accounts"},
		{"nil data leaves the template", LangEnglish, "ui.count", []any{nil}, "{{.Count}} accounts"},
		{"missing map key is the zero value", LangEnglish, "ui.count", []any{map[string]int{}}, "0 accounts"},
		{"missing key of map[string]any", LangEnglish, "ui.count", []any{map[string]any{}}, "<no value> accounts"},
		{"struct without the field leaves the template", LangEnglish, "ui.count", []any{struct{ Other int }{1}}, "{{.Count}} accounts"},
		{"unknown key", LangEnglish, "ui.no.such.key", nil, "ui.no.such.key"},
		{"unknown key in japanese", LangJapanese, "ui.no.such.key", nil, "ui.no.such.key"},
		{"unknown language falls back to english", "fr", "ui.count.one", nil, "1 account"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := LoadCatalog(tc.lang)
			if got := c.T(tc.key, tc.data...); got != tc.want {
				t.Errorf("T(%q) in %s = %q, want %q", tc.key, tc.lang, got, tc.want)
			}
		})
	}
}

func TestPlural(t *testing.T) {
	const text = "{{.Count}} {{plural .Count \"code\" \"codes\"}} left"
	for _, tc := range []struct {
		n    any
		want string
	}{
		{0, "0 codes left"},
		{1, "1 code left"},
		{2, "2 codes left"},
		{uint64(1), "1 code left"},
		{int64(21), "21 codes left"},
		{"1", "1 codes left"},
	} {
		c := &Catalog{texts: map[string]string{"k": text}}
		c.load.Do(func() {}) // these texts, not the translations
		if got := c.T("k", map[string]any{"Count": tc.n}); got != tc.want {
			t.Errorf("Count %#v: %q, want %q", tc.n, got, tc.want)
		}
	}
	if got, _ := fields(text); got != "Count" {
		t.Errorf("fields = %q", got)
	}
}

func TestLoadCatalog(t *testing.T) {
	for _, tc := range []struct {
		lang     string
		wantLang string
		wantErr  bool
	}{
		{LangEnglish, LangEnglish, false},
		{LangJapanese, LangJapanese, false},
		{"fr", LangEnglish, true},
		{"", LangEnglish, true},
		{"../assets", LangEnglish, true},
	} {
		c, err := LoadCatalog(tc.lang)
		if (err != nil) != tc.wantErr {
			t.Errorf("LoadCatalog(%q) error = %v, want error %v", tc.lang, err, tc.wantErr)
		}
		if c == nil {
			t.Fatalf("LoadCatalog(%q) returned no catalogue", tc.lang)
		}
		if c.Lang() != tc.wantLang {
			t.Errorf("LoadCatalog(%q).Lang() = %q, want %q", tc.lang, c.Lang(), tc.wantLang)
		}
	}
}

func TestFallbackToEnglish(t *testing.T) {
	// A key only English has is shown in English in Japanese.
	c, err := LoadCatalog(LangJapanese)
	if err != nil {
		t.Fatal(err)
	}
	en, err := LoadCatalog(LangEnglish)
	if err != nil {
		t.Fatal(err)
	}
	c.texts = map[string]string{"ui.count.one": "一件"}
	if got := c.T("ui.count.one"); got != "一件" {
		t.Errorf("own text = %q", got)
	}
	if got, want := c.T("ui.count", map[string]any{"Count": 2}), en.T("ui.count", map[string]any{"Count": 2}); got != want {
		t.Errorf("fallback = %q, want %q", got, want)
	}
	if got := c.Keys(); len(got) != 1 || got[0] != "ui.count.one" {
		t.Errorf("Keys() = %q, want the language's own keys only", got)
	}
	if !c.Has("ui.count.one") || c.Has("ui.count") || !en.Has("ui.count") || en.Has("ui.no.such.key") {
		t.Error("Has does not tell the language's own keys")
	}
}

// fields lists, sorted and without repeats, the data fields a template text
// uses: "Count,Detail" for "{{.Count}} accounts{{if .Detail}}…{{end}}". It
// reads the parse tree, so fields in if, range and with count too.
func fields(text string) (string, error) {
	tmpl, err := template.New("").Funcs(TemplateFuncs()).Parse(text)
	if err != nil || tmpl.Tree == nil {
		return "", err
	}
	seen := map[string]bool{}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.IfNode:
			walk(&n.BranchNode)
		case *parse.RangeNode:
			walk(&n.BranchNode)
		case *parse.WithNode:
			walk(&n.BranchNode)
		case *parse.BranchNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.PipeNode:
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.FieldNode:
			seen[strings.Join(n.Ident, ".")] = true
		}
	}
	walk(tmpl.Tree.Root)
	names := make([]string, 0, len(seen))
	for name := range seen {
		names = append(names, name)
	}
	sort.Strings(names)
	return strings.Join(names, ","), nil
}

func TestFields(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"1 account", ""},
		{"{{.Count}} accounts", "Count"},
		{"{{.Shown}} of {{.Count}}, {{.Count}}", "Count,Shown"},
		{"failed{{if .Detail}}: {{.Detail}}{{else}}{{.Other}}{{end}}", "Detail,Other"},
		{"{{range .Items}}{{.}}{{end}}{{with .Dir}}{{.}}{{end}}", "Dir,Items"},
	} {
		if got, err := fields(tc.text); err != nil || got != tc.want {
			t.Errorf("fields(%q) = %q, %v; want %q", tc.text, got, err, tc.want)
		}
	}
	if _, err := fields("{{.Count"); err == nil {
		t.Error("an unclosed action is a valid template")
	}
}

// TestEveryKeyInEveryLanguage checks each translation file against English:
// the same keys, no empty text, valid templates that use the same fields.
func TestEveryKeyInEveryLanguage(t *testing.T) {
	files, err := fs.Glob(Translations, "translations/*")
	if err != nil {
		t.Fatal(err)
	}
	langs := map[string]bool{}
	for _, f := range files {
		// A folder per language, of .json files split by screen.
		lang := strings.TrimPrefix(f, "translations/")
		if st, err := fs.Stat(Translations, f); err != nil || !st.IsDir() {
			t.Errorf("unexpected file %s in translations", lang)
			continue
		}
		langs[lang] = true
	}
	// Each language splits its texts into the same files, so that a screen's
	// texts are found in one place in every language.
	parts := func(lang string) string {
		names, _ := fs.Glob(Translations, "translations/"+lang+"/*")
		for i, n := range names {
			names[i] = strings.TrimPrefix(n, "translations/"+lang+"/")
		}
		return strings.Join(names, " ")
	}
	for lang := range langs {
		if got, want := parts(lang), parts(LangEnglish); got != want {
			t.Errorf("translations/%s holds %s; English holds %s", lang, got, want)
		}
	}
	for _, want := range []string{LangEnglish, LangJapanese} {
		if !langs[want] {
			t.Errorf("no translations/%s/", want)
		}
	}
	en, err := LoadCatalog(LangEnglish)
	if err != nil {
		t.Fatal(err)
	}
	if len(en.Keys()) < 100 {
		t.Fatalf("en.json has only %d keys", len(en.Keys()))
	}
	for lang := range langs {
		c, err := LoadCatalog(lang)
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		for _, k := range en.Keys() {
			if _, ok := c.texts[k]; !ok {
				t.Errorf("%s.json lacks %q", lang, k)
			}
		}
		for _, k := range c.Keys() {
			e, ok := en.texts[k]
			if !ok {
				t.Errorf("en.json lacks %q, which %s.json has", k, lang)
				continue
			}
			text := c.texts[k]
			if strings.TrimSpace(text) == "" {
				t.Errorf("%s %q is empty", lang, k)
			}
			want, err := fields(e)
			if err != nil {
				t.Errorf("en %q is not a valid template: %v", k, err)
			}
			got, err := fields(text)
			if err != nil {
				t.Errorf("%s %q is not a valid template: %v", lang, k, err)
			}
			if got != want {
				t.Errorf("%q: en uses {%s}, %s uses {%s}", k, want, lang, got)
			}
		}
	}
}

func TestReadTranslations(t *testing.T) {
	fsys := fstest.MapFS{
		"translations/en/a.json":   {Data: []byte(`{"ui.a": "A"}`)},
		"translations/en/b.json":   {Data: []byte(`{"ui.b": "B"}`)},
		"translations/dup/a.json":  {Data: []byte(`{"ui.a": "A"}`)},
		"translations/dup/b.json":  {Data: []byte(`{"ui.a": "again"}`)},
		"translations/bad/a.json":  {Data: []byte(`{"ui.a": 1}`)},
		"translations/none/README": {Data: []byte(`no json here`)},
	}
	got, err := readTranslations(fsys, "en")
	if err != nil || len(got) != 2 || got["ui.a"] != "A" || got["ui.b"] != "B" {
		t.Errorf("en = %v, %v; want both files merged", got, err)
	}
	for _, lang := range []string{"dup", "bad", "none", "missing", "../en", "*", ""} {
		if got, err := readTranslations(fsys, lang); err == nil {
			t.Errorf("%q = %v, want an error", lang, got)
		}
	}
}

// TestDetectLanguageSystem: the system's setting (Windows, macOS) decides only
// when none of LC_ALL, LC_MESSAGES and LANG is set.
func TestDetectLanguageSystem(t *testing.T) {
	for _, tc := range []struct {
		env    map[string]string
		system string
		want   string
	}{
		{nil, "ja-JP", LangJapanese},
		{nil, "ja_JP", LangJapanese},
		{nil, "en-US", LangEnglish},
		{nil, "", LangEnglish},
		{map[string]string{"LANG": "C"}, "ja-JP", LangEnglish},
		{map[string]string{"LC_MESSAGES": "ja_JP.UTF-8"}, "en-GB", LangJapanese},
	} {
		got := detectLanguage(func(k string) string { return tc.env[k] }, func() string { return tc.system })
		if got != tc.want {
			t.Errorf("env %v, system %q: got %s, want %s", tc.env, tc.system, got, tc.want)
		}
	}
}

func TestFirstAppleLanguage(t *testing.T) {
	for in, want := range map[string]string{
		"(\n    \"ja-JP\",\n    \"en-US\"\n)\n": "ja-JP",
		"(\n    en,\n    ja\n)\n":               "en",
		"(\n)\n":                                "",
		"":                                      "",
	} {
		if got := firstAppleLanguage(in); got != want {
			t.Errorf("firstAppleLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzFirstAppleLanguage: any output of `defaults` gives one line's worth of
// text, never a panic.
func FuzzFirstAppleLanguage(f *testing.F) {
	f.Add("(\n    \"ja-JP\",\n    \"en-US\"\n)\n")
	f.Add("ja_JP")
	f.Fuzz(func(t *testing.T, s string) {
		if got := firstAppleLanguage(s); strings.Contains(got, "\n") {
			t.Errorf("firstAppleLanguage(%q) = %q spans lines", s, got)
		}
	})
}

// TestTranslationsAreParsedOnce: catalogues of one language share the
// texts parsed the first time, and NewCatalog reads them on first use.
func TestTranslationsAreParsedOnce(t *testing.T) {
	for _, lang := range []string{LangEnglish, LangJapanese} {
		a, errA := LoadCatalog(lang)
		b, errB := LoadCatalog(lang)
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if reflect.ValueOf(a.texts).Pointer() != reflect.ValueOf(b.texts).Pointer() {
			t.Errorf("%s: each LoadCatalog parsed the translation files again", lang)
		}
		lazy := NewCatalog(lang)
		if lazy.texts != nil {
			t.Errorf("%s: NewCatalog read the texts before they were used", lang)
		}
		if lazy.Lang() != lang || lazy.T("cli.error.app_missing", map[string]any{"App": "x"}) != a.T("cli.error.app_missing", map[string]any{"App": "x"}) {
			t.Errorf("%s: NewCatalog answers %q in %s", lang, lazy.T("cli.error.app_missing"), lazy.Lang())
		}
	}
}
