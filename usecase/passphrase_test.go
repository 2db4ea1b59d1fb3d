package usecase

import (
	"errors"
	"testing"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/keystore"
)

func TestPassphrase(t *testing.T) {
	s := storeForTest(t, testNow)
	asked := 0
	newPass := func(p string) NewPassphrase {
		return func() (string, error) { asked++; return p, nil }
	}
	if err := s.SetPassphrase(newPass("x")); !errors.Is(err, vault.ErrNoVault) {
		t.Fatalf("no vault: %v", err)
	}
	addTestAccount(t, s, "GitHub", "alice")
	current := ""
	s.store.SetPassphraseFunc(func(vault.PassphraseRequest) (string, error) { return current, nil })
	tests := []struct {
		name  string
		do    func() error
		want  error
		asked bool
		now   string // the passphrase that opens the vault afterwards
	}{
		{"change without one", func() error { return s.ChangePassphrase(newPass("x")) }, ErrNoPassphrase, false, ""},
		{"remove without one", func() error { return s.RemovePassphrase() }, ErrNoPassphrase, false, ""},
		{"set an empty one", func() error { return s.SetPassphrase(newPass("")) }, ErrEmptyPassphrase, true, ""},
		{"set", func() error { return s.SetPassphrase(newPass("一")) }, nil, true, "一"},
		{"set again", func() error { return s.SetPassphrase(newPass("二")) }, ErrPassphraseSet, false, "一"},
		{"change", func() error { return s.ChangePassphrase(newPass("二")) }, nil, true, "二"},
		{"remove", func() error { return s.RemovePassphrase() }, nil, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asked = 0
			err := tt.do()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if tt.asked != (asked > 0) && tt.name != "remove" {
				t.Errorf("asked for a new passphrase: %v", asked > 0)
			}
			current = tt.now
			s.store.Lock()
			if _, err := s.Load(); err != nil {
				t.Fatalf("the vault does not open with %q: %v", tt.now, err)
			}
			info, _ := s.store.Info()
			if info.Passphrase != (tt.now != "") {
				t.Errorf("passphrase = %v", info.Passphrase)
			}
		})
	}
}

func TestRemovePassphraseOfAFileKey(t *testing.T) {
	store := vault.NewStore(vault.Options{Dir: t.TempDir(), Keyring: keystore.File, ScryptWorkFactor: 10,
		Passphrase: func(vault.PassphraseRequest) (string, error) { return "pass", nil }}, nil)
	s := New(store, nil)
	addTestAccount(t, s, "GitHub", "alice")
	if err := s.RemovePassphrase(); !errors.Is(err, vault.ErrFileKeyNeedsPassphrase) {
		t.Fatalf("remove: %v", err)
	}
}
