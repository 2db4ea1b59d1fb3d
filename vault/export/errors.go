package export

import "errors"

// Sentinel errors. Every error from this package, and every Skip.Err,
// wraps one of these or one of package otp's sentinels, with context
// appended in lower case, so callers pick their message with errors.Is. No
// error message contains a secret.
var (
	// ErrNoOTP means the account has no one-time-password key (it signs in
	// by SMS, say): there is nothing for an authenticator to import.
	ErrNoOTP = errors.New("export: account has no otp key")

	// ErrUnsupported means the format cannot represent the account's key
	// exactly: a Steam key, or a digit count or period that Google
	// Authenticator's format has no field for. Exporting it anyway would
	// give wrong codes.
	ErrUnsupported = errors.New("export: the format cannot represent this key")

	// ErrTooLarge means the text does not fit in one QR code that a phone
	// can still scan (see MaxQRText).
	ErrTooLarge = errors.New("export: too much data for one qr code")

	// ErrNothingToExport means no account given could be exported: there
	// were none, or every one was skipped.
	ErrNothingToExport = errors.New("export: no account can be exported")

	// ErrBadOptions means an option is out of range: a batch size below 1
	// or above MaxBatchSize, or a QR image size that is too small for the
	// code or larger than MaxQRSize.
	ErrBadOptions = errors.New("export: invalid options")
)
