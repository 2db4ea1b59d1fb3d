package cli

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault/backup"
)

func (a *app) backupCommand() *cobra.Command {
	return a.groupCommand("backup", "Keep an account's single-use backup codes",
		a.backupSetCommand(), a.backupUseCommand(), a.backupListCommand(), a.backupNextCommand(), a.backupThresholdCommand())
}

func (a *app) backupSetCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "set ACCOUNT [FILE|-]",
		Short: "Record an account's backup codes from a pasted sheet",
		Long: `Record the backup codes (recovery codes) of ACCOUNT from a sheet as the
service shows it: a downloaded file such as github-recovery-codes.txt, or
text pasted from the page. Without FILE, or with "-", the sheet is read from
standard input.

Numbering ("1.", "No.1", "①"), bullets, brackets, codes grouped with spaces
or hyphens, full-width characters, several codes on a line, headers, e-mail
addresses and dates are all understood. A sheet with anything that looks like
part of a code, or a code twice, is refused with the line numbers to fix, and
nothing is saved.

A new sheet replaces the account's current one; the old codes are kept as
history, marked void, so that typing one later says so instead of "unknown".`,
		Args: argRange(1, "ACCOUNT", "[FILE|-]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			src := "-"
			if len(args) == 2 {
				src = args[1]
			}
			if src == "-" && a.tty.IsTerminal() {
				a.note("cli.note.paste_sheet", nil)
			}
			// Find the account before reading a sheet into memory for nothing.
			if _, _, err := a.loadAccount(args[0]); err != nil {
				return err
			}
			svc, err := a.service()
			if err != nil {
				return err
			}
			b, err := a.readInput(src, inputSheet, maxTextInput)
			if err != nil {
				return err
			}
			codes, err := backup.ParseSheet(string(b))
			if err != nil {
				return a.sheetError(err, src)
			}
			r, err := svc.SetBackupSheet(args[0], codes)
			if err != nil {
				return a.replaceError(err, r.Account.Label())
			}
			label, old := r.Account.Label(), r.Old
			a.note("cli.note.backup_recorded", data{"Label": label, "Count": len(codes)})
			if old.Current != nil {
				a.note("cli.note.backup_old_void", data{"Count": old.Total(), "Unused": old.Remaining()})
			}
			if len(codes) <= old.Threshold() {
				a.warn("cli.warn.backup_few", data{"Count": len(codes)})
			}
			return nil
		},
	}
}

// sheetError explains why a sheet was refused: by line number, never by
// quoting it, since the text may be part of a live code.
func (a *app) sheetError(err error, src string) error {
	var se *backup.SheetError
	switch {
	case errors.As(err, &se) && len(se.Problems) > 0:
		ce := failure("cli.error.sheet_problems", data{"Count": len(se.Problems), "Found": se.Found}).
			withHint("cli.hint.sheet_problems", nil).wrap(err)
		for _, p := range se.Problems {
			switch p.Kind {
			case backup.ProblemDuplicate:
				ce.details = append(ce.details, a.msg.T("cli.sheet.duplicate", data{"Line": p.Line, "First": p.First}))
			default:
				ce.details = append(ce.details, a.msg.T("cli.sheet.fragment", data{"Line": p.Line}))
			}
		}
		return ce
	case errors.Is(err, backup.ErrTooLarge):
		return failure("cli.error.sheet_too_large", data{"Source": a.displayName(src), "Max": backup.MaxCodes}).wrap(err)
	case errors.Is(err, backup.ErrNoCodes):
		return failure("cli.error.sheet_no_codes", data{"Source": a.displayName(src)}).withHint("cli.hint.sheet_format", nil).wrap(err)
	}
	return err
}

// replaceError explains why a parsed sheet could not be recorded for the
// account labelled label.
func (a *app) replaceError(err error, label string) error {
	switch {
	case errors.Is(err, backup.ErrKnownCode):
		return failure("cli.error.sheet_known_codes", data{"Label": label}).withHint("cli.hint.sheet_known_codes", nil).wrap(err)
	case errors.Is(err, backup.ErrNoCodes):
		return failure("cli.error.sheet_no_codes", data{"Source": label}).withHint("cli.hint.sheet_format", nil).wrap(err)
	case errors.Is(err, backup.ErrTooLarge):
		return failure("cli.error.sheet_too_large", data{"Source": label, "Max": backup.MaxCodes}).wrap(err)
	}
	if errors.Is(err, backup.ErrInvalidCode) || errors.Is(err, backup.ErrDuplicateCode) {
		// They cannot come from ParseSheet's output; say so plainly if
		// they ever do (the message holds no code).
		return failure("cli.error.generic", data{"Detail": err.Error()}).wrap(err)
	}
	return err
}

