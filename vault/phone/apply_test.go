package phone

import (
	"reflect"
	"testing"
	"time"
)

func TestE164Display(t *testing.T) {
	tests := []struct {
		e      E164
		region string
		want   string
	}{
		{"+819012345678", "JP", "090-1234-5678"},
		{"+819012345678", "US", "+81 90-1234-5678"},
		{"+12015550123", "JP", "+1 201-555-0123"},
		{"0901234", "JP", "0901234"}, // damaged: shown as stored
	}
	for _, tt := range tests {
		if got := tt.e.Display(tt.region); got != tt.want {
			t.Errorf("%s.Display(%s) = %q, want %q", tt.e, tt.region, got, tt.want)
		}
	}
}

func TestChangeApply(t *testing.T) {
	now := at(2 * day)
	tests := []struct {
		name   string
		new    E164
		phones []Binding
		want   []Binding
	}{
		{"moved, roles kept",
			newMobile,
			[]Binding{{Number: oldMobile, Role: RoleSMS}, {Number: home, Role: RoleVoice}, {Number: oldMobile, Role: RoleRecoveryContact}},
			[]Binding{{Number: home, Role: RoleVoice}, {Number: newMobile, Role: RoleSMS, Since: now}, {Number: newMobile, Role: RoleRecoveryContact, Since: now}}},
		{"new number already bound in that role",
			newMobile,
			[]Binding{{Number: oldMobile, Role: RoleSMS}, {Number: newMobile, Role: RoleSMS}},
			[]Binding{{Number: newMobile, Role: RoleSMS}}},
		{"line given up without a new one",
			"",
			[]Binding{{Number: oldMobile, Role: RoleSMS}, {Number: spare, Role: RoleBackup}},
			[]Binding{{Number: spare, Role: RoleBackup}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Change{ID: "c", Old: oldMobile, New: tt.new, Transition: Transition{Date: changed}}
			given := append([]Binding(nil), tt.phones...)
			got := c.Apply(tt.phones, "amazon", now)
			checkApplied(t, &c.Transition, "amazon", now, got, tt.want, tt.phones, given)
			if items := Risk([]AccountBindings{{ID: "amazon", Phones: got}}, []Change{c}, now); len(items) != 0 {
				t.Errorf("still on the checklist: %+v", items)
			}
		})
	}
}

func TestDeviceChangeApply(t *testing.T) {
	now := at(day)
	tests := []struct {
		name    string
		event   DeviceEvent
		new     string
		devices []string
		want    []string
	}{
		{"new handset", EventNewHandset, "pixel", []string{"iphone", "yubikey"}, []string{"yubikey", "pixel"}},
		{"new handset already bound", EventNewHandset, "pixel", []string{"iphone", "pixel"}, []string{"pixel"}},
		{"new handset not recorded", EventNewHandset, "", []string{"iphone", "yubikey"}, []string{"yubikey"}},
		{"reinstall", EventAppReinstall, "iphone", []string{"iphone"}, []string{"iphone"}},
		{"listed for an app on the handset", EventNewHandset, "pixel", []string{"authenticator"}, []string{"authenticator"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DeviceChange{ID: "d", Event: tt.event, Old: "iphone", New: tt.new, Transition: Transition{Date: changed}}
			given := append([]string(nil), tt.devices...)
			got := c.Apply(tt.devices, "github", now)
			checkApplied(t, &c.Transition, "github", now, got, tt.want, tt.devices, given)
		})
	}
}

// checkApplied checks what an Apply returned against want, that the slice
// it was given (before: a copy taken first) is unchanged, and that account
// was ticked off tr at now.
func checkApplied[T any](t *testing.T, tr *Transition, account string, now time.Time, got, want, given, before []T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("applied: %+v, want %+v", got, want)
	}
	if !reflect.DeepEqual(given, before) {
		t.Errorf("the slice given was changed: %+v", given)
	}
	if !tr.IsDone(account) || !tr.Done[account].Equal(now) {
		t.Errorf("%s not ticked off at %v: %v", account, now, tr.Done)
	}
}

