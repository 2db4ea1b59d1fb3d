package ui

import (
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/vault"
)

// testCardText is a 5 × 10 card of the default profile whose cell in
// column c, row r holds the c-th lower-case letter and the r-th upper-case
// one: A1 is "aA", C3 "cC", J5 "jE". Case differs within every cell.
func testCardText() string {
	var b strings.Builder
	for r := 0; r < 5; r++ {
		for c := 0; c < 10; c++ {
			if c > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%c%c", 'a'+c, 'A'+r)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// addTestCard saves a card named name, of the default profile, filled as
// testCardText says.
func addTestCard(t *testing.T, store *vault.Store, name string) {
	t.Helper()
	p, err := gridcard.ProfileByName(gridcard.DefaultProfileName)
	if err != nil {
		t.Fatal(err)
	}
	card, err := gridcard.ParseCard(p, testCardText())
	if err != nil {
		t.Fatal(err)
	}
	card.Name = name
	if _, err := store.Update(func(v *vault.Vault) error {
		v.GridCards = append(v.GridCards, card)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// savedCards reads the cards as persisted.
func savedCards(t *testing.T, store *vault.Store) []gridcard.Card {
	t.Helper()
	v, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	return v.GridCards
}

// openGrid opens the Grid cards tool.
func openGrid(t *testing.T, v *view) {
	t.Helper()
	for _, tl := range tools() {
		if tl.key == "ui.tool.grid" {
			v.openTool(tl)
			return
		}
	}
	t.Fatal("no Grid cards tool")
}

// openTestCard opens the grid tool and, from its list, the card called name.
func openTestCard(t *testing.T, v *view, w fyne.Window, name string) {
	t.Helper()
	openGrid(t, v)
	tapShown(t, w, name)
	if len(v.pages) != 2 {
		t.Fatalf("the card's page did not open; the window shows %q", textsOf(w))
	}
}

// shownObjects are the objects drawn in the window, overlays included,
// leaving out hidden ones and everything they hold.
func shownObjects(w fyne.Window) []fyne.CanvasObject {
	out := shownIn(w.Content())
	for _, o := range w.Canvas().Overlays().List() {
		out = append(out, shownIn(o)...)
	}
	return out
}

// shownIn is shownObjects for one object and what it holds.
func shownIn(root fyne.CanvasObject) []fyne.CanvasObject {
	var walk func(o fyne.CanvasObject, out []fyne.CanvasObject) []fyne.CanvasObject
	walk = func(o fyne.CanvasObject, out []fyne.CanvasObject) []fyne.CanvasObject {
		if o == nil || !o.Visible() {
			return out
		}
		out = append(out, o)
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				out = walk(c, out)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				out = walk(c, out)
			}
		}
		return out
	}
	test.LaidOutObjects(root) // lays everything out
	return walk(root, nil)
}

// shownTexts is textsOf without what is hidden.
func shownTexts(w fyne.Window) []string {
	return textsIn(shownObjects(w))
}

func hasShown(w fyne.Window, want string) bool {
	return slices.ContainsFunc(shownTexts(w), func(s string) bool { return strings.Contains(s, want) })
}

func requireShown(t *testing.T, w fyne.Window, want ...string) {
	t.Helper()
	for _, s := range want {
		if !hasShown(w, s) {
			t.Errorf("the window does not show %q; it shows %q", s, shownTexts(w))
		}
	}
}

// tapShown taps the shown button with the text.
func tapShown(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	for _, o := range shownObjects(w) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q; the window shows %q", text, shownTexts(w))
}

func entriesOf(w fyne.Window) []*widget.Entry {
	return entriesIn(shownObjects(w))
}

// challengeEntry is the challenge box of a card's page.
func challengeEntry(t *testing.T, w fyne.Window) *keyEntry {
	t.Helper()
	for _, o := range shownObjects(w) {
		if e, ok := o.(*keyEntry); ok {
			return e
		}
	}
	t.Fatalf("no challenge box; the window shows %q", shownTexts(w))
	return nil
}

// boldCells are the texts of the highlighted cells of the table on
// screen: a cell is a stack of its box, outlined when highlighted, and its
// text.
func boldCells(w fyne.Window) []string {
	var out []string
	for _, o := range test.LaidOutObjects(w.Content()) {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2 {
			continue
		}
		box, ok := c.Objects[0].(*canvas.Rectangle)
		if !ok || box.StrokeWidth != 2 {
			continue
		}
		if _, _, _, a := box.StrokeColor.RGBA(); a == 0 {
			continue
		}
		for _, inner := range test.LaidOutObjects(c.Objects[1]) {
			if txt, ok := inner.(*canvas.Text); ok {
				out = append(out, txt.Text)
			}
		}
	}
	slices.Sort(out)
	return out
}

func events(t *testing.T, store *vault.Store) int {
	t.Helper()
	cards := savedCards(t, store)
	if len(cards) != 1 {
		t.Fatalf("%d cards saved, want 1", len(cards))
	}
	return len(cards[0].Exposure.Events)
}

func TestGridChallengeHighlightsAndAnswersCaseKept(t *testing.T) {
	store := newStore(t, nil)
	addTestCard(t, store, "Bank")
	v, w := open(t, store)
	openGrid(t, v)
	requireShown(t, w, "Bank", "Not used yet.")
	tapShown(t, w, "Bank")

	// Before anything is typed, no cell's contents show.
	for _, s := range []string{"aA", "cC", "jE"} {
		if hasShown(w, s) {
			t.Errorf("cell %q shows before any challenge", s)
		}
	}
	if got := boldCells(w); len(got) != 0 {
		t.Errorf("cells %q are highlighted before any challenge", got)
	}

	entry := challengeEntry(t, w)
	if w.Canvas().Focused() != entry {
		t.Error("the challenge box does not have the keyboard when the card opens")
	}
	test.Type(entry, "A1 C3 J5")
	if got, want := boldCells(w), []string{"aA", "cC", "jE"}; !slices.Equal(got, want) {
		t.Errorf("highlighted cells %q, want %q", got, want)
	}
	requireShown(t, w, "A1 = aA    C3 = cC    J5 = jE", "aAcCjE", "Upper and lower case differ")
	if hasShown(w, "bA") || hasShown(w, "eE") {
		t.Error("a cell the challenge did not ask for shows")
	}
	// Every cell shows on request, to compare with the paper, and hides again.
	tapShown(t, w, "Show all cells")
	requireShown(t, w, "bA", "eE")
	tapShown(t, w, "Hide cells")
	if hasShown(w, "bA") {
		t.Error("cells stay shown after hiding them")
	}

	// F1 still helps from the challenge box.
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	if w.Canvas().Overlays().Top() == nil {
		t.Error("F1 in the challenge box showed no help")
	} else {
		w.Canvas().Overlays().Top().Hide()
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}

	// Other spellings give the same answer, in the challenge's order.
	for _, tc := range []struct{ challenge, want string }{
		{"a1, c3, j5", "aAcCjE"},
		{"[A1][C3][J5]", "aAcCjE"},
		{"Ａ１　Ｃ３　Ｊ５", "aAcCjE"},
		{"A1、C3・J5", "aAcCjE"},
		{"J5 A-1 3C", "jEaAcC"},
	} {
		entry.SetText(tc.challenge)
		requireShown(t, w, tc.want)
	}
	if n := events(t, store); n != 0 {
		t.Errorf("typing logged %d challenges; only copying or confirming should", n)
	}

	// Escape in the challenge box goes back to the list, and the answer
	// goes with the page.
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(v.pages) != 1 {
		t.Fatalf("Escape left %d pages open, want the list", len(v.pages))
	}
	tapShown(t, w, "Bank")
	if e := challengeEntry(t, w); e.Text != "" || hasShown(w, "aA") {
		t.Errorf("the card opened again with %q typed", e.Text)
	}
}

func TestGridCopyPutsTheAnswerOnTheClipboardAndLogsIt(t *testing.T) {
	store := newStore(t, nil)
	addTestCard(t, store, "Bank")
	v, w := open(t, store)
	openTestCard(t, v, w, "Bank")
	test.Type(challengeEntry(t, w), "A1 C3 J5")
	tapShown(t, w, "Copy")

	if got := v.app.Clipboard().Content(); got != "aAcCjE" {
		t.Errorf("clipboard holds %q, want aAcCjE", got)
	}
	requireShown(t, w, "Copied the answer from Bank", "cleared from the clipboard in 20 s")

	// The answer was logged and saved, once however often it is copied.
	cards := savedCards(t, store)
	if got := len(cards[0].Exposure.Events); got != 1 {
		t.Fatalf("%d challenges logged, want 1", got)
	}
	if got := gridcard.FormatChallenge(cards[0].Profile, cards[0].Exposure.Events[0].Cells); got != "A1 C3 J5" {
		t.Errorf("logged cells %q, want A1 C3 J5", got)
	}
	// The page was rebuilt from the saved vault and still shows the answer
	// and, now, the exposure.
	requireShown(t, w, "aAcCjE", "Challenges answered: 1. Cells revealed: 3 of 50.")
	if e := challengeEntry(t, w); w.Canvas().Focused() != e || e.Text != "A1 C3 J5" {
		t.Errorf("after saving, the challenge box holds %q and has the keyboard: %v", e.Text, w.Canvas().Focused() == e)
	}
	tapShown(t, w, "Copy")
	if n := events(t, store); n != 1 {
		t.Errorf("copying again logged the challenge again: %d events", n)
	}

	// The clipboard is cleared after the delay, like a code.
	v.now = func() time.Time { return at59.Add(20 * time.Second) }
	v.tick()
	if got := v.app.Clipboard().Content(); got != "" {
		t.Errorf("clipboard still holds %q after 20 s", got)
	}
}

func TestGridAnsweringByHandOrEnterIsLogged(t *testing.T) {
	store := newStore(t, nil)
	addTestCard(t, store, "Bank")
	v, w := open(t, store)
	openTestCard(t, v, w, "Bank")

	test.Type(challengeEntry(t, w), "B2 D4 F1")
	tapShown(t, w, "I typed it")
	if n := events(t, store); n != 1 {
		t.Fatalf("%d challenges logged after “I typed it”, want 1", n)
	}
	requireShown(t, w, "Logged")

	v.now = func() time.Time { return at59.Add(time.Minute) }
	e := challengeEntry(t, w)
	e.SetText("E5 G2 H3")
	e.OnSubmitted(e.Text) // Enter
	if n := events(t, store); n != 2 {
		t.Fatalf("%d challenges logged after Enter, want 2", n)
	}
	requireShown(t, w, "Challenges answered: 2. Cells revealed: 6 of 50.")
}

func TestGridOffCardCellIsNamed(t *testing.T) {
	store := newStore(t, nil)
	addTestCard(t, store, "Bank")
	v, w := open(t, store)
	openTestCard(t, v, w, "Bank")
	test.Type(challengeEntry(t, w), "A1 K9 C3")
	requireShown(t, w, "K9 is not on this card: it has columns A–J and rows 1–5.")
	if hasShown(w, "aA") {
		t.Error("an answer shows for a challenge with a cell off the card")
	}
	// The cells read before the mistake stay highlighted, their contents hidden.
	if got := boldCells(w); !slices.Equal(got, []string{"••"}) {
		t.Errorf("highlighted cells show %q, want one hidden cell", got)
	}

	challengeEntry(t, w).SetText("A1 C3 J$")
	requireShown(t, w, "“$” is not a cell")
}

func TestGridHarvestingChallengeIsRefusedAndNotLogged(t *testing.T) {
	store := newStore(t, nil)
	addTestCard(t, store, "Bank")
	v, w := open(t, store)
	openTestCard(t, v, w, "Bank")
	before := savedCards(t, store)[0].Exposure
	tapShown(t, w, "Show all cells") // even then, a refused challenge shows nothing

	for _, tc := range []struct{ challenge, want string }{
		{"A1 B1 C1 D1", "this asks for 4 cells, but a login with this card asks for 3"},
		{strings.TrimSpace(strings.Repeat("A1 B1 C1 D1 E1 F1 G1 H1 I1 J1 A2 B2 C2 D2 E2 F2 G2 H2 I2 J2 A3 B3 C3 D3 E3 F3 ", 1)), "this asks for 26 of the card's 50 cells"},
	} {
		e := challengeEntry(t, w)
		e.SetText(tc.challenge)
		requireShown(t, w, tc.want, "ard-harvesting scams", "Nothing was shown or logged")
		for _, s := range []string{"aA", "bA", "cA", "dA"} {
			if hasShown(w, s) {
				t.Errorf("%q: cell %q shows", tc.challenge, s)
			}
		}
		if slices.ContainsFunc(shownObjects(w), func(o fyne.CanvasObject) bool {
			b, ok := o.(*widget.Button)
			return ok && b.Text == "Copy"
		}) {
			t.Errorf("%q: a Copy button is offered", tc.challenge)
		}
		e.OnSubmitted(e.Text)
	}
	if got := v.app.Clipboard().Content(); got != "" {
		t.Errorf("clipboard holds %q after a refused challenge", got)
	}
	after := savedCards(t, store)[0].Exposure
	if len(after.Events) != len(before.Events) {
		t.Errorf("a refused challenge was logged: %d events, was %d", len(after.Events), len(before.Events))
	}
}

func TestGridRapidChallengesCanBeAnsweredAfterChecking(t *testing.T) {
	store := newStore(t, nil)
	addTestCard(t, store, "Bank")
	v, w := open(t, store)
	openTestCard(t, v, w, "Bank")
	for i, c := range []string{"A1 C3 J5", "B2 D4 F1"} {
		v.now = func() time.Time { return at59.Add(time.Duration(i) * time.Minute) }
		e := challengeEntry(t, w)
		e.SetText(c)
		e.OnSubmitted(c)
	}
	v.now = func() time.Time { return at59.Add(2 * time.Minute) }
	challengeEntry(t, w).SetText("E5 G2 H3")
	requireShown(t, w, "2 different challenges were answered in the last 10 minutes")
	if hasShown(w, "eEgBhC") {
		t.Fatal("a third challenge in minutes was answered without a word")
	}
	tapShown(t, w, "I checked the site: answer")
	requireShown(t, w, "eEgBhC")
	tapShown(t, w, "Copy")
	if n := events(t, store); n != 3 {
		t.Errorf("%d challenges logged, want 3", n)
	}
}

func TestGridAddChecksTheShapeAndSaves(t *testing.T) {
	store := newStore(t, nil)
	v, w := open(t, store)
	openGrid(t, v)
	requireShown(t, w, "No grid cards yet", "C3")
	tapShown(t, w, "Enter a card you hold")

	entries := entriesOf(w)
	if len(entries) != 2 {
		t.Fatalf("%d entries on the add page, want name and rows", len(entries))
	}
	name, rows := entries[0], entries[1]
	name.SetText("Mizuho")
	lines := strings.Split(strings.TrimSpace(testCardText()), "\n")
	rows.SetText(strings.Join(lines[:4], "\n")) // a row short
	tapShown(t, w, "Check")
	requireShown(t, w, "Type or paste all 5 rows of 10 cells")
	tapShown(t, w, "Save card") // disabled: nothing happens
	if n := len(savedCards(t, store)); n != 0 {
		t.Fatalf("a card of the wrong shape was saved")
	}

	bad := slices.Clone(lines)
	bad[1] = strings.Replace(bad[1], "cB", "cBx", 1)
	rows.SetText(strings.Join(bad, "\n"))
	tapShown(t, w, "Check")
	requireShown(t, w, "Line 2, cell C2: each cell has 2 characters, this one 3.")
	for _, s := range shownTexts(w) {
		if strings.Contains(s, "Line 2") && strings.Contains(s, "cBx") {
			t.Errorf("the error repeats the cell's contents: %q", s)
		}
	}

	rows.SetText(testCardText())
	tapShown(t, w, "Check")
	requireShown(t, w, "Compare every cell with the paper", "aA", "jE")
	tapShown(t, w, "Save card")
	cards := savedCards(t, store)
	if len(cards) != 1 || cards[0].Name != "Mizuho" {
		t.Fatalf("saved cards %+v", cards)
	}
	if got := cards[0].Cells[2][2]; got != "cC" {
		t.Errorf("C3 saved as %q, want cC", got)
	}
	// The new card's page is open.
	requireShown(t, w, "Cells the site asks for")
	if len(v.pages) != 2 {
		t.Errorf("%d pages open after saving, want the list and the card", len(v.pages))
	}

	// A second card of the same name is refused.
	v.closePage()
	tapShown(t, w, "Enter a card you hold")
	entries = entriesOf(w)
	entries[0].SetText("mizuho")
	entries[1].SetText(testCardText())
	tapShown(t, w, "Check")
	tapShown(t, w, "Save card")
	requireShown(t, w, "A card called “mizuho” is already in the vault")
	if n := len(savedCards(t, store)); n != 1 {
		t.Errorf("%d cards saved, want 1", n)
	}
}

func TestGridGenerateMakesACardOfTheProfile(t *testing.T) {
	store := newStore(t, nil)
	v, w := open(t, store)
	openGrid(t, v)
	tapShown(t, w, "Make a new card")
	requireShown(t, w, "One challenge asks 3 cells")
	sel := selectsIn(w)
	if len(sel) != 1 {
		t.Fatalf("%d selects, want the profile", len(sel))
	}
	// Entrust-style cards are weaker than a 6-digit code: not made.
	sel[0].SetSelectedIndex(2)
	requireShown(t, w, "less than the 19.9 bits of a 6-digit code")
	sel[0].SetSelectedIndex(1) // bank style, 4 × 4 of 2 digits
	requireShown(t, w, "19.9 bits of guessing, against 19.9 bits")
	entriesOf(w)[0].SetText("Family bank")
	tapShown(t, w, "Make the card")

	cards := savedCards(t, store)
	if len(cards) != 1 {
		t.Fatalf("%d cards saved, want 1", len(cards))
	}
	c := cards[0]
	if c.Name != "Family bank" || !c.Generated || c.Profile.Name != "bank-4x4" {
		t.Errorf("saved %q, generated %v, profile %q", c.Name, c.Generated, c.Profile.Name)
	}
	if len(c.Cells) != 4 {
		t.Fatalf("%d rows, want 4", len(c.Cells))
	}
	for _, row := range c.Cells {
		if len(row) != 4 {
			t.Fatalf("a row of %d cells, want 4", len(row))
		}
		for _, cell := range row {
			if len(cell) != 2 || strings.Trim(cell, "0123456789") != "" {
				t.Errorf("cell %q is not 2 digits", cell)
			}
		}
	}
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
	requireShown(t, w, "Cells the site asks for")

	// The default card, without look-alike characters (the default).
	v.closePage()
	tapShown(t, w, "Make a new card")
	requireShown(t, w, "One challenge asks 3 cells: 35.1 bits of guessing, against 19.9 bits")
	entriesOf(w)[0].SetText("Mine")
	tapShown(t, w, "Make the card")
	cards = savedCards(t, store)
	if len(cards) != 2 {
		t.Fatalf("%d cards saved, want 2", len(cards))
	}
	c = cards[1]
	if c.Profile.Rows != 5 || c.Profile.Cols != 10 || c.Profile.CellWidth != 2 {
		t.Errorf("the default card is %d × %d of %d", c.Profile.Rows, c.Profile.Cols, c.Profile.CellWidth)
	}
	if strings.ContainsAny(c.Profile.Alphabet, "OoIl") || c.Profile.AlphabetSize() != 58 {
		t.Errorf("the card's alphabet %q keeps look-alikes", c.Profile.Alphabet)
	}
	for _, row := range c.Cells {
		for _, cell := range row {
			if strings.ContainsAny(cell, "OoIl") {
				t.Errorf("cell %q holds a look-alike character", cell)
			}
		}
	}
}

func selectsIn(w fyne.Window) []*widget.Select {
	var out []*widget.Select
	for _, o := range test.LaidOutObjects(w.Content()) {
		if s, ok := o.(*widget.Select); ok && s.Visible() {
			out = append(out, s)
		}
	}
	return out
}

// pdftotext is the oracle for a printed card's text.
func pdftotext(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatalf("pdftotext checks printed cards (Debian/Ubuntu: apt-get install poppler-utils): %v", err)
	}
	out, err := exec.Command(bin, "-layout", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", path, err, out)
	}
	return string(out)
}

// openPrintDialog opens a window on a vault with the card "Bank", on the
// card's page, and its Print dialog; a file dialog starts in dir.
func openPrintDialog(t *testing.T) (v *view, w fyne.Window, dir string) {
	t.Helper()
	store := newStore(t, nil)
	addTestCard(t, store, "Bank")
	v, w = open(t, store)
	dir = t.TempDir()
	// The file dialog opens in the folder it was last in.
	v.app.Preferences().SetString("fyne:fileDialogLastFolder", storage.NewFileURI(dir).String())
	openTestCard(t, v, w, "Bank")
	tapShown(t, w, "Print…")
	return v, w, dir
}

func TestGridPrintWritesThePDFWhereChosen(t *testing.T) {
	_, w, dir := openPrintDialog(t)
	requireShown(t, w, "Paper, and the file, are copies of the secret")
	tapShown(t, w, "Save as…")
	// Fyne's file dialog, with the suggested name.
	var named bool
	for _, e := range entriesOf(w) {
		named = named || e.Text == "grid-card-Bank.pdf"
	}
	if !named {
		t.Fatalf("no file dialog with the suggested name; the window shows %q", textsOf(w))
	}
	tapShown(t, w, "Save")

	path := filepath.Join(dir, "grid-card-Bank.pdf")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("the PDF was not written where chosen: %v", err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("the PDF is readable by others: %v", info.Mode())
	}
	text := pdftotext(t, path)
	for _, want := range []string{"Bank", "aA", "jE", "SECRET"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed card has no %q:\n%s", want, text)
		}
	}
	requireShown(t, w, "Print it, then delete the file")
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only the PDF", len(entries))
	}
}

func TestGridPrintPNGAndA4(t *testing.T) {
	store := newStore(t, nil)
	addTestCard(t, store, "Bank")
	v, _ := open(t, store)
	card := savedCards(t, store)[0]
	dir := t.TempDir()
	for _, tc := range []struct {
		pc   printChoice
		file string
	}{
		{printChoice{kind: printPNG, copies: 1, lang: "ja"}, "card.png"},
		{printChoice{kind: printA4, copies: 3, lang: "en"}, "sheet.pdf"},
	} {
		path := filepath.Join(dir, tc.file)
		wr, err := storage.Writer(storage.NewFileURI(path))
		if err != nil {
			t.Fatal(err)
		}
		opt, ext := v.printOptions(tc.pc)
		data, err := renderPrint(card, opt, ext)
		if err != nil {
			t.Fatal(err)
		}
		v.writeSecret(wr, data)
		if ext == ".png" {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := png.Decode(f); err != nil {
				t.Errorf("not a PNG: %v", err)
			}
			f.Close()
			continue
		}
		if n := strings.Count(pdftotext(t, path), "SECRET"); n != 3 {
			t.Errorf("the A4 sheet holds %d cards, want 3", n)
		}
	}
}

func TestGridDeleteAsksFirst(t *testing.T) {
	store := newStore(t, nil)
	addTestCard(t, store, "Bank")
	v, w := open(t, store)
	openTestCard(t, v, w, "Bank")
	tapShown(t, w, "Delete…")
	requireShown(t, w, "Delete “Bank” and its log")
	tapShown(t, w, "Cancel")
	if n := len(savedCards(t, store)); n != 1 {
		t.Fatal("Cancel deleted the card")
	}
	tapShown(t, w, "Delete…")
	tapShown(t, w, "Delete")
	if n := len(savedCards(t, store)); n != 0 {
		t.Fatal("the card was not deleted")
	}
	if len(v.pages) != 1 {
		t.Errorf("%d pages open, want the list", len(v.pages))
	}
	requireShown(t, w, "No grid cards yet", "Deleted Bank.")
}

// requireLabelsDrawn checks that every shown label draws its text: a label
// whose text changed while it was hidden may keep drawing nothing.
func requireLabelsDrawn(t *testing.T, v *view, where string) {
	t.Helper()
	for _, o := range shownIn(v.body) {
		l, ok := o.(*widget.Label)
		if !ok || strings.TrimSpace(l.Text) == "" {
			continue
		}
		var drawn strings.Builder
		width := float32(0)
		for _, c := range test.WidgetRenderer(l).Objects() {
			rt, ok := c.(*widget.RichText)
			if !ok {
				continue
			}
			width = max(width, rt.Size().Width)
			for _, cc := range test.WidgetRenderer(rt).Objects() {
				if txt, ok := cc.(*canvas.Text); ok {
					drawn.WriteString(txt.Text)
				}
			}
		}
		if drawn.Len() == 0 || width <= 0 {
			t.Errorf("%s: the label %q draws %q in %v", where, l.Text, drawn.String(), width)
		}
	}
}

// showJapanese switches the window to Japanese.
func showJapanese(v *view) {
	v.getenv = func(k string) string { return map[string]string{"LANG": "ja_JP.UTF-8"}[k] }
	v.setLanguagePref(langAuto)
}

func TestGridScreensHaveEveryTextInBothLanguages(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			store := newStore(t, nil)
			v, w := open(t, store)
			if lang == "ja" {
				showJapanese(v)
			}
			check := func(where string) {
				t.Helper()
				for _, s := range textsOf(w) {
					if strings.Contains(s, "ui.") {
						t.Errorf("%s: untranslated %q", where, s)
					}
				}
				requireLabelsDrawn(t, v, where)
				if min := v.body.MinSize(); min.Width > 560 {
					t.Errorf("%s: the page needs %v wide, more than the window's 560", where, min.Width)
				}
			}
			openGrid(t, v)
			check("empty list")
			addTestCard(t, store, "Bank")
			saveForTest(v, func(*vault.Vault) error { return nil }, nil)
			check("list")
			tapShown(t, w, "Bank")
			for _, c := range []string{"", "A1 C3 J5", "A1 K9", "A1 B1 C1 D1", "A1 、、 $"} {
				challengeEntry(t, w).SetText(c)
				check("card " + c)
			}
			tapShown(t, w, v.msg.T("ui.grid.print"))
			check("print dialog")
			tapShown(t, w, v.msg.T("ui.cancel"))
			v.closePage()
			tapShown(t, w, v.msg.T("ui.grid.add"))
			check("add")
			entries := entriesOf(w)
			entries[1].SetText("aA bB\ncC")
			tapShown(t, w, v.msg.T("ui.grid.add.check"))
			check("add, wrong shape")
			entries[1].SetText(testCardText())
			tapShown(t, w, v.msg.T("ui.grid.add.check"))
			check("add, preview")
			tapShown(t, w, v.msg.T("ui.grid.add.save"))
			check("add, no name")
			v.closePage()
			tapShown(t, w, v.msg.T("ui.grid.generate"))
			check("generate")
			selectsIn(w)[0].SetSelectedIndex(2)
			check("generate, weak")
			selectsIn(w)[0].SetSelectedIndex(0)
			tapShown(t, w, v.msg.T("ui.grid.generate.make"))
			check("generate, no name")
		})
	}
}

