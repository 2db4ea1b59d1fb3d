package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"github.com/mamori-app/mamori/assets"
)

func TestDetectLanguage(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{nil, langEnglish},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, langJapanese},
		{map[string]string{"LANG": "ja"}, langJapanese},
		{map[string]string{"LANG": "JA_JP.eucJP"}, langJapanese},
		{map[string]string{"LANG": "C"}, langEnglish},
		{map[string]string{"LANG": "POSIX"}, langEnglish},
		{map[string]string{"LANG": "en_GB.UTF-8"}, langEnglish},
		{map[string]string{"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, langEnglish},
		{map[string]string{"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "C"}, langJapanese},
		{map[string]string{"LC_ALL": "ja_JP.UTF-8", "LC_MESSAGES": "C"}, langJapanese},
		{map[string]string{"LC_ALL": "", "LC_MESSAGES": "", "LANG": "ja_JP"}, langJapanese},
	} {
		if got := detectLanguage(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("detectLanguage(%v) = %s, want %s", tc.env, got, tc.want)
		}
	}
}

// keysUsed returns every "cli.…" string literal in the package's non-test
// source: the translation keys the CLI can ask for.
func keysUsed(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keyRE := regexp.MustCompile(`^cli\.[a-z_.]+$`)
	used := map[string]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && keyRE.MatchString(s) {
					used[s] = fset.Position(lit.Pos()).String()
				}
			}
			return true
		})
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys in the source; the scan is broken", len(used))
	}
	return used
}

var placeholderRE = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string) string {
	var names []string
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		names = append(names, m[1])
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

func TestTranslations(t *testing.T) {
	en, err := loadTranslations(assets.Translations, langEnglish)
	if err != nil {
		t.Fatal(err)
	}
	ja, err := loadTranslations(assets.Translations, langJapanese)
	if err != nil {
		t.Fatal(err)
	}
	for k := range en {
		if _, ok := ja[k]; !ok {
			t.Errorf("ja.json lacks %q", k)
		}
	}
	for k := range ja {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
	for k, e := range en {
		j, ok := ja[k]
		if !ok {
			continue
		}
		if strings.TrimSpace(e) == "" || strings.TrimSpace(j) == "" {
			t.Errorf("%q is empty in a language", k)
		}
		if placeholders(e) != placeholders(j) {
			t.Errorf("%q: en uses {%s}, ja uses {%s}", k, placeholders(e), placeholders(j))
		}
		for lang, text := range map[string]string{"en": e, "ja": j} {
			if _, err := template.New(k).Parse(text); err != nil {
				t.Errorf("%s %q is not a valid template: %v", lang, k, err)
			}
		}
	}
	used := keysUsed(t)
	for k, where := range used {
		if _, ok := en[k]; !ok {
			t.Errorf("%s: key %q is not in en.json", where, k)
		}
		if _, ok := ja[k]; !ok {
			t.Errorf("%s: key %q is not in ja.json", where, k)
		}
	}
	for k := range en {
		if _, ok := used[k]; strings.HasPrefix(k, "cli.") && !ok {
			t.Errorf("en.json has %q, which the CLI never uses", k)
		}
	}
}

func TestTranslationFilesAreFlatJSONObjects(t *testing.T) {
	// Fyne's lang package loads the same files: keep them flat objects of
	// strings, one per language, named <lang>.json.
	entries, err := os.ReadDir(filepath.Join("..", "..", "..", "assets", "translations"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") {
			t.Errorf("unexpected file %s in assets/translations", e.Name())
			continue
		}
		lang := strings.TrimSuffix(e.Name(), ".json")
		if _, err := loadTranslations(assets.Translations, lang); err != nil {
			t.Errorf("%s: %v", e.Name(), err)
		}
	}
}

func TestMessagesFallBack(t *testing.T) {
	m := newMessages(langJapanese)
	if got := m.T("cli.error.not_found", data{"Query": "x"}); got != "「x」に一致するアカウントはありません" {
		t.Errorf("ja not_found = %q", got)
	}
	if got := m.T("cli.no.such.key"); got != "cli.no.such.key" {
		t.Errorf("missing key = %q, want the key", got)
	}
	if got := newMessages(langEnglish).T("cli.error.ambiguous", data{"Query": "a", "Count": 2, "Candidates": "x, y"}); got != `"a" matches 2 accounts: x, y` {
		t.Errorf("en ambiguous = %q", got)
	}
}