// checkRecorded checks where a Record function put a change and whether it
// said it updated one.
func checkRecorded(t *testing.T, i int, updated bool, wantIndex int, wantUpdated bool) {
	t.Helper()
	if i != wantIndex || updated != wantUpdated {
		t.Fatalf("index %d, updated %v; want %d, %v", i, updated, wantIndex, wantUpdated)
	}
}

func TestRecordChange(t *testing.T) {
	until := ptr(at(30 * day))
	first := Change{ID: "first", Old: oldMobile, New: spare, Transition: Transition{Date: changed, OldStillWorks: true, Done: map[string]time.Time{"amazon": changed}}}
	tests := []struct {
		name    string
		fresh   Change
		index   int
		updated bool
		want    Change
	}{
		{"another old number is added",
			Change{ID: "second", Old: home, New: newMobile, Transition: Transition{Date: changed}},
			1, false,
			Change{ID: "second", Old: home, New: newMobile, Transition: Transition{Date: changed}}},
		{"the same old number updates, keeping the ticks",
			Change{ID: "again", Old: oldMobile, New: newMobile, Transition: Transition{Date: at(day), OldUsableUntil: until}},
			0, true,
			Change{ID: "first", Old: oldMobile, New: newMobile, Transition: Transition{Date: at(day), OldUsableUntil: until, Done: first.Done}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, i, updated := RecordChange([]Change{first}, tt.fresh)
			checkRecorded(t, i, updated, tt.index, tt.updated)
			if !reflect.DeepEqual(out[i], tt.want) {
				t.Errorf("recorded %+v, want %+v", out[i], tt.want)
			}
		})
	}
}

func TestRecordDeviceChange(t *testing.T) {
	first := DeviceChange{ID: "first", Event: EventNewHandset, Old: "iphone", New: "pixel", Transition: Transition{Date: changed, Done: map[string]time.Time{"github": changed}}}
	tests := []struct {
		name    string
		fresh   DeviceChange
		index   int
		updated bool
		wantID  string
		wantNew string
	}{
		{"same device and event updates", DeviceChange{ID: "x", Event: EventNewHandset, Old: "iphone", New: "galaxy", Transition: Transition{Date: at(day)}}, 0, true, "first", "galaxy"},
		{"a reinstall of the same device is another change", DeviceChange{ID: "y", Event: EventAppReinstall, Old: "iphone", New: "iphone", Transition: Transition{Date: at(day)}}, 1, false, "y", "iphone"},
		{"another device", DeviceChange{ID: "z", Event: EventNewHandset, Old: "ipad", Transition: Transition{Date: at(day)}}, 1, false, "z", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, i, updated := RecordDeviceChange([]DeviceChange{first}, tt.fresh)
			checkRecorded(t, i, updated, tt.index, tt.updated)
			if c := out[i]; c.ID != tt.wantID || c.New != tt.wantNew || !c.Date.Equal(tt.fresh.Date) {
				t.Errorf("recorded %+v", c)
			}
			if updated && !out[i].IsDone("github") {
				t.Error("the update lost the accounts ticked off")
			}
		})
	}
}

func TestDeviceNamed(t *testing.T) {
	devices := []Device{{ID: "a", Name: "iPhone 13"}, {ID: "b", Name: "Google Authenticator"}}
	tests := []struct {
		name string
		want int
	}{
		{"iPhone 13", 0},
		{" iphone 13 ", 0},
		{"ｉＰｈｏｎｅ　１３", 0},
		{"GOOGLE AUTHENTICATOR", 1},
		{"iPhone", -1},
		{"", -1},
	}
	for _, tt := range tests {
		if got := DeviceNamed(devices, tt.name); got != tt.want {
			t.Errorf("DeviceNamed(%q) = %d, want %d", tt.name, got, tt.want)
		}
	}
}
