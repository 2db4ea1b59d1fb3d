package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/phone"
)

// rfcSecret is the RFC 4226/6238 SHA1 test key "12345678901234567890" in Base32.
const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

// uri builds an otpauth URI with the issuer and name percent-encoded.
func uri(typ, issuer, name, secret, extra string) string {
	label := url.PathEscape(name)
	q := "secret=" + secret
	if issuer != "" {
		label = url.PathEscape(issuer) + ":" + label
		q += "&issuer=" + url.QueryEscape(issuer)
	}
	if extra != "" {
		q += "&" + extra
	}
	return "otpauth://" + typ + "/" + label + "?" + q
}

func TestAddListCodeRm(t *testing.T) {
	h := newHarness(t)
	gh := h.addSecret("JBSWY3DPEHPK3PXP")
	h.ok("", "add", "--uri", uri("totp", "GitHub", "alice@example.com", gh, ""))
	h.addSecret(rfcSecret)
	r := h.ok("", "add", "rfc", "--secret", "gezd gnbv-gy3t qojq gezd gnbv gy3t qojq", "--issuer", "RFC 6238", "--digits", "8")
	if r.stdout != "" || !strings.Contains(r.stderr, "added RFC 6238: rfc") {
		t.Errorf("add: stdout %q stderr %q", r.stdout, r.stderr)
	}

	r = h.ok("", "list")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "ISSUER") ||
		!strings.Contains(lines[1], "GitHub") || !strings.Contains(lines[1], "alice@example.com") || !strings.Contains(lines[1], "totp") {
		t.Errorf("list:\n%s", r.stdout)
	}

	accts := h.listJSON()
	if len(accts) != 2 || accts[1].Issuer != "RFC 6238" || accts[1].Digits != 8 || accts[1].Period != 30 ||
		accts[1].Algorithm != "SHA1" || accts[1].Type != "totp" || accts[1].ID == "" {
		t.Errorf("list --json = %+v", accts)
	}
	raw := h.ok("", "list", "--json").stdout
	if strings.Contains(strings.ToLower(raw), "secret") {
		t.Errorf("list --json mentions a secret: %s", raw)
	}

	// RFC 6238 appendix B: SHA1, 8 digits, T=1234567890 gives 89005924.
	r = h.ok("", "code", "rfc")
	if r.stdout != "89005924\n" {
		t.Errorf("code rfc stdout = %q, want only the code", r.stdout)
	}
	if !strings.Contains(r.stderr, "RFC 6238: rfc") || !strings.Contains(r.stderr, "s left") {
		t.Errorf("code rfc stderr = %q, want the label and the time left", r.stderr)
	}
	for _, at := range []string{"59", "1970-01-01T00:00:59Z", "1970-01-01T09:00:59+09:00"} {
		if r := h.ok("", "code", "RFC", "--at", at); r.stdout != "94287082\n" {
			t.Errorf("code --at %s = %q, want 94287082", at, r.stdout)
		}
	}
	if r := h.ok("", "code", "rfc", "--at", "1111111109"); r.stdout != "07081804\n" || !strings.Contains(r.stderr, "(1 s left)") {
		t.Errorf("code --at 1111111109 = %q / %q", r.stdout, r.stderr)
	}

	r = h.ok("", "rm", "github")
	if !strings.Contains(r.stderr, "removed GitHub: alice@example.com") {
		t.Errorf("rm stderr = %q", r.stderr)
	}
	if accts := h.listJSON(); len(accts) != 1 || accts[0].Name != "rfc" {
		t.Errorf("after rm: %+v", accts)
	}
	h.fails(exitFailure, []string{`no account matches "github"`, "hint: "}, "", "code", "github")
}

func TestAddSecretFromStdin(t *testing.T) {
	h := newHarness(t)
	h.addSecret(rfcSecret)
	h.ok(rfcSecret+"\n", "add", "stdin", "--secret", "-", "--digits", "8")
	if r := h.ok("", "code", "stdin", "--at", "59"); r.stdout != "94287082\n" {
		t.Errorf("code = %q", r.stdout)
	}
}

func TestEmptyList(t *testing.T) {
	h := newHarness(t)
	if r := h.ok("", "list"); r.stdout != "" || !strings.Contains(r.stderr, "no accounts yet") {
		t.Errorf("list on no vault = %q / %q", r.stdout, r.stderr)
	}
	if r := h.ok("", "list", "--json"); strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("list --json on no vault = %q", r.stdout)
	}
	if snap := h.snapshot(); len(snap) != 0 {
		t.Errorf("reading an absent vault created files: %v", snap)
	}
}

