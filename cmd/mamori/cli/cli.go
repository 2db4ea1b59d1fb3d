// Package cli is Mamori's command line: every subcommand of the mamori binary
// (DESIGN.md, CLI contract). It does not depend on Fyne or the ui package;
// running mamori with no arguments calls Env.OpenApp (in the app's own binary)
// or Env.StartApp (in the command line's, which starts the app's).
//
// Output rules: results go to stdout (code prints only the code, --json
// exactly one JSON value); everything a person needs besides goes to stderr;
// errors are "mamori: error: <message>" on stderr, usually followed by a
// "hint: …" line, with exit status 1 for a failure and 2 for a usage error.
// Messages are English, or Japanese when LC_ALL, LC_MESSAGES or LANG (the
// first one set) starts with "ja"; the texts are in assets/translations.
//
// Environment: MAMORI_HOME (data directory), MAMORI_KEYRING=system|file
// (where a new vault's key goes), MAMORI_PASSPHRASE (unlock without a
// prompt), MAMORI_NEW_PASSPHRASE (the new passphrase for "passphrase set"
// and "passphrase change" without a prompt), MAMORI_KIT_PASSPHRASE (a
// recovery kit's passphrase) and MAMORI_IMPORT_PASSPHRASE (the password of
// an encrypted export being imported).
package cli

import (
	"errors"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
)

// Env is everything the CLI takes from its process. main passes the real
// standard streams and environment; tests pass their own.
type Env struct {
	// Stdin is read by "import -", "kit import -", "add --secret -" and the
	// like, and, when it is a terminal, for passphrases.
	Stdin io.Reader
	// Stdout receives results only.
	Stdout io.Writer
	// Stderr receives errors, hints, prompts and notes for a person.
	Stderr io.Writer
	// Getenv reads an environment variable; nil reads none.
	Getenv func(string) string
	// OpenApp opens the desktop app on store; mamori without arguments calls it.
	OpenApp func(store *vault.Store) error
	// OpenDemo opens the app, marked as a demo, on the throwaway vault of
	// "mamori --demo"; nil uses OpenApp.
	OpenDemo func(store *vault.Store) error
	// StartApp, when OpenApp is nil, starts the app's own binary with the
	// arguments it needs ("--demo"), for mamori without a subcommand: the
	// command line's binary passes StartApp, the app's OpenApp.
	StartApp func(args []string) error

	// Test hooks, unexported so that only this package's tests can set them.
	tty              terminal         // nil: Stdin if it is a terminal
	keyring          keystore.Keyring // nil: the OS keyring
	scryptWorkFactor int              // 0: age's default
	now              func() time.Time // nil: time.Now
}

// app is one run of the CLI.
type app struct {
	env   Env
	msg   *assets.Catalog // the texts, in the language of the environment
	tty   terminal
	dir   string
	store *vault.Store
}

// Main runs the CLI with args (without the program name) and returns the
// process's exit status: 0 on success, 1 on a failure, 2 on a usage error.
func Main(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Stdin == nil {
		env.Stdin = strings.NewReader("")
	}
	if env.Stdout == nil {
		env.Stdout = io.Discard
	}
	if env.Stderr == nil {
		env.Stderr = io.Discard
	}
	// A broken translation file is a build defect that the tests catch; the
	// catalogue still works, in English or showing keys instead of texts.
	msg := assets.NewCatalog(assets.DetectLanguage(env.Getenv))
	a := &app{env: env, msg: msg, tty: env.tty}
	if a.tty == nil {
		if f, ok := env.Stdin.(*os.File); ok {
			a.tty = stdinTerminal{f}
		} else {
			a.tty = noTerminal{}
		}
	}
	root := a.rootCommand()
	if args == nil {
		args = []string{} // cobra reads os.Args when given nil
	}
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	if cmd == nil {
		cmd = root
	}
	return a.report(env.Stderr, err, cmd.UseLine(), cmd.CommandPath())
}

// now is the current time, or the test's.
func (a *app) now() time.Time {
	if a.env.now != nil {
		return a.env.now()
	}
	return time.Now()
}

