//go:build !windows && !(linux || freebsd || openbsd || netbsd)

package clipboard

// newSystem is the plain clipboard: this system has no marking Mamori uses.
func newSystem(plain Plain) Clipboard { return Unmarked(plain) }
