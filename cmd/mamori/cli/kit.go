package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/kit"
	"github.com/mamori-app/mamori/vault/kit/paper"
)

// Limits on what the kit commands read: a kit (kit.Open's own bound), and
// the small key files beside it.
const (
	maxKitInput  = 256 << 20
	maxKeyInput  = 1 << 20
	maxPageInput = 64 << 20
)

func (a *app) kitCommand() *cobra.Command {
	return a.groupCommand("kit", "Export everything to an encrypted recovery kit, or restore from one",
		a.kitExportCommand(), a.kitImportCommand())
}

// recipientSpec is one recipient as given, and where it was given, for messages.
type recipientSpec struct {
	text  string
	where string
	file  bool
}

func (a *app) kitExportCommand() *cobra.Command {
	var out, recipientsFile string
	var recipients, accounts, grids []string
	var armor, force, generate, paperKit bool
	cmd := &cobra.Command{
		Use:   "export --out FILE [--recipient AGE_RECIPIENT]... [--recipients-file F] [--armor | --paper] [--account QUERY]... [--grid NAME]...",
		Short: "Write everything, or a chosen part, to an encrypted recovery kit",
		Long: `Write a recovery kit to FILE: every account with its authenticator secret,
backup codes (and which were used), phone numbers and their changes, devices,
recovery details and grid cards, encrypted with age. The kit outlives
Mamori: "age -d" opens it, and inside is a documented, versioned JSON
document a person can read. "mamori kit import" restores it.

The kit is encrypted to each --recipient: an age public key ("age1…", as
age-keygen prints it) or, for compatibility, an SSH public key
("ssh-ed25519 …", "ssh-rsa …"). --recipients-file F reads more, one a line
("#" starts a comment), as age -R does. Any one of their private keys opens it.

Without a recipient the kit is protected by a passphrase (age's scrypt):
MAMORI_KIT_PASSPHRASE, or typed twice at the terminal. --generate-passphrase
makes one of 10 random words, as the app does, and prints it on stderr:
write it down, since Mamori does not keep it and without it the kit cannot
be opened.

--account QUERY (repeatable) limits the kit to those accounts (with the
devices they are bound to and the phone-number and device changes that
concern them), and --grid NAME to those grid cards; with either, nothing
else goes in. --armor writes
PEM text ("-----BEGIN AGE ENCRYPTED FILE-----") instead of binary, for
printing or pasting. --paper writes a PDF to print instead: the armored kit
as numbered QR codes, the same text for typing with a checksum on each line,
and instructions in Japanese and English; the passphrase is never printed on
it. "mamori kit import" reads it back from photos or scans of its pages.
FILE is written readable by you only, and an existing FILE is not
overwritten unless --force is given.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("out") || strings.TrimSpace(out) == "" {
				return usageErr("cli.error.kit_needs_out", nil)
			}
			if generate && (len(recipients) > 0 || recipientsFile != "") {
				return usageErr("cli.error.flags_exclusive", data{"A": "--generate-passphrase", "B": "--recipient"})
			}
			var specs []recipientSpec
			for i, r := range recipients {
				specs = append(specs, recipientSpec{text: r, where: a.msg.T("cli.kit.recipient_flag", data{"N": i + 1})})
			}
			if recipientsFile != "" {
				more, err := a.readRecipientsFile(recipientsFile)
				if err != nil {
					return err
				}
				specs = append(specs, more...)
			}
			rs, err := a.parseRecipients(specs)
			if err != nil {
				return err
			}
			if !force {
				if _, err := os.Stat(out); err == nil {
					return failure("cli.error.out_exists", data{"Path": out}).withHint("cli.hint.out_exists", nil)
				}
			}
			v, err := a.load()
			if err != nil {
				return err
			}
			if len(v.Accounts) == 0 && len(v.GridCards) == 0 {
				return failure("cli.error.kit_empty", data{"Dir": a.dir}).withHint("cli.hint.add_first", nil)
			}
			opts := kit.ExportOptions{Recipients: rs, ScryptWorkFactor: a.env.scryptWorkFactor, Armor: armor || paperKit, Now: a.now()}
			for _, q := range accounts {
				acct, err := a.findAccount(v, q)
				if err != nil {
					return err
				}
				opts.AccountIDs = appendNew(opts.AccountIDs, acct.ID)
			}
			for _, q := range grids {
				c, err := a.findCard(v, q)
				if err != nil {
					return err
				}
				opts.GridCardIDs = appendNew(opts.GridCardIDs, c.ID)
			}
			generated := false
			if len(rs) == 0 {
				if opts.Passphrase, generated, err = a.kitNewPassphrase(generate); err != nil {
					return err
				}
			}
			var buf bytes.Buffer
			if err := kit.Export(&buf, v, opts); err != nil {
				return failure("cli.error.kit_export", data{"Detail": err.Error()}).wrap(err)
			}
			paperCodes := 0
			if paperKit {
				armored := buf.Bytes()
				var pdf bytes.Buffer
				if err := paper.PDF(&pdf, armored, paper.Options{Lang: a.msg.Lang(), Date: a.now(), Fonts: paper.Fonts{Regular: assets.FontRegular}}); err != nil {
					return failure("cli.error.kit_export", data{"Detail": err.Error()}).wrap(err)
				}
				buf = pdf
				paperCodes = len(paper.Chunks(armored))
			}
			if err := writeSecretFile(out, buf.Bytes(), force); err != nil {
				return a.writeError(out, err)
			}
			if len(rs) > 0 {
				a.note("cli.note.kit_written_recipients", data{"Path": out, "Count": len(rs)})
			} else {
				a.note("cli.note.kit_written_passphrase", data{"Path": out})
			}
			if paperKit {
				a.note("cli.note.kit_paper", data{"Path": out, "Codes": paperCodes})
			}
			c := countKit(v, opts)
			c["Holder"] = a.msg.T("cli.kit.holder_key")
			if len(rs) == 0 {
				c["Holder"] = a.msg.T("cli.kit.holder_passphrase")
			}
			a.warn("cli.warn.kit_contents", c)
			if generated {
				a.note("cli.note.kit_generated_passphrase", nil)
				fmt.Fprintf(a.env.Stderr, "\n    %s\n\n", opts.Passphrase)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "out", "o", "", "the file to write the kit to")
	f.StringArrayVarP(&recipients, "recipient", "r", nil, "an age (age1…) or SSH public key to encrypt to (repeatable)")
	f.StringVarP(&recipientsFile, "recipients-file", "R", "", "a file of recipients, one a line")
	f.BoolVarP(&armor, "armor", "a", false, "write PEM text instead of binary")
	f.BoolVar(&paperKit, "paper", false, "write a PDF to print: QR codes, text for typing and instructions")
	f.StringArrayVar(&accounts, "account", nil, "put only this account in the kit (repeatable)")
	f.StringArrayVar(&grids, "grid", nil, "put only this grid card in the kit (repeatable)")
	f.BoolVar(&generate, "generate-passphrase", false, "protect the kit with a passphrase of 10 random words, printed on stderr")
	f.BoolVar(&force, "force", false, "overwrite FILE if it exists")
	return cmd
}

// appendNew appends s to list unless it is there already.
func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// readRecipientsFile reads recipients one a line, as age -R does: blank
// lines and lines starting with "#" are ignored.
func (a *app) readRecipientsFile(path string) ([]recipientSpec, error) {
	b, err := a.readInput(path, inputRecipients, maxKeyInput)
	if err != nil {
		return nil, err
	}
	var specs []recipientSpec
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), maxKeyInput)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		specs = append(specs, recipientSpec{text: line, where: a.msg.T("cli.kit.recipient_line", data{"Path": a.displayName(path), "Line": n}), file: true})
	}
	if err := sc.Err(); err != nil {
		return nil, failure("cli.error.read_file", data{"Path": a.displayName(path), "Detail": err.Error()}).wrap(err)
	}
	if len(specs) == 0 {
		return nil, failure("cli.error.no_recipients_in_file", data{"Path": a.displayName(path)}).withHint("cli.hint.recipient_format", nil)
	}
	return specs, nil
}

// parseRecipients reads the recipients one by one, to say which one is
// wrong. The value is never repeated: it may be a private key given by
// mistake.
func (a *app) parseRecipients(specs []recipientSpec) ([]age.Recipient, error) {
	var out []age.Recipient
	for _, s := range specs {
		mk := usageErr
		if s.file {
			mk = failure
		}
		t := strings.TrimSpace(s.text)
		if strings.HasPrefix(strings.ToUpper(t), "AGE-SECRET-KEY-") || strings.Contains(t, "PRIVATE KEY") {
			return nil, mk("cli.error.recipient_is_private", data{"Where": s.where}).withHint("cli.hint.recipient_public", nil)
		}
		r, err := kit.ParseRecipients([]string{t})
		if err != nil {
			return nil, mk("cli.error.bad_recipient", data{"Where": s.where}).withHint("cli.hint.recipient_format", nil).wrap(err)
		}
		out = append(out, r...)
	}
	return out, nil
}

// kitNewPassphrase gets the passphrase of a new kit: a generated one,
// MAMORI_KIT_PASSPHRASE, or typed twice at a terminal. A chosen one must
// pass the passphrase rule (passrule.go): a kit holds every secret, and
// anyone who has it may try passphrases offline.
func (a *app) kitNewPassphrase(generate bool) (pass string, generated bool, err error) {
	if generate {
		p, err := kit.GeneratePassphrase()
		return p, true, err
	}
	if p := a.env.Getenv(envKitPassphrase); p != "" {
		if e := a.checkEnvPassphrase(envKitPassphrase, p); e != nil {
			return "", false, e.withHint("cli.hint.weak_kit_passphrase", nil)
		}
		return p, false, nil
	}
	if !a.tty.IsTerminal() {
		return "", false, failure("cli.error.kit_passphrase_required", nil).withHint("cli.hint.kit_passphrase_env", nil)
	}
	a.note("cli.prompt.kit_choose", nil)
	for i := 0; i < maxAttempts; i++ {
		p1, err := a.prompt("cli.prompt.kit_new_passphrase")
		if err != nil {
			return "", false, failure("cli.error.read_password", data{"Detail": err.Error()}).wrap(err)
		}
		if p1 == "" {
			a.note("cli.prompt.empty_passphrase", nil)
			continue
		}
		if a.typedPassphraseRefused(p1) {
			continue
		}
		p2, err := a.prompt("cli.prompt.kit_repeat_passphrase")
		if err != nil {
			return "", false, failure("cli.error.read_password", data{"Detail": err.Error()}).wrap(err)
		}
		if p1 != p2 {
			a.note("cli.prompt.passphrases_differ", nil)
			continue
		}
		return p1, false, nil
	}
	return "", false, failure("cli.error.kit_passphrase_mismatch", nil).withHint("cli.hint.kit_generate", nil)
}

// countKit says what a kit made with opts from v holds, for the warning
// that whoever can open it can read it all.
func countKit(v *vault.Vault, opts kit.ExportOptions) data {
	accts := v.Accounts
	cards := len(v.GridCards)
	whole := opts.AccountIDs == nil && opts.GridCardIDs == nil
	if !whole {
		accts = nil
		for _, id := range opts.AccountIDs {
			if acct := v.Account(id); acct != nil {
				accts = append(accts, *acct)
			}
		}
		cards = len(opts.GridCardIDs)
	}
	secrets, codes, recovery := 0, 0, 0
	numbers := map[string]bool{}
	for _, acct := range accts {
		if acct.HasOTP() {
			secrets++
		}
		codes += acct.Backup.Remaining()
		if !acct.Recovery.IsZero() {
			recovery++
		}
		for _, b := range acct.Phones {
			numbers[string(b.Number)] = true
		}
	}
	return data{
		"Accounts": len(accts), "Secrets": secrets, "Codes": codes, "Cards": cards,
		"Phones": len(numbers), "Recovery": recovery,
	}
}

func (a *app) kitImportCommand() *cobra.Command {
	var identities []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "import FILE|- | PAGE_IMAGE... [--identity FILE]... [--json]",
		Short: "Restore a recovery kit into the vault, or merge it with what is there",
		Long: `Open the recovery kit FILE ("-" reads standard input), binary or armored, and
bring what it holds into the vault, creating the vault if there is none.
A paper kit ("kit export --paper") is read from PNG or JPEG images of its
printed pages, in any order: "mamori kit import page1.png page2.jpg …"; every
QR code is read, and a missing or misread code is named.

A kit encrypted to keys is opened with --identity FILE (repeatable): an age
identity file, as age-keygen writes it, or an unencrypted SSH private key. A
passphrase-protected kit asks for its passphrase, or reads
MAMORI_KIT_PASSPHRASE.

Nothing newer is ever overwritten: an account new to the vault is added (or
skipped, when the vault holds the same key under another entry); an account
in both is replaced only when the kit's copy changed later, and otherwise the
vault's copy is kept and reported as a conflict. Either way a backup code
used on either side stays used, and a HOTP counter never goes back. Grid
cards join their logs of answered challenges; phone and device changes keep
the accounts ticked off on either side.

A wrong key or passphrase, or a truncated or altered kit, is an error and
changes nothing. The report goes to stderr; with --json, print it as one JSON
object with the fields added, updated (labels), unchanged (a count),
duplicates, conflicts (labels), grid_cards_added, grid_cards_merged,
grid_card_conflicts, phone_changes_added, devices_added and
device_changes_added.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return exactArgs("FILE")(cmd, args)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			src := args[0]
			var ids []age.Identity
			for _, p := range identities {
				b, err := a.readInput(p, inputIdentity, maxKeyInput)
				if err != nil {
					return err
				}
				got, err := kit.ParseIdentities(b)
				if err != nil {
					// The parser's message may quote the file: not repeated.
					return failure("cli.error.bad_identity", data{"Path": a.displayName(p)}).withHint("cli.hint.identity_format", nil).wrap(err)
				}
				ids = append(ids, got...)
			}
			var b []byte
			var err error
			if len(args) > 1 {
				b, err = a.readPaperKit(args)
			} else {
				b, err = a.readInput(src, inputKit, maxKitInput)
				if err == nil && isImage(b) {
					b, err = a.paperKitFromImages([]string{src}, [][]byte{b})
				}
			}
			if err != nil {
				return err
			}
			k, err := a.openKit(b, ids, src)
			if err != nil {
				return err
			}
			svc, err := a.service()
			if err != nil {
				return err
			}
			r, err := svc.ImportKit(k.Vault)
			if err != nil {
				return err
			}
			rep := r.Report
			if asJSON {
				return a.printJSON(rep)
			}
			a.kitReport(k, rep, src)
			return nil
		},
	}
	cmd.Flags().StringArrayVarP(&identities, "identity", "i", nil, "an age identity file or SSH private key that opens the kit (repeatable)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as one JSON object")
	return cmd
}

