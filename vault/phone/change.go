package phone

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"
)

// AccountBindings is what this package needs to know about one account. The
// caller builds it from its own account record, so that this package stays
// independent of the vault.
type AccountBindings struct {
	// ID identifies the account; results refer to it.
	ID string `json:"id"`
	// Label is how the account is shown, such as "Amazon: taro@example.com".
	Label string `json:"label"`
	// Phones are the account's phone number bindings.
	Phones []Binding `json:"phones,omitempty"`
	// Devices are the IDs of the devices that hold or generate the
	// account's codes (see Device): authenticator apps, or a handset whose
	// service app confirms logins. A handset that merely receives SMS is
	// covered by the phone binding and need not be listed. Each device is
	// taken as a way in that survives a number change.
	Devices []string `json:"devices,omitempty"`
	// Hosts maps those of Devices that are authenticator apps on a
	// recorded handset to that handset's ID (Device.Host; build it with
	// HostsOf). A new handset then lists the accounts whose app runs on the
	// old one, and an app and the handset it runs on count as one device:
	// losing the handset loses the app.
	Hosts map[string]string `json:"hosts,omitempty"`
	// HasBackupCodes says a sheet of backup codes is recorded.
	HasBackupCodes bool `json:"has_backup_codes,omitempty"`
	// BackupCodesLeft is how many of them are unused.
	BackupCodesLeft int `json:"backup_codes_left,omitempty"`
	// BackupCodesLow says the account's own low-codes threshold is reached
	// (backup.Set.Low).
	BackupCodesLow bool `json:"backup_codes_low,omitempty"`
	// HasTOTP says Mamori holds the account's authenticator secret, so it
	// can make codes whatever happens to a phone.
	HasTOTP bool `json:"has_totp,omitempty"`
	// NeedsTwoDevices says the service requires two registered devices
	// (for example Amazon's two-step verification: a primary device and a
	// backup one).
	NeedsTwoDevices bool `json:"needs_two_devices,omitempty"`
}

// Urgency says how much time is left to act on a change.
type Urgency string

// Urgencies, from the most actionable.
const (
	// UrgencyGoing: the old line or device still works, until a known
	// deadline. Update the account now, while codes still arrive.
	UrgencyGoing Urgency = "going"
	// UrgencyOpen: the old line or device still works, and no end date is
	// set. Update the account before it stops.
	UrgencyOpen Urgency = "open"
	// UrgencyGone: the old line or device no longer works. The account can
	// only be updated through another way in, or through support.
	UrgencyGone Urgency = "gone"
)

func (u Urgency) rank() int {
	switch u {
	case UrgencyGoing:
		return 0
	case UrgencyOpen:
		return 1
	}
	return 2
}

// state tells whether an old line or device, replaced at date, still works
// at now, and until when. until wins over stillWorks; with neither, the old
// one stops at date.
func state(date time.Time, until *time.Time, stillWorks bool, now time.Time) (Urgency, *time.Time) {
	end := date
	switch {
	case until != nil:
		end = *until
	case stillWorks:
		return UrgencyOpen, nil
	}
	if !now.Before(end) {
		return UrgencyGone, nil
	}
	e := end.UTC()
	return UrgencyGoing, &e
}

// Transition is the lifecycle shared by a Change and a DeviceChange: when
// the old line or device stops working, and the checklist of accounts
// already moved. Embedded, its fields are encoded at the top level.
type Transition struct {
	// Date is when the change takes effect: the day the new number starts
	// or the old contract ends, or the day the old device is replaced or
	// reinstalled. It may be in the future.
	Date time.Time `json:"date"`
	// OldUsableUntil is when the old line stops receiving calls and SMS,
	// or the old device stops holding the codes, if known. It wins over
	// OldStillWorks.
	OldUsableUntil *time.Time `json:"old_usable_until,omitempty"`
	// OldStillWorks says the old line or device keeps working after Date
	// with no known end (a second SIM, a line kept for a while). With
	// neither this nor OldUsableUntil, the old one stops at Date.
	OldStillWorks bool `json:"old_still_works,omitempty"`
	// Done maps the IDs of accounts already updated (ticked off the
	// checklist) to when.
	Done map[string]time.Time `json:"done,omitempty"`
}

