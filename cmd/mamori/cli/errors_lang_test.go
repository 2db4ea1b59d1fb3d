package cli

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault/export"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/trouble/ntptest"
)

// goErrorWords are fragments of the English Go errors of the domain
// packages; a Japanese error line must contain none of them.
var goErrorWords = []string{"an account needs", "invalid", "must be", "otp:", "grid card", "profile", "not ",
	"unknown shorthand", "bad flag syntax"}

// errorLine is the "mamori: error:" line of stderr, without its prefix.
func errorLine(t *testing.T, stderr string) string {
	t.Helper()
	for _, l := range strings.Split(stderr, "\n") {
		if s, ok := strings.CutPrefix(l, "mamori: error: "); ok {
			return s
		}
	}
	t.Fatalf("stderr has no error line:\n%s", stderr)
	return ""
}

// TestBadInputInJapanese runs commands with bad input under LANG=ja_JP.UTF-8:
// each fails with the Japanese catalogue text, no English Go error, and
// leaves the data directory as it was.
func TestBadInputInJapanese(t *testing.T) {
	ja, err := assets.LoadCatalog(assets.LangJapanese)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no-otp account without a name", []string{"add", "", "--no-otp"}, exitUsage,
			ja.T("cli.error.label_required")},
		{"account named only by spaces", []string{"add", "  ", "--secret", "KRUGS4ZANFZSAYLO"}, exitUsage,
			ja.T("cli.error.label_required")},
		{"uri without a label", []string{"add", "--uri", "otpauth://totp/?secret=KRUGS4ZANFZSAYLO"}, exitFailure,
			ja.T("cli.error.invalid_uri", data{"Reason": ja.T("cli.otp.no_label")})},
		{"grid with no rows", []string{"grid", "new", "card", "--rows", "0"}, exitUsage,
			ja.T("grid.error.profile.rows", data{"Max": 100})},
		{"grid too wide", []string{"grid", "new", "card", "--cols", "200"}, exitUsage,
			ja.T("grid.error.profile.cols", data{"Max": 100})},
		{"grid cell of no characters", []string{"grid", "new", "card", "--cell", "0"}, exitUsage,
			ja.T("grid.error.profile.cell", data{"Max": 16})},
		{"grid asking no cells", []string{"grid", "new", "card", "--asked", "0"}, exitUsage,
			ja.T("grid.error.profile.asked", data{"Max": 25})},
		{"grid labels not letters or numbers", []string{"grid", "new", "card", "--row-labels", "roman"}, exitUsage, ""},
		{"negative number", []string{"backup", "threshold", "GitHub", "-1"}, exitUsage,
			ja.T("cli.error.unknown_short_flag", data{"Flag": "-1"})},
		{"option written with three dashes", []string{"add", "---secret", "x"}, exitUsage,
			ja.T("cli.error.bad_flag_syntax")},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			h.ok("", "add", "GitHub", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
			h.env["LANG"] = "ja_JP.UTF-8"
			before := h.snapshot()
			r := h.run("", c.args...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d\nstderr: %s", r.code, c.code, r.stderr)
			}
			line := errorLine(t, r.stderr)
			if c.want != "" && line != c.want {
				t.Errorf("error = %q, want %q", line, c.want)
			}
			for _, w := range goErrorWords {
				if strings.Contains(line, w) {
					t.Errorf("the Japanese error holds English %q: %q", w, line)
				}
			}
			h.sameSnapshot(before, c.name)
		})
	}
}