func TestQueries(t *testing.T) {
	h := newHarness(t)
	for _, a := range []struct{ issuer, name, secret string }{
		{"みずほ銀行", "山田太郎", "MFRGGZDFMZTWQ2LK"},
		{"GitHub", "alice", "JBSWY3DPEHPK3PXP"},
		{"GitLab", "alice", "KRUGS4ZANFZSAYLO"},
		{"楽天銀行", "taro", "ONSWG4TFOQQGC3TE"},
	} {
		h.addSecret(a.secret)
		h.ok("", "add", "--uri", uri("totp", a.issuer, a.name, a.secret, ""))
	}
	for _, tc := range []struct{ query, label string }{
		{"みずほ", "みずほ銀行: 山田太郎"},
		{"山田", "みずほ銀行: 山田太郎"},
		{"ＧＩＴＨＵＢ", "GitHub: alice"},
		{"github", "GitHub: alice"},
		{"gitlab:alice", "GitLab: alice"},
		{"楽天", "楽天銀行: taro"},
	} {
		r := h.ok("", "code", tc.query)
		if len(strings.TrimSpace(r.stdout)) != 6 || !strings.Contains(r.stderr, tc.label) {
			t.Errorf("code %q = %q / %q, want a code for %s", tc.query, r.stdout, r.stderr, tc.label)
		}
	}
	// "alice" names two accounts; "銀行" two issuers.
	h.fails(exitFailure, []string{`"alice" matches 2 accounts`, "GitHub: alice", "GitLab: alice", "hint: "}, "", "code", "alice")
	h.fails(exitFailure, []string{"みずほ銀行: 山田太郎", "楽天銀行: taro"}, "", "rm", "銀行")
	if n := len(h.listJSON()); n != 4 {
		t.Errorf("ambiguous rm removed something: %d accounts left", n)
	}
}

func TestHOTP(t *testing.T) {
	h := newHarness(t)
	h.addSecret(rfcSecret)
	h.ok("", "add", "counter", "--secret", rfcSecret, "--type", "hotp", "--counter", "5")
	// RFC 4226 appendix D: counter 5 → 254676, 6 → 287922, 7 → 162583.
	for _, want := range []string{"254676", "287922", "162583"} {
		r := h.ok("", "code", "counter")
		if strings.TrimSpace(r.stdout) != want {
			t.Errorf("hotp code = %q, want %s", r.stdout, want)
		}
	}
	if a := h.listJSON(); a[0].Counter != 8 || a[0].Type != "hotp" || a[0].Period != 0 {
		t.Errorf("after three codes: %+v, want counter 8", a[0])
	}
	before := h.snapshot()
	h.fails(exitUsage, []string{"--at"}, "", "code", "counter", "--at", "59")
	h.sameSnapshot(before, "code --at on HOTP")

	h.ok("", "add", "--uri", uri("hotp", "Example", "bob", rfcSecret, "counter=9&digits=8"))
	// oathtool --hotp -c 9 -d 8 for the RFC key.
	if r := h.ok("", "code", "bob"); strings.TrimSpace(r.stdout) != "45520489" || !strings.Contains(r.stderr, "counter 9") {
		t.Errorf("hotp code bob = %q / %q", r.stdout, r.stderr)
	}
}

func TestSteam(t *testing.T) {
	h := newHarness(t)
	h.addSecret(rfcSecret)
	h.ok("", "add", "steam", "--secret", rfcSecret, "--type", "steam")
	r := h.ok("", "code", "steam", "--at", "59")
	code := strings.TrimSpace(r.stdout)
	if len(code) != 5 || strings.Trim(code, "23456789BCDFGHJKMNPQRTVWXY") != "" {
		t.Errorf("steam code = %q, want 5 characters of Steam's alphabet", code)
	}
	if a := h.listJSON(); a[0].Digits != 5 || a[0].Type != "steam" {
		t.Errorf("steam account %+v", a[0])
	}
}

