package paper_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/kit"
	"github.com/mamori-app/mamori/vault/kit/paper"
	"github.com/mamori-app/mamori/vault/oracletest"
	"github.com/mamori-app/mamori/vault/otp"
)

const passphrase = "correct-horse-paper-kit-7q"

func sampleVault(t *testing.T) *vault.Vault {
	t.Helper()
	v := vault.New()
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for i, l := range []string{"GitHub", "みずほ銀行", "Google", "楽天", "AWS", "Dropbox", "Proton", "Mercari"} {
		key, err := otp.NewKey(otp.TOTP, fmt.Sprintf("JBSWY3DPEHPK3PX%c", 'A'+i), otp.SHA1, 6, 30, 0)
		if err != nil {
			t.Fatal(err)
		}
		a, err := vault.NewAccount(l, fmt.Sprintf("user%d@example.com", i), key, at)
		if err != nil {
			t.Fatal(err)
		}
		v.Add(a)
	}
	return v
}

func armoredKit(t *testing.T, v *vault.Vault) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := kit.Export(&buf, v, kit.ExportOptions{Passphrase: passphrase, ScryptWorkFactor: 10, Armor: true}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		oracletest.SkipOnWindows(t, name)
		t.Fatalf("%s (poppler-utils) is needed to check paper kits: %v", name, err)
	}
	return p
}

func writePDF(t *testing.T, armored []byte) string {
	t.Helper()
	var buf bytes.Buffer
	err := paper.PDF(&buf, armored, paper.Options{Lang: "ja", Date: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC), Fonts: paper.Fonts{Regular: assets.FontRegular}})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kit.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// renderPages renders every page at 150 dpi and returns the QR texts of
// each page, by page.
func renderPages(t *testing.T, pdf string) [][]string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command(tool(t, "pdftoppm"), "-r", "150", "-png", pdf, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	files, err := filepath.Glob(filepath.Join(dir, "page*.png"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no pages rendered: %v", err)
	}
	sort.Strings(files)
	var pages [][]string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts, err := importer.ScanQR(b)
		if errors.Is(err, importer.ErrNoQRCode) {
			continue // the instructions and the text for typing
		}
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		pages = append(pages, texts)
	}
	return pages
}

func TestPaperKitRoundTrip(t *testing.T) {
	v := sampleVault(t)
	armored := armoredKit(t, v)
	chunks := paper.Chunks(armored)
	if len(chunks) < 7 {
		t.Fatalf("want a kit over two pages of codes, got %d chunks", len(chunks))
	}
	pdf := writePDF(t, armored)
	pages := renderPages(t, pdf)
	var all []string
	for _, p := range pages {
		all = append(all, p...)
	}
	if len(all) != len(chunks) {
		t.Fatalf("scanned %d codes from %d pages, printed %d", len(all), len(pages), len(chunks))
	}
	got, err := paper.Assemble(all)
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(got)) != strings.TrimSpace(string(armored)) {
		t.Fatal("assembled kit differs from the armored kit")
	}
	k, err := kit.Open(bytes.NewReader(got), kit.OpenOptions{Passphrase: func() (string, error) { return passphrase, nil }})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(v)
	have, _ := json.Marshal(k.Vault)
	if !bytes.Equal(want, have) {
		t.Fatalf("restored vault differs:\n%s\n%s", want, have)
	}

	// A missing page names the missing codes.
	var partial []string
	for i, p := range pages {
		if i != 1 {
			partial = append(partial, p...)
		}
	}
	_, err = paper.Assemble(partial)
	var me *paper.MissingError
	if !errors.Is(err, paper.ErrMissingChunks) || !errors.As(err, &me) {
		t.Fatalf("missing page: got %v", err)
	}
	if len(me.Missing) != len(pages[1]) || me.Missing[0] != 7 || !strings.Contains(err.Error(), "7-") {
		t.Fatalf("missing page: got %v (%v)", err, me.Missing)
	}
}

