package ui

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault/kit"
	"github.com/mamori-app/mamori/vault/otp"
)

// tool returns the path of a command the tests use as an oracle. As in
// the CLI's kit tests, a missing one fails the test: make test installs
// them.
func toolPath(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is needed as the oracle for recovery kits (Debian/Ubuntu: apt-get install age util-linux): %v", name, err)
	}
	return p
}

// ageDecrypt opens a passphrase kit with the real age tool. age reads a
// passphrase from the terminal only, so it runs under script(1), which
// gives it one.
func ageDecrypt(t *testing.T, path, pass string) []byte {
	t.Helper()
	age := toolPath(t, "age")
	script := toolPath(t, "script")
	out := filepath.Join(t.TempDir(), "kit.json")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command(script, "-qec", age+" -d -o '"+out+"' '"+path+"'", "/dev/null")
	cmd.Stdin = r
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The line waits in the terminal until age reads it; stdin stays open
	// until age is done, so script does not hang up on it.
	if _, err := w.WriteString(pass + "\n"); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	w.Close()
	b, rerr := os.ReadFile(out)
	if err != nil || rerr != nil {
		t.Fatalf("age -d: %v, %v\n%s", err, rerr, output.String())
	}
	return b
}

// kitDoc is the part of a decrypted kit the tests look at.
type kitDoc struct {
	Format string `json:"format"`
	Vault  struct {
		Accounts []struct {
			Issuer string `json:"issuer"`
			Name   string `json:"name"`
		} `json:"accounts"`
	} `json:"vault"`
}

func parseKitDoc(t *testing.T, b []byte) (kitDoc, string) {
	t.Helper()
	var d kitDoc
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("the kit does not hold JSON: %v", err)
	}
	var labels []string
	for _, a := range d.Vault.Accounts {
		labels = append(labels, a.Issuer+"/"+a.Name)
	}
	return d, strings.Join(labels, "|")
}

func checkOf(t *testing.T, w fyne.Window, text string) *widget.Check {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if c, ok := o.(*widget.Check); ok && c.Visible() && c.Text == text {
			return c
		}
	}
	t.Fatalf("no check box %q; the window shows %q", text, textsOf(w))
	return nil
}

func radioOf(t *testing.T, w fyne.Window) *widget.RadioGroup {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if r, ok := o.(*widget.RadioGroup); ok && r.Visible() {
			return r
		}
	}
	t.Fatal("no radio group")
	return nil
}

// openExportTab opens the Export page on its tab n.
func openExportTab(t *testing.T, v *view, n int) {
	t.Helper()
	v.openTool(toolNamed(t, "ui.tool.export"))
	v.topPage().tab = n
	v.showPage()
}

func TestURIExportWritesOnlyAfterConfirmation(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice", otp.TOTP, 6, ""},
		testAccount{"", "no-otp", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"},
	)
	v, w := open(t, store)
	path := filepath.Join(t.TempDir(), "list.txt")
	asked := saveTo(t, v, path)
	openExportTab(t, v, 1)
	requireText(t, w, "The list is your secrets in plain text")

	tapButton(t, w, "Save the list…")
	requireText(t, w, "Save the secrets in plain text?")
	if *asked != 0 {
		t.Fatal("the file dialog came before the confirmation")
	}
	tapButton(t, w, "Cancel")
	if _, err := os.Stat(path); *asked != 0 || err == nil {
		t.Fatal("cancelling the warning still wrote the list")
	}

	tapButton(t, w, "Save the list…")
	tapButton(t, w, "Save in plain text")
	if *asked != 1 {
		t.Fatalf("the file dialog was shown %d times", *asked)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("the list is readable by others: %v", st.Mode())
	}
	if !strings.Contains(string(b), "otpauth://totp/GitHub:alice?") || strings.Count(string(b), "\notpauth://") != 2 {
		t.Errorf("the list is:\n%s", b)
	}
	requireText(t, w, "2 accounts were saved in list.txt")
}

