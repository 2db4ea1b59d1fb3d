package usecase

import (
	"errors"

	"github.com/mamori-app/mamori/vault/phone"
)

// explainPhone turns the errors of phones, devices and their changes into
// messages.
func explainPhone(err error) (Message, bool) {
	var (
		notBound    *NotBoundError
		notOnList   *NotOnChecklistError
		noDevice    *DeviceNotFoundError
		ambiguous   *AmbiguousDeviceError
		exists      *DeviceExistsError
		badHost     *BadHostError
		devNotBound *DeviceNotBoundError
		noDevChange *DeviceChangeNotFoundError
	)
	switch {
	case errors.As(err, &notBound):
		return Message{ID: "phone.error.not_bound", Data: map[string]any{
			"Label": notBound.Label, "Number": notBound.Number.Display(phone.DefaultRegion)}}, true
	case errors.As(err, &notOnList):
		id := "phone.error.not_on_checklist"
		if notOnList.Device {
			id = "device.error.not_on_checklist"
		}
		return Message{ID: id, Data: map[string]any{"Label": notOnList.Label, "Old": notOnList.Old}}, true
	case errors.Is(err, ErrChangeNotFound):
		return Message{ID: "phone.error.no_change"}, true
	case errors.Is(err, ErrSameNumber):
		return Message{ID: "phone.error.same_number"}, true
	case errors.As(err, &noDevice):
		return Message{ID: "device.error.not_found", Data: map[string]any{"Query": noDevice.Query}}, true
	case errors.As(err, &ambiguous):
		return Message{ID: "device.error.ambiguous", Data: map[string]any{
			"Query": ambiguous.Query, "Count": len(ambiguous.Names), "Candidates": ambiguous.Names}}, true
	case errors.As(err, &exists):
		return Message{ID: "device.error.exists", Data: map[string]any{"Name": exists.Name}}, true
	case errors.As(err, &badHost):
		return Message{ID: "device.error.bad_host", Data: map[string]any{"Handset": badHost.Handset}}, true
	case errors.As(err, &devNotBound):
		return Message{ID: "device.error.not_bound", Data: map[string]any{"Label": devNotBound.Label, "Device": devNotBound.Device}}, true
	case errors.As(err, &noDevChange):
		if noDevChange.Device == "" {
			return Message{ID: "device.error.no_change_id"}, true
		}
		return Message{ID: "device.error.no_change", Data: map[string]any{"Device": noDevChange.Device}}, true
	case errors.Is(err, ErrDeviceNeedsName):
		return Message{ID: "device.error.needs_name"}, true
	case errors.Is(err, ErrSameDevice):
		return Message{ID: "device.error.same_device"}, true
	case errors.Is(err, phone.ErrUnknownDeviceKind):
		return Message{ID: "device.error.bad_kind"}, true
	case errors.Is(err, phone.ErrUnknownRole):
		return Message{ID: "phone.error.bad_role"}, true
	case errors.Is(err, phone.ErrInvalid):
		return Message{ID: "phone.error.bad_number"}, true
	case errors.Is(err, phone.ErrBadChange), errors.Is(err, phone.ErrUnknownEvent):
		return Message{ID: "phone.error.bad_change"}, true
	}
	return Message{}, false
}
