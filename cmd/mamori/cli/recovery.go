package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault/recovery"
)

func (a *app) recoveryCommand() *cobra.Command {
	return a.groupCommand("recovery", "Keep what support asks before giving an account back",
		a.recoveryShowCommand(), a.recoverySetCommand(), a.recoveryRequestCommand())
}

// recoveryField is one field of recovery.Info as the CLI offers it: its
// flag, its label key, and how to read and write it.
type recoveryField struct {
	flag  string
	label string // translation key
	usage string
	list  bool
	get   func(*recovery.Info) *string
	getL  func(*recovery.Info) *[]string
}

// recoveryFields lists recovery.Info's fields in the order support reads
// them. There is no password field, on purpose (see recovery.Info).
var recoveryFields = []recoveryField{
	{flag: "user-name", label: "cli.recovery.user_name", usage: "the user name chosen at registration, if not the login ID", get: func(i *recovery.Info) *string { return &i.UserName }},
	{flag: "user-number", label: "cli.recovery.user_number", usage: "the service's number for the account (user no., member no.)", get: func(i *recovery.Info) *string { return &i.UserNumber }},
	{flag: "public-name", label: "cli.recovery.public_name", usage: "the name others see (display name, nickname)", get: func(i *recovery.Info) *string { return &i.PublicName }},
	{flag: "registered", label: "cli.recovery.registered", usage: `when the account was created, as precisely as known ("2016-04", "spring 2016")`, get: func(i *recovery.Info) *string { return &i.Registered }},
	{flag: "account-code", label: "cli.recovery.account_code", usage: "the account-specific code issued at registration", get: func(i *recovery.Info) *string { return &i.AccountCode }},
	{flag: "owner-code", label: "cli.recovery.owner_code", usage: "the account owner code", get: func(i *recovery.Info) *string { return &i.OwnerCode }},
	{flag: "invitation-key", label: "cli.recovery.invitation_keys", usage: "an invitation or referral key used (repeat for several)", list: true, getL: func(i *recovery.Info) *[]string { return &i.InvitationKeys }},
	{flag: "registered-name", label: "cli.recovery.registered_name", usage: "the real name on file", get: func(i *recovery.Info) *string { return &i.RegisteredName }},
	{flag: "login-email", label: "cli.recovery.login_email", usage: "the e-mail address used to log in or registered", get: func(i *recovery.Info) *string { return &i.LoginEmail }},
	{flag: "address", label: "cli.recovery.address", usage: "the postal address on file", get: func(i *recovery.Info) *string { return &i.Address }},
	{flag: "card-last4", label: "cli.recovery.card_last_four", usage: "the last 4 digits of the payment card on file (never more)", get: func(i *recovery.Info) *string { return &i.CardLast4 }},
	{flag: "register-provider", label: "cli.recovery.register_providers", usage: "an internet provider or line used to register (repeat for several)", list: true, getL: func(i *recovery.Info) *[]string { return &i.RegisterProviders }},
	{flag: "login-provider", label: "cli.recovery.login_providers", usage: "an internet provider or line used to log in (repeat for several)", list: true, getL: func(i *recovery.Info) *[]string { return &i.LoginProviders }},
	{flag: "method", label: "cli.recovery.methods", usage: "a 2FA method registered: totp, sms, voice, email, backup-codes, grid-card, security-key, push or free text (repeat for several)", list: true, getL: func(i *recovery.Info) *[]string { return &i.TwoFactorMethods }},
	{flag: "support-phone", label: "cli.recovery.support_phone", usage: "the support line, with any menu choice", get: func(i *recovery.Info) *string { return &i.SupportPhone }},
	{flag: "support-hours", label: "cli.recovery.support_hours", usage: "the support line's opening hours", get: func(i *recovery.Info) *string { return &i.SupportHours }},
	{flag: "support-url", label: "cli.recovery.support_url", usage: "the support or recovery form's address (http or https)", get: func(i *recovery.Info) *string { return &i.SupportURL }},
	{flag: "notes", label: "cli.recovery.notes", usage: "anything else worth telling support", get: func(i *recovery.Info) *string { return &i.Notes }},
}

// recoveryJSON is "recovery show --json".
type recoveryJSON struct {
	AccountID string        `json:"account_id"`
	Label     string        `json:"label"`
	Recovery  recovery.Info `json:"recovery"`
}

