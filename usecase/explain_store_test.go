package usecase

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/kit"
	"github.com/mamori-app/mamori/vault/kit/paper"
)

// TestExplainStore checks that each storage error has its own message,
// in English and Japanese, naming what the person needs (both generations,
// the command that fixes a folder).
func TestExplainStore(t *testing.T) {
	cats := map[string]*assets.Catalog{}
	for _, lang := range []string{assets.LangEnglish, assets.LangJapanese} {
		c, err := assets.LoadCatalog(lang)
		if err != nil {
			t.Fatal(err)
		}
		cats[lang] = c
	}
	for _, c := range []struct {
		name  string
		err   error
		id    string
		wants []string // in every language's text (message and hint)
	}{
		{"rollback", fmt.Errorf("opening: %w", &vault.RollbackError{Seen: 41, Found: 37}), "store.error.rollback", []string{"41", "37", "mamori vault accept-older"}},
		{"forged", &vault.DamagedError{Path: "/d/vault.age", Err: vault.ErrForged}, "store.error.forged", []string{"/d/vault.age"}},
		{"bare key", vault.ErrKeyNotProtected, "store.error.key_not_protected", nil},
		{"folder writable", &vault.UnsafeFolderError{Path: "/d", Reason: vault.UnsafeWritable, Fix: "chmod 700 /d"}, "store.error.unsafe_writable", []string{"/d", "chmod 700 /d"}},
		{"folder of another", &vault.UnsafeFolderError{Path: "/d", Reason: vault.UnsafeOwner, Fix: "sudo chown taro /d"}, "store.error.unsafe_owner", []string{"sudo chown taro /d"}},
		{"lock a link", &vault.UnsafeFolderError{Path: "/d/vault.lock", Reason: vault.UnsafeLink, Fix: "rm /d/vault.lock"}, "store.error.unsafe_link", []string{"rm /d/vault.lock"}},
		{"costly kit", fmt.Errorf("opening kit: %w", &kit.CostError{Asked: 22, Max: 20}), "store.error.kit_too_costly", []string{"22", "20"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := Explain(c.err)
			if m.ID != c.id {
				t.Fatalf("Explain = %+v, want ID %s", m, c.id)
			}
			for lang, cat := range cats {
				for _, id := range []string{m.ID, m.Hint.ID} {
					if !cat.Has(id) {
						t.Fatalf("%s has no text %s", lang, id)
					}
				}
				text := cat.T(m.ID, m.Data) + " " + cat.T(m.Hint.ID, m.Hint.Data)
				for _, w := range c.wants {
					if !strings.Contains(text, w) {
						t.Errorf("%s text does not name %q: %s", lang, w, text)
					}
				}
			}
		})
	}
	if _, ok := ExplainStore(errors.New("something else")); ok {
		t.Fatal("ExplainStore claims an unrelated error")
	}
}

func TestMissingNumbersIsShort(t *testing.T) {
	en, _ := assets.LoadCatalog(assets.LangEnglish)
	ja, _ := assets.LoadCatalog(assets.LangJapanese)
	var odd []int
	for i := 1; i < 10000; i += 2 {
		odd = append(odd, i)
	}
	e := &paper.MissingError{Missing: odd, Total: 10000}
	for _, cat := range []*assets.Catalog{en, ja} {
		s := MissingNumbers(cat, e, ", ")
		if len(s) > 120 || !strings.Contains(s, "4992") {
			t.Errorf("%s: %q", cat.Lang(), s)
		}
	}
}
