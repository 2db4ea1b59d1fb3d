package cli

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/unicode/norm"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/trouble"
)

// maxCheckInput caps what "check-input -" reads: far more than any ID or
// password.
const maxCheckInput = 64 << 10

// troubleLang is the guide language for --lang, or the CLI's own.
func (a *app) troubleLang(cmd *cobra.Command, lang string) (string, error) {
	if !cmd.Flags().Changed("lang") {
		return a.msg.Lang(), nil
	}
	switch l := strings.ToLower(strings.TrimSpace(lang)); l {
	case assets.LangJapanese, assets.LangEnglish:
		return l, nil
	}
	return "", usageErr("cli.error.bad_lang", nil)
}

// guideError explains a broken guide: a build defect, never the user's.
func guideError(err error) error {
	return failure("cli.error.guide", data{"Detail": err.Error()}).wrap(err)
}

// checkFindingJSON is one finding of "check-input --json".
type checkFindingJSON struct {
	trouble.Finding
	Message string `json:"message"`
}

// checkInputJSON is "check-input --json".
type checkInputJSON struct {
	Length     int                `json:"length"`
	Suspicious bool               `json:"suspicious"`
	Findings   []checkFindingJSON `json:"findings"`
}

func (a *app) checkInputCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check-input TEXT|- [--json]",
		Short: "Find hidden spaces, full-width and look-alike characters in an ID or password",
		Long: `Check TEXT, an ID or password as you type or paste it, for what the eye
misses: spaces at either end or inside (also the wide Japanese space U+3000
and the no-break space), invisible characters (zero-width space, joiners,
byte-order mark), control characters, full-width letters and digits (Ａ, １),
half-width katakana, letters of other scripts that look Latin (Cyrillic а
for a), dashes and kana that look alike (ー and -, ロ and 口, カ and 力, へ
and ヘ), and other characters outside half-width ASCII. It also notes 0/O and
1/l/I, mixed case and all capitals.

With "-", the text is read from standard input, so that a password need not
be on the command line (where the shell's history would keep it): typed
without echo at a terminal, or piped (one trailing line break is dropped).
The text is never printed back: only positions, the suspicious characters
themselves and their Unicode names. It is not stored.

Exit status: 0 when nothing suspicious was found (notes do not count), 1
when something was. With --json, print one JSON object with the fields
length (in characters), suspicious and findings (code, level, positions,
char, codepoint, name, looks_like, message).`,
		Args: exactArgs("TEXT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			text := args[0]
			if text == "-" {
				var err error
				if text, err = a.readSecretText(); err != nil {
					return err
				}
			}
			findings := trouble.CheckInput(text)
			out := checkInputJSON{Length: len([]rune(text)), Suspicious: trouble.Suspicious(findings), Findings: []checkFindingJSON{}}
			for _, f := range findings {
				m, err := trouble.Describe(f, a.msg.Lang())
				if err != nil {
					return guideError(err)
				}
				out.Findings = append(out.Findings, checkFindingJSON{Finding: f, Message: m})
			}
			if asJSON {
				if err := a.printJSON(out); err != nil {
					return err
				}
			} else if err := a.printFindings(out); err != nil {
				return err
			}
			if out.Suspicious {
				n := 0
				for _, f := range findings {
					if f.Level == trouble.Warning {
						n++
					}
				}
				return failure("cli.error.input_suspicious", data{"Count": n}).withHint("cli.hint.input_suspicious", nil)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return cmd
}

// readSecretText reads the text for "check-input -": without echo from a
// terminal, else all of standard input less one trailing line break.
func (a *app) readSecretText() (string, error) {
	if a.tty.IsTerminal() {
		s, err := a.prompt("cli.prompt.check_input")
		if err != nil {
			return "", failure("cli.error.read_stdin", data{"Detail": err.Error()}).wrap(err)
		}
		return s, nil
	}
	b, err := io.ReadAll(io.LimitReader(a.env.Stdin, maxCheckInput+1))
	if err != nil {
		return "", failure("cli.error.read_stdin", data{"Detail": err.Error()}).wrap(err)
	}
	if len(b) > maxCheckInput {
		return "", failure("cli.error.file_too_large", data{"Path": a.displayName("-"), "Limit": sizeText(maxCheckInput), "What": a.msg.T("cli.input.text")})
	}
	s := string(b)
	if t, ok := strings.CutSuffix(s, "\n"); ok {
		s = strings.TrimSuffix(t, "\r")
	}
	return s, nil
}

// printFindings writes check-input's findings for a person: warnings, then
// notes.
func (a *app) printFindings(out checkInputJSON) error {
	var b strings.Builder
	var warnings, notes []string
	for _, f := range out.Findings {
		if f.Level == trouble.Warning {
			warnings = append(warnings, f.Message)
		} else {
			notes = append(notes, f.Message)
		}
	}
	switch {
	case len(warnings) > 0:
		b.WriteString(a.msg.T("cli.check.found", data{"Count": len(warnings), "Length": out.Length}) + "\n")
	default:
		b.WriteString(a.msg.T("cli.check.clean", data{"Length": out.Length}) + "\n")
	}
	for _, m := range warnings {
		b.WriteString("  - " + m + "\n")
	}
	for _, m := range notes {
		b.WriteString("  · " + m + "\n")
	}
	_, err := io.WriteString(a.env.Stdout, b.String())
	return err
}

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
			var out lockoutJSON
			var cleared, had bool
			err := a.mutate(func(v *vault.Vault) error {
				acct, err := a.findAccount(v, args[0])
				if err != nil {
					return err
				}
				out = lockoutJSON{AccountID: acct.ID, Label: acct.Label()}
				had, cleared = acct.Lockout != nil, false
				if clearIt {
					if acct.Lockout == nil {
						return errNothingNew
					}
					ev, err := trouble.AddEvent(acct.Events, trouble.EventLockoutCleared, "", now)
					if err != nil {
						return err
					}
					acct.Lockout, acct.Events, acct.Updated, cleared = nil, ev, now.UTC(), true
					return nil
				}
				var l trouble.Lockout
				switch {
				case !untilT.IsZero():
					l, err = trouble.LockoutUntil(now, untilT, note)
				case forDur != 0:
					l, err = trouble.NewLockout(now, forDur, note)
				default:
					l, err = trouble.NewLockout(now, acct.LockoutDuration, note)
				}
				if err != nil {
					return a.lockoutError(err)
				}
				ev, err := trouble.AddEvent(acct.Events, trouble.EventLockout, l.Until.Format(time.RFC3339), now)
				if err != nil {
					return err
				}
				acct.Lockout, acct.Events, acct.Updated = &l, ev, now.UTC()
				out.Locked, out.Since, out.Until, out.Note = true, &l.Since, &l.Until, l.Note
				out.RemainingSeconds = int(l.Remaining(now).Round(time.Second) / time.Second)
				return nil
			})
			if err != nil {
				return err
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

// lockoutError explains a lockout the trouble package refused.
func (a *app) lockoutError(err error) error {
	switch {
	case errors.Is(err, trouble.ErrBadDuration), errors.Is(err, trouble.ErrBadTime):
		return usageErr("cli.error.bad_lockout_duration", data{"Flag": "--until"}).wrap(err)
	case errors.Is(err, trouble.ErrTooLong):
		return usageErr("cli.error.note_too_long", data{"Max": trouble.MaxNoteLen}).wrap(err)
	}
	return err
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

// clockJSON is "clock --json".
type clockJSON struct {
	LocalTime       time.Time    `json:"local_time"`
	Checked         bool         `json:"checked"`
	Server          string       `json:"server,omitempty"`
	OffsetSeconds   *float64     `json:"offset_seconds,omitempty"`
	RTTMilliseconds float64      `json:"rtt_ms,omitempty"`
	Stratum         int          `json:"stratum,omitempty"`
	Skew            trouble.Skew `json:"skew,omitempty"`
	Suggested       *int         `json:"suggested_offset_seconds,omitempty"`
	// offset is the exact offset, for the text output.
	offset time.Duration
}

func (a *app) clockCommand() *cobra.Command {
	var server, timeout string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "clock [--ntp SERVER] [--timeout DURATION] [--json]",
		Short: "Show this computer's time, and compare it with a time server you name",
		Long: `Show this computer's local time. Authenticator codes are computed from the
time, so a clock off by half a minute or more makes services refuse them.

Mamori contacts no time server unless you name one with --ntp SERVER
("host" or "host:port"; for example ntp.nict.jp or pool.ntp.org). Asking
tells that server your IP address and that you checked your clock at that
moment, which is why it is never done on its own. With --ntp, the clock is
compared with the server's (NTP) and the offset printed: positive when this
computer is behind. If it is off, turn on automatic time in the system
settings; an account whose codes stay wrong can be given its own offset with
"mamori account set ACCOUNT --clock-offset SECONDS".

--timeout is how long to wait for the server (default 5s). With --json,
print one JSON object with the fields local_time, checked, and with --ntp
server, offset_seconds, rtt_ms, stratum, skew (fine, risky or bad) and
suggested_offset_seconds.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			var wait time.Duration
			if cmd.Flags().Changed("timeout") {
				d, err := parseDuration(timeout)
				if err != nil || d <= 0 || d > time.Minute {
					return usageErr("cli.error.bad_timeout", nil)
				}
				wait = d
			}
			out := clockJSON{LocalTime: a.now()}
			if !cmd.Flags().Changed("ntp") {
				a.note("cli.note.clock_not_checked", nil)
				if asJSON {
					return a.printJSON(out)
				}
				_, err := fmt.Fprintln(a.env.Stdout, a.msg.T("cli.clock.local", data{"Time": out.LocalTime.Local().Format("2006-01-02 15:04:05 MST (-07:00)")}))
				return err
			}
			if strings.TrimSpace(server) == "" {
				return usageErr("cli.error.flag_needs_value", data{"Flag": "--ntp"})
			}
			a.note("cli.note.clock_asking", data{"Server": server})
			// The test clock, when a test set one, is also the clock the server
			// is compared with (nil: the system's, with kernel timestamps).
			check, err := trouble.CheckClock(server, trouble.ClockOptions{Timeout: wait, Now: a.env.now})
			if err != nil {
				return a.clockError(server, err)
			}
			out.Checked, out.Server, out.Stratum = true, check.Server, check.Stratum
			secs, suggested := check.Offset.Seconds(), trouble.SuggestedOffset(check.Offset)
			out.OffsetSeconds, out.Suggested = &secs, &suggested
			out.RTTMilliseconds = float64(check.RTT.Microseconds()) / 1000
			out.Skew, out.offset = trouble.AssessOffset(check.Offset), check.Offset
			switch out.Skew {
			case trouble.SkewFine:
				a.note("cli.note.clock_fine", nil)
			case trouble.SkewRisky:
				a.warn("cli.warn.clock_risky", data{"Seconds": max(suggested, -suggested)})
			default:
				a.warn("cli.warn.clock_bad", data{"Seconds": max(suggested, -suggested)})
			}
			if asJSON {
				return a.printJSON(out)
			}
			return a.printClock(out)
		},
	}
	f := cmd.Flags()
	f.StringVar(&server, "ntp", "", "compare with this NTP server (host or host:port); none is contacted without it")
	f.StringVar(&timeout, "timeout", "", "how long to wait for the server (default 5s)")
	f.BoolVar(&asJSON, "json", false, "print one JSON object")
	return cmd
}

func (a *app) printClock(out clockJSON) error {
	key := "cli.clock.ahead"
	if out.offset > 0 {
		key = "cli.clock.behind"
	}
	rows := [][]string{
		{a.msg.T("cli.clock.local_label"), out.LocalTime.Local().Format("2006-01-02 15:04:05 MST (-07:00)")},
		{a.msg.T("cli.clock.server_label"), a.msg.T("cli.clock.server", data{"Server": out.Server, "Stratum": out.Stratum, "RTT": fmt.Sprintf("%.1f", out.RTTMilliseconds)})},
		{a.msg.T("cli.clock.offset_label"), fmt.Sprintf("%+.3f s", out.offset.Seconds()) + "  " + a.msg.T(key, data{"Seconds": fmt.Sprintf("%.3f", out.offset.Abs().Seconds())})},
	}
	return writeTable(a.env.Stdout, rows)
}

// troubleJSON is "trouble --json": the checklist and the account's ID.
type troubleJSON struct {
	AccountID string `json:"account_id"`
	trouble.Checklist
}

// symptomJSON is one line of "trouble ACCOUNT --json" without a symptom.
type symptomJSON struct {
	Symptom trouble.Symptom `json:"symptom"`
	Title   string          `json:"title"`
}

func (a *app) troubleCommand() *cobra.Command {
	var lang, tick, code, backupCode string
	var asJSON, reset bool
	names := make([]string, len(trouble.Symptoms))
	for i, s := range trouble.Symptoms {
		names[i] = string(s)
	}
	cmd := &cobra.Command{
		Use:   "trouble ACCOUNT [SYMPTOM] [--lang ja|en] [--json]",
		Short: `Walk through "I can't log in" for an account: a checklist for the symptom`,
		Long: `Print a checklist for what goes wrong when logging in to ACCOUNT, built from
what Mamori knows about it (its login ID, codes, phone numbers and their
changes, backup codes, grid cards, recovery details, lockout and notes).
Without SYMPTOM, list the symptoms. SYMPTOM is one of:

  wrong-credentials  the site says the ID or password is wrong; the stored
                     login ID is checked as "mamori check-input" does
  locked             locked after wrong passwords (see "mamori lockout")
  code-rejected      a one-time code is refused: shows the previous, current
                     and next codes at the account's clock offset;
                     --backup-code CODE|- says whether a refused backup code
                     was used already (the code is not stored)
  sms-old-number     the SMS goes to a number you no longer have
  lost-everything    every way in is lost: prints a recovery request
  breached           the service was breached or someone else logged in: a
                     checklist to tick off (--tick N|STEP dates step N in the
                     account's history; --reset starts a new round)
  error-code         the site shows an error code (--code CODE): your notes
                     ("mamori errors") and what is known in general

The checklist goes to stdout, in the messages' language or --lang ja|en.
With --json, print one JSON object: account_id, symptom, lang, label, title,
intro, steps (number, id, text, facts, tickable, done), and codes or request
when the symptom has them.`,
		Args: argRange(1, "ACCOUNT", "[SYMPTOM]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := a.troubleLang(cmd, lang)
			if err != nil {
				return err
			}
			if l != a.msg.Lang() {
				// --lang: the notes and errors of this command too, so the
				// output is in one language.
				if m, err := assets.LoadCatalog(l); err == nil {
					a.msg = m
				}
			}
			if len(args) == 1 {
				return a.listSymptoms(cmd, args[0], l, asJSON)
			}
			s, err := trouble.ParseSymptom(args[1])
			if err != nil {
				return usageErr("cli.error.bad_symptom", data{"Symptom": args[1], "Symptoms": strings.Join(names, ", ")}).wrap(err)
			}
			f := cmd.Flags()
			for flag, only := range map[string]trouble.Symptom{"tick": trouble.Breached, "reset": trouble.Breached, "code": trouble.ErrorCode, "backup-code": trouble.CodeRejected} {
				if f.Changed(flag) && s != only {
					return usageErr("cli.error.flag_for_symptom", data{"Flag": "--" + flag, "Symptom": string(only)})
				}
			}
			reported := trouble.Reported{ErrorCode: code}
			if f.Changed("backup-code") {
				reported.BackupCode = backupCode
				if backupCode == "-" {
					if reported.BackupCode, err = a.readLine(); err != nil {
						return err
					}
				}
			}
			var ta trouble.Account
			var ticked *trouble.Step
			if f.Changed("tick") || reset {
				ticked, ta, err = a.tickBreach(args[0], tick, reset, l)
				if err != nil {
					return err
				}
			} else {
				v, acct, err := a.loadAccount(args[0])
				if err != nil {
					return err
				}
				ta = v.TroubleAccount(acct)
			}
			ta.Reported = reported
			c, err := trouble.Flow(s, ta, l, a.now())
			if err != nil {
				return guideError(err)
			}
			if reset {
				a.note("cli.note.breach_reset", data{"Label": ta.Label})
			}
			if ticked != nil {
				a.note("cli.note.breach_ticked", data{"Number": ticked.Number, "Label": ta.Label})
			}
			if asJSON {
				if err := a.printJSON(troubleJSON{AccountID: ta.ID, Checklist: c}); err != nil {
					return err
				}
			} else if err := a.printTrouble(c); err != nil {
				return err
			}
			a.troubleHints(c, ta, args[0])
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&lang, "lang", "", "ja or en (default: the language of the messages)")
	f.BoolVar(&asJSON, "json", false, "print one JSON object")
	f.StringVar(&tick, "tick", "", "breached: tick off step N (or its id), dated now")
	f.BoolVar(&reset, "reset", false, "breached: start the checklist afresh (a new incident)")
	f.StringVar(&code, "code", "", "error-code: the code the site shows")
	f.StringVar(&backupCode, "backup-code", "", `code-rejected: a backup code the service refused ("-": read it from stdin)`)
	return cmd
}

// listSymptoms prints the symptoms with their titles, after checking that
// the account exists.
func (a *app) listSymptoms(cmd *cobra.Command, query, lang string, asJSON bool) error {
	v, err := a.load()
	if err != nil {
		return err
	}
	if _, err := a.findAccount(v, query); err != nil {
		return err
	}
	out := make([]symptomJSON, len(trouble.Symptoms))
	rows := make([][]string, len(trouble.Symptoms))
	for i, s := range trouble.Symptoms {
		t, err := trouble.Title(s, lang)
		if err != nil {
			return guideError(err)
		}
		out[i], rows[i] = symptomJSON{Symptom: s, Title: t}, []string{string(s), t}
	}
	if asJSON {
		return a.printJSON(out)
	}
	if err := writeTable(a.env.Stdout, rows); err != nil {
		return err
	}
	a.note("cli.note.trouble_pick", data{"Command": cmd.CommandPath(), "Query": query})
	return nil
}

// tickBreach ticks a breach checklist step (by number or ID) and/or resets
// the checklist, in one store.Update, and returns the step ticked and the
// account as saved.
func (a *app) tickBreach(query, tick string, reset bool, lang string) (*trouble.Step, trouble.Account, error) {
	now := a.now()
	var ticked *trouble.Step
	var ta trouble.Account
	err := a.mutate(func(v *vault.Vault) error {
		ticked = nil
		acct, err := a.findAccount(v, query)
		if err != nil {
			return err
		}
		events := acct.Events
		if reset {
			if events, err = trouble.AddEvent(events, trouble.EventBreachReset, "", now); err != nil {
				return err
			}
		}
		if tick != "" {
			c, err := trouble.Flow(trouble.Breached, v.TroubleAccount(acct), lang, now)
			if err != nil {
				return guideError(err)
			}
			for i, st := range c.Steps {
				if st.ID == tick || strconv.Itoa(st.Number) == strings.TrimSpace(norm.NFKC.String(tick)) {
					ticked = &c.Steps[i]
				}
			}
			if ticked == nil || !ticked.Tickable {
				var ok []string
				for _, st := range c.Steps {
					if st.Tickable {
						ok = append(ok, strconv.Itoa(st.Number))
					}
				}
				return usageErr("cli.error.bad_tick", data{"Step": tick, "Steps": strings.Join(ok, ", ")}).wrap(trouble.ErrNotTickable)
			}
			if events, err = trouble.Tick(events, ticked.ID, now); err != nil {
				return err
			}
		}
		acct.Events, acct.Updated = events, now.UTC()
		ta = v.TroubleAccount(acct)
		return nil
	})
	return ticked, ta, err
}

// printTrouble writes a checklist for a person, in the checklist's
// language.
func (a *app) printTrouble(c trouble.Checklist) error {
	m := a.msg
	if c.Lang != m.Lang() {
		m, _ = assets.LoadCatalog(c.Lang) // English if c.Lang has no texts
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n\n%s\n\n", c.Label, c.Title, c.Intro)
	for _, st := range c.Steps {
		box := ""
		if st.Tickable {
			box = "[ ] "
			if st.Done != nil {
				box = "[x] "
			}
		}
		fmt.Fprintf(&b, "%2d. %s%s\n", st.Number, box, st.Text)
		facts := st.Facts
		if st.Done != nil {
			facts = append([]string{m.T("cli.trouble.done", data{"When": when(*st.Done)})}, facts...)
		}
		for _, f := range facts {
			b.WriteString("      - " + strings.ReplaceAll(f, "\n", "\n        ") + "\n")
		}
	}
	if c.Request != "" {
		b.WriteString("\n" + m.T("cli.trouble.request") + "\n\n" + strings.TrimRight(c.Request, "\n") + "\n")
	}
	_, err := io.WriteString(a.env.Stdout, b.String())
	return err
}

// troubleHints tells, on stderr, the commands that act on a checklist.
func (a *app) troubleHints(c trouble.Checklist, ta trouble.Account, query string) {
	d := data{"Query": query}
	switch c.Symptom {
	case trouble.WrongCredentials:
		a.note("cli.note.trouble_check_input", nil)
	case trouble.Locked:
		if ta.Lockout == nil {
			a.note("cli.note.trouble_record_lockout", d)
		}
	case trouble.CodeRejected:
		if ta.OTP.Type == otp.TOTP || ta.OTP.Type == otp.Steam {
			a.note("cli.note.trouble_clock", d)
		}
		if !ta.Backup.IsZero() && ta.Reported.BackupCode == "" {
			a.note("cli.note.trouble_backup_code", d)
		}
	case trouble.LostEverything:
		a.note("cli.note.request_review", nil)
	case trouble.Breached:
		a.note("cli.note.trouble_tick", d)
	case trouble.ErrorCode:
		a.note("cli.note.trouble_errors", d)
	}
}

func (a *app) errorsCommand() *cobra.Command {
	return a.groupCommand("errors", "Keep notes on the error codes an account's service shows",
		a.errorsListCommand(), a.errorsAddCommand(), a.errorsRmCommand())
}

// errorsJSON is "errors list --json".
type errorsJSON struct {
	AccountID string                `json:"account_id"`
	Label     string                `json:"label"`
	Codes     []trouble.ErrorAdvice `json:"codes"`
}

func (a *app) errorsListCommand() *cobra.Command {
	var asJSON bool
	var lang string
	cmd := &cobra.Command{
		Use:   "list ACCOUNT [--json] [--lang ja|en]",
		Short: "List your notes on an account's error codes, and the codes known in general",
		Long: `List the notes kept for ACCOUNT's error codes ("mamori errors add"), then the
codes Mamori knows in general with what to do: rate limits (wait), failed
redirects after logging in (go back, clear the cache) and server errors (log
out, clear the cache, allow cookies and JavaScript). With --json, print one
JSON object with the fields account_id, label and codes (code, own, kind,
text, added).`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := a.troubleLang(cmd, lang)
			if err != nil {
				return err
			}
			_, acct, err := a.loadAccount(args[0])
			if err != nil {
				return err
			}
			codes, err := trouble.KnownErrors(acct.ErrorNotes, l)
			if err != nil {
				return guideError(err)
			}
			if asJSON {
				return a.printJSON(errorsJSON{AccountID: acct.ID, Label: acct.Label(), Codes: codes})
			}
			rows := [][]string{{a.msg.T("cli.errors.code"), a.msg.T("cli.errors.source"), a.msg.T("cli.errors.text")}}
			for _, c := range codes {
				src := a.msg.T("cli.errors.general")
				if c.Own {
					src = a.msg.T("cli.errors.own", data{"Day": day(c.Added)})
				}
				rows = append(rows, []string{c.Code, src, c.Text})
			}
			if len(acct.ErrorNotes) == 0 {
				a.note("cli.note.errors_none", data{"Label": acct.Label(), "Query": args[0]})
			}
			return writeTable(a.env.Stdout, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	cmd.Flags().StringVar(&lang, "lang", "", "ja or en (default: the language of the messages)")
	return cmd
}

// noteError explains an error note the trouble package refused.
func noteError(err error) error {
	switch {
	case errors.Is(err, trouble.ErrEmptyCode):
		return usageErr("cli.error.empty_error_code", nil).wrap(err)
	case errors.Is(err, trouble.ErrEmptyNote):
		return usageErr("cli.error.empty_note", nil).wrap(err)
	case errors.Is(err, trouble.ErrTooLong):
		return usageErr("cli.error.error_note_too_long", data{"MaxCode": trouble.MaxErrorCodeLen, "Max": trouble.MaxNoteLen, "Count": trouble.MaxErrorNotes}).wrap(err)
	}
	return err
}

func (a *app) errorsAddCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "add ACCOUNT CODE TEXT|-",
		Short: "Note what an error code means at an account's service and what helped",
		Long: `Keep a note for the error code CODE that ACCOUNT's service shows: what it
means and what helped, in your words ("wait ten minutes", "call support").
"-" reads the note from standard input. CODE is matched however it is
typed ("コード：ce500" is CE500). A note for the same code replaces the
earlier one. "mamori trouble ACCOUNT error-code --code CODE" shows it.`,
		Args: exactArgs("ACCOUNT", "CODE", "TEXT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			text := args[2]
			if text == "-" {
				b, err := a.readInput("-", "cli.input.text", trouble.MaxNoteLen*4)
				if err != nil {
					return err
				}
				text = string(b)
			}
			now := a.now()
			var label, normalized string
			var replaced bool
			err := a.mutate(func(v *vault.Vault) error {
				acct, err := a.findAccount(v, args[0])
				if err != nil {
					return err
				}
				notes, rep, err := trouble.SetErrorNote(acct.ErrorNotes, args[1], text, now)
				if err != nil {
					return noteError(err)
				}
				label, normalized, replaced = acct.Label(), trouble.NormalizeErrorCode(args[1]), rep
				acct.ErrorNotes, acct.Updated = notes, now.UTC()
				return nil
			})
			if err != nil {
				return err
			}
			key := "cli.note.error_note_added"
			if replaced {
				key = "cli.note.error_note_replaced"
			}
			a.note(key, data{"Label": label, "Code": normalized})
			return nil
		},
	}
}

func (a *app) errorsRmCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "rm ACCOUNT CODE",
		Short: "Forget the note on an error code",
		Long:  `Remove the note kept for CODE on ACCOUNT. A code without a note is an error.`,
		Args:  exactArgs("ACCOUNT", "CODE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			now := a.now()
			var label string
			code := trouble.NormalizeErrorCode(args[1])
			err := a.mutate(func(v *vault.Vault) error {
				acct, err := a.findAccount(v, args[0])
				if err != nil {
					return err
				}
				label = acct.Label()
				notes, err := trouble.RemoveErrorNote(acct.ErrorNotes, args[1])
				if err != nil {
					return failure("cli.error.no_error_note", data{"Label": label, "Code": code}).
						withHint("cli.hint.errors_list", data{"Query": args[0]}).wrap(err)
				}
				acct.ErrorNotes, acct.Updated = notes, now.UTC()
				return nil
			})
			if err != nil {
				return err
			}
			a.note("cli.note.error_note_removed", data{"Label": label, "Code": code})
			return nil
		},
	}
}
