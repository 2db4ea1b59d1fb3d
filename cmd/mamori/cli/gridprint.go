package cli

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/gridcard/cardprint"
	"github.com/mamori-app/mamori/vault/private"
)

func (a *app) gridPrintCommand() *cobra.Command {
	var out, label, layout, lang string
	var copies int
	var dpi float64
	var force bool
	cmd := &cobra.Command{
		Use:   "print NAME --out FILE.pdf|FILE.png [--layout wallet|a4] [--copies N] [--label TEXT] [--lang ja|en]",
		Short: "Print a grid card to a PDF or PNG file",
		Long: `Write the grid card NAME to FILE, a PDF (real text, so it can be searched
and read aloud) or a PNG image, chosen by the file's extension. The card shows
its label, serial, print date and large axis labels, with cut marks.

--layout wallet (the default for one copy) is one card of bank-card size;
--layout a4 puts --copies cards on A4 pages, for a family. --copies N above 1
without --layout prints on A4. --label replaces the card's own
label; --lang is the language of the printed texts (default: the language of
the messages). --dpi sets a PNG's resolution (default 300).

The file, and the paper, are copies of the secret: print it, then delete the
file, and keep the paper like cash. An existing FILE is not overwritten
unless --force is given.`,
		Args: exactArgs("NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("out") || strings.TrimSpace(out) == "" {
				return usageErr("cli.error.print_needs_out", nil)
			}
			ext := strings.ToLower(filepath.Ext(out))
			if ext != ".pdf" && ext != ".png" {
				return usageErr("cli.error.print_format", nil)
			}
			var lay cardprint.Layout
			if !cmd.Flags().Changed("layout") && copies > 1 {
				// Several copies do not fit a wallet card: without a
				// layout asked for, they go on A4 sheets.
				layout = "a4"
			}
			switch strings.ToLower(layout) {
			case "", "wallet":
				lay = cardprint.Wallet
			case "a4":
				lay = cardprint.A4
			default:
				return usageErr("cli.error.bad_layout", nil)
			}
			if cmd.Flags().Changed("copies") {
				if lay != cardprint.A4 && copies != 1 {
					return usageErr("cli.error.copies_need_sheet_layout", nil)
				}
				if copies < 1 || copies > cardprint.MaxCopies {
					return usageErr("cli.error.bad_copies", data{"Max": cardprint.MaxCopies})
				}
			}
			if !cmd.Flags().Changed("lang") {
				lang = a.msg.Lang()
			}
			lang = strings.ToLower(strings.TrimSpace(lang))
			if lang != assets.LangJapanese && lang != assets.LangEnglish {
				return usageErr("cli.error.bad_lang", nil)
			}
			if cmd.Flags().Changed("dpi") && (dpi < 72 || dpi > 1200) {
				return usageErr("cli.error.bad_dpi", nil)
			}
			if !force {
				if _, err := os.Stat(out); err == nil {
					return failure("cli.error.out_exists", data{"Path": out}).withHint("cli.hint.out_exists", nil)
				}
			}
			c, err := a.loadCard(args[0])
			if err != nil {
				return err
			}
			opt := cardprint.Options{
				Layout: lay, Copies: copies, Label: strings.TrimSpace(label), Lang: lang,
				Date: a.now(), Fonts: cardprint.Fonts{Regular: assets.FontRegular}, DPI: dpi,
			}
			var buf bytes.Buffer
			if ext == ".pdf" {
				err = cardprint.PDF(&buf, *c, opt)
			} else {
				err = cardprint.PNG(&buf, *c, opt)
			}
			if err != nil {
				return a.printError(err)
			}
			if err := writeSecretFile(out, buf.Bytes(), force); err != nil {
				return a.writeError(out, err)
			}
			a.note("cli.note.printed", data{"Name": c.Name, "Path": out})
			a.warn("cli.warn.paper_secret", data{"Path": out})
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "out", "o", "", "the file to write: .pdf or .png")
	f.StringVar(&layout, "layout", "wallet", "wallet (one bank-card-sized card) or a4 (several)")
	f.IntVar(&copies, "copies", 1, "cards to print (more than 1 prints on A4 unless --layout is given)")
	f.StringVar(&label, "label", "", "the title printed on the card (default: the card's label or name)")
	f.StringVar(&lang, "lang", "", "ja or en: the language of the printed texts")
	f.Float64Var(&dpi, "dpi", 300, "the resolution of a PNG")
	f.BoolVar(&force, "force", false, "overwrite FILE if it exists")
	return cmd
}

// printError explains why a card could not be printed.
func (a *app) printError(err error) error {
	switch {
	case errors.Is(err, cardprint.ErrDoesNotFit):
		return failure("cli.error.print_does_not_fit", nil).withHint("cli.hint.print_larger_layout", nil).wrap(err)
	case errors.Is(err, cardprint.ErrBadOptions):
		return usageErr("cli.error.print_options", data{"Detail": err.Error()}).wrap(err)
	case errors.Is(err, cardprint.ErrNoFont), errors.Is(err, cardprint.ErrBadFont):
		return failure("cli.error.print_font", data{"Detail": err.Error()}).wrap(err)
	}
	return failure("cli.error.generic", data{"Detail": err.Error()}).wrap(err)
}

// writeSecretFile writes b to path readable by the owner only, through a
// temporary file in the same directory renamed into place, so that a
// failure leaves no half-written copy of the secret behind.
func writeSecretFile(path string, b []byte, overwrite bool) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".mamori-print-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if err := private.Restrict(name); err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if !overwrite {
		// Link fails if path appeared meanwhile; rename would replace it.
		if err := os.Link(name, path); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return err
			}
			if err := os.Rename(name, path); err != nil {
				return err
			}
			ok = true
			return nil
		}
		os.Remove(name)
		ok = true
		return nil
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	ok = true
	return nil
}
