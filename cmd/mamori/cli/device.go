package cli

import (
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
)

func (a *app) deviceCommand() *cobra.Command {
	return a.groupCommand("device", "Track the handsets and authenticator apps accounts' codes live on",
		a.deviceAddCommand(), a.deviceListCommand(), a.deviceBindCommand(), a.deviceUnbindCommand(),
		a.deviceChangeCommand(), a.deviceDoneCommand(), a.deviceRiskCommand(), a.deviceSetCommand())
}

// findDevice finds a device by its id, its whole name, or a part of its
// name that only one device has; case and width do not matter.
func (a *app) findDevice(v *vault.Vault, query string) (*phone.Device, error) {
	q := foldName(query)
	var exact, partial []int
	for i, d := range v.Devices {
		n := foldName(d.Name)
		switch {
		case d.ID == query || n == q:
			exact = append(exact, i)
		case q != "" && strings.Contains(n, q):
			partial = append(partial, i)
		}
	}
	pick := exact
	if len(pick) == 0 {
		pick = partial
	}
	switch len(pick) {
	case 1:
		return &v.Devices[pick[0]], nil
	case 0:
		return nil, failure("cli.error.device_not_found", data{"Query": query}).withHint("cli.hint.device_list", nil).wrap(vault.ErrNotFound)
	}
	names := make([]string, len(pick))
	for i, j := range pick {
		names[i] = v.Devices[j].Name
	}
	return nil, failure("cli.error.device_ambiguous", data{"Query": query, "Count": len(pick), "Candidates": strings.Join(names, a.msg.T("cli.list_separator"))}).
		withHint("cli.hint.device_ambiguous", nil).wrap(vault.ErrAmbiguous)
}

// deviceByNameOrID returns the device whose id or whole name (case and
// width ignored) is s, or nil.
func deviceByNameOrID(v *vault.Vault, s string) *phone.Device {
	for i := range v.Devices {
		if v.Devices[i].ID == s {
			return &v.Devices[i]
		}
	}
	if i := phone.DeviceNamed(v.Devices, s); i >= 0 {
		return &v.Devices[i]
	}
	return nil
}

// deviceName shows a device id as the device's name.
func deviceName(v *vault.Vault, id string) string {
	for _, d := range v.Devices {
		if d.ID == id {
			return d.Name
		}
	}
	return id
}

