package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/vault/trouble"
)

// This file is "mamori check-input": what the eye misses in an ID or
// password (trouble.CheckInput).

// maxCheckInput caps what "check-input -" reads: far more than any ID or
// password.
const maxCheckInput = 64 << 10

// checkFindingJSON is one finding of "check-input --json".
type checkFindingJSON struct {
	trouble.Finding
	Message string `json:"message"`
}

// checkInputJSON is "check-input --json".
type checkInputJSON struct {
	Length     int                `json:"length"`
	Suspicious bool               `json:"suspicious"`
	Findings   []checkFindingJSON `json:"findings"`
}

func (a *app) checkInputCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check-input TEXT|- [--json]",
		Short: "Find hidden spaces, full-width and look-alike characters in an ID or password",
		Long: `Check TEXT, an ID or password as you type or paste it, for what the eye
misses: spaces at either end or inside (also the wide Japanese space U+3000
and the no-break space), invisible characters (zero-width space, joiners,
byte-order mark), control characters, full-width letters and digits (Ａ, １),
half-width katakana, letters of other scripts that look Latin (Cyrillic а
for a), dashes and kana that look alike (ー and -, ロ and 口, カ and 力, へ
and ヘ), and other characters outside half-width ASCII. It also notes 0/O and
1/l/I, mixed case and all capitals.

With "-", the text is read from standard input, so that a password need not
be on the command line (where the shell's history would keep it): typed
without echo at a terminal, or piped (one trailing line break is dropped).
The text is never printed back: only positions, the suspicious characters
themselves and their Unicode names. It is not stored.

Exit status: 0 when nothing suspicious was found (notes do not count), 1
when something was. With --json, print one JSON object with the fields
length (in characters), suspicious and findings (code, level, positions,
char, codepoint, name, looks_like, message).`,
		Args: exactArgs("TEXT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			text := args[0]
			if text == "-" {
				var err error
				if text, err = a.readSecretText(); err != nil {
					return err
				}
			}
			findings := trouble.CheckInput(text)
			out := checkInputJSON{Length: len([]rune(text)), Suspicious: trouble.Suspicious(findings), Findings: []checkFindingJSON{}}
			for _, f := range findings {
				m, err := trouble.Describe(f, a.msg.Lang())
				if err != nil {
					return guideError(err)
				}
				out.Findings = append(out.Findings, checkFindingJSON{Finding: f, Message: m})
			}
			if asJSON {
				if err := a.printJSON(out); err != nil {
					return err
				}
			} else if err := a.printFindings(out); err != nil {
				return err
			}
			if out.Suspicious {
				n := 0
				for _, f := range findings {
					if f.Level == trouble.Warning {
						n++
					}
				}
				return failure("cli.error.input_suspicious", data{"Count": n}).withHint("cli.hint.input_suspicious", nil)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return cmd
}

// readSecretText reads the text for "check-input -": without echo from a
// terminal, else all of standard input less one trailing line break.
func (a *app) readSecretText() (string, error) {
	if a.tty.IsTerminal() {
		s, err := a.prompt("cli.prompt.check_input")
		if err != nil {
			return "", failure("cli.error.read_stdin", data{"Detail": err.Error()}).wrap(err)
		}
		return s, nil
	}
	b, err := io.ReadAll(io.LimitReader(a.env.Stdin, maxCheckInput+1))
	if err != nil {
		return "", failure("cli.error.read_stdin", data{"Detail": err.Error()}).wrap(err)
	}
	if len(b) > maxCheckInput {
		return "", failure("cli.error.file_too_large", data{"Path": a.displayName("-"), "Limit": sizeText(maxCheckInput), "What": a.msg.T("cli.input.text")})
	}
	s := string(b)
	if t, ok := strings.CutSuffix(s, "\n"); ok {
		s = strings.TrimSuffix(t, "\r")
	}
	return s, nil
}

// printFindings writes check-input's findings for a person: warnings, then
// notes.
func (a *app) printFindings(out checkInputJSON) error {
	var b strings.Builder
	var warnings, notes []string
	for _, f := range out.Findings {
		if f.Level == trouble.Warning {
			warnings = append(warnings, f.Message)
		} else {
			notes = append(notes, f.Message)
		}
	}
	switch {
	case len(warnings) > 0:
		b.WriteString(a.msg.T("cli.check.found", data{"Count": len(warnings), "Length": out.Length}) + "\n")
	default:
		b.WriteString(a.msg.T("cli.check.clean", data{"Length": out.Length}) + "\n")
	}
	for _, m := range warnings {
		b.WriteString("  - " + m + "\n")
	}
	for _, m := range notes {
		b.WriteString("  · " + m + "\n")
	}
	_, err := io.WriteString(a.env.Stdout, b.String())
	return err
}