// openStore returns the Store for the data directory the environment names.
// It does no I/O; a bad MAMORI_KEYRING is a usage error.
func (a *app) openStore() (*vault.Store, error) {
	if a.store != nil {
		return a.store, nil
	}
	mode, err := keystore.ParseMode(a.env.Getenv(envKeyring))
	if err != nil {
		return nil, usageErr("cli.error.bad_keyring_env", data{"Value": a.env.Getenv(envKeyring)}).
			withHint("cli.hint.keyring_env", nil).wrap(err)
	}
	dir, err := vault.DefaultDir(a.env.Getenv)
	if err != nil {
		return nil, failure("cli.error.no_data_dir", data{"Detail": err.Error()}).
			withHint("cli.hint.home_env", nil).wrap(err)
	}
	a.dir = dir
	if a.env.scryptWorkFactor == 0 {
		a.env.scryptWorkFactor = e2eWorkFactor(a.env.Getenv)
	}
	a.store = vault.NewStore(vault.Options{
		Dir:              dir,
		Keyring:          mode,
		Passphrase:       a.askPassphrase,
		ScryptWorkFactor: a.env.scryptWorkFactor,
		Now:              a.env.now,
		Step:             killpoint(a.env.Getenv),
		LocalDir:         a.localDir(),
	}, a.env.keyring)
	if err := a.mergeCopies(a.store); err != nil {
		return nil, err
	}
	return a.store, nil
}

// note prints a translated line for a person on stderr.
func (a *app) note(key string, d data) {
	io.WriteString(a.env.Stderr, a.msg.T(key, d)+"\n")
}

// rootCommand builds the command tree afresh for one run.
func (a *app) rootCommand() *cobra.Command {
	var demo bool
	root := &cobra.Command{
		Use:   "mamori",
		Short: "Mamori keeps what you need to get back into your accounts",
		Long: `Mamori keeps what you need to get back into your accounts: their one-time
password keys, single-use backup codes, grid cards (乱数表), the phone numbers
and devices their codes go to, with number and handset changes, and what
support will ask when everything else is lost. It exports all of it as an
encrypted recovery kit that the age tool can open, and imports other
authenticators' exports. With no arguments it opens the app; the subcommands
below do the same things from a terminal or a script.

Results go to stdout (for "code", only the code); notes for a person and
errors go to stderr. Exit status: 0 success, 1 failure, 2 usage error.

Environment:
  MAMORI_HOME            data directory (default: the "mamori" folder in the
                         user's configuration directory)
  MAMORI_KEYRING         "system" (OS keyring) or "file" (a passphrase-protected
                         key file in the data directory) for a new vault's key;
                         unset tries the OS keyring and falls back to a file
  MAMORI_PASSPHRASE      the vault passphrase, to unlock without a prompt (and
                         the passphrase of a new vault whose key goes to a file)
  MAMORI_NEW_PASSPHRASE  the new passphrase for "passphrase set|change"
  MAMORI_KIT_PASSPHRASE  the passphrase of a recovery kit made by "kit export"
                         or opened by "kit import", without a prompt
  MAMORI_IMPORT_PASSPHRASE
                         the password of an encrypted export being imported
                         (Aegis, 2FAS, Ente Auth), without a prompt
  LC_ALL, LC_MESSAGES, LANG
                         messages are in Japanese when the first one set
                         starts with "ja"`,
		Args:          cobra.ArbitraryArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return a.unknownCommand(cmd, args[0])
			}
			if a.env.OpenApp == nil && a.env.StartApp != nil {
				return a.startApp(demo)
			}
			if demo {
				return a.openDemo()
			}
			store, err := a.openStore()
			if err != nil {
				return err
			}
			if a.env.OpenApp == nil {
				return failure("cli.error.no_app", nil).withHint("cli.hint.help", data{"Command": "mamori"})
			}
			return a.env.OpenApp(store)
		},
	}
	root.Flags().BoolVar(&demo, "demo", false, "open the app on a throwaway vault with sample accounts")
	root.CompletionOptions.DisableDefaultCmd = true
	root.SuggestionsMinimumDistance = 2
	root.SetIn(a.env.Stdin)
	root.SetOut(a.env.Stdout)
	root.SetErr(a.env.Stderr)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return flagError(err) })
	root.AddCommand(
		a.addCommand(),
		a.importCommand(),
		a.listCommand(),
		a.codeCommand(),
		a.rmCommand(),
		a.passphraseCommand(),
		a.vaultCommand(),
		a.backupCommand(),
		a.phoneCommand(),
		a.recoveryCommand(),
		a.gridCommand(),
		a.deviceCommand(),
		a.accountCommand(),
		a.kitCommand(),
		a.exportCommand(),
		a.checkInputCommand(),
		a.lockoutCommand(),
		a.clockCommand(),
		a.troubleCommand(),
		a.errorsCommand(),
		a.serviceCommand(),
	)
	root.Version = versionText()
	root.SetVersionTemplate("mamori {{.Version}}\n")
	a.translateHelp(root)
	return root
}

