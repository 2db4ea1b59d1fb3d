package cli

import (
	"strings"
	"testing"

	"github.com/mamori-app/mamori/assets"
)

// keysUsed returns every "cli.…" string literal in the package's non-test
// source: the translation keys the CLI can ask for.
func keysUsed(t *testing.T) map[string]string {
	t.Helper()
	used, err := assets.KeysUsedIn(".", "cli.")
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys in the source; the scan is broken", len(used))
	}
	return used
}

// The translation files themselves (the same keys in every language, the
// same placeholders, valid templates) are checked in package assets; here,
// that the CLI's keys are in them and that they hold no key the CLI dropped.

func TestTranslations(t *testing.T) {
	used := keysUsed(t)
	for _, lang := range []string{assets.LangEnglish, assets.LangJapanese} {
		c, err := assets.LoadCatalog(lang)
		if err != nil {
			t.Fatal(err)
		}
		for k, where := range used {
			if !c.Has(k) {
				t.Errorf("%s: key %q is not in %s.json", where, k, lang)
			}
		}
		for _, k := range c.Keys() {
			if _, ok := used[k]; strings.HasPrefix(k, "cli.") && !ok {
				t.Errorf("%s.json has %q, which the CLI never uses", lang, k)
			}
		}
	}
}

func TestMessagesFallBack(t *testing.T) {
	ja, _ := assets.LoadCatalog(assets.LangJapanese)
	if got := ja.T("cli.error.not_found", data{"Query": "x"}); got != "「x」に一致するアカウントはありません" {
		t.Errorf("ja not_found = %q", got)
	}
	if got := ja.T("cli.no.such.key"); got != "cli.no.such.key" {
		t.Errorf("missing key = %q, want the key", got)
	}
	en, _ := assets.LoadCatalog(assets.LangEnglish)
	if got := en.T("cli.error.ambiguous", data{"Query": "a", "Count": 2, "Candidates": "x, y"}); got != `"a" matches 2 accounts: x, y` {
		t.Errorf("en ambiguous = %q", got)
	}
}
