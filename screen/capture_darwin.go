package screen

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
)

// maxFile caps the PNG screencapture may hand over.
const maxFile = 512 << 20

// captureNative captures every display with macOS's own screencapture
// (-x: no sound) into a PNG in a private temporary folder, reads it and
// removes it at once. macOS asks the person once to allow Screen Recording
// for Mamori. Not tested here: macOS cannot be built or run on the Linux
// machines Mamori is tested on.
func captureNative(ctx context.Context) (image.Image, bool, error) {
	dir, err := os.MkdirTemp("", "mamori-capture-")
	if err != nil {
		return nil, true, fmt.Errorf("screencapture: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "screen.png")
	if out, err := exec.CommandContext(ctx, "screencapture", "-x", "-t", "png", path).CombinedOutput(); err != nil {
		return nil, true, fmt.Errorf("screencapture: %v: %s", err, bytes.TrimSpace(out))
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, true, fmt.Errorf("screencapture made no picture (is Screen Recording allowed for Mamori?): %w", err)
	}
	if fi.Size() > maxFile {
		return nil, true, fmt.Errorf("screencapture: a %d MiB picture, larger than Mamori reads", fi.Size()>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, true, fmt.Errorf("screencapture: %w", err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, true, fmt.Errorf("screencapture: %w", err)
	}
	return img, true, nil
}
