package usecase

import (
	"errors"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/importer"
)

// EntryName names an entry of an import for a person: where it is in the
// file and, when known, its label ("line 3 (GitHub: alice)").
func EntryName(p importer.Position, label string) Message {
	var where []Message
	if p.Line > 0 {
		where = append(where, Message{ID: "msg.import.line", Data: map[string]any{"N": p.Line}})
	}
	if p.Code > 0 {
		where = append(where, Message{ID: "msg.import.code", Data: map[string]any{"N": p.Code}})
	}
	if p.Entry > 0 {
		where = append(where, Message{ID: "msg.import.entry", Data: map[string]any{"N": p.Entry}})
	}
	switch {
	case len(where) > 0 && label != "":
		return Message{ID: "msg.import.entry_name", Data: map[string]any{"Where": where, "Label": label}}
	case len(where) > 0:
		return Message{ID: "msg.import.where", Data: map[string]any{"Where": where}}
	case label != "":
		return Message{ID: "msg.import.label", Data: map[string]any{"Label": label}}
	}
	return Message{ID: "msg.import.an_entry"}
}

// EntryReason is why one entry of an import could not be read, never
// quoting it: it may hold a secret.
func EntryReason(err error) Message {
	var co *importer.CutOffError
	switch {
	case errors.As(err, &co) && co.Empty:
		return Message{ID: "import.reason.cut_off_empty", Data: map[string]any{"Param": Message{ID: "import.param." + co.Param}}}
	case errors.As(err, &co):
		return Message{ID: "import.reason.cut_off", Data: map[string]any{"Param": Message{ID: "import.param." + co.Param}}}
	case errors.Is(err, importer.ErrNoCounter):
		return Message{ID: "import.reason.no_counter"}
	case errors.Is(err, importer.ErrNoLabel), errors.Is(err, vault.ErrLabelRequired):
		return Message{ID: "msg.import.no_label"}
	case errors.Is(err, importer.ErrMalformed):
		return Message{ID: "msg.import.malformed", Data: map[string]any{"Detail": importer.Detail(err, importer.ErrMalformed)}}
	}
	return KeyReason(err)
}

// SkipReason is why an import left an entry out on purpose.
func SkipReason(err error) Message {
	switch {
	case errors.Is(err, importer.ErrDuplicate):
		return Message{ID: "msg.import.skip_duplicate"}
	case errors.Is(err, importer.ErrUnsupported):
		return Message{ID: "msg.import.skip_unsupported"}
	case errors.Is(err, importer.ErrNotAnAccount):
		return Message{ID: "msg.import.skip_not_account"}
	case errors.Is(err, importer.ErrInTrash):
		return Message{ID: "msg.import.skip_trash"}
	}
	return Message{ID: "msg.import.skip_other"}
}