func TestUsageErrors(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "x", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"lst"}, "did you mean list"},
		{[]string{"list", "--bogus"}, "unknown option --bogus"},
		{[]string{"list", "-x"}, "there is no option -x"},
		{[]string{"code", "x", "--at"}, "--at needs a value"},
		{[]string{"list", "extra"}, "wrong number of arguments"},
		{[]string{"code"}, "wrong number of arguments"},
		{[]string{"code", "a", "b"}, "wrong number of arguments"},
		{[]string{"rm"}, "usage: mamori rm QUERY"},
		{[]string{"import"}, "wrong number of arguments"},
		{[]string{"code", "x", "--at", "yesterday"}, "--at takes a time in RFC 3339"},
		{[]string{"code", "x", "--at", "-5"}, "from 1970 on"},
		{[]string{"add"}, "add needs NAME and --secret, or --uri"},
		{[]string{"add", "n"}, "needs --secret"},
		{[]string{"add", "a", "b", "--secret", "JBSWY3DPEHPK3PXP"}, "too many arguments"},
		{[]string{"add", "n", "--secret", "JBSWY3DPEHPK3PXP", "--digits", "five"}, "invalid value for --digits (expected int)"},
		{[]string{"add", "n", "--secret", "JBSWY3DPEHPK3PXP", "--digits", "12"}, "6 to 10 digits"},
		{[]string{"add", "n", "--secret", "JBSWY3DPEHPK3PXP", "--digits", "0"}, "6 to 10 digits"},
		{[]string{"add", "n", "--secret", "JBSWY3DPEHPK3PXP", "--period", "0"}, "1 to 86400 seconds"},
		{[]string{"add", "n", "--secret", "JBSWY3DPEHPK3PXP", "--period", "-30"}, "1 to 86400 seconds"},
		{[]string{"add", "n", "--secret", "JBSWY3DPEHPK3PXP", "--type", "motp"}, "totp, hotp or steam"},
		{[]string{"add", "n", "--secret", "JBSWY3DPEHPK3PXP", "--algorithm", "md5"}, "SHA1, SHA256 or SHA512"},
		{[]string{"add", "n", "--secret", "JBSWY3DPEHPK3PXP", "--counter", "3"}, "--counter does not apply to totp"},
		{[]string{"add", "n", "--secret", "JBSWY3DPEHPK3PXP", "--type", "hotp", "--period", "60"}, "--period does not apply to hotp"},
		{[]string{"add", "n", "--secret", "JBSWY3DPEHPK3PXP", "--counter", "-1"}, "invalid value for --counter (expected uint64)"},
		{[]string{"add", "--uri", "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP", "--issuer", "x"}, "--uri cannot be combined with --issuer"},
		{[]string{"add", "n", "--uri", "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP"}, "--uri cannot be combined with NAME"},
		{[]string{"passphrase"}, "needs a subcommand: set, change, remove"},
		{[]string{"passphrase", "reset"}, `unknown command "reset" for "mamori passphrase"`},
		{[]string{"vault"}, "needs a subcommand: info, restore-backup"},
		{[]string{"vault", "info", "x"}, "wrong number of arguments"},
		{[]string{"kit"}, "needs a subcommand: export, import"},
		{[]string{"device"}, "needs a subcommand: add, list, bind, unbind, change, done, risk"},
		{[]string{"device", "add", "Pixel", "--kind", "phone"}, "--kind takes handset or authenticator-app"},
		{[]string{"account", "set", "x"}, "account set needs a setting"},
		{[]string{"import", "x", "--format", "csv"}, "--format takes one of"},
		{[]string{"kit", "export", "--out", "k.age", "--recipient", "AGE-SECRET-KEY-1XYZ"}, "is a private key"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			before := h.snapshot()
			h.fails(exitUsage, []string{tc.want, "hint: "}, "", tc.args...)
			h.sameSnapshot(before, strings.Join(tc.args, " "))
		})
	}

	h.env[envKeyring] = "kwallet"
	h.fails(exitUsage, []string{`MAMORI_KEYRING="kwallet"`, "hint: use MAMORI_KEYRING=system"}, "", "list")
}

