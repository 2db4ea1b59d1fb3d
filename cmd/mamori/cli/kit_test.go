package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault/kit"
	"github.com/mamori-app/mamori/vault/oracletest"
	"github.com/mamori-app/mamori/vault/private/privatetest"
)

// ageTool returns the path of the real age tool or age-keygen, the oracle
// kits are checked against. It is installed by "make test"; without it the
// test fails.
func ageTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		oracletest.SkipOnWindows(t, name)
		t.Fatalf("%s is needed as the oracle for recovery kits (Debian/Ubuntu: apt-get install age): %v", name, err)
	}
	return p
}

// runTool runs a command and returns its stdout, failing the test on an error.
func runTool(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(ageTool(t, name), args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %q: %v\n%s", name, args, err, stderr.String())
	}
	return out
}

// ageKey makes an age key pair with age-keygen: the identity file and the
// public key.
func ageKey(t *testing.T, dir, name string) (identity, recipient string) {
	t.Helper()
	identity = filepath.Join(dir, name)
	runTool(t, "age-keygen", "-o", identity)
	return identity, strings.TrimSpace(string(runTool(t, "age-keygen", "-y", identity)))
}

// kitVault fills h's vault with one of everything a kit carries.
func kitVault(t *testing.T, h *harness) {
	t.Helper()
	for _, s := range fixtureSecrets {
		h.addSecret(s)
	}
	h.ok(readFixture(t, "otpauth.txt"), "import", "-")
	h.ok("1. 7294-1836\n2. 5038-2941\n3. 8817-4402\n", "backup", "set", "github")
	h.ok("", "backup", "use", "github", "5038-2941")
	h.ok("", "phone", "bind", "github", "090-1234-5678")
	h.ok("", "recovery", "set", "github", "--user-number", "12345")
	h.ok("", "device", "add", "iPhone 8")
	h.ok("", "device", "bind", "steam", "iPhone 8")
	h.ok("", "phone", "change", "090-1234-5678", "080-9999-0000", "--old-gone")
	h.ok("", "device", "change", "iPhone 8", "--new", "Pixel 9")
	h.ok("", "grid", "new", "bank")
}

// vaultState is what the tests compare between two vaults: every listing,
// as JSON.
func (h *harness) vaultState() string {
	h.t.Helper()
	var b strings.Builder
	for _, args := range [][]string{
		{"list", "--json"}, {"backup", "list", "github", "--json"}, {"phone", "list", "--json"},
		{"recovery", "show", "github", "--json"}, {"device", "list", "--json"}, {"grid", "list", "--json"},
		{"phone", "risk", "--json"}, {"device", "risk", "--json"},
	} {
		b.WriteString(h.ok("", args...).stdout)
	}
	return b.String()
}

