package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
)

func (a *app) gridCommand() *cobra.Command {
	return a.groupCommand("grid", "Answer, make and print grid cards (乱数表)",
		a.gridNewCommand(), a.gridSetCommand(), a.gridAnswerCommand(), a.gridShowCommand(), a.gridListCommand(),
		a.gridExposureCommand(), a.gridPrintCommand(), a.gridRmCommand())
}

// loadCard opens the vault and finds the grid card query names, for the
// commands that only read one card.
func (a *app) loadCard(query string) (*gridcard.Card, error) {
	v, err := a.load()
	if err != nil {
		return nil, err
	}
	return a.findCard(v, query)
}

// findCard finds the grid card query names (usecase.FindCard).
func (a *app) findCard(v *vault.Vault, query string) (*gridcard.Card, error) {
	return usecase.FindCard(v, query)
}

// cardNamed returns the card whose name is exactly name (folded), or nil.
func cardNamed(v *vault.Vault, name string) *gridcard.Card {
	for i := range v.GridCards {
		if foldName(v.GridCards[i].Name) == foldName(name) {
			return &v.GridCards[i]
		}
	}
	return nil
}

// profileFlags are the flags that choose or shape a card's profile.
type profileFlags struct {
	profile, alphabet                     string
	rowLabels, colLabels, order, caseRule string
	rows, cols, cell, asked               int
}

func (pf *profileFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&pf.profile, "profile", "", "a built-in profile: "+profileNames()+" (default "+gridcard.DefaultProfileName+")")
	f.IntVar(&pf.rows, "rows", 0, "rows on the card (changes the profile)")
	f.IntVar(&pf.cols, "cols", 0, "columns on the card (changes the profile)")
	f.IntVar(&pf.cell, "cell", 0, "characters in a cell (changes the profile)")
	f.StringVar(&pf.alphabet, "alphabet", "", "digits, alnum, alnum-case, upper, hex or custom:SYMBOLS (changes the profile)")
	f.IntVar(&pf.asked, "asked", 0, "cells a genuine challenge asks (changes the profile)")
	f.StringVar(&pf.rowLabels, "row-labels", "", "letters or numbers: how rows are labelled (changes the profile)")
	f.StringVar(&pf.colLabels, "col-labels", "", "letters or numbers: how columns are labelled (changes the profile)")
	f.StringVar(&pf.order, "order", "", "column-first (C3) or row-first (3C): which label a cell name gives first (changes the profile)")
	f.StringVar(&pf.caseRule, "case", "", "sensitive or insensitive: whether upper and lower case differ in cells (changes the profile)")
}

// schemeFlags sets the axis-label schemes, the order and the case rule of
// p from the flags given, and reports whether any was given.
func (pf *profileFlags) schemeFlags(cmd *cobra.Command, p *gridcard.Profile) (bool, error) {
	changed := false
	for _, f := range []struct {
		name, val string
		dst       *gridcard.LabelScheme
	}{{"row-labels", pf.rowLabels, &p.RowLabels}, {"col-labels", pf.colLabels, &p.ColLabels}} {
		if !cmd.Flags().Changed(f.name) {
			continue
		}
		switch s := gridcard.LabelScheme(strings.ToLower(strings.TrimSpace(f.val))); s {
		case gridcard.Letters, gridcard.Numbers:
			*f.dst, changed = s, true
		default:
			return changed, usageErr("cli.error.bad_label_scheme", data{"Flag": "--" + f.name})
		}
	}
	if cmd.Flags().Changed("order") {
		switch o := gridcard.Order(strings.ToLower(strings.TrimSpace(pf.order))); o {
		case gridcard.ColumnFirst, gridcard.RowFirst:
			p.Order, changed = o, true
		default:
			return changed, usageErr("cli.error.bad_order", nil)
		}
	}
	if cmd.Flags().Changed("case") {
		switch c := gridcard.CaseRule(strings.ToLower(strings.TrimSpace(pf.caseRule))); c {
		case gridcard.CaseSensitive, gridcard.CaseInsensitive:
			p.Case, changed = c, true
		default:
			return changed, usageErr("cli.error.bad_case", nil)
		}
	}
	return changed, nil
}

