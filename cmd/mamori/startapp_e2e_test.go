//go:build unix

package main_test

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/cmd/mamori/cli"
)

// installed copies the binary under test into a directory of its own (a
// copy, not a link: the app is looked for beside the real file) and, when
// app is not empty, writes a stand-in for the app there: a script that
// prints its process ID and arguments.
func installed(t *testing.T, app string) string {
	t.Helper()
	dir := t.TempDir()
	src, err := os.Open(mamoriBin)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(filepath.Join(dir, "mamori"), os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	if app != "" {
		if err := os.WriteFile(filepath.Join(app, cli.AppName("linux")), []byte("#!/bin/sh\necho \"app $$ $*\"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "mamori")
}

// TestNoArgumentsStartsTheAppBinary: "mamori" starts mamori-app from its own
// directory, or else from PATH, in its own place (the same process) and
// with --demo passed on; without one it says so in the person's language.
func TestNoArgumentsStartsTheAppBinary(t *testing.T) {
	home := newHome(t)
	startIn := func(bin, path, lang string, args ...string) (result, int) {
		t.Helper()
		cmd := command(home, args...)
		cmd.Path, cmd.Args[0] = bin, bin
		for i, e := range cmd.Env {
			switch {
			case strings.HasPrefix(e, "PATH="):
				cmd.Env[i] = "PATH=" + path
			case strings.HasPrefix(e, "LANG="):
				cmd.Env[i] = "LANG=" + lang
			}
		}
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		r := result{stdout: out.String(), stderr: errb.String()}
		if err != nil {
			r.code = cmd.ProcessState.ExitCode()
		}
		return r, cmd.Process.Pid
	}

	// Beside the command line.
	dir := t.TempDir()
	bin := installed(t, "")
	if err := os.Rename(bin, filepath.Join(dir, "mamori")); err != nil {
		t.Fatal(err)
	}
	bin = filepath.Join(dir, "mamori")
	installed(t, dir)
	for _, args := range [][]string{nil, {"--demo"}} {
		r, pid := startIn(bin, "", "C", args...)
		want := strings.TrimSpace("app " + strconv.Itoa(pid) + " " + strings.Join(args, " "))
		if r.code != 0 || strings.TrimSpace(r.stdout) != want {
			t.Errorf("mamori %q beside the app = %d %q %q, want the app in the same process: %q", args, r.code, r.stdout, r.stderr, want)
		}
	}

	// On PATH only.
	lonely := installed(t, "")
	onPath := t.TempDir()
	installed(t, onPath)
	if r, _ := startIn(lonely, onPath, "C", "--demo"); r.code != 0 || !strings.HasSuffix(strings.TrimSpace(r.stdout), " --demo") {
		t.Errorf("mamori --demo with the app on PATH = %d %q %q", r.code, r.stdout, r.stderr)
	}

	// Nowhere.
	for lang, want := range map[string]string{
		"C":           "mamori: error: the Mamori app (mamori-app) is not installed",
		"ja_JP.UTF-8": "mamori: error: Mamori のアプリ本体（mamori-app）が",
	} {
		r, _ := startIn(lonely, t.TempDir(), lang)
		if r.code != 1 || !strings.HasPrefix(r.stderr, want) || !strings.Contains(r.stderr, "\nhint: ") || r.stdout != "" {
			t.Errorf("LANG=%s mamori without the app = %d %q %q, want exit 1 and %q with a hint", lang, r.code, r.stdout, r.stderr, want)
		}
	}
}
