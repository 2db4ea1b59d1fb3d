package cli

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault/trouble"
)

// This file is "mamori errors": notes on the error codes an account's
// service shows (usecase.SetErrorNote, RemoveErrorNote).

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
			ops, err := a.ops()
			if err != nil {
				return err
			}
			res, err := ops.SetErrorNote(args[0], args[1], text)
			if err != nil {
				return err
			}
			label, normalized, replaced := res.Account.Label(), res.Code, res.Replaced
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
			ops, err := a.ops()
			if err != nil {
				return err
			}
			res, err := ops.RemoveErrorNote(args[0], args[1])
			var none *usecase.NoErrorNoteError
			if errors.As(err, &none) {
				return a.explained(err).withHint("cli.hint.errors_list", data{"Query": args[0]})
			}
			if err != nil {
				return err
			}
			label, code := res.Account.Label(), res.Code
			a.note("cli.note.error_note_removed", data{"Label": label, "Code": code})
			return nil
		},
	}
}
