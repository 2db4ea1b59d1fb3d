package main_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
)

// mamoriBin is the binary under test, built once by TestMain.
var mamoriBin string

// testPassphrase unlocks the vaults these tests make (MAMORI_KEYRING=file).
const testPassphrase = "e2e passphrase"

// TestMain builds the real binary the way CI's headless run can: no cgo, and
// the ci tag, under which Fyne uses its software test driver.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mamori-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	mamoriBin = filepath.Join(dir, "mamori")
	goTool, err := exec.LookPath("go")
	if err != nil {
		fmt.Fprintln(os.Stderr, "the go command is needed to build mamori:", err)
		os.Exit(1)
	}
	// killpoints: MAMORI_TEST_KILL_AT kills the binary at a step of a save
	// (e2e_kill_test.go).
	build := exec.Command(goTool, "build", "-tags", "ci,killpoints", "-o", mamoriBin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building mamori (CGO_ENABLED=0 go build -tags ci,killpoints): %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is one finished run of the binary.
type result struct {
	code           int
	stdout, stderr string
}

// newHome makes a data directory holding an empty vault whose key is kept in
// a file, wrapped with a cheap scrypt work factor so that every process's
// unlock is fast (age's default costs about a second each).
func newHome(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	store := vault.NewStore(vault.Options{
		Dir:              home,
		Keyring:          keystore.File,
		Passphrase:       func(vault.PassphraseRequest) (string, error) { return testPassphrase, nil },
		ScryptWorkFactor: 10,
	}, nil)
	if _, err := store.Update(func(*vault.Vault) error { return nil }); err != nil {
		t.Fatal(err)
	}
	return home
}

// command prepares the binary with a clean environment for home.
func command(home string, args ...string) *exec.Cmd {
	cmd := exec.Command(mamoriBin, args...)
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"MAMORI_HOME=" + home,
		"MAMORI_KEYRING=file",
		"MAMORI_PASSPHRASE=" + testPassphrase,
		"LANG=C",
	}
	return cmd
}

// run runs the binary to the end.
func run(t *testing.T, home, stdin string, args ...string) result {
	t.Helper()
	cmd := command(home, args...)
	var out, errb bytes.Buffer
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("mamori %q: %v", args, err)
		}
		r.code = ee.ExitCode()
	}
	return r
}

func mustRun(t *testing.T, home string, args ...string) result {
	t.Helper()
	r := run(t, home, "", args...)
	if r.code != 0 {
		t.Fatalf("mamori %q = exit %d\n%s", args, r.code, r.stderr)
	}
	return r
}

// names lists the account names in home's vault, through the binary.
func names(t *testing.T, home string) map[string]bool {
	t.Helper()
	var accts []struct{ Name string }
	if err := json.Unmarshal([]byte(mustRun(t, home, "list", "--json").stdout), &accts); err != nil {
		t.Fatal(err)
	}
	m := map[string]bool{}
	for _, a := range accts {
		if m[a.Name] {
			t.Errorf("account %q is in the vault twice", a.Name)
		}
		m[a.Name] = true
	}
	return m
}

func secret(t *testing.T) string {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

func TestContract(t *testing.T) {
	home := newHome(t)
	mustRun(t, home, "add", "rfc", "--issuer", "RFC", "--secret", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "--digits", "8")
	r := mustRun(t, home, "code", "rfc", "--at", "59")
	if r.stdout != "94287082\n" {
		t.Errorf("code stdout = %q, want only the code", r.stdout)
	}
	if !strings.Contains(r.stderr, "RFC: rfc") {
		t.Errorf("code stderr = %q", r.stderr)
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"--help"}, 0},
		{[]string{"code", "--help"}, 0},
		{[]string{"list", "--bogus"}, 2},
		{[]string{"code"}, 2},
		{[]string{"nonsense"}, 2},
		{[]string{"code", "nothing"}, 1},
	} {
		r := run(t, home, "", tc.args...)
		if r.code != tc.code {
			t.Errorf("mamori %q = exit %d, want %d\n%s", tc.args, r.code, tc.code, r.stderr)
		}
		if tc.code != 0 && (!strings.HasPrefix(r.stderr, "mamori: error: ") || !strings.Contains(r.stderr, "\nhint: ") || r.stdout != "") {
			t.Errorf("mamori %q: stdout %q, stderr %q", tc.args, r.stdout, r.stderr)
		}
	}
}

func TestParallelAddsLoseNothing(t *testing.T) {
	home := newHome(t)
	const perProcess = 25
	var wg sync.WaitGroup
	errs := make(chan string, 2*perProcess)
	secrets := make([]string, 2*perProcess)
	for i := range secrets {
		secrets[i] = secret(t)
	}
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < perProcess; i++ {
				var out bytes.Buffer
				cmd := command(home, "add", fmt.Sprintf("p%d-%02d", w, i), "--secret", secrets[w*perProcess+i])
				cmd.Stderr = &out
				if err := cmd.Run(); err != nil {
					errs <- fmt.Sprintf("writer %d add %d: %v: %s", w, i, err, out.String())
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	got := names(t, home)
	if len(got) != 2*perProcess {
		t.Errorf("%d accounts after %d parallel adds", len(got), 2*perProcess)
	}
	for w := 0; w < 2; w++ {
		for i := 0; i < perProcess; i++ {
			if n := fmt.Sprintf("p%d-%02d", w, i); !got[n] {
				t.Errorf("%s is missing", n)
			}
		}
	}
}

func TestDamagedVaultIsNeverOverwritten(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)*2/3] }},
		{"tampered", func(b []byte) []byte { c := bytes.Clone(b); c[len(c)/2] ^= 0x01; return c }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home := newHome(t)
			mustRun(t, home, "add", "first", "--secret", secret(t))
			mustRun(t, home, "add", "second", "--secret", secret(t))
			p := filepath.Join(home, "vault.age")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			bad := tc.damage(b)
			if err := os.WriteFile(p, bad, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"list"}, {"add", "third", "--secret", secret(t)}, {"code", "first"}, {"rm", "first"}} {
				r := run(t, home, "", args...)
				if r.code != 1 || !strings.HasPrefix(r.stderr, "mamori: error: ") || !strings.Contains(r.stderr, "damaged") ||
					!strings.Contains(r.stderr, "mamori vault restore-backup") {
					t.Errorf("mamori %q on a %s vault = exit %d\n%s", args, tc.name, r.code, r.stderr)
				}
				if now, _ := os.ReadFile(p); !bytes.Equal(now, bad) {
					t.Fatalf("mamori %q changed the damaged vault file", args)
				}
			}
			mustRun(t, home, "vault", "restore-backup")
			if got := names(t, home); len(got) != 1 || !got["first"] {
				t.Errorf("after restore-backup: %v", got)
			}
		})
	}
}
