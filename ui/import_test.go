package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/export"
	"github.com/mamori-app/mamori/vault/kit"
	"github.com/mamori-app/mamori/vault/kit/paper"
	"github.com/mamori-app/mamori/vault/otp"
)

// fixture is the path of one of the importer's test files.
func fixture(name string) string {
	return filepath.Join("..", "vault", "importer", "testdata", name)
}

// toolNamed returns the tool whose title key is key.
func toolNamed(t *testing.T, key string) tool {
	t.Helper()
	for _, x := range tools() {
		if x.key == key {
			return x
		}
	}
	t.Fatalf("no tool %q", key)
	return tool{}
}

// pickFiles makes the file-open dialog answer with each path in turn.
func pickFiles(t *testing.T, v *view, paths ...string) {
	t.Helper()
	v.xfer().openFile = func(done func(fyne.URIReadCloser, error)) {
		if len(paths) == 0 {
			t.Fatal("a file was asked for once too often")
		}
		r, err := storage.Reader(storage.NewFileURI(paths[0]))
		paths = paths[1:]
		done(r, err)
	}
}

// saveTo makes the file-save dialog answer with path, and counts how often
// it was shown.
func saveTo(t *testing.T, v *view, path string) *int {
	t.Helper()
	asked := new(int)
	v.xfer().saveFile = func(name string, done func(fyne.URIWriteCloser, error)) {
		*asked++
		w, err := storage.Writer(storage.NewFileURI(path))
		done(w, err)
	}
	return asked
}

// transferEntries returns the entries on screen, password entries or not.
func transferEntries(w fyne.Window, password bool) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range test.LaidOutObjects(w.Content()) {
		if e, ok := asEntry(o); ok && e.Visible() && e.Password == password {
			out = append(out, e)
		}
	}
	return out
}

// savedLabels loads the vault again and returns its accounts' labels.
func savedLabels(t *testing.T, store *vault.Store) []string {
	t.Helper()
	vlt, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range vlt.Accounts {
		out = append(out, a.Label())
	}
	return out
}

func TestImportListThenAegisCountsDuplicates(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"Example", "carol", otp.TOTP, 6, ""})
	v, w := open(t, store)
	pickFiles(t, v, fixture("otpauth.txt"), fixture("aegis-plain.json"))
	v.openTool(toolNamed(t, "ui.tool.import"))

	tapButton(t, w, "Choose a file…")
	// A preview first: labels, never secrets; nothing saved yet.
	requireText(t, w, "File: otpauth.txt", "Format: otpauth URI list", "4 accounts will be added:", "GitHub: alice",
		"みずほ銀行: 山田太郎", "1 entry of the file will be left out:", "the same key as an earlier entry of the file")
	if hasText(w, "JBSWY3DPEHPK3PXP") {
		t.Error("the preview shows a secret")
	}
	if got := savedLabels(t, store); len(got) != 1 {
		t.Fatalf("the preview saved something: %q", got)
	}
	tapButton(t, w, "Import 4 accounts")
	requireText(t, w, "4 accounts were imported.")
	if got := savedLabels(t, store); len(got) != 5 {
		t.Fatalf("after the import the vault holds %q", got)
	}
	if len(v.accounts) != 5 {
		t.Errorf("the list shows %d accounts", len(v.accounts))
	}

	// The same accounts again, from Aegis: all skipped, and counted.
	tapButton(t, w, "Choose a file…")
	requireText(t, w, "Format: Aegis", "4 accounts are already in the vault and will be skipped:",
		"Every account in this file is already in the vault")
	for _, b := range buttonsOf(w) {
		if strings.HasPrefix(b.Text, "Import ") {
			t.Errorf("an import button is offered with nothing new: %q", b.Text)
		}
	}
	if got := savedLabels(t, store); len(got) != 5 {
		t.Fatalf("the vault changed: %q", got)
	}
}

func TestImportEncryptedAskesThePassword(t *testing.T) {
	for _, name := range []string{"aegis-encrypted.json", "2fas-encrypted.2fas", "ente-encrypted-cheap.json", "bitwarden-encrypted.json"} {
		t.Run(name, func(t *testing.T) {
			store := newStore(t, nil)
			addAccounts(t, store, testAccount{"Example", "carol", otp.TOTP, 6, ""})
			v, w := open(t, store)
			pickFiles(t, v, fixture(name))
			v.openTool(toolNamed(t, "ui.tool.import"))
			tapButton(t, w, "Choose a file…")
			requireText(t, w, "encrypted", "is protected by a password")

			pass := transferEntries(w, true)
			if len(pass) != 1 {
				t.Fatalf("%d password entries, want 1", len(pass))
			}
			test.Type(pass[0], "not the password")
			tapButton(t, w, "Open")
			requireText(t, w, "That password does not open this export")
			requireText(t, w, "Nothing was imported")
			if got := savedLabels(t, store); len(got) != 1 {
				t.Fatalf("a wrong password changed the vault: %q", got)
			}

			pass = transferEntries(w, true)
			if len(pass) != 1 {
				t.Fatalf("after a wrong password: %d password entries, want 1", len(pass))
			}
			test.Type(pass[0], testPassphrase)
			pass[0].OnSubmitted(pass[0].Text)
			if hasText(w, "does not open") {
				t.Error("the error stayed after the right password")
			}
			requireText(t, w, "GitHub: alice")
			for _, b := range buttonsOf(w) {
				if strings.HasPrefix(b.Text, "Import ") {
					test.Tap(b)
					break
				}
			}
			requireText(t, w, "were imported.")
			if got := savedLabels(t, store); len(got) < 4 {
				t.Fatalf("the right password imported %q", got)
			}
		})
	}
}

