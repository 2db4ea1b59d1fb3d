package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/service"
)

// serviceJSON is one service in "service --json" and "service --list
// --json". Every field is always there ("" or [] when the directory has
// nothing), so scripts need not test for a key.
type serviceJSON struct {
	Name           string           `json:"name"`
	Domain         string           `json:"domain"`
	Domains        []string         `json:"domains"`
	Methods        []service.Method `json:"methods"`
	Docs           string           `json:"docs"`
	Recovery       string           `json:"recovery"`
	CustomSoftware []string         `json:"custom_software"`
	CustomHardware []string         `json:"custom_hardware"`
	Icon           string           `json:"icon"`
}

func toServiceJSON(s service.Service) serviceJSON {
	return serviceJSON{
		Name: s.Name, Domain: s.Domain, Domains: orEmpty(s.Domains), Methods: orEmpty(s.Methods),
		Docs: s.Docs, Recovery: s.Recovery, CustomSoftware: orEmpty(s.Software), CustomHardware: orEmpty(s.Hardware), Icon: s.Icon,
	}
}

// accountServiceJSON is the "service" of an account in "list --json": the
// service's facts and whether the person confirmed it ("mamori service
// QUERY --set ACCOUNT") or the matcher found it.
type accountServiceJSON struct {
	Name      string           `json:"name"`
	Domain    string           `json:"domain"`
	Methods   []service.Method `json:"methods"`
	Docs      string           `json:"docs"`
	Recovery  string           `json:"recovery"`
	Confirmed bool             `json:"confirmed"`
}

// accountService returns the "service" and "icon" of an account in "list
// --json": nil and "" for an account matched to no service.
func accountService(dir *service.Directory, acct vault.Account) (*accountServiceJSON, string) {
	s, confirmed, ok := dir.AccountService(acct)
	if !ok {
		return nil, ""
	}
	return &accountServiceJSON{Name: s.Name, Domain: s.Domain, Methods: orEmpty(s.Methods), Docs: s.Docs, Recovery: s.Recovery, Confirmed: confirmed}, s.Icon
}

// Words of "service QUERY --set ACCOUNT" that are not services.
const (
	serviceNone = "none" // the account is with no known service
	serviceAuto = "auto" // let the matcher decide again
)

func (a *app) serviceCommand() *cobra.Command {
	var asJSON, list bool
	var set string
	cmd := &cobra.Command{
		Use:   "service QUERY [--json] [--set ACCOUNT] | --list [--json]",
		Short: a.msg.T("cli.service.help.short"),
		Long:  a.msg.T("cli.service.help.long"),
		Args:  maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := service.New()
			switch {
			case list && (len(args) > 0 || set != ""):
				return usageErr("cli.error.service_list_alone", nil).withHint("cli.hint.help", data{"Command": cmd.CommandPath()})
			case list:
				all, err := dir.All()
				if err != nil {
					return err
				}
				return a.printServices(all, asJSON)
			case len(args) == 0:
				return usageErr("cli.error.wrong_arg_count", data{"Command": cmd.CommandPath(), "Want": 1, "Names": "QUERY", "Got": 0}).
					withHint("cli.hint.help", data{"Command": cmd.CommandPath()})
			case set != "":
				return a.setAccountService(dir, set, args[0])
			}
			s, err := a.findService(dir, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(toServiceJSON(s))
			}
			return a.printService(s)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, a.msg.T("cli.service.flag.json"))
	cmd.Flags().BoolVar(&list, "list", false, a.msg.T("cli.service.flag.list"))
	cmd.Flags().StringVar(&set, "set", "", a.msg.T("cli.service.flag.set"))
	return cmd
}

// findService is the one service query names, with the CLI's messages for
// none and for several.
func (a *app) findService(dir *service.Directory, query string) (service.Service, error) {
	found, err := dir.Find(query)
	if err != nil {
		return service.Service{}, err
	}
	switch len(found) {
	case 0:
		return service.Service{}, failure("cli.error.service_not_found", data{"Query": query}).withHint("cli.hint.service_list", nil)
	case 1:
		return found[0], nil
	}
	const shown = 10
	names := make([]string, 0, shown)
	for _, s := range found[:min(shown, len(found))] {
		names = append(names, s.Name)
	}
	if len(found) > shown {
		names = append(names, "…")
	}
	return service.Service{}, failure("cli.error.service_ambiguous", data{
		"Query": query, "Count": len(found), "Candidates": strings.Join(names, a.msg.T("cli.list_separator")),
	}).withHint("cli.hint.service_ambiguous", nil)
}

