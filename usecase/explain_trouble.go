package usecase

import (
	"errors"

	"github.com/mamori-app/mamori/vault/recovery"
	"github.com/mamori-app/mamori/vault/trouble"
)

// explainTrouble turns the errors of the trouble tools and of recovery
// details into messages.
func explainTrouble(err error) (Message, bool) {
	var (
		lockout *LockoutError
		note    *ErrorNoteError
		noNote  *NoErrorNoteError
		step    *BadStepError
		rec     *RecoveryError
	)
	switch {
	case errors.As(err, &lockout):
		if errors.Is(err, trouble.ErrTooLong) {
			return Message{ID: "trouble.error.lockout_note_too_long", Data: map[string]any{"Max": trouble.MaxNoteLen}}, true
		}
		return Message{ID: "trouble.error.lockout_duration"}, true
	case errors.As(err, &note):
		switch {
		case errors.Is(err, trouble.ErrEmptyCode):
			return Message{ID: "trouble.error.empty_code"}, true
		case errors.Is(err, trouble.ErrEmptyNote):
			return Message{ID: "trouble.error.empty_note"}, true
		}
		return Message{ID: "trouble.error.note_too_long", Data: map[string]any{
			"MaxCode": trouble.MaxErrorCodeLen, "Max": trouble.MaxNoteLen, "Count": trouble.MaxErrorNotes}}, true
	case errors.As(err, &noNote):
		return Message{ID: "trouble.error.no_note", Data: map[string]any{"Label": noNote.Label, "Code": noNote.Code}}, true
	case errors.As(err, &step):
		return Message{ID: "trouble.error.bad_step", Data: map[string]any{"Step": step.Step, "Steps": step.Tickable}}, true
	case errors.As(err, &rec):
		switch {
		case errors.Is(err, recovery.ErrCardDigits):
			return Message{ID: "recovery.error.card"}, true
		case errors.Is(err, recovery.ErrBadURL):
			return Message{ID: "recovery.error.url"}, true
		}
		return Message{ID: "recovery.error.too_long", Data: map[string]any{
			"Max": recovery.MaxFieldLen, "MaxNotes": recovery.MaxNotesLen, "MaxList": recovery.MaxListLen}}, true
	}
	return Message{}, false
}
