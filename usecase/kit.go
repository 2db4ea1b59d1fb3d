package usecase

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/kit"
	"github.com/mamori-app/mamori/vault/kit/paper"
)

// KitImported is what ImportKit did, or PreviewKit would do.
type KitImported struct {
	Report kit.Report
	// Vault is the vault as saved (as read, when the kit held nothing new,
	// and for a preview).
	Vault *vault.Vault
	// WasEmpty is true when the vault held no account and no grid card
	// before: the kit restores rather than merges.
	WasEmpty bool
}

// ImportKit brings what an opened recovery kit holds into the vault
// (kit.Merge: nothing newer is overwritten), creating the vault when there
// is none. When the kit holds nothing new, nothing is written.
func (s *Service) ImportKit(src *vault.Vault) (KitImported, error) {
	var out KitImported
	v, err := s.change(func(v *vault.Vault) error {
		r, changed, err := mergeKit(v, src)
		if err != nil {
			return err
		}
		out = r
		if !changed {
			return vault.ErrUnchanged
		}
		return nil
	})
	out.Vault = v
	return out, err
}

// PreviewKit is what ImportKit would report for src when the vault is
// dst, with neither changed: a front-end previews on the vault it shows.
func PreviewKit(dst, src *vault.Vault) (KitImported, error) {
	c, err := cloneVault(dst)
	if err != nil {
		return KitImported{}, err
	}
	r, _, err := mergeKit(c, src)
	r.Vault = dst
	return r, err
}

// mergeKit merges a copy of src into dst and reports whether dst changed.
func mergeKit(dst, src *vault.Vault) (KitImported, bool, error) {
	// Merge may share or change what it is given: each run merges a fresh
	// copy of the kit.
	in, err := cloneVault(src)
	if err != nil {
		return KitImported{}, false, err
	}
	before, err := json.Marshal(dst)
	if err != nil {
		return KitImported{}, false, fmt.Errorf("copy vault: %w", err)
	}
	out := KitImported{WasEmpty: len(dst.Accounts) == 0 && len(dst.GridCards) == 0}
	out.Report = kit.Merge(dst, in)
	after, err := json.Marshal(dst)
	if err != nil {
		return KitImported{}, false, fmt.Errorf("copy vault: %w", err)
	}
	return out, !bytes.Equal(before, after), nil
}

// cloneVault is a deep copy of v.
func cloneVault(v *vault.Vault) (*vault.Vault, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("copy vault: %w", err)
	}
	out := vault.New()
	if err := json.Unmarshal(b, out); err != nil {
		return nil, fmt.Errorf("copy vault: %w", err)
	}
	return out, nil
}

// explainKit words why a recovery kit did not open. Nothing was changed.
func explainKit(err error) (Message, bool) {
	switch {
	case errors.Is(err, kit.ErrWrongPassphrase):
		return Message{ID: "msg.kit.wrong_passphrase"}, true
	case errors.Is(err, kit.ErrWrongKey):
		return Message{ID: "msg.kit.wrong_key"}, true
	case errors.Is(err, kit.ErrDamaged):
		return Message{ID: "msg.kit.damaged"}, true
	case errors.Is(err, kit.ErrNotKit):
		return Message{ID: "msg.kit.not_kit"}, true
	case errors.Is(err, kit.ErrNewerVersion):
		return Message{ID: "msg.kit.newer"}, true
	}
	return Message{}, false
}

// paperReasons are why the QR codes of a paper kit's pages do not make one
// kit.
var paperReasons = []struct {
	err error
	id  string
}{
	{paper.ErrNotChunk, "msg.paper.not_kit"},
	{paper.ErrCorruptChunk, "msg.paper.corrupt"},
	{paper.ErrDuplicateChunk, "msg.paper.duplicate"},
	{paper.ErrMixedKits, "msg.paper.mixed"},
	{paper.ErrNoChunks, "msg.paper.none"},
}

// PaperReason says why the QR codes of a paper kit's pages do not fit
// together; ok is false for an error that is none of paper's.
func PaperReason(err error) (m Message, ok bool) {
	for _, r := range paperReasons {
		if errors.Is(err, r.err) {
			return Message{ID: r.id}, true
		}
	}
	return Message{}, false
}
