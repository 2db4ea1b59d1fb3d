package backup

import "errors"

// Sentinel errors. Every error from this package wraps one or more of these;
// test for them with errors.Is and translate them for the user. Messages add
// lower-case context such as a line number or a date, never a code.
var (
	// ErrNoCodes means there are no codes: a sheet in which no code could be
	// found, an empty list given to Set.Replace, or Set.Use on an account that
	// has no backup codes yet.
	ErrNoCodes = errors.New("backup: no backup codes")

	// ErrFragment means a sheet holds text that looks like part of a code, or
	// a code of a different length or alphabet than the others: a line cut in
	// half, a character lost in copying, or a typo. The codes that were
	// understood are still returned; see SheetError.
	ErrFragment = errors.New("backup: text looks like part of a code")

	// ErrDuplicateCode means the same code appears twice in a sheet or in a
	// list given to Set.Replace. Services never print a code twice, so this
	// is a sheet pasted twice or a typo.
	ErrDuplicateCode = errors.New("backup: duplicate code")

	// ErrTooLarge means a sheet is larger than MaxSheetBytes or holds more
	// than MaxCodes codes; it is not a backup code sheet.
	ErrTooLarge = errors.New("backup: sheet too large")

	// ErrInvalidCode means a code given to Set.Replace is not a plausible
	// backup code: once spaces and hyphens are removed it must be MinCodeLen
	// to MaxCodeLen ASCII letters and digits.
	ErrInvalidCode = errors.New("backup: invalid code")

	// ErrKnownCode means a list given to Set.Replace contains a code that is
	// already stored, current or void. Services never reissue a code, so the
	// sheet is almost certainly an old one; accepting it would bring used or
	// void codes back to life.
	ErrKnownCode = errors.New("backup: code already recorded")

	// ErrUnknownCode means a code given to Set.Use is not one of the account's
	// codes, current or void. Nothing was changed.
	ErrUnknownCode = errors.New("backup: unknown code")

	// ErrAlreadyUsed means a code given to Set.Use was used before. The error
	// is a *UsedError carrying when. Nothing was changed.
	ErrAlreadyUsed = errors.New("backup: code already used")

	// ErrVoid means a code given to Set.Use belongs to a set that was
	// replaced by a newer sheet; the service no longer accepts it. The error
	// is a *VoidError. Nothing was changed.
	ErrVoid = errors.New("backup: code is void")

	// ErrNoneLeft means Set.UseNext found a current sheet whose codes are
	// all used: time to generate a new sheet at the service.
	ErrNoneLeft = errors.New("backup: no unused codes left")

	// ErrBadThreshold means a low-codes threshold is negative or larger than
	// MaxCodes.
	ErrBadThreshold = errors.New("backup: invalid threshold")

	// ErrDamaged means a stored Set fails Validate: it was altered or written
	// by a faulty build.
	ErrDamaged = errors.New("backup: damaged backup code set")
)
