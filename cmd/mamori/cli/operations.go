package cli

import (
	"github.com/mamori-app/mamori/usecase"
)

// ops returns the use-case operations on the vault's store: every change a
// command makes goes through one of them.
func (a *app) ops() (*usecase.Service, error) {
	store, err := a.openStore()
	if err != nil {
		return nil, err
	}
	return usecase.New(store, a.now), nil
}

// cliHints are the hints the CLI adds under an operation's message: what
// to run next. They name commands, so they are the CLI's own; each is
// filled in with the message's data.
var cliHints = map[string]string{
	"phone.error.not_bound":             "cli.hint.phone_list",
	"phone.error.not_on_checklist":      "cli.hint.phone_risk",
	"phone.error.no_change":             "cli.hint.phone_change",
	"phone.error.bad_number":            "cli.hint.number_format",
	"device.error.not_found":            "cli.hint.device_list",
	"device.error.ambiguous":            "cli.hint.device_ambiguous",
	"device.error.exists":               "cli.hint.device_list",
	"device.error.not_bound":            "cli.hint.device_list",
	"device.error.no_change":            "cli.hint.device_change",
	"device.error.no_change_id":         "cli.hint.device_change",
	"device.error.not_on_checklist":     "cli.hint.device_risk",
	"device.error.bad_host":             "cli.hint.bad_host",
	"grid.error.not_found":              "cli.hint.grid_list",
	"grid.error.ambiguous":              "cli.hint.card_ambiguous",
	"grid.error.exists":                 "cli.hint.card_exists",
	"grid.error.harvest.most":           "cli.hint.harvest",
	"grid.error.harvest.too_many":       "cli.hint.harvest",
	"grid.error.harvest.rapid":          "cli.hint.harvest_rapid",
	"grid.error.challenge.empty":        "cli.hint.challenge_format",
	"grid.error.challenge.off_card":     "cli.hint.challenge_format",
	"grid.error.challenge.ambiguous":    "cli.hint.challenge_format",
	"grid.error.challenge.syntax":       "cli.hint.challenge_format",
	"grid.error.challenge.syntax_plain": "cli.hint.challenge_format",
	"grid.error.input.width":            "cli.hint.card_format",
	"grid.error.input.alphabet":         "cli.hint.card_format",
	"grid.error.input.row":              "cli.hint.card_format",
	"grid.error.input.rows":             "cli.hint.card_format",
}

// cliUsage are the operations' messages that mean the command line itself
// is wrong (exit status 2).
var cliUsage = map[string]bool{
	"phone.error.same_number":             true,
	"phone.error.bad_role":                true,
	"device.error.needs_name":             true,
	"device.error.same_device":            true,
	"device.error.bad_kind":               true,
	"device.error.bad_host":               true,
	"grid.error.needs_name":               true,
	"grid.error.profile.rows":             true,
	"grid.error.profile.cols":             true,
	"grid.error.profile.cell":             true,
	"grid.error.profile.asked":            true,
	"grid.error.profile.case":             true,
	"grid.error.profile.alphabet":         true,
	"grid.error.profile.labels":           true,
	"grid.error.profile.order":            true,
	"grid.error.profile.other":            true,
	"trouble.error.lockout_note_too_long": true,
	"trouble.error.lockout_duration":      true,
	"trouble.error.empty_code":            true,
	"trouble.error.empty_note":            true,
	"trouble.error.note_too_long":         true,
	"trouble.error.bad_step":              true,
	"recovery.error.card":                 true,
	"recovery.error.url":                  true,
	"recovery.error.too_long":             true,
}

// explained is the cliError for an error an operation's area explains
// (usecase.Explain), or nil when none does.
func (a *app) explained(err error) *cliError {
	m, ok := usecase.ExplainKnown(err)
	if !ok {
		return nil
	}
	d := m.Filled(a.lookup)
	e := failure(m.ID, d)
	if cliUsage[m.ID] {
		e = usageErr(m.ID, d)
	}
	switch {
	case m.Hint != nil:
		e = e.withHint(m.Hint.ID, m.Hint.Filled(a.lookup))
	case cliHints[m.ID] != "":
		e = e.withHint(cliHints[m.ID], d)
	}
	return e.wrap(err)
}

// lookup is a text in the CLI's language, for usecase.Message.Render.
func (a *app) lookup(id string, d map[string]any) string { return a.msg.T(id, d) }

// text is a message in the CLI's language, with its technical detail (for
// support) after it when it has one.
func (a *app) text(m usecase.Message) string {
	t := m.Render(a.lookup)
	if m.Detail != "" {
		t += " (" + a.msg.T("cli.detail.technical", data{"Detail": m.Detail}) + ")"
	}
	return t
}
