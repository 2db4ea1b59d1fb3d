// Command mamori-app is Mamori's desktop app. "mamori" with no arguments
// starts it; "mamori-app --demo" opens it on a throwaway demo vault. It is
// a binary of its own so that the command line (cmd/mamori) links no GUI
// toolkit; given a subcommand, it runs it as mamori would.
package main

import (
	"os"

	"github.com/mamori-app/mamori/cmd/mamori/cli"
	"github.com/mamori-app/mamori/harden"
	"github.com/mamori-app/mamori/ui"
)

func main() {
	// First, as in mamori: no core files, no memory readers (package harden).
	_ = harden.Process()
	os.Exit(cli.Main(os.Args[1:], cli.Env{
		Stdin:    os.Stdin,
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Getenv:   os.Getenv,
		OpenApp:  ui.Run,
		OpenDemo: ui.RunDemo,
	}))
}