func TestKitExportToAGeneratedPassphraseOpensWithAge(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice", otp.TOTP, 6, ""},
		testAccount{"みずほ銀行", "山田太郎", otp.TOTP, 8, "JBSWY3DPEHPK3PXP"},
	)
	v, w := open(t, store)
	v.xfer().scryptWork = 10
	path := filepath.Join(t.TempDir(), "kit.age")
	saveTo(t, v, path)
	openExportTab(t, v, 0)

	pass := v.transfer.kit.generated
	if len(strings.Split(pass, "-")) != kit.PassphraseWords {
		t.Fatalf("generated passphrase %q", pass)
	}
	requireText(t, w, strings.ReplaceAll(pass, "-", " "), "Write these words down now")
	tapButton(t, w, "Save the kit…")
	requireText(t, w, "Write the passphrase down, then tick the box")
	if _, err := os.Stat(path); err == nil {
		t.Fatal("a kit was written before the passphrase was written down")
	}

	test.Tap(checkOf(t, w, "I have written the passphrase down"))
	tapButton(t, w, "Save the kit…")
	requireText(t, w, "The kit is saved as kit.age: 2 accounts, 0 grid cards", "The passphrase is no longer shown")
	if hasText(w, strings.ReplaceAll(pass, "-", " ")) || v.transfer.kit.generated != "" {
		t.Error("the passphrase is still on screen after the kit was saved")
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("kit file: %v, %v", st, err)
	}
	doc, labels := parseKitDoc(t, ageDecrypt(t, path, pass))
	if doc.Format != kit.FormatName || labels != "GitHub/alice|みずほ銀行/山田太郎" {
		t.Errorf("age -d gives format %q, accounts %q", doc.Format, labels)
	}

	// The next kit gets new words, when asked for.
	tapButton(t, w, "Make a new passphrase")
	if next := v.transfer.kit.generated; next == "" || next == pass {
		t.Errorf("the next passphrase is %q", next)
	}
}

func TestKitExportToKeysAndASubset(t *testing.T) {
	identity := filepath.Join(t.TempDir(), "key.txt")
	if out, err := exec.Command(toolPath(t, "age-keygen"), "-o", identity).CombinedOutput(); err != nil {
		t.Fatalf("age-keygen: %v\n%s", err, out)
	}
	pub, err := exec.Command(toolPath(t, "age-keygen"), "-y", identity).Output()
	if err != nil {
		t.Fatal(err)
	}
	secret, err := os.ReadFile(identity)
	if err != nil {
		t.Fatal(err)
	}

	store := newStore(t, nil)
	addAccounts(t, store,
		testAccount{"GitHub", "alice", otp.TOTP, 6, ""},
		testAccount{"Dropbox", "bob", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"},
	)
	v, w := open(t, store)
	path := filepath.Join(t.TempDir(), "kit.age")
	saveTo(t, v, path)
	openExportTab(t, v, 0)
	radioOf(t, w).SetSelected("age or SSH public keys")
	test.Tap(checkOf(t, w, "Everything (2 accounts, 0 grid cards)"))
	test.Tap(checkOf(t, w, "Dropbox: bob"))
	test.Tap(checkOf(t, w, "Text instead of binary (armored, for printing or pasting)"))

	// A private key pasted by mistake is refused, and not repeated.
	keys := transferEntries(w, false)
	if len(keys) != 1 {
		t.Fatalf("%d entries, want the keys box", len(keys))
	}
	keys[0].SetText("# mine\n" + string(secret))
	tapButton(t, w, "Save the kit…")
	requireText(t, w, "is a private key")
	if hasText(w, "AGE-SECRET-KEY") || transferEntries(w, false)[0].Text != "" {
		t.Error("the private key stays on screen")
	}
	transferEntries(w, false)[0].SetText("not a key")
	tapButton(t, w, "Save the kit…")
	requireText(t, w, "Line 1 is not an age or SSH public key.")
	if _, err := os.Stat(path); err == nil {
		t.Fatal("a kit was written for bad keys")
	}

	transferEntries(w, false)[0].SetText(string(pub))
	tapButton(t, w, "Save the kit…")
	requireText(t, w, "The kit is saved as kit.age: 1 account, 0 grid cards, for the keys given.")
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) {
		t.Fatalf("the kit is not armored: %v", err)
	}
	out, err := exec.Command(toolPath(t, "age"), "-d", "-i", identity, path).Output()
	if err != nil {
		t.Fatalf("age -d -i: %v", err)
	}
	if _, labels := parseKitDoc(t, out); labels != "Dropbox/bob" {
		t.Errorf("the subset kit holds %q", labels)
	}
}

func TestKitExportOwnPassphraseAndPaper(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.xfer().scryptWork = 10
	path := filepath.Join(t.TempDir(), "kit.pdf")
	saveTo(t, v, path)
	openExportTab(t, v, 0)
	radioOf(t, w).SetSelected("A passphrase I choose")

	for _, c := range []struct{ pass, again, want string }{
		{"", "", "Type a passphrase for the kit."},
		{"sunflower", "sunflower", "It is, or contains, one of the passwords people use most."},
		{"a long enough passphrase", "a long enough passphrasE", "The two passphrases differ."},
	} {
		e := transferEntries(w, true)
		if len(e) != 2 {
			t.Fatalf("%d password entries, want 2", len(e))
		}
		e[0].SetText(c.pass)
		e[1].SetText(c.again)
		tapButton(t, w, "Save a paper kit (PDF)…")
		requireText(t, w, c.want)
		if _, err := os.Stat(path); err == nil {
			t.Fatalf("%q / %q wrote a kit", c.pass, c.again)
		}
	}
	e := transferEntries(w, true)
	e[0].SetText("a long enough passphrase")
	e[1].SetText("a long enough passphrase")
	tapButton(t, w, "Save a paper kit (PDF)…")
	requireText(t, w, "The kit is saved as kit.pdf", "Print it")
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("the paper kit is not a PDF: %v", err)
	}
	if bytes.Contains(b, []byte("a long enough passphrase")) {
		t.Error("the passphrase is in the PDF")
	}
}