// openKit decrypts a kit, asking for its passphrase when it has one:
// MAMORI_KIT_PASSPHRASE, tried once, or up to maxAttempts tries at a terminal.
func (a *app) openKit(b []byte, ids []age.Identity, src string) (*kit.Kit, error) {
	envPass := a.env.Getenv(envKitPassphrase)
	for attempt := 1; ; attempt++ {
		prompted := false
		k, err := kit.Open(bytes.NewReader(b), kit.OpenOptions{
			Identities: ids,
			Passphrase: func() (string, error) {
				if envPass != "" {
					return envPass, nil
				}
				if !a.tty.IsTerminal() {
					return "", failure("cli.error.kit_needs_passphrase", data{"Source": a.displayName(src)}).
						withHint("cli.hint.kit_passphrase_env_import", nil).wrap(kit.ErrNeedPassphrase)
				}
				prompted = true
				p, err := a.prompt("cli.prompt.kit_passphrase")
				if err != nil {
					return "", failure("cli.error.read_password", data{"Detail": err.Error()}).wrap(err)
				}
				if p == "" {
					return "", failure("cli.error.no_passphrase_typed", nil).wrap(kit.ErrNeedPassphrase)
				}
				return p, nil
			},
		})
		if errors.Is(err, kit.ErrWrongPassphrase) && prompted && attempt < maxAttempts {
			a.note("cli.prompt.kit_wrong_passphrase", nil)
			continue
		}
		if err != nil {
			return nil, a.kitOpenError(err, src, len(ids))
		}
		return k, nil
	}
}

