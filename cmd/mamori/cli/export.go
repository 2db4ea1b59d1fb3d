package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/export"
	"github.com/mamori-app/mamori/vault/otp"
)

// minQRSize is the smallest --size the export commands accept; a code may
// need more (export.QR says so).
const minQRSize = 64

func (a *app) exportCommand() *cobra.Command {
	return a.groupCommand("export", "Give accounts back as otpauth:// URIs or QR codes, for another authenticator",
		a.exportURIsCommand(), a.exportQRCommand(), a.exportMigrationCommand())
}

func (a *app) exportURIsCommand() *cobra.Command {
	var out string
	var accounts []string
	var force bool
	cmd := &cobra.Command{
		Use:   "uris [--out FILE|-] [--account QUERY]... [--force]",
		Short: "Write accounts as a list of otpauth:// URIs, in plain text",
		Long: `Write every account's authenticator key as an otpauth:// URI, one a line,
after a "#" comment: the list most authenticators and password managers
import, and "mamori import" reads back. --account QUERY (repeatable) writes
only those accounts. Accounts without an authenticator key are left out,
with a note.

The list is the secrets in plain text: anyone who reads it can generate your
codes. It goes to FILE, written readable by you only (an existing FILE is
not overwritten unless --force is given), or to standard output when
--out is "-" or not given; standard output must then be a pipe or a file,
never the terminal, where anyone looking at the screen could copy it.
For a backup, use "mamori kit export", which is encrypted.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			toStdout := out == "" || out == "-"
			if err := a.checkExportTarget(toStdout, out, force); err != nil {
				return err
			}
			accts, err := a.exportAccounts(accounts)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			rep, err := export.WriteURIList(&buf, accts)
			a.exportSkips(accts, rep)
			if errors.Is(err, export.ErrNothingToExport) {
				return a.nothingToExport(rep)
			}
			if err != nil {
				return err
			}
			where, err := a.writeExport(toStdout, out, buf.Bytes(), force)
			if err != nil {
				return err
			}
			a.note("cli.note.export_uris", data{"Count": len(rep.Exported), "Where": where})
			a.warn("cli.warn.export_plain", data{"Where": where})
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "out", "o", "", `the file to write ("-": standard output, which must not be a terminal)`)
	f.StringArrayVar(&accounts, "account", nil, "export only this account (repeatable)")
	f.BoolVar(&force, "force", false, "overwrite FILE if it exists")
	return cmd
}

func (a *app) exportQRCommand() *cobra.Command {
	var out string
	var size int
	var force bool
	cmd := &cobra.Command{
		Use:   "qr ACCOUNT --out FILE.png [--size N] [--force]",
		Short: "Write one account's otpauth:// URI as a QR code image, to scan with a phone",
		Long: `Write the otpauth:// URI of the account ACCOUNT names as a QR code in a PNG
image, N×N pixels (--size, default 512), to move that one account to an
authenticator app on a phone: open the image on a screen and scan it.

The image is the secret: anyone who sees or scans it can generate your
codes. FILE is written readable by you only, and an existing FILE is not
overwritten unless --force is given; delete it once scanned.`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(out) == "" {
				return usageErr("cli.error.export_qr_needs_out", nil)
			}
			if err := checkQRSize(size); err != nil {
				return err
			}
			if err := a.checkExportTarget(out == "-", out, force); err != nil {
				return err
			}
			_, acct, err := a.loadAccount(args[0])
			if err != nil {
				return err
			}
			if !acct.HasOTP() {
				return failure("cli.error.export_no_otp", data{"Label": acct.Label()}).withHint("cli.hint.export_no_otp", nil)
			}
			var buf bytes.Buffer
			if err := export.AccountQR(&buf, *acct, size); err != nil {
				return a.qrError(err, acct.Label(), size)
			}
			where, err := a.writeExport(out == "-", out, buf.Bytes(), force)
			if err != nil {
				return err
			}
			a.note("cli.note.export_qr", data{"Label": acct.Label(), "Where": where})
			a.warn("cli.warn.export_qr", data{"Where": where})
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "out", "o", "", "the PNG file to write")
	f.IntVar(&size, "size", export.DefaultQRSize, "the width and height of the image, in pixels")
	f.BoolVar(&force, "force", false, "overwrite FILE if it exists")
	return cmd
}

func (a *app) exportMigrationCommand() *cobra.Command {
	var out string
	var accounts []string
	var batch, size int
	var text, force bool
	cmd := &cobra.Command{
		Use:   "migration --out PREFIX [--batch-size N] [--size N] [--account QUERY]... [--force] | --text [--out FILE|-]",
		Short: "Write accounts as Google Authenticator transfer QR codes",
		Long: `Write the accounts as a Google Authenticator "Transfer accounts" export: QR
codes holding otpauth-migration:// URIs, which Google Authenticator (Transfer
accounts, Import accounts) and many other apps import by scanning them, and
"mamori import" reads back. The images are PREFIX-1.png, PREFIX-2.png, …,
N×N pixels (--size, default 512), each holding up to --batch-size accounts
(default 10; fewer when their names are long). --account QUERY (repeatable)
exports only those accounts.

The format has no place for Steam keys, codes of other than 6 or 8 digits,
or periods other than 30 seconds: such accounts are left out with a note,
as are accounts without an authenticator key. Move them with "mamori export
qr" or "mamori export uris" instead.

--text writes the URIs, one a line, instead of images: to FILE with --out,
or to standard output, which must then be a pipe or a file, not the
terminal.

Every image and URI is the secrets in plain text: anyone who sees or scans
them can generate your codes. Files are written readable by you only, an
existing one is not overwritten unless --force is given; delete them once
scanned.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !text && strings.TrimSpace(out) == "" {
				return usageErr("cli.error.export_migration_needs_out", nil)
			}
			if !text && out == "-" {
				return usageErr("cli.error.export_migration_needs_out", nil)
			}
			if batch < 1 || batch > export.MaxBatchSize {
				return usageErr("cli.error.export_bad_batch", data{"Max": export.MaxBatchSize})
			}
			if err := checkQRSize(size); err != nil {
				return err
			}
			toStdout := text && (out == "" || out == "-")
			prefix := strings.TrimSuffix(out, ".png")
			if text {
				if err := a.checkExportTarget(toStdout, out, force); err != nil {
					return err
				}
			} else if !force {
				// The count is known only later: refuse if the first
				// image is there already, and check them all below.
				if err := a.checkExportTarget(false, migrationImage(prefix, 1), force); err != nil {
					return err
				}
			}
			accts, err := a.exportAccounts(accounts)
			if err != nil {
				return err
			}
			uris, rep, err := export.Migration(accts, export.MigrationOptions{BatchSize: batch})
			a.exportSkips(accts, rep)
			if errors.Is(err, export.ErrNothingToExport) {
				return a.nothingToExport(rep)
			}
			if err != nil {
				return err
			}
			if text {
				where, err := a.writeExport(toStdout, out, []byte(strings.Join(uris, "\n")+"\n"), force)
				if err != nil {
					return err
				}
				a.note("cli.note.export_migration_text", data{"Count": len(rep.Exported), "Codes": len(uris), "Where": where})
				a.warn("cli.warn.export_plain", data{"Where": where})
				return nil
			}
			images := make([][]byte, len(uris))
			paths := make([]string, len(uris))
			for i, u := range uris {
				var buf bytes.Buffer
				if err := export.QR(&buf, u, size); err != nil {
					return a.qrError(err, a.msg.T("cli.export.code_n", data{"N": i + 1}), size)
				}
				images[i], paths[i] = buf.Bytes(), migrationImage(prefix, i+1)
				if err := a.checkExportTarget(false, paths[i], force); err != nil {
					return err
				}
			}
			var written []string
			for i, p := range paths {
				if err := writeSecretFile(p, images[i], force); err != nil {
					if !force {
						for _, w := range written {
							os.Remove(w)
						}
					}
					return a.writeError(p, err)
				}
				written = append(written, p)
			}
			list := strings.Join(paths, a.msg.T("cli.list_separator"))
			a.note("cli.note.export_migration", data{"Count": len(rep.Exported), "Codes": len(uris), "Paths": list})
			a.warn("cli.warn.export_qr", data{"Where": list})
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "out", "o", "", "PREFIX of the images (PREFIX-1.png, …), or with --text the file to write")
	f.IntVar(&batch, "batch-size", export.DefaultBatchSize, "the most accounts in one QR code")
	f.IntVar(&size, "size", export.DefaultQRSize, "the width and height of each image, in pixels")
	f.StringArrayVar(&accounts, "account", nil, "export only this account (repeatable)")
	f.BoolVar(&text, "text", false, "write the otpauth-migration:// URIs instead of images")
	f.BoolVar(&force, "force", false, "overwrite files that exist")
	return cmd
}

