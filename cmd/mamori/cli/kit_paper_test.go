package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/oracletest"
	"github.com/mamori-app/mamori/vault/private/privatetest"
)

// TestKitPaper exports a paper kit, renders its pages with pdftoppm and
// imports them back.
func TestKitPaper(t *testing.T) {
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		oracletest.SkipOnWindows(t, "pdftoppm")
		t.Fatalf("pdftoppm (poppler-utils) is needed to check paper kits: %v", err)
	}
	src := newHarness(t)
	kitVault(t, src)
	pass := src.addSecret("paper kit passphrase 4711")
	src.env[envKitPassphrase] = pass
	dir := t.TempDir()
	out := filepath.Join(dir, "kit.pdf")
	r := src.ok("", "kit", "export", "--out", out, "--paper")
	if !strings.Contains(r.stderr, "is a PDF to print") {
		t.Errorf("export notes:\n%s", r.stderr)
	}
	defer privatetest.Require(t, out)
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), "%PDF") || strings.Contains(string(b), pass) {
		t.Fatal("not a PDF, or the passphrase is in it")
	}
	src.fails(exitFailure, []string{"already exists"}, "", "kit", "export", "--out", out, "--paper")

	if o, err := exec.Command(pdftoppm, "-r", "150", "-png", out, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, o)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	sort.Strings(pages)
	if len(pages) < 3 {
		t.Fatalf("%d pages", len(pages))
	}
	// The instructions and the text for typing have no codes.
	var qrPages, textPages []string
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := importer.ScanQR(b); err == nil {
			qrPages = append(qrPages, p)
		} else {
			textPages = append(textPages, p)
		}
	}
	if len(qrPages) < 2 || len(textPages) < 2 {
		t.Fatalf("%d pages of codes, %d without", len(qrPages), len(textPages))
	}

	dst := newHarness(t)
	dst.secrets = src.secrets
	dst.env[envKitPassphrase] = pass
	dst.fails(exitFailure, []string{"the paper kit is incomplete: QR code(s) 1-6 of", "hint: add images of the pages"}, "", append([]string{"kit", "import"}, qrPages[1:]...)...)
	dst.fails(exitFailure, []string{"no QR code of a paper kit can be read in " + pages[0]}, "", "kit", "import", pages[0], qrPages[0])
	dst.fails(exitFailure, []string{out + " is not a PNG or JPEG image"}, "", "kit", "import", qrPages[0], out)
	if len(dst.snapshot()) != 0 {
		t.Error("a failed import made a vault")
	}
	rev := append([]string(nil), qrPages...)
	sort.Sort(sort.Reverse(sort.StringSlice(rev)))
	r = dst.ok("", append([]string{"kit", "import"}, rev...)...)
	if !strings.Contains(r.stderr, "added 4 accounts") {
		t.Errorf("import:\n%s", r.stderr)
	}
	if got, want := dst.vaultState(), src.vaultState(); got != want {
		t.Errorf("restored vault differs:\n%s\n%s", got, want)
	}
}
