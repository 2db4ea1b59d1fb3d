package assets

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestKeysUsedIn(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.go":      "package p\nvar _ = []string{\"ui.one\", `ui.two.x`, \"ui.\", \"cli.other\", \"ui.Bad\"}\n",
		"b_test.go": "package p\nvar _ = \"ui.only_in_tests\"\n",
		"c.txt":     "\"ui.not_go\"",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	got, err := KeysUsedIn(dir, "ui.")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for k := range got {
		keys[k] = true
	}
	if want := map[string]bool{"ui.one": true, "ui.two.x": true}; !reflect.DeepEqual(keys, want) {
		t.Fatalf("KeysUsedIn = %v, want %v", keys, want)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.go"), []byte("package"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := KeysUsedIn(dir, "ui."); err == nil {
		t.Fatal("a file that does not parse was accepted")
	}
}
