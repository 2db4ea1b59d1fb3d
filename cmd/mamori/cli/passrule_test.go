package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChosenPassphrasesFollowTheRule: every passphrase a person chooses
// through the CLI (a new key file's, a new app passphrase, a kit's, from
// the environment or typed) passes the one passphrase rule; a refusal says
// why in the person's language and changes nothing.
func TestChosenPassphrasesFollowTheRule(t *testing.T) {
	t.Run("new key file from MAMORI_PASSPHRASE", func(t *testing.T) {
		h := newHarness(t)
		h.env[envPassphrase] = "password1"
		h.fails(exitFailure, []string{"the new passphrase is refused: It is, or contains, one of the passwords people use most.",
			"hint: set MAMORI_PASSPHRASE to a stronger passphrase"}, "", "add", "a", "--secret", "JBSWY3DPEHPK3PXP")
		if n := len(h.snapshot()); n != 0 {
			t.Errorf("a refused passphrase left %d file(s)", n)
		}
		// Japanese is estimated, not refused for its script.
		h.env[envPassphrase] = "わたしのなまえはまもりです"
		h.ok("", "add", "a", "--secret", "JBSWY3DPEHPK3PXP")
	})
	t.Run("in Japanese", func(t *testing.T) {
		h := newHarness(t)
		h.env["LANG"] = "ja_JP.UTF-8"
		h.env[envPassphrase] = "19850412"
		h.fails(exitFailure, []string{"新しいパスフレーズは使えません: 日付が含まれています。"}, "", "add", "a", "--secret", "JBSWY3DPEHPK3PXP")
	})
	t.Run("new app passphrase from MAMORI_NEW_PASSPHRASE", func(t *testing.T) {
		h, _ := newMemoryHarness(t)
		h.ok("", "add", "a", "--secret", "JBSWY3DPEHPK3PXP")
		before := h.snapshot()
		h.env[envNewPassphrase] = "qwertyuiop"
		h.fails(exitFailure, []string{"the new passphrase is refused", "hint: set MAMORI_NEW_PASSPHRASE"}, "", "passphrase", "set")
		h.sameSnapshot(before, "a refused passphrase")
	})
	t.Run("typed new app passphrase", func(t *testing.T) {
		h, _ := newMemoryHarness(t)
		h.ok("", "add", "a", "--secret", "JBSWY3DPEHPK3PXP")
		h.tty = &scriptedTTY{lines: []string{"aaaaaaaaaaaaaaaa", "abcdefgh1234", "2001-09-11"}}
		before := h.snapshot()
		r := h.fails(exitFailure, []string{"no passphrase was set"}, "", "passphrase", "set")
		for _, w := range []string{"repeats characters", "a run such as", "contains a date"} {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("the refusals do not say %q:\n%s", w, r.stderr)
			}
		}
		h.sameSnapshot(before, "refused passphrases")
	})
	t.Run("shared vault key from MAMORI_KIT_PASSPHRASE", func(t *testing.T) {
		h := newHarness(t)
		h.ok("", "add", "a", "--secret", "JBSWY3DPEHPK3PXP")
		out := filepath.Join(t.TempDir(), "key.age")
		h.env[envKitPassphrase] = "mamori2024"
		h.fails(exitFailure, []string{"the new passphrase is refused", "hint: choose a stronger one"}, "", "vault", "share-key", "--out", out)
		if _, err := os.Stat(out); err == nil {
			t.Error("a key was shared with a refused passphrase")
		}
	})
	t.Run("kit from MAMORI_KIT_PASSPHRASE", func(t *testing.T) {
		h := newHarness(t)
		h.ok("", "add", "a", "--secret", "JBSWY3DPEHPK3PXP")
		out := filepath.Join(t.TempDir(), "kit.age")
		h.env[envKitPassphrase] = "ぱすわーど"
		h.fails(exitFailure, []string{"the new passphrase is refused: It is, or contains, one of the passwords people use most.",
			"hint: choose a stronger one, or let Mamori make one with --generate-passphrase"}, "", "kit", "export", "-o", out)
		if _, err := os.Stat(out); err == nil {
			t.Error("a kit was written with a refused passphrase")
		}
	})
}