func profileNames() string {
	var names []string
	for _, p := range gridcard.Profiles() {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

// build returns the profile the flags describe, starting from base unless
// --profile names another.
func (pf *profileFlags) build(cmd *cobra.Command, base gridcard.Profile) (gridcard.Profile, error) {
	p := base
	if cmd.Flags().Changed("profile") {
		var err error
		if p, err = gridcard.ProfileByName(pf.profile); err != nil {
			return p, usageErr("cli.error.unknown_profile", data{"Name": pf.profile, "Known": profileNames()}).wrap(err)
		}
	}
	custom := false
	for _, f := range []struct {
		name string
		val  int
		dst  *int
	}{{"rows", pf.rows, &p.Rows}, {"cols", pf.cols, &p.Cols}, {"cell", pf.cell, &p.CellWidth}, {"asked", pf.asked, &p.Asked}} {
		if cmd.Flags().Changed(f.name) {
			*f.dst, custom = f.val, true
		}
	}
	if cmd.Flags().Changed("alphabet") {
		syms, rule, err := gridcard.ParseAlphabet(pf.alphabet)
		if err != nil {
			return p, usageErr("cli.error.unknown_alphabet", nil).wrap(err)
		}
		p.Alphabet, p.Case, custom = syms, rule, true
	}
	schemes, err := pf.schemeFlags(cmd, &p)
	if err != nil {
		return p, err
	}
	if schemes {
		custom = true
	}
	if custom {
		p.Name, p.Description = "", ""
		if !cmd.Flags().Changed("asked") && 2*p.Asked > p.Rows*p.Cols {
			p.Asked = max(1, p.Rows*p.Cols/2)
		}
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	return p, nil
}

// describeProfile says what a card looks like, in a few words.
func (a *app) describeProfile(p gridcard.Profile) string {
	name := p.Name
	if name == "" {
		name = a.msg.T("cli.grid.custom")
	}
	return a.msg.T("cli.grid.profile", data{
		"Name": name, "Rows": p.Rows, "Cols": p.Cols, "Cell": p.CellWidth, "Alphabet": a.text(usecase.AlphabetMessage(p)), "Asked": p.Asked,
	})
}

// entropyNote prints how hard one challenge of p is to guess.
func (a *app) entropyNote(p gridcard.Profile) {
	a.note("cli.note.grid_entropy", data{
		"Asked": p.Asked, "Bits": fmt.Sprintf("%.1f", gridcard.EntropyBits(p)), "SixDigit": fmt.Sprintf("%.1f", gridcard.SixDigitCodeBits),
	})
}

func (a *app) gridNewCommand() *cobra.Command {
	var pf profileFlags
	var label string
	var avoid, allowWeak bool
	cmd := &cobra.Command{
		Use:   "new NAME [--profile P] [--rows R --cols C --cell N --alphabet A --asked K] [--row-labels S --col-labels S --order O --case C] [--avoid-lookalikes] [--label TEXT]",
		Short: "Make a new grid card from secure random numbers",
		Long: `Make a new grid card called NAME, for your own use or a family's, with
every cell drawn from the operating system's secure random source.

The shape comes from a built-in profile (--profile; ` + profileNames() + `)
and may be changed with --rows, --cols, --cell (characters a cell), --alphabet
(digits, alnum, alnum-case, upper, hex or custom:SYMBOLS), --asked (cells a
challenge asks), --row-labels and --col-labels (letters or numbers; default:
columns lettered, rows numbered), --order (column-first: "C3", or row-first:
"3C"; it matters when both axes use the same labels) and --case (sensitive or
insensitive). --avoid-lookalikes leaves out characters easily misread on
paper (0/O/o, 1/I/l). --label is the title printed on the card.

How many bits of guessing one challenge carries is shown on stderr. A shape
whose challenge is easier to guess than a 6-digit code is refused unless
--allow-weak is given.`,
		Args: exactArgs("NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			base, _ := gridcard.ProfileByName(gridcard.DefaultProfileName)
			p, err := pf.build(cmd, base)
			if err != nil {
				return err
			}
			now := a.now()
			card, err := gridcard.Generate(p, nil, gridcard.GenerateOptions{AvoidLookAlikes: avoid, AllowWeak: allowWeak, Now: now})
			if err != nil {
				if errors.Is(err, gridcard.ErrWeakProfile) {
					eff := p
					if avoid {
						eff.Alphabet = gridcard.WithoutLookAlikes(p.Alphabet)
					}
					e := failure("cli.error.weak_profile", data{
						"Bits": fmt.Sprintf("%.1f", gridcard.EntropyBits(eff)), "SixDigit": fmt.Sprintf("%.1f", gridcard.SixDigitCodeBits),
					}).wrap(err)
					if w := gridcard.MinCellWidth(eff); w > 0 {
						return e.withHint("cli.hint.weak_profile_cell", data{"Cell": w})
					}
					return e.withHint("cli.hint.weak_profile", nil)
				}
				return failure("cli.error.generic", data{"Detail": err.Error()}).wrap(err)
			}
			card.Label = label
			ops, err := a.ops()
			if err != nil {
				return err
			}
			if card, err = ops.AddCard(name, card); err != nil {
				return err
			}
			name = card.Name
			a.note("cli.note.card_created", data{"Name": name, "Profile": a.describeProfile(card.Profile), "Serial": card.Serial})
			a.entropyNote(card.Profile)
			if !gridcard.MinEntropyOK(card.Profile) {
				a.warn("cli.warn.weak_card", nil)
			}
			a.note("cli.note.card_next", data{"Name": name})
			return nil
		},
	}
	pf.register(cmd)
	f := cmd.Flags()
	f.StringVar(&label, "label", "", "the title printed on the card")
	f.BoolVar(&avoid, "avoid-lookalikes", false, "leave out characters easily misread on paper (0/O/o, 1/I/l)")
	f.BoolVar(&allowWeak, "allow-weak", false, "make the card even if a challenge is easier to guess than a 6-digit code")
	return cmd
}

func (a *app) gridSetCommand() *cobra.Command {
	var pf profileFlags
	var label, serial string
	cmd := &cobra.Command{
		Use:   "set NAME [FILE|-] [--profile P] [--label TEXT] [--serial S]",
		Short: "Enter a grid card you hold, row by row",
		Long: `Enter the grid card NAME from paper: one row a line, cells separated by
spaces (tabs, "|", "," and full-width spaces work too). A first line of column
labels and a label at the start of each row are allowed and skipped; blank
lines and lines starting with "#" are ignored. Without FILE, or with "-", the
card is read from standard input.

The shape is checked against the profile (--profile and the shape flags of
"grid new"; default: the card's own profile when NAME exists, else
` + gridcard.DefaultProfileName + `), and a mistake is reported by line and
cell. The card as read is shown on stderr: compare it with the paper.

Entering a card that exists again replaces its cells but keeps its identity
and the log of challenges answered from it.`,
		Args: argRange(1, "NAME", "[FILE|-]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := strings.TrimSpace(args[0])
			v, err := a.load()
			if err != nil {
				return err
			}
			base, _ := gridcard.ProfileByName(gridcard.DefaultProfileName)
			if old := cardNamed(v, name); old != nil {
				base = old.Profile
			}
			p, err := pf.build(cmd, base)
			if err != nil {
				return err
			}
			src := "-"
			if len(args) == 2 {
				src = args[1]
			}
			if src == "-" && a.tty.IsTerminal() {
				a.note("cli.note.paste_card", data{"Rows": p.Rows, "Cols": p.Cols})
			}
			b, err := a.readInput(src, inputCard, maxTextInput)
			if err != nil {
				return err
			}
			parsed, err := usecase.ParseCard(p, string(b))
			if err != nil {
				return err
			}
			enter := usecase.EnterCard{Name: name, Cells: parsed}
			if cmd.Flags().Changed("label") {
				enter.Label = &label
			}
			if cmd.Flags().Changed("serial") {
				enter.Serial = &serial
			}
			ops, err := a.ops()
			if err != nil {
				return err
			}
			res, err := ops.EnterCard(enter)
			if err != nil {
				return err
			}
			saved, replaced := res.Card, res.Replaced
			a.note("cli.note.card_preview", nil)
			fmt.Fprint(a.env.Stderr, saved.FormatText())
			if replaced {
				a.note("cli.note.card_replaced", data{"Name": saved.Name, "Answered": len(saved.Exposure.Events)})
			} else {
				a.note("cli.note.card_entered", data{"Name": saved.Name, "Profile": a.describeProfile(saved.Profile)})
			}
			a.entropyNote(saved.Profile)
			return nil
		},
	}
	pf.register(cmd)
	cmd.Flags().StringVar(&label, "label", "", "the card's title, as printed on it")
	cmd.Flags().StringVar(&serial, "serial", "", "the serial number printed on the card")
	return cmd
}

func (a *app) gridAnswerCommand() *cobra.Command {
	var noRecord, allowRapid bool
	cmd := &cobra.Command{
		Use:   "answer NAME CHALLENGE...",
		Short: "Answer a challenge from a grid card",
		Long: `Print the answer to CHALLENGE from the grid card NAME: the contents of the
cells it names, in order and case kept, joined, and nothing else on stdout,
so that it can be piped to the clipboard. The cells one by one go to stderr.

CHALLENGE may be written as sites write it: "A1 C3 J5", "a1, c3, j5",
"[A1][C3][J5]", "A-1", "1A", full-width "Ａ１　Ｃ３", Japanese separators
("、", "・"); it may also be given as several arguments.

Every answered challenge is logged with the card (--no-record skips it), and
stderr says how much of the card has been revealed. A challenge that asks for
more cells than the card's genuine challenges, or most of the card, is
refused: this is how card-harvesting scams collect a card. So is a third
different challenge within 10 minutes; --allow-rapid answers it anyway, after
you have checked that the site is the real one.`,
		Args: minArgs("NAME", "CHALLENGE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			challenge := strings.Join(args[1:], " ")
			ops, err := a.ops()
			if err != nil {
				return err
			}
			ans, err := ops.AnswerChallenge(args[0], challenge, usecase.AnswerOptions{AllowRapid: allowRapid, NoRecord: noRecord})
			if err != nil {
				return err
			}
			card, rep := ans.Card, ans.Report
			parts := make([]string, len(ans.Names))
			for i := range ans.Names {
				parts[i] = ans.Names[i] + " = " + ans.Parts[i]
			}
			a.note("cli.note.answer_cells", data{"Name": card.Name, "Cells": strings.Join(parts, "   ")})
			if card.Profile.CaseSensitive() {
				a.note("cli.note.answer_case", nil)
			}
			if noRecord {
				a.note("cli.note.answer_not_recorded", nil)
			} else {
				a.note("cli.note.exposure", data{"Answered": rep.Answered, "Revealed": rep.Revealed, "Total": rep.Total, "Risk": usecase.Percent(rep.Risk)})
			}
			if rep.AdviseNewCard {
				a.warn("cli.warn.new_card", data{"Risk": usecase.Percent(rep.Risk)})
			}
			_, err = fmt.Fprintln(a.env.Stdout, ans.Joined)
			return err
		},
	}
	cmd.Flags().BoolVar(&noRecord, "no-record", false, "do not log this challenge in the card's exposure log")
	cmd.Flags().BoolVar(&allowRapid, "allow-rapid", false, "answer even after several different challenges in a few minutes")
	return cmd
}

func (a *app) gridShowCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "show NAME",
		Short: "Print a grid card's cells",
		Long: `Print the grid card NAME on stdout as text: a line of column labels, then
one row a line with its label, as "grid set" reads it back. This is the
secret in clear; its name, profile and exposure go to stderr.`,
		Args: exactArgs("NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := a.loadCard(args[0])
			if err != nil {
				return err
			}
			a.note("cli.note.card_header", data{"Name": c.Name, "Profile": a.describeProfile(c.Profile), "Serial": c.Serial})
			_, err = fmt.Fprint(a.env.Stdout, c.FormatText())
			return err
		},
	}
}

// gridJSON describes one card in "grid list --json": never its cells.
type gridJSON struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	Label         string    `json:"label,omitempty"`
	Serial        string    `json:"serial,omitempty"`
	Profile       string    `json:"profile"`
	Rows          int       `json:"rows"`
	Cols          int       `json:"cols"`
	CellWidth     int       `json:"cell_width"`
	Alphabet      string    `json:"alphabet"`
	CaseSensitive bool      `json:"case_sensitive"`
	Asked         int       `json:"asked"`
	EntropyBits   float64   `json:"entropy_bits"`
	Generated     bool      `json:"generated"`
	Created       time.Time `json:"created"`
	Answered      int       `json:"answered"`
	Revealed      int       `json:"revealed"`
	Total         int       `json:"total"`
	Risk          float64   `json:"risk"`
	AdviseNewCard bool      `json:"advise_new_card"`
}