func TestPaperKitText(t *testing.T) {
	armored := armoredKit(t, sampleVault(t))
	pdf := writePDF(t, armored)
	out, err := exec.Command(tool(t, "pdftotext"), "-layout", pdf, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{"How to restore", "mamori kit import", "復元のしかた", "パスフレーズはここには印刷されていない", "-----BEGIN AGE ENCRYPTED FILE-----"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
	if strings.Contains(text, passphrase) || bytes.Contains(readFile(t, pdf), []byte(passphrase)) {
		t.Error("the passphrase is printed on the kit")
	}
	// Every armor line is printed with its checksum.
	for _, l := range strings.Split(strings.TrimSpace(string(armored)), "\n") {
		if !strings.Contains(text, l) {
			t.Fatalf("line %q not printed", l)
		}
	}
	first := strings.Split(string(armored), "\n")[1]
	if !strings.Contains(text, paper.LineChecksum(first)) {
		t.Errorf("checksum %s of %q not printed", paper.LineChecksum(first), first)
	}
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAssembleErrors(t *testing.T) {
	chunks := paper.Chunks([]byte(strings.Repeat("-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n", 30)))
	if len(chunks) < 3 {
		t.Fatalf("%d chunks", len(chunks))
	}
	// Any order, and a code scanned twice, are fine.
	rev := append([]string{chunks[0]}, chunks...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	if _, err := paper.Assemble(rev); err != nil {
		t.Fatal(err)
	}
	corrupt := append([]string(nil), chunks...)
	corrupt[1] = corrupt[1][:len(corrupt[1])-1] + "X"
	other := paper.Chunks([]byte(strings.Repeat("z", 10)))

	for name, tc := range map[string]struct {
		in   []string
		want error
	}{
		"none":      {nil, paper.ErrNoChunks},
		"foreign":   {[]string{"otpauth://totp/x?secret=JBSWY3DP"}, paper.ErrNotChunk},
		"badheader": {[]string{"MAMORI-KIT 3/2 00000000:x"}, paper.ErrNotChunk},
		"corrupt":   {corrupt, paper.ErrCorruptChunk},
		"empty":     {[]string{"MAMORI-KIT 1/1 00000000:\x00"}, paper.ErrNotChunk},
		"mixed":     {append(append([]string(nil), chunks...), other...), paper.ErrMixedKits},
		"missing":   {chunks[1:], paper.ErrMissingChunks},
	} {
		if _, err := paper.Assemble(tc.in); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", name, err, tc.want)
		}
	}
	// A different code with the same number: rebuild its checksum so only the number clashes.

	body := "different"
	clash := fmt.Sprintf("MAMORI-KIT 2/%d %08x:%s", len(chunks), crc(body), body)
	if _, err := paper.Assemble(append(append([]string(nil), chunks...), clash)); !errors.Is(err, paper.ErrDuplicateChunk) {
		t.Errorf("duplicate: got %v", err)
	}
}

func TestMissingSummary(t *testing.T) {
	seq := func(from, to int) []int {
		var s []int
		for i := from; i <= to; i++ {
			s = append(s, i)
		}
		return s
	}
	var odd []int
	for i := 1; i <= 99; i += 2 {
		odd = append(odd, i)
	}
	for _, c := range []struct {
		name    string
		missing []int
		want    string
		more    int
	}{
		{"one", []int{3}, "3", 0},
		{"two apart", []int{3, 7}, "3, 7", 0},
		{"a run", []int{7, 8}, "7-8", 0},
		{"runs and singles", []int{1, 3, 4, 5, 9}, "1, 3-5, 9", 0},
		{"1/10000 given alone", seq(2, 10000), "2-10000", 0},
		{"many apart", odd, "1, 3, 5, 7, 9, 11, 13, 15", 42},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := &paper.MissingError{Missing: c.missing, Total: 10000}
			runs, more := e.Summary(paper.MaxListed)
			if got := strings.Join(runs, ", "); got != c.want || more != c.more {
				t.Fatalf("Summary = %q, %d more; want %q, %d more", got, more, c.want, c.more)
			}
			if len(e.Error()) > 200 {
				t.Fatalf("Error() is %d bytes long: %.80s…", len(e.Error()), e.Error())
			}
		})
	}
	// A lone page numbered 1/10000 is refused with a short message.
	_, err := paper.Assemble([]string{fmt.Sprintf("%s1/10000 %08x:x", paper.Prefix, crc32.ChecksumIEEE([]byte("x")))})
	var me *paper.MissingError
	if !errors.As(err, &me) || len(me.Missing) != 9999 || len(err.Error()) > 200 {
		t.Fatalf("a lone page 1/10000: %d bytes: %.200v", len(fmt.Sprint(err)), err)
	}
}
