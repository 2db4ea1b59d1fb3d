package usecase

import (
	"errors"
	"slices"
	"strings"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
)

// This file is the operations on devices (handsets and authenticator apps)
// and on device changes (a new handset, an app reinstall).

// ErrDeviceNeedsName is returned when a device would have an empty name.
var ErrDeviceNeedsName = errors.New("a device needs a name")

// ErrSameDevice is returned by RecordDeviceChange when a new handset is the
// old device itself.
var ErrSameDevice = errors.New("a new handset must be another device than the old one")

// DeviceNotFoundError is returned when no device matches a query. It wraps
// vault.ErrNotFound.
type DeviceNotFoundError struct{ Query string }

func (e *DeviceNotFoundError) Error() string { return "no device matches the query" }
func (e *DeviceNotFoundError) Unwrap() error { return vault.ErrNotFound }

// AmbiguousDeviceError is returned when a query matches several devices.
// It wraps vault.ErrAmbiguous.
type AmbiguousDeviceError struct {
	Query string
	Names []string // the names of the devices it matches
}

func (e *AmbiguousDeviceError) Error() string { return "the query matches several devices" }
func (e *AmbiguousDeviceError) Unwrap() error { return vault.ErrAmbiguous }

// DeviceExistsError is returned when a new device would take the name of a
// recorded one.
type DeviceExistsError struct{ Name string }

func (e *DeviceExistsError) Error() string { return "a device with that name is already recorded" }

// BadHostError is returned when an authenticator app cannot be recorded as
// running on a device: the device is not a recorded handset, or the app is
// not an authenticator app. It wraps phone.ErrBadHost.
type BadHostError struct {
	Handset string // the name of the device asked for as the host
	err     error
}

func (e *BadHostError) Error() string { return "set host: " + e.err.Error() }
func (e *BadHostError) Unwrap() error { return e.err }

// DeviceNotBoundError is returned by UnbindDevice when the account's codes
// do not live on the device.
type DeviceNotBoundError struct {
	Label  string // the account's label
	Device string // the device's name
}

func (e *DeviceNotBoundError) Error() string { return "unbind device: the account is not bound to it" }

// DeviceChangeNotFoundError is returned when a device has no recorded
// change (Device is its name), or when neither a change nor a device has
// the ID or name asked for (Device is empty). It wraps vault.ErrNotFound.
type DeviceChangeNotFoundError struct{ Device string }

func (e *DeviceChangeNotFoundError) Error() string { return "no recorded device change matches" }
func (e *DeviceChangeNotFoundError) Unwrap() error { return vault.ErrNotFound }

// FindDevice finds a device by its ID, its whole name, or a part of its
// name that only one device has; case and width do not matter. No match is
// a *DeviceNotFoundError, several an *AmbiguousDeviceError.
func FindDevice(v *vault.Vault, query string) (*phone.Device, error) {
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
		return nil, &DeviceNotFoundError{Query: query}
	}
	names := make([]string, len(pick))
	for i, j := range pick {
		names[i] = v.Devices[j].Name
	}
	return nil, &AmbiguousDeviceError{Query: query, Names: names}
}

