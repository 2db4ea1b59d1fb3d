package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
)

// TestPreferencesHoldNoSecret uses the app the way a person does (copy a
// code, reveal and copy the secret, add an account, change settings, answer
// the clock-check consent) and then reads every preference Fyne would write
// to disk: only the known setting keys may be there, and no value may hold a
// code, a secret or a login ID.
func TestPreferencesHoldNoSecret(t *testing.T) {
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"GitHub", "alice@example.com", otp.TOTP, 6, ""})
	v, w := open(t, store)
	v.copyTop()
	code := v.app.Clipboard().Content()
	if code == "" {
		t.Fatal("nothing was copied")
	}
	v.openAccount(v.accounts[0].ID)
	tapButton(t, w, "Reveal")
	tapButton(t, w, "Copy secret")
	if got := v.app.Clipboard().Content(); got != rfcSecret {
		t.Fatalf("Copy secret put %q on the clipboard", got)
	}
	v.closePage()
	v.showAdd()
	v.addForm.uri.SetText("otpauth://totp/Example:bob?secret=JBSWY3DPEHPK3PXP&issuer=Example")
	tapButton(t, w, "Add")
	v.setLanguagePref("ja")
	v.setLanguagePref(langAuto)

	reader, ok := v.prefs.(interface{ ReadValues(func(map[string]any)) })
	if !ok {
		t.Fatalf("the test app's preferences (%T) cannot be listed", v.prefs)
	}
	allowed := []string{prefLanguage, prefClipboardSeconds, prefIdleLockMinutes, prefListOrder,
		prefNTPAllowed, prefNTPServer}
	reader.ReadValues(func(values map[string]any) {
		if len(values) == 0 {
			t.Error("no preference was written; the test does not exercise Settings")
		}
		for k, val := range values {
			if !slices.Contains(allowed, k) {
				t.Errorf("unexpected preference %q = %v", k, val)
			}
			s := fmt.Sprint(val)
			for _, secret := range []string{code, rfcSecret, "JBSWY3DPEHPK3PXP", "alice@example.com", "bob"} {
				if strings.Contains(s, secret) {
					t.Errorf("preference %q holds %q", k, secret)
				}
			}
		}
	})
}

// TestErrorScreensExplainInThePersonsLanguage opens the window on stores
// that fail the way a person meets them and checks the translated
// explanation and the way out.
func TestErrorScreensExplainInThePersonsLanguage(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"wrong passphrase", fmt.Errorf("opening the vault: %w", vault.ErrWrongPassphrase), "ui.error.wrong_pass"},
		{"keyring gone", fmt.Errorf("reading the vault key: %w", keystore.ErrUnavailable), "ui.error.keyring"},
		{"key missing", fmt.Errorf("reading the vault key: %w", vault.ErrKeyMissing), "ui.error.key"},
		{"newer vault", fmt.Errorf("reading the vault: %w", vault.ErrNewerVersion), "ui.error.newer"},
		{"other", errors.New("disk on fire"), "ui.error.other"},
	} {
		for _, lang := range []string{"en", "ja"} {
			t.Run(tc.name+"/"+lang, func(t *testing.T) {
				v, w := open(t, newStore(t, nil))
				v.setLanguagePref(lang)
				v.showError(tc.err)
				if v.mode != modeError {
					t.Fatalf("mode %d", v.mode)
				}
				requireText(t, w, v.msg.T(tc.want), v.msg.T("ui.retry"))
				if lang == "ja" && hasText(w, "Retry") {
					t.Error("the Japanese error screen shows English buttons")
				}
			})
		}
	}
}
