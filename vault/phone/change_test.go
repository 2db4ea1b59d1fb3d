package phone

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"
)

const (
	oldMobile E164 = "+818012345607" // the number given up (…07, as in the seed)
	newMobile E164 = "+819087654321"
	voip      E164 = "+815012345678"
	home      E164 = "+81312345678"
	spare     E164 = "+817011112222"
)

var (
	day     = 24 * time.Hour
	changed = time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC) // the new number starts
)

func at(d time.Duration) time.Time { return changed.Add(d) }

func ptr(t time.Time) *time.Time { return &t }

// amazon is the seed case: login SMS to the old number, no authenticator,
// no backup codes, and changing the number requires that SMS.
var amazon = AccountBindings{
	ID: "amazon", Label: "Amazon: taro@example.com",
	Phones:          []Binding{{Number: oldMobile, Role: RoleSMS}},
	NeedsTwoDevices: false,
}

func TestRiskAmazonCase(t *testing.T) {
	c, err := NewChange(oldMobile, newMobile, changed)
	if err != nil {
		t.Fatal(err)
	}
	c.OldUsableUntil = ptr(changed.Add(14 * day)) // the old contract ends two weeks later
	accounts := []AccountBindings{amazon}

	tests := []struct {
		name     string
		now      time.Time
		urgency  Urgency
		deadline *time.Time
	}{
		{"recorded before the switch", at(-3 * day), UrgencyGoing, c.OldUsableUntil},
		{"after the switch, old line still works", at(7 * day), UrgencyGoing, c.OldUsableUntil},
		{"one second before the old line stops", at(14*day - time.Second), UrgencyGoing, c.OldUsableUntil},
		{"old line gone", at(14 * day), UrgencyGone, nil},
		{"months later", at(180 * day), UrgencyGone, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := Risk(accounts, []Change{c}, tt.now)
			if len(items) != 1 {
				t.Fatalf("got %d items, want Amazon listed: %+v", len(items), items)
			}
			it := items[0]
			want := RiskItem{
				AccountID: "amazon", Label: amazon.Label, ChangeID: c.ID, Old: oldMobile, New: newMobile,
				Roles: []Role{RoleSMS}, Urgency: tt.urgency, Deadline: tt.deadline, NoFallback: true,
			}
			if !reflect.DeepEqual(it, want) {
				t.Fatalf("got  %+v\nwant %+v", it, want)
			}
		})
	}

	// Ticked off once the number is updated at Amazon: gone from the list.
	c.MarkDone("amazon", at(day))
	if items := Risk(accounts, []Change{c}, at(2*day)); len(items) != 0 {
		t.Fatalf("ticked-off account still listed: %+v", items)
	}
	c.Undo("amazon")
	if items := Risk(accounts, []Change{c}, at(2*day)); len(items) != 1 {
		t.Fatalf("undone tick not listed again: %+v", items)
	}
}

func TestRiskStates(t *testing.T) {
	tests := []struct {
		name       string
		until      *time.Time
		stillWorks bool
		now        time.Time
		urgency    Urgency
		deadline   *time.Time
	}{
		{"no end given: old line stops at the change date", nil, false, at(-day), UrgencyGoing, ptr(changed)},
		{"no end given, date passed", nil, false, at(time.Hour), UrgencyGone, nil},
		{"still works, no end", nil, true, at(30 * day), UrgencyOpen, nil},
		{"end date wins over still works", ptr(at(10 * day)), true, at(11 * day), UrgencyGone, nil},
		{"end date before the change date", ptr(at(-10 * day)), false, at(-20 * day), UrgencyGoing, ptr(at(-10 * day))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Change{ID: "c", Old: oldMobile, New: newMobile, Transition: Transition{Date: changed, OldUsableUntil: tt.until, OldStillWorks: tt.stillWorks}}
			u, d := c.OldState(tt.now)
			if u != tt.urgency || !reflect.DeepEqual(d, tt.deadline) {
				t.Fatalf("OldState = %v %v, want %v %v", u, d, tt.urgency, tt.deadline)
			}
		})
	}
}

