//go:build !(linux || freebsd || openbsd || netbsd)

package screen

import (
	"context"
	"errors"
	"image"
)

var errNotHere = errors.New("not supported on this system yet")

func captureX11(string) (image.Image, error) { return nil, errNotHere }

func capturePortal(context.Context) (image.Image, error) { return nil, errNotHere }