func TestFailuresChangeNothing(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "--uri", uri("totp", "GitHub", "alice", h.addSecret("JBSWY3DPEHPK3PXP"), ""))
	h.ok("", "add", "--uri", uri("totp", "GitLab", "alice", h.addSecret("KRUGS4ZANFZSAYLO"), ""))
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte(uri("totp", "New", "one", "MFRGGZDFMZTWQ2LK", "")+"\nnot a uri\n"), 0o600)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"add", "--uri", uri("totp", "GitHub", "alice", "JBSWY3DPEHPK3PXP", "")}, "already in the vault"},
		{[]string{"add", "--uri", "otpauth://totp/x?secret=JBSWY3DPEHPK3PX1"}, "not valid Base32"},
		{[]string{"add", "--uri", "https://example.com/"}, "not an otpauth:// URI"},
		{[]string{"add", "--uri", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=12"}, "6 to 10 digits"},
		{[]string{"add", "--uri", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0"}, "1 to 86400 seconds"},
		{[]string{"add", "--uri", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5"}, "SHA1, SHA256 or SHA512"},
		{[]string{"add", "--uri", "otpauth://motp/x?secret=JBSWY3DPEHPK3PXP"}, "totp, hotp or steam"},
		{[]string{"add", "--uri", "otpauth://totp/x"}, "there is no secret"},
		{[]string{"add", "n", "--secret", "not base32!"}, "not valid Base32"},
		{[]string{"code", "nothing"}, `no account matches "nothing"`},
		{[]string{"code", "alice"}, "matches 2 accounts"},
		{[]string{"rm", "nothing"}, "no account matches"},
		{[]string{"rm", "alice"}, "matches 2 accounts"},
		{[]string{"import", bad}, "line 2"},
		{[]string{"import", filepath.Join(dir, "missing.txt")}, "no such file"},
		{[]string{"import", dir}, "is a directory"},
		{[]string{"passphrase", "set"}, "already has a passphrase"},
		{[]string{"passphrase", "remove"}, "must stay protected by a passphrase"},
		{[]string{"vault", "restore-backup"}, "nothing to restore"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			before := h.snapshot()
			h.fails(exitFailure, []string{tc.want}, "", tc.args...)
			h.sameSnapshot(before, strings.Join(tc.args, " "))
		})
	}
	if n := len(h.listJSON()); n != 2 {
		t.Errorf("%d accounts after failed commands, want 2", n)
	}
}

func TestJSONOutputIsOneValue(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "a", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"), "--issuer", "<&>\"'")
	for _, args := range [][]string{{"list", "--json"}, {"vault", "info", "--json"}} {
		r := h.ok("", args...)
		dec := json.NewDecoder(strings.NewReader(r.stdout))
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%q: %v\n%s", args, err, r.stdout)
		}
		if dec.More() {
			t.Errorf("%q printed more than one JSON value", args)
		}
	}
	var info infoJSON
	json.Unmarshal([]byte(h.ok("", "vault", "info", "--json").stdout), &info)
	if info.Dir != h.home || !info.Exists || info.Backend != "file" || !info.Passphrase || info.Accounts != 1 || info.Generation != 1 || info.Version != vault.SchemaVersion {
		t.Errorf("vault info --json = %+v", info)
	}
}

func TestVaultInfo(t *testing.T) {
	h := newHarness(t)
	r := h.ok("", "vault", "info")
	if !strings.Contains(r.stdout, h.home) || !strings.Contains(r.stdout, "vault exists  no") {
		t.Errorf("vault info with no vault:\n%s", r.stdout)
	}
	h.ok("", "add", "a", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	h.ok("", "add", "b", "--secret", h.addSecret("KRUGS4ZANFZSAYLO"))
	r = h.ok("", "vault", "info")
	for _, w := range []string{"a file in the data directory", "passphrase    yes", "accounts      2", "generation    2"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("vault info lacks %q:\n%s", w, r.stdout)
		}
	}
}

func TestDamagedVaultAndRestore(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"tampered", func(b []byte) []byte { c := append([]byte(nil), b...); c[len(c)-20] ^= 0x40; return c }},
		{"empty", func([]byte) []byte { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.ok("", "add", "a", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
			h.ok("", "add", "b", "--secret", h.addSecret("KRUGS4ZANFZSAYLO"))
			p := filepath.Join(h.home, "vault.age")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(p, tc.damage(b), 0o600)
			before := h.snapshot()
			for _, args := range [][]string{{"list"}, {"code", "a"}, {"add", "c", "--secret", "MFRGGZDFMZTWQ2LK"}, {"rm", "a"}, {"vault", "info"}} {
				h.fails(exitFailure, []string{"is damaged", "hint: \"mamori vault restore-backup\"", "generation 1", "1 accounts"}, "", args...)
			}
			h.sameSnapshot(before, "commands on a damaged vault")

			r := h.ok("", "vault", "restore-backup")
			if !strings.Contains(r.stderr, "restored the previous generation (generation 1, 1 accounts)") {
				t.Errorf("restore-backup: %q", r.stderr)
			}
			if a := h.listJSON(); len(a) != 1 || a[0].Name != "a" {
				t.Errorf("after restore: %+v", a)
			}
			h.fails(exitFailure, []string{"nothing to restore"}, "", "vault", "restore-backup")
		})
	}
}

func TestNewerVersionRefused(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "a", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	p := filepath.Join(h.home, "key.json")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), `"version": 1`, `"version": 99`, 1)), 0o600)
	before := h.snapshot()
	h.fails(exitFailure, []string{"newer version of Mamori", "hint: update Mamori"}, "", "list")
	h.fails(exitFailure, []string{"newer version of Mamori"}, "", "add", "b", "--secret", "KRUGS4ZANFZSAYLO")
	h.sameSnapshot(before, "commands on a newer vault")
}

