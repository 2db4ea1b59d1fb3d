//go:build unix

package main_test

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// killedAt runs the binary with MAMORI_TEST_KILL_AT=n (the killpoints
// build kills itself at its nth disk step) and extra environment. It
// returns the step it was killed at, or "" when it finished first; any
// other failure fails the test.
func killedAt(t *testing.T, home string, n int, env []string, args ...string) string {
	t.Helper()
	cmd := command(home, args...)
	cmd.Env = append(append(cmd.Env, fmt.Sprintf("MAMORI_TEST_KILL_AT=%d", n)), env...)
	var errb strings.Builder
	cmd.Stderr = &errb
	err := cmd.Run()
	if err == nil {
		return ""
	}
	ee, ok := err.(*exec.ExitError)
	ws, _ := ee.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("mamori %q (kill at %d) failed on its own: %v\n%s", args, n, err, errb.String())
	}
	// The kill interrupted a write: the binary named the step it died at.
	_, step, found := strings.Cut(errb.String(), fmt.Sprintf("killpoint %d: ", n))
	if !found {
		t.Fatalf("mamori %q was killed, but not at a step of a write:\n%s", args, errb.String())
	}
	step, _, _ = strings.Cut(step, "\n")
	return step
}

// TestKilledWritersLoseNoCompletedAdd kills "mamori add" processes with
// SIGKILL at a random step of their save (or lets them finish); afterwards
// the vault opens and holds every add that exited 0. Every kill is checked
// to have interrupted a write.
func TestKilledWritersLoseNoCompletedAdd(t *testing.T) {
	home := newHome(t)
	const adds = 40
	var completed []string
	killed := map[string]int{}
	for i := 0; i < adds; i++ {
		name := fmt.Sprintf("k%02d", i)
		// An add writes vault.age.bak then vault.age, four steps each;
		// past the eighth step it finishes.
		n, _ := rand.Int(rand.Reader, big.NewInt(10))
		step := killedAt(t, home, int(n.Int64())+1, nil, "add", name, "--secret", secret(t))
		if step == "" {
			completed = append(completed, name)
			continue
		}
		killed[step]++
	}
	t.Logf("%d adds completed; killed at %v", len(completed), killed)
	if len(killed) == 0 {
		t.Fatal("no add was killed in the middle of a write")
	}
	got := names(t, home) // the vault opens
	for _, n := range completed {
		if !got[n] {
			t.Errorf("%s exited 0 but is not in the vault", n)
		}
	}
	// And it still takes changes.
	mustRun(t, home, "add", "after", "--secret", secret(t))
	if !names(t, home)["after"] {
		t.Error("add after the kills was lost")
	}
}

// TestPassphraseChangeKilledAtEveryStep kills "mamori passphrase change"
// at each step of its sequence in turn, on a copy of the same vault: after
// every kill the vault opens with the old or the new passphrase, holds its
// accounts and takes changes; the old passphrase never opens a vault the
// finished change made.
func TestPassphraseChangeKilledAtEveryStep(t *testing.T) {
	tmpl := newHome(t)
	mustRun(t, tmpl, "add", "a", "--secret", secret(t))
	mustRun(t, tmpl, "add", "b", "--secret", secret(t))
	const newPass = "a new e2e passphrase"
	var steps []string
	for n := 1; ; n++ {
		home := t.TempDir()
		if out, err := exec.Command("cp", "-a", tmpl+"/.", home).CombinedOutput(); err != nil {
			t.Fatalf("cp: %v %s", err, out)
		}
		step := killedAt(t, home, n, []string{"MAMORI_NEW_PASSPHRASE=" + newPass, "MAMORI_TEST_WORK_FACTOR=10"}, "passphrase", "change")
		if step == "" {
			// The change finished: only the new passphrase opens the vault.
			if r := runWith(t, home, "MAMORI_PASSPHRASE="+testPassphrase, "list"); r.code == 0 {
				t.Fatal("the old passphrase still opens the vault after the change")
			}
			// The review's attack: keep the old key.age, let the person
			// add an account, put the old key.age back.
			if r := runWith(t, home, "MAMORI_PASSPHRASE="+newPass, "add", "after", "--secret", secret(t)); r.code != 0 {
				t.Fatalf("add after the change: %s", r.stderr)
			}
			if out, err := exec.Command("cp", tmpl+"/key.age", home+"/key.age").CombinedOutput(); err != nil {
				t.Fatalf("cp: %v %s", err, out)
			}
			if r := runWith(t, home, "MAMORI_PASSPHRASE="+testPassphrase, "list"); r.code == 0 {
				t.Fatalf("the old key.age and passphrase open the vault saved after the change:\n%s", r.stdout)
			}
			break
		}
		steps = append(steps, step)
		old := runWith(t, home, "MAMORI_PASSPHRASE="+testPassphrase, "list", "--json")
		pass := testPassphrase
		if old.code != 0 {
			pass = newPass
			if r := runWith(t, home, "MAMORI_PASSPHRASE="+newPass, "list", "--json"); r.code != 0 {
				t.Fatalf("killed at %q: the vault opens with neither passphrase:\nold: %s\nnew: %s", step, old.stderr, r.stderr)
			}
		}
		if r := runWith(t, home, "MAMORI_PASSPHRASE="+pass, "add", "c", "--secret", secret(t)); r.code != 0 {
			t.Fatalf("killed at %q: the vault takes no change: %s", step, r.stderr)
		}
		r := runWith(t, home, "MAMORI_PASSPHRASE="+pass, "list")
		if r.code != 0 || !strings.Contains(r.stdout, "a") || !strings.Contains(r.stdout, "b") || !strings.Contains(r.stdout, "c") {
			t.Fatalf("killed at %q: accounts lost: %s %s", step, r.stdout, r.stderr)
		}
	}
	t.Logf("killed at %d steps: %s", len(steps), strings.Join(steps, "; "))
	if len(steps) < 10 || !strings.Contains(strings.Join(steps, ";"), "rotate: vault re-encrypted") {
		t.Fatalf("the kills missed steps of the change: %v", steps)
	}
}

// runWith runs the binary with one more environment variable.
func runWith(t *testing.T, home, env string, args ...string) result {
	t.Helper()
	cmd := command(home, args...)
	cmd.Env = append(cmd.Env, env)
	var out, errb strings.Builder
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
