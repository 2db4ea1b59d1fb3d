package trouble

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxErrorCodeLen bounds an error code, in characters.
const MaxErrorCodeLen = 40

// MaxErrorNotes is how many error notes one account keeps.
const MaxErrorNotes = 100

// ErrorNote is the person's own note on an error code an account's service
// shows: what it meant and what helped.
type ErrorNote struct {
	// Code is the error code as normalised by NormalizeErrorCode.
	Code string `json:"code"`
	// Text is the note.
	Text string `json:"text"`
	// Added is when the note was written or last changed.
	Added time.Time `json:"added"`
}

// ErrorKind groups error codes by what to do about them.
type ErrorKind string

// Kinds of error codes known in advance (assets/guides/error-codes.json).
const (
	// KindRateLimit: too many attempts; access is limited for a while.
	// Waiting is the only fix.
	KindRateLimit ErrorKind = "rate-limit"
	// KindRedirect: after logging in, the page it should go to failed to
	// open. Go back and follow the link again; clear the cache.
	KindRedirect ErrorKind = "redirect"
	// KindServer: the server failed to show the page. Log out, clear the
	// cache, allow cookies and JavaScript.
	KindServer ErrorKind = "server"
	// KindUnavailable: the service is down or in maintenance. Check its
	// status page and wait.
	KindUnavailable ErrorKind = "unavailable"
)

// ErrorAdvice is what Mamori can say about one error code: the person's
// own note for the account, or advice for a code known in advance.
type ErrorAdvice struct {
	// Code is the error code.
	Code string `json:"code"`
	// Own says the advice is the person's note for this account.
	Own bool `json:"own"`
	// Kind is the kind of a code known in advance; empty for own notes.
	Kind ErrorKind `json:"kind,omitempty"`
	// Text is the note, or the advice in the language asked for.
	Text string `json:"text"`
	// Added is when an own note was written.
	Added time.Time `json:"added,omitzero"`
}

// NormalizeErrorCode makes an error code comparable however it was typed:
// full-width to half-width (ＳＳ５０３), surrounding spaces and a leading
// "code" or "コード" with its colon removed (nothing else left is no code),
// upper case. "コード：ce500" becomes "CE500".
func NormalizeErrorCode(s string) string {
	s = strings.TrimSpace(norm.NFKC.String(s))
	for _, p := range []string{"エラーコード", "コード", "error code", "code"} {
		if len(s) < len(p) || !strings.EqualFold(s[:len(p)], p) {
			continue
		}
		// A Latin word must end there: "codex" is a code of its own.
		if rest := s[len(p):]; p[0] >= 0x80 || rest == "" || rest[0] == ' ' || rest[0] == ':' {
			s = strings.TrimLeft(rest, " :")
			break
		}
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.ToUpper(strings.TrimSpace(s))
}

// SetErrorNote returns notes with code's note set to text at now, replacing
// an earlier note for the same code. The code must not be empty
// (ErrEmptyCode) nor longer than MaxErrorCodeLen, the text neither empty
// (ErrEmptyNote) nor longer than MaxNoteLen (ErrTooLong); an account keeps
// at most MaxErrorNotes (ErrTooLong). replaced says whether a note was
// replaced. notes itself is not modified.
func SetErrorNote(notes []ErrorNote, code, text string, now time.Time) (out []ErrorNote, replaced bool, err error) {
	c := NormalizeErrorCode(code)
	text = strings.TrimSpace(text)
	switch {
	case c == "":
		return notes, false, ErrEmptyCode
	case len([]rune(c)) > MaxErrorCodeLen:
		return notes, false, fmt.Errorf("%w: error code longer than %d characters", ErrTooLong, MaxErrorCodeLen)
	case text == "":
		return notes, false, ErrEmptyNote
	case len([]rune(text)) > MaxNoteLen:
		return notes, false, fmt.Errorf("%w: note longer than %d characters", ErrTooLong, MaxNoteLen)
	}
	out = append([]ErrorNote(nil), notes...)
	n := ErrorNote{Code: c, Text: text, Added: now.UTC()}
	for i := range out {
		if out[i].Code == c {
			out[i] = n
			return out, true, nil
		}
	}
	if len(out) >= MaxErrorNotes {
		return notes, false, fmt.Errorf("%w: an account keeps at most %d error notes", ErrTooLong, MaxErrorNotes)
	}
	return append(out, n), false, nil
}

// RemoveErrorNote returns notes without code's note, or ErrNoSuchNote.
func RemoveErrorNote(notes []ErrorNote, code string) ([]ErrorNote, error) {
	c := NormalizeErrorCode(code)
	for i := range notes {
		if notes[i].Code == c {
			out := append([]ErrorNote(nil), notes[:i]...)
			return append(out, notes[i+1:]...), nil
		}
	}
	return notes, fmt.Errorf("%w: %q", ErrNoSuchNote, clip(c))
}

// LookupError returns what is known about code: the account's own note
// first, then the advice for a code known in advance, in lang. Nothing
// known is an empty slice.
func LookupError(notes []ErrorNote, code, lang string) ([]ErrorAdvice, error) {
	all, err := KnownErrors(notes, lang)
	if err != nil {
		return nil, err
	}
	c := NormalizeErrorCode(code)
	out := []ErrorAdvice{}
	for _, a := range all {
		if a.Code == c {
			out = append(out, a)
		}
	}
	return out, nil
}

// KnownErrors returns every error code Mamori can say something about for
// an account: its own notes (by code), then the codes known in advance (by
// kind, then code), with their advice in lang.
func KnownErrors(notes []ErrorNote, lang string) ([]ErrorAdvice, error) {
	g, err := defaultGuides()
	if err != nil {
		return nil, err
	}
	return g.knownErrors(notes, lang)
}

func (g *guides) knownErrors(notes []ErrorNote, lang string) ([]ErrorAdvice, error) {
	lang = Lang(lang)
	out := []ErrorAdvice{}
	own := append([]ErrorNote(nil), notes...)
	sort.SliceStable(own, func(i, j int) bool { return own[i].Code < own[j].Code })
	for _, n := range own {
		out = append(out, ErrorAdvice{Code: n.Code, Own: true, Text: n.Text, Added: n.Added})
	}
	for _, k := range g.errorCodes {
		text, err := g.text(lang, "error-code.kind."+string(k.Kind), nil)
		if err != nil {
			return nil, err
		}
		out = append(out, ErrorAdvice{Code: k.Code, Kind: k.Kind, Text: text})
	}
	return out, nil
}
