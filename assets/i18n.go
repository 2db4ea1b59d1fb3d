package assets

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"reflect"
	"sort"
	"strings"
	"sync"
	"text/template"
)

// The languages Mamori speaks. Each has a folder translations/<lang>/ of
// JSON files in Translations; English is complete and is the fallback for the others.
const (
	LangEnglish  = "en"
	LangJapanese = "ja"
)

// DetectLanguage picks the language Mamori speaks. The first non-empty of
// LC_ALL, LC_MESSAGES and LANG decides, the way POSIX tools do; with none of
// them set (as on Windows and macOS, unless set by hand) the system's own
// setting does: the user's locale on Windows (GetUserDefaultLocaleName), the
// preferred languages on macOS (AppleLanguages). A value starting with "ja"
// (any case, e.g. "ja_JP.UTF-8", "ja-JP") is Japanese; anything else,
// including "C", "POSIX" and no setting at all, is English. getenv is usually
// os.Getenv; tests pass a map lookup.
func DetectLanguage(getenv func(string) string) string {
	return detectLanguage(getenv, systemLanguage)
}

// detectLanguage is DetectLanguage with the system's setting asked through
// system, so tests can stand in for it.
func detectLanguage(getenv func(string) string, system func() string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return languageOf(v)
		}
	}
	return languageOf(system())
}

// languageOf maps a locale name to LangJapanese or LangEnglish.
func languageOf(locale string) string {
	if strings.HasPrefix(strings.ToLower(locale), LangJapanese) {
		return LangJapanese
	}
	return LangEnglish
}

// Catalog is the user-facing texts of one language, read from Translations.
// The texts are Go templates ({{.Name}}), the syntax Fyne's lang package
// uses too. A Catalog is not changed after it is loaded, so it may be shared
// between goroutines; to switch languages, load another one.
type Catalog struct {
	load     sync.Once
	want     string            // the language asked for, until load
	lang     string            // the language of texts, after load
	texts    map[string]string // the language's own file
	fallback map[string]string // English, for keys the language lacks
	err      error             // what load could not read
}

// LoadCatalog reads the texts of lang (LangEnglish or LangJapanese) from
// Translations, with English as the fallback for missing keys.
//
// It always returns a usable catalogue. The error reports a translation
// file that could not be read or parsed: then the catalogue is English
// (Lang reports "en") or, when English itself is broken, answers every key
// with the key. Such an error is a build defect, which the tests catch; a
// program may ignore it at run time and still work.
//
// Each language's files are parsed once per process, however many
// catalogues are loaded.
func LoadCatalog(lang string) (*Catalog, error) {
	c := NewCatalog(lang)
	c.ready()
	return c, c.err
}

// NewCatalog is LoadCatalog for a program that ignores its error: the
// texts are read when the catalogue is first used, so a run that never
// shows a text (mamori --version, or a code printed alone) never parses
// them.
func NewCatalog(lang string) *Catalog { return &Catalog{want: lang} }

// ready loads the texts on first use.
func (c *Catalog) ready() {
	c.load.Do(func() {
		en, err := parsedTranslations(LangEnglish)
		c.lang, c.texts, c.fallback, c.err = LangEnglish, en, en, err
		if err != nil || c.want == LangEnglish {
			return
		}
		texts, err := parsedTranslations(c.want)
		if err != nil {
			c.err = err
			return
		}
		c.lang, c.texts = c.want, texts
	})
}

// parsed holds the languages Mamori ships, each parsed on first use only
// and then shared (the maps are never changed).
var parsed = map[string]func() (map[string]string, error){
	LangEnglish:  sync.OnceValues(func() (map[string]string, error) { return readTranslations(Translations, LangEnglish) }),
	LangJapanese: sync.OnceValues(func() (map[string]string, error) { return readTranslations(Translations, LangJapanese) }),
}

// parsedTranslations is readTranslations of Translations, parsed once for
// the languages Mamori ships.
func parsedTranslations(lang string) (map[string]string, error) {
	if parse, ok := parsed[lang]; ok {
		return parse()
	}
	return readTranslations(Translations, lang)
}

// readTranslations reads one language's texts: every file
// translations/<lang>/*.json, each a flat key→text JSON object. The files
// split the texts by screen; a key defined in two of them is an error.
func readTranslations(fsys fs.FS, lang string) (map[string]string, error) {
	if !fs.ValidPath(lang) || strings.ContainsAny(lang, "/.*?[\\") {
		return nil, fmt.Errorf("read %s translations: not a language name", lang)
	}
	files, err := fs.Glob(fsys, "translations/"+lang+"/*.json")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("read %s translations: no files", lang)
	}
	texts := map[string]string{}
	from := map[string]string{}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("read %s translations: %w", lang, err)
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
		}
		for k, v := range m {
			if prev, dup := from[k]; dup {
				return nil, fmt.Errorf("read %s translations: %q is in both %s and %s", lang, k, prev, f)
			}
			texts[k], from[k] = v, f
		}
	}
	return texts, nil
}

// Lang is the language of the catalogue's texts, such as "ja".
func (c *Catalog) Lang() string {
	c.ready()
	return c.lang
}

// Has reports whether the language's own file has key; T would still find
// in English a key that Has denies.
func (c *Catalog) Has(key string) bool {
	c.ready()
	_, ok := c.texts[key]
	return ok
}

// Keys returns, sorted, the keys the language's own file defines (not those
// it borrows from English), for tests that check every text is translated.
func (c *Catalog) Keys() []string {
	c.ready()
	keys := make([]string, 0, len(c.texts))
	for k := range c.texts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TemplateFuncs are the functions a text may call besides Go's own:
//
//	{{plural .Count "code" "codes"}}
//
// is "code" when Count is 1 and "codes" for any other number (English has
// two forms; Japanese texts have no plural and do not call it). A Count
// that is not a number, or missing, takes the other form.
func TemplateFuncs() template.FuncMap {
	return template.FuncMap{"plural": plural}
}

// plural is the "plural" template function.
func plural(n any, one, other string) string {
	v := reflect.ValueOf(n)
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Int() == 1 {
			return one
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if v.Uint() == 1 {
			return one
		}
	}
	return other
}

// T returns the text for key, filled in from data (a map or a struct) when
// given, e.g. T("ui.count", map[string]any{"Count": 3}). A key the language
// lacks is taken from English; a key no file has is returned as it is, so
// a missing text shows up on screen instead of vanishing.
//
// Templates run with the option missingkey=zero: a key that a map lacks
// gives the zero value of the map's element type, so map[string]int{} fills
// {{.Count}} with 0 (for map[string]any, text/template prints the nil
// interface as "<no value>"). When the template cannot be filled in at all,
// for example a struct without the field, the text is returned unfilled.
func (c *Catalog) T(key string, data ...any) string {
	c.ready()
	text, ok := c.texts[key]
	if !ok {
		if text, ok = c.fallback[key]; !ok {
			return key
		}
	}
	if len(data) == 0 || data[0] == nil || !strings.Contains(text, "{{") {
		return text
	}
	tmpl, err := template.New(key).Option("missingkey=zero").Funcs(TemplateFuncs()).Parse(text)
	if err != nil {
		return text
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, data[0]); err != nil {
		return text
	}
	return b.String()
}
