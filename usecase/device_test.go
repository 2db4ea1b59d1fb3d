package usecase

import (
	"errors"
	"slices"
	"testing"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
)

func TestDevices(t *testing.T) {
	s := phoneFixture(t, "alice", "bob")
	tests := []struct {
		name    string
		do      func() (any, error)
		wantErr error
		write   bool
	}{
		{"add a handset", func() (any, error) { return s.AddDevice(NewDevice{Name: " iPhone 13 ", Kind: phone.DeviceHandset}) }, nil, true},
		{"add an app on it, bound to alice", func() (any, error) {
			return s.AddDevice(NewDevice{Name: "Authy", Kind: phone.DeviceAuthenticator, Host: "iphone", Account: "alice"})
		}, nil, true},
		{"a name taken (case and width ignored)", func() (any, error) {
			return s.AddDevice(NewDevice{Name: "ＩＰＨＯＮＥ 13", Kind: phone.DeviceHandset})
		}, &DeviceExistsError{}, false},
		{"no name", func() (any, error) { return s.AddDevice(NewDevice{Name: "  ", Kind: phone.DeviceHandset}) }, ErrDeviceNeedsName, false},
		{"a handset cannot run on a handset", func() (any, error) {
			return s.AddDevice(NewDevice{Name: "Watch", Kind: phone.DeviceHandset, Host: "iPhone 13"})
		}, &BadHostError{}, false},
		{"a host not recorded", func() (any, error) {
			return s.AddDevice(NewDevice{Name: "Duo", Kind: phone.DeviceAuthenticator, Host: "pixel"})
		}, vaultNotFound, false},
		{"an unknown account: nothing recorded", func() (any, error) {
			return s.AddDevice(NewDevice{Name: "Duo", Kind: phone.DeviceAuthenticator, Account: "nobody"})
		}, vaultNotFound, false},
		{"bind by part of a name", func() (any, error) { return s.BindDevice("bob", "phone") }, nil, true},
		{"bind twice: nothing written", func() (any, error) { return s.BindDevice("bob", "iPhone 13") }, nil, false},
		{"unbind by name", func() (any, error) { return s.UnbindDevice("bob", "iphone 13") }, nil, true},
		{"unbind a device not bound", func() (any, error) { return s.UnbindDevice("bob", "iphone 13") }, &DeviceNotBoundError{}, false},
		{"forget the app's handset", func() (any, error) { return s.SetDeviceHost("authy", "") }, nil, true},
		{"forget it again: nothing written", func() (any, error) { return s.SetDeviceHost("authy", "") }, nil, false},
		{"set it again", func() (any, error) { return s.SetDeviceHost("authy", "iphone 13") }, nil, true},
		{"the needs-two-devices flag", func() (any, error) { _, c, err := s.SetNeedsTwoDevices("bob", true); return c, err }, nil, true},
		{"the same flag: nothing written", func() (any, error) { _, c, err := s.SetNeedsTwoDevices("bob", true); return c, err }, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gen := generation(t, s)
			later(s)
			_, err := tt.do()
			checkErr(t, err, tt.wantErr)
			checkWrite(t, s, gen, tt.write)
		})
	}
	v, _ := s.Load()
	app, err := FindDevice(v, "AUTHY")
	if err != nil || app.Host == "" || DeviceName(v, app.Host) != "iPhone 13" {
		t.Fatalf("app %+v, %v", app, err)
	}
	if a := mustAccount(t, v, "alice"); !slices.Contains(a.Devices, app.ID) {
		t.Errorf("alice's devices %v", a.Devices)
	}
}

// vaultNotFound stands for any error that is vault.ErrNotFound.
var vaultNotFound = vault.ErrNotFound