// kitOpenError explains why a kit did not open. Nothing was changed.
func (a *app) kitOpenError(err error, src string, identities int) error {
	var ce *cliError
	if errors.As(err, &ce) {
		return ce
	}
	d := data{"Source": a.displayName(src), "Count": identities}
	if se := a.storeError(err); se != nil {
		return se
	}
	switch {
	case errors.Is(err, kit.ErrWrongKey):
		return failure("cli.error.kit_wrong_key", d).withHint("cli.hint.kit_identity", nil).wrap(err)
	case errors.Is(err, kit.ErrNeedIdentity):
		return failure("cli.error.kit_needs_identity", d).withHint("cli.hint.kit_identity", nil).wrap(err)
	case errors.Is(err, kit.ErrWrongPassphrase):
		e := failure("cli.error.kit_wrong_passphrase", d).wrap(err)
		if a.env.Getenv(envKitPassphrase) != "" {
			return e.withHint("cli.hint.check_kit_passphrase_env", nil)
		}
		return e.withHint("cli.hint.try_again", nil)
	case errors.Is(err, kit.ErrNeedPassphrase):
		return failure("cli.error.kit_needs_passphrase", d).withHint("cli.hint.kit_passphrase_env_import", nil).wrap(err)
	case errors.Is(err, kit.ErrDamaged):
		return failure("cli.error.kit_damaged", d).withHint("cli.hint.kit_damaged", nil).wrap(err)
	case errors.Is(err, kit.ErrNotKit):
		return failure("cli.error.kit_not_kit", d).withHint("cli.hint.kit_not_kit", nil).wrap(err)
	case errors.Is(err, kit.ErrNewerVersion):
		return failure("cli.error.kit_newer", d).withHint("cli.hint.kit_newer", nil).wrap(err)
	}
	return failure("cli.error.kit_open", data{"Source": a.displayName(src), "Detail": err.Error()}).wrap(err)
}

