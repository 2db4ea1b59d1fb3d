//go:build killpoints && unix

package cli

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// killpoint, in binaries built with the killpoints tag (the end-to-end
// tests' only), is the store's Step hook: with MAMORI_TEST_KILL_AT=N, the
// process names the Nth step of a save or key change on stderr and kills
// itself there with SIGKILL, as a crash or power cut would stop it.
func killpoint(getenv func(string) string) func(string) {
	at, err := strconv.Atoi(getenv("MAMORI_TEST_KILL_AT"))
	if err != nil || at < 1 {
		return nil
	}
	n := 0
	return func(step string) {
		if n++; n == at {
			fmt.Fprintf(os.Stderr, "killpoint %d: %s\n", n, step)
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}
}

// e2eWorkFactor, in the killpoints build, is MAMORI_TEST_WORK_FACTOR: a
// cheap scrypt cost for keys the end-to-end tests make, so that each of
// their many processes unlocks fast. 0 keeps the default.
func e2eWorkFactor(getenv func(string) string) int {
	n, err := strconv.Atoi(getenv("MAMORI_TEST_WORK_FACTOR"))
	if err != nil || n < 1 || n > 18 {
		return 0
	}
	return n
}
