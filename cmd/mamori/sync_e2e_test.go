//go:build syncthing

package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"text/template"
	"time"
)

// syncthingConfig is a whole config.xml for one of the two test instances:
// loopback only, no discovery, relays, NAT or usage reports, the folder
// watched and rescanned every second.
var syncthingConfig = template.Must(template.New("config").Parse(`<configuration version="36">
    <folder id="mamori" label="mamori" path="{{.Folder}}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <device id="{{.Self}}"></device>
        <device id="{{.Peer}}"></device>
        <minDiskFree unit="%">0</minDiskFree>
        <maxConflicts>10</maxConflicts>
    </folder>
    <device id="{{.Self}}" name="self" compression="metadata" introducer="false"><address>dynamic</address></device>
    <device id="{{.Peer}}" name="peer" compression="metadata" introducer="false"><address>tcp://127.0.0.1:{{.PeerPort}}</address></device>
    <gui enabled="true" tls="false"><address>127.0.0.1:{{.GUIPort}}</address><apikey>mamori-test</apikey></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{{.Port}}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <startBrowser>false</startBrowser>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
`))

// stignore is what the README tells people to put in the vault folder's
// .stignore: the lock file and Mamori's temporary files are this desktop's
// own.
const stignore = "vault.lock\n.*.tmp\n"

