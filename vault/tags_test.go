package vault

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseAndNormalizeTags(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ,, 、 ", nil},
		{"work", []string{"work"}},
		{"work,home", []string{"home", "work"}},
		{"work home", []string{"home", "work"}},
		{" work ,  home ,", []string{"home", "work"}},
		{"Work, work, WORK", []string{"Work"}}, // case-insensitive duplicates: the first spelling stays
		{"ｗｏｒｋ，銀行", []string{"work", "銀行"}},    // full-width letters and comma
		{"銀行、仕事　ゲーム", []string{"ゲーム", "仕事", "銀行"}}, // Japanese comma and ideographic space
		{"ｹﾞｰﾑ ゲーム", []string{"ゲーム"}},              // half-width katakana is the same tag
		{"b a c a", []string{"a", "b", "c"}},
	}
	for _, tc := range tests {
		if got := ParseTags(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("ParseTags(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// NormalizeTags keeps spaces inside a tag given as one string.
	in := []string{" two words ", "Ｂ", "b", ""}
	if got := NormalizeTags(in); !slices.Equal(got, []string{"B", "two words"}) {
		t.Errorf("NormalizeTags(%q) = %q", in, got)
	}
	if in[0] != " two words " {
		t.Error("NormalizeTags changed its argument")
	}
}

func TestSetDetails(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	base := Account{ID: "x", Issuer: "GitHub", Name: "octo", Tags: []string{"work"}}
	long := strings.Repeat("長", MaxTagLength+1)
	many := make([]string, MaxTags+1)
	for i := range many {
		many[i] = string(rune('a' + i))
	}
	tests := []struct {
		name    string
		d       Details
		want    Account
		changed bool
		err     error
	}{
		{"unchanged", Details{"GitHub", "octo", []string{"work"}, false}, base, false, nil},
		{"trimmed", Details{" GitHub ", " octo ", []string{" work"}, false}, base, false, nil},
		{"edited", Details{"GitHub Enterprise", "octocat", []string{"仕事", "Work", "work"}, true},
			Account{ID: "x", Issuer: "GitHub Enterprise", Name: "octocat", Tags: []string{"Work", "仕事"}, Pinned: true, Updated: now}, true, nil},
		{"tags removed", Details{"GitHub", "octo", nil, false},
			Account{ID: "x", Issuer: "GitHub", Name: "octo", Updated: now}, true, nil},
		{"empty name", Details{"GitHub", "  ", nil, false}, base, false, ErrNameRequired},
		{"long tag", Details{"GitHub", "octo", []string{long}, false}, base, false, ErrTagTooLong},
		{"too many tags", Details{"GitHub", "octo", many, false}, base, false, ErrTooManyTags},
		{"no name, no issuer", Details{"", "", nil, false}, base, false, ErrNameRequired},
	}
	for _, tc := range tests {
		a := base
		a.Tags = slices.Clone(base.Tags)
		changed, err := a.SetDetails(tc.d, now)
		if !errors.Is(err, tc.err) || changed != tc.changed {
			t.Errorf("%s: changed %v, error %v; want %v, %v", tc.name, changed, err, tc.changed, tc.err)
		}
		if a.Issuer != tc.want.Issuer || a.Name != tc.want.Name || !slices.Equal(a.Tags, tc.want.Tags) ||
			a.Pinned != tc.want.Pinned || !a.Updated.Equal(tc.want.Updated) {
			t.Errorf("%s: account %+v, want %+v", tc.name, a, tc.want)
		}
	}
}

func TestSetDetailsOfAnAccountWithoutAName(t *testing.T) {
	now := time.Unix(100, 0)
	a := Account{Issuer: "Bank"}
	if changed, err := a.SetDetails(Details{Issuer: "Bank", Tags: []string{"money"}}, now); err != nil || !changed || a.Tags[0] != "money" {
		t.Errorf("an account added without a name cannot be tagged: %v, %v", changed, err)
	}
}

func TestSetTags(t *testing.T) {
	now := time.Unix(100, 0)
	a := Account{Name: "octo", Tags: []string{"work"}}
	if changed, err := a.SetTags([]string{"work", "Work"}, now); changed || err != nil {
		t.Errorf("the same tag again: changed %v, %v", changed, err)
	}
	if changed, err := a.SetTags([]string{"WORK"}, now); !changed || err != nil || a.Tags[0] != "WORK" {
		t.Errorf("a tag spelled anew: changed %v, %v, %q", changed, err, a.Tags)
	}
	if changed, err := a.SetTags([]string{"b", "a"}, now); !changed || err != nil || !slices.Equal(a.Tags, []string{"a", "b"}) || !a.Updated.Equal(now) {
		t.Errorf("changed %v, %v, tags %q", changed, err, a.Tags)
	}
	if _, err := a.SetTags([]string{strings.Repeat("x", MaxTagLength+1)}, now); !errors.Is(err, ErrTagTooLong) || !slices.Equal(a.Tags, []string{"a", "b"}) {
		t.Errorf("a long tag: %v, tags %q", err, a.Tags)
	}
	if changed, err := a.SetTags(nil, now); !changed || err != nil || a.Tags != nil {
		t.Errorf("clearing: %v, %v, %q", changed, err, a.Tags)
	}
}

func TestSearchKeyAndMatchWords(t *testing.T) {
	a := Account{Issuer: "みずほ銀行", Name: "Taro", Tags: []string{"Bank", "家族"}}
	key := a.SearchKey()
	tests := []struct {
		query string
		want  bool
	}{
		{"", true},
		{"ミズホ", true},
		{"taro", true},
		{"ＢＡＮＫ", true},
		{"家族", true},
		{"bank taro", true},
		{"bank hanako", false},
		{"work", false},
		{"銀行taro", false}, // words do not run across fields
	}
	for _, tc := range tests {
		if got := MatchWords(key, QueryWords(tc.query)); got != tc.want {
			t.Errorf("query %q: %v, want %v", tc.query, got, tc.want)
		}
	}
	if !a.HasTag("bank") || !a.HasTag("ｂａｎｋ") || a.HasTag("ban") {
		t.Error("HasTag ignores case and width, and needs the whole tag")
	}
}

func TestArrange(t *testing.T) {
	at := func(s int) time.Time { return time.Unix(int64(s), 0) }
	accts := []Account{
		{ID: "1", Issuer: "Zoom", Name: "z", Created: at(1)},
		{ID: "2", Issuer: "amazon", Name: "a", Created: at(2), Tags: []string{"shop"}},
		{ID: "3", Issuer: "GitHub", Name: "g", Created: at(3), Tags: []string{"work"}},
		{ID: "4", Issuer: "Bank", Name: "b", Created: at(4), Pinned: true, Tags: []string{"work"}},
		{ID: "5", Issuer: "Apple", Name: "a", Created: at(5)},
		{ID: "6", Issuer: "Atlassian", Name: "a", Created: at(6), Tags: []string{"Work"}},
		{ID: "7", Issuer: "", Name: "local", Created: at(6)},
	}
	tests := []struct {
		order Order
		want  string
	}{
		{OrderVault, "4 2 3 6 1 5 7"},
		{"", "4 2 3 6 1 5 7"},
		{OrderIssuer, "4 2 6 3 5 7 1"},
		{OrderNewest, "4 2 6 3 7 5 1"},
	}
	for _, tc := range tests {
		var ids []string
		for _, a := range Arrange(accts, tc.order) {
			ids = append(ids, a.ID)
		}
		if got := strings.Join(ids, " "); got != tc.want {
			t.Errorf("Arrange(%q) = %s, want %s", tc.order, got, tc.want)
		}
	}
	if accts[0].ID != "1" {
		t.Error("Arrange changed its argument")
	}
	if g := accts[3].Group(); g != "" {
		t.Errorf("a pinned account's group is %q", g)
	}
	if g := accts[5].Group(); g != "Work" {
		t.Errorf("group %q", g)
	}
}

// BenchmarkFilterMatch5000 is the matching part of one keystroke in the
// app's search over 5,000 accounts: folding the query and testing every
// account's search key.
func BenchmarkFilterMatch5000(b *testing.B) {
	keys := make([]string, 5000)
	for i := range keys {
		a := Account{Issuer: fmt.Sprintf("サービス%d Example", i), Name: fmt.Sprintf("user%d@example.com", i),
			Tags: []string{[]string{"work", "家計", "games"}[i%3]}}
		keys[i] = a.SearchKey()
	}
	queries := []string{"4", "42", "42 家", "ｗｏｒｋ", ""}
	shown := make([]int, 0, len(keys))
	for i := 0; b.Loop(); i++ {
		words := QueryWords(queries[i%len(queries)])
		shown = shown[:0]
		for j, k := range keys {
			if MatchWords(k, words) {
				shown = append(shown, j)
			}
		}
	}
}
