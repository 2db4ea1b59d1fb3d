package cli

import (
	"errors"

	"github.com/mamori-app/mamori/gridcard"
)

// badProfile explains why a card's shape (p, as the flags made it) is not
// usable: the field at fault and its limits, in the person's language, and
// never gridcard's English text. The command line is at fault: exit 2.
func badProfile(err error, p gridcard.Profile) *cliError {
	var pe *gridcard.ProfileError
	key, d := "cli.error.profile.other", data{}
	if errors.As(err, &pe) {
		switch pe.Field {
		case gridcard.FieldRows:
			key, d = "cli.error.profile.rows", data{"Max": gridcard.MaxAxis}
		case gridcard.FieldCols:
			key, d = "cli.error.profile.cols", data{"Max": gridcard.MaxAxis}
		case gridcard.FieldCellWidth:
			key, d = "cli.error.profile.cell", data{"Max": gridcard.MaxCellWidth}
		case gridcard.FieldAsked:
			key, d = "cli.error.profile.asked", data{"Max": max(1, p.Rows*p.Cols/2)}
		case gridcard.FieldCase:
			key = "cli.error.profile.case"
		case gridcard.FieldAlphabet:
			key, d = "cli.error.profile.alphabet", data{"Max": gridcard.MaxAlphabet}
		case gridcard.FieldRowLabels, gridcard.FieldColLabels:
			key = "cli.error.profile.labels"
		case gridcard.FieldOrder:
			key = "cli.error.profile.order"
		}
	}
	return usageErr(key, d).wrap(err)
}