func (a *app) backupUseCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "use ACCOUNT CODE|-",
		Short: "Mark one backup code used",
		Long: `Mark one of ACCOUNT's backup codes used, now. Type the code as you like:
spaces, hyphens, full-width characters and (unless the service's codes mix
upper and lower case) any case. "-" reads it from standard input.

A code used before, a code of a replaced (void) sheet, or a code that is not
one of the account's is an error, and nothing changes. After marking, the
number of codes left goes to stderr, with a warning when few are left.`,
		Args: exactArgs("ACCOUNT", "CODE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			code := args[1]
			if code == "-" {
				var err error
				if code, err = a.readLine(); err != nil {
					return err
				}
			}
			svc, err := a.service()
			if err != nil {
				return err
			}
			r, err := svc.UseBackupCode(args[0], code)
			if err != nil {
				return a.useError(err, r.Account.Label(), args[0])
			}
			label, set := r.Account.Label(), r.Set()
			a.note("cli.note.backup_used", data{"Label": label, "Left": set.Remaining(), "Total": set.Total()})
			a.warnBackupLeft(label, set)
			return nil
		},
	}
}

// useError explains why a code could not be used, without repeating it.
func (a *app) useError(err error, label, query string) error {
	var used *backup.UsedError
	var void *backup.VoidError
	switch {
	case errors.As(err, &used), errors.As(err, &void):
		return a.message(usecase.Explain(err)).withHint("cli.hint.backup_next", data{"Query": query}).wrap(err)
	case errors.Is(err, backup.ErrNoCodes):
		return failure("cli.error.no_backup_codes", data{"Label": label}).withHint("cli.hint.backup_set", data{"Query": query}).wrap(err)
	case errors.Is(err, backup.ErrNoneLeft):
		return failure("cli.error.backup_none_left", data{"Label": label}).withHint("cli.hint.backup_regenerate", data{"Query": query}).wrap(err)
	case errors.Is(err, backup.ErrUnknownCode):
		return a.message(usecase.Explain(err)).withHint("cli.hint.backup_list", data{"Query": query}).wrap(err)
	}
	return err
}

// backupJSON is "backup list --json": the account's codes, used or not. It
// is the one output that prints backup codes, on purpose.
type backupJSON struct {
	AccountID string              `json:"account_id"`
	Label     string              `json:"label"`
	Remaining int                 `json:"remaining"`
	Total     int                 `json:"total"`
	Threshold int                 `json:"threshold"`
	Low       bool                `json:"low"`
	Current   *backup.Generation  `json:"current"`
	History   []backup.Generation `json:"history"`
}

