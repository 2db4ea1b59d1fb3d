//go:build linux || freebsd || openbsd || netbsd

package clipboard

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// newSystem owns the X CLIPBOARD selection when there is an X display
// (DISPLAY), and is plain otherwise (a Wayland session without XWayland).
func newSystem(plain Plain) Clipboard {
	d := os.Getenv("DISPLAY")
	if d == "" {
		return Unmarked(plain)
	}
	return &x11{display: d, plain: plain}
}

// PasswordHint is the target that marks a copy as a secret for clipboard
// managers (KDE's Klipper introduced it; KeePassXC sets it), and its value.
const (
	PasswordHint      = "x-kde-passwordManagerHint"
	PasswordHintValue = "secret"
)

// maxX11Text is the longest text served in one reply; longer texts would
// need the INCR protocol, and go to the plain clipboard instead. Mamori
// copies codes and short texts.
const maxX11Text = 64 << 10

// x11 owns the CLIPBOARD selection with a window of its own on a
// connection of its own, and answers other clients' requests for it from a
// goroutine, until another client takes the selection.
type x11 struct {
	display string
	plain   Plain

	mu    sync.Mutex
	conn  *xgb.Conn // nil until the first copy, or after the connection failed
	win   xproto.Window
	atoms map[string]xproto.Atom
	text  string // what is offered; "" when the selection is not ours
	owned bool
	err   error // why the connection could not be made, once it failed
}

func (*x11) Marked() bool { return true }

var atomNames = []string{"CLIPBOARD", "TARGETS", "TIMESTAMP", "MULTIPLE", "UTF8_STRING", "STRING", "TEXT", "ATOM", "INTEGER", PasswordHint}

// connect opens the connection and the window the selection belongs to,
// once; it must be called with mu held.
func (x *x11) connect() error {
	if x.conn != nil || x.err != nil {
		return x.err
	}
	c, err := xgb.NewConnDisplay(x.display)
	if err != nil {
		x.err = fmt.Errorf("x11 clipboard: connect to %s: %w", x.display, err)
		return x.err
	}
	atoms := map[string]xproto.Atom{}
	for _, n := range atomNames {
		r, err := xproto.InternAtom(c, false, uint16(len(n)), n).Reply()
		if err != nil {
			c.Close()
			x.err = fmt.Errorf("x11 clipboard: intern %s: %w", n, err)
			return x.err
		}
		atoms[n] = r.Atom
	}
	win, err := xproto.NewWindowId(c)
	if err != nil {
		c.Close()
		x.err = fmt.Errorf("x11 clipboard: %w", err)
		return x.err
	}
	scr := xproto.Setup(c).DefaultScreen(c)
	err = xproto.CreateWindowChecked(c, 0, win, scr.Root, 0, 0, 1, 1, 0,
		xproto.WindowClassInputOnly, 0, 0, nil).Check()
	if err != nil {
		c.Close()
		x.err = fmt.Errorf("x11 clipboard: make a window: %w", err)
		return x.err
	}
	x.conn, x.win, x.atoms = c, win, atoms
	go x.serve(c)
	return nil
}

