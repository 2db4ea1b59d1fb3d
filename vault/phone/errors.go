package phone

import "errors"

// Sentinel errors. Errors from this package wrap one of these, with
// lower-case context appended; test for them with errors.Is and translate
// them for the user. Messages never contain the phone number itself, which
// is personal data kept only in the encrypted vault.
var (
	// ErrInvalid means the text is not a valid phone number: empty, not a
	// number at all, the wrong length, or a range no operator uses.
	ErrInvalid = errors.New("phone: invalid number")

	// ErrUnknownRole means a role name is not one of sms, voice, backup or
	// recovery-contact.
	ErrUnknownRole = errors.New("phone: unknown role")

	// ErrUnknownDeviceKind means a device kind is not handset or
	// authenticator-app.
	ErrUnknownDeviceKind = errors.New("phone: unknown device kind")

	// ErrUnknownEvent means a device change event is not new-handset or
	// app-reinstall.
	ErrUnknownEvent = errors.New("phone: unknown device event")

	// ErrBadChange means a number or device change is incomplete or
	// contradicts itself: no old number, the same number on both sides, or
	// an end of the old line before the change was recorded.
	ErrBadChange = errors.New("phone: invalid change")

	// ErrBadHost means an authenticator app cannot run on the device given
	// as its handset: the device is not a recorded handset, or the device
	// placed on it is not an authenticator app.
	ErrBadHost = errors.New("phone: not a handset an app can run on")
)
