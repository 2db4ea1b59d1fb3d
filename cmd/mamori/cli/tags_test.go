package cli

import (
	"slices"
	"strings"
	"testing"
)

func TestAccountTags(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "taro@example.com", "--issuer", "Amazon", "--no-otp")
	h.ok("", "add", "hanako@example.com", "--issuer", "GitHub", "--no-otp")
	h.ok("", "add", "山田太郎", "--issuer", "みずほ銀行", "--no-otp")

	// Without tags, list looks as it always did.
	if r := h.ok("", "list"); strings.Contains(r.stdout, "TAGS") {
		t.Errorf("list shows a TAGS column with no tags:\n%s", r.stdout)
	}
	tagsOf := func() map[string][]string {
		out := map[string][]string{}
		for _, a := range h.listJSON() {
			if a.Tags == nil {
				t.Errorf("list --json gives %s null tags, not []", a.Issuer)
			}
			out[a.Issuer] = a.Tags
		}
		return out
	}
	if got := tagsOf(); len(got["Amazon"]) != 0 {
		t.Fatalf("tags before any: %v", got)
	}
	if !strings.Contains(h.ok("", "list", "--json").stdout, `"tags": []`) {
		t.Error(`list --json leaves out "tags": []`)
	}

	// --tag replaces, normalised: trimmed, full width folded, duplicates gone, sorted.
	r := h.ok("", "account", "set", "github", "--tag", "Work, ｗｏｒｋ dev")
	if !strings.Contains(r.stderr, "GitHub: hanako@example.com has the tags dev, Work") {
		t.Errorf("--tag: %q", r.stderr)
	}
	h.ok("", "account", "set", "みずほ", "--tag", "銀行、家計")
	h.ok("", "account", "set", "amazon", "--add-tag", "shop", "--add-tag", "家計")
	got := tagsOf()
	for issuer, want := range map[string][]string{"GitHub": {"dev", "Work"}, "みずほ銀行": {"家計", "銀行"}, "Amazon": {"shop", "家計"}} {
		if !slices.Equal(got[issuer], want) {
			t.Errorf("%s: tags %q, want %q", issuer, got[issuer], want)
		}
	}
	r = h.ok("", "list")
	if !strings.Contains(r.stdout, "TAGS") || !strings.Contains(r.stdout, "dev,Work") {
		t.Errorf("list does not show the tags:\n%s", r.stdout)
	}

	// list --tag filters, in any case or width.
	for tag, want := range map[string]string{"家計": "Amazon みずほ銀行 ", "WORK": "GitHub ", "ｄｅｖ": "GitHub "} {
		var s string
		for _, a := range decodeList(t, h.ok("", "list", "--json", "--tag", tag).stdout) {
			s += a.Issuer + " "
		}
		if s != want {
			t.Errorf("list --tag %s: %q, want %q", tag, s, want)
		}
	}
	if r := h.ok("", "list", "--tag", "nothing"); r.stdout != "" || !strings.Contains(r.stderr, `no account has the tag "nothing"`) {
		t.Errorf("list --tag nothing: %+v", r)
	}
	if r := h.ok("", "list", "--tag", "nothing", "--json"); strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("list --tag nothing --json: %q", r.stdout)
	}

	// --remove-tag, in another case; removing the last tag says so.
	h.ok("", "account", "set", "github", "--remove-tag", "work")
	if got := tagsOf()["GitHub"]; !slices.Equal(got, []string{"dev"}) {
		t.Errorf("after --remove-tag: %q", got)
	}
	if r := h.ok("", "account", "set", "github", "--tag", ""); !strings.Contains(r.stderr, "has no tags now") {
		t.Errorf("--tag \"\": %q", r.stderr)
	}

	// The same tags again change nothing; bad tags are usage errors that change nothing.
	before := h.snapshot()
	if r := h.ok("", "account", "set", "みずほ", "--tag", "家計 銀行"); !strings.Contains(r.stderr, "nothing changed") {
		t.Errorf("same tags: %q", r.stderr)
	}
	h.fails(exitUsage, []string{"too long", "40"}, "", "account", "set", "amazon", "--add-tag", strings.Repeat("長", 41))
	many := make([]string, 21)
	for i := range many {
		many[i] = string(rune('a' + i))
	}
	h.fails(exitUsage, []string{"at most 20 tags"}, "", "account", "set", "amazon", "--tag", strings.Join(many, ","))
	h.sameSnapshot(before, "bad tags")
	h.fails(exitUsage, []string{"--tag"}, "", "account", "set", "amazon")
}

func decodeList(t *testing.T, s string) []accountJSON {
	t.Helper()
	var out []accountJSON
	decodeOne(t, s, &out)
	return out
}
