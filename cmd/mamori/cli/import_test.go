package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault/importer"
)

// fixtureDir holds the importer's fixtures, built from each format's
// published description (see its README.md).
const fixtureDir = "../../../vault/importer/testdata"

// fixturePassword opens the importer's encrypted fixtures.
const fixturePassword = "correct horse battery staple"

// fixtureSecrets are the keys in the importer's fixtures; none may ever be
// printed.
var fixtureSecrets = []string{"JBSWY3DPEHPK3PXP", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ", "ONSWG4TFOQ", "MFRGGZDFMZTWQ2LK"}

func importFixture(name string) string { return filepath.Join(fixtureDir, name) }

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(importFixture(name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// labels returns "issuer: name" of every account, in vault order.
func (h *harness) labels() []string {
	var out []string
	for _, a := range h.listJSON() {
		if a.Issuer == "" {
			out = append(out, a.Name)
		} else {
			out = append(out, a.Issuer+": "+a.Name)
		}
	}
	return out
}

func TestImport(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	s1, s2, s3 := h.addSecret("JBSWY3DPEHPK3PXP"), h.addSecret("KRUGS4ZANFZSAYLO"), h.addSecret("MFRGGZDFMZTWQ2LK")
	good := write("good.txt", "\uFEFF# exported accounts\r\n\r\n"+
		uri("totp", "GitHub", "alice", s1, "")+"\r\n"+
		"   "+uri("hotp", "みずほ銀行", "山田太郎", s2, "counter=3")+"  \n"+
		"# the end\n"+
		uri("totp", "Example", "bob", s3, "algorithm=sha512&digits=8&period=60")+"\n")

	// All or nothing: every bad line is named with its reason, nothing is saved.
	bad := write("bad.txt", uri("totp", "GitHub", "alice", s1, "")+"\n"+
		"otpauth://totp/x?secret=JBSWY3DPEHPK3PX1\n"+
		"# fine\n"+
		"otpauth://totp/x?secret="+s2+"&digits=4\n"+
		"otpauth-migration://offline?data=abc\n"+
		"https://example.com\n")
	r := h.fails(exitFailure, []string{
		"nothing was imported: 4 problems in " + bad + " (Google Authenticator export):",
		"line 2: the secret is not valid Base32",
		"line 4: a code has 6 to 10 digits",
		"line 5: it cannot be read",
		"line 6: it is not an otpauth:// URI",
		"hint: fix or remove those lines",
	}, "", "import", bad)
	if strings.Contains(r.stderr, "line 1:") || strings.Contains(r.stderr, "line 3:") {
		t.Errorf("import named a good line:\n%s", r.stderr)
	}
	if snap := h.snapshot(); len(snap) != 0 {
		t.Errorf("a failed import saved %v", snap)
	}

	r = h.ok("", "import", good)
	for _, w := range []string{"read " + good + " as otpauth URI list: 3 accounts", "imported 3 accounts; 0 already in the vault"} {
		if r.stdout != "" || !strings.Contains(r.stderr, w) {
			t.Errorf("import = %q / %q, want %q", r.stdout, r.stderr, w)
		}
	}
	accts := h.listJSON()
	if len(accts) != 3 || accts[1].Issuer != "みずほ銀行" || accts[1].Name != "山田太郎" || accts[1].Counter != 3 ||
		accts[2].Algorithm != "SHA512" || accts[2].Digits != 8 || accts[2].Period != 60 {
		t.Errorf("imported %+v", accts)
	}

	// Again from stdin, with one new account and one duplicate within the
	// file: the vault's three are skipped and named, whatever their label.
	s4 := h.addSecret("ONSWG4TFOQQGC3TE")
	text, _ := os.ReadFile(good)
	r = h.ok(string(text)+uri("totp", "", "new", s4, "")+"\n"+uri("totp", "Renamed", "alice", strings.ToLower(s1), "")+"\n", "import", "-")
	for _, w := range []string{
		"read standard input as otpauth URI list: 4 accounts",
		"skipped line 3 (GitHub: alice): already in the vault",
		"skipped line 4 (みずほ銀行: 山田太郎): already in the vault",
		"skipped line 6 (Example: bob): already in the vault",
		"skipped line 8 (Renamed: alice): the same key as an earlier entry of the file",
		"imported 1 account; 3 already in the vault, 1 more skipped",
	} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("import - stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	// Only duplicates: nothing to save, still a success.
	before := h.snapshot()
	r = h.ok("", "import", good)
	if !strings.Contains(r.stderr, "imported 0 accounts; 3 already in the vault") {
		t.Errorf("import of duplicates: %q", r.stderr)
	}
	h.sameSnapshot(before, "import of duplicates only")

	before = h.snapshot()
	h.fails(exitFailure, []string{write("empty.txt", "") + " is empty; nothing was imported"}, "", "import", filepath.Join(dir, "empty.txt"))
	h.fails(exitFailure, []string{"is not in a format Mamori can import", "hint: Mamori imports otpauth:// URI lists"}, "", "import", write("comments.txt", "# nothing\n\n  # here\n"))
	h.fails(exitFailure, []string{"standard input is empty"}, "\n\n", "import", "-")
	h.fails(exitFailure, []string{"is not in a format Mamori can import"}, "", "import", write("prose.txt", "Dear diary,\n"))
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, importer.DefaultMaxSize+1); err != nil {
		t.Fatal(err)
	}
	h.fails(exitFailure, []string{big + " is larger than 32 MiB, too large for an export to import", "hint: check that this is the file"}, "", "import", big)
	h.fails(exitFailure, []string{"standard input is larger than 32 MiB, too large for an export to import"}, strings.Repeat("#", importer.DefaultMaxSize+1), "import", "-")
	h.sameSnapshot(before, "failed imports")
	if n := len(h.listJSON()); n != 4 {
		t.Errorf("%d accounts, want 4", n)
	}
}

// TestImportLists runs the cases the old list parser was tested with
// through the command: what is imported, and which lines are refused.
func TestImportLists(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in       string
		accounts []string
		bad      []int
	}{
		{"one", "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP", []string{"A: b"}, nil},
		{"crlf and bom", "\uFEFFotpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\r\notpauth://hotp/c?secret=KRUGS4ZANFZSAYLO&counter=1\r\n", []string{"A: b", "c"}, nil},
		{"bad lines", "x\notpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n\notpauth://totp/c?secret=1\n", nil, []int{1, 4}},
		{"a trailing fragment is ignored", "otpauth://totp/c?secret=JBSWY3DPEHPK3PXP # mine", []string{"c"}, nil},
		{"invalid utf-8", "otpauth://totp/\xff?secret=JBSWY3DPEHPK3PXP", nil, []int{1}},
		{"comments and blank lines", "# a\n\n   \n\totpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n# b", []string{"A: b"}, nil},
		{"migration lines are read too", readFixture(t, "google-migration.txt"), []string{"GitHub: alice", "みずほ銀行: 山田太郎", "Example HOTP: bob", "Mail: carol@example.com"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			for _, s := range fixtureSecrets {
				h.addSecret(s)
			}
			if tc.bad != nil {
				r := h.fails(exitFailure, []string{"nothing was imported"}, tc.in, "import", "-")
				var got []int
				for _, l := range strings.Split(r.stderr, "\n") {
					var n int
					if _, err := fmt.Sscanf(strings.TrimSpace(l), "line %d:", &n); err == nil {
						got = append(got, n)
					}
				}
				if fmt.Sprint(got) != fmt.Sprint(tc.bad) {
					t.Errorf("bad lines %v, want %v:\n%s", got, tc.bad, r.stderr)
				}
				if len(h.snapshot()) != 0 {
					t.Errorf("a failed import saved a vault")
				}
				return
			}
			h.ok(tc.in, "import", "-")
			if got := h.labels(); fmt.Sprint(got) != fmt.Sprint(tc.accounts) {
				t.Errorf("imported %q, want %q", got, tc.accounts)
			}
		})
	}
}

func TestImportEncryptedExports(t *testing.T) {
	four := []string{"GitHub: alice", "みずほ銀行: 山田太郎", "Example HOTP: bob", "Steam: gaben"}
	for _, tc := range []struct {
		file, format string
		want         []string
	}{
		{"aegis-encrypted.json", "Aegis", four},
		{"2fas-encrypted.2fas", "2FAS", four},
		{"bitwarden-encrypted.json", "Bitwarden", append(four[:4:4], "Mail: carol@example.com")},
		{"bitwarden-encrypted-argon2.json", "Bitwarden", append(four[:4:4], "Mail: carol@example.com")},
	} {
		t.Run(tc.file, func(t *testing.T) {
			h := newHarness(t)
			for _, s := range fixtureSecrets {
				h.addSecret(s)
			}
			h.addSecret(fixturePassword)
			path := importFixture(tc.file)
			format, want := tc.format, tc.want
			count := fmt.Sprintf("%d accounts", len(want))
			if len(want) == 1 {
				count = "1 account"
			}

			// No password anywhere: a clear error naming the variable; nothing changes.
			h.fails(exitFailure, []string{path + " is an encrypted " + format + " export, and there is no terminal to ask for its password",
				"hint: run it in a terminal, or set MAMORI_IMPORT_PASSPHRASE"}, "", "import", path)
			// A wrong password from the environment: tried once.
			h.env[envImportPassphrase] = "Correct horse battery staple"
			h.fails(exitFailure, []string{"the password does not open " + path + "; nothing was imported", "hint: check MAMORI_IMPORT_PASSPHRASE"}, "", "import", path)
			if len(h.snapshot()) != 0 {
				t.Fatalf("a failed import saved a vault")
			}
			// At a terminal: a wrong password, then the right one.
			delete(h.env, envImportPassphrase)
			tty := &scriptedTTY{lines: []string{"wrong", fixturePassword}}
			h.tty = tty
			r := h.ok("", "import", path)
			if tty.asked != 2 || !strings.Contains(r.stderr, "Password of the encrypted "+format+" export:") ||
				!strings.Contains(r.stderr, "does not open the export; try again") ||
				!strings.Contains(r.stderr, "as "+format+" (encrypted): "+count) {
				t.Errorf("asked %d times:\n%s", tty.asked, r.stderr)
			}
			if got := h.labels(); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("imported %q, want %q", got, want)
			}
			// Three wrong tries: a failure, nothing changes.
			h.tty = &scriptedTTY{lines: []string{"a", "b", "c"}}
			before := h.snapshot()
			h.fails(exitFailure, []string{"the password does not open", "hint: it is the password chosen when exporting from " + format}, "", "import", path)
			h.sameSnapshot(before, "wrong passwords")
			// From the environment, everything is in the vault already.
			h.tty = nil
			h.env[envImportPassphrase] = fixturePassword
			r = h.ok("", "import", path)
			if !strings.Contains(r.stderr, fmt.Sprintf("imported 0 accounts; %d already in the vault", len(want))) {
				t.Errorf("second import:\n%s", r.stderr)
			}
			h.sameSnapshot(before, "import of duplicates")
		})
	}
}

// TestImportBitwardenAccountRestricted: Bitwarden's other encrypted
// export needs the account's own key; the error says to export it again
// password-protected, asks for no password, and imports nothing.
func TestImportBitwardenAccountRestricted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bitwarden_encrypted_export.json")
	os.WriteFile(path, []byte(`{"encrypted": true, "encKeyValidation_DO_NOT_EDIT": "2.AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
  "folders": [], "items": [{"type": 1, "name": "2.AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}]}`), 0o600)
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"en_US.UTF-8", []string{path + " is encrypted in a way Mamori cannot open (a bitwarden account-restricted export", "nothing was imported",
			`hint: export again from Bitwarden choosing the .json (Encrypted) format with the "Password protected" type`}},
		{"ja_JP.UTF-8", []string{"は Mamori が開けない方式で暗号化されています", "種類をパスワード保護にするか"}},
	} {
		h := newHarness(t)
		h.env["LANG"] = tc.lang
		tty := &scriptedTTY{lines: []string{fixturePassword}}
		h.tty = tty
		h.fails(exitFailure, tc.want, "", "import", path)
		if tty.asked != 0 || len(h.snapshot()) != 0 {
			t.Errorf("%s: asked %d times; vault %v", tc.lang, tty.asked, h.snapshot())
		}
	}
}

