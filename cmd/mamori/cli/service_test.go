package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// serviceKeys are the fields of every service object "service --json" and
// "service --list --json" print.
var serviceKeys = []string{"custom_hardware", "custom_software", "docs", "domain", "domains", "icon", "methods", "name", "recovery"}

func keysOf(t *testing.T, obj map[string]json.RawMessage) []string {
	t.Helper()
	var ks []string
	for k := range obj {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func TestServiceQueryJSON(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		query, name, domain string
	}{
		{"github", "GitHub", "github.com"},
		{"メルカリ", "Mercari [JP]", "jp.mercari.com"},
		{"ﾔﾌｰ", "Yahoo [JP]", "yahoo.co.jp"},
		{"amazon.co.jp", "Amazon", "amazon.com"},
		{"https://aws.amazon.com/console/", "Amazon Web Services", "aws.amazon.com"},
	}
	for _, c := range cases {
		r := h.ok("", "service", c.query, "--json")
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(r.stdout), &obj); err != nil {
			t.Fatalf("service %s --json: %v\n%s", c.query, err, r.stdout)
		}
		if got := keysOf(t, obj); !slices.Equal(got, serviceKeys) {
			t.Errorf("service %s --json keys = %v, want %v", c.query, got, serviceKeys)
		}
		var s serviceJSON
		if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
			t.Fatal(err)
		}
		if s.Name != c.name || s.Domain != c.domain || s.Methods == nil || s.Domains == nil {
			t.Errorf("service %s --json = %+v", c.query, s)
		}
	}
	var gh serviceJSON
	json.Unmarshal([]byte(h.ok("", "service", "GitHub", "--json").stdout), &gh)
	if !slices.Contains(gh.Methods, "totp") || !strings.HasPrefix(gh.Docs, "https://") || gh.Icon != "github" {
		t.Errorf("GitHub = %+v", gh)
	}
}

func TestServiceText(t *testing.T) {
	h := newHarness(t)
	r := h.ok("", "service", "PayPay")
	for _, w := range []string{"PayPay (paypay.ne.jp)", "Second steps", "SMS", "2FA help", "not recorded"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("service PayPay lacks %q:\n%s", w, r.stdout)
		}
	}
	h.env["LANG"] = "ja_JP.UTF-8"
	r = h.ok("", "service", "github")
	for _, w := range []string{"GitHub (github.com)", "2段階認証", "認証アプリ", "設定の案内", "https://"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("service github (ja) lacks %q:\n%s", w, r.stdout)
		}
	}
	r = h.ok("", "service", "--help")
	if !strings.Contains(r.stdout, "サービス") || !strings.Contains(r.stdout, "--list") {
		t.Errorf("service --help in Japanese:\n%s", r.stdout)
	}
	h.fails(exitFailure, []string{"というサービスは Mamori の一覧にありません"}, "", "service", "存在しないサービス")
}

func TestServiceList(t *testing.T) {
	h := newHarness(t)
	r := h.ok("", "service", "--list", "--json")
	var all []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &all); err != nil {
		t.Fatalf("service --list --json: %v", err)
	}
	if len(all) != 2566 {
		t.Errorf("service --list --json: %d services", len(all))
	}
	for _, obj := range all[:5] {
		if got := keysOf(t, obj); !slices.Equal(got, serviceKeys) {
			t.Errorf("keys = %v", got)
		}
	}
	r = h.ok("", "service", "--list")
	if lines := strings.Count(r.stdout, "\n"); lines != 2567 || !strings.HasPrefix(r.stdout, "SERVICE") {
		t.Errorf("service --list: %d lines, starting %.40q", lines, r.stdout)
	}
}

func TestServiceErrors(t *testing.T) {
	h := newHarness(t)
	h.fails(exitFailure, []string{`Mamori knows no service called "Acme Intranet"`, "hint:"}, "", "service", "Acme Intranet")
	h.fails(exitFailure, []string{`"amazo" fits 3 services: Amazon, Amazon Pay, Amazon Web Services`}, "", "service", "amazo")
	h.fails(exitUsage, []string{"--list takes no QUERY"}, "", "service", "github", "--list")
	h.fails(exitUsage, nil, "", "service")
	h.fails(exitUsage, nil, "", "service", "a", "b")
}

