// Command mamori is Mamori's command line (see "mamori --help" and package
// cli). Without arguments it starts the app, mamori-app, installed beside
// it: the two are separate binaries so that this one links no GUI toolkit.
package main

import (
	"os"

	"github.com/mamori-app/mamori/cmd/mamori/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Env{
		Stdin:    os.Stdin,
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Getenv:   os.Getenv,
		StartApp: cli.StartApp,
	}))
}