func TestRiskChecklist(t *testing.T) {
	accounts := []AccountBindings{
		amazon,
		{ID: "bank", Label: "Bank", Phones: []Binding{{Number: oldMobile, Role: RoleSMS}, {Number: oldMobile, Role: RoleRecoveryContact}}, BackupCodesLeft: 5, HasBackupCodes: true},
		{ID: "github", Label: "GitHub", Phones: []Binding{{Number: oldMobile, Role: RoleRecoveryContact}}, HasTOTP: true},
		{ID: "line", Label: "LINE", Phones: []Binding{{Number: oldMobile, Role: RoleSMS}, {Number: spare, Role: RoleBackup}}},
		{ID: "mail", Label: "Mail", Phones: []Binding{{Number: newMobile, Role: RoleSMS}}},
		{ID: "shop", Label: "Shop", Phones: []Binding{{Number: home, Role: RoleVoice}}},
		{ID: "game", Label: "Game", Phones: []Binding{{Number: home, Role: RoleSMS}}, Devices: []string{"pixel-authenticator"}},
	}
	mobile := Change{ID: "m", Old: oldMobile, New: newMobile, Transition: Transition{Date: changed, OldUsableUntil: ptr(at(14 * day))}}
	landline := Change{ID: "h", Old: home, Transition: Transition{Date: at(-30 * day)}} // home line cancelled a month ago
	mobile.MarkDone("line", at(day))

	items := Risk(accounts, []Change{landline, mobile}, at(2*day))
	type row struct {
		id, change string
		roles      []Role
		u          Urgency
		noFallback bool
	}
	var got []row
	for _, it := range items {
		got = append(got, row{it.AccountID, it.ChangeID, it.Roles, it.Urgency, it.NoFallback})
	}
	want := []row{
		// Still usable: update these now, by label.
		{"amazon", "m", []Role{RoleSMS}, UrgencyGoing, true},
		{"bank", "m", []Role{RoleSMS, RoleRecoveryContact}, UrgencyGoing, false}, // backup codes left
		{"github", "m", []Role{RoleRecoveryContact}, UrgencyGoing, false},        // no codes to this number
		// Already gone.
		{"game", "h", []Role{RoleSMS}, UrgencyGone, false}, // a device holds its codes
		{"shop", "h", []Role{RoleVoice}, UrgencyGone, true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("checklist\n got %+v\nwant %+v", got, want)
	}
	if items[0].Deadline == nil || !items[0].Deadline.Equal(at(14*day)) {
		t.Fatalf("deadline %v", items[0].Deadline)
	}
}

func TestRiskFallbackNumberAlsoGone(t *testing.T) {
	// The backup number is itself being given up and already gone: no fallback.
	a := AccountBindings{ID: "x", Label: "X", Phones: []Binding{{Number: oldMobile, Role: RoleSMS}, {Number: spare, Role: RoleBackup}}}
	changes := []Change{
		{ID: "1", Old: oldMobile, New: newMobile, Transition: Transition{Date: at(10 * day)}},
		{ID: "2", Old: spare, Transition: Transition{Date: at(-day)}},
	}
	items := Risk([]AccountBindings{a}, changes, changed)
	if len(items) != 2 || items[0].ChangeID != "1" || !items[0].NoFallback || items[1].ChangeID != "2" || items[1].Urgency != UrgencyGone {
		t.Fatalf("%+v", items)
	}
}

func TestRiskUnsuitableBackupIsNoFallback(t *testing.T) {
	tests := []struct {
		name       string
		backup     Binding
		noFallback bool
	}{
		{"mobile backup number", Binding{Number: spare, Role: RoleBackup}, false},
		{"VoIP backup number", Binding{Number: voip, Role: RoleBackup}, true},
		{"landline backup number", Binding{Number: home, Role: RoleBackup}, true},
		{"VoIP number for voice calls", Binding{Number: voip, Role: RoleVoice}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := AccountBindings{ID: "x", Label: "X", Phones: []Binding{{Number: oldMobile, Role: RoleSMS}, tt.backup}}
			c := Change{ID: "1", Old: oldMobile, New: newMobile, Transition: Transition{Date: at(10 * day)}}
			items := Risk([]AccountBindings{a}, []Change{c}, changed)
			if len(items) != 1 || items[0].NoFallback != tt.noFallback {
				t.Fatalf("got %+v, want NoFallback %v", items, tt.noFallback)
			}
			d := DeviceChange{ID: "d", Event: EventAppReinstall, Old: "app", New: "app", Transition: Transition{Date: at(10 * day)}}
			a.Phones = []Binding{tt.backup}
			a.Devices = []string{"app"}
			dev := DeviceRisk([]AccountBindings{a}, []DeviceChange{d}, changed)
			if len(dev) != 1 || dev[0].NoFallback != tt.noFallback {
				t.Fatalf("device risk %+v, want NoFallback %v", dev, tt.noFallback)
			}
		})
	}
}