// setAccountService records the person's choice of service for an account.
func (a *app) setAccountService(dir *service.Directory, account, query string) error {
	choice, name := "", ""
	switch strings.ToLower(strings.TrimSpace(query)) {
	case serviceNone:
		choice = service.None
	case serviceAuto:
	default:
		s, err := a.findService(dir, query)
		if err != nil {
			return err
		}
		choice, name = s.Domain, s.Name
	}
	store, err := a.openStore()
	if err != nil {
		return err
	}
	acct, err := usecase.New(store, a.now).SetAccountService(account, choice, dir)
	if errors.Is(err, usecase.ErrUnknownService) {
		m := usecase.Explain(err)
		return failure(m.ID, m.Data).withHint(m.Hint.ID, m.Hint.Data).wrap(err)
	}
	if err != nil {
		return err
	}
	switch choice {
	case service.None:
		a.note("cli.note.service_none", data{"Label": acct.Label()})
	case "":
		if s, ok := dir.Match(acct.Issuer, acct.Name); ok {
			a.note("cli.note.service_auto", data{"Label": acct.Label(), "Name": s.Name})
		} else {
			a.note("cli.note.service_auto_none", data{"Label": acct.Label()})
		}
	default:
		a.note("cli.note.service_set", data{"Label": acct.Label(), "Name": name})
	}
	return nil
}

// methodNames are what s offers, in words (usecase.MethodNames).
func (a *app) methodNames(s service.Service) string { return usecase.MethodNames(s).Text(a.msg) }

// printService prints one service for a person.
func (a *app) printService(s service.Service) error {
	none := a.msg.T("cli.service.not_recorded")
	or := func(v string) string {
		if v == "" {
			return none
		}
		return v
	}
	rows := [][]string{
		{a.msg.T("cli.service.methods"), a.methodNames(s)},
		{a.msg.T("cli.service.docs"), or(s.Docs)},
		{a.msg.T("cli.service.recovery"), or(s.Recovery)},
	}
	if _, err := fmt.Fprintf(a.env.Stdout, "%s (%s)\n", s.Name, s.Domain); err != nil {
		return err
	}
	return writeTable(a.env.Stdout, rows)
}

// printServices prints every service: a table, or one JSON array.
func (a *app) printServices(all []service.Service, asJSON bool) error {
	if asJSON {
		out := make([]serviceJSON, len(all))
		for i, s := range all {
			out[i] = toServiceJSON(s)
		}
		return a.printJSON(out)
	}
	rows := [][]string{{a.msg.T("cli.service.name"), a.msg.T("cli.service.domain"), a.msg.T("cli.service.methods")}}
	for _, s := range all {
		rows = append(rows, []string{s.Name, s.Domain, a.methodNames(s)})
	}
	return writeTable(a.env.Stdout, rows)
}

// printChangeLinks follows a number change's checklist with where each
// account's number is changed: its service's 2FA help page, when known.
func (a *app) printChangeLinks(v *vault.Vault, items []phone.RiskItem) {
	dir := service.New()
	var lines []string
	seen := map[string]bool{}
	for _, it := range items {
		acct := v.Account(it.AccountID)
		if acct == nil || seen[acct.ID] {
			continue
		}
		seen[acct.ID] = true
		if s, _, ok := dir.AccountService(*acct); ok && s.Docs != "" {
			lines = append(lines, "  "+a.msg.T("cli.phone.change_where", data{"Label": acct.Label(), "URL": s.Docs}))
		}
	}
	if len(lines) > 0 {
		fmt.Fprintln(a.env.Stdout, a.msg.T("cli.phone.change_links"))
		for _, l := range lines {
			fmt.Fprintln(a.env.Stdout, l)
		}
	}
}
