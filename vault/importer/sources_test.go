package importer

import (
	"regexp"
	"testing"

	"github.com/mamori-app/mamori/assets"
)

// TestTexts checks that every format, every unreadable kind, every source
// app and every link parameter has its text in every language, and that
// no Japanese text holds an English identifier of this package.
func TestTexts(t *testing.T) {
	var keys []string
	for _, f := range append(Formats(), FormatUnknown) {
		keys = append(keys, "import.format."+f.Key())
	}
	for _, u := range UnreadableKinds() {
		keys = append(keys, "import.unreadable."+u.Key(), "import.unreadable."+u.Key()+".hint")
	}
	for _, s := range Sources() {
		keys = append(keys, "import.source."+s.ID+".name", "import.source."+s.ID+".where")
	}
	for _, p := range linkParams {
		keys = append(keys, "import.param."+p)
	}
	ident := regexp.MustCompile(`\b(` + "andotp|authenticator-pro|freeotp-plus|bitwarden-csv|1password-1pux|1password-csv|google-authenticator-db|encrypted-zip|java-serialized|sda-manifest|sda-encrypted" + `)\b`)
	for _, lang := range []string{assets.LangEnglish, assets.LangJapanese} {
		c, err := assets.LoadCatalog(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if !c.Has(k) {
				t.Errorf("%s: no %q", lang, k)
				continue
			}
			if s := c.T(k); lang == assets.LangJapanese && ident.MatchString(s) {
				t.Errorf("%s %q holds an identifier: %q", lang, k, s)
			}
		}
	}
}

// TestSources checks that every format Parse reads is listed under an
// app, once.
func TestSources(t *testing.T) {
	seen := map[Format]string{}
	ids := map[string]bool{}
	for _, s := range Sources() {
		if ids[s.ID] {
			t.Errorf("source %q twice", s.ID)
		}
		ids[s.ID] = true
		for _, f := range s.Formats {
			if other, ok := seen[f]; ok {
				t.Errorf("%s listed under %s and %s", f, other, s.ID)
			}
			seen[f] = s.ID
		}
	}
	for _, f := range Formats() {
		if _, ok := seen[f]; !ok {
			t.Errorf("format %s is under no source app", f)
		}
	}
}

func TestFormatKeys(t *testing.T) {
	for f, want := range map[Format]string{FormatTwoFAS: "twofas", FormatOnePUX: "onepassword_1pux",
		FormatOnePasswordCSV: "onepassword_csv", FormatAuthPro: "authenticator_pro", FormatUnknown: "unknown"} {
		if got := f.Key(); got != want {
			t.Errorf("%q.Key() = %q, want %q", f, got, want)
		}
	}
}
