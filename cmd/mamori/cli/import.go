package cli

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"sort"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/vault"
)

// errNothingNew aborts an Update that would not change the vault.
var errNothingNew = errors.New("nothing new to save")

func (a *app) importCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE|-",
		Short: "Import accounts from a list of otpauth:// URIs",
		Long: `Import accounts from a text file ("-" reads standard input) holding one
otpauth:// URI a line. Blank lines and lines starting with "#" are ignored.

Import is all or nothing: if any line is not a valid URI, the error names
every bad line with the reason and nothing is imported. Accounts already in
the vault (same issuer, name and secret) are skipped and listed on stderr.
A file larger than 10 MiB, or one with no account in it, is an error.`,
		Args: exactArgs("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := a.readInput(args[0])
			if err != nil {
				return err
			}
			entries, bad := parseURIList(b)
			now := a.now()
			accts := make([]vault.Account, 0, len(entries))
			for _, e := range entries {
				acct, err := vault.NewAccount(e.Account.Issuer, e.Account.Name, e.Account.Key, now)
				if err != nil {
					bad = append(bad, lineError{e.Line, err})
					continue
				}
				accts = append(accts, acct)
			}
			if len(bad) > 0 {
				// NewAccount's complaints were found last: order by line.
				sort.SliceStable(bad, func(i, j int) bool { return bad[i].Line < bad[j].Line })
				ce := failure("cli.error.import_bad_lines", data{"Count": len(bad)}).
					withHint("cli.hint.import_bad_lines", nil).wrap(bad[0].Err)
				for _, l := range bad {
					ce.details = append(ce.details, a.msg.T("cli.error.import_line", data{"Line": l.Line, "Reason": a.msg.T(l.reasonKey())}))
				}
				return ce
			}
			if len(accts) == 0 {
				return failure("cli.error.no_accounts_found", data{"Source": a.displayName(args[0])}).
					withHint("cli.hint.import_format", nil)
			}
			store, err := a.openStore()
			if err != nil {
				return err
			}
			// Skip duplicates found in the vault as it is when the lock is
			// held; Update may call fn on a fresh copy, so start over each time.
			var dupLines []int
			var added int
			_, err = store.Update(func(v *vault.Vault) error {
				dupLines, added = dupLines[:0], 0
				for i, acct := range accts {
					if v.Add(acct) {
						added++
					} else {
						dupLines = append(dupLines, entries[i].Line)
					}
				}
				if added == 0 {
					return errNothingNew
				}
				return nil
			})
			if err != nil && !errors.Is(err, errNothingNew) {
				return err
			}
			for _, n := range dupLines {
				i := indexOfLine(entries, n)
				a.note("cli.note.duplicate_skipped", data{"Line": n, "Label": accts[i].Label()})
			}
			a.note("cli.note.imported", data{"Count": added, "Skipped": len(dupLines)})
			return nil
		},
	}
}

// indexOfLine finds the entry read from line n.
func indexOfLine(entries []listEntry, n int) int {
	for i, e := range entries {
		if e.Line == n {
			return i
		}
	}
	return -1
}

// displayName is how an input is named in messages.
func (a *app) displayName(path string) string {
	if path == "-" {
		return a.msg.T("cli.stdin")
	}
	return path
}

// readInput reads a file, or standard input for "-", up to maxImportSize.
func (a *app) readInput(path string) ([]byte, error) {
	var r io.Reader = a.env.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, failure("cli.error.file_not_found", data{"Path": path}).wrap(err)
			}
			return nil, failure("cli.error.read_file", data{"Path": path, "Detail": err.Error()}).wrap(err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			if st.IsDir() {
				return nil, failure("cli.error.is_directory", data{"Path": path})
			}
			if st.Mode().IsRegular() && st.Size() > maxImportSize {
				return nil, a.tooLarge(path)
			}
		}
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxImportSize+1))
	if err != nil {
		return nil, failure("cli.error.read_file", data{"Path": a.displayName(path), "Detail": err.Error()}).wrap(err)
	}
	if len(b) > maxImportSize {
		return nil, a.tooLarge(path)
	}
	return b, nil
}

func (a *app) tooLarge(path string) error {
	return failure("cli.error.file_too_large", data{"Path": a.displayName(path), "Limit": "10 MiB"}).
		withHint("cli.hint.import_format", nil)
}
