package cli

import "github.com/mamori-app/mamori/usecase"

// storeError is the CLI's error for the errors usecase.ExplainStore knows
// (a forged, rolled-back or unsafe vault, a kit asking too much work), or
// nil for any other.
func (a *app) storeError(err error) *cliError {
	m, ok := usecase.ExplainStore(err)
	if !ok {
		return nil
	}
	e := failure(m.ID, m.Data)
	if m.Hint != nil {
		e.withHint(m.Hint.ID, m.Hint.Data)
	}
	if m.Detail != "" {
		e.details = append(e.details, a.msg.T("cli.detail.technical", data{"Detail": m.Detail}))
	}
	return e.wrap(err)
}
