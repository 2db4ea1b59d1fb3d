package cli

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/mamori-app/mamori/vault/phone"
)

func (h *harness) devicesJSON() []deviceJSON {
	h.t.Helper()
	var out []deviceJSON
	decodeOne(h.t, h.ok("", "device", "list", "--json").stdout, &out)
	return out
}

func (h *harness) deviceRiskJSON() []phone.DeviceRiskItem {
	h.t.Helper()
	var out []phone.DeviceRiskItem
	decodeOne(h.t, h.ok("", "device", "risk", "--json").stdout, &out)
	return out
}

func checklistLabels(items []phone.DeviceRiskItem) string {
	var l []string
	for _, it := range items {
		l = append(l, it.Label)
	}
	sort.Strings(l)
	return strings.Join(l, "|")
}

// TestDeviceTriggers follows the seed's two device triggers: a new handset
// and an authenticator app reinstall each list the accounts whose codes
// lived on the old one, and only those.
func TestDeviceTriggers(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "taro@example.com", "--issuer", "Amazon", "--no-otp")
	h.ok("", "add", "taro", "--issuer", "LINE", "--no-otp")
	h.ok("", "add", "alice", "--issuer", "GitHub", "--secret", h.addSecret("JBSWY3DPEHPK3PXP"))
	h.ok("", "add", "山田太郎", "--issuer", "みずほ銀行", "--no-otp")
	h.ok("", "add", "bob", "--issuer", "Unbound", "--no-otp")

	h.ok("", "device", "add", "iPhone 8")
	h.ok("", "device", "add", "Google Authenticator", "--kind", "authenticator-app")
	h.ok("", "device", "add", "iPad")
	h.fails(exitFailure, []string{`A device called iphone 8 is already recorded.`}, "", "device", "add", "iphone 8")
	h.fails(exitUsage, []string{"--kind takes handset or authenticator-app"}, "", "device", "add", "Watch", "--kind", "watch")
	h.fails(exitUsage, []string{"Give the device a name"}, "", "device", "add", "  ")

	// Amazon's app on the iPhone confirms logins; LINE lives on the iPhone;
	// GitHub and the bank are in the authenticator app; the bank's app is
	// on the iPad too.
	r := h.ok("", "device", "bind", "amazon", "iphone")
	if !strings.Contains(r.stderr, "Amazon: taro@example.com's codes live on iPhone 8") {
		t.Errorf("bind: %q", r.stderr)
	}
	h.ok("", "device", "bind", "line", "iPhone 8")
	h.ok("", "device", "bind", "github", "google")
	h.ok("", "device", "bind", "みずほ", "google")
	h.ok("", "device", "bind", "みずほ", "ipad")
	if r := h.ok("", "device", "bind", "line", "iPhone 8"); !strings.Contains(r.stderr, "already live on iPhone 8; nothing changed") {
		t.Errorf("bind twice: %q", r.stderr)
	}
	before := h.snapshot()
	h.fails(exitFailure, []string{`"ip" matches 2 devices: iPhone 8, iPad`}, "", "device", "bind", "line", "ip")
	h.fails(exitFailure, []string{`No device matches "pixel".`, "hint: \"mamori device list\""}, "", "device", "bind", "line", "pixel")
	h.fails(exitFailure, []string{"Unbound: bob is not bound to iPad"}, "", "device", "unbind", "unbound", "ipad")
	h.fails(exitFailure, []string{"No change of iPhone 8 is recorded."}, "", "device", "done", "iphone", "amazon")
	h.sameSnapshot(before, "failed device commands")

	devs := h.devicesJSON()
	if len(devs) != 3 || devs[0].Name != "iPhone 8" || devs[0].Kind != phone.DeviceHandset || len(devs[0].Accounts) != 2 ||
		devs[1].Kind != phone.DeviceAuthenticator || len(devs[1].Accounts) != 2 || len(devs[2].Accounts) != 1 {
		t.Errorf("device list --json = %+v", devs)
	}
	if r := h.ok("", "device", "list"); !strings.Contains(r.stdout, "Google Authenticator  Authenticator app  GitHub: alice, みずほ銀行: 山田太郎") {
		t.Errorf("device list:\n%s", r.stdout)
	}

	// Trigger 1: a new handset. The accounts on the iPhone, and only they.
	var ch deviceChangeJSON
	decodeOne(t, h.ok("", "device", "change", "iphone", "--new", "Pixel 9", "--json").stdout, &ch)
	if ch.Change.Event != phone.EventNewHandset || ch.Change.New == "" || !ch.Change.OldStillWorks ||
		checklistLabels(ch.Checklist) != "Amazon: taro@example.com|LINE: taro" {
		t.Errorf("new handset = %+v", ch)
	}
	for _, it := range ch.Checklist {
		if !it.NoFallback || it.Urgency != phone.UrgencyOpen {
			t.Errorf("item %+v: want no fallback, open", it)
		}
	}
	if devs := h.devicesJSON(); len(devs) != 4 || devs[3].Name != "Pixel 9" || devs[3].Kind != phone.DeviceHandset {
		t.Errorf("--new did not add the new handset: %+v", devs)
	}
	// As a person reads it; recording it again updates it.
	r = h.ok("", "device", "change", "iPhone 8", "--new", "Pixel 9", "--old-until", "2009-03-31")
	for _, w := range []string{"updated the recorded new handset iPhone 8 → Pixel 9", "the old device works through 2009-03-31",
		`tick it off with "mamori device done 'iPhone 8' ACCOUNT"`} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("change stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	for _, w := range []string{"[ ]  Amazon: taro@example.com", "iPhone 8 → Pixel 9", "no other way in: once the old device is gone", "no support contact recorded"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("checklist lacks %q:\n%s", w, r.stdout)
		}
	}
	h.fails(exitUsage, []string{"A new handset must be another device"}, "", "device", "change", "iPhone 8", "--new", "iphone 8")
	h.fails(exitUsage, []string{"--old-until and --old-gone cannot be used together"}, "", "device", "change", "iPhone 8", "--old-until", "2009-03-01", "--old-gone")

	// Trigger 2: the authenticator app is reinstalled. GitHub has its key in
	// Mamori; the bank still has the iPad.
	decodeOne(t, h.ok("", "device", "change", "google", "--reinstall", "--json").stdout, &ch)
	if ch.Change.Event != phone.EventAppReinstall || ch.Change.New != ch.Change.Old ||
		checklistLabels(ch.Checklist) != "GitHub: alice|みずほ銀行: 山田太郎" {
		t.Errorf("reinstall = %+v", ch)
	}
	for _, it := range ch.Checklist {
		if it.NoFallback {
			t.Errorf("item %+v has a way in", it)
		}
	}
	r = h.ok("", "device", "change", "google", "--reinstall")
	if !strings.Contains(r.stderr, "updated the recorded reinstall of Google Authenticator") || !strings.Contains(r.stderr, "before reinstalling, make sure each can be set up again") {
		t.Errorf("reinstall stderr:\n%s", r.stderr)
	}

	// Every open item, across both changes.
	if got := checklistLabels(h.deviceRiskJSON()); got != "Amazon: taro@example.com|GitHub: alice|LINE: taro|みずほ銀行: 山田太郎" {
		t.Errorf("device risk = %s", got)
	}

	// Ticking off shrinks the lists; the account moves to the new handset.
	r = h.ok("", "device", "done", "iphone", "amazon")
	if !strings.Contains(r.stderr, "ticked off Amazon: taro@example.com: its codes moved from iPhone 8 to Pixel 9") || !strings.Contains(r.stderr, "1 account left") {
		t.Errorf("done: %q", r.stderr)
	}
	if r := h.ok("", "device", "done", "iphone", "amazon"); !strings.Contains(r.stderr, "already ticked off") {
		t.Errorf("done twice: %q", r.stderr)
	}
	before = h.snapshot()
	h.fails(exitFailure, []string{"Unbound: bob's codes do not live on iPhone 8"}, "", "device", "done", "iphone", "unbound")
	h.sameSnapshot(before, "done for an account not on the list")
	r = h.ok("", "device", "done", "Google Authenticator", "github")
	if !strings.Contains(r.stderr, "its codes work again in Google Authenticator") {
		t.Errorf("done after reinstall: %q", r.stderr)
	}
	if got := checklistLabels(h.deviceRiskJSON()); got != "LINE: taro|みずほ銀行: 山田太郎" {
		t.Errorf("device risk after ticks = %s", got)
	}
	devs = h.devicesJSON()
	if fmt.Sprint(devs[3].Accounts) != fmt.Sprint([]deviceAcctJSON{{ID: h.accountID("amazon"), Label: "Amazon: taro@example.com"}}) ||
		len(devs[1].Accounts) != 2 {
		t.Errorf("devices after ticks = %+v", devs)
	}

	// Unbinding; Japanese.
	h.ok("", "device", "unbind", "みずほ", "ipad")
	h.env["LANG"] = "ja_JP.UTF-8"
	r = h.ok("", "device", "risk")
	noKeys(t, r)
	if !strings.Contains(r.stdout, "機種変更") || !strings.Contains(r.stdout, "アプリの再インストール") {
		t.Errorf("ja device risk:\n%s", r.stdout)
	}
	noKeys(t, h.ok("", "device", "list"))
}

