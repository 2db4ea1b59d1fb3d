// Command mamori is Mamori, a desktop account-security companion. Without
// arguments it opens the app; with a subcommand it is the command line (see
// "mamori --help" and package cli).
package main

import (
	"os"

	"github.com/mamori-app/mamori/cmd/mamori/cli"
	"github.com/mamori-app/mamori/ui"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Env{
		Stdin:    os.Stdin,
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Getenv:   os.Getenv,
		OpenApp:  ui.Run,
		OpenDemo: ui.RunDemo,
	}))
}
