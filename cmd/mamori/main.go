// Command mamori is Mamori's command line (see "mamori --help" and package
// cli). Without arguments it starts the app, mamori-app, installed beside
// it: the two are separate binaries so that this one links no GUI toolkit.
package main

import (
	"os"

	"github.com/mamori-app/mamori/cmd/mamori/cli"
	"github.com/mamori-app/mamori/harden"
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
		StartApp: cli.StartApp,
	}))
}