// migrationImage is the name of the n-th image of a migration export.
func migrationImage(prefix string, n int) string {
	return fmt.Sprintf("%s-%d.png", prefix, n)
}

// checkQRSize checks --size against the range any code needs.
func checkQRSize(size int) error {
	if size < minQRSize || size > export.MaxQRSize {
		return usageErr("cli.error.export_bad_size", data{"Min": minQRSize, "Max": export.MaxQRSize})
	}
	return nil
}

// stdoutIsTerminal reports whether results would appear on a terminal
// screen. A test's writer may say so itself.
func (a *app) stdoutIsTerminal() bool {
	switch w := a.env.Stdout.(type) {
	case interface{ IsTerminal() bool }:
		return w.IsTerminal()
	case *os.File:
		return term.IsTerminal(int(w.Fd()))
	}
	return false
}

// checkExportTarget refuses, before the vault is opened, a destination an
// export must not go to: the terminal, where secrets are read over a
// shoulder, or a file that exists, without --force.
func (a *app) checkExportTarget(toStdout bool, path string, force bool) error {
	if toStdout {
		if a.stdoutIsTerminal() {
			return usageErr("cli.error.export_terminal", nil).withHint("cli.hint.export_terminal", nil)
		}
		return nil
	}
	if !force {
		if _, err := os.Stat(path); err == nil {
			return failure("cli.error.out_exists", data{"Path": path}).withHint("cli.hint.out_exists", nil)
		}
	}
	return nil
}

