package cli

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/service"
)

func (a *app) phoneCommand() *cobra.Command {
	return a.groupCommand("phone", "Track the phone numbers accounts send codes to, and number changes",
		a.phoneBindCommand(), a.phoneUnbindCommand(), a.phoneListCommand(), a.phoneChangeCommand(),
		a.phoneDoneCommand(), a.phoneRiskCommand(), a.phoneReadinessCommand())
}

// parseNumber reads a phone number the way a person types it, in Japan
// unless it has a country code. The number is not repeated in the error: it
// is personal data, and the person has it in front of them.
func (a *app) parseNumber(s string) (phone.Number, error) {
	n, err := phone.Parse(s, phone.DefaultRegion)
	if err != nil {
		return phone.Number{}, failure("cli.error.bad_number", nil).withHint("cli.hint.number_format", nil).wrap(err)
	}
	return n, nil
}

// roleName translates a role (usecase.RoleName).
func (a *app) roleName(r phone.Role) string { return usecase.RoleName(r).Text(a.msg) }

func (a *app) parseRole(s string) (phone.Role, error) {
	r, err := phone.ParseRole(s)
	if err != nil {
		return "", usageErr("cli.error.bad_role", nil).wrap(err)
	}
	return r, nil
}

func (a *app) phoneBindCommand() *cobra.Command {
	var role string
	cmd := &cobra.Command{
		Use:   "bind ACCOUNT NUMBER [--role sms|voice|backup|recovery-contact]",
		Short: "Record that an account sends codes (or calls) to a phone number",
		Long: `Record that ACCOUNT uses the phone number NUMBER, in a role: sms (login
codes by SMS, the default), voice (codes read out in a call), backup (a
second number the service falls back to) or recovery-contact (the number
support uses to confirm it is you).

NUMBER is read as a Japanese number unless it starts with a country code:
090-1234-5678, 09012345678, +81 90 1234 5678 and full-width
０９０－１２３４－５６７８ are the same number, stored as +819012345678.
Invalid numbers are refused. A VoIP number (050) or a landline bound for SMS
is recorded with a warning: SMS codes often never reach them. Binding the
same number in the same role twice changes nothing.`,
		Args: exactArgs("ACCOUNT", "NUMBER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := a.parseRole(role)
			if err != nil {
				return err
			}
			n, err := a.parseNumber(args[1])
			if err != nil {
				return err
			}
			ops, err := a.ops()
			if err != nil {
				return err
			}
			res, err := ops.BindPhone(args[0], n, r)
			if err != nil {
				return err
			}
			d := data{"Label": res.Account.Label(), "Number": n.Display(phone.DefaultRegion), "E164": string(n.E164), "Role": a.roleName(r)}
			if res.Added {
				a.note("cli.note.phone_bound", d)
			} else {
				a.note("cli.note.phone_already_bound", d)
			}
			switch res.Warning {
			case phone.FindingVoIPForSMS:
				a.warn("cli.warn.voip", d)
			case phone.FindingSMSUnsuitable:
				a.warn("cli.warn.sms_unsuitable", data{"Number": n.Display(phone.DefaultRegion), "Kind": a.kindName(n.Kind)})
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&role, "role", string(phone.RoleSMS), "sms, voice, backup or recovery-contact")
	return cmd
}

func (a *app) phoneUnbindCommand() *cobra.Command {
	var role string
	cmd := &cobra.Command{
		Use:   "unbind ACCOUNT NUMBER [--role ROLE]",
		Short: "Forget that an account uses a phone number",
		Long: `Remove the binding of NUMBER from ACCOUNT, in every role or only in --role.
A number the account is not bound to is an error.`,
		Args: exactArgs("ACCOUNT", "NUMBER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var r phone.Role
			if cmd.Flags().Changed("role") {
				var err error
				if r, err = a.parseRole(role); err != nil {
					return err
				}
			}
			n, err := a.parseNumber(args[1])
			if err != nil {
				return err
			}
			ops, err := a.ops()
			if err != nil {
				return err
			}
			res, err := ops.UnbindPhone(args[0], n.E164, r)
			if err != nil {
				return err
			}
			a.note("cli.note.phone_unbound", data{"Label": res.Account.Label(), "Number": n.Display(phone.DefaultRegion), "Count": res.Removed})
			return nil
		},
	}
	cmd.Flags().StringVar(&role, "role", "", "only this role: sms, voice, backup or recovery-contact")
	return cmd
}

// bindingJSON is one line of "phone list --json".
type bindingJSON struct {
	AccountID string     `json:"account_id"`
	Label     string     `json:"label"`
	Number    phone.E164 `json:"number"`
	National  string     `json:"national,omitempty"`
	Kind      phone.Kind `json:"kind,omitempty"`
	Role      phone.Role `json:"role"`
	Since     time.Time  `json:"since,omitzero"`
}

func (a *app) phoneListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [ACCOUNT] [--json]",
		Short: "List the phone numbers accounts are bound to",
		Long: `List every account's phone numbers with their roles, or only ACCOUNT's.
With --json, print one JSON array of objects with the fields account_id,
label, number (E.164), national, kind, role and since.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := a.load()
			if err != nil {
				return err
			}
			accts := v.Accounts
			if len(args) == 1 {
				acct, err := a.findAccount(v, args[0])
				if err != nil {
					return err
				}
				accts = []vault.Account{*acct}
			}
			out := []bindingJSON{}
			for _, acct := range accts {
				for _, b := range acct.Phones {
					j := bindingJSON{AccountID: acct.ID, Label: acct.Label(), Number: b.Number, Role: b.Role, Since: b.Since}
					if n, err := b.Number.Number(); err == nil {
						j.National, j.Kind = n.National, n.Kind
					}
					out = append(out, j)
				}
			}
			if asJSON {
				return a.printJSON(out)
			}
			if len(out) == 0 {
				a.note("cli.note.no_bindings", nil)
				return nil
			}
			rows := [][]string{{a.msg.T("cli.phone.account"), a.msg.T("cli.phone.number"), a.msg.T("cli.phone.role"), a.msg.T("cli.phone.kind")}}
			for _, j := range out {
				rows = append(rows, []string{j.Label, j.Number.Display(phone.DefaultRegion), a.roleName(j.Role), a.kindName(j.Kind)})
			}
			return writeTable(a.env.Stdout, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON array")
	return cmd
}

// kindName translates the kind of a line; a kind this version does not
// know is "other", never its identifier.
func (a *app) kindName(k phone.Kind) string {
	switch k {
	case phone.KindMobile:
		return a.msg.T("cli.kind.mobile")
	case phone.KindFixed:
		return a.msg.T("cli.kind.fixed")
	case phone.KindVoIP:
		return a.msg.T("cli.kind.voip")
	case phone.KindFixedOrMobile:
		return a.msg.T("cli.kind.fixed_or_mobile")
	case phone.KindTollFree:
		return a.msg.T("cli.kind.toll_free")
	case phone.KindPremium:
		return a.msg.T("cli.kind.premium_rate")
	case phone.KindSharedCost:
		return a.msg.T("cli.kind.shared_cost")
	case phone.KindPersonal:
		return a.msg.T("cli.kind.personal")
	case phone.KindPager:
		return a.msg.T("cli.kind.pager")
	case phone.KindUAN:
		return a.msg.T("cli.kind.uan")
	case phone.KindVoicemail:
		return a.msg.T("cli.kind.voicemail")
	case phone.KindUnknown:
		return a.msg.T("cli.kind.unknown")
	case "":
		return "-"
	}
	return a.msg.T("cli.kind.other")
}

// changeJSON is "phone change --json": the change recorded and its checklist.
type changeJSON struct {
	Change    phone.Change     `json:"change"`
	Checklist []phone.RiskItem `json:"checklist"`
}

func (a *app) phoneChangeCommand() *cobra.Command {
	var tf transitionFlags
	cmd := &cobra.Command{
		Use:   "change OLD NEW|- [--date D] [--old-until D | --old-gone]",
		Short: "Record a phone number change and list the accounts still bound to the old number",
		Long: `Record that the number OLD is being replaced by NEW ("-" when the line is
given up without a replacement), and print the checklist: every account still
bound to OLD. Log in to each while the old line still receives SMS, move it to
the new number at the service, then tick it off with
"mamori phone done OLD ACCOUNT". An account with no other way in (no
authenticator key, no unused backup code, no other number) is marked, with
its support contact from "mamori recovery set" if recorded.

--date is when the change takes effect (default: now). By default the old
line is taken to keep working with no known end; --old-until D gives the last
day it works, and --old-gone says it stops at --date (already, if that is
past). Dates are YYYY-MM-DD (local time) or RFC 3339.

Recording a change of the same OLD number again updates it, keeping the
accounts already ticked off. With --json, print one JSON object with the
fields change and checklist (as "phone risk --json").`,
		Args: exactArgs("OLD", "NEW"),
		RunE: func(cmd *cobra.Command, args []string) error {
			now := a.now()
			tr, err := tf.transition(cmd, now)
			if err != nil {
				return err
			}
			oldN, err := a.parseNumber(args[0])
			if err != nil {
				return err
			}
			var newE phone.E164
			if args[1] != "-" {
				n, err := a.parseNumber(args[1])
				if err != nil {
					return err
				}
				newE = n.E164
			}
			ops, err := a.ops()
			if err != nil {
				return err
			}
			res, err := ops.RecordNumberChange(oldN.E164, newE, tr)
			if err != nil {
				return err
			}
			change, items, v2, updated := res.Change, res.Checklist, res.Vault, res.Updated
			if tf.asJSON {
				return a.printJSON(changeJSON{Change: change, Checklist: orEmpty(items)})
			}
			key := "cli.note.change_recorded"
			if updated {
				key = "cli.note.change_updated"
			}
			a.note(key, data{"Old": change.Old.Display(phone.DefaultRegion), "New": a.newNumber(change.New), "Date": day(change.Date), "State": a.oldState(change.Transition, now)})
			if len(items) == 0 {
				a.note("cli.note.change_nothing_bound", data{"Old": change.Old.Display(phone.DefaultRegion)})
				return nil
			}
			if err := a.printChecklist(v2, items); err != nil {
				return err
			}
			next := "cli.note.change_next"
			if u, _ := change.OldState(now); u == phone.UrgencyGone {
				next = "cli.note.change_next_gone"
			}
			a.note(next, data{"Old": change.Old.Display(phone.DefaultRegion), "Count": len(items)})
			return nil
		},
	}
	tf.register(cmd.Flags(), "line")
	return cmd
}

// newNumber shows a change's new number, or says there is none.
func (a *app) newNumber(e phone.E164) string {
	if e == "" {
		return a.msg.T("cli.phone.no_new_number")
	}
	return e.Display(phone.DefaultRegion)
}

// oldState says in words whether a change's old line still works.
func (a *app) oldState(c phone.Transition, now time.Time) string {
	u, deadline := c.OldState(now)
	return a.urgency(u, deadline)
}

func (a *app) urgency(u phone.Urgency, deadline *time.Time) string {
	switch u {
	case phone.UrgencyGoing:
		if deadline != nil {
			// A deadline given as a day ("--old-until 2025-03-31") is the
			// start of the next day: say the day it still works through.
			if l := deadline.Local(); l.Hour() == 0 && l.Minute() == 0 && l.Second() == 0 && l.Nanosecond() == 0 {
				return a.msg.T("cli.urgency.going_day", data{"Day": day(l.AddDate(0, 0, -1))})
			}
			return a.msg.T("cli.urgency.going", data{"Deadline": when(*deadline)})
		}
	case phone.UrgencyOpen:
		return a.msg.T("cli.urgency.open")
	case phone.UrgencyGone:
		return a.msg.T("cli.urgency.gone")
	}
	return string(u)
}

// printChecklist prints risk items on stdout, one account a line, with the
// support route under each account that has no other way in.
func (a *app) printChecklist(v *vault.Vault, items []phone.RiskItem) error {
	header := []string{"", a.msg.T("cli.phone.account"), a.msg.T("cli.phone.change"), a.msg.T("cli.phone.roles"), a.msg.T("cli.phone.state")}
	lines := make([]checklistLine, len(items))
	for i, it := range items {
		roles := make([]string, len(it.Roles))
		for i, r := range it.Roles {
			roles[i] = a.roleName(r)
		}
		cells := []string{it.Label, it.Old.Display(phone.DefaultRegion) + " → " + a.newNumber(it.New), strings.Join(roles, a.msg.T("cli.list_separator")), a.urgency(it.Urgency, it.Deadline)}
		lines[i] = checklistLine{cells: cells, accountID: it.AccountID, noFallback: it.NoFallback}
	}
	if err := a.printChecklistTable(v, header, lines, "cli.phone.no_fallback"); err != nil {
		return err
	}
	a.printChangeLinks(v, items)
	return nil
}

// supportContact is how to reach an account's support, from its recovery
// details, or a line saying how to record it; known says which.
func (a *app) supportContact(acct vault.Account) (lines []string, known bool) {
	r := acct.Recovery
	if r.SupportPhone != "" {
		lines = append(lines, a.msg.T("cli.phone.support_phone", data{"Phone": r.SupportPhone, "Hours": r.SupportHours}))
	}
	if r.SupportURL != "" {
		lines = append(lines, a.msg.T("cli.phone.support_url", data{"URL": r.SupportURL}))
	}
	if len(lines) == 0 {
		return []string{a.msg.T("cli.phone.support_unknown", data{"Label": acct.Label()})}, false
	}
	return lines, true
}

func (a *app) phoneDoneCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "done CHANGE|OLD ACCOUNT",
		Short: "Tick an account off a number change's checklist",
		Long: `Tick ACCOUNT off the checklist of a recorded number change, once the
account has been moved to the new number at its service. CHANGE|OLD is the
old number of the change (or the change's id from "phone risk --json").
The account's bindings move from the old number to the new one, keeping
their roles (or are removed, when the line was given up without a new one).`,
		Args: exactArgs("CHANGE", "ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ops, err := a.ops()
			if err != nil {
				return err
			}
			res, err := ops.TickNumberChange(args[0], args[1])
			if err != nil {
				return err
			}
			c := res.Change
			label, oldS := res.Account.Label(), c.Old.Display(phone.DefaultRegion)
			if res.Already {
				a.note("cli.note.done_already", data{"Label": label, "Old": oldS})
			} else {
				a.note("cli.note.done", data{"Label": label, "Old": oldS, "New": a.newNumber(c.New)})
			}
			left := res.Left
			a.note("cli.note.done_left", data{"Count": left})
			return nil
		},
	}
}

func (a *app) phoneRiskCommand() *cobra.Command {
	return riskCommand(a, "List the accounts still bound to a number that is gone or going",
		`List, over every recorded number change, the accounts still bound to the
old number and not ticked off: first those whose old line still works (soonest
deadline first), then those without a deadline, then those whose old line is
already gone. Accounts with no other way in are marked, with their support
contact.

With --json, print one JSON array of objects with the fields account_id,
label, change_id, old, new (E.164), roles, urgency (going, open or gone),
deadline and no_fallback.`,
		"cli.note.no_risk",
		func(v *vault.Vault, now time.Time) []phone.RiskItem {
			return phone.Risk(v.Bindings(), v.PhoneChanges, now)
		},
		a.printChecklist)
}

// findingJSON is one line of "phone readiness --json": the finding and its
// message in the CLI's language.
type findingJSON struct {
	phone.Finding
	Message string `json:"message"`
}

func (a *app) phoneReadinessCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "readiness [--json]",
		Short: "Find single points of failure before a phone is lost or changed",
		Long: `Check every account for single points of failure: SMS-only accounts with
no backup codes or second way in (sms-only), services wanting two devices
with fewer registered (one-device), an SMS or backup number that is a VoIP
number or a line that cannot receive SMS (voip-for-sms, sms-unsuitable; such a
backup number is no second way in), bound numbers that
are not valid (invalid-number), and backup codes used up or running low
(backup-codes-used-up, backup-codes-low); and, from what each account's
service offers ("mamori service"), codes still coming by SMS or call where
the service offers an authenticator app or security key (sms-switchable) and
services that offer only SMS or a call (service-phone-only). Most severe
first.

With --json, print one JSON array of objects with the fields code, severity
(high, medium or low), account_id, label, number, role (for voip-for-sms and
sms-unsuitable), count and message.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := a.load()
			if err != nil {
				return err
			}
			found := usecase.Findings(usecase.Readiness(v, service.New()))
			out := make([]findingJSON, len(found))
			for i, f := range found {
				out[i] = findingJSON{Finding: f.Finding, Message: a.text(f.Message)}
			}
			if asJSON {
				return a.printJSON(out)
			}
			if len(out) == 0 {
				a.note("cli.note.ready", nil)
				return nil
			}
			rows := [][]string{{a.msg.T("cli.readiness.severity"), a.msg.T("cli.phone.account"), a.msg.T("cli.readiness.finding")}}
			for _, f := range out {
				rows = append(rows, []string{a.severityName(f.Severity), f.Label, f.Message})
			}
			return writeTable(a.env.Stdout, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON array")
	return cmd
}

func (a *app) severityName(s phone.Severity) string {
	switch s {
	case phone.SeverityHigh:
		return a.msg.T("cli.severity.high")
	case phone.SeverityMedium:
		return a.msg.T("cli.severity.medium")
	case phone.SeverityLow:
		return a.msg.T("cli.severity.low")
	}
	return string(s)
}