func TestKitRoundTrip(t *testing.T) {
	src := newHarness(t)
	src.env[envKitPassphrase] = "irrelevant passphrase"
	src.fails(exitFailure, []string{"holds no accounts or grid cards: there is nothing to put in a kit"}, "", "kit", "export", "--out", filepath.Join(t.TempDir(), "empty.age"))
	delete(src.env, envKitPassphrase)
	kitVault(t, src)
	want := src.vaultState()
	dir := t.TempDir()
	out := filepath.Join(dir, "kit.age")

	// No recipient and no way to get a passphrase: a clear error.
	src.fails(exitFailure, []string{"without --recipient the kit is protected by a passphrase", "hint: run it in a terminal, set MAMORI_KIT_PASSPHRASE, add --generate-passphrase"}, "", "kit", "export", "--out", out)
	src.fails(exitUsage, []string{"kit export needs --out FILE"}, "", "kit", "export")
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a failed export wrote the kit")
	}

	pass := src.addSecret("a long kit passphrase for tests")
	src.env[envKitPassphrase] = pass
	r := src.ok("", "kit", "export", "--out", out)
	for _, w := range []string{"wrote the recovery kit to " + out + ", protected by a passphrase",
		"warning: the kit holds 4 accounts (4 with authenticator keys), 2 unused backup codes, 1 grid card, 1 phone number and the recovery details of 1 account: whoever has the passphrase can read all of it"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("export stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	if r.stdout != "" {
		t.Errorf("export printed on stdout: %q", r.stdout)
	}
	defer privatetest.Require(t, out)
	first, _ := os.ReadFile(out)
	src.fails(exitFailure, []string{out + " already exists", "--force"}, "", "kit", "export", "--out", out)
	if again, _ := os.ReadFile(out); string(again) != string(first) {
		t.Error("export without --force changed the existing kit")
	}
	src.ok("", "kit", "export", "--out", out, "--force", "--armor")
	if armored, _ := os.ReadFile(out); !strings.HasPrefix(string(armored), "-----BEGIN AGE ENCRYPTED FILE-----") {
		t.Errorf("--armor wrote %.40q", armored)
	}

	// Into a fresh data directory: everything comes back.
	dst := newHarness(t)
	dst.secrets = src.secrets
	dst.fails(exitFailure, []string{out + " is protected by a passphrase, and there is no terminal", "hint: run it in a terminal, or set MAMORI_KIT_PASSPHRASE"}, "", "kit", "import", out)
	dst.env[envKitPassphrase] = "wrong " + pass
	dst.fails(exitFailure, []string{"wrong passphrase for " + out + "; nothing was changed", "hint: check MAMORI_KIT_PASSPHRASE"}, "", "kit", "import", out)
	if len(dst.snapshot()) != 0 {
		t.Fatal("a failed kit import made a vault")
	}
	dst.env[envKitPassphrase] = pass
	r = dst.ok("", "kit", "import", out)
	if !strings.Contains(r.stderr, "added 4 accounts: GitHub: alice, みずほ銀行: 山田太郎, Example HOTP: bob, Steam: gaben") ||
		!strings.Contains(r.stderr, "grid cards: 1 added") || !strings.Contains(r.stderr, "added 1 phone number change, 2 devices and 1 device change") {
		t.Errorf("import report:\n%s", r.stderr)
	}
	if got := dst.vaultState(); got != want {
		t.Errorf("round trip changed the vault:\n%s\nwant\n%s", got, want)
	}
	// The number and the handset being changed still are, with what is
	// left to move.
	for what, account := range map[string]string{"phone": "GitHub: alice", "device": "Steam: gaben"} {
		if r := dst.ok("", what, "risk"); !strings.Contains(r.stdout, account) {
			t.Errorf("%s risk after the round trip lacks %s:\n%s", what, account, r.stdout)
		}
	}
	// The used backup code is still used.
	if b := dst.backupJSON("github"); b.Remaining != 2 || b.Total != 3 {
		t.Errorf("backup codes after the round trip = %+v", b)
	}

	// Again: nothing new, nothing written.
	before := dst.snapshot()
	var rep kit.Report
	decodeOne(t, dst.ok("", "kit", "import", out, "--json").stdout, &rep)
	if rep.Unchanged != 4 || rep.Changed() || len(rep.Conflicts) != 0 {
		t.Errorf("second import = %+v", rep)
	}
	dst.sameSnapshot(before, "importing the same kit again")

	// A code used later on the source side comes through with its newer
	// account.
	src.now = src.now.Add(3600e9)
	src.ok("", "backup", "use", "github", "7294-1836")
	src.ok("", "kit", "export", "--out", out, "--force")
	decodeOne(t, dst.ok("", "kit", "import", out, "--json").stdout, &rep)
	if len(rep.Updated) != 1 || rep.Updated[0] != "GitHub: alice" {
		t.Errorf("import of a newer kit = %+v", rep)
	}
	if b := dst.backupJSON("github"); b.Remaining != 1 {
		t.Errorf("backup codes after the newer kit = %+v", b)
	}

	// A damaged kit changes nothing.
	kitBytes, _ := os.ReadFile(out)
	before = dst.snapshot()
	for name, b := range map[string][]byte{
		"truncated": kitBytes[:len(kitBytes)-40],
		"header":    kitBytes[:60],
		"flipped":   flipByte(kitBytes, len(kitBytes)-20),
		"not age":   []byte("hello\n"),
	} {
		p := filepath.Join(dir, "bad.age")
		os.WriteFile(p, b, 0o600)
		dst.fails(exitFailure, []string{"is damaged (truncated or altered) or is not an age-encrypted file; nothing was changed"}, "", "kit", "import", p)
		dst.sameSnapshot(before, name+" kit")
	}
}

