package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/unicode/norm"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/trouble"
)

// This file is "mamori lockout": record or clear a lockout after wrong
// passwords (usecase.RecordLockout, ClearLockout).

// lockoutJSON is "lockout --json".
type lockoutJSON struct {
	AccountID        string     `json:"account_id"`
	Label            string     `json:"label"`
	Locked           bool       `json:"locked"`
	Since            *time.Time `json:"since,omitempty"`
	Until            *time.Time `json:"until,omitempty"`
	RemainingSeconds int        `json:"remaining_seconds"`
	Note             string     `json:"note,omitempty"`
}

// parseUntil reads --until: RFC 3339 or Unix seconds, or a local
// "YYYY-MM-DD HH:MM", or "HH:MM" (the next time the clock shows it).
func parseUntil(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(norm.NFKC.String(s))
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006/1/2 15:04"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	if t, err := time.ParseInLocation("15:04", s, time.Local); err == nil {
		l := now.Local()
		at := time.Date(l.Year(), l.Month(), l.Day(), t.Hour(), t.Minute(), 0, 0, time.Local)
		if !at.After(now) {
			at = at.AddDate(0, 0, 1)
		}
		return at, nil
	}
	return parseTime(s)
}

// parseDuration reads a duration as a person writes it: "90m", "3h",
// "1h30m", full-width too.
func parseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.ReplaceAll(strings.TrimSpace(norm.NFKC.String(s)), " ", ""))
	if err != nil {
		return 0, fmt.Errorf("parse duration: %w", err)
	}
	return d, nil
}

func (a *app) lockoutCommand() *cobra.Command {
	var until, forD, note string
	var clearIt, asJSON bool
	cmd := &cobra.Command{
		Use:   "lockout ACCOUNT [--until TIME | --for DURATION] [--note TEXT] [--clear] [--json]",
		Short: "Record that a service locked an account after wrong passwords",
		Long: `Record that ACCOUNT's service has locked it after wrong passwords, now, and
say when the lock should lift: after the account's usual lockout duration
(one hour unless set with "mamori account set ACCOUNT --lockout-duration"),
after --for DURATION ("90m", "3h"), or at --until TIME (RFC 3339, Unix
seconds, a local "YYYY-MM-DD HH:MM", or "HH:MM" for the next time the clock
shows it). The lock lifts by itself; trying again before then only prolongs
it, and at many services a password reset does not lift it.

Recording a lockout again replaces the one recorded. --clear forgets it.
Both are kept, dated, in the account's history. "mamori trouble ACCOUNT
locked" shows the lockout with what to do. With --json, print one JSON
object with the fields account_id, label, locked, since, until,
remaining_seconds and note.`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			if f.Changed("until") && f.Changed("for") {
				return usageErr("cli.error.flags_exclusive", data{"A": "--until", "B": "--for"})
			}
			if clearIt && (f.Changed("until") || f.Changed("for") || f.Changed("note")) {
				return usageErr("cli.error.flags_exclusive", data{"A": "--clear", "B": "--until, --for, --note"})
			}
			now := a.now()
			var untilT time.Time
			var forDur time.Duration
			if f.Changed("until") {
				t, err := parseUntil(until, now)
				if err != nil {
					return usageErr("cli.error.bad_until", nil).wrap(err)
				}
				if !t.After(now) {
					return usageErr("cli.error.until_past", data{"When": when(t)})
				}
				untilT = t
			}
			if f.Changed("for") {
				d, err := parseDuration(forD)
				if err == nil {
					err = trouble.ValidateDuration(d)
				}
				if err != nil {
					return usageErr("cli.error.bad_lockout_duration", data{"Flag": "--for"}).wrap(err)
				}
				forDur = d
			}
			ops, err := a.ops()
			if err != nil {
				return err
			}
			var out lockoutJSON
			var cleared, had bool
			if clearIt {
				var acct vault.Account
				if acct, cleared, err = ops.ClearLockout(args[0]); err != nil {
					return err
				}
				out = lockoutJSON{AccountID: acct.ID, Label: acct.Label()}
			} else {
				res, err := ops.RecordLockout(args[0], usecase.LockoutSpec{Until: untilT, For: forDur, Note: note})
				if err != nil {
					return err
				}
				l := res.Lockout
				had = res.Replaced
				out = lockoutJSON{AccountID: res.Account.ID, Label: res.Account.Label(), Locked: true, Since: &l.Since, Until: &l.Until, Note: l.Note}
				out.RemainingSeconds = int(l.Remaining(now).Round(time.Second) / time.Second)
			}
			switch {
			case clearIt && !cleared:
				a.note("cli.note.lockout_none", data{"Label": out.Label})
			case clearIt:
				a.note("cli.note.lockout_cleared", data{"Label": out.Label})
			default:
				key := "cli.note.lockout_recorded"
				if had {
					key = "cli.note.lockout_replaced"
				}
				a.note(key, data{"Label": out.Label, "Until": when(*out.Until), "Left": a.duration(out.Until.Sub(now))})
				a.note("cli.note.lockout_advice", nil)
			}
			if asJSON {
				return a.printJSON(out)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&until, "until", "", "when the lock lifts: RFC 3339, Unix seconds, YYYY-MM-DD HH:MM or HH:MM")
	f.StringVar(&forD, "for", "", `how long the lock lasts: "90m", "3h"`)
	f.StringVar(&note, "note", "", "a note to keep with the lockout (never a password)")
	f.BoolVar(&clearIt, "clear", false, "forget the recorded lockout")
	f.BoolVar(&asJSON, "json", false, "print one JSON object")
	return cmd
}

// duration writes d for a person, rounded up to the minute (seconds under
// a minute).
func (a *app) duration(d time.Duration) string {
	if d < time.Minute {
		return a.msg.T("cli.dur.seconds", data{"S": int((d + time.Second - 1) / time.Second)})
	}
	m := int((d + time.Minute - 1) / time.Minute)
	switch h, m := m/60, m%60; {
	case h == 0:
		return a.msg.T("cli.dur.minutes", data{"M": m})
	case m == 0:
		return a.msg.T("cli.dur.hours", data{"H": h})
	default:
		return a.msg.T("cli.dur.hours_minutes", data{"H": h, "M": m})
	}
}
