// Command mamori is Mamori, a desktop account-security companion. Without
// arguments it opens the app; with a subcommand it is the command line (see
// "mamori --help" and package cli).
package main

import (
	"os"

	"github.com/mamori-app/mamori/cmd/mamori/cli"
	"github.com/mamori-app/mamori/harden"
	"github.com/mamori-app/mamori/ui"
)

func main() {
	// First, before any secret is in memory: no core files, and no other
	// program of the user reading this one's memory. A step the system
	// refuses leaves the others in place; there is nobody to tell yet, and
	// a less hardened Mamori is still better than none.
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