// OldState returns whether the old line or device still works at now:
// UrgencyGoing with its deadline, UrgencyOpen, or UrgencyGone.
func (t Transition) OldState(now time.Time) (Urgency, *time.Time) {
	return state(t.Date, t.OldUsableUntil, t.OldStillWorks, now)
}

// MarkDone ticks account off the checklist at now: it was moved to the
// new number or device (or no longer needs the old one).
func (t *Transition) MarkDone(accountID string, now time.Time) {
	if t.Done == nil {
		t.Done = map[string]time.Time{}
	}
	t.Done[accountID] = now.UTC()
}

// Undo puts account back on the checklist.
func (t *Transition) Undo(accountID string) { delete(t.Done, accountID) }

// IsDone reports whether account was ticked off.
func (t Transition) IsDone(accountID string) bool {
	_, ok := t.Done[accountID]
	return ok
}

// validate checks the shared fields: a date, and no empty OldUsableUntil.
func (t Transition) validate() error {
	switch {
	case t.Date.IsZero():
		return fmt.Errorf("%w: no date", ErrBadChange)
	case t.OldUsableUntil != nil && t.OldUsableUntil.IsZero():
		return fmt.Errorf("%w: empty end of the old line", ErrBadChange)
	}
	return nil
}

// Change records that a phone number is being, or has been, replaced.
type Change struct {
	// ID is random and identifies the change.
	ID string `json:"id"`
	// Old is the number given up.
	Old E164 `json:"old"`
	// New is the number that replaces it; empty if the line is given up
	// without a replacement.
	New E164 `json:"new,omitempty"`
	// Transition holds when the old line stops and which accounts are
	// already updated; its fields appear at the top level in JSON.
	Transition
}

// NewChange returns a change from old to new (new may be empty) at date,
// with a fresh ID. Set OldUsableUntil or OldStillWorks on the result when
// the old line outlives date. Both numbers must be valid E.164 and differ
// (ErrBadChange).
func NewChange(old, new E164, date time.Time) (Change, error) {
	c := Change{ID: newID(), Old: old, New: new, Transition: Transition{Date: date.UTC()}}
	return c, c.Validate()
}

// Validate checks a change: an ID, a valid old number, a valid new number
// or none, different from the old, a date, and no OldUsableUntil before
// the zero time. Errors wrap ErrBadChange.
func (c Change) Validate() error {
	switch {
	case c.ID == "":
		return fmt.Errorf("%w: no id", ErrBadChange)
	case !c.Old.Valid():
		return fmt.Errorf("%w: the old number is not a valid e.164 number", ErrBadChange)
	case c.New != "" && !c.New.Valid():
		return fmt.Errorf("%w: the new number is not a valid e.164 number", ErrBadChange)
	case c.Old == c.New:
		return fmt.Errorf("%w: the old and new numbers are the same", ErrBadChange)
	}
	return c.Transition.validate()
}

// RiskItem is one line of the checklist after a number change: an account
// still bound to the old number.
type RiskItem struct {
	// AccountID and Label identify the account to update.
	AccountID string `json:"account_id"`
	Label     string `json:"label"`
	// ChangeID is the Change this item belongs to; tick the item off with
	// that change's MarkDone.
	ChangeID string `json:"change_id"`
	// Old and New are the change's numbers: update the account from Old to
	// New (New is empty when the line is given up without a replacement).
	Old E164 `json:"old"`
	New E164 `json:"new,omitempty"`
	// Roles are the account's roles for the old number, in Roles order.
	Roles []Role `json:"roles"`
	// Urgency says whether the old line still works; Deadline, for
	// UrgencyGoing, is when it stops.
	Urgency  Urgency    `json:"urgency"`
	Deadline *time.Time `json:"deadline,omitempty"`
	// NoFallback says the account receives codes on the old number and has
	// no other way in: no authenticator secret in Mamori, no unused backup
	// code, no other working number. Once the old line is gone, only the
	// service's support can help, with the account's recovery details.
	NoFallback bool `json:"no_fallback"`
}