// deviceExactly returns the device whose ID or whole name (case and width
// ignored) is s, or nil: a part of a name is more likely a new device's
// name.
func deviceExactly(v *vault.Vault, s string) *phone.Device {
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

// DeviceName is the name of the device with id, or id itself when it is
// no longer recorded.
func DeviceName(v *vault.Vault, id string) string {
	for _, d := range v.Devices {
		if d.ID == id {
			return d.Name
		}
	}
	return id
}

// NewDevice is a device to record with AddDevice.
type NewDevice struct {
	Name string
	Kind phone.DeviceKind
	// Host names (as FindDevice takes it) the handset an authenticator
	// app runs on; "" for none.
	Host string
	// Account, when set, names (as FindAccount takes it) an account whose
	// codes live on the new device: it is bound in the same change.
	Account string
}

// AddDeviceResult is what AddDevice recorded.
type AddDeviceResult struct {
	Device   phone.Device
	HostName string        // the name of the handset the app runs on, if any
	Account  vault.Account // the account bound, when NewDevice.Account was set
}

// AddDevice records a new device, and binds it to an account when nd names
// one. Two devices cannot share a name (*DeviceExistsError).
func (s *Service) AddDevice(nd NewDevice) (AddDeviceResult, error) {
	if strings.TrimSpace(nd.Name) == "" {
		return AddDeviceResult{}, ErrDeviceNeedsName
	}
	d, err := phone.NewDevice(nd.Name, nd.Kind, s.now())
	if err != nil {
		return AddDeviceResult{}, err
	}
	var res AddDeviceResult
	_, err = s.change(func(v *vault.Vault) error {
		if phone.DeviceNamed(v.Devices, d.Name) >= 0 {
			return &DeviceExistsError{Name: d.Name}
		}
		if nd.Host != "" {
			h, err := FindDevice(v, nd.Host)
			if err != nil {
				return err
			}
			if err := d.SetHost(v.Devices, h.ID); err != nil {
				return &BadHostError{Handset: h.Name, err: err}
			}
			res.HostName = h.Name
		}
		v.Devices = append(v.Devices, d)
		if nd.Account != "" {
			a, err := FindAccount(v, nd.Account)
			if err != nil {
				return err
			}
			a.Devices = append(slices.Clone(a.Devices), d.ID)
			a.Updated = s.now().UTC()
			res.Account = *a
		}
		return nil
	})
	if err != nil {
		return AddDeviceResult{}, err
	}
	res.Device = d
	return res, nil
}

// SetDeviceHostResult is what SetDeviceHost did.
type SetDeviceHostResult struct {
	Device   phone.Device // the app as saved
	HostName string       // the handset's name; "" when forgotten
	Changed  bool         // false: it was so already, nothing was written
}

// SetDeviceHost records that the authenticator app appRef names runs on the
// handset hostRef names; hostRef "" forgets the handset.
func (s *Service) SetDeviceHost(appRef, hostRef string) (SetDeviceHostResult, error) {
	var res SetDeviceHostResult
	_, err := s.change(func(v *vault.Vault) error {
		d, err := FindDevice(v, appRef)
		if err != nil {
			return err
		}
		id := ""
		if strings.TrimSpace(hostRef) != "" {
			h, err := FindDevice(v, hostRef)
			if err != nil {
				return err
			}
			id, res.HostName = h.ID, h.Name
		}
		if d.Host == id {
			res.Device = *d
			return vault.ErrUnchanged
		}
		if err := d.SetHost(v.Devices, id); err != nil {
			return &BadHostError{Handset: res.HostName, err: err}
		}
		res.Device, res.Changed = *d, true
		return nil
	})
	if err != nil {
		return SetDeviceHostResult{}, err
	}
	return res, nil
}

// BindDeviceResult is what BindDevice or UnbindDevice did.
type BindDeviceResult struct {
	Account vault.Account // the account as saved
	Device  phone.Device  // the device
	// Changed is false when BindDevice found the account already bound
	// (nothing was written).
	Changed bool
}

// BindDevice records that the codes of the account accountRef names live
// on the device deviceRef names (FindDevice). Binding twice changes
// nothing.
func (s *Service) BindDevice(accountRef, deviceRef string) (BindDeviceResult, error) {
	return s.setDeviceBound(accountRef, deviceRef, true)
}

// UnbindDevice forgets that the codes of the account accountRef names live
// on the device deviceRef names. A device the account is not bound to is a
// *DeviceNotBoundError.
func (s *Service) UnbindDevice(accountRef, deviceRef string) (BindDeviceResult, error) {
	return s.setDeviceBound(accountRef, deviceRef, false)
}

func (s *Service) setDeviceBound(accountRef, deviceRef string, bound bool) (BindDeviceResult, error) {
	var res BindDeviceResult
	acct, _, err := s.changeAccount(accountRef, func(v *vault.Vault, a *vault.Account) (bool, error) {
		d, err := FindDevice(v, deviceRef)
		if err != nil {
			return false, err
		}
		res.Device = *d
		has := slices.Contains(a.Devices, d.ID)
		switch {
		case bound && has:
			return false, nil
		case bound:
			a.Devices = append(slices.Clone(a.Devices), d.ID)
		case !has:
			return false, &DeviceNotBoundError{Label: a.Label(), Device: d.Name}
		default:
			a.Devices = slices.DeleteFunc(slices.Clone(a.Devices), func(x string) bool { return x == d.ID })
		}
		res.Changed = true
		return true, nil
	})
	if err != nil {
		return BindDeviceResult{}, err
	}
	res.Account = acct
	return res, nil
}

// SetNeedsTwoDevices records whether the service of the account ref names
// wants two registered devices (the readiness check then flags it while
// fewer are recorded). It returns the account and whether it changed.
func (s *Service) SetNeedsTwoDevices(ref string, on bool) (vault.Account, bool, error) {
	var changed bool
	acct, _, err := s.changeAccount(ref, func(_ *vault.Vault, a *vault.Account) (bool, error) {
		changed = a.NeedsTwoDevices != on
		a.NeedsTwoDevices = on
		return changed, nil
	})
	return acct, changed, err
}

// DeviceChangeResult is what RecordDeviceChange recorded.
type DeviceChangeResult struct {
	// Change is the change as saved.
	Change phone.DeviceChange
	// Updated says the same event for the old device was already recorded
	// and was updated, keeping the accounts ticked off.
	Updated bool
	// Created is the new device recorded for the change, if it was not yet.
	Created *phone.Device
	// Checklist is every account whose codes live on the old device.
	Checklist []phone.DeviceRiskItem
	// Vault is the vault as saved, to render the checklist.
	Vault *vault.Vault
}

// RecordDeviceChange records event for the device oldRef names
// (FindDevice): a new handset called newName (recorded, of the old
// device's kind, when no device has that ID or whole name; "" for none
// known yet), or a reinstall of the app. It returns the checklist: every
// account whose codes live on the old device. A new handset that is the
// old device is ErrSameDevice.
func (s *Service) RecordDeviceChange(oldRef string, event phone.DeviceEvent, newName string, tr phone.Transition) (DeviceChangeResult, error) {
	newName = strings.TrimSpace(newName)
	var res DeviceChangeResult
	v, err := s.change(func(v *vault.Vault) error {
		old, err := FindDevice(v, oldRef)
		if err != nil {
			return err
		}
		oldID, oldKind := old.ID, old.Kind
		newID := ""
		if event == phone.EventAppReinstall {
			newID = oldID
		}
		if newName != "" {
			if d := deviceExactly(v, newName); d != nil {
				newID = d.ID
			} else {
				nd, err := phone.NewDevice(newName, oldKind, s.now())
				if err != nil {
					return err
				}
				v.Devices = append(v.Devices, nd)
				res.Created, newID = &nd, nd.ID
			}
		}
		if event == phone.EventNewHandset && newID == oldID {
			return ErrSameDevice
		}
		fresh, err := phone.NewDeviceChange(event, oldID, newID, tr.Date)
		if err != nil {
			return err
		}
		fresh.Transition = tr
		var i int
		v.DeviceChanges, i, res.Updated = phone.RecordDeviceChange(v.DeviceChanges, fresh)
		res.Change = v.DeviceChanges[i]
		return nil
	})
	if err != nil {
		return DeviceChangeResult{}, err
	}
	res.Vault = v
	res.Checklist = phone.DeviceRisk(v.Bindings(), []phone.DeviceChange{res.Change}, s.now())
	return res, nil
}

// FindDeviceChange finds a recorded device change by its ID, or by its old
// device (FindDevice; the latest change of that device when there are
// several).
func FindDeviceChange(v *vault.Vault, ref string) (*phone.DeviceChange, error) {
	for i := range v.DeviceChanges {
		if v.DeviceChanges[i].ID == ref {
			return &v.DeviceChanges[i], nil
		}
	}
	d, err := FindDevice(v, ref)
	var none *DeviceNotFoundError
	if errors.As(err, &none) {
		return nil, &DeviceChangeNotFoundError{}
	}
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
		return nil, &DeviceChangeNotFoundError{Device: d.Name}
	}
	return found, nil
}

