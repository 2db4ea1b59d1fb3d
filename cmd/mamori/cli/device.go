package cli

import (
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
)

func (a *app) deviceCommand() *cobra.Command {
	return a.groupCommand("device", "Track the handsets and authenticator apps accounts' codes live on",
		a.deviceAddCommand(), a.deviceListCommand(), a.deviceBindCommand(), a.deviceUnbindCommand(),
		a.deviceChangeCommand(), a.deviceDoneCommand(), a.deviceRiskCommand(), a.deviceSetCommand())
}

// deviceName shows a device id as the device's name.
func deviceName(v *vault.Vault, id string) string { return usecase.DeviceName(v, id) }

// kindLabel translates a device kind (usecase.DeviceKindName).
func (a *app) kindLabel(k phone.DeviceKind) string { return usecase.DeviceKindName(k).Text(a.msg) }

func (a *app) deviceAddCommand() *cobra.Command {
	var kind, on string
	cmd := &cobra.Command{
		Use:   "add NAME [--kind handset|authenticator-app] [--on HANDSET]",
		Short: "Record a handset or an authenticator app that accounts' codes live on",
		Long: `Record a device: a handset (a phone or tablet, the default) or an
authenticator app installation (Google Authenticator, Microsoft
Authenticator, a service's own app). Then say which accounts' codes live on
it with "mamori device bind ACCOUNT DEVICE". When the handset is replaced or
the app reinstalled, "mamori device change" lists those accounts.

--on HANDSET says the authenticator app runs on that recorded handset (and
makes the kind authenticator-app). A new handset then lists the app's
accounts too, and once every one of them is ticked off, the app is recorded
as running on the new handset.

NAME is yours to choose, such as "iPhone 13" or "Authenticator on the Pixel";
two devices cannot share a name.`,
		Args: exactArgs("NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if on != "" && !cmd.Flags().Changed("kind") {
				kind = string(phone.DeviceAuthenticator)
			}
			k, err := phone.ParseDeviceKind(kind)
			if err != nil {
				return usageErr("cli.error.bad_device_kind", nil).wrap(err)
			}
			ops, err := a.ops()
			if err != nil {
				return err
			}
			res, err := ops.AddDevice(usecase.NewDevice{Name: args[0], Kind: k, Host: on})
			if err != nil {
				return err
			}
			a.note("cli.note.device_added", data{"Name": res.Device.Name, "Kind": a.deviceKindText(res.Device.Kind, res.HostName)})
			return nil
		},
	}
	cmd.Flags().StringVar(&kind, "kind", string(phone.DeviceHandset), "handset or authenticator-app")
	cmd.Flags().StringVar(&on, "on", "", "the recorded handset the authenticator app runs on")
	return cmd
}

