package cli

import (
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
)

// This file holds what "phone" and "device" share: both record a change
// whose old line or device stops working at some point (phone.Transition),
// list the accounts still to move, and tick them off.

// transitionFlags are the flags of "phone change" and "device change" that
// say when the change takes effect and when the old one stops.
type transitionFlags struct {
	date, until  string
	gone, asJSON bool
}

// register adds the flags; what is "line" or "device".
func (t *transitionFlags) register(f *pflag.FlagSet, what string) {
	f.StringVar(&t.date, "date", "", "when the change takes effect: YYYY-MM-DD or RFC 3339 (default now)")
	f.StringVar(&t.until, "old-until", "", "the last day the old "+what+" still works")
	f.BoolVar(&t.gone, "old-gone", false, "the old "+what+" stops working at --date")
	f.BoolVar(&t.asJSON, "json", false, "print one JSON object")
}

// transition reads the flags: the change takes effect at --date (default
// now), and the old one stops at --old-until, at --date with --old-gone, or
// at no known time.
func (t *transitionFlags) transition(cmd *cobra.Command, now time.Time) (phone.Transition, error) {
	f := cmd.Flags()
	if t.gone && f.Changed("old-until") {
		return phone.Transition{}, usageErr("cli.error.flags_exclusive", data{"A": "--old-until", "B": "--old-gone"})
	}
	tr := phone.Transition{Date: now.UTC()}
	if f.Changed("date") {
		d, err := parseDay(t.date, false)
		if err != nil {
			return phone.Transition{}, usageErr("cli.error.bad_date", data{"Flag": "--date"}).wrap(err)
		}
		tr.Date = d.UTC()
	}
	if f.Changed("old-until") {
		d, err := parseDay(t.until, true)
		if err != nil {
			return phone.Transition{}, usageErr("cli.error.bad_date", data{"Flag": "--old-until"}).wrap(err)
		}
		u := d.UTC()
		tr.OldUsableUntil = &u
	} else if !t.gone {
		tr.OldStillWorks = true
	}
	return tr, nil
}

// orEmpty returns items, or an empty slice for nil, so that JSON prints [].
func orEmpty[T any](items []T) []T {
	if items == nil {
		return []T{}
	}
	return items
}

// checklistLine is one account on a checklist.
type checklistLine struct {
	cells      []string
	accountID  string
	noFallback bool
}

// printChecklistTable prints a checklist on stdout under header, one account
// a line, with the support route under each account that has no other way
// in, introduced by the message noFallbackKey.
func (a *app) printChecklistTable(v *vault.Vault, header []string, lines []checklistLine, noFallbackKey string) error {
	rows := [][]string{header}
	extras := map[int][]string{}
	for _, l := range lines {
		rows = append(rows, append([]string{"[ ]"}, l.cells...))
		if l.noFallback {
			more := []string{a.msg.T(noFallbackKey)}
			if acct := v.Account(l.accountID); acct != nil {
				contact, known := a.supportContact(*acct)
				more = append(more, contact...)
				if known {
					more = append(more, a.msg.T("cli.phone.support_request", data{"Label": acct.Label()}))
				}
			}
			extras[len(rows)-1] = more
		}
	}
	var b strings.Builder
	if err := writeTable(&b, rows); err != nil {
		return err
	}
	var out strings.Builder
	for i, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		out.WriteString(strings.TrimRight(line, " ") + "\n")
		for _, l := range extras[i] {
			out.WriteString("      " + l + "\n")
		}
	}
	_, err := a.env.Stdout.Write([]byte(out.String()))
	return err
}

// riskCommand is "phone risk" and "device risk": the checklist over every
// recorded change, as a table or, with --json, one JSON array.
func riskCommand[T any](a *app, short, long, noneKey string, risk func(*vault.Vault, time.Time) []T, print func(*vault.Vault, []T) error) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "risk [--json]",
		Short: short,
		Long:  long,
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := a.load()
			if err != nil {
				return err
			}
			items := risk(v, a.now())
			if asJSON {
				return a.printJSON(orEmpty(items))
			}
			if len(items) == 0 {
				a.note(noneKey, nil)
				return nil
			}
			return print(v, items)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON array")
	return cmd
}
