package keystore

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// TestUnwrapRefusesCostlyKeys: a key.age in the data folder asking for
// scrypt work factor 21 (2 GiB of memory, above what Mamori writes but
// under age's own default cap) is refused before scrypt runs.
func TestUnwrapRefusesCostlyKeys(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	wrapped, err := Wrap(id, "pass", 10)
	if err != nil {
		t.Fatal(err)
	}
	var bin bytes.Buffer
	if _, err := bin.ReadFrom(armor.NewReader(strings.NewReader(wrapped))); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^(-> scrypt \S+) 10$`)
	if !re.Match(bin.Bytes()) {
		t.Fatal("no scrypt stanza")
	}
	var out bytes.Buffer
	aw := armor.NewWriter(&out)
	aw.Write(re.ReplaceAll(bin.Bytes(), []byte("${1} 21")))
	aw.Close()
	_, err = Unwrap(out.String(), "pass")
	if err == nil || errors.Is(err, ErrWrongPassphrase) || !strings.Contains(err.Error(), "work factor") {
		t.Fatalf("Unwrap of a key asking for work factor 21 = %v, want it refused for its cost", err)
	}
	if _, err := Wrap(id, "pass", 22); err == nil {
		t.Fatal("Wrap at work factor 22 was allowed")
	}
}
