package kit

import (
	"bytes"
	"strings"
	"testing"

	"filippo.io/age"
)

func TestLooksLikeKit(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	encrypt := func(armor bool) []byte {
		var buf bytes.Buffer
		if err := Export(&buf, sampleVault(t), ExportOptions{Recipients: []age.Recipient{id.Recipient()}, Armor: armor}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for _, c := range []struct {
		name string
		data []byte
		want bool
	}{
		{"binary kit", encrypt(false), true},
		{"armored kit", encrypt(true), true},
		{"armored after blank lines", append([]byte("\n\r\n  "), encrypt(true)...), true},
		{"empty", nil, false},
		{"otpauth list", []byte("otpauth://totp/A?secret=JBSWY3DPEHPK3PXP\n"), false},
		{"json", []byte(`{"version":1}`), false},
		{"header alone without newline", []byte("age-encryption.org/v1"), false},
		{"armor header in the middle", []byte("hello\n-----BEGIN AGE ENCRYPTED FILE-----\n"), false},
	} {
		if got := LooksLikeKit(c.data); got != c.want {
			t.Errorf("%s: LooksLikeKit = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestGeneratePassphrase(t *testing.T) {
	inList := map[string]bool{}
	for _, w := range wordList {
		inList[w] = true
	}
	if len(wordList) != 2048 || len(inList) != 2048 {
		t.Fatalf("word list has %d words, %d distinct; want 2048", len(wordList), len(inList))
	}
	for _, c := range []struct {
		name  string
		bytes []byte
		want  string // "" means: any 10 listed words
		fails bool
	}{
		{"zero bytes pick the first word", make([]byte, 20), strings.Repeat("abandon-", 9) + "abandon", false},
		{"0x07ff picks the last word", bytes.Repeat([]byte{0x07, 0xff}, 10), strings.Repeat("zoo-", 9) + "zoo", false},
		{"high bits wrap around", bytes.Repeat([]byte{0xf8, 0x01}, 10), strings.Repeat("ability-", 9) + "ability", false},
		{"too few random bytes", make([]byte, 19), "", true},
	} {
		got, err := generatePassphrase(bytes.NewReader(c.bytes))
		if (err != nil) != c.fails || got != c.want {
			t.Errorf("%s: = %q, %v; want %q (fails %v)", c.name, got, err, c.want, c.fails)
		}
	}
	a, errA := GeneratePassphrase()
	b, errB := GeneratePassphrase()
	if errA != nil || errB != nil || a == b {
		t.Fatalf("GeneratePassphrase = %q, %v and %q, %v", a, errA, b, errB)
	}
	words := strings.Split(a, "-")
	if len(words) != PassphraseWords {
		t.Errorf("%q has %d words", a, len(words))
	}
	for _, w := range words {
		if !inList[w] {
			t.Errorf("%q is not in the list", w)
		}
	}
}