func flipByte(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0x20
	return c
}

func TestKitPassphrasePrompts(t *testing.T) {
	h := newHarness(t)
	kitVault(t, h)
	dir := t.TempDir()
	out := filepath.Join(dir, "kit.age")

	// Typed twice at a terminal; a mismatch is asked again.
	pass := h.addSecret("typed kit passphrase 123")
	h.tty = &scriptedTTY{lines: []string{pass, "other", pass, pass}}
	r := h.ok("", "kit", "export", "-o", out)
	if !strings.Contains(r.stderr, "Choose a passphrase for the recovery kit") || !strings.Contains(r.stderr, "The two entries differ") {
		t.Errorf("export prompts:\n%s", r.stderr)
	}
	// An easily guessed one is refused, with the reason, and asked again.
	h.tty = &scriptedTTY{lines: []string{"sakura1990", pass, pass}}
	if r := h.ok("", "kit", "export", "-o", out, "--force"); !strings.Contains(r.stderr, "That passphrase is too easy to guess. It is, or contains, one of the passwords people use most.") {
		t.Errorf("weak passphrase:\n%s", r.stderr)
	}
	h.tty = &scriptedTTY{lines: []string{"a", "b", "c", "d", "e", "f"}}
	before, _ := os.ReadFile(out)
	h.fails(exitFailure, []string{"no kit was written", "hint: try again, or let Mamori make one with --generate-passphrase"}, "", "kit", "export", "-o", out, "--force")
	if after, _ := os.ReadFile(out); string(after) != string(before) {
		t.Error("a failed export changed the kit")
	}

	// A generated passphrase is printed on stderr, and opens the kit.
	h.tty = nil
	r = h.ok("", "kit", "export", "-o", out, "--force", "--generate-passphrase")
	m := regexp.MustCompile(`(?m)^    ([a-z]{3,8}(?:-[a-z]{3,8}){9})$`).FindStringSubmatch(r.stderr)
	if m == nil || !strings.Contains(r.stderr, "write them down now") {
		t.Fatalf("no generated passphrase on stderr:\n%s", r.stderr)
	}
	if strings.Contains(r.stdout, m[1]) {
		t.Error("the generated passphrase went to stdout")
	}
	h.fails(exitUsage, []string{"--generate-passphrase and --recipient cannot be used together"}, "", "kit", "export", "-o", out, "--force", "--generate-passphrase", "-r", "age1xyz")

	dst := newHarness(t)
	dst.secrets = h.secrets
	dst.tty = &scriptedTTY{lines: []string{"not it", m[1]}}
	r = dst.ok("", "kit", "import", out)
	if !strings.Contains(r.stderr, "Wrong passphrase; try again.") || !strings.Contains(r.stderr, "added 4 accounts") {
		t.Errorf("import with prompts:\n%s", r.stderr)
	}
	dst2 := newHarness(t)
	dst2.tty = &scriptedTTY{lines: []string{"x", "y", "z"}}
	dst2.fails(exitFailure, []string{"wrong passphrase for", "hint: try again"}, "", "kit", "import", out)
	if len(dst2.snapshot()) != 0 {
		t.Error("a failed kit import made a vault")
	}

	// The app's passphrase: kit.PassphraseWords words, another every time.
	if n := len(strings.Split(m[1], "-")); n != kit.PassphraseWords {
		t.Errorf("generated passphrase has %d words, want %d", n, kit.PassphraseWords)
	}
	if r := h.ok("", "kit", "export", "-o", out+".2", "--generate-passphrase"); strings.Contains(r.stderr, m[1]) {
		t.Error("a second export printed the same generated passphrase")
	}
}

