package usecase

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/kit"
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
	return s.mergeKit(src, false)
}

// PreviewKit is what ImportKit would report for src, with nothing written.
func (s *Service) PreviewKit(src *vault.Vault) (KitImported, error) {
	return s.mergeKit(src, true)
}

func (s *Service) mergeKit(src *vault.Vault, preview bool) (KitImported, error) {
	contents, err := json.Marshal(src)
	if err != nil {
		return KitImported{}, fmt.Errorf("copy kit: %w", err)
	}
	var out KitImported
	merge := func(v *vault.Vault) error {
		// Merge may share or change what it is given: each run merges a
		// fresh copy of the kit.
		in := vault.New()
		if err := json.Unmarshal(contents, in); err != nil {
			return fmt.Errorf("copy kit: %w", err)
		}
		before, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("copy vault: %w", err)
		}
		out.WasEmpty = len(v.Accounts) == 0 && len(v.GridCards) == 0
		out.Report = kit.Merge(v, in)
		after, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("copy vault: %w", err)
		}
		if preview || bytes.Equal(before, after) {
			return vault.ErrUnchanged
		}
		return nil
	}
	if preview {
		v, err := s.store.Load()
		if err != nil {
			return KitImported{}, err
		}
		c, err := cloneVault(v)
		if err != nil {
			return KitImported{}, err
		}
		if err := merge(c); err != nil && err != vault.ErrUnchanged {
			return KitImported{}, err
		}
		out.Vault = v
		return out, nil
	}
	out.Vault, err = s.change(merge)
	return out, err
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