func (x *x11) SetSecret(text string) error {
	if len(text) > maxX11Text {
		x.plain.SetContent(text)
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.connect(); err != nil {
		x.plain.SetContent(text)
		return err
	}
	x.text, x.owned = text, true
	xproto.SetSelectionOwner(x.conn, x.win, x.atoms["CLIPBOARD"], xproto.TimeCurrentTime)
	// Make sure the server took it: another client may have asked at the
	// same moment.
	r, err := xproto.GetSelectionOwner(x.conn, x.atoms["CLIPBOARD"]).Reply()
	if err != nil || r.Owner != x.win {
		x.text, x.owned = "", false
		x.plain.SetContent(text)
		if err == nil {
			err = errors.New("another program took the clipboard")
		}
		return fmt.Errorf("x11 clipboard: own the selection: %w", err)
	}
	return nil
}

func (x *x11) ClearIf(text string) bool {
	x.mu.Lock()
	if x.conn == nil || !x.owned {
		x.mu.Unlock()
		// Not ours (never taken, or taken back by another client): only
		// a copy that went to the plain clipboard can still be there.
		return Unmarked(x.plain).ClearIf(text)
	}
	if x.text != text {
		x.mu.Unlock()
		return false
	}
	x.text, x.owned = "", false
	xproto.SetSelectionOwner(x.conn, xproto.WindowNone, x.atoms["CLIPBOARD"], xproto.TimeCurrentTime)
	_, _ = xproto.GetInputFocus(x.conn).Reply() // wait until the server has it
	x.mu.Unlock()
	return true
}

// serve answers the selection's requests until the connection ends.
func (x *x11) serve(c *xgb.Conn) {
	for {
		ev, err := c.WaitForEvent()
		if ev == nil && err == nil {
			x.mu.Lock()
			x.conn, x.owned, x.text = nil, false, ""
			x.err = errors.New("x11 clipboard: the connection ended")
			x.mu.Unlock()
			return
		}
		switch e := ev.(type) {
		case xproto.SelectionClearEvent:
			x.mu.Lock()
			if e.Owner == x.win {
				x.owned, x.text = false, ""
			}
			x.mu.Unlock()
		case xproto.SelectionRequestEvent:
			x.answer(c, e)
		}
	}
}

// answer sends a requestor what it asked for, or a refusal.
func (x *x11) answer(c *xgb.Conn, e xproto.SelectionRequestEvent) {
	x.mu.Lock()
	text, owned, a := x.text, x.owned, x.atoms
	x.mu.Unlock()
	prop := e.Property
	if prop == xproto.AtomNone {
		prop = e.Target // an obsolete client (ICCCM 2.2)
	}
	ok := owned && e.Selection == a["CLIPBOARD"]
	if ok {
		switch e.Target {
		case a["TARGETS"]:
			targets := []xproto.Atom{a["TARGETS"], a["TIMESTAMP"], a["UTF8_STRING"], a["STRING"], a["TEXT"], a[PasswordHint]}
			buf := make([]byte, 4*len(targets))
			for i, t := range targets {
				xgb.Put32(buf[4*i:], uint32(t))
			}
			xproto.ChangeProperty(c, xproto.PropModeReplace, e.Requestor, prop, a["ATOM"], 32, uint32(len(targets)), buf)
		case a["TIMESTAMP"]:
			buf := make([]byte, 4)
			xgb.Put32(buf, uint32(xproto.TimeCurrentTime))
			xproto.ChangeProperty(c, xproto.PropModeReplace, e.Requestor, prop, a["INTEGER"], 32, 1, buf)
		case a["UTF8_STRING"], a["TEXT"]:
			xproto.ChangeProperty(c, xproto.PropModeReplace, e.Requestor, prop, a["UTF8_STRING"], 8, uint32(len(text)), []byte(text))
		case a["STRING"]:
			latin1 := toLatin1(text)
			xproto.ChangeProperty(c, xproto.PropModeReplace, e.Requestor, prop, a["STRING"], 8, uint32(len(latin1)), latin1)
		case a[PasswordHint]:
			xproto.ChangeProperty(c, xproto.PropModeReplace, e.Requestor, prop, a[PasswordHint], 8,
				uint32(len(PasswordHintValue)), []byte(PasswordHintValue))
		default:
			ok = false
		}
	}
	if !ok {
		prop = xproto.AtomNone
	}
	notify := xproto.SelectionNotifyEvent{
		Time:      e.Time,
		Requestor: e.Requestor,
		Selection: e.Selection,
		Target:    e.Target,
		Property:  prop,
	}
	xproto.SendEvent(c, false, e.Requestor, 0, string(notify.Bytes()))
}

// toLatin1 is text as ISO 8859-1, which STRING is; characters outside it
// become "?" (codes and backup codes are ASCII).
func toLatin1(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			r = '?'
		}
		out = append(out, byte(r))
	}
	return out
}
