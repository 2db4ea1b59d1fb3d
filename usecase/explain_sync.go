package usecase

import (
	"errors"

	"github.com/mamori-app/mamori/vault"
)

// explainSync words the errors of sharing a vault folder between desktops.
func explainSync(err error) (Message, bool) {
	switch {
	case errors.Is(err, vault.ErrNotThisVault):
		return Message{ID: "sync.error.not_this_vault", Hint: &Message{ID: "sync.hint.not_this_vault"}}, true
	case errors.Is(err, vault.ErrKeyInFolder):
		return Message{ID: "sync.error.key_in_folder"}, true
	case errors.Is(err, vault.ErrFolderInUse):
		return Message{ID: "sync.error.folder_in_use"}, true
	case errors.Is(err, vault.ErrNotSharedKey):
		return Message{ID: "sync.error.not_shared_key", Hint: &Message{ID: "sync.hint.share_key"}}, true
	}
	return Message{}, false
}
