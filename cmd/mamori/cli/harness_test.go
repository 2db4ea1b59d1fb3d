package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/keystore"
)

// testWorkFactor keeps scrypt cheap in tests (age's default is 18, about a
// second per unlock). It only changes how new passphrase-wrapped keys are made.
const testWorkFactor = 10

// testPassphrase unlocks the file-backed vaults the tests make.
const testPassphrase = "correct horse battery staple"

// testNow is the fixed moment the tests run at (2009-02-13T23:31:30Z), in
// UTC, the tests' local zone (see TestMain).
var testNow = time.Unix(1234567890, 0).UTC()

// TestMain runs the tests in UTC whatever the machine's zone (TZ): the CLI
// prints dates and times in local time (or in the zone of its clock, which
// is testNow's), and the tests expect those of testNow in UTC. In Tokyo,
// 2009-02-13T23:31:30Z is already the 14th.
func TestMain(m *testing.M) {
	// TZ too, for the zone Go reads lazily, on first use, from it.
	os.Setenv("TZ", "UTC")
	time.Local = time.UTC
	os.Exit(m.Run())
}

// harness runs cli.Main in-process against one temporary data directory.
type harness struct {
	t       *testing.T
	home    string
	env     map[string]string
	keyring keystore.Keyring
	tty     terminal
	now     time.Time
	// secrets must never appear in any output.
	secrets []string
}

// result is what one run of the CLI produced.
type result struct {
	code           int
	stdout, stderr string
}

// newHarness returns a harness on the file key store with MAMORI_PASSPHRASE set
// and English messages.
func newHarness(t *testing.T) *harness {
	t.Helper()
	home := t.TempDir()
	return &harness{
		t:    t,
		home: home,
		now:  testNow,
		env: map[string]string{
			envHome:       home,
			envKeyring:    "file",
			envPassphrase: testPassphrase,
			"LANG":        "C",
		},
	}
}

// newMemoryHarness returns a harness whose OS keyring is an in-memory fake,
// so the "system" backend can be tested without a Secret Service.
func newMemoryHarness(t *testing.T) (*harness, *keystore.Memory) {
	h := newHarness(t)
	mem := &keystore.Memory{}
	h.keyring = mem
	h.env[envKeyring] = "system"
	delete(h.env, envPassphrase)
	return h, mem
}

// run runs the CLI with stdin and args.
func (h *harness) run(stdin string, args ...string) result {
	h.t.Helper()
	var out, errb bytes.Buffer
	env := Env{
		Stdin:            strings.NewReader(stdin),
		Stdout:           &out,
		Stderr:           &errb,
		Getenv:           func(k string) string { return h.env[k] },
		tty:              h.tty,
		keyring:          h.keyring,
		scryptWorkFactor: testWorkFactor,
		now:              func() time.Time { return h.now },
	}
	code := Main(args, env)
	r := result{code: code, stdout: out.String(), stderr: errb.String()}
	for _, s := range h.secrets {
		if strings.Contains(r.stdout, s) || strings.Contains(r.stderr, s) {
			h.t.Fatalf("mamori %q printed a secret:\nstdout: %s\nstderr: %s", args, r.stdout, r.stderr)
		}
	}
	if code != exitOK && !strings.HasPrefix(r.stderr, "mamori: error: ") && !strings.Contains(r.stderr, "\nmamori: error: ") {
		h.t.Fatalf("mamori %q failed (%d) without a \"mamori: error:\" line:\n%s", args, code, r.stderr)
	}
	return r
}

// ok runs the CLI and fails the test unless it exits 0.
func (h *harness) ok(stdin string, args ...string) result {
	h.t.Helper()
	r := h.run(stdin, args...)
	if r.code != exitOK {
		h.t.Fatalf("mamori %q = exit %d, want 0\nstdout: %s\nstderr: %s", args, r.code, r.stdout, r.stderr)
	}
	return r
}

// fails runs the CLI and fails the test unless it exits with code and its
// stderr contains every one of want.
func (h *harness) fails(code int, want []string, stdin string, args ...string) result {
	h.t.Helper()
	r := h.run(stdin, args...)
	if r.code != code {
		h.t.Fatalf("mamori %q = exit %d, want %d\nstdout: %s\nstderr: %s", args, r.code, code, r.stdout, r.stderr)
	}
	if r.stdout != "" {
		h.t.Errorf("mamori %q failed but printed on stdout: %q", args, r.stdout)
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, w) {
			h.t.Errorf("mamori %q stderr lacks %q:\n%s", args, w, r.stderr)
		}
	}
	return r
}

// addSecret registers a secret that must never be printed and returns it.
func (h *harness) addSecret(s string) string {
	h.secrets = append(h.secrets, s)
	return s
}

// listJSON runs "list --json" and decodes it.
func (h *harness) listJSON() []accountJSON {
	h.t.Helper()
	r := h.ok("", "list", "--json")
	var out []accountJSON
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		h.t.Fatalf("list --json is not JSON: %v\n%s", err, r.stdout)
	}
	return out
}

// snapshot reads every file in the data directory except the lock file.
func (h *harness) snapshot() map[string]string {
	h.t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(h.home, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || d.Name() == "vault.lock" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(h.home, p)
		snap[rel] = string(b)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		h.t.Fatal(err)
	}
	return snap
}

// sameSnapshot fails the test if the data directory changed.
func (h *harness) sameSnapshot(before map[string]string, what string) {
	h.t.Helper()
	after := h.snapshot()
	for name, b := range before {
		if a, ok := after[name]; !ok {
			h.t.Errorf("%s: %s was removed", what, name)
		} else if a != b {
			h.t.Errorf("%s: %s changed", what, name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			h.t.Errorf("%s: %s was created", what, name)
		}
	}
}

// scriptedTTY is a terminal on which a person types the given lines.
type scriptedTTY struct {
	lines []string
	asked int
}

func (s *scriptedTTY) IsTerminal() bool { return true }

func (s *scriptedTTY) ReadLine() (string, error) { return s.ReadPassword() }

func (s *scriptedTTY) ReadPassword() (string, error) {
	s.asked++
	if len(s.lines) == 0 {
		return "", errors.New("the person walked away")
	}
	l := s.lines[0]
	s.lines = s.lines[1:]
	return l, nil
}
