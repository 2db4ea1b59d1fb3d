// Package otp generates one-time passwords for the accounts in a Mamori
// vault: TOTP (RFC 6238), HOTP (RFC 4226) and Steam Guard codes. It has no
// user interface and no storage; it turns a Key into codes, and text the
// user pastes or scans into a Key.
//
// # Keys
//
// A Key holds everything needed to generate one account's codes: the type,
// the shared secret in Base32, the HMAC algorithm, the number of digits, and
// the period (TOTP, Steam) or the next counter (HOTP). Most keys come from a
// QR code, whose content is an otpauth:// URI:
//
//	a, err := otp.ParseURI("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example")
//	if err != nil {
//		return err // wraps one of the Err* sentinels
//	}
//	code, err := a.Key.Code(time.Now()) // "123456"
//	left := a.Key.Remaining(time.Now()) // until the code changes
//
// Keys typed in by hand go through NewKey, which accepts the secret as
// services print it (lower case, grouped with spaces or hyphens, full-width
// characters from a Japanese input method) and fills in the usual defaults:
//
//	k, err := otp.NewKey(otp.TOTP, "jbsw y3dp ehpk 3pxp", "", 0, 0, 0)
//	// k.Secret == "JBSWY3DPEHPK3PXP", SHA1, 6 digits, 30 seconds
//
// A Key is a plain value and is stored in the vault as JSON. Its methods
// re-validate it, so a damaged vault entry produces an error instead of a
// wrong code.
//
// # HOTP
//
// An HOTP code is tied to a counter, not to the clock. Key.Counter is the
// next counter to use; the caller must persist Counter+1 before showing
// Key.HOTP(Counter), so that a crash can skip a code but never show one
// twice. Key.Code returns ErrNotTimeBased for HOTP keys.
//
// # Steam
//
// Steam Guard codes are TOTP with SHA1 and 30 seconds, but the truncated
// value is written as 5 characters from "23456789BCDFGHJKMNPQRTVWXY"
// instead of decimal digits. URIs name them otpauth://steam/… or
// otpauth://totp/…&encoder=steam; both parse to Type Steam.
//
// # Validation
//
// Other OTP libraries generate codes from nearly any URI, silently falling
// back to defaults for values they do not understand, and the user only
// learns of it when the codes fail to log in. This package refuses instead:
// an unknown type or algorithm, a secret that is not Base32, digits outside
// 6–10 (5 for Steam) or a period outside 1 s – 1 day are errors. It is
// liberal only where real exports differ harmlessly; see ParseURI and
// NormalizeSecret for the exact rules.
//
// Every error wraps one sentinel (ErrBadSecret, ErrBadDigits, …), to be
// tested with errors.Is and translated for the user, and adds lower-case
// context such as the offending value. Error messages never contain the
// secret.
package otp
