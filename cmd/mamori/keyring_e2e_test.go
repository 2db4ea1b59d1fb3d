//go:build keyring

package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault/keystore"
)

// TestKeyringBinary runs the real binary on the real OS keyring (inside
// scripts/with-keyring.sh's private Secret Service); it fails when that is
// not reachable.
func TestKeyringBinary(t *testing.T) {
	home := t.TempDir()
	env := func(args ...string) result {
		t.Helper()
		cmd := command(home, args...)
		cmd.Env = []string{
			"PATH=" + os.Getenv("PATH"),
			"HOME=" + os.Getenv("HOME"),
			"MAMORI_HOME=" + home,
			"MAMORI_KEYRING=system",
			"LANG=C",
		}
		for _, v := range []string{"DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "GNOME_KEYRING_CONTROL"} {
			if val, ok := os.LookupEnv(v); ok {
				cmd.Env = append(cmd.Env, v+"="+val)
			}
		}
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		r := result{}
		if err := cmd.Run(); err != nil {
			r.code = cmd.ProcessState.ExitCode()
		}
		r.stdout, r.stderr = out.String(), errb.String()
		if r.code != 0 {
			t.Fatalf("mamori %q = exit %d (is the Secret Service running? use scripts/with-keyring.sh)\n%s", args, r.code, r.stderr)
		}
		return r
	}
	env("add", "rfc", "--issuer", "RFC", "--secret", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "--digits", "8")
	t.Cleanup(func() {
		var ki struct{ ID string }
		if b, err := os.ReadFile(filepath.Join(home, "key.json")); err == nil && json.Unmarshal(b, &ki) == nil {
			keystore.OS{}.Delete("vault-" + ki.ID)
		}
	})
	if r := env("code", "rfc", "--at", "1111111109"); r.stdout != "07081804\n" {
		t.Errorf("code = %q", r.stdout)
	}
	var info struct {
		Backend    string
		Passphrase bool
		Accounts   int
	}
	json.Unmarshal([]byte(env("vault", "info", "--json").stdout), &info)
	if info.Backend != "system" || info.Passphrase || info.Accounts != 1 {
		t.Errorf("vault info = %+v", info)
	}
	if _, err := os.Stat(filepath.Join(home, "key.age")); err == nil {
		t.Error("the key went to a file although the OS keyring works")
	}
}
