package otp

import "errors"

// Sentinel errors. Every error returned by this package wraps exactly one of
// these, with context appended in lower case, so callers can translate a
// failure for the user with errors.Is:
//
//	if errors.Is(err, otp.ErrBadSecret) { ... }
//
// No error message ever contains the secret, or any part of it.
var (
	// ErrNotOTPAuth means the text is not an otpauth:// URI at all (for
	// example an https:// link or an otpauth-migration:// export).
	ErrNotOTPAuth = errors.New("otp: not an otpauth uri")

	// ErrMalformedURI means the text is an otpauth:// URI but is structurally
	// broken: too long, bad percent-encoding, invalid UTF-8, control
	// characters in the label, or a parameter given more than once.
	ErrMalformedURI = errors.New("otp: malformed otpauth uri")

	// ErrUnknownType means the type is not totp, hotp or steam (or the URI
	// asks for an encoder other than steam).
	ErrUnknownType = errors.New("otp: unknown otp type")

	// ErrMissingSecret means there is no secret, or it is empty once spaces,
	// hyphens and padding are removed.
	ErrMissingSecret = errors.New("otp: missing secret")

	// ErrBadSecret means the secret is not valid Base32 after normalisation.
	ErrBadSecret = errors.New("otp: invalid secret")

	// ErrBadAlgorithm means the algorithm is not SHA1, SHA256 or SHA512, or
	// is not SHA1 for a Steam key.
	ErrBadAlgorithm = errors.New("otp: invalid algorithm")

	// ErrBadDigits means the number of digits is out of range: 6 to 10 for
	// TOTP and HOTP, exactly 5 for Steam.
	ErrBadDigits = errors.New("otp: invalid digits")

	// ErrBadPeriod means the period is not a whole number of seconds from 1
	// to 86400 (one day), or is not 30 for a Steam key.
	ErrBadPeriod = errors.New("otp: invalid period")

	// ErrBadCounter means the HOTP counter is not a non-negative integer that
	// fits in 64 bits, or a time-based key carries a counter.
	ErrBadCounter = errors.New("otp: invalid counter")

	// ErrNotTimeBased means a time-based code was asked of an HOTP key; use
	// Key.HOTP with the stored counter instead.
	ErrNotTimeBased = errors.New("otp: key is not time-based")

	// ErrBadTime means a code was asked for a time before the Unix epoch
	// (1970-01-01 UTC).
	ErrBadTime = errors.New("otp: time before 1970")
)
