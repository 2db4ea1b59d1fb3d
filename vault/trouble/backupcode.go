package trouble

import (
	"errors"
	"time"

	"github.com/mamori-app/mamori/vault/backup"
)

// CodeState says what a backup code a service refused is, as far as the
// vault knows.
type CodeState string

// States of a backup code.
const (
	// CodeUnused: the code is on the current sheet and not marked used; if
	// the service refused it, it was probably mistyped, or used without
	// being marked.
	CodeUnused CodeState = "unused"
	// CodeUsed: the code was used before; codes work once.
	CodeUsed CodeState = "used"
	// CodeVoid: the code belongs to a sheet replaced by a newer one, which
	// the service no longer accepts.
	CodeVoid CodeState = "void"
	// CodeUnknown: the code is on no sheet of the account.
	CodeUnknown CodeState = "unknown"
	// CodeNoSheet: the account has no backup codes recorded.
	CodeNoSheet CodeState = "no-sheet"
)

// CodeStatus is what CheckBackupCode found.
type CodeStatus struct {
	State CodeState `json:"state"`
	// Number is the code's 1-based position on its sheet (unused, used).
	Number int `json:"number,omitempty"`
	// Used is when the code was used (used; void codes used before their
	// sheet was replaced).
	Used *time.Time `json:"used,omitempty"`
	// Generation and Voided are the replaced sheet's number and when it was
	// replaced (void).
	Generation int        `json:"generation,omitempty"`
	Voided     *time.Time `json:"voided,omitempty"`
}

// CheckBackupCode says whether code, as a person typed it, is one of set's
// codes and whether it was used or belongs to a replaced sheet. It changes
// nothing: set is not modified and the code is not kept.
func CheckBackupCode(set backup.Set, code string) CodeStatus {
	s := set.Clone()
	err := s.Use(code, time.Unix(0, 0))
	var used *backup.UsedError
	var void *backup.VoidError
	switch {
	case err == nil:
		for i, c := range s.Current.Codes {
			if c.Used != nil && (i >= len(set.Current.Codes) || set.Current.Codes[i].Used == nil) {
				return CodeStatus{State: CodeUnused, Number: i + 1}
			}
		}
		return CodeStatus{State: CodeUnused}
	case errors.As(err, &used):
		w := used.When
		return CodeStatus{State: CodeUsed, Number: used.Number, Used: &w}
	case errors.As(err, &void):
		v := void.Voided
		return CodeStatus{State: CodeVoid, Generation: void.Generation, Voided: &v, Used: void.Used}
	case errors.Is(err, backup.ErrNoCodes):
		return CodeStatus{State: CodeNoSheet}
	}
	return CodeStatus{State: CodeUnknown}
}
