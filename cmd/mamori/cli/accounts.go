package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/service"
)

// typeNone is the type "list --json" gives an account without an OTP key.
const typeNone = "none"

// accountJSON is one account in "list --json": everything but the secret.
type accountJSON struct {
	ID        string `json:"id"`
	Issuer    string `json:"issuer"`
	Name      string `json:"name"`
	Type      string `json:"type"`
	Algorithm string `json:"algorithm"`
	Digits    int    `json:"digits"`
	Period    int    `json:"period"`
	Counter   uint64 `json:"counter"`
	Pinned    bool   `json:"pinned"`
	// Tags is the account's tags, [] for none.
	Tags []string `json:"tags"`
	// Service and Icon, for an account matched to a known service (see
	// service.go).
	Service *accountServiceJSON `json:"service,omitempty"`
	Icon    string              `json:"icon,omitempty"`
}

func (a *app) listCommand() *cobra.Command {
	var asJSON bool
	var tag string
	cmd := &cobra.Command{
		Use:   "list [--json] [--tag TAG]",
		Short: "List the accounts (never their secrets)",
		Long: `List the accounts in the vault: issuer, name and type, one a line, pinned
accounts ("mamori account set ACCOUNT --pinned") first. When some account
has tags ("mamori account set ACCOUNT --tag TAGS"), a TAGS column follows.

--tag TAG lists only the accounts with that tag (case and full-width or
half-width letters do not matter).

With --json, print one JSON array of objects with the fields id, issuer,
name, type ("none" for an account added with --no-otp), algorithm, digits,
period (0 for HOTP), counter (0 for TOTP), pinned and tags (an array, []
for none), and, for an account matched to a known service, service (an
object: name, domain, methods, docs, recovery, confirmed) and icon (the
service's Simple Icons slug, when it has one; see "mamori service").
Secrets are never listed.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := a.load()
			if err != nil {
				return err
			}
			accts := vault.PinnedFirst(v.Accounts)
			if cmd.Flags().Changed("tag") {
				accts = slices.DeleteFunc(accts, func(acct vault.Account) bool { return !acct.HasTag(tag) })
			}
			if asJSON {
				out := make([]accountJSON, 0, len(accts))
				dir := service.New()
				for _, acct := range accts {
					k := acct.OTP
					typ := string(k.Type)
					if !acct.HasOTP() {
						typ = typeNone
					}
					out = append(out, accountJSON{
						ID: acct.ID, Issuer: acct.Issuer, Name: acct.Name, Type: typ,
						Algorithm: string(k.Algorithm), Digits: k.Digits, Period: k.Period, Counter: k.Counter,
						Pinned: acct.Pinned, Tags: append([]string{}, acct.Tags...),
					})
					out[len(out)-1].Service, out[len(out)-1].Icon = accountService(dir, acct)
				}
				return a.printJSON(out)
			}
			if len(v.Accounts) == 0 {
				a.note("cli.note.no_accounts", nil)
				return nil
			}
			if len(accts) == 0 {
				a.note("cli.note.no_tagged_accounts", data{"Tag": tag})
				return nil
			}
			tagged := slices.ContainsFunc(accts, func(acct vault.Account) bool { return len(acct.Tags) > 0 })
			rows := [][]string{{a.msg.T("cli.list.issuer"), a.msg.T("cli.list.name"), a.msg.T("cli.list.type")}}
			if tagged {
				rows[0] = append(rows[0], a.msg.T("cli.list.tags"))
			}
			for _, acct := range accts {
				issuer := acct.Issuer
				if issuer == "" {
					issuer = "-"
				}
				typ := string(acct.OTP.Type)
				if !acct.HasOTP() {
					typ = a.msg.T("cli.list.no_otp")
				}
				row := []string{issuer, acct.Name, typ}
				if tagged {
					row = append(row, strings.Join(acct.Tags, ","))
				}
				rows = append(rows, row)
			}
			return writeTable(a.env.Stdout, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON array")
	cmd.Flags().StringVar(&tag, "tag", "", "list only the accounts with the tag `TAG`")
	return cmd
}

// printJSON prints exactly one JSON value, indented, on stdout.
func (a *app) printJSON(v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode json: %w", err)
	}
	_, err = a.env.Stdout.Write(append(b, '\n'))
	return err
}

func (a *app) codeCommand() *cobra.Command {
	var at string
	cmd := &cobra.Command{
		Use:   "code QUERY [--at TIME]",
		Short: "Print the current code of one account",
		Long: `Print the one-time code of the account QUERY names, and nothing else, on
stdout, so that scripts can pipe it. The account it matched and the seconds
the code has left go to stderr.

QUERY is part of the issuer or the name, or "issuer:name"; case and
full-width/half-width do not matter (ＧＩＴＨＵＢ finds GitHub, みずほ finds
みずほ銀行). A query that matches several accounts fails and lists them.

--at TIME gives the code for another moment: RFC 3339 (2025-01-02T15:04:05Z,
2025-01-02T15:04:05+09:00) or Unix seconds. An account with a clock offset
("mamori account set ACCOUNT --clock-offset SECONDS") gets the code of that
moment plus its offset, now or --at. For an HOTP account the counter is
advanced and saved before its code is printed, so a code is never shown
twice; --at does not apply to HOTP.`,
		Args: exactArgs("QUERY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			when := a.now()
			if cmd.Flags().Changed("at") {
				t, err := parseTime(at)
				if err != nil {
					return usageErr("cli.error.bad_time", nil).wrap(err)
				}
				when = t
			}
			_, acct, err := a.loadAccount(args[0])
			if err != nil {
				return err
			}
			if !acct.HasOTP() {
				return failure("cli.error.no_otp", data{"Label": acct.Label()}).withHint("cli.hint.no_otp", data{"Query": args[0]})
			}
			if acct.OTP.Type == otp.HOTP {
				if cmd.Flags().Changed("at") {
					return usageErr("cli.error.at_with_hotp", data{"Label": acct.Label()})
				}
				return a.hotpCode(acct.ID)
			}
			code, err := acct.Code(when)
			if err != nil {
				return err
			}
			left := int(math.Ceil(acct.CodeRemaining(when).Seconds()))
			a.note("cli.note.code_totp", data{"Label": acct.Label(), "Seconds": left})
			if acct.ClockOffset != 0 {
				a.note("cli.note.code_offset", data{"Seconds": fmt.Sprintf("%+d", acct.ClockOffset)})
			}
			_, err = fmt.Fprintln(a.env.Stdout, code)
			return err
		},
	}
	cmd.Flags().StringVar(&at, "at", "", "the moment to make the code for: RFC 3339 or Unix seconds")
	return cmd
}

// hotpCode advances the HOTP counter of account id and saves the vault, and
// only then prints the code of the counter value it had.
func (a *app) hotpCode(id string) error {
	svc, err := a.service()
	if err != nil {
		return err
	}
	got, err := svc.NextHOTP(id)
	switch {
	case errors.Is(err, vault.ErrNotFound):
		return failure("cli.error.account_gone", nil).wrap(err)
	case errors.Is(err, usecase.ErrCounterExhausted):
		return failure("cli.error.counter_exhausted", data{"Label": got.Account.Label()}).wrap(err)
	case err != nil:
		return err
	}
	a.note("cli.note.code_hotp", data{"Label": got.Account.Label(), "Counter": got.Counter})
	_, err = fmt.Fprintln(a.env.Stdout, got.Code)
	return err
}

// parseTime reads RFC 3339 or Unix seconds.
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 {
			return time.Time{}, fmt.Errorf("negative unix time %d", n)
		}
		return time.Unix(n, 0), nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse time: %w", err)
	}
	if t.Unix() < 0 {
		return time.Time{}, fmt.Errorf("time %s is before 1970", s)
	}
	return t, nil
}

func (a *app) rmCommand() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "rm QUERY [--yes]",
		Short: "Remove one account",
		Long: `Remove the account QUERY names (see "mamori code --help" for how queries
match). A query that matches several accounts fails and lists them; nothing
is removed then. At a terminal it asks first; --yes removes without asking,
for scripts.`,
		Args: exactArgs("QUERY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			if !yes && a.tty.IsTerminal() {
				_, acct, err := a.loadAccount(args[0])
				if err != nil {
					return err
				}
				// The question on a line of its own: the answer is echoed
				// on the next, and an error starts a line of its own.
				fmt.Fprintln(a.env.Stderr, a.msg.T("cli.prompt.confirm_rm", data{"Label": acct.Label()}))
				answer, err := a.tty.ReadLine()
				if err != nil || !confirmed(answer) {
					return failure("cli.error.rm_not_confirmed", data{"Label": acct.Label()})
				}
			}
			d, err := svc.DeleteAccount(args[0])
			if err != nil {
				return err
			}
			a.note("cli.note.removed", data{"Label": d.Account.Label()})
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "remove without asking")
	return cmd
}

// confirmed reports whether answer, typed at a "remove it?" question, says
// yes: y or yes in any case and width, or はい.
func confirmed(answer string) bool {
	switch vault.Fold(answer) {
	case "y", "yes", "はい":
		return true
	}
	return false
}
