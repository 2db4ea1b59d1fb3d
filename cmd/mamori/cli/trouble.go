package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/trouble"
)

// This file is "mamori trouble": the "I can't log in" checklists, and
// what the trouble commands share.

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
				ops, err := a.ops()
				if err != nil {
					return err
				}
				res, err := ops.Breach(args[0], tick, reset, l)
				if err != nil {
					return err
				}
				ticked, ta = res.Ticked, res.Trouble
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