func (h *harness) accountID(query string) string {
	h.t.Helper()
	for _, a := range h.listJSON() {
		if strings.Contains(strings.ToLower(a.Issuer+":"+a.Name), query) {
			return a.ID
		}
	}
	h.t.Fatalf("no account %q", query)
	return ""
}

// TestNeedsTwoDevices checks the readiness rule one-device: a service that
// wants two registered devices, with one recorded.
func TestNeedsTwoDevices(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "taro@example.com", "--issuer", "Amazon", "--no-otp")
	h.ok("", "device", "add", "iPhone 8")
	h.ok("", "device", "bind", "amazon", "iphone")
	oneDevice := func() *findingJSON {
		var fs []findingJSON
		decodeOne(t, h.ok("", "phone", "readiness", "--json").stdout, &fs)
		for _, f := range fs {
			if f.Code == phone.FindingOneDevice {
				return &f
			}
		}
		return nil
	}
	if f := oneDevice(); f != nil {
		t.Errorf("one-device before the setting: %+v", f)
	}
	h.fails(exitUsage, []string{"account set needs a setting to change"}, "", "account", "set", "amazon")
	r := h.ok("", "account", "set", "amazon", "--needs-two-devices")
	if !strings.Contains(r.stderr, "Amazon: taro@example.com needs two registered devices") ||
		!strings.Contains(r.stderr, "warning: Amazon: taro@example.com has only 1 registered device(s) recorded") {
		t.Errorf("account set: %q", r.stderr)
	}
	if f := oneDevice(); f == nil || f.Severity != phone.SeverityHigh || f.Count != 1 || f.Label != "Amazon: taro@example.com" {
		t.Errorf("one-device = %+v", f)
	}
	if r := h.ok("", "phone", "readiness"); !strings.Contains(r.stdout, "The service needs two registered devices; recorded: 1.") {
		t.Errorf("readiness:\n%s", r.stdout)
	}
	before := h.snapshot()
	if r := h.ok("", "account", "set", "amazon", "--needs-two-devices=true"); !strings.Contains(r.stderr, "already has that setting") {
		t.Errorf("setting again: %q", r.stderr)
	}
	h.sameSnapshot(before, "setting the same value")

	// A second device clears it; so does clearing the setting.
	h.ok("", "device", "add", "iPad")
	h.ok("", "device", "bind", "amazon", "ipad")
	if f := oneDevice(); f != nil {
		t.Errorf("one-device with two devices: %+v", f)
	}
	h.ok("", "device", "unbind", "amazon", "ipad")
	if oneDevice() == nil {
		t.Error("no one-device after unbinding")
	}
	if r := h.ok("", "account", "set", "amazon", "--needs-two-devices=false"); !strings.Contains(r.stderr, "no longer needs two registered devices") {
		t.Errorf("clearing: %q", r.stderr)
	}
	if f := oneDevice(); f != nil {
		t.Errorf("one-device after clearing: %+v", f)
	}
}