// unknownCommand is the usage error for a subcommand that does not exist,
// with cobra's suggestions in the hint when it has any.
func (a *app) unknownCommand(cmd *cobra.Command, name string) error {
	e := usageErr("cli.error.unknown_command", data{"Name": name, "Command": cmd.CommandPath()})
	if s := cmd.SuggestionsFor(name); len(s) > 0 {
		return e.withHint("cli.hint.did_you_mean", data{"Suggestions": strings.Join(s, ", "), "Command": cmd.CommandPath()})
	}
	return e.withHint("cli.hint.help", data{"Command": cmd.CommandPath()})
}

// flagError turns pflag's parse errors into translated usage errors. A bad
// value is not repeated: it may be a secret typed into the wrong place.
func flagError(err error) error {
	var (
		invalid  *pflag.InvalidValueError
		notExist *pflag.NotExistError
		required *pflag.ValueRequiredError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &invalid):
		return usageErr("cli.error.bad_flag_value", data{"Flag": "--" + invalid.GetFlag().Name, "Type": invalid.GetFlag().Value.Type()}).wrap(err)
	case errors.As(err, &notExist) && notExist.GetSpecifiedShortnames() == "":
		return usageErr("cli.error.unknown_flag", data{"Flag": "--" + notExist.GetSpecifiedName()}).wrap(err)
	case errors.As(err, &required) && required.GetFlag() != nil:
		return usageErr("cli.error.flag_needs_value", data{"Flag": "--" + required.GetFlag().Name}).wrap(err)
	case errors.As(err, &notExist):
		// "-1" or "-abc": a short option that does not exist, most often a
		// negative number or a value that starts with "-". Only the letter
		// is named: the rest may be a secret.
		return usageErr("cli.error.unknown_short_flag", data{"Flag": "-" + notExist.GetSpecifiedName()}).wrap(err)
	case errors.As(err, &syntax):
		return usageErr("cli.error.bad_flag_syntax", nil).wrap(err)
	}
	return usageErr("cli.error.usage_flag", data{"Detail": err.Error()}).wrap(err)
}

// groupCommand is a command that only holds subcommands: run alone or with an
// unknown subcommand it is a usage error, not a silent help page.
func (a *app) groupCommand(use, short string, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ArbitraryArgs,
		// Suggest subcommands one or two edits away from a typo.
		SuggestionsMinimumDistance: 2,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return a.unknownCommand(cmd, args[0])
			}
			names := make([]string, 0, len(subs))
			for _, s := range subs {
				names = append(names, s.Name())
			}
			return usageErr("cli.error.missing_subcommand", data{"Command": cmd.CommandPath(), "Subcommands": strings.Join(names, ", ")}).
				withHint("cli.hint.help", data{"Command": cmd.CommandPath()})
		},
	}
	cmd.AddCommand(subs...)
	return cmd
}

// exactArgs requires exactly len(names) arguments; names are for the message.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != len(names) {
			return usageErr("cli.error.wrong_arg_count", data{
				"Command": cmd.CommandPath(), "Want": len(names), "Names": strings.Join(names, " "), "Got": len(args),
			})
		}
		return nil
	}
}

// maxArgs allows up to n arguments.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usageErr("cli.error.too_many_args", data{"Command": cmd.CommandPath(), "Max": n, "Got": len(args)})
		}
		return nil
	}
}
