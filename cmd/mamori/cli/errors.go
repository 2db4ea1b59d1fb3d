package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"path/filepath"
	"strings"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
)

// Exit statuses of the CLI (DESIGN.md, CLI contract).
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// data fills in a message template.
type data = map[string]any

// cliError is an error the CLI knows how to explain: a translated message,
// optional detail lines and a hint, and the exit status it stands for. It
// wraps its cause, so errors.Is still sees the vault's or otp's sentinel.
type cliError struct {
	code     int
	key      string
	data     data
	details  []string // shown indented under the message, already translated
	hint     string
	hintData data
	cause    error
}

func (e *cliError) Error() string {
	if e.cause != nil {
		return e.key + ": " + e.cause.Error()
	}
	return e.key
}

func (e *cliError) Unwrap() error { return e.cause }

// failure is an error with exit status 1.
func failure(key string, d data) *cliError { return &cliError{code: exitFailure, key: key, data: d} }

// usageErr is an error with exit status 2: the command line itself is wrong.
func usageErr(key string, d data) *cliError { return &cliError{code: exitUsage, key: key, data: d} }

func (e *cliError) withHint(key string, d data) *cliError {
	e.hint, e.hintData = key, d
	return e
}

// withDetail adds err's own text, in English, as a detail line labelled as
// a technical detail for support. It is for system failures (a keyring that
// does not answer, D-Bus); bad input is explained, never shown this way.
func (e *cliError) withDetail(a *app, err error) *cliError {
	e.details = append(e.details, a.msg.T("cli.detail.technical", data{"Detail": err.Error()}))
	return e
}

func (e *cliError) wrap(cause error) *cliError {
	e.cause = cause
	return e
}

// reason is why the otp package refused a key, URI or time, in the
// person's language (usecase.KeyReason); it never repeats what was typed.
func (a *app) reason(err error) string { return usecase.KeyReason(err).Text(a.msg) }

// explain turns any error into a cliError. Errors the CLI made itself pass
// through; the vault's and otp's sentinels get their translated message and
// hint; anything else is shown as it is, as a failure.
func (a *app) explain(err error) *cliError {
	var ce *cliError
	if errors.As(err, &ce) {
		return ce
	}
	var amb *vault.AmbiguousError
	if errors.As(err, &amb) {
		return a.ambiguous(amb).wrap(err)
	}
	if se := a.storeError(err); se != nil {
		return se
	}
	var nf *usecase.NotFoundError
	if errors.As(err, &nf) {
		return failure("cli.error.not_found", data{"Query": nf.Query}).withHint("cli.hint.list", nil).wrap(err)
	}
	var dup *usecase.DuplicateError
	if errors.As(err, &dup) {
		key := "cli.error.duplicate"
		if dup.NoOTP {
			key = "cli.error.duplicate_no_otp"
		}
		return failure(key, data{"Label": dup.Label}).withHint("cli.hint.list", nil).wrap(err)
	}
	// What an area of the use-case layer words, after the query errors
	// above, which the command line words with the query typed.
	if e := a.explained(err); e != nil {
		return e
	}
	switch {
	case errors.Is(err, vault.ErrNewerVersion):
		return failure("cli.error.newer_version", nil).withHint("cli.hint.newer_version", nil).wrap(err)
	case errors.Is(err, vault.ErrDamaged):
		return a.damaged(err)
	case errors.Is(err, vault.ErrKeyMissing):
		if a.store != nil {
			if info, ierr := a.store.Info(); ierr == nil && info.Backend == keystore.File {
				return failure("cli.error.key_missing_file", data{"Dir": info.Dir}).withHint("cli.hint.key_missing", nil).wrap(err)
			}
		}
		return failure("cli.error.key_missing", nil).withHint("cli.hint.key_missing", nil).wrap(err)
	case errors.Is(err, vault.ErrWrongPassphrase):
		return a.wrongPassphrase().wrap(err)
	case errors.Is(err, vault.ErrPassphraseRequired):
		return failure("cli.error.passphrase_required", nil).withHint("cli.hint.passphrase_env", nil).wrap(err)
	case errors.Is(err, vault.ErrFileKeyNeedsPassphrase):
		return failure("cli.error.file_key_needs_passphrase", data{"Dir": a.dir}).
			withHint("cli.hint.passphrase_change", nil).wrap(err)
	case errors.Is(err, keystore.ErrUnavailable):
		return failure("cli.error.keyring_unavailable", nil).withDetail(a, err).
			withHint("cli.hint.keyring_unavailable", nil).wrap(err)
	case errors.Is(err, vault.ErrNotFound):
		return failure("cli.error.not_found_plain", nil).withHint("cli.hint.list", nil).wrap(err)
	case errors.Is(err, vault.ErrLabelRequired):
		return usageErr("cli.error.label_required", nil).wrap(err)
	}
	if m, ok := usecase.OTPReason(err); ok {
		return failure("cli.error.invalid_key", data{"Reason": m.Text(a.msg)}).wrap(err)
	}
	if m, ok := usecase.ExplainKnown(err); ok {
		return a.message(m).wrap(err)
	}
	return failure("cli.error.generic", data{"Detail": err.Error()}).wrap(err)
}