func TestAccountSetPinned(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "taro@example.com", "--issuer", "Amazon", "--no-otp")
	h.ok("", "add", "hanako@example.com", "--issuer", "GitHub", "--no-otp")
	h.ok("", "add", "jiro@example.com", "--issuer", "Zoom", "--no-otp")
	order := func() (s string) {
		for _, a := range h.listJSON() {
			s += a.Issuer
			if a.Pinned {
				s += "*"
			}
			s += " "
		}
		return s
	}
	if got := order(); got != "Amazon GitHub Zoom " {
		t.Fatalf("before pinning: %q", got)
	}
	if r := h.ok("", "account", "set", "zoom", "--pinned"); !strings.Contains(r.stderr, "Zoom: jiro@example.com is pinned") {
		t.Errorf("pinning: %q", r.stderr)
	}
	h.ok("", "account", "set", "github", "--pinned=true")
	if got := order(); got != "GitHub* Zoom* Amazon " {
		t.Fatalf("after pinning: %q", got)
	}
	if r := h.ok("", "list"); strings.Index(r.stdout, "GitHub") > strings.Index(r.stdout, "Amazon") ||
		strings.Index(r.stdout, "Zoom") > strings.Index(r.stdout, "Amazon") {
		t.Errorf("list does not put pinned accounts first:\n%s", r.stdout)
	}
	if !strings.Contains(h.ok("", "list", "--json").stdout, `"pinned": false`) {
		t.Error(`list --json leaves out "pinned": false`)
	}
	before := h.snapshot()
	if r := h.ok("", "account", "set", "zoom", "--pinned"); !strings.Contains(r.stderr, "already has that setting") {
		t.Errorf("pinning again: %q", r.stderr)
	}
	h.sameSnapshot(before, "pinning again")
	if r := h.ok("", "account", "set", "github", "--pinned=false"); !strings.Contains(r.stderr, "GitHub: hanako@example.com is no longer pinned") {
		t.Errorf("unpinning: %q", r.stderr)
	}
	if got := order(); got != "Zoom* Amazon GitHub " {
		t.Fatalf("after unpinning: %q", got)
	}
	h.fails(exitUsage, []string{"--pinned"}, "", "account", "set", "zoom")
}