func TestFindDevice(t *testing.T) {
	s := phoneFixture(t)
	for _, n := range []string{"iPhone 8", "iPad", "Pixel 7"} {
		if _, err := s.AddDevice(NewDevice{Name: n, Kind: phone.DeviceHandset}); err != nil {
			t.Fatal(err)
		}
	}
	v, _ := s.Load()
	tests := []struct {
		query, want string
		wantErr     error
	}{
		{"iPad", "iPad", nil},
		{"ｉｐａｄ", "iPad", nil},
		{v.Devices[2].ID, "Pixel 7", nil},
		{"pixel", "Pixel 7", nil},
		{"ip", "", &AmbiguousDeviceError{}},
		{"nokia", "", vaultNotFound},
	}
	for _, tt := range tests {
		d, err := FindDevice(v, tt.query)
		if tt.wantErr == vaultNotFound {
			var nf *DeviceNotFoundError
			if !errors.As(err, &nf) || nf.Query != tt.query {
				t.Errorf("%q: %v", tt.query, err)
			}
			continue
		}
		checkErr(t, err, tt.wantErr)
		if err == nil && d.Name != tt.want {
			t.Errorf("%q found %q, want %q", tt.query, d.Name, tt.want)
		}
	}
}

func TestDeviceChange(t *testing.T) {
	// Alice's codes live in Authy on the old iPhone; Bob's on the iPhone
	// itself; Carol has no key and only the iPhone.
	s := phoneFixture(t, "alice", "bob", "!carol")
	for _, nd := range []NewDevice{
		{Name: "iPhone 8", Kind: phone.DeviceHandset, Account: "bob"},
		{Name: "Authy", Kind: phone.DeviceAuthenticator, Host: "iPhone 8", Account: "alice"},
	} {
		if _, err := s.AddDevice(nd); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.BindDevice("carol", "iPhone 8"); err != nil {
		t.Fatal(err)
	}
	tr := phone.Transition{Date: phoneTestAt, OldStillWorks: true}
	if _, err := s.RecordDeviceChange("iPhone 8", phone.EventNewHandset, "iphone 8", tr); !errors.Is(err, ErrSameDevice) {
		t.Fatalf("same device: %v", err)
	}
	rec, err := s.RecordDeviceChange("iPhone 8", phone.EventNewHandset, "iPhone 15", tr)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Created == nil || rec.Created.Name != "iPhone 15" || rec.Created.Kind != phone.DeviceHandset || len(rec.Checklist) != 3 {
		t.Fatalf("recorded %+v", rec)
	}
	tests := []struct {
		name     string
		change   string
		account  string
		wantErr  error
		write    bool
		already  bool
		left     int
		appMoves bool
	}{
		{"an unknown change", "nokia", "bob", &DeviceChangeNotFoundError{}, false, false, 0, false},
		{"by old device: bob moves", "iphone 8", "bob", nil, true, false, 2, false},
		{"again: already, nothing written", rec.Change.ID, "bob", nil, false, true, 2, false},
		{"alice: the app moves to the new handset", rec.Change.ID, "alice", nil, true, false, 1, true},
		{"carol", "iPhone 8", "carol", nil, true, false, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gen := generation(t, s)
			later(s)
			got, err := s.TickDeviceChange(tt.change, tt.account)
			if nf := (*DeviceChangeNotFoundError)(nil); tt.wantErr != nil && errors.As(tt.wantErr, &nf) {
				if !errors.As(err, &nf) {
					t.Fatalf("error %v", err)
				}
			} else {
				checkErr(t, err, tt.wantErr)
			}
			checkWrite(t, s, gen, tt.write)
			if err != nil {
				return
			}
			if got.Already != tt.already || got.Left != tt.left || (len(got.Moved) > 0) != tt.appMoves {
				t.Errorf("result %+v", got)
			}
		})
	}
	// Dave is on no device: he is not on the checklist.
	v, _ := s.Load()
	app, _ := FindDevice(v, "authy")
	if DeviceName(v, app.Host) != "iPhone 15" {
		t.Errorf("Authy runs on %q", DeviceName(v, app.Host))
	}
}

func TestTickDeviceRefusesAnAccountNotOnIt(t *testing.T) {
	s := phoneFixture(t, "alice", "dave")
	if _, err := s.AddDevice(NewDevice{Name: "iPhone 8", Kind: phone.DeviceHandset, Account: "alice"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordDeviceChange("iPhone 8", phone.EventAppReinstall, "", phone.Transition{Date: phoneTestAt}); err != nil {
		t.Fatal(err)
	}
	gen := generation(t, s)
	_, err := s.TickDeviceChange("iPhone 8", "dave")
	var e *NotOnChecklistError
	if !errors.As(err, &e) || !e.Device || e.Old != "iPhone 8" {
		t.Fatalf("error %v", err)
	}
	checkWrite(t, s, gen, false)
}
