package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// maxTextInput caps what commands read for a pasted sheet of backup codes
// or a grid card: far more than any real one, small enough that a wrong
// file (a disk image, /dev/zero) fails fast.
const maxTextInput = 10 << 20

// Translation keys naming what a command reads, for the message about a
// file that is too large.
const (
	inputExport     = "cli.input.export"
	inputSheet      = "cli.input.sheet"
	inputCard       = "cli.input.card"
	inputKit        = "cli.input.kit"
	inputKitPage    = "cli.input.kit_page"
	inputRecipients = "cli.input.recipients"
	inputIdentity   = "cli.input.identity"
)

// displayName is how an input is named in messages.
func (a *app) displayName(path string) string {
	if path == "-" {
		return a.msg.T("cli.stdin")
	}
	return path
}

// readInput reads a file, or standard input for "-", up to limit bytes.
// what is the translation key of what the file should hold ("a sheet of
// backup codes"), named when the file is too large.
func (a *app) readInput(path, what string, limit int) ([]byte, error) {
	var r io.Reader = a.env.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, failure("cli.error.file_not_found", data{"Path": path}).wrap(err)
			}
			if errors.Is(err, fs.ErrPermission) {
				return nil, failure("cli.error.file_permission", data{"Path": path}).wrap(err)
			}
			return nil, failure("cli.error.read_file", data{"Path": path, "Detail": err.Error()}).wrap(err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			if st.IsDir() {
				return nil, failure("cli.error.is_directory", data{"Path": path})
			}
			if st.Mode().IsRegular() && st.Size() > int64(limit) {
				return nil, a.tooLarge(path, what, limit)
			}
		}
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, failure("cli.error.read_file", data{"Path": a.displayName(path), "Detail": err.Error()}).wrap(err)
	}
	if len(b) > limit {
		return nil, a.tooLarge(path, what, limit)
	}
	return b, nil
}

func (a *app) tooLarge(path, what string, limit int) error {
	return failure("cli.error.file_too_large", data{"Path": a.displayName(path), "Limit": sizeText(limit), "What": a.msg.T(what)}).
		withHint("cli.hint.check_file", nil)
}

// sizeText formats a size limit: "10 MiB", "512 KiB".
func sizeText(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
