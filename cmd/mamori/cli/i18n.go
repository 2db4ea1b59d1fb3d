package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"text/template"

	"github.com/mamori-app/mamori/assets"
)

// Languages the CLI speaks; the files are assets/translations/<lang>.json.
const (
	langEnglish  = "en"
	langJapanese = "ja"
)

// messages renders user-facing text from one language's translation file,
// falling back to English for a key the language lacks and to the key itself
// when no file has it. Texts are Go templates ({{.Name}}), the syntax Fyne's
// lang package uses too.
type messages struct {
	lang     string
	texts    map[string]string
	fallback map[string]string
}

// detectLanguage picks the CLI's language from the environment the way POSIX
// tools do: the first non-empty of LC_ALL, LC_MESSAGES and LANG. Anything
// starting with "ja" is Japanese; everything else, including "C", "POSIX" and
// no setting at all, is English.
func detectLanguage(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "ja") {
				return langJapanese
			}
			return langEnglish
		}
	}
	return langEnglish
}

// loadTranslations reads one language's flat key→text JSON file.
func loadTranslations(fsys fs.FS, lang string) (map[string]string, error) {
	data, err := fs.ReadFile(fsys, "translations/"+lang+".json")
	if err != nil {
		return nil, fmt.Errorf("read %s translations: %w", lang, err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("parse %s translations: %w", lang, err)
	}
	return m, nil
}

// newMessages loads the translations for lang from the embedded assets. A
// broken translation file is a build defect that the tests catch; at run time
// the CLI still works, showing keys instead of texts.
func newMessages(lang string) *messages {
	en, _ := loadTranslations(assets.Translations, langEnglish)
	m := &messages{lang: lang, texts: en, fallback: en}
	if lang != langEnglish {
		if t, err := loadTranslations(assets.Translations, lang); err == nil {
			m.texts = t
		}
	}
	return m
}

// T returns the text for key, filled in with data (a map or struct) when given.
func (m *messages) T(key string, data ...any) string {
	text, ok := m.texts[key]
	if !ok {
		if text, ok = m.fallback[key]; !ok {
			return key
		}
	}
	if len(data) == 0 || data[0] == nil || !strings.Contains(text, "{{") {
		return text
	}
	tmpl, err := template.New(key).Option("missingkey=zero").Parse(text)
	if err != nil {
		return text
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, data[0]); err != nil {
		return text
	}
	return b.String()
}
