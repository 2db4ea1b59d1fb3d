//go:build unix

package main_test

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// TestKilledWritersLoseNoCompletedAdd kills "mamori add" processes with
// SIGKILL at random moments; afterwards the vault opens and holds every add
// that exited 0.
func TestKilledWritersLoseNoCompletedAdd(t *testing.T) {
	home := newHome(t)
	const adds = 40
	var completed []string
	killed := 0
	for i := 0; i < adds; i++ {
		name := fmt.Sprintf("k%02d", i)
		cmd := command(home, "add", name, "--secret", secret(t))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		n, _ := rand.Int(rand.Reader, big.NewInt(40))
		time.Sleep(time.Duration(n.Int64()) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL) // may come too late; then the add finished
		err := cmd.Wait()
		if err == nil {
			completed = append(completed, name)
			continue
		}
		if ee, ok := err.(*exec.ExitError); ok {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				killed++
				continue
			}
		}
		t.Fatalf("add %s failed on its own: %v", name, err)
	}
	t.Logf("%d adds completed, %d killed", len(completed), killed)
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