func TestKitAgeInterop(t *testing.T) {
	h := newHarness(t)
	kitVault(t, h)
	dir := t.TempDir()
	identity, recipient := ageKey(t, dir, "key.txt")
	otherID, otherRecipient := ageKey(t, dir, "other.txt")
	for _, p := range []string{identity, otherID} {
		b, _ := os.ReadFile(p)
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "AGE-SECRET-KEY-") {
				h.addSecret(l)
			}
		}
	}

	// The age tool opens kits Mamori writes, binary and armored, and finds
	// the documented JSON inside.
	for _, armor := range []bool{false, true} {
		out := filepath.Join(dir, "kit.age")
		args := []string{"kit", "export", "-o", out, "--force", "-r", recipient, "-r", otherRecipient}
		if armor {
			args = append(args, "--armor")
		}
		r := h.ok("", args...)
		if !strings.Contains(r.stderr, "encrypted to 2 recipients") || !strings.Contains(r.stderr, "the private key of any recipient") {
			t.Errorf("export to recipients:\n%s", r.stderr)
		}
		for _, id := range []string{identity, otherID} {
			var doc struct {
				Format  string `json:"format"`
				Version int    `json:"version"`
				Vault   struct {
					Accounts []struct {
						Issuer string `json:"issuer"`
						OTP    struct {
							Secret string `json:"secret"`
						} `json:"otp"`
					} `json:"accounts"`
				} `json:"vault"`
			}
			if err := json.Unmarshal(runTool(t, "age", "-d", "-i", id, out), &doc); err != nil {
				t.Fatalf("age -d output is not JSON: %v", err)
			}
			if doc.Format != kit.FormatName || doc.Version != kit.Version || len(doc.Vault.Accounts) != 4 || doc.Vault.Accounts[0].OTP.Secret != "JBSWY3DPEHPK3PXP" {
				t.Errorf("age -d (armor %v) = %+v", armor, doc)
			}
		}
	}

	// A subset kit holds only what was asked for.
	sub := filepath.Join(dir, "sub.age")
	h.ok("", "kit", "export", "-o", sub, "-r", recipient, "--account", "steam", "--account", "Steam: gaben")
	var subDoc kit.Kit
	if err := json.Unmarshal(runTool(t, "age", "-d", "-i", identity, sub), &subDoc); err != nil {
		t.Fatal(err)
	}
	if len(subDoc.Vault.Accounts) != 1 || subDoc.Vault.Accounts[0].Issuer != "Steam" || len(subDoc.Vault.GridCards) != 0 {
		t.Errorf("subset kit = %+v", subDoc.Vault)
	}
	// With the handsets Steam's codes live on and their change, and not
	// GitHub's number change.
	var devices []string
	for _, d := range subDoc.Vault.Devices {
		devices = append(devices, d.Name)
	}
	if strings.Join(devices, ", ") != "iPhone 8, Pixel 9" || len(subDoc.Vault.DeviceChanges) != 1 || len(subDoc.Vault.PhoneChanges) != 0 {
		t.Errorf("subset kit devices %v, %d device change(s), %d phone change(s)", devices, len(subDoc.Vault.DeviceChanges), len(subDoc.Vault.PhoneChanges))
	}
	h.fails(exitFailure, []string{`no account matches "nobody"`}, "", "kit", "export", "-o", filepath.Join(dir, "x.age"), "-r", recipient, "--account", "nobody")

	// A kit the age tool encrypts, binary or armored, imports.
	plain := filepath.Join(dir, "plain.json")
	os.WriteFile(plain, runTool(t, "age", "-d", "-i", identity, sub), 0o600)
	byAge := filepath.Join(dir, "by-age.age")
	runTool(t, "age", "-r", recipient, "-o", byAge, plain)
	byAgeArmored := filepath.Join(dir, "by-age.txt")
	runTool(t, "age", "-a", "-r", recipient, "-o", byAgeArmored, plain)

	dst := newHarness(t)
	dst.secrets = h.secrets
	dst.fails(exitFailure, []string{byAge + " is encrypted to a key: give its identity file with --identity FILE"}, "", "kit", "import", byAge)
	dst.fails(exitFailure, []string{"none of the 1 key given opens " + byAge + "; nothing was changed", "hint: give the identity file"}, "", "kit", "import", byAge, "-i", otherID)
	dst.fails(exitFailure, []string{"is not an age identity file"}, "", "kit", "import", byAge, "-i", plain)
	if len(dst.snapshot()) != 0 {
		t.Fatal("a failed kit import made a vault")
	}
	r := dst.ok("", "kit", "import", byAge, "--identity", identity)
	if !strings.Contains(r.stderr, "added 1 account: Steam: gaben") {
		t.Errorf("import of an age-encrypted kit:\n%s", r.stderr)
	}
	// The armored one, from standard input, with two identities: nothing new.
	before := dst.snapshot()
	armored, _ := os.ReadFile(byAgeArmored)
	r = dst.ok(string(armored), "kit", "import", "-", "-i", otherID, "-i", identity)
	if !strings.Contains(r.stderr, "nothing new") {
		t.Errorf("second import:\n%s", r.stderr)
	}
	dst.sameSnapshot(before, "importing the same accounts again")
}

