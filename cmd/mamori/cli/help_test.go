package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mamori-app/mamori/assets"
)

var updateHelp = flag.Bool("update-help", false, "rewrite assets/translations/en/help.json from the commands' English help")

// enHelpFile is the English help catalogue, relative to this package.
var enHelpFile = filepath.Join("..", "..", "..", "assets", "translations", "en", "help.json")

// helpCommand is one command of the tree, as its English source has it.
type helpCommand struct {
	args  []string          // the arguments that name it, without "mamori"
	short string            // its Short
	long  string            // its Long
	flags map[string]string // its own flags' usage, cobra's --help and --version left out
}

// englishHelp builds the command tree in English, as cobra completes it
// when it runs, and returns its commands and the English help catalogue
// that translations/en/help.json must hold.
func englishHelp(t *testing.T) ([]helpCommand, map[string]string) {
	t.Helper()
	a := &app{env: Env{Getenv: func(string) string { return "" }}, msg: assets.NewCatalog(assets.LangEnglish), tty: noTerminal{}}
	root := a.rootCommand()
	root.InitDefaultHelpCmd()
	root.InitDefaultVersionFlag()
	texts := map[string]string{
		"help.cobra.flag.help":    "help for {{.Name}}",
		"help.cobra.flag.version": "version for {{.Name}}",
	}
	for _, h := range cobraHeadings {
		texts[h.key] = h.english
	}
	var cmds []helpCommand
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		cmd.InitDefaultHelpFlag()
		c := helpCommand{args: strings.Fields(cmd.CommandPath())[1:], short: cmd.Short, long: cmd.Long, flags: map[string]string{}}
		texts[helpKey(cmd, "short")] = cmd.Short
		if cmd.Long != "" {
			texts[helpKey(cmd, "long")] = cmd.Long
		}
		cmd.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if len(f.Annotations[cobra.FlagSetByCobraAnnotation]) > 0 {
				return
			}
			c.flags[f.Name] = f.Usage
			texts[helpKey(cmd, "flag."+f.Name)] = f.Usage
		})
		cmds = append(cmds, c)
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if len(cmds) < 40 {
		t.Fatalf("found only %d commands; the walk is broken", len(cmds))
	}
	return cmds, texts
}

// TestHelpEnglishFile keeps translations/en/help.json equal to the English
// in the source. When a command's English help changes, rewrite the file
// with go test ./cmd/mamori/cli -run TestHelpEnglishFile -update-help, and
// change the Japanese in translations/ja/help.json to match.
func TestHelpEnglishFile(t *testing.T) {
	_, want := englishHelp(t)
	if *updateHelp {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(want); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(enHelpFile, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := os.ReadFile(enHelpFile)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]string
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%s: %v", enHelpFile, err)
	}
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if g, ok := got[k]; !ok {
			t.Errorf("en/help.json lacks %q (run with -update-help, then translate it in ja/help.json)", k)
		} else if g != want[k] {
			t.Errorf("en/help.json %q = %q, the source says %q (run with -update-help, then change ja/help.json)", k, g, want[k])
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("en/help.json has %q, which no command has (run with -update-help, and drop it from ja/help.json)", k)
		}
	}
}

// firstLine is the first line of s without pflag's backquotes (which mark
// the name of a flag's value and are not printed).
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(strings.ReplaceAll(s, "`", ""))
}

// TestHelpJapanese runs every command's --help under a Japanese locale and
// fails on any English left: a command's Short or Long, a flag's usage, or
// cobra's headings.
func TestHelpJapanese(t *testing.T) {
	cmds, _ := englishHelp(t)
	ja, err := assets.LoadCatalog(assets.LangJapanese)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t)
	h.env["LANG"] = "ja_JP.UTF-8"
	for _, c := range cmds {
		name := strings.Join(append([]string{"mamori"}, c.args...), " ")
		r := h.run("", append(append([]string{}, c.args...), "--help")...)
		if r.code != 0 {
			t.Errorf("%s --help: exit %d, stderr %q", name, r.code, r.stderr)
			continue
		}
		out := r.stdout
		var english []string
		if strings.Contains(out, firstLine(c.short)) {
			english = append(english, "Short "+firstLine(c.short))
		}
		if c.long != "" && strings.Contains(out, firstLine(c.long)) {
			english = append(english, "Long "+firstLine(c.long))
		}
		for f, usage := range c.flags {
			if strings.Contains(out, firstLine(usage)) {
				english = append(english, "--"+f+" "+firstLine(usage))
			}
		}
		for _, heading := range []string{"Usage:", "Flags:", "Available Commands:", "help for ", "for more information"} {
			if strings.Contains(out, heading) {
				english = append(english, "cobra's "+heading)
			}
		}
		// Every subcommand's Short in the list of commands, too.
		for _, sub := range cmds {
			if len(sub.args) == len(c.args)+1 && slices.Equal(sub.args[:len(c.args)], c.args) &&
				strings.Contains(out, firstLine(sub.short)) {
				english = append(english, "listed "+sub.args[len(sub.args)-1]+" "+firstLine(sub.short))
			}
		}
		if len(english) > 0 {
			t.Errorf("%s --help under LANG=ja_JP.UTF-8 is still English in:\n  %s", name, strings.Join(english, "\n  "))
		}
		if !ja.Has("help." + strings.ReplaceAll(name, " ", ".") + ".short") {
			t.Errorf("ja/help.json lacks help.%s.short", strings.ReplaceAll(name, " ", "."))
		}
	}
}

// TestHelpEnglish checks that under LANG=C every command's help is the
// English of the source, with cobra's own headings.
func TestHelpEnglish(t *testing.T) {
	cmds, _ := englishHelp(t)
	h := newHarness(t)
	for _, c := range cmds {
		name := strings.Join(append([]string{"mamori"}, c.args...), " ")
		r := h.run("", append(append([]string{}, c.args...), "--help")...)
		if r.code != 0 {
			t.Errorf("%s --help: exit %d, stderr %q", name, r.code, r.stderr)
			continue
		}
		want := []string{"Usage:", "help for "}
		if c.long != "" {
			want = append(want, strings.TrimSpace(c.long))
		} else {
			want = append(want, c.short)
		}
		for _, usage := range c.flags {
			want = append(want, firstLine(usage))
		}
		for _, w := range want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%s --help under LANG=C lacks %q:\n%s", name, w, r.stdout)
			}
		}
	}
}
