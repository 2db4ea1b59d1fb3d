package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/assets"
)

// TestImportNewFormats imports the fixtures of the formats added for issue
// 17 through the CLI: detected, decrypted with MAMORI_IMPORT_PASSPHRASE
// where encrypted, and named in the summary.
func TestImportNewFormats(t *testing.T) {
	for _, tt := range []struct {
		file, format string
		count        int
		encrypted    bool
		trashed      bool
	}{
		{"andotp.json", "andOTP", 5, false, false},
		{"andotp.json.aes", "andOTP", 5, true, false},
		{"andotp-old.json.aes", "andOTP", 5, true, false},
		{"authpro.authpro", "Authenticator Pro (Stratum)", 4, true, false},
		{"authpro-legacy.authpro", "Authenticator Pro (Stratum)", 4, true, false},
		{"freeotp-plus.json", "FreeOTP+", 4, false, false},
		{"bitwarden.csv", "Bitwarden CSV", 4, false, false},
		{"steam.maFile", "Steam Desktop Authenticator (.maFile)", 1, false, false},
		{"lastpass.json", "LastPass Authenticator", 3, false, false},
		{"1password.1pux", "1Password (1PUX)", 3, false, true},
		{"1password.csv", "1Password CSV", 3, false, true},
		{"totp-authenticator.encrypt", "TOTP Authenticator", 2, true, false},
		{"raivo.zip", "Raivo OTP", 3, true, false},
		{"raivo-aes.zip", "Raivo OTP", 3, true, false},
		{"authplus-aes.zip", "Authenticator Plus", 4, true, false},
		{"freeotp-backup.xml", "FreeOTP", 4, true, false},
	} {
		t.Run(tt.file, func(t *testing.T) {
			h := newHarness(t)
			for _, s := range append(fixtureSecrets, "ON2GKYLNFVZWQYLSMVSC243FMNZGK5BB", fixturePassword) {
				h.addSecret(s)
			}
			h.env[envImportPassphrase] = fixturePassword
			r := h.ok("", "import", importFixture(tt.file))
			want := "as " + tt.format
			if tt.encrypted {
				want += " (encrypted)"
			}
			if !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "imported "+accountsText(tt.count)) {
				t.Errorf("stderr:\n%s\nwant %q and %d accounts", r.stderr, want, tt.count)
			}
			if got := strings.Contains(r.stderr, "trash or recycle bin"); got != tt.trashed {
				t.Errorf("trash note %v, want %v:\n%s", got, tt.trashed, r.stderr)
			}
			if n := len(h.listJSON()); n != tt.count {
				t.Errorf("%d accounts in the vault, want %d", n, tt.count)
			}
		})
	}
}

// TestImportRefusalsInBothLanguages checks the new refusals through the
// CLI in English and Japanese: a recognised file that cannot be imported,
// a cut-off link, an HOTP link without its counter, a hostile key
// derivation. Nothing is saved, and the Japanese text holds no English
// identifier.
func TestImportRefusalsInBothLanguages(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cut := write("cut.txt", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\notpauth://totp/X:y?secret=MFRGGZDFMZTWQ2LK&digi")
	hotp := write("hotp.txt", "otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&issuer=Bank\n")
	hostile := write("hostile.json", `{"version":1,"kdfParams":{"memLimit":4294967296,"opsLimit":1,"salt":"AAAAAAAAAAAAAAAAAAAAAA=="},"encryptedData":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","encryptionNonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}`)
	gadb := importFixture("google-authenticator.db")
	locked := importFixture("locked.zip")
	identifier := regexp.MustCompile(`[a-z]+(-[a-z]+)+|ErrCutOff|google_authenticator`)
	for _, lang := range []string{assets.LangEnglish, assets.LangJapanese} {
		c, err := assets.LoadCatalog(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name, file string
			want       []string
		}{
			{"cut off", cut, []string{c.T("import.reason.cut_off", data{"Param": c.T("import.param.digits")})}},
			{"hotp without counter", hotp, []string{c.T("import.reason.no_counter")}},
			{"hostile kdf", hostile, []string{c.T("import.hint.too_costly")}},
			{"google authenticator db", gadb, []string{c.T("import.unreadable.google_authenticator_db.hint")}},
			{"password-protected zip", locked, []string{c.T("import.unreadable.encrypted_zip.hint"), "secret.txt"}},
		} {
			t.Run(lang+"/"+tt.name, func(t *testing.T) {
				h := newHarness(t)
				h.env["LANG"] = map[string]string{assets.LangEnglish: "C", assets.LangJapanese: "ja_JP.UTF-8"}[lang]
				h.env[envImportPassphrase] = fixturePassword
				before := h.snapshot()
				r := h.fails(exitFailure, tt.want, "", "import", tt.file)
				h.sameSnapshot(before, "a refused import")
				if lang == assets.LangJapanese {
					msg := strings.ReplaceAll(r.stderr, tt.file, "")
					msg = strings.ReplaceAll(msg, "secret.txt", "")
					if m := identifier.FindString(msg); m != "" {
						t.Errorf("Japanese message holds %q:\n%s", m, r.stderr)
					}
				}
			})
		}
	}
}

// TestImportSummaryInJapanese: what an import of the new formats says in
// Japanese (skips included) holds no English word of the importer's.
func TestImportSummaryInJapanese(t *testing.T) {
	// Product names (andOTP, LastPass…) are names in Japanese too.
	english := regexp.MustCompile(`(?i)\b(type|kind|token|push|only|entry|line|skipped|imported)\b`)
	for _, file := range []string{"andotp.json", "authpro.json", "lastpass.json", "1password.1pux", "1password.csv"} {
		t.Run(file, func(t *testing.T) {
			h := newHarness(t)
			h.env["LANG"] = "ja_JP.UTF-8"
			r := h.ok("", "import", importFixture(file))
			msg := strings.ReplaceAll(r.stderr, importFixture(file), "")
			if m := english.FindString(msg); m != "" {
				t.Errorf("Japanese summary holds %q:\n%s", m, r.stderr)
			}
		})
	}
}

// accountsText is "1 account" or "N accounts", as the CLI counts them.
func accountsText(n int) string {
	if n == 1 {
		return "1 account"
	}
	return itoa(n) + " accounts"
}
