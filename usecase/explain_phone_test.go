package usecase

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault/phone"
)

func TestExplainPhone(t *testing.T) {
	ja, err := assets.LoadCatalog(assets.LangJapanese)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		err    error
		id     string
		wantJa string
	}{
		{&NotBoundError{Label: "Example: alice", Number: "+819012345678"}, "phone.error.not_bound", "Example: alice は 090-1234-5678 に結び付いていません。"},
		{fmt.Errorf("tick: %w", &NotOnChecklistError{Label: "L", Old: "iPhone", Device: true}), "device.error.not_on_checklist", "L のコードは iPhone にないため"},
		{&NotOnChecklistError{Label: "L", Old: "090-1234-5678"}, "phone.error.not_on_checklist", "L は 090-1234-5678 に結び付いていない"},
		{ErrChangeNotFound, "phone.error.no_change", "番号変更の記録がありません"},
		{ErrSameNumber, "phone.error.same_number", "同じです"},
		{&DeviceNotFoundError{Query: "nokia"}, "device.error.not_found", "「nokia」に一致する端末はありません。"},
		{&AmbiguousDeviceError{Query: "ip", Names: []string{"iPhone 8", "iPad"}}, "device.error.ambiguous", "「ip」に一致する端末が 2 台あります: iPhone 8、iPad。"},
		{&DeviceExistsError{Name: "iPad"}, "device.error.exists", "iPad という端末はすでに"},
		{&BadHostError{Handset: "iPad", err: phone.ErrBadHost}, "device.error.bad_host", "iPad は記録された端末ではない"},
		{&DeviceNotBoundError{Label: "L", Device: "iPad"}, "device.error.not_bound", "L は iPad に結び付いていません"},
		{&DeviceChangeNotFoundError{Device: "iPad"}, "device.error.no_change", "iPad の変更は記録されていません"},
		{&DeviceChangeNotFoundError{}, "device.error.no_change_id", "端末の変更の記録がありません"},
		{ErrDeviceNeedsName, "device.error.needs_name", "名前を付けて"},
		{ErrSameDevice, "device.error.same_device", "別の端末"},
		{fmt.Errorf("x: %w", phone.ErrUnknownDeviceKind), "device.error.bad_kind", "認証アプリ"},
		{phone.ErrUnknownRole, "phone.error.bad_role", "使い方"},
		{phone.ErrInvalid, "phone.error.bad_number", "正しい電話番号ではありません"},
		{phone.ErrBadChange, "phone.error.bad_change", "記録できません"},
	}
	for _, tt := range tests {
		m := Explain(tt.err)
		if m.ID != tt.id {
			t.Errorf("%v: %s, want %s", tt.err, m.ID, tt.id)
			continue
		}
		if got := ja.T(m.ID, m.Data); !strings.Contains(got, tt.wantJa) {
			t.Errorf("%s in Japanese = %q, want %q in it", m.ID, got, tt.wantJa)
		}
	}
	if m := Explain(errors.New("disk full")); m.ID != "msg.generic" || m.Detail != "disk full" {
		t.Errorf("an unknown error: %+v", m)
	}
}

func TestFindingMessages(t *testing.T) {
	en, _ := assets.LoadCatalog(assets.LangEnglish)
	ja, _ := assets.LoadCatalog(assets.LangJapanese)
	for _, f := range []phone.Finding{
		{Code: phone.FindingSMSOnly, Number: "+819012345678"},
		{Code: phone.FindingOneDevice, Count: 1},
		{Code: phone.FindingVoIPForSMS, Number: "+815012345678", Role: phone.RoleSMS},
		{Code: phone.FindingVoIPForSMS, Number: "+815012345678", Role: phone.RoleBackup},
		{Code: phone.FindingSMSUnsuitable, Number: "+81312345678", Role: phone.RoleSMS},
		{Code: phone.FindingSMSUnsuitable, Number: "+81312345678", Role: phone.RoleBackup},
		{Code: phone.FindingInvalidNumber, Number: "+8100"},
		{Code: phone.FindingBackupCodesUsedUp},
		{Code: phone.FindingBackupCodesLow, Count: 2},
	} {
		m := FindingMessage(f)
		for _, c := range []*assets.Catalog{en, ja} {
			got := c.T(m.ID, m.Data)
			if !c.Has(m.ID) || strings.Contains(got, "<no value>") || strings.Contains(got, string(f.Code)) {
				t.Errorf("%s %s: %q", c.Lang(), f.Code, got)
			}
		}
	}
	if m := FindingMessage(phone.Finding{Code: "new-kind"}); m.ID != "readiness.unknown" || m.Detail == "" {
		t.Errorf("unknown finding: %+v", m)
	}
}

// Every message ID this package names is in every language.
func TestMessageIDsTranslated(t *testing.T) {
	for _, lang := range []string{assets.LangEnglish, assets.LangJapanese} {
		c, _ := assets.LoadCatalog(lang)
		for _, prefix := range []string{"phone.", "device.", "readiness.", "grid.", "trouble.", "recovery."} {
			used, err := assets.KeysUsedIn(".", prefix)
			if err != nil {
				t.Fatal(err)
			}
			for k, where := range used {
				if !c.Has(k) {
					t.Errorf("%s: %q is not in %s", where, k, lang)
				}
			}
		}
	}
}
