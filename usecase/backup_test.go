package usecase

import (
	"errors"
	"testing"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/backup"
)

func TestBackupCodes(t *testing.T) {
	s := storeForTest(t, testNow)
	a := addTestAccount(t, s, "GitHub", "alice")
	sheet := []string{"1111-2222", "3333-4444", "5555-6666", "7777-8888"}
	tests := []struct {
		name  string
		do    func() error
		want  error
		write bool
	}{
		{"use with no codes", func() error { _, err := s.UseBackupCode(a.ID, "1111-2222"); return err }, backup.ErrNoCodes, false},
		{"next with no codes", func() error { _, err := s.UseNextBackupCode(a.ID); return err }, backup.ErrNoCodes, false},
		{"record a sheet", func() error {
			r, err := s.SetBackupSheet(a.ID, sheet)
			if err == nil && (r.Recorded != 4 || r.Old.Current != nil || !r.Account.Updated.Equal(testNow)) {
				t.Errorf("recorded %+v", r)
			}
			return err
		}, nil, true},
		{"use one, typed loosely", func() error {
			r, err := s.UseBackupCode(a.ID, "３３３３ ４４４４")
			if err == nil && (r.Number != 2 || r.Set().Remaining() != 3) {
				t.Errorf("used %+v", r)
			}
			return err
		}, nil, true},
		{"use it again", func() error { _, err := s.UseBackupCode(a.ID, "33334444"); return err }, backup.ErrAlreadyUsed, false},
		{"an unknown code", func() error { _, err := s.UseBackupCode(a.ID, "9999-9999"); return err }, backup.ErrUnknownCode, false},
		{"the next one is the first unused", func() error {
			r, err := s.UseNextBackupCode(a.ID)
			if err == nil && (r.Number != 1 || r.Code.Code != "1111-2222" || r.Code.Used == nil) {
				t.Errorf("next %+v", r)
			}
			return err
		}, nil, true},
		{"a threshold out of range", func() error { _, err := s.SetBackupThreshold(a.ID, backup.MaxCodes+1); return err }, backup.ErrBadThreshold, false},
		{"a threshold", func() error { _, err := s.SetBackupThreshold(a.ID, 2); return err }, nil, true},
		{"the same threshold: nothing written", func() error { _, err := s.SetBackupThreshold(a.ID, 2); return err }, nil, false},
		{"a sheet with a known code", func() error { _, err := s.SetBackupSheet(a.ID, []string{"1111-2222", "0000-1111"}); return err }, backup.ErrKnownCode, false},
		{"a new sheet voids the old", func() error {
			r, err := s.SetBackupSheet(a.ID, []string{"aaaa-bbbb", "cccc-dddd"})
			if err == nil && (r.Old.Total() != 4 || r.Account.Backup.History == nil) {
				t.Errorf("replaced %+v", r)
			}
			return err
		}, nil, true},
		{"a code of the void sheet", func() error { _, err := s.UseBackupCode(a.ID, "5555-6666"); return err }, backup.ErrVoid, false},
		{"no account", func() error { _, err := s.UseNextBackupCode("nobody"); return err }, vault.ErrNotFound, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := generation(t, s)
			err := tt.do()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if wrote := generation(t, s) != before; wrote != tt.write {
				t.Errorf("wrote = %v, want %v", wrote, tt.write)
			}
		})
	}
}
