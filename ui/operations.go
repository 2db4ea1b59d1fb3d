package ui

import (
	"errors"

	"fyne.io/fyne/v2"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
)

// runOp runs op off the UI thread; once it succeeded, the window shows the
// vault as saved. done, when set, then runs on the UI thread with op's
// error.
func (v *view) runOp(op func(*usecase.Service) error, done func(error)) {
	v.async(func() {
		err := op(v.ops())
		var vlt *vault.Vault
		var lerr error
		if err == nil {
			vlt, lerr = v.store.Load()
		}
		fyne.Do(func() {
			if vlt != nil || lerr != nil {
				v.show(vlt, lerr)
			}
			if done != nil {
				done(err)
			}
		})
	})
}

// problemText is what a person reads for an error of an operation of the
// phone screens (see opText).
func (v *view) problemText(err error) string {
	var gone *usecase.DeviceNotFoundError
	switch {
	case errors.As(err, &gone):
		// The screens name devices by ID: one not found was removed, here
		// or in another window.
		return v.msg.T("ui.phones.device_gone")
	case !explained(err) && errors.Is(err, vault.ErrNotFound):
		return v.msg.T("ui.phones.account_gone")
	}
	return v.opText(err, "ui.phones.save_failed")
}

// opText is what a person reads for an operation's error: its area's
// message, or, for a failure no area explains, the text failedKey with the
// error as the store's readable text in {{.Error}}.
func (v *view) opText(err error, failedKey string) string {
	if m, ok := usecase.ExplainKnown(err); ok {
		return v.message(m)
	}
	return v.msg.T(failedKey, map[string]any{"Error": v.readable(err).Error()})
}

// message is m in the person's language.
func (v *view) message(m usecase.Message) string {
	t := m.Render(func(id string, d map[string]any) string { return v.msg.T(id, d) })
	if m.Detail != "" {
		t += " " + v.msg.T("ui.error.technical", map[string]any{"Error": m.Detail})
	}
	return t
}

// explained reports whether an area of the use-case layer words err.
func explained(err error) bool {
	_, ok := usecase.ExplainKnown(err)
	return ok
}
