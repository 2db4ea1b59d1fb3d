package cli

import (
	"bytes"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/kit"
)

// inputSharedKey names a shared key file in the message about a file that
// is too large.
const inputSharedKey = "sync.input.shared_key"

// shareKeyCommand is "vault share-key": the vault's key for a second
// desktop that shares the vault folder, encrypted to a passphrase.
func (a *app) shareKeyCommand() *cobra.Command {
	var out string
	var force bool
	cmd := &cobra.Command{
		Use:   "share-key --out FILE",
		Short: "Write the vault key, encrypted, for a second desktop",
		Long: `Write the vault's key to FILE for a second desktop that shares the vault
folder through a sync engine (Syncthing, a cloud drive). The key is
encrypted with age to a passphrase: MAMORI_KIT_PASSPHRASE, or one Mamori
generates and shows once. On the second desktop, run
"mamori vault join --key FILE" with the same passphrase, then delete FILE.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return usageErr("sync.error.out_required", nil)
			}
			store, _, err := a.existingVault()
			if err != nil {
				return err
			}
			pass, generated := a.env.Getenv(envKitPassphrase), false
			if pass != "" {
				// A chosen passphrase guards the vault key: the one rule.
				if e := a.checkEnvPassphrase(envKitPassphrase, pass); e != nil {
					return e.withHint("cli.hint.weak_kit_passphrase", nil)
				}
			}
			if pass == "" {
				if pass, err = kit.GeneratePassphrase(); err != nil {
					return err
				}
				generated = true
			}
			var b bytes.Buffer
			if err := store.ShareKey(&b, pass); err != nil {
				return err
			}
			if err := writeSecretFile(out, b.Bytes(), force); err != nil {
				return a.writeError(out, err)
			}
			a.note("sync.note.shared", data{"Path": out})
			if generated {
				a.note("sync.note.generated_passphrase", data{"Passphrase": pass})
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "the file to write")
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists")
	return cmd
}

// joinCommand is "vault join": this desktop stores a shared key in its
// keyring and opens the vault folder it shares.
func (a *app) joinCommand() *cobra.Command {
	var keyFile string
	cmd := &cobra.Command{
		Use:   "join --key FILE",
		Short: "Use a vault folder shared with another desktop",
		Long: `Store the key that "mamori vault share-key" wrote on another desktop in this
desktop's keyring, so that this desktop opens the vault in the shared
folder (MAMORI_HOME, or the default data folder). The passphrase is
MAMORI_KIT_PASSPHRASE or is asked for.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			if keyFile == "" {
				return usageErr("sync.error.key_required", nil)
			}
			b, err := a.readInput(keyFile, inputSharedKey, 16<<10)
			if err != nil {
				return err
			}
			store, _, err := a.existingVault()
			if err != nil {
				return err
			}
			pass := a.env.Getenv(envKitPassphrase)
			if pass == "" {
				if !a.tty.IsTerminal() {
					return failure("sync.error.passphrase_required", nil)
				}
				if pass, err = a.prompt("sync.prompt.passphrase"); err != nil {
					return failure("cli.error.read_password", data{"Detail": err.Error()}).wrap(err)
				}
			}
			if err := store.JoinKey(bytes.NewReader(b), pass); err != nil {
				return err
			}
			v, err := store.Load()
			if err != nil {
				return err
			}
			a.note("sync.note.joined", data{"Dir": store.Dir(), "Accounts": len(v.Accounts)})
			return nil
		},
	}
	cmd.Flags().StringVar(&keyFile, "key", "", "the file share-key wrote")
	return cmd
}

// moveCommand is "vault move": the vault goes to another folder, a synced
// one say.
func (a *app) moveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "move DIR",
		Short: "Move the vault to another folder (a synced one)",
		Long: `Move the vault, its backup and its key files to DIR, a folder that is empty
or not there yet, such as a folder Syncthing or a cloud drive keeps in sync.
The copy is opened before anything else changes; the old files are then set
aside in the old folder's "moved-away" subfolder, never deleted. Without
MAMORI_HOME, Mamori opens DIR from then on; with it, set MAMORI_HOME=DIR.`,
		Args: exactArgs("DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			store, _, err := a.existingVault()
			if err != nil {
				return err
			}
			moved, err := store.MoveTo(args[0])
			if err != nil {
				return err
			}
			a.note("sync.note.moved", data{"Dir": moved.Dir(), "Old": filepath.Join(store.Dir(), "moved-away")})
			if a.env.Getenv(envHome) != "" {
				a.note("sync.note.set_home", data{"Dir": moved.Dir()})
				return nil
			}
			return vault.PointDefaultDir(moved.Dir())
		},
	}
}