// TestGridCardPageInJapanese renders the card's page at the window's
// default size in Japanese, with a challenge typed; with GRID_SHOT set, it
// writes the picture there to look at.
func TestGridCardPageInJapanese(t *testing.T) {
	store := newStore(t, nil)
	addTestCard(t, store, "みずほ銀行")
	v, w := open(t, store)
	v.app.Settings().SetTheme(newTheme())
	showJapanese(v)
	w.Resize(fyne.NewSize(560, 560))
	openTestCard(t, v, w, "みずほ銀行")
	test.Type(challengeEntry(t, w), "Ａ１、Ｃ３・Ｊ５")
	requireShown(t, w, "aAcCjE", "大文字と小文字は区別されます")
	if min := w.Content().MinSize(); min.Width > 560 {
		t.Errorf("the page needs %v wide, more than the window's 560", min.Width)
	}
	if out := os.Getenv("GRID_SHOT"); out != "" {
		f, err := os.Create(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPrintFileName(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Bank", "grid-card-Bank.pdf"},
		{"みずほ 銀行", "grid-card-みずほ-銀行.pdf"},
		{"../../etc/passwd", "grid-card-etc-passwd.pdf"},
		{"  ", "grid-card.pdf"},
	} {
		if got := printFileName(tc.name, ".pdf"); got != tc.want {
			t.Errorf("printFileName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestGridExposureAdvisesANewCard(t *testing.T) {
	store := newStore(t, nil)
	addTestCard(t, store, "Bank")
	// Ten logins, a day apart, have shown the top three rows.
	if _, err := store.Update(func(v *vault.Vault) error {
		c := &v.GridCards[0]
		for col := range 10 {
			c.Record(at59.Add(-time.Duration(10-col)*24*time.Hour), []gridcard.Cell{{Row: 0, Col: col}, {Row: 1, Col: col}, {Row: 2, Col: col}})
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	v, w := open(t, store)
	openGrid(t, v)
	requireShown(t, w, "30 of 50 cells revealed (challenges answered: 10); risk 20.7%. Time for a new card.")
	tapShown(t, w, "Bank")
	requireShown(t, w, "Challenges answered: 10. Cells revealed: 30 of 50.", "with a chance of 20.7%",
		"At 20.7% this card has been seen too often")

	// A fresh card's first answer is far below the threshold: no advice.
	store2 := newStore(t, nil)
	addTestCard(t, store2, "Fresh")
	v2, w2 := open(t, store2)
	openTestCard(t, v2, w2, "Fresh")
	test.Type(challengeEntry(t, w2), "A1 C3 J5")
	tapShown(t, w2, "Copy")
	requireShown(t, w2, "with a chance of 0.0053%")
	if hasShown(w2, "this card has been seen too often") {
		t.Error("a card answered once is said to be worn out")
	}
}

func TestGridPrintDialogA4WithCopies(t *testing.T) {
	v, w, dir := openPrintDialog(t)
	sel := selectsOf(w)
	if len(sel) != 2 {
		t.Fatalf("%d selects in the print dialog, want kind and language", len(sel))
	}
	if hasShown(w, "Copies") {
		t.Error("copies are asked for a wallet-size card")
	}
	sel[0].SetSelectedIndex(int(printA4))
	sel[1].SetSelected(v.msg.T("ui.settings.language.ja"))
	var copies *widget.Entry
	for _, e := range entriesOf(w) {
		if e.Text == "4" {
			copies = e
		}
	}
	if copies == nil {
		t.Fatalf("no copies box for A4; the dialog shows %q", shownTexts(w))
	}
	copies.SetText("0")
	tapShown(t, w, "Save as…")
	requireShown(t, w, "Copies must be a number from 1 to 100.")
	tapShown(t, w, "Close")

	tapShown(t, w, "Print…")
	sel = selectsOf(w)
	sel[0].SetSelectedIndex(int(printA4))
	sel[1].SetSelected(v.msg.T("ui.settings.language.ja"))
	for _, e := range entriesOf(w) {
		if e.Text == "4" {
			e.SetText("2")
		}
	}
	tapShown(t, w, "Save as…")
	tapShown(t, w, "Save")
	text := pdftotext(t, filepath.Join(dir, "grid-card-Bank.pdf"))
	if n := strings.Count(text, "秘密情報"); n != 2 {
		t.Errorf("the sheet holds %d Japanese cards, want 2:\n%s", n, text)
	}
}
