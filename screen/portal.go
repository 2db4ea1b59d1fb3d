//go:build linux || freebsd || openbsd || netbsd

package screen

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"image"
	_ "image/png" // the portal's screenshots are PNG files
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
)

// The XDG desktop portal's Screenshot API, as documented at
// https://flatpak.github.io/xdg-desktop-portal/docs/doc-org.freedesktop.portal.Screenshot.html
const (
	portalName       = "org.freedesktop.portal.Desktop"
	portalPath       = dbus.ObjectPath("/org/freedesktop/portal/desktop")
	portalScreenshot = "org.freedesktop.portal.Screenshot.Screenshot"
	portalRequest    = "org.freedesktop.portal.Request"
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
	conn, err := dbus.ConnectSessionBus(dbus.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("portal: connect to the session bus: %w", err)
	}
	defer conn.Close()
	uri, err := portalScreenshotURI(ctx, conn)
	if err != nil {
		return nil, err
	}
	data, err := readAndRemove(uri)
	if err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("portal: decode the screenshot: %w", err)
	}
	return img, nil
}

// portalScreenshotURI makes the Screenshot request and waits for its
// Response signal. The signal is subscribed to before the call, at the
// request path the portal will use, so a quick answer is not missed.
func portalScreenshotURI(ctx context.Context, conn *dbus.Conn) (string, error) {
	token, err := handleToken()
	if err != nil {
		return "", err
	}
	signals := make(chan *dbus.Signal, 8)
	conn.Signal(signals)
	defer conn.RemoveSignal(signals)
	watch := func(path dbus.ObjectPath) error {
		return conn.AddMatchSignal(dbus.WithMatchObjectPath(path),
			dbus.WithMatchInterface(portalRequest), dbus.WithMatchMember("Response"))
	}
	want := requestPath(conn.Names()[0], token)
	if err := watch(want); err != nil {
		return "", fmt.Errorf("portal: %w", err)
	}
	options := map[string]dbus.Variant{
		"handle_token": dbus.MakeVariant(token),
		"modal":        dbus.MakeVariant(false),
		"interactive":  dbus.MakeVariant(false),
	}
	var handle dbus.ObjectPath
	err = conn.Object(portalName, portalPath).CallWithContext(ctx, portalScreenshot, 0, "", options).Store(&handle)
	if err != nil {
		return "", fmt.Errorf("portal: %w", err)
	}
	if handle != want { // portals before version 0.9 choose their own path
		if err := watch(handle); err != nil {
			return "", fmt.Errorf("portal: %w", err)
		}
	}
	for {
		select {
		case <-ctx.Done():
			conn.Object(portalName, handle).Call(portalRequest+".Close", dbus.FlagNoReplyExpected)
			return "", fmt.Errorf("portal: %w", ctx.Err())
		case s := <-signals:
			if s.Path != handle || s.Name != portalRequest+".Response" {
				continue
			}
			var status uint32
			var results map[string]dbus.Variant
			if err := dbus.Store(s.Body, &status, &results); err != nil {
				return "", fmt.Errorf("portal: unexpected response: %w", err)
			}
			if status != 0 {
				return "", ErrCancelled
			}
			uri, ok := results["uri"].Value().(string)
			if !ok || uri == "" {
				return "", fmt.Errorf("portal: the response has no uri")
			}
			return uri, nil
		}
	}
}

// handleToken is a fresh token naming one request.
func handleToken() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("portal: %w", err)
	}
	return "mamori_" + hex.EncodeToString(b), nil
}

// requestPath is the object path of the request a client with unique bus
// name sender makes with token, as the portal documentation defines it.
func requestPath(sender, token string) dbus.ObjectPath {
	s := strings.ReplaceAll(strings.TrimPrefix(sender, ":"), ".", "_")
	return dbus.ObjectPath("/org/freedesktop/portal/desktop/request/" + s + "/" + token)
}

// readAndRemove reads the file a file:// URI names and deletes it.
func readAndRemove(uri string) ([]byte, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return nil, fmt.Errorf("unexpected screenshot location %q", uri)
	}
	data, err := os.ReadFile(u.Path)
	if rmErr := os.Remove(u.Path); err == nil && rmErr != nil && !os.IsNotExist(rmErr) {
		return nil, fmt.Errorf("remove the screenshot file: %w", rmErr)
	}
	if err != nil {
		return nil, fmt.Errorf("read the screenshot: %w", err)
	}
	return data, nil
}
