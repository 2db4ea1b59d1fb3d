package ui

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/usecase"
)

// passphraseVerdict is Mamori's one passphrase rule (usecase.CheckPassphrase)
// on a passphrase being chosen, for a file at scrypt work factor workFactor
// (0: age's default): whether it may be used, and the verdict in the
// person's language: why it is refused, or that it is strong enough, then
// how long guessing it would take.
func (v *view) passphraseVerdict(p string, workFactor int) (ok bool, says string, advice string) {
	verdict := usecase.CheckPassphrase(p, workFactor)
	parts := make([]string, 0, len(verdict.Says))
	for _, m := range verdict.Says {
		parts = append(parts, v.msg.T(m.ID, m.Data))
	}
	if h := verdict.Says[0].Hint; h != nil {
		advice = v.msg.T(h.ID, h.Data)
	}
	return verdict.OK, strings.Join(parts, " "), advice
}

// passphraseRefusal is why p may not be chosen, with advice, or "" when it
// may.
func (v *view) passphraseRefusal(p string, workFactor int) string {
	ok, says, advice := v.passphraseVerdict(p, workFactor)
	if ok {
		return ""
	}
	return says + "\n" + advice
}

// passphraseMeter is a label for under a new-passphrase field: as the person
// types, it says whether the rule accepts the passphrase and why not, or
// how long it would take to guess. It is hidden while the field is empty.
func (v *view) passphraseMeter(e *formEntry, workFactor int) *widget.Label {
	l := wrapped(v.msg, "")
	l.Hide()
	prev := e.OnChanged
	e.OnChanged = func(s string) {
		if prev != nil {
			prev(s)
		}
		if s == "" {
			l.Hide()
			return
		}
		ok, says, _ := v.passphraseVerdict(s, workFactor)
		l.Importance = widget.WarningImportance
		if ok {
			l.Importance = widget.SuccessImportance
		}
		l.SetText(says)
		l.Show()
	}
	return l
}
