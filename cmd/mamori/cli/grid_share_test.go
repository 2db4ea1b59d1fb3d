package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
)

// ageIdentity makes an age key pair with the age library and writes the
// identity to a file private to its owner: the file and the public key.
func ageIdentity(t *testing.T, dir, name string) (file, recipient string) {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(dir, name)
	if err := os.WriteFile(file, []byte(id.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return file, id.Recipient().String()
}

// exposureEvents is "grid exposure --json" of the card: each event as
// its time and its cells, sorted.
func (h *harness) exposureEvents(card string) (exposureJSON, []string) {
	h.t.Helper()
	var out exposureJSON
	decodeOne(h.t, h.ok("", "grid", "exposure", card, "--json").stdout, &out)
	var events []string
	for _, ev := range out.Events {
		events = append(events, ev.At.UTC().Format(time.RFC3339)+" "+strings.Join(ev.Cells, " "))
	}
	slices.Sort(events)
	return out, events
}

// TestGridShare shares a card between two vaults through age-encrypted
// kits, both ways: the card keeps one identity, and the exposure logs of
// everyone who answers from it merge.
func TestGridShare(t *testing.T) {
	dir := t.TempDir()
	idA, recipA := ageIdentity(t, dir, "a.key")
	idB, recipB := ageIdentity(t, dir, "b.key")
	a, b := newHarness(t), newHarness(t)

	a.ok("", "grid", "new", "fam", "--label", "母の銀行")
	a.ok("", "grid", "answer", "fam", "A1 C3 J5")
	cardA := a.gridCard("fam")

	toB := filepath.Join(dir, "to-b.age")
	a.ok("", "kit", "export", "--grid", "fam", "-r", recipB, "--out", toB)
	// Only B's key opens it.
	b.fails(exitFailure, []string{"none of the 1 key given opens"}, "", "kit", "import", toB, "-i", idA)
	b.ok("", "kit", "import", toB, "-i", idB)
	cardB := b.gridCard("fam")
	if cardB.ID != cardA.ID || cardB.Label != "母の銀行" {
		t.Fatalf("B's card is %+v, A's %+v", cardB, cardA)
	}
	// The same cells: the same challenge answers the same.
	if ga, gb := a.ok("", "grid", "answer", "fam", "B2 D4", "--no-record").stdout, b.ok("", "grid", "answer", "fam", "B2 D4", "--no-record").stdout; ga != gb {
		t.Errorf("A answers %q, B %q", ga, gb)
	}

	// Each answers a challenge of their own, later.
	b.now = b.now.Add(time.Hour)
	b.ok("", "grid", "answer", "fam", "E2 G4 B5")
	a.now = a.now.Add(2 * time.Hour)
	a.ok("", "grid", "answer", "fam", "D1 H3 I2")
	_, eventsA := a.exposureEvents("fam")
	_, eventsB := b.exposureEvents("fam")
	if len(eventsA) != 2 || len(eventsB) != 2 {
		t.Fatalf("before merging, A logged %q and B %q; want 2 each", eventsA, eventsB)
	}

	toA := filepath.Join(dir, "to-a.age")
	b.ok("", "kit", "export", "--grid", "fam", "-r", recipA, "--out", toA)
	a.ok("", "kit", "import", toA, "-i", idA)

	out, merged := a.exposureEvents("fam")
	want := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(eventsA), eventsB...))))
	if !slices.Equal(merged, want) || len(merged) != 3 {
		t.Errorf("A's log after merging = %q, want the union %q", merged, want)
	}
	revealed := map[string]bool{}
	for _, c := range out.RevealedCells {
		revealed[c] = true
	}
	for _, c := range strings.Fields("A1 C3 J5 E2 G4 B5 D1 H3 I2") {
		if !revealed[c] {
			t.Errorf("cell %s is not counted as revealed after merging: %v", c, out.RevealedCells)
		}
	}
	if out.Answered != 3 || out.Revealed != 9 {
		t.Errorf("answered %d, revealed %d; want 3 and 9", out.Answered, out.Revealed)
	}
	var cards []gridJSON
	decodeOne(t, a.ok("", "grid", "list", "--json").stdout, &cards)
	if len(cards) != 1 || cards[0].ID != cardA.ID {
		t.Errorf("after importing its own card back, A has %+v; want the one card %s", cards, cardA.ID)
	}
}