func TestImportBrokenFileChangesNothing(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"Example", "carol", otp.TOTP, 6, ""})
	v, w := open(t, store)
	path := filepath.Join(t.TempDir(), "list.txt")
	broken := "otpauth://totp/Good:one?secret=JBSWY3DPEHPK3PXP\n\notpauth://totp/Bad:two?secret=not*base32\n"
	if err := os.WriteFile(path, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	pickFiles(t, v, path)
	v.openTool(toolNamed(t, "ui.tool.import"))
	tapButton(t, w, "Choose a file…")
	requireText(t, w, "Nothing was imported: 1 entry of the file cannot be read", "line 3: the secret is not valid Base32")
	if hasText(w, "not*base32") {
		t.Error("the error quotes the secret")
	}
	for _, b := range buttonsOf(w) {
		if strings.HasPrefix(b.Text, "Import ") {
			t.Errorf("a broken file offers %q", b.Text)
		}
	}
	if got := savedLabels(t, store); len(got) != 1 {
		t.Fatalf("a broken file changed the vault: %q", got)
	}
}

func TestDroppingFilesOpensTheImportPage(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"Example", "carol", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.dropped(fyne.NewPos(10, 10), []fyne.URI{
		storage.NewFileURI(fixture("otpauth.txt")),
		storage.NewFileURI(fixture("bitwarden.json")),
	})
	if len(v.pages) != 1 || v.pages[0].title() != "Import" {
		t.Fatalf("dropping opened %d pages", len(v.pages))
	}
	requireText(t, w, "File 1 of 2: otpauth.txt", "4 accounts will be added:")
	tapButton(t, w, "Import 4 accounts")
	tapButton(t, w, "Next file")
	requireText(t, w, "File 2 of 2: bitwarden.json", "Format: Bitwarden")

	// A drop on the open Import page replaces its files.
	v.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(fixture("proton.json"))})
	if len(v.pages) != 1 {
		t.Errorf("a second drop opened another page: %d pages", len(v.pages))
	}
	requireText(t, w, "File: proton.json", "Format: Proton Authenticator")
}

