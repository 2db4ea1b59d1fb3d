package ui

import (
	"fyne.io/fyne/v2"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
)

// ops is the use-case operations on the window's store, with the window's
// clock: every change the window makes goes through one of them.
func (v *view) ops() *usecase.Service { return usecase.New(v.store, v.now) }

// run runs op, an operation, in the background (the store may ask for the
// passphrase), then on the UI thread shows the vault op returns, when it
// returns one without an error, and calls done with the error made
// readable.
func (v *view) run(op func(s *usecase.Service) (*vault.Vault, error), done func(error)) {
	v.async(func() {
		vlt, err := op(v.ops())
		fyne.Do(func() {
			if err == nil && vlt != nil {
				v.show(vlt, nil)
			}
			if done != nil {
				done(v.readable(err))
			}
		})
	})
}

// explain is err in the person's language when an operation's area knows
// it (usecase.ExplainKnown); else the text of fallback, whose {{.Error}}
// is err as readable makes it.
func (v *view) explain(err error, fallback string) string {
	if m, ok := usecase.ExplainKnown(err); ok {
		return m.Text(v.msg)
	}
	return v.msg.T(fallback, map[string]any{"Error": v.readable(err).Error()})
}