func cardJSON(c gridcard.Card) gridJSON {
	p := c.Profile
	rep := c.Exposure.Report(p)
	name := p.Name
	if name == "" {
		name = "custom"
	}
	return gridJSON{
		ID: c.ID, Name: c.Name, Label: c.Label, Serial: c.Serial, Profile: name,
		Rows: p.Rows, Cols: p.Cols, CellWidth: p.CellWidth, Alphabet: p.AlphabetName(), CaseSensitive: p.CaseSensitive(),
		Asked: p.Asked, EntropyBits: gridcard.EntropyBits(p), Generated: c.Generated, Created: c.Created,
		Answered: rep.Answered, Revealed: rep.Revealed, Total: rep.Total, Risk: rep.Risk, AdviseNewCard: rep.AdviseNewCard,
	}
}

func (a *app) gridListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: "List the grid cards (never their cells)",
		Long: `List the grid cards: name, shape, and how exposed each is (challenges
answered, cells revealed, the chance that someone who saw them all answers the
next challenge). With --json, print one JSON array of objects with the fields
id, name, label, serial, profile, rows, cols, cell_width, alphabet,
case_sensitive, asked, entropy_bits, generated, created, answered, revealed,
total, risk and advise_new_card. Cells are never listed.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := a.load()
			if err != nil {
				return err
			}
			out := make([]gridJSON, 0, len(v.GridCards))
			for _, c := range v.GridCards {
				out = append(out, cardJSON(c))
			}
			if asJSON {
				return a.printJSON(out)
			}
			if len(out) == 0 {
				a.note("cli.note.no_cards", nil)
				return nil
			}
			rows := [][]string{{a.msg.T("cli.grid.name"), a.msg.T("cli.grid.shape"), a.msg.T("cli.grid.answered"), a.msg.T("cli.grid.revealed"), a.msg.T("cli.grid.risk")}}
			for i, j := range out {
				risk := usecase.Percent(j.Risk)
				if j.AdviseNewCard {
					risk += " " + a.msg.T("cli.grid.advise_new")
				}
				rows = append(rows, []string{j.Name, a.describeProfile(v.GridCards[i].Profile), strconv.Itoa(j.Answered),
					fmt.Sprintf("%d/%d", j.Revealed, j.Total), risk})
			}
			return writeTable(a.env.Stdout, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON array")
	return cmd
}

// exposureJSON is "grid exposure --json".
type exposureJSON struct {
	Name          string   `json:"name"`
	Answered      int      `json:"answered"`
	Revealed      int      `json:"revealed"`
	Total         int      `json:"total"`
	Risk          float64  `json:"risk"`
	AdviseNewCard bool     `json:"advise_new_card"`
	AdviseAbove   float64  `json:"advise_above"`
	RevealedCells []string `json:"revealed_cells"`
	Events        []struct {
		At    time.Time `json:"at"`
		Cells []string  `json:"cells"`
		By    string    `json:"by,omitempty"`
	} `json:"events"`
}

func (a *app) gridExposureCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "exposure NAME [--json]",
		Short: "Show how much of a grid card has been revealed",
		Long: `Show the exposure of the grid card NAME: how many challenges were answered