func TestRiskDeadlineOrder(t *testing.T) {
	a := AccountBindings{ID: "a", Label: "Z last by label", Phones: []Binding{{Number: oldMobile, Role: RoleSMS}}}
	b := AccountBindings{ID: "b", Label: "A first by label", Phones: []Binding{{Number: spare, Role: RoleSMS}}}
	changes := []Change{
		{ID: "late", Old: spare, Transition: Transition{Date: at(20 * day)}},
		{ID: "soon", Old: oldMobile, Transition: Transition{Date: at(3 * day)}},
	}
	items := Risk([]AccountBindings{a, b}, changes, changed)
	if len(items) != 2 || items[0].ChangeID != "soon" || items[1].ChangeID != "late" {
		t.Fatalf("soonest deadline not first: %+v", items)
	}
	if Risk(nil, changes, changed) != nil || Risk([]AccountBindings{a}, nil, changed) != nil {
		t.Fatal("empty input gives a non-empty list")
	}
}

func TestNewChangeValidation(t *testing.T) {
	tests := []struct {
		old, new E164
		date     time.Time
		ok       bool
	}{
		{oldMobile, newMobile, changed, true},
		{oldMobile, "", changed, true},
		{"", newMobile, changed, false},
		{"09012345678", newMobile, changed, false},
		{oldMobile, "+8190", changed, false},
		{oldMobile, oldMobile, changed, false},
		{oldMobile, newMobile, time.Time{}, false},
	}
	for _, tt := range tests {
		c, err := NewChange(tt.old, tt.new, tt.date)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrBadChange)) {
			t.Errorf("NewChange(%q, %q, %v) = %v", tt.old, tt.new, tt.date, err)
		}
		if tt.ok && (c.ID == "" || c.Date.Location() != time.UTC) {
			t.Errorf("NewChange: %+v", c)
		}
	}
}

func TestDeviceRisk(t *testing.T) {
	accounts := []AccountBindings{
		{ID: "google", Label: "Google", Devices: []string{"ga-old"}, BackupCodesLeft: 8, HasBackupCodes: true},
		{ID: "aws", Label: "AWS", Devices: []string{"ga-old"}},
		{ID: "ms", Label: "Microsoft", Devices: []string{"ga-old", "yubikey"}},
		{ID: "bank", Label: "Bank", Devices: []string{"bank-app"}},
		{ID: "steam", Label: "Steam", Devices: []string{"ga-old"}, HasTOTP: true},
	}
	reinstall, err := NewDeviceChange(EventAppReinstall, "ga-old", "ga-old", at(2*day))
	if err != nil {
		t.Fatal(err)
	}
	reinstall.MarkDone("steam", changed) // re-added from Mamori
	items := DeviceRisk(accounts, []DeviceChange{reinstall}, changed)
	var got []string
	for _, it := range items {
		if it.Urgency != UrgencyGoing || it.Event != EventAppReinstall || it.Deadline == nil {
			t.Errorf("item %+v", it)
		}
		s := it.AccountID
		if it.NoFallback {
			s += "!"
		}
		got = append(got, s)
	}
	if want := []string{"aws!", "google", "ms"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}

	handset := DeviceChange{ID: "h", Event: EventNewHandset, Old: "bank-app", New: "iphone-16", Transition: Transition{Date: changed, OldStillWorks: true}}
	if err := handset.Validate(); err != nil {
		t.Fatal(err)
	}
	items = DeviceRisk(accounts, []DeviceChange{handset}, at(day))
	if len(items) != 1 || items[0].AccountID != "bank" || items[0].Urgency != UrgencyOpen || !items[0].NoFallback {
		t.Fatalf("%+v", items)
	}
}