// Risk returns the checklist for phone number changes: for every change and
// every account still bound to its old number in any role and not ticked
// off, one item saying how urgent the update is. An account bound to a
// number that changed twice appears once per change.
//
// Items whose old line still works come first, soonest deadline first, then
// those without a deadline, then those already gone; within each group, by
// label. This is the order to work in: the accounts that can still be
// updated the normal way, before they can't.
func Risk(accounts []AccountBindings, changes []Change, now time.Time) []RiskItem {
	gone := map[E164]bool{}
	for _, c := range changes {
		if u, _ := c.OldState(now); u == UrgencyGone {
			gone[c.Old] = true
		}
	}
	var items []RiskItem
	for _, c := range changes {
		u, deadline := c.OldState(now)
		for _, a := range accounts {
			if c.IsDone(a.ID) {
				continue
			}
			roles := map[Role]bool{}
			for _, b := range a.Phones {
				if b.Number == c.Old {
					roles[b.Role] = true
				}
			}
			if len(roles) == 0 {
				continue
			}
			it := RiskItem{
				AccountID: a.ID, Label: a.Label, ChangeID: c.ID, Old: c.Old, New: c.New,
				Urgency: u, Deadline: deadline,
			}
			codes := false
			for _, r := range Roles {
				if roles[r] {
					it.Roles = append(it.Roles, r)
					codes = codes || r.receivesCodes()
				}
			}
			lost := func(n E164) bool { return n == c.Old || gone[n] }
			it.NoFallback = codes && !hasFallback(a, lost, "")
			items = append(items, it)
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		return workBefore(a.Urgency, a.Deadline, a.Label, a.AccountID, b.Urgency, b.Deadline, b.Label, b.AccountID)
	})
	return items
}

// hasFallback reports whether a has a way to get a code other than the
// numbers lost reports and the device lostDevice ("" for none): an
// authenticator secret in Mamori, an unused backup code, another number that
// receives codes (not a backup number that cannot take SMS, see
// Binding.waysIn), or another device.
func hasFallback(a AccountBindings, lost func(E164) bool, lostDevice string) bool {
	if a.HasTOTP || a.BackupCodesLeft > 0 {
		return true
	}
	for _, b := range a.Phones {
		if b.waysIn() && !lost(b.Number) {
			return true
		}
	}
	for _, d := range a.Devices {
		if d != lostDevice && (lostDevice == "" || a.Hosts[d] != lostDevice) {
			return true
		}
	}
	return false
}

// UsesDevice reports whether the account's codes live on device id: it is
// one of Devices, or the handset one of them (an authenticator app) runs on.
func (a AccountBindings) UsesDevice(id string) bool {
	for _, d := range a.Devices {
		if d == id || (id != "" && a.Hosts[d] == id) {
			return true
		}
	}
	return false
}

// physicalDevices counts the account's devices, an app and the handset it
// runs on counting as one.
func (a AccountBindings) physicalDevices() int {
	seen := map[string]bool{}
	for _, d := range a.Devices {
		if h := a.Hosts[d]; h != "" {
			d = h
		}
		seen[d] = true
	}
	return len(seen)
}

// DeviceKind is the kind of device an account's codes live on.
type DeviceKind string

// Device kinds.
const (
	// DeviceHandset is a phone or tablet: it receives SMS and calls and
	// may run authenticator apps.
	DeviceHandset DeviceKind = "handset"
	// DeviceAuthenticator is an authenticator app installation (Google
	// Authenticator, Microsoft Authenticator, a service's own app) holding
	// TOTP secrets. Reinstalling it without a backup loses them.
	DeviceAuthenticator DeviceKind = "authenticator-app"
)