func TestKitRecipients(t *testing.T) {
	h := newHarness(t)
	kitVault(t, h)
	dir := t.TempDir()
	identity, recipient := ageKey(t, dir, "key.txt")
	idText, _ := os.ReadFile(identity)
	var secretKey string
	for _, l := range strings.Split(string(idText), "\n") {
		if strings.HasPrefix(l, "AGE-SECRET-KEY-") {
			secretKey = h.addSecret(l)
		}
	}
	out := filepath.Join(dir, "kit.age")

	// A private key given as a recipient is refused without being repeated.
	h.fails(exitUsage, []string{"--recipient no. 2 is a private key", "hint: give its public key"}, "", "kit", "export", "-o", out, "-r", recipient, "-r", secretKey)
	h.fails(exitUsage, []string{"--recipient no. 1 is not an age public key (age1…) or an SSH public key"}, "", "kit", "export", "-o", out, "-r", "age1notakey")
	file := filepath.Join(dir, "recipients.txt")
	os.WriteFile(file, []byte("# family\n\n"+recipient+"\nnonsense\n"), 0o600)
	h.fails(exitFailure, []string{file + ", line 4 is not an age public key"}, "", "kit", "export", "-o", out, "-R", file)
	os.WriteFile(file, []byte("# nobody\n"), 0o600)
	h.fails(exitFailure, []string{file + " holds no recipient"}, "", "kit", "export", "-o", out, "-R", file)
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a failed export wrote the kit")
	}

	// A recipients file with comments and an SSH key beside the age key.
	sshKey := filepath.Join(dir, "id_ed25519")
	ssh, err := exec.LookPath("ssh-keygen")
	if err != nil {
		oracletest.SkipOnWindows(t, "ssh-keygen")
		t.Fatalf("ssh-keygen (openssh-client, which scripts/deps.sh installs) makes the SSH recipient: %v", err)
	}
	if err := exec.Command(ssh, "-q", "-t", "ed25519", "-N", "", "-f", sshKey).Run(); err != nil {
		t.Fatal(err)
	}
	pub, _ := os.ReadFile(sshKey + ".pub")
	os.WriteFile(file, []byte("# family\n"+recipient+"\n"+string(pub)), 0o600)
	r := h.ok("", "kit", "export", "-o", out, "-R", file)
	if !strings.Contains(r.stderr, "encrypted to") {
		t.Errorf("export with a recipients file:\n%s", r.stderr)
	}
	runTool(t, "age", "-d", "-i", identity, "-o", os.DevNull, out)
	if _, err := os.Stat(sshKey); err == nil {
		dst := newHarness(t)
		dst.secrets = h.secrets
		if r := dst.ok("", "kit", "import", out, "-i", sshKey); !strings.Contains(r.stderr, "added 4 accounts") {
			t.Errorf("import with an SSH key:\n%s", r.stderr)
		}
	}
}

