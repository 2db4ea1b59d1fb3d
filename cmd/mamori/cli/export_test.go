package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/oracletest"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/private/privatetest"
)

// ttyWriter is a standard output that says it is a terminal.
type ttyWriter struct{ bytes.Buffer }

func (*ttyWriter) IsTerminal() bool { return true }

// runToTerminal runs the CLI with standard output on a (fake) terminal.
func (h *harness) runToTerminal(args ...string) result {
	h.t.Helper()
	var out ttyWriter
	var errb bytes.Buffer
	code := Main(args, Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return h.env[k] }, keyring: h.keyring,
		scryptWorkFactor: testWorkFactor, now: func() time.Time { return h.now },
	})
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// zbarimg decodes the QR code in an image with ZBar, the reference reader.
// It is installed by "make test"; without it the test fails.
func zbarimg(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("zbarimg")
	if err != nil {
		oracletest.SkipOnWindows(t, "zbarimg")
		t.Fatalf("zbarimg is needed as the oracle for QR codes (Debian/Ubuntu: apt-get install zbar-tools): %v", err)
	}
	out, err := exec.Command(bin, "--quiet", "--raw", path).Output()
	if err != nil {
		t.Fatalf("zbarimg %s: %v\n%s", path, err, out)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// exportVault adds accounts of every kind and returns the secrets of the
// ones with a key, by label.
func exportVault(t *testing.T, h *harness) map[string]string {
	t.Helper()
	want := map[string]string{}
	for _, a := range []struct{ issuer, name, extra string }{
		{"GitHub", "alice@example.com", ""},
		{"みずほ銀行", "山田 太郎", "--algorithm=SHA256 --digits=8"},
		{"Example", "ops", "--type=hotp --counter=7"},
		{"Steam", "gamer", "--type=steam"},
	} {
		secret := h.addSecret(randomSecret(t, 20))
		args := []string{"add", a.name, "--issuer", a.issuer, "--secret", secret}
		if a.extra != "" {
			args = append(args, strings.Fields(a.extra)...)
		}
		h.ok("", args...)
		want[a.issuer+": "+a.name] = secret
	}
	h.ok("", "add", "bob", "--issuer", "SMS only", "--no-otp")
	return want
}

// importedSecrets reads an export with the real importer.
func importedSecrets(t *testing.T, b []byte) map[string]otp.Account {
	t.Helper()
	res, err := importer.Parse(b, importer.Options{})
	if err != nil {
		t.Fatalf("importer.Parse: %v", err)
	}
	m := map[string]otp.Account{}
	for _, a := range res.Accounts {
		m[a.Issuer+": "+a.Name] = a
	}
	return m
}

func TestExportURIsToFile(t *testing.T) {
	h := newHarness(t)
	want := exportVault(t, h)
	out := filepath.Join(t.TempDir(), "accounts.txt")

	r := h.ok("", "export", "uris", "--out", out)
	if r.stdout != "" {
		t.Errorf("stdout should be empty when writing a file: %q", r.stdout)
	}
	for _, w := range []string{"warning: " + out + " holds the authenticator secrets in plain text", "skipped SMS only: bob: it has no authenticator key", "wrote 4 accounts"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	defer privatetest.Require(t, out)
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), "# ") {
		t.Errorf("no header comment:\n%s", b)
	}
	got := importedSecrets(t, b)
	if len(got) != len(want) {
		t.Errorf("read back %d accounts, want %d", len(got), len(want))
	}
	for label, secret := range want {
		if got[label].Key.Secret != secret {
			t.Errorf("%s: secret did not come back", label)
		}
	}
	if k := got["みずほ銀行: 山田 太郎"].Key; k.Algorithm != otp.SHA256 || k.Digits != 8 {
		t.Errorf("japanese account came back as %+v", k)
	}
	if k := got["Example: ops"].Key; k.Type != otp.HOTP || k.Counter != 7 {
		t.Errorf("hotp account came back as %+v", k)
	}

	// Never overwritten without --force; with it, replaced.
	os.WriteFile(out, []byte("keep me"), 0o600)
	h.fails(exitFailure, []string{"already exists", "--force"}, "", "export", "uris", "--out", out)
	if b, _ := os.ReadFile(out); string(b) != "keep me" {
		t.Errorf("file overwritten without --force")
	}
	h.ok("", "export", "uris", "--out", out, "--force", "--account", "github")
	b, _ = os.ReadFile(out)
	if got := importedSecrets(t, b); len(got) != 1 || got["GitHub: alice@example.com"].Key.Secret != want["GitHub: alice@example.com"] {
		t.Errorf("--account github exported %v", got)
	}
	defer privatetest.Require(t, out)
}

func TestExportURIsToPipeAndTerminal(t *testing.T) {
	h := newHarness(t)
	want := exportVault(t, h)
	// The test's secrets may appear on stdout here: that is the point.
	secrets := h.secrets
	h.secrets = nil
	r := h.ok("", "export", "uris")
	got := importedSecrets(t, []byte(r.stdout))
	if len(got) != len(want) {
		t.Errorf("stdout holds %d accounts, want %d", len(got), len(want))
	}
	// Only results on stdout: the header and URIs, no notes or warnings.
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if !strings.HasPrefix(l, "# ") && !strings.HasPrefix(l, "otpauth://") {
			t.Errorf("stdout has a line that is not a result: %q", l)
		}
	}
	for _, s := range secrets {
		if strings.Contains(r.stderr, s) {
			t.Errorf("stderr shows a secret")
		}
	}
	if !strings.Contains(r.stderr, "warning: the output holds the authenticator secrets in plain text") {
		t.Errorf("no warning on stderr:\n%s", r.stderr)
	}
	h.secrets = secrets

	for _, args := range [][]string{{"export", "uris"}, {"export", "uris", "--out", "-"}, {"export", "migration", "--text"}} {
		r := h.runToTerminal(args...)
		if r.code != exitUsage || r.stdout != "" || !strings.Contains(r.stderr, "refusing to show authenticator secrets on the terminal") ||
			!strings.Contains(r.stderr, "hint: write to a file with --out FILE") {
			t.Errorf("%q on a terminal: exit %d\nstdout: %q\nstderr: %s", args, r.code, r.stdout, r.stderr)
		}
	}
}