// desktop is one of the two simulated desktops: a Syncthing instance and a
// Mamori data folder it replicates.
type desktop struct {
	name          string
	home, folder  string
	id            string
	port, guiPort int
	cmd           *exec.Cmd
	exited        chan struct{} // closed when cmd has ended
	log           *bytes.Buffer
	syncthing     string
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func newDesktop(t *testing.T, syncthing, name string) *desktop {
	t.Helper()
	d := &desktop{name: name, home: t.TempDir(), folder: t.TempDir(), syncthing: syncthing,
		port: freePort(t), guiPort: freePort(t)}
	if out, err := exec.Command(syncthing, "generate", "--home="+d.home, "--no-default-folder", "--skip-port-probing").CombinedOutput(); err != nil {
		t.Fatalf("syncthing generate: %v\n%s", err, out)
	}
	out, err := exec.Command(syncthing, "serve", "--home="+d.home, "--device-id").Output()
	if err != nil {
		t.Fatalf("syncthing --device-id: %v", err)
	}
	d.id = strings.TrimSpace(string(out))
	if err := os.WriteFile(filepath.Join(d.folder, ".stignore"), []byte(stignore), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(d.folder, 0o700); err != nil {
		t.Fatal(err)
	}
	return d
}

func (d *desktop) configure(t *testing.T, peer *desktop) {
	t.Helper()
	var b bytes.Buffer
	if err := syncthingConfig.Execute(&b, map[string]any{"Folder": d.folder, "Self": d.id, "Peer": peer.id,
		"PeerPort": peer.port, "Port": d.port, "GUIPort": d.guiPort}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d.home, "config.xml"), b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func (d *desktop) start(t *testing.T) {
	t.Helper()
	if d.log == nil {
		d.log = &bytes.Buffer{}
	}
	fmt.Fprintf(d.log, "---- syncthing of desktop %s starts\n", d.name)
	d.cmd = exec.Command(d.syncthing, "serve", "--home="+d.home, "--no-browser", "--no-restart", "--logflags=0")
	// STMONITORED: run Syncthing itself, not a monitor that restarts a
	// child, so that the process the test stops is the one holding the
	// database.
	d.cmd.Env = append(os.Environ(), "STNOUPGRADE=1", "STNORESTART=1", "STMONITORED=1", "STTRACE="+os.Getenv("MAMORI_STTRACE"), "HOME="+d.home)
	d.cmd.Stdout, d.cmd.Stderr = d.log, d.log
	// Syncthing may run its work in a child of a monitor process: give
	// them a process group, so that stopping the desktop stops both.
	d.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := d.cmd.Start(); err != nil {
		t.Fatalf("starting syncthing (%s): %v", d.name, err)
	}
	exited, cmd := make(chan struct{}), d.cmd
	d.exited = exited
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() { d.stop() })
}

// running says why this desktop's Syncthing stopped, or "" while it runs.
func (d *desktop) running() string {
	select {
	case <-d.exited:
		return fmt.Sprintf("syncthing of desktop %s exited", d.name)
	default:
		return ""
	}
}

func (d *desktop) stop() {
	if d.cmd == nil {
		return
	}
	syscall.Kill(-d.cmd.Process.Pid, syscall.SIGKILL)
	<-d.exited
	d.cmd = nil
}

// mamori runs the CLI on this desktop's folder.
func (d *desktop) mamori(t *testing.T, args ...string) result {
	t.Helper()
	return mustRun(t, d.folder, args...)
}

// eventually polls check until it returns "" or the time is up, and fails
// with the last thing check said, and both Syncthing logs.
func eventually(t *testing.T, limit time.Duration, ds []*desktop, check func() string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	last := ""
	for {
		for _, d := range ds {
			if why := d.running(); why != "" {
				t.Fatalf("%s:\n%s", why, d.log)
			}
		}
		if last = check(); last == "" {
			return
		}
		select {
		case <-ctx.Done():
			for _, d := range ds {
				t.Logf("syncthing log of %s:\n%s", d.name, d.log)
				var files []string
				filepath.WalkDir(d.folder, func(p string, e os.DirEntry, err error) error {
					if err == nil && !e.IsDir() {
						rel, _ := filepath.Rel(d.folder, p)
						files = append(files, rel)
					}
					return nil
				})
				t.Logf("files of %s: %q", d.name, files)
			}
			t.Fatalf("after %s: %s", limit, last)
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// TestSyncthingMergesEditsFromTwoDesktops: two real Syncthing instances on
// loopback replicate one vault folder between two desktops. Both change the
// vault while they cannot reach each other; once they can, Syncthing keeps
// one change as vault.age and the other as a conflict copy, each desktop's
// next command merges what it finds, and both end with the same vault
// holding both changes.
func TestSyncthingMergesEditsFromTwoDesktops(t *testing.T) {
	syncthing, err := exec.LookPath("syncthing")
	if err != nil {
		t.Fatalf("syncthing (Debian's syncthing, which scripts/deps.sh installs) runs this test: %v", err)
	}
	a, b := newDesktop(t, syncthing, "a"), newDesktop(t, syncthing, "b")
	a.configure(t, b)
	b.configure(t, a)
	both := []*desktop{a, b}

	// Desktop A makes the vault; B receives it.
	writeHome(t, a.folder)
	a.mamori(t, "add", "--uri", "otpauth://totp/Shared:first?secret="+secret(t)+"&issuer=Shared")
	a.start(t)
	b.start(t)
	eventually(t, 2*time.Minute, both, func() string {
		if _, err := os.Stat(filepath.Join(b.folder, "vault.age")); err != nil {
			return "the vault has not reached desktop B"
		}
		if !names(t, b.folder)["first"] {
			return "desktop B does not see the first account"
		}
		return ""
	})

	// They lose each other; each adds an account and B deletes the first.
	b.stop()
	a.stop()
	a.mamori(t, "add", "--uri", "otpauth://totp/A:only-on-a?secret="+secret(t)+"&issuer=A")
	b.mamori(t, "add", "--uri", "otpauth://totp/B:only-on-b?secret="+secret(t)+"&issuer=B")
	b.mamori(t, "rm", "first")
	a.start(t)
	b.start(t)

	want := []string{"only-on-a", "only-on-b"}
	eventually(t, 3*time.Minute, both, func() string {
		var said []string
		for _, d := range both {
			// A command run while the engine is still delivering may find
			// the other desktop's older branch in place before the copy of
			// its own newer one arrives (a rollback refused); what counts
			// is that both desktops end with the merged vault.
			r := run(t, d.folder, "", "list", "--json")
			if r.code != 0 {
				said = append(said, fmt.Sprintf("desktop %s: %s", d.name, strings.TrimSpace(r.stderr)))
				continue
			}
			var accts []struct{ Name string }
			if err := json.Unmarshal([]byte(r.stdout), &accts); err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, a := range accts {
				seen[a.Name] = true
			}
			got := slices.Sorted(maps.Keys(seen)) // merges what has arrived
			if !slices.Equal(got, want) {
				said = append(said, fmt.Sprintf("desktop %s has %q", d.name, got))
			}
		}
		return strings.Join(said, "; ")
	})
	// The conflict copy was merged and set aside, never deleted.
	merged, _ := filepath.Glob(filepath.Join(a.folder, "merged-copies", "*"))
	mergedB, _ := filepath.Glob(filepath.Join(b.folder, "merged-copies", "*"))
	if len(merged)+len(mergedB) == 0 {
		t.Error("no conflict copy was set aside in merged-copies/ on either desktop")
	}
}

// writeHome makes an empty vault in dir, as newHome does in a new folder.
func writeHome(t *testing.T, dir string) {
	t.Helper()
	src := newHome(t)
	for _, f := range []string{"vault.age", "key.json", "key.age"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