func (a *app) deviceSetCommand() *cobra.Command {
	var on string
	cmd := &cobra.Command{
		Use:   "set APP --on HANDSET",
		Short: "Record the handset an authenticator app runs on",
		Long: `Record that the authenticator app APP runs on the recorded handset HANDSET,
as "mamori device add APP --on HANDSET" does for a new app. A new handset
then lists the app's accounts too. --on "" forgets the handset.`,
		Args: exactArgs("APP"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("on") {
				return usageErr("cli.error.device_set_needs_on", nil).withHint("cli.hint.help", data{"Command": cmd.CommandPath()})
			}
			ops, err := a.ops()
			if err != nil {
				return err
			}
			res, err := ops.SetDeviceHost(args[0], on)
			if err != nil {
				return err
			}
			if res.HostName == "" {
				a.note("cli.note.device_host_cleared", data{"Name": res.Device.Name})
			} else {
				a.note("cli.note.device_host_set", data{"Name": res.Device.Name, "Handset": res.HostName})
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&on, "on", "", `the recorded handset the app runs on ("" to forget it)`)
	return cmd
}

// deviceKindText is a device's kind, with the handset an app runs on.
func (a *app) deviceKindText(k phone.DeviceKind, hostName string) string {
	if hostName != "" {
		return a.msg.T("cli.device.app_on", data{"Handset": hostName})
	}
	return a.kindLabel(k)
}

// deviceJSON is one device in "device list --json".
type deviceJSON struct {
	ID       string           `json:"id"`
	Name     string           `json:"name"`
	Kind     phone.DeviceKind `json:"kind"`
	Host     string           `json:"host,omitempty"`
	HostName string           `json:"host_name,omitempty"`
	Added    time.Time        `json:"added,omitzero"`
	Accounts []deviceAcctJSON `json:"accounts"`
}

type deviceAcctJSON struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

func (a *app) deviceListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: "List the devices and the accounts whose codes live on each",
		Long: `List the recorded devices, each with its kind and the accounts bound to it.
An authenticator app shows the handset it runs on, if recorded.
With --json, print one JSON array of objects with the fields id, name, kind
(handset or authenticator-app), host and host_name (the handset an app runs
on), added and accounts (id and label).`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := a.load()
			if err != nil {
				return err
			}
			out := make([]deviceJSON, 0, len(v.Devices))
			for _, d := range v.Devices {
				j := deviceJSON{ID: d.ID, Name: d.Name, Kind: d.Kind, Host: d.Host, Added: d.Added, Accounts: []deviceAcctJSON{}}
				if d.Host != "" {
					j.HostName = deviceName(v, d.Host)
				}
				for _, acct := range v.Accounts {
					if slices.Contains(acct.Devices, d.ID) {
						j.Accounts = append(j.Accounts, deviceAcctJSON{ID: acct.ID, Label: acct.Label()})
					}
				}
				out = append(out, j)
			}
			if asJSON {
				return a.printJSON(out)
			}
			if len(out) == 0 {
				a.note("cli.note.no_devices", nil)
				return nil
			}
			rows := [][]string{{a.msg.T("cli.device.name"), a.msg.T("cli.device.kind"), a.msg.T("cli.device.accounts")}}
			for _, j := range out {
				labels := make([]string, len(j.Accounts))
				for i, x := range j.Accounts {
					labels[i] = x.Label
				}
				accts := strings.Join(labels, a.msg.T("cli.list_separator"))
				if accts == "" {
					accts = "-"
				}
				rows = append(rows, []string{j.Name, a.deviceKindText(j.Kind, j.HostName), accts})
			}
			return writeTable(a.env.Stdout, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON array")
	return cmd
}

func (a *app) deviceBindCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "bind ACCOUNT DEVICE",
		Short: "Record that an account's codes live on a device",
		Long: `Record that ACCOUNT's codes live on DEVICE: its authenticator app holds the
account's key, or the service's app on that handset confirms logins. (A
handset that only receives SMS codes is covered by "mamori phone bind".)
Binding twice changes nothing.`,
		Args: exactArgs("ACCOUNT", "DEVICE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ops, err := a.ops()
			if err != nil {
				return err
			}
			res, err := ops.BindDevice(args[0], args[1])
			if err != nil {
				return err
			}
			d := data{"Label": res.Account.Label(), "Device": res.Device.Name}
			if res.Changed {
				a.note("cli.note.device_bound", d)
			} else {
				a.note("cli.note.device_already_bound", d)
			}
			return nil
		},
	}
}

func (a *app) deviceUnbindCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "unbind ACCOUNT DEVICE",
		Short: "Forget that an account's codes live on a device",
		Long:  `Remove DEVICE from ACCOUNT's devices. A device the account is not bound to is an error.`,
		Args:  exactArgs("ACCOUNT", "DEVICE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ops, err := a.ops()
			if err != nil {
				return err
			}
			res, err := ops.UnbindDevice(args[0], args[1])
			if err != nil {
				return err
			}
			a.note("cli.note.device_unbound", data{"Label": res.Account.Label(), "Device": res.Device.Name})
			return nil
		},
	}
}

// shellQuote quotes s for a command line shown to a person, when it needs it.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// deviceChangeJSON is "device change --json": the change and its checklist.
type deviceChangeJSON struct {
	Change    phone.DeviceChange     `json:"change"`
	Checklist []phone.DeviceRiskItem `json:"checklist"`
}