from it, which cells they revealed, and the chance that someone who watched
all those logins could answer the next challenge. Above 1% Mamori advises a
new card. With --json, print one JSON object with the fields name, answered,
revealed, total, risk, advise_new_card, advise_above, revealed_cells and
events (at, cells).`,
		Args: exactArgs("NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := a.loadCard(args[0])
			if err != nil {
				return err
			}
			p := c.Profile
			rep := c.Exposure.Report(p)
			out := exposureJSON{Name: c.Name, Answered: rep.Answered, Revealed: rep.Revealed, Total: rep.Total, Risk: rep.Risk,
				AdviseNewCard: rep.AdviseNewCard, AdviseAbove: gridcard.AdviseNewCardRisk, RevealedCells: []string{}}
			for _, cell := range c.Exposure.RevealedCells() {
				out.RevealedCells = append(out.RevealedCells, p.CellName(cell))
			}
			out.Events = make([]struct {
				At    time.Time `json:"at"`
				Cells []string  `json:"cells"`
				By    string    `json:"by,omitempty"`
			}, len(c.Exposure.Events))
			for i, ev := range c.Exposure.Events {
				out.Events[i].At, out.Events[i].By = ev.At, ev.By
				for _, cell := range ev.Cells {
					out.Events[i].Cells = append(out.Events[i].Cells, p.CellName(cell))
				}
			}
			if asJSON {
				return a.printJSON(out)
			}
			rows := [][]string{
				{a.msg.T("cli.grid.answered"), strconv.Itoa(rep.Answered)},
				{a.msg.T("cli.grid.revealed"), fmt.Sprintf("%d/%d", rep.Revealed, rep.Total)},
				{a.msg.T("cli.grid.risk"), usecase.Percent(rep.Risk)},
			}
			if len(out.RevealedCells) > 0 {
				rows = append(rows, []string{a.msg.T("cli.grid.revealed_cells"), strings.Join(out.RevealedCells, " ")})
			}
			if len(out.Events) > 0 {
				last := out.Events[len(out.Events)-1]
				rows = append(rows, []string{a.msg.T("cli.grid.last_answer"), when(last.At) + "  " + strings.Join(last.Cells, " ")})
			}
			a.note("cli.note.card_header", data{"Name": c.Name, "Profile": a.describeProfile(p), "Serial": c.Serial})
			if err := writeTable(a.env.Stdout, rows); err != nil {
				return err
			}
			if rep.AdviseNewCard {
				a.warn("cli.warn.new_card", data{"Risk": usecase.Percent(rep.Risk)})
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return cmd
}

func (a *app) gridRmCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "rm NAME",
		Short: "Remove a grid card",
		Long:  `Remove the grid card NAME and its exposure log from the vault.`,
		Args:  exactArgs("NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ops, err := a.ops()
			if err != nil {
				return err
			}
			gone, err := ops.DeleteCard(args[0])
			if err != nil {
				return err
			}
			name := gone.Name
			a.note("cli.note.card_removed", data{"Name": name})
			return nil
		},
	}
}
