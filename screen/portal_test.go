//go:build linux || freebsd || openbsd || netbsd

package screen

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReadAndRemove(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Screenshot.png")
	if err := os.WriteFile(path, []byte("picture"), 0o600); err != nil {
		t.Fatal(err)
	}
	data, err := readAndRemove("file://" + path)
	if err != nil || string(data) != "picture" {
		t.Fatalf("readAndRemove = %q, %v", data, err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("the portal's screenshot file is still there")
	}
	for _, uri := range []string{"https://example.com/x.png", "file://", "%zz"} {
		if _, err := readAndRemove(uri); err == nil {
			t.Errorf("readAndRemove(%q) succeeded", uri)
		}
	}
}