// TestDeviceNewHandsetCarriesTheAppsOnIt: the audit case. GitHub's codes
// are in an authenticator app on the iPhone 13; a new handset lists GitHub,
// and once every account in the app is ticked off, the app runs on the
// new handset.
func TestDeviceNewHandsetCarriesTheAppsOnIt(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "alice", "--issuer", "GitHub", "--no-otp")
	h.ok("", "add", "bob", "--issuer", "AWS", "--no-otp")
	h.ok("", "device", "add", "iPhone 13")
	h.ok("", "device", "add", "Old tablet")
	before := h.snapshot()
	h.fails(exitUsage, []string{"iPhone 13 is not a recorded handset", "hint: --on names the handset an authenticator app runs on"}, "", "device", "add", "Watch", "--kind", "handset", "--on", "iphone 13")
	h.fails(exitFailure, []string{`No device matches "pixel".`}, "", "device", "add", "Authy", "--on", "pixel")
	h.sameSnapshot(before, "refused device add --on")
	r := h.ok("", "device", "add", "Google Authenticator", "--on", "iPhone 13")
	if !strings.Contains(r.stderr, "recorded Google Authenticator (authenticator app on iPhone 13)") {
		t.Errorf("add --on: %q", r.stderr)
	}
	h.fails(exitUsage, []string{"--on names the handset"}, "", "device", "add", "Authy", "--on", "google")
	h.ok("", "device", "bind", "github", "google")
	h.ok("", "device", "bind", "aws", "google")

	devs := h.devicesJSON()
	if len(devs) != 3 || devs[2].Host != devs[0].ID || devs[2].HostName != "iPhone 13" || devs[2].Kind != phone.DeviceAuthenticator || devs[0].Host != "" {
		t.Fatalf("device list --json = %+v", devs)
	}
	if r := h.ok("", "device", "list"); !strings.Contains(r.stdout, "authenticator app on iPhone 13") {
		t.Errorf("device list:\n%s", r.stdout)
	}

	r = h.ok("", "device", "change", "iPhone 13", "--new", "Pixel 9")
	if strings.Contains(r.stderr, "no account") || !strings.Contains(r.stdout, "GitHub: alice") || !strings.Contains(r.stdout, "AWS: bob") {
		t.Fatalf("device change:\n%s\n%s", r.stdout, r.stderr)
	}
	items := h.deviceRiskJSON()
	if checklistLabels(items) != "AWS: bob|GitHub: alice" || !items[0].NoFallback {
		t.Fatalf("device risk = %+v", items)
	}

	// Ticking GitHub off keeps the app on the iPhone while AWS waits.
	r = h.ok("", "device", "done", "iphone 13", "github")
	if strings.Contains(r.stderr, "now runs on") {
		t.Errorf("the app moved with AWS still waiting: %q", r.stderr)
	}
	if devs := h.devicesJSON(); devs[2].HostName != "iPhone 13" || len(devs[2].Accounts) != 2 {
		t.Fatalf("after GitHub: %+v", devs)
	}
	r = h.ok("", "device", "done", "iphone 13", "aws")
	if !strings.Contains(r.stderr, "Google Authenticator now runs on Pixel 9") {
		t.Errorf("done: %q", r.stderr)
	}
	if devs := h.devicesJSON(); devs[2].HostName != "Pixel 9" || len(devs[2].Accounts) != 2 {
		t.Fatalf("after AWS: %+v", devs)
	}
	if items := h.deviceRiskJSON(); len(items) != 0 {
		t.Fatalf("device risk = %+v", items)
	}
	// The next handset change carries the app's accounts again.
	r = h.ok("", "device", "change", "Pixel 9", "--new", "Pixel 10", "--json")
	var out deviceChangeJSON
	decodeOne(t, r.stdout, &out)
	if len(out.Checklist) != 2 {
		t.Fatalf("next change: %+v", out)
	}

	h.env["LANG"] = "ja_JP.UTF-8"
	r = h.ok("", "device", "list")
	noKeys(t, r)
	if !strings.Contains(r.stdout, "Pixel 9 の認証アプリ") {
		t.Errorf("ja device list:\n%s", r.stdout)
	}
}

