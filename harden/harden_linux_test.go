package harden

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// childEnv tells the test binary, started again by a test, what to be:
// "report" hardens itself and prints what the kernel says of it; "hold"
// and "hold-hardened" wait on standard input, as a target for a sibling;
// "read PID" tries to read another process the way a debugger would.
const childEnv = "MAMORI_HARDEN_TEST_CHILD"

func TestMain(m *testing.M) {
	switch mode := os.Getenv(childEnv); {
	case mode == "report":
		err := Process()
		d, derr := unix.PrctlRetInt(unix.PR_GET_DUMPABLE, 0, 0, 0, 0)
		var rl unix.Rlimit
		rerr := unix.Getrlimit(unix.RLIMIT_CORE, &rl)
		fmt.Printf("err=%v dumpable=%d/%v core=%d/%d/%v\n", err, d, derr, rl.Cur, rl.Max, rerr)
		os.Exit(0)
	case mode == "hold" || mode == "hold-hardened":
		if mode == "hold-hardened" {
			if err := Process(); err != nil {
				fmt.Println("error:", err)
				os.Exit(1)
			}
		}
		fmt.Println("ready")
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	case strings.HasPrefix(mode, "read "):
		pid := strings.TrimPrefix(mode, "read ")
		var out []string
		if _, err := os.ReadFile("/proc/" + pid + "/environ"); err != nil {
			out = append(out, "environ:refused")
		} else {
			out = append(out, "environ:read")
		}
		if f, err := os.Open("/proc/" + pid + "/mem"); err != nil {
			out = append(out, "mem:refused")
		} else {
			f.Close()
			out = append(out, "mem:read")
		}
		fmt.Println(strings.Join(out, " "))
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestProcessIsNotDumpableAndHasNoCoreFiles hardens a child process and
// asks the kernel about it: PR_GET_DUMPABLE is 0 and RLIMIT_CORE is 0,
// soft and hard.
func TestProcessIsNotDumpableAndHasNoCoreFiles(t *testing.T) {
	cmd := exec.Command(self(t))
	cmd.Env = append(os.Environ(), childEnv+"=report")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if want := "err=<nil> dumpable=0/<nil> core=0/0/<nil>\n"; string(out) != want {
		t.Errorf("the hardened process reports %q, want %q", out, want)
	}
}

// TestSiblingCannotReadTheProcess starts a target process and, as the same
// user, a sibling that reads its environment and opens its memory the way
// gdb and memory scanners do: it succeeds on an ordinary process (so the
// check can see a difference) and is refused once the target is hardened.
// Run as root, both run as nobody, since root may read anything.
func TestSiblingCannotReadTheProcess(t *testing.T) {
	bin := self(t)
	var cred *syscall.Credential
	if os.Getuid() == 0 {
		// The test binary must be reachable by nobody.
		dir, err := os.MkdirTemp("", "mamori-harden-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.RemoveAll(dir) })
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		bin = filepath.Join(dir, "harden.test")
		if err := os.WriteFile(bin, data, 0o755); err != nil {
			t.Fatal(err)
		}
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	for _, tc := range []struct {
		target, want string
	}{
		{"hold", "environ:read mem:read"},
		{"hold-hardened", "environ:refused mem:refused"},
	} {
		t.Run(tc.target, func(t *testing.T) {
			target := exec.Command(bin)
			target.Env = []string{childEnv + "=" + tc.target}
			target.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
			stdin, err := target.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			stdout, err := target.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := target.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() { _ = stdin.Close(); _ = target.Wait() }()
			line, err := bufio.NewReader(stdout).ReadString('\n')
			if err != nil || line != "ready\n" {
				t.Fatalf("target said %q (%v)", line, err)
			}
			reader := exec.Command(bin)
			reader.Env = []string{fmt.Sprintf("%s=read %d", childEnv, target.Process.Pid)}
			reader.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
			out, err := reader.CombinedOutput()
			if err != nil {
				t.Fatalf("reader: %v\n%s", err, out)
			}
			if got := strings.TrimSpace(string(out)); got != tc.want {
				t.Errorf("a sibling reading the %s process: %s, want %s", tc.target, got, tc.want)
			}
		})
	}
}

func self(t *testing.T) string {
	t.Helper()
	p, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return p
}