// ParseDeviceKind returns the kind named s; an unknown name returns
// ErrUnknownDeviceKind.
func ParseDeviceKind(s string) (DeviceKind, error) {
	k := DeviceKind(strings.ToLower(strings.TrimSpace(s)))
	if k != DeviceHandset && k != DeviceAuthenticator {
		return "", fmt.Errorf("%w: %q (use handset or authenticator-app)", ErrUnknownDeviceKind, s)
	}
	return k, nil
}

// Device is a handset or an authenticator app installation.
type Device struct {
	// ID is random and identifies the device; AccountBindings.Devices
	// refer to it.
	ID string `json:"id"`
	// Name is the person's name for it, such as "iPhone 13" or
	// "Authenticator on the old Pixel".
	Name string `json:"name"`
	// Kind is what it is.
	Kind DeviceKind `json:"kind"`
	// Added is when it was recorded.
	Added time.Time `json:"added,omitzero"`
	// Host is, for an authenticator app, the ID of the handset it runs on,
	// if known (set it with SetHost). A new handset then lists the accounts
	// whose codes are in this app too.
	Host string `json:"host,omitempty"`
}

// SetHost records that the authenticator app d runs on the handset with ID
// host, one of devices; "" forgets the handset. A device that is not an
// app, or a host that is not a recorded handset, returns ErrBadHost and
// changes nothing.
func (d *Device) SetHost(devices []Device, host string) error {
	if host == "" {
		d.Host = ""
		return nil
	}
	if d.Kind != DeviceAuthenticator {
		return fmt.Errorf("%w: only an authenticator app runs on a handset", ErrBadHost)
	}
	for _, h := range devices {
		if h.ID == host {
			if h.Kind != DeviceHandset {
				return fmt.Errorf("%w: the device is not a handset", ErrBadHost)
			}
			d.Host = host
			return nil
		}
	}
	return fmt.Errorf("%w: no such device", ErrBadHost)
}

// HostsOf returns, for the device IDs ids, the handset each authenticator
// app among them runs on (see AccountBindings.Hosts), or nil when none has
// one.
func HostsOf(devices []Device, ids []string) map[string]string {
	var hosts map[string]string
	for _, d := range devices {
		if d.Host != "" && contains(ids, d.ID) {
			if hosts == nil {
				hosts = map[string]string{}
			}
			hosts[d.ID] = d.Host
		}
	}
	return hosts
}

// NewDevice returns a device with a fresh ID. The name must not be empty.
func NewDevice(name string, kind DeviceKind, now time.Time) (Device, error) {
	if _, err := ParseDeviceKind(string(kind)); err != nil {
		return Device{}, err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return Device{}, fmt.Errorf("%w: a device needs a name", ErrUnknownDeviceKind)
	}
	return Device{ID: newID(), Name: name, Kind: kind, Added: now.UTC()}, nil
}

// DeviceEvent is what happens to a device.
type DeviceEvent string

// Device events: the triggers, besides a number change, after which codes
// stop arriving where they used to.
const (
	// EventNewHandset: the person moves to a new phone. Authenticator apps
	// do not always move their secrets, and services may treat the new
	// phone as an unknown device and ask for an SMS code.
	EventNewHandset DeviceEvent = "new-handset"
	// EventAppReinstall: an authenticator app (or a service's own app) is
	// removed and installed again, losing what it held.
	EventAppReinstall DeviceEvent = "app-reinstall"
)

// DeviceChange records a new handset or an app reinstall.
type DeviceChange struct {
	// ID is random and identifies the change.
	ID string `json:"id"`
	// Event is what happens: a new handset or an app reinstall.
	Event DeviceEvent `json:"event"`
	// Old is the ID of the device replaced or reinstalled.
	Old string `json:"old"`
	// New is the ID of the replacing device, if recorded; for a reinstall
	// it may equal Old.
	New string `json:"new,omitempty"`
	// Transition says when the old device stops holding the codes (for a
	// reinstall that has not happened yet, Date is the day planned) and
	// which accounts are already moved; its fields appear at the top level
	// in JSON.
	Transition
}