func TestDeviceSetHost(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "alice", "--issuer", "GitHub", "--no-otp")
	h.ok("", "device", "add", "iPhone 13")
	h.ok("", "device", "add", "Authy", "--kind", "authenticator-app")
	h.ok("", "device", "bind", "github", "authy")
	before := h.snapshot()
	h.fails(exitUsage, []string{"--on HANDSET"}, "", "device", "set", "authy")
	h.fails(exitUsage, []string{"--on names the handset"}, "", "device", "set", "iphone", "--on", "authy")
	h.fails(exitFailure, []string{`No device matches "pixel".`}, "", "device", "set", "authy", "--on", "pixel")
	h.sameSnapshot(before, "refused device set")

	r := h.ok("", "device", "set", "authy", "--on", "iphone")
	if !strings.Contains(r.stderr, "Authy is now recorded as running on iPhone 13") {
		t.Errorf("set: %q", r.stderr)
	}
	if devs := h.devicesJSON(); devs[1].HostName != "iPhone 13" {
		t.Fatalf("devices %+v", devs)
	}
	if items := h.deviceRiskJSON(); len(items) != 0 {
		t.Fatalf("risk before any change: %+v", items)
	}
	r = h.ok("", "device", "change", "iphone", "--new", "Pixel 9")
	if !strings.Contains(r.stdout, "GitHub: alice") {
		t.Errorf("change:\n%s", r.stdout)
	}
	r = h.ok("", "device", "set", "authy", "--on", "")
	if !strings.Contains(r.stderr, "Authy is no longer recorded on a handset") {
		t.Errorf("forget: %q", r.stderr)
	}
	if devs := h.devicesJSON(); devs[1].Host != "" {
		t.Fatalf("devices %+v", devs)
	}
}