func TestExportNothing(t *testing.T) {
	h := newHarness(t)
	out := filepath.Join(t.TempDir(), "x.txt")
	h.fails(exitFailure, []string{"no accounts to export", "hint: add an account first"}, "", "export", "uris", "--out", out)
	h.ok("", "add", "bob", "--issuer", "SMS only", "--no-otp")
	h.fails(exitFailure, []string{"skipped SMS only: bob", "none of the 1 account"}, "", "export", "uris", "--out", out)
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a failed export wrote %s", out)
	}
	h.fails(exitFailure, []string{"has no authenticator key"}, "", "export", "qr", "bob", "--out", out)
	h.fails(exitUsage, []string{"--out FILE.png"}, "", "export", "qr", "bob")
	h.fails(exitUsage, []string{"--out PREFIX"}, "", "export", "migration")
	h.fails(exitUsage, []string{"--batch-size takes 1 to 100"}, "", "export", "migration", "--out", out, "--batch-size", "0")
	h.fails(exitUsage, []string{"--size takes 64 to"}, "", "export", "qr", "bob", "--out", out, "--size", "10")
	h.fails(exitUsage, []string{"needs a subcommand", "uris, qr, migration"}, "", "export")
}

func TestExportQR(t *testing.T) {
	h := newHarness(t)
	exportVault(t, h)
	dir := t.TempDir()
	png := filepath.Join(dir, "mizuho.png")
	r := h.ok("", "export", "qr", "みずほ", "--out", png, "--size", "400")
	if r.stdout != "" {
		t.Errorf("stdout: %q", r.stdout)
	}
	if !strings.Contains(r.stderr, "warning: "+png+": each QR code is the secret itself") {
		t.Errorf("no warning:\n%s", r.stderr)
	}
	defer privatetest.Require(t, png)
	// The image holds exactly the URI "export uris" gives for the account.
	secrets := h.secrets
	h.secrets = nil
	list := h.ok("", "export", "uris", "--account", "みずほ").stdout
	h.secrets = secrets
	var uri string
	for _, l := range strings.Split(list, "\n") {
		if strings.HasPrefix(l, "otpauth://") {
			uri = l
		}
	}
	if got := zbarimg(t, png); got != uri || uri == "" {
		t.Errorf("zbarimg read %q, want %q", got, uri)
	}
	h.fails(exitFailure, []string{"already exists"}, "", "export", "qr", "GitHub", "--out", png)
	if got := zbarimg(t, png); got != uri {
		t.Errorf("file changed without --force")
	}
	h.ok("", "export", "qr", "GitHub", "--out", png, "--force")
	if got := zbarimg(t, png); !strings.HasPrefix(got, "otpauth://totp/GitHub:alice%40example.com?") {
		t.Errorf("--force did not replace the image: %q", got)
	}
	h.fails(exitUsage, []string{"does not fit in 64×64 pixels", "larger --size"}, "", "export", "qr", "みずほ", "--out", filepath.Join(dir, "small.png"), "--size", "64")
}

