//go:build linux || freebsd || openbsd || netbsd

package screen

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/png" // the portal's screenshots are PNG files
	"net/url"
	"os"
	"time"

	"github.com/rymdport/portal/screenshot"
)

// portalTimeout bounds the wait for the portal when ctx has no deadline:
// a desktop may ask the user first, but never for this long.
const portalTimeout = 2 * time.Minute

// capturePortal asks the XDG desktop portal for a screenshot, without its
// interactive dialog. The portal saves the picture to a file and returns
// its URI; the file is read and removed straight away.
func capturePortal(ctx context.Context) (image.Image, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, portalTimeout)
		defer cancel()
	}
	type result struct {
		uri string
		err error
	}
	done := make(chan result, 1)
	go func() {
		uri, err := screenshot.Screenshot("", &screenshot.ScreenshotOptions{NotModal: true})
		done <- result{uri, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		// The portal may still answer and write a file; remove it then.
		go func() {
			if r := <-done; r.err == nil && r.uri != "" {
				_, _ = readAndRemove(r.uri)
			}
		}()
		return nil, fmt.Errorf("portal: %w", ctx.Err())
	}
	if r.err != nil {
		return nil, fmt.Errorf("portal: %w", r.err)
	}
	if r.uri == "" {
		return nil, ErrCancelled
	}
	data, err := readAndRemove(r.uri)
	if err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("portal: decode the screenshot: %w", err)
	}
	return img, nil
}

// readAndRemove reads the file a file:// URI names and deletes it.
func readAndRemove(uri string) ([]byte, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return nil, fmt.Errorf("unexpected screenshot location %q", uri)
	}
	data, err := os.ReadFile(u.Path)
	if rmErr := os.Remove(u.Path); err == nil && rmErr != nil && !os.IsNotExist(rmErr) {
		return data, fmt.Errorf("remove the screenshot file: %w", rmErr)
	}
	if err != nil {
		return nil, fmt.Errorf("read the screenshot: %w", err)
	}
	return data, nil
}