func TestKeyMissing(t *testing.T) {
	h, mem := newMemoryHarness(t)
	h.ok("", "add", "a", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	for name := range mem.Entries {
		mem.Delete(name)
	}
	before := h.snapshot()
	for _, args := range [][]string{{"list"}, {"code", "a"}, {"add", "b", "--secret", "KRUGS4ZANFZSAYLO"}, {"passphrase", "set"}} {
		h.fails(exitFailure, []string{"the vault exists but its key is not in the keyring; Mamori will not create a new vault over it; restore the key or import a recovery kit"}, "", args...)
	}
	h.sameSnapshot(before, "commands with the key missing")
	if len(mem.Entries) != 0 {
		t.Errorf("a new key was stored: %v", mem.Entries)
	}

	// The file backend: key.age gone.
	h = newHarness(t)
	h.ok("", "add", "a", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	os.Remove(filepath.Join(h.home, "key.age"))
	before = h.snapshot()
	h.fails(exitFailure, []string{"its key file in " + h.home + " is missing; Mamori will not create a new vault over it"}, "", "add", "b", "--secret", "KRUGS4ZANFZSAYLO")
	h.sameSnapshot(before, "add with key.age missing")
}

func TestSystemKeyringUnavailable(t *testing.T) {
	h, mem := newMemoryHarness(t)
	mem.Err = fmt.Errorf("%w: no D-Bus session", keystore.ErrUnavailable)
	before := h.snapshot()
	h.fails(exitFailure, []string{"the OS keyring cannot be used", "MAMORI_KEYRING=file"}, "", "add", "a", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	if _, ok := h.snapshot()["vault.age"]; ok {
		t.Error("a vault was saved without a key")
	}
	_ = before

	// Auto mode without a keyring and without a terminal explains why it needs a passphrase.
	h.env[envKeyring] = ""
	h.fails(exitFailure, []string{"no usable OS keyring", "technical detail (for support): ", "no D-Bus session", "protected by a passphrase", "hint: ", "MAMORI_PASSPHRASE"}, "", "add", "a", "--secret", "JBSWY3DPEHPK3PXP")
	// With MAMORI_PASSPHRASE it falls back to the file store.
	h.env[envPassphrase] = testPassphrase
	h.ok("", "add", "a", "--secret", "JBSWY3DPEHPK3PXP")
	if r := h.ok("", "vault", "info", "--json"); !strings.Contains(r.stdout, `"backend": "file"`) {
		t.Errorf("fallback backend: %s", r.stdout)
	}
}

func TestPassphraseOnSystemBackend(t *testing.T) {
	h, mem := newMemoryHarness(t)
	h.ok("", "add", "a", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	info := func() infoJSON {
		var in infoJSON
		json.Unmarshal([]byte(h.ok("", "vault", "info", "--json").stdout), &in)
		return in
	}
	if in := info(); in.Backend != "system" || in.Passphrase {
		t.Fatalf("new vault: %+v", in)
	}
	h.fails(exitFailure, []string{"has no passphrase", "mamori passphrase set"}, "", "passphrase", "change")
	h.fails(exitFailure, []string{"has no passphrase"}, "", "passphrase", "remove")
	h.fails(exitFailure, []string{"new passphrase is needed", "MAMORI_NEW_PASSPHRASE"}, "", "passphrase", "set")

	h.env[envNewPassphrase] = "first secret words"
	h.addSecret("first secret words")
	if r := h.ok("", "passphrase", "set"); !strings.Contains(r.stderr, "passphrase set") {
		t.Errorf("passphrase set: %q", r.stderr)
	}
	delete(h.env, envNewPassphrase)
	for _, stored := range mem.Entries {
		if !strings.Contains(stored, "BEGIN AGE ENCRYPTED FILE") {
			t.Errorf("the keyring entry is not wrapped after passphrase set")
		}
	}
	// Now the vault cannot be opened without the passphrase.
	h.fails(exitFailure, []string{"protected by a passphrase", "hint: run it in a terminal, or set MAMORI_PASSPHRASE"}, "", "list")
	h.env[envPassphrase] = "wrong"
	h.fails(exitFailure, []string{"wrong passphrase", "hint: check MAMORI_PASSPHRASE"}, "", "list")
	h.env[envPassphrase] = "first secret words"
	if in := info(); !in.Passphrase || in.Accounts != 1 {
		t.Errorf("after set: %+v", in)
	}
	h.fails(exitFailure, []string{"already has a passphrase", "passphrase change"}, "", "passphrase", "set")

	// change: wrong current passphrase fails before anything changes.
	h.env[envNewPassphrase] = "second secret words"
	h.addSecret("second secret words")
	h.env[envPassphrase] = "wrong"
	keyBefore := fmt.Sprint(mem.Entries)
	h.fails(exitFailure, []string{"wrong passphrase"}, "", "passphrase", "change")
	if fmt.Sprint(mem.Entries) != keyBefore {
		t.Error("a failed passphrase change changed the key")
	}
	h.env[envPassphrase] = "first secret words"
	h.ok("", "passphrase", "change")
	h.fails(exitFailure, []string{"wrong passphrase"}, "", "list")
	h.env[envPassphrase] = "second secret words"
	h.ok("", "list")

	delete(h.env, envNewPassphrase)
	h.ok("", "passphrase", "remove")
	delete(h.env, envPassphrase)
	if in := info(); in.Passphrase || in.Accounts != 1 {
		t.Errorf("after remove: %+v", in)
	}
	if r := h.ok("", "code", "a"); len(strings.TrimSpace(r.stdout)) != 6 {
		t.Errorf("code after remove: %q", r.stdout)
	}
}

func TestPassphraseChangeOnFileBackend(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "a", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	h.fails(exitFailure, []string{"must stay protected", "passphrase change"}, "", "passphrase", "remove")
	h.env[envNewPassphrase] = "another passphrase"
	h.addSecret("another passphrase")
	h.ok("", "passphrase", "change")
	h.fails(exitFailure, []string{"wrong passphrase"}, "", "list")
	h.env[envPassphrase] = "another passphrase"
	h.ok("", "list")
}

func TestNoVaultYet(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{{"passphrase", "set"}, {"passphrase", "change"}, {"passphrase", "remove"}, {"vault", "restore-backup"}} {
		h.fails(exitFailure, []string{"there is no vault in " + h.home + " yet", "hint: add an account first"}, "", args...)
	}
	h.fails(exitFailure, []string{"no account matches"}, "", "code", "x")
	if snap := h.snapshot(); len(snap) != 0 {
		t.Errorf("failed commands created %v", snap)
	}
}

func TestPrompts(t *testing.T) {
	h := newHarness(t)
	delete(h.env, envPassphrase)

	// A new file-backed vault explains why it needs a passphrase and asks
	// twice; an empty or easily guessed one is asked again, with the reason.
	const typed = "amber lantern typed pass"
	tty := &scriptedTTY{lines: []string{"", "one two", typed, typed}}
	h.tty = tty
	r := h.ok("", "add", "a", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	for _, w := range []string{"MAMORI_KEYRING=file is set, so the vault key will be kept in " + h.home + ", protected by a passphrase",
		"cannot be empty", "That passphrase is too easy to guess. It is made of a few common words", "Repeat the new passphrase:"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("new vault prompts lack %q:\n%s", w, r.stderr)
		}
	}
	if tty.asked != 4 {
		t.Errorf("asked %d times, want 4", tty.asked)
	}

	// Unlocking: a wrong passphrase is asked again.
	h.tty = &scriptedTTY{lines: []string{"nope", typed}}
	r = h.ok("", "code", "a")
	if !strings.Contains(r.stderr, "Wrong passphrase; try again.") || len(strings.TrimSpace(r.stdout)) != 6 {
		t.Errorf("unlock retry: %q / %q", r.stdout, r.stderr)
	}
	// Three wrong answers fail the command.
	tty = &scriptedTTY{lines: []string{"1", "2", "3", typed}}
	h.tty = tty
	h.fails(exitFailure, []string{"wrong passphrase", "hint: try again"}, "", "list")
	if tty.asked != maxAttempts {
		t.Errorf("asked %d times, want %d", tty.asked, maxAttempts)
	}

	// passphrase change at a terminal: the current one, then the new one
	// twice; entries that differ are asked again.
	h.tty = &scriptedTTY{lines: []string{typed, "kawaru kotoba", "kawaru kotobe", "kawaru kotoba", "kawaru kotoba"}}
	h.addSecret("kawaru kotoba")
	if r := h.ok("", "passphrase", "change"); !strings.Contains(r.stderr, "The two entries differ") {
		t.Errorf("passphrase change prompts:\n%s", r.stderr)
	}
	h.tty = nil
	h.env[envPassphrase] = "kawaru kotoba"
	h.ok("", "list")
}

func TestLanguage(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "ja_JP.UTF-8"}, "「nothing」に一致するアカウントはありません"},
		{map[string]string{"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "「nothing」に一致するアカウントはありません"},
		{map[string]string{"LC_MESSAGES": "ja", "LANG": "C"}, "「nothing」に一致するアカウントはありません"},
		{map[string]string{"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, `no account matches "nothing"`},
		{map[string]string{"LC_ALL": "POSIX"}, `no account matches "nothing"`},
		{map[string]string{}, `no account matches "nothing"`},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, `no account matches "nothing"`},
	} {
		h := newHarness(t)
		delete(h.env, "LANG")
		for k, v := range tc.env {
			h.env[k] = v
		}
		r := h.fails(exitFailure, []string{"mamori: error: " + tc.want, "hint: "}, "", "code", "nothing")
		if tc.want[0] != 'n' && !strings.Contains(r.stderr, "hint: 「mamori list」") {
			t.Errorf("%v: hint not translated:\n%s", tc.env, r.stderr)
		}
	}
	h := newHarness(t)
	h.env["LANG"] = "ja_JP.UTF-8"
	h.fails(exitUsage, []string{"「mamori code」の引数の数が違います", "使い方: mamori code QUERY"}, "", "code")
	h.ok("", "add", "--uri", uri("totp", "みずほ銀行", "山田太郎", h.addSecret("MFRGGZDFMZTWQ2LK"), ""))
	r := h.ok("", "list")
	if !strings.HasPrefix(r.stdout, "発行元      名前      種類\nみずほ銀行  山田太郎  totp\n") {
		t.Errorf("Japanese list is not aligned:\n%s", r.stdout)
	}
	if r := h.ok("", "code", "みずほ"); !strings.Contains(r.stderr, "みずほ銀行: 山田太郎（残り") {
		t.Errorf("Japanese note: %q", r.stderr)
	}
}

func TestHelp(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{
		{"--help"}, {"-h"}, {"help"}, {"add", "--help"}, {"import", "--help"}, {"list", "--help"}, {"code", "--help"},
		{"rm", "--help"}, {"passphrase", "--help"}, {"passphrase", "set", "--help"}, {"passphrase", "change", "--help"},
		{"passphrase", "remove", "--help"}, {"vault", "--help"}, {"vault", "info", "--help"}, {"vault", "restore-backup", "--help"},
		{"help", "code"}, {"kit", "export", "--help"}, {"kit", "import", "--help"}, {"device", "--help"},
		{"device", "change", "--help"}, {"device", "done", "--help"}, {"account", "set", "--help"},
	} {
		r := h.ok("", args...)
		if !strings.Contains(r.stdout, "Usage:") {
			t.Errorf("%q printed no usage:\n%s", args, r.stdout)
		}
	}
	r := h.ok("", "--help")
	for _, w := range []string{"MAMORI_PASSPHRASE", "MAMORI_NEW_PASSPHRASE", "MAMORI_KIT_PASSPHRASE", "MAMORI_IMPORT_PASSPHRASE"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("root help does not document %s", w)
		}
	}
	for _, w := range []string{"backup codes", "grid cards", "phone numbers", "devices", "recovery kit"} {
		if !strings.Contains(strings.ReplaceAll(r.stdout, "\n", " "), w) {
			t.Errorf("root help does not say Mamori keeps %s", w)
		}
	}
	if strings.Contains(r.stdout, "more to come") {
		t.Errorf("root help still promises more to come")
	}
	if snap := h.snapshot(); len(snap) != 0 {
		t.Errorf("help created %v", snap)
	}
}

func TestNoArgumentsOpensApp(t *testing.T) {
	h := newHarness(t)
	var got *vault.Store
	env := Env{Getenv: func(k string) string { return h.env[k] }, OpenApp: func(s *vault.Store) error { got = s; return nil }}
	if code := Main(nil, env); code != exitOK || got == nil || got.Dir() != h.home {
		t.Errorf("Main(nil) = %d, store %v", code, got)
	}
	env.OpenApp = func(*vault.Store) error { return fmt.Errorf("no display") }
	var errb strings.Builder
	env.Stderr = &errb
	if code := Main([]string{}, env); code != exitFailure || !strings.Contains(errb.String(), "mamori: error: no display") {
		t.Errorf("failing app = %d %q", code, errb.String())
	}
	errb.Reset()
	env.OpenApp = nil
	if code := Main(nil, env); code != exitFailure || !strings.Contains(errb.String(), "no app window") {
		t.Errorf("no app = %d %q", code, errb.String())
	}
}

func TestSecretNeverInErrors(t *testing.T) {
	// A URI with a bad parameter must not be echoed: it holds the secret.
	h := newHarness(t)
	secret := h.addSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
	h.addSecret("jbswy3dpehpk3pxpjbswy3dpehpk3pxp")
	for _, u := range []string{
		"otpauth://totp/x?secret=" + secret + "&digits=99",
		"otpauth://totp/x?secret=" + secret + "&algorithm=" + secret,
		"otpauth://" + secret + "/x?secret=" + secret,
		"otpauth://totp/x?secret=" + strings.ToLower(secret) + "1",
	} {
		h.fails(exitFailure, nil, "", "add", "--uri", u)
		h.fails(exitFailure, nil, u+"\n", "import", "-")
	}
	h.fails(exitUsage, nil, "", "add", "n", "--secret", secret, "--type", secret)
	h.fails(exitUsage, nil, "", "add", "n", "--secret", secret, "--algorithm", secret)
	h.fails(exitUsage, nil, "", "add", "n", "--digits", secret)
	h.fails(exitUsage, nil, "", "code", "n", "--at", secret)
}

// TestDemoFillsEveryScreen checks that the demo vault has something for
// each screen: backup codes (one set low), phone numbers with readiness
// findings, recovery details and a valid grid card.
func TestDemoFillsEveryScreen(t *testing.T) {
	v := vault.New()
	if err := fillDemo(v, testNow); err != nil {
		t.Fatal(err)
	}
	var low, backups, phones, recoveries int
	for _, a := range v.Accounts {
		if err := a.Backup.Validate(); err != nil {
			t.Errorf("%s: %v", a.Label(), err)
		}
		if a.Backup.Total() > 0 {
			backups++
		}
		if a.Backup.Total() > 0 && a.Backup.Low() {
			low++
		}
		if len(a.Phones) > 0 {
			phones++
		}
		if !a.Recovery.IsZero() {
			recoveries++
		}
	}
	if backups < 2 || low != 1 || phones < 2 || recoveries < 1 {
		t.Errorf("demo: %d accounts with backup codes (%d low), %d with phones, %d with recovery details", backups, low, phones, recoveries)
	}
	if n := len(phone.Readiness(v.Bindings())); n < 3 {
		t.Errorf("the demo vault gives the readiness view %d findings, want one of each kind", n)
	}
	if len(v.PhoneChanges) != 1 || len(phone.Risk(v.Bindings(), v.PhoneChanges, testNow)) < 3 {
		t.Errorf("demo phone changes: %+v", v.PhoneChanges)
	}
	if len(v.GridCards) != 1 || v.GridCards[0].Validate() != nil {
		t.Errorf("demo grid cards: %+v", v.GridCards)
	}
}

func TestDemoOpensAThrowawayVault(t *testing.T) {
	h := newHarness(t)
	var dir string
	var labels []string
	open := func(s *vault.Store) error {
		dir = s.Dir()
		v, err := s.Load()
		if err != nil {
			return err
		}
		for _, a := range v.Accounts {
			labels = append(labels, a.Label())
		}
		if _, err := v.Accounts[0].Code(testNow); err != nil {
			return err
		}
		// Locked, it opens with the demo passphrase.
		s.Lock()
		_, err = s.Load()
		return err
	}
	env := Env{Getenv: func(k string) string { return h.env[k] }, OpenApp: func(*vault.Store) error {
		t.Error("--demo opened the app on the real vault")
		return nil
	}, OpenDemo: open, scryptWorkFactor: testWorkFactor}
	if code := Main([]string{"--demo"}, env); code != exitOK {
		t.Fatalf("mamori --demo = %d", code)
	}
	if dir == "" || dir == h.home || len(labels) != len(demoAccounts)+1 {
		t.Fatalf("demo vault in %q with %v", dir, labels)
	}
	if !slices.Contains(labels, "みずほ銀行: 山田太郎") {
		t.Errorf("demo accounts: %v", labels)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the demo vault %s was left behind (%v)", dir, err)
	}
	if snap := h.snapshot(); len(snap) != 0 {
		t.Errorf("--demo touched the real data directory: %v", snap)
	}

	// Without OpenDemo, OpenApp gets the demo vault.
	dir = ""
	env.OpenApp, env.OpenDemo = open, nil
	if code := Main([]string{"--demo"}, env); code != exitOK || dir == "" || dir == h.home {
		t.Errorf("mamori --demo with OpenApp only = %d, dir %q", code, dir)
	}
}

func TestRmAsksAtATerminal(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "--uri", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub")
	h.tty = &scriptedTTY{lines: []string{"n"}}
	r := h.fails(exitFailure, []string{"GitHub: alice was not removed"}, "", "rm", "github")
	if !strings.Contains(r.stderr, "Remove GitHub: alice?") {
		t.Errorf("rm did not ask:\n%s", r.stderr)
	}
	if len(h.listJSON()) != 1 {
		t.Fatal("rm removed the account though the answer was no")
	}
	h.tty = &scriptedTTY{lines: []string{"ｙｅｓ"}}
	h.ok("", "rm", "github")
	if len(h.listJSON()) != 0 {
		t.Fatal("rm did not remove the account after yes")
	}
	h.ok("", "add", "--uri", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub")
	h.tty = &scriptedTTY{}
	h.ok("", "rm", "--yes", "github") // asks nothing
	if len(h.listJSON()) != 0 {
		t.Fatal("rm --yes did not remove the account")
	}
}