// makeKit writes a passphrase kit of store's vault to a file and returns its path.
func makeKit(t *testing.T, store *vault.Store, pass string) string {
	t.Helper()
	vlt, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := kit.Export(&buf, vlt, kit.ExportOptions{Passphrase: pass, ScryptWorkFactor: 10, Armor: true}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kit.age")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestKitImportMergesAndNeverOverwrites(t *testing.T) {
	src := newStore(t, nil)
	addAccounts(t, src,
		testAccount{"GitHub", "alice", otp.TOTP, 6, ""},
		testAccount{"Dropbox", "alice", otp.TOTP, 6, "JBSWY3DPEHPK3PXP"},
	)
	path := makeKit(t, src, "kit passphrase for the test")

	dst := newStore(t, nil)
	addAccounts(t, dst, testAccount{"Example", "carol", otp.TOTP, 6, "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ"})
	v, w := open(t, dst)
	pickFiles(t, v, path)
	v.openTool(toolNamed(t, "ui.tool.import"))
	tapButton(t, w, "Choose a file…")
	requireText(t, w, "This is a Mamori recovery kit.", "Type the kit's passphrase.")

	pass := transferEntries(w, true)
	if len(pass) != 1 {
		t.Fatalf("%d password entries, want 1", len(pass))
	}
	test.Type(pass[0], "wrong")
	tapButton(t, w, "Open the kit")
	requireText(t, w, "That passphrase does not open this kit. Nothing was changed")
	if got := savedLabels(t, dst); len(got) != 1 {
		t.Fatalf("a wrong passphrase changed the vault: %q", got)
	}

	test.Type(transferEntries(w, true)[0], "kit passphrase for the test")
	tapButton(t, w, "Open the kit")
	requireText(t, w, "it holds 2 accounts and 0 grid cards", "Merging the kit will do this:", "Added 2: GitHub: alice, Dropbox: alice")
	if got := savedLabels(t, dst); len(got) != 1 {
		t.Fatalf("the preview changed the vault: %q", got)
	}
	tapButton(t, w, "Merge into the vault")
	requireText(t, w, "The kit was brought into the vault:", "Added 2")
	if got := savedLabels(t, dst); strings.Join(got, "|") != "Example: carol|GitHub: alice|Dropbox: alice" {
		t.Fatalf("after the merge the vault holds %q", got)
	}

	// The same kit again: nothing new, nothing overwritten.
	pickFiles(t, v, path)
	tapButton(t, w, "Choose a file…")
	test.Type(transferEntries(w, true)[0], "kit passphrase for the test")
	tapButton(t, w, "Open the kit")
	requireText(t, w, "Already the same: 2", "The kit holds nothing the vault does not have already.")
	for _, b := range buttonsOf(w) {
		if b.Text == "Merge into the vault" {
			t.Error("a kit with nothing new offers to merge")
		}
	}
}

func TestKitRestoresIntoAnEmptyVault(t *testing.T) {
	src := newStore(t, nil)
	addAccounts(t, src, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	path := makeKit(t, src, "kit passphrase for the test")

	dst := newStore(t, nil)
	addAccounts(t, dst) // an empty vault
	v, w := open(t, dst)
	v.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
	test.Type(transferEntries(w, true)[0], "kit passphrase for the test")
	tapButton(t, w, "Open the kit")
	requireText(t, w, "The vault is empty: everything in the kit will be restored.")
	tapButton(t, w, "Restore from the kit")
	if got := savedLabels(t, dst); strings.Join(got, "|") != "GitHub: alice" {
		t.Fatalf("restored %q", got)
	}
}

func TestPaperKitPicturesRestore(t *testing.T) {
	src := newStore(t, nil)
	addAccounts(t, src, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	armored, err := os.ReadFile(makeKit(t, src, "kit passphrase for the test"))
	if err != nil {
		t.Fatal(err)
	}
	chunks := paper.Chunks(armored)
	if len(chunks) < 2 {
		t.Fatalf("the kit fits in %d code; the test needs several", len(chunks))
	}
	dir := t.TempDir()
	var pages []fyne.URI
	for i, c := range chunks {
		var buf bytes.Buffer
		if err := export.QR(&buf, c, 600); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, fmt.Sprintf("page-%d.png", i+1))
		if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, storage.NewFileURI(p))
	}

	dst := newStore(t, nil)
	addAccounts(t, dst, testAccount{"Example", "carol", otp.TOTP, 6, "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ"})
	v, w := open(t, dst)
	// A page left out is named; nothing changes.
	v.dropped(fyne.Position{}, pages[1:])
	requireText(t, w, fmt.Sprintf("QR codes 1 of the %d of this paper kit are missing", len(chunks)))
	// Every page, in any order.
	v.dropped(fyne.Position{}, append(pages[1:], pages[0]))
	requireText(t, w, fmt.Sprintf("File: %d pages of a paper kit", len(chunks)), "Type the kit's passphrase.")
	test.Type(transferEntries(w, true)[0], "kit passphrase for the test")
	tapButton(t, w, "Open the kit")
	tapButton(t, w, "Merge into the vault")
	if got := savedLabels(t, dst); strings.Join(got, "|") != "Example: carol|GitHub: alice" {
		t.Fatalf("the paper kit restored %q", got)
	}
}

func TestKitImportKeepsNewerAccountsAsConflicts(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	path := makeKit(t, store, "kit passphrase for the test")
	// After the kit was made, the account changes in the vault.
	if _, err := store.Update(func(vlt *vault.Vault) error {
		vlt.Accounts[0].Name = "alice (renamed)"
		vlt.Accounts[0].Updated = vlt.Accounts[0].Updated.Add(time.Hour)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	v, w := open(t, store)
	pickFiles(t, v, path)
	v.openTool(toolNamed(t, "ui.tool.import"))
	tapButton(t, w, "Choose a file…")
	test.Type(transferEntries(w, true)[0], "kit passphrase for the test")
	tapButton(t, w, "Open the kit")
	requireText(t, w, "Conflicts, the vault's copy is newer or as new and is kept, 1: GitHub: alice (renamed)")
	if got := savedLabels(t, store); strings.Join(got, "|") != "GitHub: alice (renamed)" {
		t.Fatalf("the vault holds %q", got)
	}
}

func TestKitForAKeyOpensWithItsIdentityFile(t *testing.T) {
	src := newStore(t, nil)
	addAccounts(t, src, testAccount{"GitHub", "alice", otp.TOTP, 6, ""})
	vlt, err := src.Load()
	if err != nil {
		t.Fatal(err)
	}
	id, err := age.GenerateX25519Identity()
	other, err2 := age.GenerateX25519Identity()
	if err != nil || err2 != nil {
		t.Fatal(err, err2)
	}
	var buf bytes.Buffer
	if err := kit.Export(&buf, vlt, kit.ExportOptions{Recipients: []age.Recipient{id.Recipient()}}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{"kit.age": buf.String(), "right.txt": id.String() + "\n", "wrong.txt": other.String() + "\n", "junk.txt": "not a key\n"}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	dst := newStore(t, nil)
	addAccounts(t, dst)
	v, w := open(t, dst)
	pickFiles(t, v, filepath.Join(dir, "kit.age"), filepath.Join(dir, "junk.txt"), filepath.Join(dir, "wrong.txt"), filepath.Join(dir, "right.txt"))
	v.openTool(toolNamed(t, "ui.tool.import"))
	tapButton(t, w, "Choose a file…")
	requireText(t, w, "This kit is encrypted to an age or SSH key.")
	tapButton(t, w, "Choose the key file…")
	requireText(t, w, "junk.txt is not an age identity file")
	tapButton(t, w, "Choose the key file…")
	requireText(t, w, "None of the keys in that file opens this kit. Nothing was changed.")
	tapButton(t, w, "Choose the key file…")
	tapButton(t, w, "Restore from the kit")
	if got := savedLabels(t, dst); strings.Join(got, "|") != "GitHub: alice" {
		t.Fatalf("restored %q", got)
	}
}

func TestImportReadsEveryFormat(t *testing.T) {
	for _, c := range []struct{ file, format, label string }{
		{"otpauth.txt", "otpauth URI list", "GitHub: alice"},
		{"google-migration.txt", "Google Authenticator export", "GitHub: alice"},
		{"qr-otpauth.png", "QR code image", "みずほ銀行: 山田太郎"},
		{"screenshot.jpg", "QR code image", "alice"},
		{"aegis-plain.json", "Aegis", "GitHub: alice"},
		{"2fas-plain.2fas", "2FAS", "GitHub: alice"},
		{"ente-plain.txt", "otpauth URI list", "GitHub: alice"},
		{"bitwarden.json", "Bitwarden", "GitHub: alice"},
		{"proton.json", "Proton Authenticator", "GitHub: alice"},
		{"keepassxc.csv", "KeePassXC CSV", "GitHub: alice"},
		{"keepassxc.xml", "KeePass XML", "GitHub: alice"},
	} {
		t.Run(c.file, func(t *testing.T) {
			store := newStore(t, nil)
			addAccounts(t, store)
			v, w := open(t, store)
			v.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(fixture(c.file))})
			requireText(t, w, "Format: "+c.format, c.label)
			var imp *widget.Button
			for _, b := range buttonsOf(w) {
				if strings.HasPrefix(b.Text, "Import ") {
					imp = b
				}
			}
			if imp == nil {
				t.Fatalf("no Import button; the window shows %q", textsOf(w))
			}
			test.Tap(imp)
			requireText(t, w, "imported.")
			if got := savedLabels(t, store); len(got) == 0 {
				t.Error("nothing was saved")
			}
		})
	}
}

func TestLockingForgetsTheImport(t *testing.T) {
	store := newStore(t, nil) // a key file, so the app can lock
	addAccounts(t, store, testAccount{"Example", "carol", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(fixture("otpauth.txt"))})
	requireText(t, w, "4 accounts will be added:")
	files := v.transfer.imp.files
	v.lock()
	if v.transfer.imp != nil || len(files[0].data) == 0 || !bytes.Equal(files[0].data, make([]byte, len(files[0].data))) {
		t.Error("locking kept the file read for import")
	}
	tapButton(t, w, "Unlock")
	v.openTool(toolNamed(t, "ui.tool.import"))
	if hasText(w, "otpauth.txt") || hasText(w, "GitHub: alice") {
		t.Errorf("after unlocking the import page shows %q", textsOf(w))
	}
}

// TestDroppingScreenshotsOfOneExportReadsThemTogether: a Google export shown
// one QR code at a time, captured as two screenshots and dropped together,
// is read as one export, with no warning of missing codes.
func TestDroppingScreenshotsOfOneExportReadsThemTogether(t *testing.T) {
	store := newStore(t, nil)
	v, w := open(t, store)
	v.dropped(fyne.NewPos(10, 10), []fyne.URI{
		storage.NewFileURI(fixture("qr-migration-1.png")),
		storage.NewFileURI(fixture("qr-migration-2.png")),
	})
	requireText(t, w, "2 pictures of QR codes, read together")
	if hasText(w, "missing") || hasText(w, "Next file") {
		t.Errorf("the two screenshots were not read as one export: %q", textsOf(w))
	}
}