// list --json carries "service" and "icon" for matched accounts only, and
// "service QUERY --set ACCOUNT" confirms, changes or clears the match.
func TestListJSONService(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "alice", "--issuer", "GitHub", "--no-otp")
	h.ok("", "add", "bob", "--issuer", "Acme Intranet", "--no-otp")
	h.ok("", "add", "taro", "--issuer", "メルカリ", "--no-otp")

	type entry struct {
		Issuer  string          `json:"issuer"`
		Service json.RawMessage `json:"service"`
		Icon    *string         `json:"icon"`
	}
	list := func() map[string]entry {
		var out []entry
		if err := json.Unmarshal([]byte(h.ok("", "list", "--json").stdout), &out); err != nil {
			t.Fatal(err)
		}
		m := map[string]entry{}
		for _, e := range out {
			m[e.Issuer] = e
		}
		return m
	}
	svc := func(e entry) (s accountServiceJSON, keys []string) {
		var obj map[string]json.RawMessage
		json.Unmarshal(e.Service, &obj)
		json.Unmarshal(e.Service, &s)
		return s, keysOf(t, obj)
	}
	got := list()
	s, keys := svc(got["GitHub"])
	if want := []string{"confirmed", "docs", "domain", "methods", "name", "recovery"}; !slices.Equal(keys, want) {
		t.Errorf("service keys = %v, want %v", keys, want)
	}
	if s.Name != "GitHub" || s.Domain != "github.com" || s.Confirmed || got["GitHub"].Icon == nil || *got["GitHub"].Icon != "github" {
		t.Errorf("GitHub: %+v icon %v", s, got["GitHub"].Icon)
	}
	if s, _ := svc(got["メルカリ"]); s.Domain != "jp.mercari.com" {
		t.Errorf("メルカリ: %+v", s)
	}
	if e := got["Acme Intranet"]; e.Service != nil || e.Icon != nil {
		t.Errorf("Acme Intranet has service %s, icon %v", e.Service, e.Icon)
	}

	r := h.ok("", "service", "dropbox", "--set", "Acme")
	if !strings.Contains(r.stderr, "Acme Intranet: bob: recorded as Dropbox") {
		t.Errorf("--set: %q", r.stderr)
	}
	if s, _ := svc(list()["Acme Intranet"]); s.Domain != "dropbox.com" || !s.Confirmed {
		t.Errorf("after --set: %+v", s)
	}
	h.ok("", "service", "none", "--set", "GitHub")
	if e := list()["GitHub"]; e.Service != nil || e.Icon != nil {
		t.Errorf("after none: %s", e.Service)
	}
	r = h.ok("", "service", "auto", "--set", "GitHub")
	if !strings.Contains(r.stderr, "matches it again, to GitHub") {
		t.Errorf("auto: %q", r.stderr)
	}
	if s, _ := svc(list()["GitHub"]); s.Domain != "github.com" || s.Confirmed {
		t.Errorf("after auto: %+v", s)
	}
	before := h.snapshot()
	h.fails(exitFailure, []string{"Mamori knows no service"}, "", "service", "no such service", "--set", "GitHub")
	h.sameSnapshot(before, "an unknown service")
}

// Readiness (CLI) shows the findings from what a service offers, and a
// number change's checklist says where each account's number is changed.
func TestServiceReadinessAndChecklist(t *testing.T) {
	h := newHarness(t)
	h.ok("", "add", "taro", "--issuer", "PayPay", "--no-otp")
	h.ok("", "add", "alice", "--issuer", "GitHub", "--no-otp")
	h.ok("", "phone", "bind", "PayPay", "090-1234-5678")
	h.ok("", "phone", "bind", "GitHub", "090-1234-5678")
	var found []struct {
		Code      string `json:"code"`
		AccountID string `json:"account_id"`
		Label     string `json:"label"`
		Message   string `json:"message"`
	}
	r := h.ok("", "phone", "readiness", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &found); err != nil {
		t.Fatal(err)
	}
	codes := map[string]string{}
	for _, f := range found {
		codes[f.Label+" "+f.Code] = f.Message
	}
	if m := codes["PayPay: taro service-phone-only"]; !strings.Contains(m, "Keep this phone number alive") {
		t.Errorf("PayPay: %v", codes)
	}
	if m := codes["GitHub: alice sms-switchable"]; !strings.Contains(m, "Switch, then keep the backup codes") {
		t.Errorf("GitHub: %v", codes)
	}
	r = h.ok("", "phone", "change", "090-1234-5678", "080-9999-0000")
	gh := h.ok("", "service", "github", "--json").stdout
	var s serviceJSON
	json.Unmarshal([]byte(gh), &s)
	if !strings.Contains(r.stdout, "Where each account's number is changed:") || !strings.Contains(r.stdout, "GitHub: alice: "+s.Docs) {
		t.Errorf("checklist:\n%s", r.stdout)
	}
}
