package phone

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestChangeJSONGolden pins the JSON form of Change and DeviceChange, which
// is stored in vaults: it must not change.
func TestChangeJSONGolden(t *testing.T) {
	d := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	u := time.Date(2026, 4, 1, 9, 30, 0, 0, time.UTC)
	// Fields are set by assignment, not in literals, so that this test reads
	// the same whichever struct declares them.
	cf := Change{ID: "c1", Old: "+819012345678", New: "+818012345678"}
	cf.Date, cf.OldUsableUntil, cf.OldStillWorks, cf.Done = d, &u, true, map[string]time.Time{"a": u, "b": d}
	ce := Change{ID: "c2", Old: "+819012345678"}
	ce.Date = d
	df := DeviceChange{ID: "d1", Event: EventNewHandset, Old: "x", New: "y"}
	df.Date, df.OldUsableUntil, df.OldStillWorks, df.Done = d, &u, true, map[string]time.Time{"a": u}
	de := DeviceChange{ID: "d2", Event: EventAppReinstall, Old: "x"}
	de.Date = d
	cases := []struct {
		name string
		v    any
		new  func() any
		want string
	}{
		{"change full", cf,
			func() any { return new(Change) },
			`{"id":"c1","old":"+819012345678","new":"+818012345678","date":"2026-03-01T00:00:00Z","old_usable_until":"2026-04-01T09:30:00Z","old_still_works":true,"done":{"a":"2026-04-01T09:30:00Z","b":"2026-03-01T00:00:00Z"}}`},
		{"change empty", ce,
			func() any { return new(Change) },
			`{"id":"c2","old":"+819012345678","date":"2026-03-01T00:00:00Z"}`},
		{"device full", df,
			func() any { return new(DeviceChange) },
			`{"id":"d1","event":"new-handset","old":"x","new":"y","date":"2026-03-01T00:00:00Z","old_usable_until":"2026-04-01T09:30:00Z","old_still_works":true,"done":{"a":"2026-04-01T09:30:00Z"}}`},
		{"device empty", de,
			func() any { return new(DeviceChange) },
			`{"id":"d2","event":"app-reinstall","old":"x","date":"2026-03-01T00:00:00Z"}`},
	}
	for _, c := range cases {
		b, err := json.Marshal(c.v)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != c.want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, b, c.want)
		}
		back := c.new()
		if err := json.Unmarshal([]byte(c.want), back); err != nil {
			t.Fatal(err)
		}
		if got := reflect.ValueOf(back).Elem().Interface(); !reflect.DeepEqual(got, c.v) {
			t.Errorf("%s: round trip got %+v, want %+v", c.name, got, c.v)
		}
	}
}