// writeExport writes an export to standard output or to a file readable by
// its owner only, and returns how to name where it went.
func (a *app) writeExport(toStdout bool, path string, b []byte, force bool) (string, error) {
	if toStdout {
		if _, err := a.env.Stdout.Write(b); err != nil {
			return "", failure("cli.error.write_file", data{"Path": a.msg.T("cli.export.stdout"), "Detail": err.Error()}).wrap(err)
		}
		return a.msg.T("cli.export.stdout"), nil
	}
	if err := writeSecretFile(path, b, force); err != nil {
		return "", a.writeError(path, err)
	}
	return path, nil
}

// exportAccounts returns the accounts an export covers: those the queries
// name, in the order named, or every account.
func (a *app) exportAccounts(queries []string) ([]vault.Account, error) {
	v, err := a.load()
	if err != nil {
		return nil, err
	}
	if len(queries) == 0 {
		return v.Accounts, nil
	}
	var ids []string
	for _, q := range queries {
		acct, err := a.findAccount(v, q)
		if err != nil {
			return nil, err
		}
		ids = appendNew(ids, acct.ID)
	}
	accts := make([]vault.Account, len(ids))
	for i, id := range ids {
		accts[i] = *v.Account(id)
	}
	return accts, nil
}

// exportSkips notes each account an export left out, and why.
func (a *app) exportSkips(accts []vault.Account, rep export.Report) {
	for _, s := range rep.Skipped {
		a.note("cli.export.skipped", data{"Label": s.Label, "Reason": a.exportSkipReason(accts[s.Index], s.Err)})
	}
}

// exportSkipReason translates why an account was left out. The reasons of
// ErrUnsupported are told from the key itself.
func (a *app) exportSkipReason(acct vault.Account, err error) string {
	k := acct.OTP
	switch {
	case errors.Is(err, export.ErrNoOTP):
		return a.msg.T("cli.export.reason_no_otp")
	case errors.Is(err, export.ErrTooLarge):
		return a.msg.T("cli.export.reason_too_large")
	case errors.Is(err, export.ErrUnsupported) && k.Type == otp.Steam:
		return a.msg.T("cli.export.reason_steam")
	case errors.Is(err, export.ErrUnsupported) && k.Digits != 6 && k.Digits != 8:
		return a.msg.T("cli.export.reason_digits", data{"Digits": k.Digits})
	case errors.Is(err, export.ErrUnsupported) && k.Type == otp.TOTP:
		return a.msg.T("cli.export.reason_period", data{"Period": k.Period})
	case errors.Is(err, export.ErrUnsupported):
		return a.msg.T("cli.export.reason_counter")
	}
	if m, ok := usecase.OTPReason(err); ok {
		return a.msg.T("cli.export.reason_damaged", data{"Reason": m.Text(a.msg)})
	}
	return err.Error()
}

// nothingToExport is the error when no account could go out.
func (a *app) nothingToExport(rep export.Report) error {
	if len(rep.Skipped) == 0 {
		return failure("cli.error.export_empty", nil).withHint("cli.hint.add_first", nil)
	}
	return failure("cli.error.export_nothing", data{"Count": len(rep.Skipped)}).withHint("cli.hint.export_nothing", nil)
}

// qrError explains why a QR image could not be made of what label names.
func (a *app) qrError(err error, label string, size int) error {
	switch {
	case errors.Is(err, export.ErrBadOptions):
		return usageErr("cli.error.export_size_too_small", data{"Label": label, "Size": size}).
			withHint("cli.hint.export_size", nil).wrap(err)
	case errors.Is(err, export.ErrTooLarge):
		return failure("cli.error.export_too_large", data{"Label": label}).withHint("cli.hint.export_too_large", nil).wrap(err)
	}
	return err
}