// imagesOf counts the images on screen.
func imagesOf(w fyne.Window) int {
	n := 0
	for _, o := range test.LaidOutObjects(w.Content()) {
		if img, ok := o.(*canvas.Image); ok && img.Visible() && img.MinSize().Width >= qrShown {
			n++
		}
	}
	return n
}

func TestQRCodesShowOnlyOnTheirPage(t *testing.T) {
	store := newStore(t, nil)
	var accts []testAccount
	for _, s := range []string{"JBSWY3DPEHPK3PXP", "GEZDGNBVGY3TQOJQ", "KRSXG5CTMVRXEZLU", "MFRGGZDFMZTWQ2LK", "NBSWY3DPO5XXE3DE",
		"ONSWG4TFOQ2TKNJV", "MZXW6YTBOI2TKNJV", "GAYTEMZUGU3DOOBZ", "IFBEGRCFIZDUQSKK", "KNAXC2LPNVSXI3DF", "OBQXG43XN5ZGIMJS"} {
		accts = append(accts, testAccount{"Site " + s[:4], "alice", otp.TOTP, 6, s})
	}
	addAccounts(t, store, accts...)
	v, w := open(t, store)

	// One account, to a phone.
	openExportTab(t, v, 2)
	if imagesOf(w) != 0 {
		t.Fatal("a QR code is shown before an account is chosen")
	}
	var sel *widget.Select
	for _, o := range test.LaidOutObjects(w.Content()) {
		if s, ok := o.(*widget.Select); ok {
			sel = s
		}
	}
	if sel == nil {
		t.Fatal("no account choice")
	}
	sel.SetSelected("Site GEZD: alice")
	tapButton(t, w, "Show the QR code")
	if imagesOf(w) != 1 || v.topPage().title() != "Site GEZD: alice" {
		t.Fatalf("the account's QR page shows %d codes", imagesOf(w))
	}
	requireText(t, w, "Anyone who sees or photographs this code")
	tapButton(t, w, "Back")
	if imagesOf(w) != 0 {
		t.Error("the QR code stays after leaving its page")
	}

	// The Google Authenticator set, one code at a time.
	v.topPage().tab = 1
	v.showPage()
	tapButton(t, w, "Show the QR codes")
	requireText(t, w, "1 of 2")
	if imagesOf(w) != 1 {
		t.Fatalf("%d codes on screen, want 1", imagesOf(w))
	}
	tapButton(t, w, "Next")
	requireText(t, w, "2 of 2")
	tapButton(t, w, "Previous")
	requireText(t, w, "1 of 2")
	tapButton(t, w, "Back")
	if imagesOf(w) != 0 {
		t.Error("the transfer codes stay after leaving their page")
	}
}

func TestTransferPagesInBothLanguages(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			store := newStore(t, nil)
			addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
			v, w := open(t, store)
			if lang == "ja" {
				v.getenv = func(k string) string { return map[string]string{"LANG": "ja_JP.UTF-8"}[k] }
				v.setLanguagePref(langAuto)
			}
			pickFiles(t, v, fixture("aegis-encrypted.json"))
			check := func(where string) {
				t.Helper()
				for _, s := range textsOf(w) {
					if strings.HasPrefix(s, "ui.") {
						t.Errorf("%s: the key %q is shown instead of a text", where, s)
					}
				}
				if min := w.Content().MinSize(); min.Width > 560 {
					t.Errorf("%s is %v wide, more than the window", where, min)
				}
			}
			v.openTool(toolNamed(t, "ui.tool.import"))
			check("the import page")
			tapButton(t, w, map[string]string{"en": "Choose a file…", "ja": "ファイルを選ぶ…"}[lang])
			if len(transferEntries(w, true)) != 1 {
				t.Fatal("the encrypted file asks for no password")
			}
			check("the password question")
			v.closePage()
			for tab := 0; tab < 3; tab++ {
				openExportTab(t, v, tab)
				check("the export page")
				v.closePage()
			}
		})
	}
}