// TestKeyringUnavailableInJapanese: a keyring that does not answer is
// explained in Japanese; its English error is only a detail line labelled
// for support, below the message.
func TestKeyringUnavailableInJapanese(t *testing.T) {
	ja, err := assets.LoadCatalog(assets.LangJapanese)
	if err != nil {
		t.Fatal(err)
	}
	h, mem := newMemoryHarness(t)
	h.env["LANG"] = "ja_JP.UTF-8"
	cause := fmt.Errorf("%w: The name org.freedesktop.secrets was not provided by any .service files", keystore.ErrUnavailable)
	mem.Err = cause
	before := h.snapshot()
	r := h.run("", "add", "a", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	if r.code != exitFailure {
		t.Errorf("exit %d, want %d", r.code, exitFailure)
	}
	if got, want := errorLine(t, r.stderr), ja.T("cli.error.keyring_unavailable"); got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	label := "\n  " + strings.TrimSuffix(ja.T("cli.detail.technical", data{"Detail": ""}), " ")
	if i := strings.Index(r.stderr, label); i < 0 || !strings.Contains(r.stderr[i:], cause.Error()+"\n") {
		t.Errorf("stderr lacks the technical detail line %q…%q:\n%s", label, cause.Error(), r.stderr)
	}
	h.sameSnapshot(before, "add without a keyring")

	// Auto mode, no terminal: the reason in Japanese, the cause as a detail.
	h.env[envKeyring] = ""
	r = h.run("", "add", "a", "--secret", "JBSWY3DPEHPK3PXP")
	if got, want := errorLine(t, r.stderr), ja.T("cli.error.new_file_key_needs_passphrase", data{"Dir": h.home}); got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	if !strings.Contains(r.stderr, ja.T("cli.detail.technical", data{"Detail": cause.Error()})) {
		t.Errorf("stderr lacks the technical detail:\n%s", r.stderr)
	}
	h.sameSnapshot(before, "add without a keyring, auto")
}

// TestBadKitPagesInJapanese gives "kit import" pictures that are not pages
// of a paper kit, in Japanese: the reason is the catalogue's Japanese text,
// not the scanner's English error, and nothing changes.
func TestBadKitPagesInJapanese(t *testing.T) {
	ja, err := assets.LoadCatalog(assets.LangJapanese)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var blank bytes.Buffer
	if err := png.Encode(&blank, image.NewGray(image.Rect(0, 0, 64, 64))); err != nil {
		t.Fatal(err)
	}
	var account bytes.Buffer
	if err := export.QR(&account, "otpauth://totp/Example:alice?secret=KRUGS4ZANFZSAYLO", 256); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		data   []byte
		reason string
	}{
		{"a picture without a QR code", blank.Bytes(), "cli.kit.page.no_qr"},
		{"an account's QR code", account.Bytes(), "msg.paper.not_kit"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".png")
			if err := os.WriteFile(path, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			h := newHarness(t)
			h.ok("", "add", "GitHub", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
			h.env["LANG"] = "ja_JP.UTF-8"
			before := h.snapshot()
			r := h.run("", "kit", "import", path)
			if r.code != exitFailure {
				t.Errorf("exit %d, want %d\nstderr: %s", r.code, exitFailure, r.stderr)
			}
			line := errorLine(t, r.stderr)
			if !strings.Contains(line, ja.T(c.reason)) {
				t.Errorf("error = %q, want it to say %q", line, ja.T(c.reason))
			}
			for _, w := range []string{"importer:", "qr code", "paper kit", "not "} {
				if strings.Contains(strings.ToLower(line), w) {
					t.Errorf("the Japanese error holds English %q: %q", w, line)
				}
			}
			h.sameSnapshot(before, c.name)
		})
	}
}

// TestWriteToMissingFolderInJapanese writes a kit and a QR code into a
// folder that does not exist, in Japanese: the message names the folder in
// Japanese, with no Go error, and nothing is written.
func TestWriteToMissingFolderInJapanese(t *testing.T) {
	ja, err := assets.LoadCatalog(assets.LangJapanese)
	if err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	const recipient = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
	for _, c := range []struct {
		name string
		out  string
		args []string
	}{
		{"kit", filepath.Join(missing, "kit.age"), []string{"kit", "export", "--recipient", recipient, "--out"}},
		{"qr", filepath.Join(missing, "github.png"), []string{"export", "qr", "GitHub", "--out"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			h.ok("", "add", "GitHub", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
			h.env["LANG"] = "ja_JP.UTF-8"
			before := h.snapshot()
			r := h.run("", append(c.args, c.out)...)
			if r.code != exitFailure {
				t.Errorf("exit %d, want %d\nstderr: %s", r.code, exitFailure, r.stderr)
			}
			want := ja.T("cli.error.write_no_folder", data{"Path": c.out, "Dir": missing})
			if line := errorLine(t, r.stderr); line != want {
				t.Errorf("error = %q, want %q", line, want)
			}
			for _, w := range []string{"no such file", "open ", "mamori-print"} {
				if strings.Contains(r.stderr, w) {
					t.Errorf("stderr holds English %q:\n%s", w, r.stderr)
				}
			}
			h.sameSnapshot(before, c.name)
		})
	}
}

// TestClockNoAnswerInJapanese: a time server that does not answer is said
// in Japanese; the network's English error is only a detail line labelled
// for support.
func TestClockNoAnswerInJapanese(t *testing.T) {
	ja, err := assets.LoadCatalog(assets.LangJapanese)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t)
	h.env["LANG"] = "ja_JP.UTF-8"
	server := ntptest.StartSilent(t)
	r := h.run("", "clock", "--ntp", server, "--timeout", "200ms")
	if r.code != exitFailure {
		t.Errorf("exit %d, want %d", r.code, exitFailure)
	}
	if got, want := errorLine(t, r.stderr), ja.T("cli.error.clock_check", data{"Server": server}); got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	label := "\n  " + strings.TrimSuffix(ja.T("cli.detail.technical", data{"Detail": ""}), " ")
	if !strings.Contains(r.stderr, label) {
		t.Errorf("stderr lacks the labelled technical detail:\n%s", r.stderr)
	}
}