func TestDeviceValidation(t *testing.T) {
	if _, err := NewDeviceChange("factory-reset", "a", "", changed); !errors.Is(err, ErrUnknownEvent) {
		t.Errorf("unknown event: %v", err)
	}
	if _, err := NewDeviceChange(EventNewHandset, "a", "a", changed); !errors.Is(err, ErrBadChange) {
		t.Errorf("new handset same as old: %v", err)
	}
	if _, err := NewDeviceChange(EventNewHandset, "", "b", changed); !errors.Is(err, ErrBadChange) {
		t.Errorf("no old device: %v", err)
	}
	if _, err := NewDevice("Pixel 8", "tablet", changed); !errors.Is(err, ErrUnknownDeviceKind) {
		t.Errorf("unknown kind: %v", err)
	}
	if _, err := NewDevice("  ", DeviceHandset, changed); err == nil {
		t.Error("empty name accepted")
	}
	d, err := NewDevice(" Pixel 8 ", DeviceHandset, changed)
	if err != nil || d.Name != "Pixel 8" || d.ID == "" {
		t.Errorf("NewDevice = %+v, %v", d, err)
	}
	for _, s := range []string{"handset", "Authenticator-App"} {
		if _, err := ParseDeviceKind(s); err != nil {
			t.Errorf("ParseDeviceKind(%q): %v", s, err)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	c, _ := NewChange(oldMobile, newMobile, changed)
	c.OldUsableUntil = ptr(at(14 * day))
	c.MarkDone("bank", at(day))
	dc, _ := NewDeviceChange(EventNewHandset, "old", "new", changed)
	dc.OldStillWorks = true
	dc.MarkDone("x", at(day))
	dev, _ := NewDevice("iPhone", DeviceHandset, changed)
	n, _ := Parse("050-1234-5678", "")
	doc := struct {
		Bindings []Binding        `json:"bindings"`
		Changes  []Change         `json:"changes"`
		DevCh    []DeviceChange   `json:"device_changes"`
		Devices  []Device         `json:"devices"`
		Number   Number           `json:"number"`
		Risk     []RiskItem       `json:"risk"`
		DevRisk  []DeviceRiskItem `json:"dev_risk"`
		Find     []Finding        `json:"findings"`
		Acc      AccountBindings  `json:"account"`
	}{
		Bindings: []Binding{{Number: oldMobile, Role: RoleSMS, Since: changed}, {Number: voip, Role: RoleVoice}},
		Changes:  []Change{c},
		DevCh:    []DeviceChange{dc},
		Devices:  []Device{dev},
		Number:   n,
		Risk:     Risk([]AccountBindings{amazon}, []Change{c}, changed),
		DevRisk:  DeviceRisk([]AccountBindings{{ID: "a", Devices: []string{"old"}}}, []DeviceChange{dc}, changed),
		Find:     Readiness([]AccountBindings{amazon}),
		Acc:      amazon,
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	back := doc
	back.Bindings, back.Changes, back.DevCh, back.Devices, back.Number, back.Risk, back.DevRisk, back.Find, back.Acc = nil, nil, nil, nil, Number{}, nil, nil, nil, AccountBindings{}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, doc) {
		t.Fatalf("round trip changed the data\n got %+v\nwant %+v\njson %s", back, doc, b)
	}
	// A binding without Since leaves it out.
	if b, _ := json.Marshal(Binding{Number: voip, Role: RoleSMS}); string(b) != `{"number":"+815012345678","role":"sms"}` {
		t.Fatalf("binding json %s", b)
	}
}