func TestExportMigration(t *testing.T) {
	h := newHarness(t)
	want := exportVault(t, h)
	for i := 0; i < 9; i++ {
		s := h.addSecret(randomSecret(t, 20))
		name := fmt.Sprintf("user%d", i)
		h.ok("", "add", name, "--issuer", "Service", "--secret", s)
		want["Service: "+name] = s
	}
	delete(want, "Steam: gamer")
	dir := t.TempDir()
	prefix := filepath.Join(dir, "ga")
	r := h.ok("", "export", "migration", "--out", prefix+".png")
	if r.stdout != "" {
		t.Errorf("stdout: %q", r.stdout)
	}
	for _, w := range []string{"skipped Steam: gamer: this format cannot hold Steam keys", "skipped SMS only: bob", "wrote 12 accounts in 2 QR codes", "warning: "} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	var scanned, written []string
	defer func() { privatetest.Require(t, written...) }()
	for _, n := range []int{1, 2} {
		p := fmt.Sprintf("%s-%d.png", prefix, n)
		written = append(written, p)
		scanned = append(scanned, zbarimg(t, p))
	}
	if _, err := os.Stat(prefix + "-3.png"); err == nil {
		t.Errorf("a third image was written")
	}
	// What ZBar read, Mamori imports into a new vault: every account back.
	scan := filepath.Join(dir, "scanned.txt")
	os.WriteFile(scan, []byte(strings.Join(scanned, "\n")), 0o600)
	h2 := newHarness(t)
	h2.ok("", "import", scan)
	got := map[string]bool{}
	for _, a := range h2.listJSON() {
		got[a.Issuer+": "+a.Name] = true
	}
	for label := range want {
		if !got[label] {
			t.Errorf("%s did not come back", label)
		}
	}
	if len(got) != len(want) {
		t.Errorf("imported %d accounts, want %d", len(got), len(want))
	}
	gotKeys := importedSecrets(t, []byte(strings.Join(scanned, "\n")))
	for label, s := range want {
		if gotKeys[label].Key.Secret != s {
			t.Errorf("%s: secret did not come back", label)
		}
	}

	// No image is overwritten without --force.
	before, _ := os.ReadFile(prefix + "-2.png")
	h.fails(exitFailure, []string{"already exists"}, "", "export", "migration", "--out", prefix, "--batch-size", "5")
	if after, _ := os.ReadFile(prefix + "-2.png"); !bytes.Equal(before, after) {
		t.Errorf("image changed without --force")
	}
	if _, err := os.Stat(prefix + "-3.png"); err == nil {
		t.Errorf("a refused export wrote an image")
	}

	// --text: the URIs, to a file (0600) or a pipe.
	txt := filepath.Join(dir, "ga.txt")
	h.ok("", "export", "migration", "--text", "--out", txt, "--batch-size", "5")
	defer privatetest.Require(t, txt)
	b, _ := os.ReadFile(txt)
	if lines := strings.Split(strings.TrimSpace(string(b)), "\n"); len(lines) != 3 {
		t.Errorf("--batch-size 5 gave %d URIs, want 3", len(lines))
	}
	if got := importedSecrets(t, b); len(got) != len(want) {
		t.Errorf("--text file holds %d accounts, want %d", len(got), len(want))
	}
}

func TestExportJapaneseMessages(t *testing.T) {
	h := newHarness(t)
	h.env["LANG"] = "ja_JP.UTF-8"
	exportVault(t, h)
	out := filepath.Join(t.TempDir(), "a.txt")
	r := h.ok("", "export", "uris", "--out", out)
	for _, w := range []string{"警告", "平文", "SMS only: bob を飛ばしました"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	r = h.runToTerminal("export", "uris")
	if r.code != exitUsage || !strings.Contains(r.stderr, "端末に表示するのはお断りします") {
		t.Errorf("terminal refusal in Japanese: %d\n%s", r.code, r.stderr)
	}
}
