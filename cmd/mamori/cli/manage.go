package cli

import (
	"errors"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
)

func (a *app) passphraseCommand() *cobra.Command {
	set := &cobra.Command{
		Use:   "set",
		Short: "Protect the vault's key with a passphrase",
		Long: `Protect the vault's key in the OS keyring with an app passphrase; Mamori
then asks for it whenever it opens the vault.

The new passphrase is typed twice at the terminal, or, for scripts, taken
from MAMORI_NEW_PASSPHRASE. A key kept in a file (no OS keyring) always has
a passphrase: use "passphrase change" for it.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.changePassphrase((*usecase.Service).SetPassphrase, "cli.note.passphrase_set")
		},
	}
	change := &cobra.Command{
		Use:   "change",
		Short: "Change the vault's passphrase",
		Long: `Change the passphrase that protects the vault's key. The current one is
asked for (or read from MAMORI_PASSPHRASE), then the new one is typed twice
(or read from MAMORI_NEW_PASSPHRASE).`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.changePassphrase((*usecase.Service).ChangePassphrase, "cli.note.passphrase_changed")
		},
	}
	remove := &cobra.Command{
		Use:   "remove",
		Short: "Remove the passphrase (OS keyring only)",
		Long: `Remove the app passphrase, so that the key in the OS keyring alone opens
the vault. Not possible for a key kept in a file, which must stay protected.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.service()
			if err != nil {
				return err
			}
			if err := svc.RemovePassphrase(); err != nil {
				return a.passphraseError(err, false)
			}
			a.note("cli.note.passphrase_removed", nil)
			return nil
		},
	}
	return a.groupCommand("passphrase", "Set, change or remove the app passphrase", set, change, remove)
}

// existingVault opens the store and insists there is a vault in it.
func (a *app) existingVault() (*vault.Store, vault.Info, error) {
	store, err := a.openStore()
	if err != nil {
		return nil, vault.Info{}, err
	}
	info, err := store.Info()
	if err != nil {
		return nil, vault.Info{}, err
	}
	if !info.Exists {
		return nil, info, failure("cli.error.no_vault", data{"Dir": info.Dir}).withHint("cli.hint.add_first", nil)
	}
	return store, info, nil
}

// changePassphrase runs op, a passphrase operation, with the new
// passphrase typed twice (or read from the environment) once the vault is
// unlocked.
func (a *app) changePassphrase(op func(*usecase.Service, usecase.NewPassphrase) error, done string) error {
	svc, err := a.service()
	if err != nil {
		return err
	}
	if err := op(svc, a.newPassphrase); err != nil {
		return a.passphraseError(err, true)
	}
	a.note(done, nil)
	return nil
}

// passphraseError explains why the passphrase could not be set, changed
// or removed; hints says whether to name the command that fits instead.
func (a *app) passphraseError(err error, hints bool) error {
	switch {
	case errors.Is(err, vault.ErrNoVault):
		return failure("cli.error.no_vault", data{"Dir": a.dir}).withHint("cli.hint.add_first", nil).wrap(err)
	case errors.Is(err, usecase.ErrPassphraseSet):
		return failure("cli.error.passphrase_already_set", nil).withHint("cli.hint.passphrase_change", nil).wrap(err)
	case errors.Is(err, usecase.ErrNoPassphrase) && hints:
		return failure("cli.error.no_passphrase", nil).withHint("cli.hint.passphrase_set", nil).wrap(err)
	case errors.Is(err, usecase.ErrNoPassphrase):
		return failure("cli.error.no_passphrase", nil).wrap(err)
	case errors.Is(err, vault.ErrFileKeyNeedsPassphrase):
		return failure("cli.error.file_key_needs_passphrase", data{"Dir": a.dir}).
			withHint("cli.hint.passphrase_change", nil).wrap(err)
	}
	return err
}

// infoJSON is "vault info --json". It holds nothing secret.
type infoJSON struct {
	Dir        string `json:"dir"`
	Exists     bool   `json:"exists"`
	Backend    string `json:"backend"`
	Passphrase bool   `json:"passphrase"`
	Accounts   int    `json:"accounts"`
	Generation uint64 `json:"generation"`
	Version    int    `json:"version"`
}

func (a *app) vaultCommand() *cobra.Command {
	var asJSON bool
	info := &cobra.Command{
		Use:   "info [--json]",
		Short: "Describe the vault: where it is, how its key is kept, how many accounts",
		Long: `Describe the vault without showing anything secret: its data directory,
where its key is kept (OS keyring or file), whether a passphrase protects it,
how many accounts it holds and its generation (the number of saves).
With --json, print one JSON object with the fields dir, exists, backend,
passphrase, accounts, generation and version.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			store, err := a.openStore()
			if err != nil {
				return err
			}
			in, err := store.Info()
			if err != nil {
				return err
			}
			out := infoJSON{Dir: in.Dir, Exists: in.Exists, Backend: string(in.Backend), Passphrase: in.Passphrase}
			if in.Exists {
				v, err := store.Load()
				if err != nil {
					return err
				}
				out.Accounts, out.Generation, out.Version = len(v.Accounts), v.Generation, v.Version
			}
			if asJSON {
				return a.printJSON(out)
			}
			return a.printInfo(out)
		},
	}
	info.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")

	restore := &cobra.Command{
		Use:   "restore-backup",
		Short: "Replace a damaged vault with its previous generation",
		Long: `Replace a damaged vault file (truncated, tampered with, unreadable) with the
previous generation that Mamori keeps beside it; the damaged file is kept
too. The change saved last before the damage is lost. A vault that opens
fine is left alone.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			store, _, err := a.existingVault()
			if err != nil {
				return err
			}
			if _, err := store.Load(); err == nil {
				return failure("cli.error.not_damaged", nil)
			} else if !errors.Is(err, vault.ErrDamaged) {
				return err
			}
			v, err := store.RestoreBackup()
			if err != nil {
				return failure("cli.error.restore_failed", data{"Detail": err.Error()}).wrap(err)
			}
			a.note("cli.note.restored", data{"Generation": v.Generation, "Accounts": len(v.Accounts)})
			return nil
		},
	}
	return a.groupCommand("vault", "Inspect the vault, restore its backup, or share it with another desktop", info, restore,
		a.moveCommand(), a.shareKeyCommand(), a.joinCommand(), a.acceptOlderCommand())
}

// printInfo prints "vault info" for a person, labels translated.
func (a *app) printInfo(in infoJSON) error {
	yesNo := func(b bool) string {
		if b {
			return a.msg.T("cli.yes")
		}
		return a.msg.T("cli.no")
	}
	backend := a.msg.T("cli.info.backend_none")
	switch keystore.Mode(in.Backend) {
	case keystore.System:
		backend = a.msg.T("cli.info.backend_system")
	case keystore.File:
		backend = a.msg.T("cli.info.backend_file")
	}
	rows := [][]string{
		{a.msg.T("cli.info.dir"), in.Dir},
		{a.msg.T("cli.info.exists"), yesNo(in.Exists)},
	}
	if in.Exists {
		rows = append(rows,
			[]string{a.msg.T("cli.info.backend"), backend},
			[]string{a.msg.T("cli.info.passphrase"), yesNo(in.Passphrase)},
			[]string{a.msg.T("cli.info.accounts"), strconv.Itoa(in.Accounts)},
			[]string{a.msg.T("cli.info.generation"), strconv.FormatUint(in.Generation, 10)},
		)
	}
	return writeTable(a.env.Stdout, rows)
}