// NewDeviceChange returns a device change with a fresh ID; see Validate.
func NewDeviceChange(event DeviceEvent, old, new string, date time.Time) (DeviceChange, error) {
	c := DeviceChange{ID: newID(), Event: event, Old: old, New: new, Transition: Transition{Date: date.UTC()}}
	return c, c.Validate()
}

// Validate checks a device change: an ID, a known event, an old device and
// a date. Errors wrap ErrBadChange or ErrUnknownEvent.
func (c DeviceChange) Validate() error {
	switch {
	case c.Event != EventNewHandset && c.Event != EventAppReinstall:
		return fmt.Errorf("%w: %q (use new-handset or app-reinstall)", ErrUnknownEvent, c.Event)
	case c.ID == "":
		return fmt.Errorf("%w: no id", ErrBadChange)
	case c.Old == "":
		return fmt.Errorf("%w: no old device", ErrBadChange)
	case c.Event == EventNewHandset && c.New == c.Old:
		return fmt.Errorf("%w: a new handset must be another device", ErrBadChange)
	case c.Date.IsZero():
		return fmt.Errorf("%w: no date", ErrBadChange)
	}
	return nil
}

// DeviceRiskItem is one line of the checklist after a device change: an
// account whose codes lived on the old device.
type DeviceRiskItem struct {
	// AccountID and Label identify the account to move.
	AccountID string `json:"account_id"`
	Label     string `json:"label"`
	// ChangeID is the DeviceChange this item belongs to, and Event its
	// event.
	ChangeID string      `json:"change_id"`
	Event    DeviceEvent `json:"event"`
	// Old and New are the change's device IDs: re-register the account's
	// codes from Old on New.
	Old string `json:"old"`
	New string `json:"new,omitempty"`
	// Urgency says whether the old device still holds the codes;
	// Deadline, for UrgencyGoing, is when it stops.
	Urgency  Urgency    `json:"urgency"`
	Deadline *time.Time `json:"deadline,omitempty"`
	// NoFallback says the account has no other way in once the old device
	// is gone: no authenticator secret in Mamori, no unused backup code,
	// no number receiving codes, no other device.
	NoFallback bool `json:"no_fallback"`
}

// DeviceRisk returns the checklist for device changes: every account whose
// codes live on a change's old device (UsesDevice: the device itself, or an
// authenticator app on that handset) and that is not ticked off, in the
// order Risk uses.
func DeviceRisk(accounts []AccountBindings, changes []DeviceChange, now time.Time) []DeviceRiskItem {
	var items []DeviceRiskItem
	for _, c := range changes {
		u, deadline := c.OldState(now)
		for _, a := range accounts {
			if c.IsDone(a.ID) || !a.UsesDevice(c.Old) {
				continue
			}
			items = append(items, DeviceRiskItem{
				AccountID: a.ID, Label: a.Label, ChangeID: c.ID, Event: c.Event, Old: c.Old, New: c.New,
				Urgency: u, Deadline: deadline,
				NoFallback: !hasFallback(a, func(E164) bool { return false }, c.Old),
			})
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		return workBefore(a.Urgency, a.Deadline, a.Label, a.AccountID, b.Urgency, b.Deadline, b.Label, b.AccountID)
	})
	return items
}

// workBefore is the checklist order of Risk and DeviceRisk: old line or
// device still working first, soonest deadline first, then those without a
// deadline, then those gone; within each group, by label, then account ID.
func workBefore(ua Urgency, da *time.Time, la, ia string, ub Urgency, db *time.Time, lb, ib string) bool {
	if ua.rank() != ub.rank() {
		return ua.rank() < ub.rank()
	}
	if da != nil && db != nil && !da.Equal(*db) {
		return da.Before(*db)
	}
	if la != lb {
		return la < lb
	}
	return ia < ib
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func newID() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b)
}
