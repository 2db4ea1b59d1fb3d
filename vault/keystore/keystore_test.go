package keystore

import (
	"errors"
	"strings"
	"testing"

	"filippo.io/age"
)

func TestWrapUnwrap(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	wrapped, err := Wrap(id, "正しいパスフレーズ", 10)
	if err != nil {
		t.Fatal(err)
	}
	if !Wrapped(wrapped) || Wrapped(id.String()) {
		t.Fatal("Wrapped does not tell a wrapped key from a plain one")
	}
	if strings.Contains(wrapped, id.String()) || len(wrapped) > 2560 {
		t.Fatalf("wrapped key leaks the identity or exceeds the Windows limit (%d bytes)", len(wrapped))
	}
	tests := []struct {
		stored, pass string
		wantErr      error // nil means the identity comes back
	}{
		{wrapped, "正しいパスフレーズ", nil},
		{wrapped, "wrong", ErrWrongPassphrase},
		{wrapped, "", ErrWrongPassphrase},
		{id.String(), "", nil},
		{id.String(), "ignored", nil},
		{"\n" + id.String() + "\n", "", nil},
	}
	for i, tt := range tests {
		got, err := Unwrap(tt.stored, tt.pass)
		switch {
		case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
			t.Errorf("%d: Unwrap error = %v, want %v", i, err, tt.wantErr)
		case tt.wantErr == nil && (err != nil || got.String() != id.String()):
			t.Errorf("%d: Unwrap = %v, %v; want the identity", i, got, err)
		}
	}
	for _, bad := range []string{"", "hello", wrapped[:len(wrapped)/2], strings.Replace(wrapped, "A", "B", 3)} {
		if _, err := Unwrap(bad, "正しいパスフレーズ"); err == nil {
			t.Errorf("Unwrap accepted a damaged key %.20q", bad)
		} else if strings.Contains(err.Error(), "AGE-SECRET-KEY") {
			t.Errorf("error leaks key material: %v", err)
		}
	}
	if _, err := Wrap(id, "", 10); err == nil {
		t.Error("Wrap accepted an empty passphrase")
	}
}

func TestParseMode(t *testing.T) {
	for in, want := range map[string]Mode{"": Auto, "auto": Auto, "System": System, " file ": File} {
		if got, err := ParseMode(in); err != nil || got != want {
			t.Errorf("ParseMode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseMode("kwallet"); err == nil {
		t.Error("ParseMode accepted an unknown mode")
	}
}

func TestMemory(t *testing.T) {
	m := &Memory{}
	if _, err := m.Get("a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get on empty = %v", err)
	}
	if err := m.Set("a", "1"); err != nil {
		t.Fatal(err)
	}
	if s, err := m.Get("a"); s != "1" || err != nil {
		t.Fatalf("Get = %q, %v", s, err)
	}
	if err := m.Delete("a"); err != nil {
		t.Fatal(err)
	}
	m.Err = ErrUnavailable
	if err := m.Set("a", "1"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Set on a broken keyring = %v", err)
	}
}