// kitReport tells a person what a kit import did.
func (a *app) kitReport(k *kit.Kit, rep kit.Report, src string) {
	sep := a.msg.T("cli.list_separator")
	a.note("cli.note.kit_opened", data{"Source": a.displayName(src), "Created": when(k.Created), "Accounts": len(k.Vault.Accounts), "Cards": len(k.Vault.GridCards)})
	if !rep.Changed() && len(rep.Conflicts) == 0 {
		a.note("cli.note.kit_nothing_new", data{"Unchanged": rep.Unchanged, "Duplicates": len(rep.Duplicates)})
	}
	if len(rep.Added) > 0 {
		a.note("cli.note.kit_added", data{"Count": len(rep.Added), "Labels": strings.Join(rep.Added, sep)})
	}
	if len(rep.Updated) > 0 {
		a.note("cli.note.kit_updated", data{"Count": len(rep.Updated), "Labels": strings.Join(rep.Updated, sep)})
	}
	if rep.Unchanged > 0 {
		a.note("cli.note.kit_unchanged", data{"Count": rep.Unchanged})
	}
	if len(rep.Duplicates) > 0 {
		a.note("cli.note.kit_duplicates", data{"Count": len(rep.Duplicates), "Labels": strings.Join(rep.Duplicates, sep)})
	}
	if len(rep.Conflicts) > 0 {
		a.warn("cli.warn.kit_conflicts", data{"Count": len(rep.Conflicts), "Labels": strings.Join(rep.Conflicts, sep)})
	}
	if rep.GridCardsAdded+rep.GridCardsMerged > 0 {
		a.note("cli.note.kit_cards", data{"Added": rep.GridCardsAdded, "Merged": rep.GridCardsMerged})
	}
	if len(rep.GridCardConflicts) > 0 {
		a.warn("cli.warn.kit_card_conflicts", data{"Count": len(rep.GridCardConflicts), "Names": strings.Join(rep.GridCardConflicts, sep)})
	}
	if rep.PhoneChanges+rep.Devices+rep.DeviceChanges > 0 {
		a.note("cli.note.kit_records", data{"PhoneChanges": rep.PhoneChanges, "Devices": rep.Devices, "DeviceChanges": rep.DeviceChanges})
	}
}

