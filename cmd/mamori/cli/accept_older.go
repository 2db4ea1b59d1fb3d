package cli

import (
	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/usecase"
)

// acceptOlderCommand is "vault accept-older": take a vault older than the
// one this computer last opened, after a person put it back on purpose.
func (a *app) acceptOlderCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "accept-older",
		Short: "Use the vault in the data folder although it is older than the last one opened here",
		Long: `Mamori remembers, on this computer, the newest generation of the vault it
has opened, and refuses an older one: a copy put back (by a sync tool, a
restored backup, or someone who can write the data folder) could offer used
backup codes and HOTP codes again. If you put the older copy back on
purpose, this command accepts it. The vault must still be one written with
its own key.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			store, _, err := a.existingVault()
			if err != nil {
				return err
			}
			res, err := usecase.New(store, a.env.now).AcceptOlder()
			if err != nil {
				return err
			}
			a.note("store.note.accepted_older", data{"Generation": res.Vault.Generation, "Previous": res.Previous})
			return nil
		},
	}
}