func (a *app) recoveryShowCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ACCOUNT [--json]",
		Short: "Show an account's recovery details",
		Long: `Show what is recorded for ACCOUNT's support: user number, registration date,
codes, providers, 2FA methods, support contact and notes. With --json, print
one JSON object with the fields account_id, label and recovery (the details,
with the field names of "recovery set" in snake case).`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, acct, err := a.loadAccount(args[0])
			if err != nil {
				return err
			}
			info := acct.Recovery
			if asJSON {
				return a.printJSON(recoveryJSON{AccountID: acct.ID, Label: acct.Label(), Recovery: info})
			}
			if info.IsZero() {
				a.note("cli.note.no_recovery", data{"Label": acct.Label(), "Query": args[0]})
				return nil
			}
			var rows [][]string
			for _, f := range recoveryFields {
				if f.list {
					if l := *f.getL(&info); len(l) > 0 {
						rows = append(rows, []string{a.msg.T(f.label), strings.Join(l, a.msg.T("cli.list_separator"))})
					}
					continue
				}
				if s := *f.get(&info); s != "" {
					lines := strings.Split(s, "\n")
					rows = append(rows, []string{a.msg.T(f.label), lines[0]})
					for _, l := range lines[1:] {
						rows = append(rows, []string{"", l})
					}
				}
			}
			a.note("cli.note.recovery_for", data{"Label": acct.Label()})
			return writeTable(a.env.Stdout, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return cmd
}

// passwordFlags are flag names someone might try for a password; "recovery
// set" explains why there is none.
var passwordFlags = map[string]bool{"password": true, "passwd": true, "pass": true, "pw": true, "pin": true, "passphrase": true, "secret": true}

func (a *app) recoverySetCommand() *cobra.Command {
	scalars := map[string]*string{}
	lists := map[string]*[]string{}
	cmd := &cobra.Command{
		Use:   "set ACCOUNT --FIELD VALUE...",
		Short: "Record what support will ask about an account (never a password)",
		Long: `Record ACCOUNT's recovery details: what the service's support asks before
giving the account back when every other way in is lost. Only the fields
given change; an empty value ("") clears a field. List fields
(--invitation-key, --register-provider, --login-provider, --method) take
the flag once per entry and replace the whole list.

  mamori recovery set Amazon --login-email taro@example.com --card-last4 1234 \
      --registered 2016-04 --method sms --support-phone 0120-999-373

There is deliberately no field for a password: support never needs it to
verify you, a recovery request travels by e-mail or web form where it does
not belong, and a copy here would make this file the best target on the
machine. If the password is lost, the service resets it.`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var changed []recoveryField
			for _, f := range recoveryFields {
				if cmd.Flags().Changed(f.flag) {
					changed = append(changed, f)
				}
			}
			if len(changed) == 0 {
				return usageErr("cli.error.recovery_no_fields", nil).withHint("cli.hint.help", data{"Command": cmd.CommandPath()})
			}
			ops, err := a.ops()
			if err != nil {
				return err
			}
			acct, _, err := ops.SetRecovery(args[0], func(info *recovery.Info) {
				for _, f := range changed {
					if f.list {
						*f.getL(info) = append([]string(nil), *lists[f.flag]...)
					} else {
						*f.get(info) = *scalars[f.flag]
					}
				}
			})
			if err != nil {
				return err
			}
			label := acct.Label()
			a.note("cli.note.recovery_saved", data{"Label": label, "Count": len(changed)})
			return nil
		},
	}
	for _, f := range recoveryFields {
		if f.list {
			lists[f.flag] = cmd.Flags().StringArray(f.flag, nil, f.usage)
		} else {
			scalars[f.flag] = cmd.Flags().String(f.flag, "", f.usage)
		}
	}
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		var notExist *pflag.NotExistError
		if errors.As(err, &notExist) && passwordFlags[strings.ToLower(notExist.GetSpecifiedName())] {
			return usageErr("cli.error.unknown_flag", data{"Flag": "--" + notExist.GetSpecifiedName()}).
				withHint("cli.hint.no_password", nil).wrap(err)
		}
		return flagError(err)
	})
	return cmd
}

func (a *app) recoveryRequestCommand() *cobra.Command {
	var lang string
	cmd := &cobra.Command{
		Use:   "request ACCOUNT [--lang ja|en]",
		Short: "Print a ready-to-send recovery request for support",
		Long: `Print, on stdout, a letter asking ACCOUNT's support to restore access, with
the recovery details recorded ("mamori recovery set"): ready to paste into a
contact form or an e-mail. It never contains a password, an authenticator
key, a backup code or a grid card. The language is Japanese or English
(--lang; default: the language of the messages). The support contact goes to
stderr.`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("lang") {
				lang = a.msg.Lang()
			}
			lang = strings.ToLower(strings.TrimSpace(lang))
			if lang != assets.LangJapanese && lang != assets.LangEnglish {
				return usageErr("cli.error.bad_lang", nil)
			}
			_, acct, err := a.loadAccount(args[0])
			if err != nil {
				return err
			}
			text := recovery.Request(acct.Recovery, acct.Label(), lang)
			if !strings.HasSuffix(text, "\n") {
				text += "\n"
			}
			if _, err := fmt.Fprint(a.env.Stdout, text); err != nil {
				return err
			}
			if acct.Recovery.IsZero() {
				a.warn("cli.warn.recovery_empty", data{"Query": args[0]})
			}
			lines, _ := a.supportContact(*acct)
			for _, l := range lines {
				fmt.Fprintln(a.env.Stderr, l)
			}
			a.note("cli.note.request_review", nil)
			return nil
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "", "ja or en (default: the language of the messages)")
	return cmd
}