func TestImportFixtures(t *testing.T) {
	h := newHarness(t)
	for _, s := range fixtureSecrets {
		h.addSecret(s)
	}

	// A QR code image, from a file and from standard input.
	r := h.ok("", "import", importFixture("qr-otpauth.png"))
	if !strings.Contains(r.stderr, "as QR code image: 1 account") || !strings.Contains(r.stderr, "imported 1 account") {
		t.Errorf("qr image:\n%s", r.stderr)
	}
	r = h.ok(readFixture(t, "qr-otpauth.png"), "import", "-")
	if !strings.Contains(r.stderr, "skipped QR code 1 (みずほ銀行: 山田太郎): already in the vault") {
		t.Errorf("qr image from stdin:\n%s", r.stderr)
	}
	// A screenshot holding a Google Authenticator QR code: one of two, so
	// a warning says the other is missing.
	r = h.ok("", "import", importFixture("qr-migration-1.png"))
	if !strings.Contains(r.stderr, "warning: QR codes of the Google Authenticator export are missing") {
		t.Errorf("incomplete batch:\n%s", r.stderr)
	}
	// Both screenshots of that export at once: the batches are merged, no
	// warning, and every account of the export comes in.
	h2 := newHarness(t)
	r = h2.ok("", "import", importFixture("qr-migration-1.png"), importFixture("qr-migration-2.png"))
	if strings.Contains(r.stderr, "missing") || !strings.Contains(r.stderr, "imported") {
		t.Errorf("two screenshots of one export:\n%s", r.stderr)
	}
	one := newHarness(t)
	one.ok("", "import", importFixture("qr-migration-1.png"))
	if n, m := len(h2.listJSON()), len(one.listJSON()); n <= m {
		t.Errorf("both screenshots gave %d accounts, the first alone %d", n, m)
	}
	// Several files must all be QR images; a refusal changes nothing.
	before2 := h2.snapshot()
	h2.fails(exitUsage, []string{"is not a QR code image"}, "", "import", importFixture("qr-migration-1.png"), importFixture("otpauth.txt"))
	h2.fails(exitFailure, []string{"no QR code was found in"}, "", "import", importFixture("qr-migration-1.png"), importFixture("no-qr.png"))
	h2.sameSnapshot(before2, "a refused import of several files")
	// A migration URI on standard input, with --json.
	r = h.ok(readFixture(t, "google-migration.txt"), "import", "-", "--json")
	var out importJSON
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("import --json: %v\n%s", err, r.stdout)
	}
	reasons := map[string]int{}
	for _, s := range out.Skipped {
		reasons[s.Reason]++
	}
	if out.Format != importer.FormatGoogleMigration || out.Encrypted || len(out.Imported) != 1 || out.Imported[0].Name != "carol@example.com" ||
		out.Imported[0].From.Line != 4 || out.Imported[0].From.Entry != 1 ||
		reasons[skipInVault] != 3 || reasons[skipDuplicate] != 1 || reasons[skipUnsupported] != 1 {
		t.Errorf("import --json = %+v", out)
	}
	if strings.Contains(r.stderr, "imported") {
		t.Errorf("--json also printed the summary:\n%s", r.stderr)
	}

	// Broken files and images without codes import nothing.
	dir := t.TempDir()
	aegis := readFixture(t, "aegis-plain.json")
	broken := filepath.Join(dir, "aegis-broken.json")
	os.WriteFile(broken, []byte(strings.Replace(aegis, `"ONSWG4TFOQ"`, `"ONSWG4TFOQ!"`, 1)), 0o600)
	truncated := filepath.Join(dir, "aegis-truncated.json")
	os.WriteFile(truncated, []byte(aegis[:len(aegis)/2]), 0o600)
	before := h.snapshot()
	h.fails(exitFailure, []string{"nothing was imported: 1 problem in " + broken + " (Aegis):", "entry 4 (Steam: gaben): the secret is not valid Base32",
		"hint: export the accounts again from Aegis"}, "", "import", broken)
	h.fails(exitFailure, []string{"nothing was imported", "(Aegis):", "cannot be read"}, "", "import", truncated)
	h.fails(exitFailure, []string{"no QR code was found in " + importFixture("no-qr.png"), "hint: use a sharper screenshot"}, "", "import", importFixture("no-qr.png"))
	h.sameSnapshot(before, "broken files")

	// --format forces a format; a wrong one is a usage error.
	h.fails(exitFailure, []string{"(Aegis)", "cannot be read"}, "", "import", importFixture("otpauth.txt"), "--format", "AEGIS")
	h.fails(exitUsage, []string{"--format takes one of otpauth, google-migration, qr-image, aegis, 2fas"}, "", "import", importFixture("otpauth.txt"), "--format", "authy")
	h.sameSnapshot(before, "forced formats")
	r = h.ok("", "import", importFixture("aegis-plain.json"), "--format", "aegis")
	if !strings.Contains(r.stderr, "skipped entry 5 (Yandex: ivan): a kind of token Mamori cannot make codes for") {
		t.Errorf("aegis plain:\n%s", r.stderr)
	}
}

func TestImportJapanese(t *testing.T) {
	h := newHarness(t)
	h.env["LANG"] = "ja_JP.UTF-8"
	for _, s := range fixtureSecrets {
		h.addSecret(s)
	}
	h.fails(exitFailure, []string{"は暗号化された Aegis のエクスポートですが、パスワードを尋ねる端末がありません", "MAMORI_IMPORT_PASSPHRASE"}, "", "import", importFixture("aegis-encrypted.json"))
	r := h.ok(readFixture(t, "otpauth.txt"), "import", "-")
	for _, w := range []string{"標準入力 を otpauth URI のリスト として読み込みました", "10 行目（GitHub (work): alice）を飛ばしました: ファイル内の前の項目と同じ鍵です", "4 件のアカウントを取り込みました"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
}
