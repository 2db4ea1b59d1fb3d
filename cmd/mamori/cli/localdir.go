package cli

import (
	"path/filepath"
	"runtime"
)

// localDir is where this computer remembers the vaults it opened
// (vault.Options.LocalDir): "mamori-local" in the user configuration
// directory, which on Linux and other XDG systems follows the
// environment's XDG_CONFIG_HOME as os.UserConfigDir does (%AppData% on
// Windows); "" lets the
// store use vault.DefaultLocalDir.
func (a *app) localDir() string {
	if runtime.GOOS == "windows" {
		// os.UserConfigDir is %AppData% there.
		if x := a.env.Getenv("AppData"); filepath.IsAbs(x) {
			return filepath.Join(x, "mamori-local")
		}
		return ""
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" || runtime.GOOS == "plan9" {
		return ""
	}
	if x := a.env.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "mamori-local")
	}
	if h := a.env.Getenv("HOME"); filepath.IsAbs(h) {
		return filepath.Join(h, ".config", "mamori-local")
	}
	return ""
}
