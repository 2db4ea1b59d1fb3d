package ui

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"sync"
	"text/template"

	"github.com/mamori-app/mamori/assets"
)

// Languages the app speaks. Its texts are the "ui.*" keys of
// assets/translations/<lang>.json, the files the CLI reads too: flat JSON
// objects of Go templates ({{.Count}}), the format Fyne's lang package loads.
// The app keeps its own catalogue instead of Fyne's global localizer so that
// the language can be switched in Settings without a restart, and so that a
// locale such as C or POSIX falls back to English silently.
const (
	langAuto     = "auto"
	langEnglish  = "en"
	langJapanese = "ja"
)

var (
	catalogOnce sync.Once
	catalogs    map[string]map[string]string
	// language is the language texts are shown in; set on the UI thread.
	language = langEnglish
)

func loadCatalogs() {
	catalogs = map[string]map[string]string{}
	for _, l := range []string{langEnglish, langJapanese} {
		data, err := fs.ReadFile(assets.Translations, "translations/"+l+".json")
		if err != nil {
			continue
		}
		var m map[string]string
		if json.Unmarshal(data, &m) == nil {
			catalogs[l] = m
		}
	}
}

// detectLanguage picks the language from the environment as POSIX tools
// (and the CLI) do: the first non-empty of LC_ALL, LC_MESSAGES and LANG;
// anything starting with "ja" is Japanese, everything else English.
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

// resolveLanguage turns the Settings choice (auto, en or ja) into a language.
func resolveLanguage(choice string, getenv func(string) string) string {
	switch choice {
	case langEnglish, langJapanese:
		return choice
	}
	return detectLanguage(getenv)
}

// setLanguage makes tr answer in lang.
func setLanguage(lang string) {
	if lang != langJapanese {
		lang = langEnglish
	}
	language = lang
}

// tr returns the text for key in the current language, filled in from data
// when given; it falls back to English, and an unknown key is returned as it
// is, so a missing text shows up instead of vanishing.
func tr(key string, data ...map[string]any) string {
	catalogOnce.Do(loadCatalogs)
	text, ok := catalogs[language][key]
	if !ok {
		if text, ok = catalogs[langEnglish][key]; !ok {
			return key
		}
	}
	if len(data) == 0 || data[0] == nil || !strings.Contains(text, "{{") {
		return text
	}
	t, err := template.New(key).Option("missingkey=zero").Parse(text)
	if err != nil {
		return text
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data[0]); err != nil {
		return text
	}
	return b.String()
}
