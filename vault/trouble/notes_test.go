package trouble

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/backup"
)

func TestNormalizeErrorCode(t *testing.T) {
	for in, want := range map[string]string{
		"SS503":           "SS503",
		" ss503 ":         "SS503",
		"ＳＳ５０３":           "SS503",
		"コード:SS503":       "SS503",
		"コード：ce500":       "CE500",
		"code: 500":       "500",
		"Error code 429":  "429",
		"エラーコード　E-12":     "E-12",
		"code":            "",
		"":                "",
		"E\x0042\n":       "E42",
		"AUTH_FAILED_001": "AUTH_FAILED_001",
		"codex1":          "CODEX1",
		"CODE:E1":         "E1",
	} {
		if got := NormalizeErrorCode(in); got != want {
			t.Errorf("NormalizeErrorCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestErrorNotes(t *testing.T) {
	now := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	var notes []ErrorNote
	notes, replaced, err := SetErrorNote(notes, "e42", "wait a day", now)
	if err != nil || replaced || len(notes) != 1 || notes[0].Code != "E42" {
		t.Fatalf("first note: %+v %v %v", notes, replaced, err)
	}
	before := notes
	notes, replaced, err = SetErrorNote(notes, "Ｅ４２", "call support", now.Add(time.Hour))
	if err != nil || !replaced || len(notes) != 1 || notes[0].Text != "call support" || !notes[0].Added.Equal(now.Add(time.Hour)) {
		t.Fatalf("replacing: %+v %v %v", notes, replaced, err)
	}
	if before[0].Text != "wait a day" {
		t.Error("SetErrorNote changed its input")
	}
	// Advice: own note first, then what is known in advance.
	if err := func() error {
		notes2, _, err := SetErrorNote(notes, "SS503", "this site: 10 minutes", now)
		if err != nil {
			return err
		}
		got, err := LookupError(notes2, "コード:ss503", English)
		if err != nil {
			return err
		}
		if len(got) != 2 || !got[0].Own || got[0].Text != "this site: 10 minutes" || got[1].Own || got[1].Kind != KindRateLimit {
			t.Errorf("LookupError = %+v", got)
		}
		return nil
	}(); err != nil {
		t.Fatal(err)
	}
	for code, kind := range map[string]ErrorKind{"ce500": KindRedirect, "500": KindServer, "503": KindUnavailable, "429": KindRateLimit} {
		got, err := LookupError(nil, code, Japanese)
		if err != nil || len(got) != 1 || got[0].Kind != kind || got[0].Text == "" {
			t.Errorf("LookupError(%s) = %+v, %v", code, got, err)
		}
	}
	if got, err := LookupError(nil, "nothing", English); err != nil || len(got) != 0 {
		t.Errorf("unknown code: %+v %v", got, err)
	}
	all, err := KnownErrors(notes, English)
	if err != nil || len(all) < 5 || !all[0].Own {
		t.Errorf("KnownErrors = %+v, %v", all, err)
	}

	for _, tc := range []struct {
		code, text string
		want       error
	}{
		{"", "x", ErrEmptyCode},
		{"コード：", "x", ErrEmptyCode},
		{"E1", "  ", ErrEmptyNote},
		{strings.Repeat("E", MaxErrorCodeLen+1), "x", ErrTooLong},
		{"E1", strings.Repeat("x", MaxNoteLen+1), ErrTooLong},
	} {
		if _, _, err := SetErrorNote(notes, tc.code, tc.text, now); !errors.Is(err, tc.want) {
			t.Errorf("SetErrorNote(%q, %d chars) = %v, want %v", tc.code, len(tc.text), err, tc.want)
		}
	}
	notes, err = RemoveErrorNote(notes, " e42")
	if err != nil || len(notes) != 0 {
		t.Errorf("remove: %+v %v", notes, err)
	}
	if _, err := RemoveErrorNote(notes, "E42"); !errors.Is(err, ErrNoSuchNote) {
		t.Errorf("remove again: %v", err)
	}
}

func TestEventsAndTicks(t *testing.T) {
	now := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	steps, err := TickableSteps()
	if err != nil || len(steps) < 5 || steps[0] != "password" {
		t.Fatalf("TickableSteps = %v, %v", steps, err)
	}
	var ev []Event
	for i, s := range steps[:3] {
		if ev, err = Tick(ev, s, now.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if ev, err = Tick(ev, steps[0], now.Add(5*time.Hour)); err != nil {
		t.Fatal(err)
	}
	ticks := BreachTicks(ev)
	if len(ticks) != 3 || !ticks[steps[0]].Equal(now.Add(5*time.Hour)) || !ticks[steps[2]].Equal(now.Add(2*time.Hour)) {
		t.Errorf("ticks = %v", ticks)
	}
	if _, err := Tick(ev, "support", now); !errors.Is(err, ErrNotTickable) {
		t.Errorf("ticking advice: %v", err)
	}
	if _, err := Tick(ev, "nope", now); !errors.Is(err, ErrNotTickable) {
		t.Errorf("ticking nothing: %v", err)
	}
	ev, _ = AddEvent(ev, EventBreachReset, "", now.Add(6*time.Hour))
	if len(BreachTicks(ev)) != 0 {
		t.Error("a reset keeps old ticks")
	}
	for i := 0; i < MaxEvents+10; i++ {
		ev, _ = AddEvent(ev, EventLockout, "", now)
	}
	if len(ev) != MaxEvents {
		t.Errorf("%d events kept, want %d", len(ev), MaxEvents)
	}
	if _, err := AddEvent(ev, EventLockout, strings.Repeat("x", 201), now); !errors.Is(err, ErrTooLong) {
		t.Errorf("long detail: %v", err)
	}
}

func TestCheckBackupCode(t *testing.T) {
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var s backup.Set
	if st := CheckBackupCode(s, "1234-5678"); st.State != CodeNoSheet {
		t.Errorf("no sheet: %+v", st)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Replace([]string{"1111-1111", "2222-2222"}, day))
	must(s.Use("1111-1111", day.Add(time.Hour)))
	must(s.Replace([]string{"3333-3333", "4444-4444", "5555-5555"}, day.AddDate(0, 1, 0)))
	must(s.Use("4444-4444", day.AddDate(0, 1, 1)))
	before := s.Clone()
	for _, tc := range []struct {
		code  string
		state CodeState
		num   int
		gen   int
		used  bool
	}{
		{"5555 5555", CodeUnused, 3, 0, false},
		{"３３３３－３３３３", CodeUnused, 1, 0, false},
		{"4444-4444", CodeUsed, 2, 0, true},
		{"2222-2222", CodeVoid, 0, 1, false},
		{"1111-1111", CodeVoid, 0, 1, true},
		{"9999-9999", CodeUnknown, 0, 0, false},
	} {
		st := CheckBackupCode(s, tc.code)
		if st.State != tc.state || st.Number != tc.num || st.Generation != tc.gen || (st.Used != nil) != tc.used {
			t.Errorf("%s: %+v", tc.code, st)
		}
	}
	if s.Remaining() != before.Remaining() || s.Current.Codes[0].Used != nil {
		t.Error("CheckBackupCode changed the set")
	}
}