func (a *app) backupListCommand() *cobra.Command {
	var asJSON, all bool
	cmd := &cobra.Command{
		Use:   "list ACCOUNT [--json] [--all]",
		Short: "Show an account's backup codes, used and unused",
		Long: `Show ACCOUNT's backup codes, in the order of the sheet, each with whether
and when it was used. This is the one command that prints the codes: use it
to copy a code by hand, or to print a fresh copy of the sheet.

--all also shows the codes of replaced sheets (void: the service no longer
accepts them). With --json, print one JSON object with the fields
account_id, label, remaining, total, threshold (warn at or below), low,
current (the sheet in use: number, issued, codes with code and used) and
history (the replaced sheets, with voided).`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, acct, err := a.loadAccount(args[0])
			if err != nil {
				return err
			}
			s := acct.Backup
			if asJSON {
				out := backupJSON{
					AccountID: acct.ID, Label: acct.Label(), Remaining: s.Remaining(), Total: s.Total(),
					Threshold: s.Threshold(), Low: s.Low(), Current: s.Current, History: s.History,
				}
				if out.History == nil {
					out.History = []backup.Generation{}
				}
				return a.printJSON(out)
			}
			if s.Current == nil {
				a.note("cli.note.no_backup_codes", data{"Label": acct.Label(), "Query": args[0]})
				return nil
			}
			header := []string{a.msg.T("cli.backup.no"), a.msg.T("cli.backup.code"), a.msg.T("cli.backup.status")}
			status := func(c backup.Code, voided *time.Time) string {
				switch {
				case c.Used != nil:
					return a.msg.T("cli.backup.used_at", data{"When": when(*c.Used)})
				case voided != nil:
					return a.msg.T("cli.backup.void")
				}
				return a.msg.T("cli.backup.unused")
			}
			gens := []backup.Generation{*s.Current}
			if all {
				for i := len(s.History) - 1; i >= 0; i-- {
					gens = append(gens, s.History[i])
				}
			}
			for gi, g := range gens {
				if all {
					head := a.msg.T("cli.backup.sheet_current", data{"Number": g.Number, "Issued": day(g.Issued)})
					if g.Voided != nil {
						head = a.msg.T("cli.backup.sheet_void", data{"Number": g.Number, "Issued": day(g.Issued), "Voided": day(*g.Voided)})
					}
					if gi > 0 {
						head = "\n" + head
					}
					if _, err := fmt.Fprintln(a.env.Stdout, head); err != nil {
						return err
					}
				}
				rows := [][]string{header}
				for i, c := range g.Codes {
					rows = append(rows, []string{strconv.Itoa(i + 1), c.Code, status(c, g.Voided)})
				}
				if err := writeTable(a.env.Stdout, rows); err != nil {
					return err
				}
			}
			a.note("cli.note.backup_summary", data{"Label": acct.Label(), "Left": s.Remaining(), "Total": s.Total(), "Threshold": s.Threshold()})
			if !all && len(s.History) > 0 {
				a.note("cli.note.backup_history", data{"Count": len(s.History)})
			}
			switch {
			case s.Remaining() == 0:
				a.warn("cli.warn.backup_none_left", data{"Label": acct.Label()})
			case s.Low():
				a.warn("cli.warn.backup_low", data{"Label": acct.Label(), "Left": s.Remaining()})
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	cmd.Flags().BoolVar(&all, "all", false, "also show the codes of replaced (void) sheets")
	return cmd
}

func (a *app) backupNextCommand() *cobra.Command {
	var use bool
	cmd := &cobra.Command{
		Use:   "next ACCOUNT",
		Short: "Print the next unused backup code (--use also marks it used)",
		Long: `Print ACCOUNT's next unused backup code, and nothing else, on stdout, so
that it can be piped to the clipboard. By default it is NOT marked used: a
login can still fail before the service takes it. Once the service has
accepted it, run "mamori backup use ACCOUNT CODE".

With --use it is marked used as it is printed, as the app's "Copy next
unused code" does: a code that has left the vault counts as spent, so the
next call never hands out one the service may already have taken.`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if use {
				return a.backupUseNext(args[0])
			}
			_, acct, err := a.loadAccount(args[0])
			if err != nil {
				return err
			}
			s := acct.Backup
			if s.Current == nil {
				return failure("cli.error.no_backup_codes", data{"Label": acct.Label()}).withHint("cli.hint.backup_set", data{"Query": args[0]})
			}
			c, ok := s.NextUnused()
			if !ok {
				return failure("cli.error.backup_none_left", data{"Label": acct.Label()}).withHint("cli.hint.backup_regenerate", data{"Query": args[0]})
			}
			number := 0
			for i, x := range s.Current.Codes {
				if x.Code == c.Code {
					number = i + 1
					break
				}
			}
			a.note("cli.note.backup_next", data{"Label": acct.Label(), "Number": number, "Total": s.Total(), "Left": s.Remaining()})
			a.note("cli.note.backup_next_not_used", data{"Query": args[0]})
			_, err = fmt.Fprintln(a.env.Stdout, c.Code)
			return err
		},
	}
	cmd.Flags().BoolVar(&use, "use", false, "mark the printed code used at once")
	return cmd
}

// backupUseNext prints query's next unused backup code and marks it used,
// in one save; when the save fails, nothing is printed.
func (a *app) backupUseNext(query string) error {
	svc, err := a.service()
	if err != nil {
		return err
	}
	r, err := svc.UseNextBackupCode(query)
	if err != nil {
		return a.useError(err, r.Account.Label(), query)
	}
	label, set, code, number := r.Account.Label(), r.Set(), r.Code.Code, r.Number
	a.note("cli.note.backup_next_used", data{"Label": label, "Number": number, "Left": set.Remaining(), "Total": set.Total()})
	a.warnBackupLeft(label, set)
	_, err = fmt.Fprintln(a.env.Stdout, code)
	return err
}

// warnBackupLeft warns when a use left label with few or no unused codes.
func (a *app) warnBackupLeft(label string, set backup.Set) {
	switch {
	case set.Remaining() == 0:
		a.warn("cli.warn.backup_none_left", data{"Label": label})
	case set.Low():
		a.warn("cli.warn.backup_low", data{"Label": label, "Left": set.Remaining()})
	}
}

func (a *app) backupThresholdCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "threshold ACCOUNT N",
		Short: "Set how few unused codes make Mamori warn (default 3)",
		Long: `Set how few unused backup codes of ACCOUNT make Mamori warn that it is time
to generate a new sheet at the service: at N or fewer. 0 restores the
default, 3.`,
		Args: exactArgs("ACCOUNT", "N"),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := strconv.Atoi(args[1])
			if err != nil || n < 0 || n > backup.MaxCodes {
				return usageErr("cli.error.bad_threshold", data{"Max": backup.MaxCodes})
			}
			svc, err := a.service()
			if err != nil {
				return err
			}
			r, err := svc.SetBackupThreshold(args[0], n)
			if errors.Is(err, backup.ErrBadThreshold) {
				return usageErr("cli.error.bad_threshold", data{"Max": backup.MaxCodes}).wrap(err)
			}
			if err != nil {
				return err
			}
			label, threshold := r.Account.Label(), r.Account.Backup.Threshold()
			a.note("cli.note.backup_threshold", data{"Label": label, "Threshold": threshold})
			return nil
		},
	}
}
