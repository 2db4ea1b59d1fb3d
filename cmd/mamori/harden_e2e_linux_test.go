package main_test

import (
	"os"
	"regexp"
	"strconv"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestBinaryTurnsOffCoreFilesAtStart starts the real binary on a command
// that waits for standard input and reads its limits from /proc: main
// hardened the process (package harden) before doing anything else.
func TestBinaryTurnsOffCoreFilesAtStart(t *testing.T) {
	var own unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_CORE, &own); err != nil {
		t.Fatal(err)
	}
	if own.Max == 0 {
		t.Skip("this test's own hard core file limit is already 0: a child would show 0 0 without any hardening")
	}
	home := newHome(t)
	cmd := command(home, "import", "-")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = stdin.Close(); _ = cmd.Wait() }()
	limits := "/proc/" + strconv.Itoa(cmd.Process.Pid) + "/limits"
	core := regexp.MustCompile(`(?m)^Max core file size\s+(\S+)\s+(\S+)`)
	// The process starts with the test's own limit; wait (bounded only to
	// stop a hang) until main has run far enough to change it.
	var last string
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		b, err := os.ReadFile(limits)
		if err != nil {
			t.Fatalf("the binary ended before it was looked at: %v", err)
		}
		m := core.FindStringSubmatch(string(b))
		if m == nil {
			t.Fatalf("no core file line in %s:\n%s", limits, b)
		}
		last = m[1] + " " + m[2]
		if last == "0 0" {
			return
		}
	}
	t.Errorf("the running binary's core file limit is %q, want 0 0", last)
}