// message is a failure saying m, the use-case layer's message for an
// error this file does not word itself.
func (a *app) message(m usecase.Message) *cliError {
	e := failure(m.ID, m.TextData(a.msg))
	if m.Hint != nil {
		e = e.withHint(m.Hint.ID, m.Hint.TextData(a.msg))
	}
	if m.Detail != "" {
		e.details = append(e.details, a.msg.T("cli.detail.technical", data{"Detail": m.Detail}))
	}
	return e
}

// writeError explains why path could not be written. A folder that does
// not exist and a file the person may not write are their own to fix and
// are said in their language; anything else is a system failure, shown
// with its English text labelled as a technical detail.
func (a *app) writeError(path string, err error) *cliError {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return failure("cli.error.write_no_folder", data{"Path": path, "Dir": filepath.Dir(path)}).wrap(err)
	case errors.Is(err, fs.ErrPermission):
		return failure("cli.error.write_permission", data{"Path": path}).wrap(err)
	}
	return failure("cli.error.write_failed", data{"Path": path}).withDetail(a, err).wrap(err)
}

// clockError explains why the clock could not be compared with server: a
// name that does not exist is the person's to fix and is said in their
// language; a server that does not answer shows the network's English error
// only as a technical detail. Nothing was changed.
func (a *app) clockError(server string, err error) *cliError {
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return failure("cli.error.clock_no_host", data{"Server": server}).withHint("cli.hint.clock_check", nil).wrap(err)
	}
	return failure("cli.error.clock_check", data{"Server": server}).withDetail(a, err).
		withHint("cli.hint.clock_check", nil).wrap(err)
}

// damaged explains a vault file that cannot be read, and offers the previous
// generation when the store found one that opens.
func (a *app) damaged(err error) *cliError {
	e := failure("cli.error.damaged", nil).wrap(err)
	var de *vault.DamagedError
	if !errors.As(err, &de) {
		return e.withHint("cli.hint.restore_backup", nil)
	}
	e.data = data{"Path": de.Path}
	e.key = "cli.error.damaged_path"
	if de.Backup == nil {
		return e.withHint("cli.hint.no_backup", nil)
	}
	return e.withHint("cli.hint.restore_backup_info", data{
		"Generation": de.Backup.Generation,
		"Saved":      de.Backup.Saved.Local().Format("2006-01-02 15:04"),
		"Accounts":   de.Backup.Accounts,
	})
}

// ambiguous explains a query that matched several accounts, naming them all.
func (a *app) ambiguous(amb *vault.AmbiguousError) *cliError {
	labels := make([]string, len(amb.Candidates))
	for i, c := range amb.Candidates {
		labels[i] = c.Label()
	}
	return failure("cli.error.ambiguous", data{
		"Query":      amb.Query,
		"Count":      len(amb.Candidates),
		"Candidates": strings.Join(labels, a.msg.T("cli.list_separator")),
	}).withHint("cli.hint.ambiguous", nil)
}

// wrongPassphrase explains a passphrase that did not unlock the vault; the
// hint depends on where the passphrase came from.
func (a *app) wrongPassphrase() *cliError {
	e := failure("cli.error.wrong_passphrase", nil)
	if a.env.Getenv(envPassphrase) != "" {
		return e.withHint("cli.hint.check_passphrase_env", nil)
	}
	return e.withHint("cli.hint.try_again", nil)
}

// findAccount finds the account query names (usecase.FindAccount: an ID,
// or a query vault.Find matches); explain words its errors, naming the
// query or the accounts it matched.
func (a *app) findAccount(v *vault.Vault, query string) (*vault.Account, error) {
	return usecase.FindAccount(v, query)
}

// report prints err to stderr in the contract's format and returns the exit status.
func (a *app) report(w io.Writer, err error, usageLine, commandPath string) int {
	e := a.explain(err)
	fmt.Fprintf(w, "mamori: error: %s\n", a.msg.T(e.key, e.data))
	for _, d := range e.details {
		fmt.Fprintf(w, "  %s\n", d)
	}
	hint, hd := e.hint, e.hintData
	if hint == "" && e.code == exitUsage {
		hint, hd = "cli.hint.usage", data{"Usage": usageLine, "Command": commandPath}
	}
	if hint != "" {
		fmt.Fprintf(w, "hint: %s\n", a.msg.T(hint, hd))
	}
	if e.code == 0 {
		return exitFailure
	}
	return e.code
}