// DeviceTickResult is what TickDeviceChange did.
type DeviceTickResult struct {
	TickResult
	// Change is the change as saved.
	Change phone.DeviceChange
	// Moved names the authenticator apps that moved to the new handset,
	// now that every account in them is ticked off.
	Moved []string
	// Vault is the vault as saved, to name the devices.
	Vault *vault.Vault
}

// TickDeviceChange ticks the account accountRef names off the checklist of
// the device change changeRef names (its ID or old device), once its codes
// work on the new device: it moves from the old device to the new one
// (stays, after a reinstall), and an authenticator app on the old handset
// moves to the new one once every account in it is ticked off. An account
// whose codes do not live on the old device is a *NotOnChecklistError; one
// ticked off before is Already.
func (s *Service) TickDeviceChange(changeRef, accountRef string) (DeviceTickResult, error) {
	var res DeviceTickResult
	now := s.now()
	acct, v, err := s.changeAccount(accountRef, func(v *vault.Vault, a *vault.Account) (bool, error) {
		c, err := FindDeviceChange(v, changeRef)
		if err != nil {
			return false, err
		}
		bound := phone.AccountBindings{Devices: a.Devices, Hosts: phone.HostsOf(v.Devices, a.Devices)}.UsesDevice(c.Old)
		switch {
		case c.IsDone(a.ID):
			res.Already = true
		case !bound:
			return false, &NotOnChecklistError{Label: a.Label(), Old: DeviceName(v, c.Old), Device: true}
		default:
			a.Devices = c.Apply(a.Devices, a.ID, now)
			v.Devices, res.Moved = c.Rehost(v.Devices, v.Bindings())
		}
		res.Change = *c
		res.Left = len(phone.DeviceRisk(v.Bindings(), []phone.DeviceChange{*c}, now))
		return !res.Already, nil
	})
	if err != nil {
		return DeviceTickResult{}, err
	}
	res.Account, res.Vault = acct, v
	return res, nil
}