func (a *app) deviceChangeCommand() *cobra.Command {
	var newName string
	var reinstall bool
	var tf transitionFlags
	cmd := &cobra.Command{
		Use:   "change OLD [--new NAME] [--reinstall] [--date D] [--old-until D | --old-gone] [--json]",
		Short: "Record a new handset or an app reinstall, and list the accounts whose codes lived on the old one",
		Long: `Record that the device OLD is being replaced by a new handset (--new NAME,
the default event), or that the authenticator app OLD is being reinstalled
(--reinstall), and print the checklist: every account whose codes live on
OLD. Authenticator apps do not always move their keys to a new phone, a
reinstall loses them, and services may treat a new phone as a stranger and
ask for an SMS code. Move each account while OLD still works, then tick it
off with "mamori device done OLD ACCOUNT". An account with no other way in
(no authenticator key in Mamori, no unused backup code, no number receiving
codes, no other device) is marked, with its support contact if recorded.

--new NAME is the replacing device; one not recorded yet is added, of the
same kind as OLD. --date is when the change takes effect (default: now). By
default OLD is taken to keep working with no known end; --old-until D gives
the last day it works, and --old-gone says it stops at --date. Dates are
YYYY-MM-DD (local time) or RFC 3339.

Recording the same event for OLD again updates it, keeping the accounts
already ticked off. With --json, print one JSON object with the fields
change and checklist (as "device risk --json").`,
		Args: exactArgs("OLD"),
		RunE: func(cmd *cobra.Command, args []string) error {
			now := a.now()
			tr, err := tf.transition(cmd, now)
			if err != nil {
				return err
			}
			event := phone.EventNewHandset
			if reinstall {
				event = phone.EventAppReinstall
			}
			if cmd.Flags().Changed("new") && strings.TrimSpace(newName) == "" {
				return usageErr("cli.error.device_needs_name", nil)
			}
			ops, err := a.ops()
			if err != nil {
				return err
			}
			res, err := ops.RecordDeviceChange(args[0], event, newName, tr)
			if err != nil {
				return err
			}
			change, updated, created, v2, items := res.Change, res.Updated, res.Created, res.Vault, res.Checklist
			if tf.asJSON {
				return a.printJSON(deviceChangeJSON{Change: change, Checklist: orEmpty(items)})
			}
			if created != nil {
				a.note("cli.note.device_added", data{"Name": created.Name, "Kind": a.kindLabel(created.Kind)})
			}
			reinstalled := change.Event == phone.EventAppReinstall && change.New == change.Old
			key := "cli.note.device_change_recorded"
			switch {
			case reinstalled && updated:
				key = "cli.note.device_reinstall_updated"
			case reinstalled:
				key = "cli.note.device_reinstall_recorded"
			case updated:
				key = "cli.note.device_change_updated"
			}
			oldName := deviceName(v2, change.Old)
			d := data{"Old": oldName, "OldArg": shellQuote(oldName), "New": a.newDevice(v2, change), "Date": day(change.Date),
				"State": a.oldState(change.Transition, now), "Event": a.eventName(change.Event)}
			a.note(key, d)
			if len(items) == 0 {
				a.note("cli.note.device_change_nothing_bound", d)
				return nil
			}
			if err := a.printDeviceChecklist(v2, items); err != nil {
				return err
			}
			d["Count"] = len(items)
			next := "cli.note.device_change_next"
			switch u, _ := change.OldState(now); {
			case u == phone.UrgencyGone:
				next = "cli.note.device_change_next_gone"
			case reinstalled:
				next = "cli.note.device_reinstall_next"
			}
			a.note(next, d)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&newName, "new", "", "the replacing device (added if not recorded yet)")
	f.BoolVar(&reinstall, "reinstall", false, "the authenticator app OLD is reinstalled, not replaced")
	tf.register(f, "device")
	return cmd
}

// eventName translates a device event.
func (a *app) eventName(e phone.DeviceEvent) string {
	switch e {
	case phone.EventNewHandset:
		return a.msg.T("cli.device.new_handset")
	case phone.EventAppReinstall:
		return a.msg.T("cli.device.reinstall")
	}
	return string(e)
}

// newDevice names a change's new device: the reinstalled app itself, the
// replacing device, or none recorded.
func (a *app) newDevice(v *vault.Vault, c phone.DeviceChange) string {
	switch {
	case c.New == "":
		return a.msg.T("cli.device.no_new_device")
	case c.New == c.Old:
		return a.msg.T("cli.device.reinstalled", data{"Name": deviceName(v, c.Old)})
	}
	return deviceName(v, c.New)
}

// printDeviceChecklist prints device risk items on stdout, one account a
// line, with the support route under each account that has no other way in.
func (a *app) printDeviceChecklist(v *vault.Vault, items []phone.DeviceRiskItem) error {
	header := []string{"", a.msg.T("cli.phone.account"), a.msg.T("cli.device.event"), a.msg.T("cli.phone.change"), a.msg.T("cli.device.state")}
	lines := make([]checklistLine, len(items))
	for i, it := range items {
		what := deviceName(v, it.Old)
		if it.New != it.Old {
			what += " → " + a.newDevice(v, phone.DeviceChange{Old: it.Old, New: it.New})
		}
		cells := []string{it.Label, a.eventName(it.Event), what, a.urgency(it.Urgency, it.Deadline)}
		lines[i] = checklistLine{cells: cells, accountID: it.AccountID, noFallback: it.NoFallback}
	}
	return a.printChecklistTable(v, header, lines, "cli.device.no_fallback")
}

func (a *app) deviceDoneCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "done CHANGE|OLD ACCOUNT",
		Short: "Tick an account off a device change's checklist",
		Long: `Tick ACCOUNT off the checklist of a recorded device change, once its codes
work on the new device (or in the reinstalled app). CHANGE|OLD is the old
device (or the change's id from "device risk --json"). The account moves
from the old device to the new one; after a reinstall it stays on the app;
after a new handset with no new device recorded, it leaves the old one. An
account listed because its authenticator app runs on the old handset keeps
the app; once every account in that app is ticked off, the app is recorded
as running on the new handset.`,
		Args: exactArgs("CHANGE", "ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ops, err := a.ops()
			if err != nil {
				return err
			}
			res, err := ops.TickDeviceChange(args[0], args[1])
			if err != nil {
				return err
			}
			c := res.Change
			label, oldS, newS := res.Account.Label(), deviceName(res.Vault, c.Old), a.newDevice(res.Vault, c)
			left, moved := res.Left, res.Moved
			switch {
			case res.Already:
				a.note("cli.note.device_done_already", data{"Label": label, "Old": oldS})
			case c.New == c.Old:
				a.note("cli.note.device_done_reinstall", data{"Label": label, "Old": oldS})
			default:
				a.note("cli.note.device_done", data{"Label": label, "Old": oldS, "New": newS})
			}
			for _, app := range moved {
				a.note("cli.note.device_app_moved", data{"App": app, "New": newS})
			}
			a.note("cli.note.device_done_left", data{"Count": left})
			return nil
		},
	}
}

func (a *app) deviceRiskCommand() *cobra.Command {
	return riskCommand(a, "List the accounts still to move off a replaced or reinstalled device",
		`List, over every recorded device change, the accounts whose codes still
live on the old device and are not ticked off: first those whose old device
still works (soonest deadline first), then those without a deadline, then
those whose old device is gone. Accounts with no other way in are marked,
with their support contact.

With --json, print one JSON array of objects with the fields account_id,
label, change_id, event (new-handset or app-reinstall), old, new (device
ids), urgency (going, open or gone), deadline and no_fallback.`,
		"cli.note.no_device_risk",
		func(v *vault.Vault, now time.Time) []phone.DeviceRiskItem {
			return phone.DeviceRisk(v.Bindings(), v.DeviceChanges, now)
		},
		a.printDeviceChecklist)
}
