// Command noenv runs a program with LC_ALL, LC_MESSAGES and LANG removed
// from its environment. Under Wine these Unix variables reach Windows
// programs (Wine takes Windows' locale from them), and Mamori would read
// them before asking Windows; the smoke test (scripts/smoke-windows.sh)
// runs Mamori through noenv so that only Windows' own setting decides, as
// on a real Windows.
//
//	noenv PROGRAM [ARGS...]
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: noenv PROGRAM [ARGS...]")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(name) {
		case "LC_ALL", "LC_MESSAGES", "LANG":
		default:
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		os.Exit(exit.ExitCode())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "noenv:", err)
		os.Exit(1)
	}
}