// agePassphraseEncrypt encrypts plain with the real "age -p" (armored with
// -a) and returns the file it wrote. age reads a passphrase only from a
// terminal, and asks for it twice, so it runs under script(1), which gives
// it one (as ui's ageDecrypt does).
func agePassphraseEncrypt(t *testing.T, plain, pass string, armor bool) string {
	t.Helper()
	age := ageTool(t, "age")
	script, err := exec.LookPath("script")
	if err != nil {
		oracletest.SkipOnWindows(t, "script")
		t.Fatalf("script (util-linux) is needed to give age a terminal: %v", err)
	}
	out := filepath.Join(t.TempDir(), "by-age-p.age")
	flags := "-p"
	if armor {
		flags = "-a -p"
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command(script, "-qec", age+" "+flags+" -o '"+out+"' '"+plain+"'", "/dev/null")
	cmd.Stdin = r
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Both lines wait in the terminal until age reads them; stdin stays
	// open until age is done, so script does not hang up on it.
	if _, err := w.WriteString(pass + "\n" + pass + "\n"); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	w.Close()
	if err != nil {
		t.Fatalf("age %s: %v\n%s", flags, err, output.String())
	}
	return out
}

// A kit the real "age -p" encrypts with a passphrase (at age's own scrypt
// work factor), binary or armored, imports with MAMORI_KIT_PASSPHRASE and
// brings back everything.
func TestKitImportsAgePassphraseFiles(t *testing.T) {
	src := newHarness(t)
	kitVault(t, src)
	want := src.vaultState()
	dir := t.TempDir()
	identity, recipient := ageKey(t, dir, "key.txt")
	sealed := filepath.Join(dir, "kit.age")
	src.ok("", "kit", "export", "-o", sealed, "-r", recipient)
	plain := filepath.Join(dir, "kit.json")
	if err := os.WriteFile(plain, runTool(t, "age", "-d", "-i", identity, sealed), 0o600); err != nil {
		t.Fatal(err)
	}
	pass := src.addSecret("passphrase typed into age -p")

	for _, armor := range []bool{false, true} {
		byAge := agePassphraseEncrypt(t, plain, pass, armor)
		if b, _ := os.ReadFile(byAge); armor != bytes.HasPrefix(b, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) {
			t.Fatalf("age (armor %v) wrote %.40q", armor, b)
		}
		dst := newHarness(t)
		dst.secrets = src.secrets
		dst.fails(exitFailure, []string{byAge + " is protected by a passphrase, and there is no terminal"}, "", "kit", "import", byAge)
		if !armor {
			dst.env[envKitPassphrase] = "not " + pass
			dst.fails(exitFailure, []string{"wrong passphrase for " + byAge + "; nothing was changed"}, "", "kit", "import", byAge)
		}
		if len(dst.snapshot()) != 0 {
			t.Fatal("a failed kit import made a vault")
		}
		dst.env[envKitPassphrase] = pass
		r := dst.ok("", "kit", "import", byAge)
		if !strings.Contains(r.stderr, "added 4 accounts: GitHub: alice, みずほ銀行: 山田太郎, Example HOTP: bob, Steam: gaben") {
			t.Errorf("import of an age -p kit (armor %v):\n%s", armor, r.stderr)
		}
		if got := dst.vaultState(); got != want {
			t.Errorf("age -p kit (armor %v) changed the vault:\n%s\nwant\n%s", armor, got, want)
		}
	}
}
