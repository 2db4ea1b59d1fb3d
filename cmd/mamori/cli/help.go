package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mamori-app/mamori/assets"
)

// Command-line help in the user's language. The English texts stay in the
// Go source, where each command is built; translateHelp replaces them, after
// the tree is built, with the catalogue's texts for the language when it has
// them, under keys named for the command's path:
//
//	help.mamori.vault.share-key.short       the command's Short
//	help.mamori.vault.share-key.long        its Long
//	help.mamori.vault.share-key.flag.force  the usage of its flag --force
//
// translations/en/help.json holds the same English as the source, because
// every language's file must hold the keys the others do; it is never read
// for the help itself. TestHelpEnglishFile keeps it equal to the source
// (go test -run TestHelpEnglishFile -update-help rewrites it), so that a
// changed English text shows which Japanese one to change. cobra's own texts, the headings of its usage template and the
// help command's and --help and --version flags' descriptions, are under
// help.cobra.*.

// helpKey is the catalogue key for part of cmd's help.
func helpKey(cmd *cobra.Command, part string) string {
	return "help." + strings.ReplaceAll(cmd.CommandPath(), " ", ".") + "." + part
}

// cobraHeadings maps the English lines of cobra's usage template to the
// catalogue keys that translate them.
var cobraHeadings = []struct{ english, key string }{
	{`Use "{{.CommandPath}} [command] --help" for more information about a command.`, "help.cobra.more"},
	{"Additional help topics:", "help.cobra.topics"},
	{"Available Commands:", "help.cobra.commands"},
	{"Additional Commands:", "help.cobra.more_commands"},
	{"Global Flags:", "help.cobra.global_flags"},
	{"Flags:", "help.cobra.flags"},
	{"Aliases:", "help.cobra.aliases"},
	{"Examples:", "help.cobra.examples"},
	{"Usage:", "help.cobra.usage"},
}

// translateHelp puts root's help, and every subcommand's, in the catalogue's
// language. In English it does nothing: the source's texts are English.
func (a *app) translateHelp(root *cobra.Command) {
	if a.msg.Lang() == assets.LangEnglish {
		return
	}
	// cobra adds the help command and the --help and --version flags when
	// it runs; add them now so that they are translated too.
	root.InitDefaultHelpCmd()
	root.InitDefaultVersionFlag()
	tmpl := root.UsageTemplate()
	for _, h := range cobraHeadings {
		if a.msg.Has(h.key) {
			// Flags: is also the end of "Global Flags:"; that one is
			// replaced first, and its translation has no "Flags:" in it.
			tmpl = strings.ReplaceAll(tmpl, h.english, a.msg.T(h.key))
		}
	}
	root.SetUsageTemplate(tmpl)
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		cmd.InitDefaultHelpFlag()
		a.translateCommand(cmd)
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// translateCommand replaces cmd's Short, Long and its own flags' usage with
// the catalogue's texts where it has them.
func (a *app) translateCommand(cmd *cobra.Command) {
	if k := helpKey(cmd, "short"); a.msg.Has(k) {
		cmd.Short = a.msg.T(k)
	}
	if k := helpKey(cmd, "long"); a.msg.Has(k) {
		cmd.Long = a.msg.T(k)
	}
	cmd.LocalFlags().VisitAll(func(f *pflag.Flag) {
		switch {
		case f.Name == "help" && len(f.Annotations[cobra.FlagSetByCobraAnnotation]) > 0:
			if a.msg.Has("help.cobra.flag.help") {
				f.Usage = a.msg.T("help.cobra.flag.help", data{"Name": cmd.DisplayName()})
			}
		case f.Name == "version" && cmd == cmd.Root() && len(f.Annotations[cobra.FlagSetByCobraAnnotation]) > 0:
			if a.msg.Has("help.cobra.flag.version") {
				f.Usage = a.msg.T("help.cobra.flag.version", data{"Name": cmd.DisplayName()})
			}
		default:
			if k := helpKey(cmd, "flag."+f.Name); a.msg.Has(k) {
				f.Usage = a.msg.T(k)
			}
		}
	})
}
