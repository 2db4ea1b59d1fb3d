package gridcard

import "errors"

// Sentinel errors. Every error returned by this package wraps exactly one of
// these, so the CLI and the app can pick a translated message with
// errors.Is and add the details carried by the typed error.
var (
	// ErrInvalidProfile: a profile's fields do not describe a usable card
	// (no rows, a cell width of zero, an alphabet with one symbol, …).
	ErrInvalidProfile = errors.New("invalid grid card profile")

	// ErrUnknownProfile: ProfileByName was given a name that is not built in.
	ErrUnknownProfile = errors.New("unknown grid card profile")

	// ErrUnknownAlphabet: ParseAlphabet was given a name it does not know
	// and no "custom:" prefix.
	ErrUnknownAlphabet = errors.New("unknown alphabet")

	// ErrWeakProfile: the profile's challenge is easier to guess than a
	// 6-digit code, so Generate refuses to make a card from it unless told
	// to allow a weak card.
	ErrWeakProfile = errors.New("challenge is weaker than a 6-digit code")

	// ErrCardShape: the rows or cells of a card do not match its profile
	// (a missing row, a row with too many cells, …).
	ErrCardShape = errors.New("card does not have the profile's shape")

	// ErrCellValue: a cell's content has the wrong length or a character
	// outside the profile's alphabet.
	ErrCellValue = errors.New("cell content does not fit the profile")

	// ErrEmptyChallenge: a challenge names no cell at all.
	ErrEmptyChallenge = errors.New("challenge names no cell")

	// ErrChallengeSyntax: a challenge contains something that is not a
	// cell name or a separator.
	ErrChallengeSyntax = errors.New("challenge is not a list of cells")

	// ErrCellOffCard: a challenge names a cell outside the card, such as
	// K1 on a card whose columns end at J.
	ErrCellOffCard = errors.New("cell is not on the card")

	// ErrAmbiguousCell: a cell name can be read as more than one cell (on
	// cards whose axes are both numbered, "112" could be 1-12 or 11-2).
	ErrAmbiguousCell = errors.New("cell name is ambiguous")

	// ErrCardHarvesting: a challenge asks for more of the card than a real
	// login does; this is how card-harvesting scams collect a whole card.
	ErrCardHarvesting = errors.New("challenge asks for too much of the card")

	// ErrRandomSource: the random source failed or is broken, so no card
	// (or card ID) could be made. With crypto/rand this does not happen.
	ErrRandomSource = errors.New("random source failed")

	// ErrCardMismatch: two cards or exposure logs with different IDs, or
	// one ID with different cells, were to be merged.
	ErrCardMismatch = errors.New("not the same card")
)
