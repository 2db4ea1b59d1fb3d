package phone

import (
	"errors"
	"reflect"
	"testing"
)

// hostFixture: iPhone 13 runs Google Authenticator, which holds GitHub's and
// AWS's codes; the bank's app confirms logins on the iPhone itself; a
// YubiKey-style authenticator elsewhere holds Microsoft's.
func hostFixture() ([]Device, []AccountBindings) {
	devices := []Device{
		{ID: "iphone", Name: "iPhone 13", Kind: DeviceHandset},
		{ID: "ga", Name: "Google Authenticator", Kind: DeviceAuthenticator, Host: "iphone"},
		{ID: "other", Name: "Desktop authenticator", Kind: DeviceAuthenticator},
		{ID: "pixel", Name: "Pixel 9", Kind: DeviceHandset},
	}
	ids := [][]string{{"ga"}, {"ga"}, {"iphone"}, {"other"}, {"ga", "other"}}
	labels := []string{"GitHub", "AWS", "Bank", "Microsoft", "Dropbox"}
	accounts := make([]AccountBindings, len(ids))
	for i := range ids {
		accounts[i] = AccountBindings{ID: labels[i], Label: labels[i], Devices: ids[i], Hosts: HostsOf(devices, ids[i])}
	}
	return devices, accounts
}

func TestSetHost(t *testing.T) {
	devices, _ := hostFixture()
	tests := []struct {
		name   string
		device Device
		host   string
		want   string
		err    error
	}{
		{"an app on a handset", devices[2], "pixel", "pixel", nil},
		{"forget the handset", devices[1], "", "", nil},
		{"a handset on a handset", devices[0], "pixel", "", ErrBadHost},
		{"an app on an app", devices[2], "ga", "", ErrBadHost},
		{"an unknown handset", devices[2], "nokia", "", ErrBadHost},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.device
			before := d.Host
			err := d.SetHost(devices, tt.host)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err %v, want %v", err, tt.err)
			}
			want := tt.want
			if err != nil {
				want = before // refused: nothing changes
			}
			if d.Host != want {
				t.Fatalf("host %q, want %q", d.Host, want)
			}
		})
	}
}

func TestHostsOf(t *testing.T) {
	devices, _ := hostFixture()
	if got := HostsOf(devices, []string{"ga", "other", "iphone"}); !reflect.DeepEqual(got, map[string]string{"ga": "iphone"}) {
		t.Errorf("HostsOf = %v", got)
	}
	if got := HostsOf(devices, []string{"other"}); got != nil {
		t.Errorf("HostsOf without apps on a handset = %v", got)
	}
}

func TestDeviceRiskNewHandsetListsTheAppsOnIt(t *testing.T) {
	devices, accounts := hostFixture()
	c := DeviceChange{ID: "h", Event: EventNewHandset, Old: "iphone", New: "pixel", Transition: Transition{Date: changed, OldStillWorks: true}}
	got := func() []string {
		var out []string
		for _, it := range DeviceRisk(accounts, []DeviceChange{c}, at(day)) {
			s := it.AccountID
			if it.NoFallback {
				s += "!"
			}
			out = append(out, s)
		}
		return out
	}
	// GitHub and AWS live in the app on the iPhone: no other way in, since
	// the app goes with the handset. Dropbox has a second authenticator.
	if want := []string{"AWS!", "Bank!", "Dropbox", "GitHub!"}; !reflect.DeepEqual(got(), want) {
		t.Fatalf("checklist %v, want %v", got(), want)
	}

	// A reinstall of the app lists the app's accounts only.
	r := DeviceChange{ID: "r", Event: EventAppReinstall, Old: "ga", New: "ga", Transition: Transition{Date: changed}}
	var ids []string
	for _, it := range DeviceRisk(accounts, []DeviceChange{r}, at(-day)) {
		ids = append(ids, it.AccountID)
	}
	if want := []string{"AWS", "Dropbox", "GitHub"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("reinstall checklist %v, want %v", ids, want)
	}

	// Ticking accounts off: the app keeps its accounts' devices, and moves
	// to the new handset once none of its accounts waits.
	for _, id := range []string{"GitHub", "AWS"} {
		i := accountIndex(accounts, id)
		accounts[i].Devices = c.Apply(accounts[i].Devices, id, at(day))
		if !reflect.DeepEqual(accounts[i].Devices, []string{"ga"}) {
			t.Fatalf("%s devices %v", id, accounts[i].Devices)
		}
		moved := devices
		devices, _ = c.Rehost(devices, accounts)
		if devices[1].Host != "iphone" {
			t.Fatalf("the app moved while Dropbox still waits: %+v", devices[1])
		}
		if &moved[0] != &devices[0] {
			t.Fatal("Rehost copied the devices with nothing moved")
		}
	}
	i := accountIndex(accounts, "Dropbox")
	accounts[i].Devices = c.Apply(accounts[i].Devices, "Dropbox", at(day))
	before := devices
	devices, names := c.Rehost(devices, accounts)
	if devices[1].Host != "pixel" || !reflect.DeepEqual(names, []string{"Google Authenticator"}) {
		t.Fatalf("after the last tick: %+v, moved %v", devices[1], names)
	}
	if before[1].Host != "iphone" {
		t.Fatal("Rehost changed the devices given")
	}
	if want := []string{"Bank!"}; !reflect.DeepEqual(got(), want) {
		t.Fatalf("checklist %v, want %v", got(), want)
	}
	// With the hosts rebuilt from the re-hosted devices, the Pixel now
	// carries the app's accounts.
	for i := range accounts {
		accounts[i].Hosts = HostsOf(devices, accounts[i].Devices)
	}
	next := DeviceChange{ID: "n", Event: EventNewHandset, Old: "pixel", Transition: Transition{Date: changed}}
	if n := len(DeviceRisk(accounts, []DeviceChange{next}, at(-day))); n != 3 {
		t.Fatalf("the Pixel lists %d accounts, want 3", n)
	}
}

func TestRehostDoesNothing(t *testing.T) {
	devices, accounts := hostFixture()
	for _, c := range []DeviceChange{
		{ID: "r", Event: EventAppReinstall, Old: "ga", New: "ga"},
		{ID: "n", Event: EventNewHandset, Old: "iphone"},
	} {
		c.MarkDone("GitHub", changed)
		c.MarkDone("AWS", changed)
		c.MarkDone("Dropbox", changed)
		if got, moved := c.Rehost(devices, accounts); moved != nil || got[1].Host != "iphone" {
			t.Errorf("%s: moved %v", c.ID, moved)
		}
	}
}

func TestReadinessCountsAnAppAndItsHandsetAsOne(t *testing.T) {
	a := AccountBindings{ID: "id", Label: "L", Devices: []string{"ga", "iphone"}, Hosts: map[string]string{"ga": "iphone"}, NeedsTwoDevices: true}
	fs := Readiness([]AccountBindings{a})
	if len(fs) != 1 || fs[0].Code != FindingOneDevice || fs[0].Count != 1 {
		t.Fatalf("%+v", fs)
	}
	a.Hosts = nil
	if fs := Readiness([]AccountBindings{a}); len(fs) != 0 {
		t.Fatalf("two separate devices: %+v", fs)
	}
}

func accountIndex(accounts []AccountBindings, id string) int {
	for i, a := range accounts {
		if a.ID == id {
			return i
		}
	}
	return -1
}
