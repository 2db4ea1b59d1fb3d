package ui

import (
	"slices"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/otp"
)

// recordingClipboard is a clipboard.Clipboard that records what goes
// through it.
type recordingClipboard struct {
	set, cleared []string
	holds        string
}

func (r *recordingClipboard) SetSecret(s string) error {
	r.set = append(r.set, s)
	r.holds = s
	return nil
}

func (r *recordingClipboard) ClearIf(s string) bool {
	r.cleared = append(r.cleared, s)
	if r.holds != s {
		return false
	}
	r.holds = ""
	return true
}

func (*recordingClipboard) Marked() bool { return true }

// TestSecretsAreCopiedMarked: a code, and the account's secret, go through
// the view's secret clipboard (marked for clipboard managers to skip in the
// app, see package clipboard), never Fyne's plain one, and are taken back
// through it after the delay.
func TestSecretsAreCopiedMarked(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, _ := open(t, store)
	rec := &recordingClipboard{}
	v.clip = rec
	v.prefs.SetInt(prefClipboardSeconds, 5)

	v.copyTop()
	if !slices.Equal(rec.set, []string{"287082"}) {
		t.Fatalf("copying the code put %q on the secret clipboard", rec.set)
	}
	v.now = func() time.Time { return at59.Add(5 * time.Second) }
	v.tick()
	if !slices.Equal(rec.cleared, []string{"287082"}) || rec.holds != "" {
		t.Errorf("after the delay: cleared %q, holds %q", rec.cleared, rec.holds)
	}

	v.copySecret(rfcSecret)
	if got := v.app.Clipboard().Content(); got != "" {
		t.Errorf("Fyne's plain clipboard got %q", got)
	}
	v.lock()
	if rec.holds != "" {
		t.Errorf("locking left %q on the clipboard", rec.holds)
	}
}
