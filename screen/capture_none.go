//go:build !windows && !darwin

package screen

import (
	"context"
	"image"
)

// captureNative is not there on Linux and the BSDs: the X server or the
// desktop portal captures the screen (Env.Methods).
func captureNative(context.Context) (image.Image, bool, error) { return nil, false, nil }
