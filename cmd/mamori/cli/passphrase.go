package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/mamori-app/mamori/vault"
)

// Environment variables the CLI reads (DESIGN.md, CLI contract).
const (
	envHome          = "MAMORI_HOME"
	envKeyring       = "MAMORI_KEYRING"
	envPassphrase    = "MAMORI_PASSPHRASE"
	envNewPassphrase = "MAMORI_NEW_PASSPHRASE"
	// envKitPassphrase is the passphrase of a recovery kit being made or opened.
	envKitPassphrase = "MAMORI_KIT_PASSPHRASE"
	// envImportPassphrase is the password of an encrypted export being imported.
	envImportPassphrase = "MAMORI_IMPORT_PASSPHRASE"
)

// maxAttempts is how often a person may type a passphrase before the command fails.
const maxAttempts = 3

// terminal is where passphrases are typed. The real one is standard input
// when it is a terminal; tests substitute a scripted one.
type terminal interface {
	// IsTerminal reports whether a person can be asked interactively.
	IsTerminal() bool
	// ReadPassword reads one line without echoing it.
	ReadPassword() (string, error)
	// ReadLine reads one line, echoed as it is typed.
	ReadLine() (string, error)
}

// stdinTerminal is the process's standard input, if it is a terminal.
type stdinTerminal struct{ f *os.File }

func (t stdinTerminal) IsTerminal() bool { return t.f != nil && term.IsTerminal(int(t.f.Fd())) }

func (t stdinTerminal) ReadPassword() (string, error) {
	b, err := term.ReadPassword(int(t.f.Fd()))
	return string(b), err
}

func (t stdinTerminal) ReadLine() (string, error) {
	line, err := bufio.NewReader(io.LimitReader(t.f, 4096)).ReadString('\n')
	if err != nil && line == "" {
		return "", err
	}
	return strings.TrimSpace(line), nil
}

// noTerminal is used when standard input is not a file at all.
type noTerminal struct{}

func (noTerminal) IsTerminal() bool { return false }

func (noTerminal) ReadPassword() (string, error) {
	return "", fmt.Errorf("read passphrase: %w", vault.ErrPassphraseRequired)
}

func (noTerminal) ReadLine() (string, error) { return "", errors.New("no terminal to ask at") }

// prompt writes a translated prompt (filled in with d, if given) to stderr
// and reads a passphrase without echo.
func (a *app) prompt(key string, d ...any) (string, error) {
	fmt.Fprint(a.env.Stderr, a.msg.T(key, d...)+" ")
	p, err := a.tty.ReadPassword()
	fmt.Fprintln(a.env.Stderr) // the Enter key was not echoed
	if err != nil {
		return "", fmt.Errorf("read passphrase: %w", err)
	}
	return p, nil
}

// askPassphrase is the Store's PassphraseFunc. MAMORI_PASSPHRASE wins and is
// tried once; otherwise a person at a terminal gets maxAttempts tries; with
// neither, the command fails with a hint naming MAMORI_PASSPHRASE.
func (a *app) askPassphrase(req vault.PassphraseRequest) (string, error) {
	if p := a.env.Getenv(envPassphrase); p != "" {
		if req.Attempt > 1 {
			return "", a.wrongPassphrase().wrap(vault.ErrWrongPassphrase)
		}
		if req.Reason == vault.ReasonNewFileKey {
			// It is being chosen: the one passphrase rule applies.
			if e := a.checkEnvPassphrase(envPassphrase, p); e != nil {
				return "", e.wrap(vault.ErrPassphraseRequired)
			}
		}
		return p, nil
	}
	if req.Reason == vault.ReasonNewFileKey {
		if !a.tty.IsTerminal() {
			return "", a.newFileKeyReason(req, "cli.error.new_file_key_needs_passphrase", "cli.error.new_file_key_needs_passphrase_chosen").
				withHint("cli.hint.passphrase_env", nil).wrap(vault.ErrPassphraseRequired)
		}
		if req.Attempt > maxAttempts {
			return "", failure("cli.error.new_passphrase_mismatch", nil).wrap(vault.ErrPassphraseRequired)
		}
		if req.Attempt <= 1 {
			e := a.newFileKeyReason(req, "cli.prompt.new_file_key", "cli.prompt.new_file_key_chosen")
			fmt.Fprintln(a.env.Stderr, a.msg.T(e.key, e.data))
			for _, d := range e.details {
				fmt.Fprintf(a.env.Stderr, "  %s\n", d)
			}
		}
		return a.newPassphrase()
	}
	if !a.tty.IsTerminal() {
		return "", failure("cli.error.passphrase_required", nil).
			withHint("cli.hint.passphrase_env", nil).wrap(vault.ErrPassphraseRequired)
	}
	if req.Attempt > maxAttempts {
		return "", a.wrongPassphrase().wrap(vault.ErrWrongPassphrase)
	}
	if req.Attempt > 1 {
		fmt.Fprintln(a.env.Stderr, a.msg.T("cli.prompt.wrong_try_again"))
	}
	for i := 0; i < maxAttempts; i++ {
		p, err := a.prompt("cli.prompt.passphrase")
		if err != nil || p != "" {
			return p, err
		}
		fmt.Fprintln(a.env.Stderr, a.msg.T("cli.prompt.empty_passphrase"))
	}
	return "", failure("cli.error.no_passphrase_typed", nil).wrap(vault.ErrPassphraseRequired)
}

// newFileKeyReason says why a passphrase is needed for a new vault whose key
// goes to the data directory: the keyring could not be used, or the person
// asked for the file store (MAMORI_KEYRING=file): keyringKey or chosenKey.
func (a *app) newFileKeyReason(req vault.PassphraseRequest, keyringKey, chosenKey string) *cliError {
	if req.NoKeyring != nil {
		// The keyring's own error is English: a detail for support only.
		return failure(keyringKey, data{"Dir": a.dir}).withDetail(a, req.NoKeyring)
	}
	return failure(chosenKey, data{"Dir": a.dir})
}

// newPassphrase gets a new passphrase: MAMORI_NEW_PASSPHRASE for scripts, or
// typed twice at a terminal. Either must pass the passphrase rule
// (passrule.go); a typed one that does not is asked again, with the reason.
func (a *app) newPassphrase() (string, error) {
	if p := a.env.Getenv(envNewPassphrase); p != "" {
		if e := a.checkEnvPassphrase(envNewPassphrase, p); e != nil {
			return "", e.wrap(vault.ErrPassphraseRequired)
		}
		return p, nil
	}
	if !a.tty.IsTerminal() {
		return "", failure("cli.error.new_passphrase_required", nil).
			withHint("cli.hint.new_passphrase_env", nil).wrap(vault.ErrPassphraseRequired)
	}
	for i := 0; i < maxAttempts; i++ {
		p1, err := a.prompt("cli.prompt.new_passphrase")
		if err != nil {
			return "", err
		}
		if p1 == "" {
			fmt.Fprintln(a.env.Stderr, a.msg.T("cli.prompt.empty_passphrase"))
			continue
		}
		if a.typedPassphraseRefused(p1) {
			continue
		}
		p2, err := a.prompt("cli.prompt.repeat_passphrase")
		if err != nil {
			return "", err
		}
		if p1 != p2 {
			fmt.Fprintln(a.env.Stderr, a.msg.T("cli.prompt.passphrases_differ"))
			continue
		}
		return p1, nil
	}
	return "", failure("cli.error.new_passphrase_mismatch", nil).wrap(vault.ErrPassphraseRequired)
}
