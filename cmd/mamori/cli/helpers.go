package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
)

// service is the use-case operations on the CLI's store: every change a
// command makes goes through one of them.
func (a *app) service() (*usecase.Service, error) {
	store, err := a.openStore()
	if err != nil {
		return nil, err
	}
	return usecase.New(store, a.now), nil
}

// load reads the vault, for commands that only look.
func (a *app) load() (*vault.Vault, error) {
	_, v, err := a.loadStore()
	return v, err
}

// loadStore opens the store and reads the vault, for commands that look
// first and may write later.
func (a *app) loadStore() (*vault.Store, *vault.Vault, error) {
	store, err := a.openStore()
	if err != nil {
		return nil, nil, err
	}
	v, err := store.Load()
	if err != nil {
		return nil, nil, err
	}
	return store, v, nil
}

// foldName makes a name comparable the way the vault's queries do: NFKC
// (full width to half width), case folded, surrounding space trimmed.
func foldName(s string) string {
	return strings.TrimSpace(cases.Fold().String(norm.NFKC.String(s)))
}

// argRange requires between min and len(names) arguments; names are for the
// message, optional ones in brackets.
func argRange(min int, names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < min || len(args) > len(names) {
			return usageErr("cli.error.wrong_arg_range", data{
				"Command": cmd.CommandPath(), "Min": min, "Max": len(names), "Names": strings.Join(names, " "), "Got": len(args),
			})
		}
		return nil
	}
}

// minArgs requires at least len(names) arguments.
func minArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < len(names) {
			return usageErr("cli.error.wrong_arg_count", data{
				"Command": cmd.CommandPath(), "Want": len(names), "Names": strings.Join(names, " "), "Got": len(args),
			})
		}
		return nil
	}
}

// warn prints a translated warning for a person on stderr.
func (a *app) warn(key string, d data) {
	io.WriteString(a.env.Stderr, a.msg.T("cli.warning_prefix")+a.msg.T(key, d)+"\n")
}

// when formats a moment for a person: local date and time to the minute.
func when(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

// day formats a moment as a local date.
func day(t time.Time) string { return t.Local().Format("2006-01-02") }

// parseDay reads a date as a person gives it on the command line: a day
// (2025-04-01, 2025/4/1) in the local time zone, or a moment in RFC 3339 or
// Unix seconds. A bare day means its start, or with endOfDay the start of
// the next day (a line "usable until 2025-04-01" works all that day).
func parseDay(s string, endOfDay bool) (time.Time, error) {
	s = strings.TrimSpace(norm.NFKC.String(s))
	for _, layout := range []string{"2006-01-02", "2006/1/2", "2006-1-2"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			if endOfDay {
				t = t.AddDate(0, 0, 1)
			}
			return t, nil
		}
	}
	t, err := parseTime(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse date: %w", err)
	}
	return t, nil
}

// readLine reads the first line of standard input, for arguments given as "-".
func (a *app) readLine() (string, error) {
	b, err := io.ReadAll(io.LimitReader(a.env.Stdin, 64*1024))
	if err != nil {
		return "", failure("cli.error.read_stdin", data{"Detail": err.Error()}).wrap(err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSpace(line), nil
}

// loadAccount reads the vault and finds the account query names in it, for
// commands that only look at one account.
func (a *app) loadAccount(query string) (*vault.Vault, *vault.Account, error) {
	v, err := a.load()
	if err != nil {
		return nil, nil, err
	}
	acct, err := a.findAccount(v, query)
	if err != nil {
		return nil, nil, err
	}
	return v, acct, nil
}
