package usecase

import (
	"fmt"
	"testing"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/otp"
)

func TestEntryNameAndReasons(t *testing.T) {
	en, ja := catalogs(t)
	for _, tc := range []struct {
		m      Message
		en, ja string
	}{
		{EntryName(importer.Position{Line: 3}, "GitHub: alice"), "line 3 (GitHub: alice)", "3 行目（GitHub: alice）"},
		{EntryName(importer.Position{Code: 2, Entry: 5}, ""), "QR code 2, entry 5", "QR コード 2、5 番目の項目"},
		{EntryName(importer.Position{}, "GitHub: alice"), "GitHub: alice", "GitHub: alice"},
		{EntryName(importer.Position{}, ""), "an entry", "項目"},
		{EntryReason(fmt.Errorf("entry: %w", vault.ErrLabelRequired)), "it has neither an issuer nor an account name", "発行元もアカウント名もありません"},
		{EntryReason(otp.ErrBadDigits), "a code has 6 to 10 digits (5 for Steam)", "コードの桁数は 6〜10 桁です（Steam は 5 桁）"},
		{SkipReason(importer.ErrInTrash), "in the recycle bin", "ごみ箱に入っています"},
		{SkipReason(fmt.Errorf("%w: yandex", importer.ErrUnsupported)), "a kind of token Mamori cannot make codes for", "Mamori がコードを作れない種類のトークンです"},
	} {
		if got := tc.m.Text(en); got != tc.en {
			t.Errorf("en %q, want %q", got, tc.en)
		}
		if got := tc.m.Text(ja); got != tc.ja {
			t.Errorf("ja %q, want %q", got, tc.ja)
		}
	}
}