// isImage says whether b starts like a PNG or JPEG file.
func isImage(b []byte) bool {
	return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) || bytes.HasPrefix(b, []byte("\xff\xd8\xff"))
}

// readPaperKit reads images of the pages of a paper kit and returns the
// armored kit their QR codes hold.
func (a *app) readPaperKit(paths []string) ([]byte, error) {
	var images [][]byte
	for _, p := range paths {
		b, err := a.readInput(p, inputKitPage, maxPageInput)
		if err != nil {
			return nil, err
		}
		if !isImage(b) {
			return nil, failure("cli.error.kit_page_not_image", data{"Path": a.displayName(p)}).withHint("cli.hint.kit_pages", nil)
		}
		images = append(images, b)
	}
	return a.paperKitFromImages(paths, images)
}

// paperKitFromImages scans every QR code in the images and puts the
// paper kit back together.
func (a *app) paperKitFromImages(paths []string, images [][]byte) ([]byte, error) {
	var codes []string
	for i, b := range images {
		texts, err := importer.ScanQR(b)
		if err != nil {
			return nil, failure("cli.error.kit_page_unreadable", data{"Path": a.displayName(paths[i]), "Detail": a.pageReason(err)}).withHint("cli.hint.kit_page_rescan", nil).wrap(err)
		}
		codes = append(codes, texts...)
	}
	armored, err := paper.Assemble(codes)
	var missing *paper.MissingError
	switch {
	case errors.As(err, &missing):
		return nil, failure("cli.error.kit_pages_missing", data{"Numbers": usecase.MissingNumbers(a.msg, missing, a.msg.T("cli.list_separator")), "Total": missing.Total}).
			withHint("cli.hint.kit_pages_missing", nil).wrap(err)
	case err != nil:
		return nil, failure("cli.error.kit_pages", data{"Detail": a.pagesReason(err)}).withHint("cli.hint.kit_page_rescan", nil).wrap(err)
	}
	return armored, nil
}