// kindLabel translates a device kind.
func (a *app) kindLabel(k phone.DeviceKind) string {
	switch k {
	case phone.DeviceHandset:
		return a.msg.T("cli.device.handset")
	case phone.DeviceAuthenticator:
		return a.msg.T("cli.device.authenticator")
	}
	return string(k)
}

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
			d, err := phone.NewDevice(args[0], k, a.now())
			if err != nil {
				return usageErr("cli.error.device_needs_name", nil).wrap(err)
			}
			var host string
			err = a.mutate(func(v *vault.Vault) error {
				if phone.DeviceNamed(v.Devices, d.Name) >= 0 {
					return failure("cli.error.device_exists", data{"Name": d.Name}).withHint("cli.hint.device_list", nil)
				}
				if on != "" {
					h, err := a.findDevice(v, on)
					if err != nil {
						return err
					}
					if err := d.SetHost(v.Devices, h.ID); err != nil {
						return usageErr("cli.error.bad_host", data{"Handset": h.Name}).wrap(err)
					}
					host = h.Name
				}
				v.Devices = append(v.Devices, d)
				return nil
			})
			if err != nil {
				return err
			}
			a.note("cli.note.device_added", data{"Name": d.Name, "Kind": a.deviceKindText(d.Kind, host)})
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
			var name, host string
			err := a.mutate(func(v *vault.Vault) error {
				d, err := a.findDevice(v, args[0])
				if err != nil {
					return err
				}
				name, host = d.Name, ""
				id := ""
				if strings.TrimSpace(on) != "" {
					h, err := a.findDevice(v, on)
					if err != nil {
						return err
					}
					id, host = h.ID, h.Name
				}
				if d.Host == id {
					return errNothingNew
				}
				if err := d.SetHost(v.Devices, id); err != nil {
					return usageErr("cli.error.bad_host", data{"Handset": host}).wrap(err)
				}
				return nil
			})
			if err != nil {
				return err
			}
			if host == "" {
				a.note("cli.note.device_host_cleared", data{"Name": name})
			} else {
				a.note("cli.note.device_host_set", data{"Name": name, "Handset": host})
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
			var name string
			var added bool
			label, err := a.mutateAccount(args[0], func(v *vault.Vault, acct *vault.Account) error {
				d, err := a.findDevice(v, args[1])
				if err != nil {
					return err
				}
				name, added = d.Name, false
				if slices.Contains(acct.Devices, d.ID) {
					return errNothingNew
				}
				acct.Devices = append(acct.Devices, d.ID)
				added = true
				return nil
			})
			if err != nil {
				return err
			}
			if added {
				a.note("cli.note.device_bound", data{"Label": label, "Device": name})
			} else {
				a.note("cli.note.device_already_bound", data{"Label": label, "Device": name})
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
			var name string
			label, err := a.mutateAccount(args[0], func(v *vault.Vault, acct *vault.Account) error {
				d, err := a.findDevice(v, args[1])
				if err != nil {
					return err
				}
				name = d.Name
				if !slices.Contains(acct.Devices, d.ID) {
					return failure("cli.error.device_not_bound", data{"Label": acct.Label(), "Device": name}).withHint("cli.hint.device_list", nil)
				}
				acct.Devices = slices.DeleteFunc(slices.Clone(acct.Devices), func(x string) bool { return x == d.ID })
				return nil
			})
			if err != nil {
				return err
			}
			a.note("cli.note.device_unbound", data{"Label": label, "Device": name})
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
			var change phone.DeviceChange
			var updated bool
			var created *phone.Device
			var v2 *vault.Vault
			err = a.mutate(func(v *vault.Vault) error {
				updated, created, v2 = false, nil, v
				old, err := a.findDevice(v, args[0])
				if err != nil {
					return err
				}
				oldID, oldKind := old.ID, old.Kind
				newID := ""
				if reinstall {
					newID = oldID
				}
				if cmd.Flags().Changed("new") {
					if strings.TrimSpace(newName) == "" {
						return usageErr("cli.error.device_needs_name", nil)
					}
					// Only an exact name or id is an existing device: a
					// part of a name is more likely a new device's name.
					if d := deviceByNameOrID(v, newName); d != nil {
						newID = d.ID
					} else {
						nd, err := phone.NewDevice(newName, oldKind, now)
						if err != nil {
							return usageErr("cli.error.device_needs_name", nil).wrap(err)
						}
						v.Devices = append(v.Devices, nd)
						created, newID = &nd, nd.ID
					}
				}
				if event == phone.EventNewHandset && newID == oldID {
					return usageErr("cli.error.same_device", nil)
				}
				fresh, err := phone.NewDeviceChange(event, oldID, newID, tr.Date)
				if err != nil {
					return failure("cli.error.bad_device_change", nil).wrap(err)
				}
				fresh.Transition = tr
				var i int
				v.DeviceChanges, i, updated = phone.RecordDeviceChange(v.DeviceChanges, fresh)
				change = v.DeviceChanges[i]
				return nil
			})
			if err != nil {
				return err
			}
			items := phone.DeviceRisk(v2.Bindings(), []phone.DeviceChange{change}, now)
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

// findDeviceChange finds a recorded device change by its id, or by its old
// device (the latest change of that device when there are several).
func (a *app) findDeviceChange(v *vault.Vault, query string) (*phone.DeviceChange, error) {
	if c := changeByID(v.DeviceChanges, func(c *phone.DeviceChange) string { return c.ID }, query); c != nil {
		return c, nil
	}
	d, err := a.findDevice(v, query)
	if err != nil {
		return nil, err
	}
	var found *phone.DeviceChange
	for i := range v.DeviceChanges {
		if c := &v.DeviceChanges[i]; c.Old == d.ID && (found == nil || !c.Date.Before(found.Date)) {
			found = c
		}
	}
	if found == nil {
		return nil, failure("cli.error.no_device_change", data{"Device": d.Name}).withHint("cli.hint.device_change", nil).wrap(vault.ErrNotFound)
	}
	return found, nil
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
			now := a.now()
			var label, oldS, newS string
			var left int
			var already, reinstalled bool
			var moved []string
			err := a.mutate(func(v *vault.Vault) error {
				already, moved = false, nil
				c, err := a.findDeviceChange(v, args[0])
				if err != nil {
					return err
				}
				acct, err := a.findAccount(v, args[1])
				if err != nil {
					return err
				}
				label, oldS, newS = acct.Label(), deviceName(v, c.Old), a.newDevice(v, *c)
				reinstalled = c.New == c.Old
				bound := phone.AccountBindings{Devices: acct.Devices, Hosts: phone.HostsOf(v.Devices, acct.Devices)}.UsesDevice(c.Old)
				switch {
				case c.IsDone(acct.ID):
					already = true
					left = len(phone.DeviceRisk(v.Bindings(), []phone.DeviceChange{*c}, now))
					return errNothingNew
				case !bound:
					return failure("cli.error.not_on_device_checklist", data{"Label": label, "Old": oldS}).withHint("cli.hint.device_risk", nil)
				}
				acct.Devices = c.Apply(acct.Devices, acct.ID, now)
				acct.Updated = now.UTC()
				v.Devices, moved = c.Rehost(v.Devices, v.Bindings())
				left = len(phone.DeviceRisk(v.Bindings(), []phone.DeviceChange{*c}, now))
				return nil
			})
			if err != nil {
				return err
			}
			switch {
			case already:
				a.note("cli.note.device_done_already", data{"Label": label, "Old": oldS})
			case reinstalled:
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
