package usecase

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/recovery"
	"github.com/mamori-app/mamori/vault/trouble"
)

func TestTroubleOperations(t *testing.T) {
	s := phoneFixture(t, "alice")
	long := strings.Repeat("x", trouble.MaxNoteLen+1)
	tests := []struct {
		name    string
		do      func() (any, error)
		wantErr error
		write   bool
		check   func(t *testing.T, got any)
	}{
		{"lockout for the usual hour", func() (any, error) { return s.RecordLockout("alice", LockoutSpec{}) }, nil, true,
			func(t *testing.T, got any) {
				r := got.(LockoutResult)
				if r.Replaced || r.Lockout.Until.Sub(r.Lockout.Since) != trouble.DefaultLockoutDuration || r.Account.Lockout == nil {
					t.Errorf("%+v", r)
				}
			}},
		{"again for 3h, remembered", func() (any, error) { return s.RecordLockout("alice", LockoutSpec{For: 3 * time.Hour, Remember: true}) }, nil, true,
			func(t *testing.T, got any) {
				if r := got.(LockoutResult); !r.Replaced || r.Account.LockoutDuration != 3*time.Hour {
					t.Errorf("%+v", r)
				}
			}},
		{"until a time past", func() (any, error) { return s.RecordLockout("alice", LockoutSpec{Until: phoneTestAt}) }, trouble.ErrBadTime, false, nil},
		{"a note too long", func() (any, error) { return s.RecordLockout("alice", LockoutSpec{Note: long}) }, trouble.ErrTooLong, false, nil},
		{"clear", func() (any, error) { _, c, err := s.ClearLockout("alice"); return c, err }, nil, true,
			func(t *testing.T, got any) {
				if !got.(bool) {
					t.Error("not cleared")
				}
			}},
		{"clear again: nothing written", func() (any, error) { _, c, err := s.ClearLockout("alice"); return c, err }, nil, false,
			func(t *testing.T, got any) {
				if got.(bool) {
					t.Error("cleared twice")
				}
			}},
		{"tick breach step 1", func() (any, error) { return s.Breach("alice", "1", false, "en") }, nil, true,
			func(t *testing.T, got any) {
				if r := got.(BreachResult); r.Ticked == nil || r.Ticked.Number != 1 {
					t.Errorf("%+v", r)
				}
			}},
		{"a step that cannot be ticked", func() (any, error) { return s.Breach("alice", "99", false, "en") }, trouble.ErrNotTickable, false, nil},
		{"reset and tick in one write", func() (any, error) { return s.Breach("alice", "2", true, "ja") }, nil, true, nil},
		{"neither: nothing written", func() (any, error) { return s.Breach("alice", "", false, "en") }, nil, false, nil},
		{"an error note", func() (any, error) { return s.SetErrorNote("alice", "コード：ce500", "wait ten minutes") }, nil, true,
			func(t *testing.T, got any) {
				if r := got.(ErrorNoteResult); r.Code != "CE500" || r.Replaced {
					t.Errorf("%+v", r)
				}
			}},
		{"the same code replaces it", func() (any, error) { return s.SetErrorNote("alice", "ce500", "call support") }, nil, true,
			func(t *testing.T, got any) {
				if r := got.(ErrorNoteResult); !r.Replaced || len(r.Account.ErrorNotes) != 1 {
					t.Errorf("%+v", r)
				}
			}},
		{"an empty note", func() (any, error) { return s.SetErrorNote("alice", "E1", " ") }, trouble.ErrEmptyNote, false, nil},
		{"remove it", func() (any, error) { return s.RemoveErrorNote("alice", "CE500") }, nil, true, nil},
		{"remove a code without a note", func() (any, error) { return s.RemoveErrorNote("alice", "CE500") }, &NoErrorNoteError{}, false, nil},
		{"recovery details", func() (any, error) {
			_, c, err := s.SetRecovery("alice", func(i *recovery.Info) { i.CardLast4, i.SupportURL = "1234", "https://example.com/help" })
			return c, err
		}, nil, true, nil},
		{"the same details: nothing written", func() (any, error) {
			_, c, err := s.SetRecovery("alice", func(i *recovery.Info) { i.CardLast4 = " 1234 " })
			return c, err
		}, nil, false, nil},
		{"a whole card number is refused", func() (any, error) {
			_, c, err := s.SetRecovery("alice", func(i *recovery.Info) { i.CardLast4 = "4111111111111111" })
			return c, err
		}, recovery.ErrCardDigits, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gen := generation(t, s)
			at := later(s)
			got, err := tt.do()
			if nn := (*NoErrorNoteError)(nil); tt.wantErr != nil && errors.As(tt.wantErr, &nn) {
				if !errors.As(err, &nn) || nn.Code != "CE500" {
					t.Fatalf("error %v", err)
				}
			} else {
				checkErr(t, err, tt.wantErr)
			}
			checkWrite(t, s, gen, tt.write)
			if tt.write {
				v, _ := s.Load()
				if a := mustAccount(t, v, "alice"); !a.Updated.Equal(at) {
					t.Errorf("Updated %v, want %v", a.Updated, at)
				}
			}
			if tt.check != nil && err == nil {
				tt.check(t, got)
			}
		})
	}
}

func TestExplainTrouble(t *testing.T) {
	tests := []struct {
		err error
		id  string
	}{
		{&LockoutError{Err: trouble.ErrTooLong}, "trouble.error.lockout_note_too_long"},
		{&LockoutError{Err: trouble.ErrBadDuration}, "trouble.error.lockout_duration"},
		{&ErrorNoteError{Err: trouble.ErrEmptyCode}, "trouble.error.empty_code"},
		{&ErrorNoteError{Err: trouble.ErrEmptyNote}, "trouble.error.empty_note"},
		{&ErrorNoteError{Err: trouble.ErrTooLong}, "trouble.error.note_too_long"},
		{&NoErrorNoteError{Label: "L", Code: "E1", Err: errors.New("none")}, "trouble.error.no_note"},
		{&BadStepError{Step: "9", Tickable: []int{1, 2}}, "trouble.error.bad_step"},
		{&RecoveryError{Err: recovery.ErrCardDigits}, "recovery.error.card"},
		{&RecoveryError{Err: recovery.ErrBadURL}, "recovery.error.url"},
		{&RecoveryError{Err: recovery.ErrTooLong}, "recovery.error.too_long"},
	}
	for _, tt := range tests {
		if m := Explain(tt.err); m.ID != tt.id {
			t.Errorf("%v: %s, want %s", tt.err, m.ID, tt.id)
		}
	}
}
