package usecase

import (
	"testing"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault/service"
)

func TestMethodNames(t *testing.T) {
	en, _ := assets.LoadCatalog(assets.LangEnglish)
	ja, _ := assets.LoadCatalog(assets.LangJapanese)
	tests := []struct {
		s      service.Service
		en, ja string
	}{
		{service.Service{}, "no second step recorded", "2段階認証の記録なし"},
		{service.Service{Methods: []service.Method{service.MethodTOTP, service.MethodSMS}}, "authenticator app, SMS", "認証アプリ、SMS"},
		{service.Service{Methods: []service.Method{service.MethodOwnApp, "carrier-pigeon"}, Software: []string{"Steam Mobile"}}, "its own app (Steam Mobile)", "専用アプリ（Steam Mobile）"},
	}
	for _, tt := range tests {
		m := MethodNames(tt.s)
		if got := m.Text(en); got != tt.en {
			t.Errorf("%v in English: %q, want %q", tt.s.Methods, got, tt.en)
		}
		if got := m.Text(ja); got != tt.ja {
			t.Errorf("%v in Japanese: %q, want %q", tt.s.Methods, got, tt.ja)
		}
	}
}
