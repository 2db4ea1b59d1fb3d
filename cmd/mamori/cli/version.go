package cli

import (
	"runtime/debug"

	"github.com/mamori-app/mamori/assets"
)

// Version is Mamori's release (assets.Version), the same as FyneApp.toml's
// Details.Version (TestVersionMatchesFyneApp keeps them together).
const Version = assets.Version

// versionText is what "mamori --version" prints after the name: the
// release and, for a build from a git checkout, its commit.
func versionText() string {
	v := Version
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+changes"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		v += " (" + rev + modified + ")"
	}
	return v
}
