package usecase

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/backup"
	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/kit"
	"github.com/mamori-app/mamori/vault/otp"
)

func catalogs(t *testing.T) (en, ja *assets.Catalog) {
	t.Helper()
	en, errEn := assets.LoadCatalog(assets.LangEnglish)
	ja, errJa := assets.LoadCatalog(assets.LangJapanese)
	if err := errors.Join(errEn, errJa); err != nil {
		t.Fatal(err)
	}
	return en, ja
}

// Every "msg.…" literal in the package's source is a text in both
// languages, and the files hold no "msg.…" text the package dropped.
func TestEveryMessageIsTranslated(t *testing.T) {
	en, ja := catalogs(t)
	used, err := assets.KeysUsedIn(".", "msg.")
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 20 {
		t.Fatalf("found only %d keys; the scan is broken", len(used))
	}
	for k, where := range used {
		if !en.Has(k) || !ja.Has(k) {
			t.Errorf("%s: %q is not in both languages", where, k)
		}
	}
	for _, k := range en.Keys() {
		if _, ok := used[k]; strings.HasPrefix(k, "msg.") && !ok {
			t.Errorf("%q is in the translations but never used", k)
		}
	}
}

func TestText(t *testing.T) {
	en, ja := catalogs(t)
	m := Message{ID: "cli.error.invalid_key", Data: map[string]any{"Reason": Message{ID: "msg.otp.bad_secret"}}}
	if got := m.Text(en); !strings.Contains(got, "Base32") || strings.Contains(got, "msg.") {
		t.Errorf("en: %q", got)
	}
	if got := m.Text(ja); !strings.Contains(got, "Base32（英字") {
		t.Errorf("ja: %q", got)
	}
	if got := (Message{ID: "msg.format.aegis"}).Text(en); got != "Aegis" {
		t.Errorf("no data: %q", got)
	}
}

func TestKeyReason(t *testing.T) {
	en, _ := catalogs(t)
	for _, tc := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("parse: %w", otp.ErrBadSecret), "msg.otp.bad_secret"},
		{otp.ErrNotOTPAuth, "msg.otp.not_otpauth"},
		{otp.ErrBadTime, "msg.otp.bad_time"},
		{errors.New("JBSWY3DP is bad"), "msg.otp.other"},
	} {
		got := KeyReason(tc.err)
		if got.ID != tc.want {
			t.Errorf("%v: %s, want %s", tc.err, got.ID, tc.want)
		}
		if strings.Contains(got.Text(en), "JBSWY3DP") {
			t.Errorf("%v: the reason repeats the input", tc.err)
		}
	}
	if _, ok := OTPReason(errors.New("other")); ok {
		t.Error("an error otp does not make has a reason")
	}
}

func TestFormatName(t *testing.T) {
	en, ja := catalogs(t)
	for _, f := range append(importer.Formats(), importer.FormatUnknown) {
		m := FormatName(f)
		for _, c := range []*assets.Catalog{en, ja} {
			if got := m.Text(c); got == "" || strings.HasPrefix(got, "msg.") {
				t.Errorf("%s in %s: %q", f, c.Lang(), got)
			}
		}
	}
}

func TestPercent(t *testing.T) {
	for _, tc := range []struct {
		p    float64
		want string
	}{
		{0, "0%"}, {-1, "0%"}, {0.000012, "0.0012%"}, {0.0015, "0.150%"}, {0.035, "3.5%"}, {1, "100.0%"},
	} {
		if got := Percent(tc.p); got != tc.want {
			t.Errorf("Percent(%v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestExplain(t *testing.T) {
	en, ja := catalogs(t)
	at := time.Date(2026, 1, 2, 3, 4, 0, 0, time.Local)
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&DuplicateError{Label: "GitHub: alice"}, "msg.account.duplicate"},
		{&DuplicateError{Label: "Amazon: taro", NoOTP: true}, "msg.account.duplicate_name"},
		{ErrDuplicate, "msg.account.all_duplicate"},
		{&NotFoundError{Query: "x"}, "msg.account.gone"},
		{vault.ErrNameRequired, "msg.account.need_name"},
		{&vault.TagTooLongError{Tag: "x"}, "msg.account.tag_long"},
		{fmt.Errorf("set: %w", vault.ErrTooManyTags), "msg.account.many_tags"},
		{ErrNotHOTP, "msg.account.not_hotp"},
		{ErrCounterExhausted, "msg.account.counter_exhausted"},
		{&backup.UsedError{Number: 2, When: at}, "msg.backup.used"},
		{&backup.VoidError{Generation: 1, Voided: at, Used: &at}, "msg.backup.void_used"},
		{&backup.VoidError{Generation: 1, Voided: at}, "msg.backup.void"},
		{backup.ErrUnknownCode, "msg.backup.unknown"},
		{backup.ErrNoneLeft, "msg.backup.none_left"},
		{backup.ErrKnownCode, "msg.backup.known"},
		{backup.ErrNoCodes, "msg.backup.no_codes"},
		{backup.ErrTooLarge, "msg.backup.too_large"},
		{backup.ErrBadThreshold, "msg.backup.bad_threshold"},
		{kit.ErrWrongPassphrase, "msg.kit.wrong_passphrase"},
		{kit.ErrWrongKey, "msg.kit.wrong_key"},
		{kit.ErrDamaged, "msg.kit.damaged"},
		{kit.ErrNotKit, "msg.kit.not_kit"},
		{kit.ErrNewerVersion, "msg.kit.newer"},
		{errors.New("disk full"), "msg.generic"},
	} {
		m := Explain(tc.err)
		if m.ID != tc.want {
			t.Errorf("%v: %s, want %s", tc.err, m.ID, tc.want)
			continue
		}
		for _, c := range []*assets.Catalog{en, ja} {
			if got := m.Text(c); strings.Contains(got, "<no value>") || strings.Contains(got, "msg.") {
				t.Errorf("%v in %s: %q", tc.err, c.Lang(), got)
			}
		}
		if _, known := ExplainKnown(tc.err); known == (tc.want == "msg.generic") {
			t.Errorf("%v: ExplainKnown says known = %v", tc.err, known)
		}
	}
	if m := Explain(errors.New("disk full")); m.Detail != "disk full" {
		t.Errorf("generic detail %q", m.Detail)
	}
}
