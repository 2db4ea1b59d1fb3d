package service

import (
	"bytes"
	"encoding/xml"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The embedded data is whole and consistent: the README's count of
// services, every service's icon is embedded and every embedded icon is
// some service's, methods are known ones.
func TestEmbeddedData(t *testing.T) {
	d := New()
	all, err := d.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2566 {
		t.Errorf("%d services, want 2566 (data/README.md)", len(all))
	}
	known := map[Method]bool{}
	for _, m := range AllMethods() {
		known[m] = true
	}
	used := map[string]bool{}
	for _, s := range all {
		for _, m := range s.Methods {
			if !known[m] {
				t.Errorf("%s: unknown method %q", s.Name, m)
			}
		}
		if s.Icon == "" {
			continue
		}
		used[s.Icon] = true
		if _, ok := d.Icon(s.Icon); !ok {
			t.Errorf("%s: icon %q is not embedded", s.Name, s.Icon)
		}
	}
	if n := d.IconCount(); n != len(used) {
		t.Errorf("%d icons embedded, %d used", n, len(used))
	}
	gh, ok := d.ByDomain("github.com")
	if !ok || gh.Icon != "github" || !gh.Offers(MethodTOTP) || gh.Docs == "" {
		t.Errorf("GitHub = %+v", gh)
	}
}

func TestIconSVG(t *testing.T) {
	d := New()
	ic, ok := d.Icon("github")
	if !ok || ic.Title != "GitHub" || ic.Color.R != 0x18 {
		t.Fatalf("github icon = %+v", ic)
	}
	svg := ic.SVG(ic.Color)
	var doc struct {
		Path struct {
			Fill string `xml:"fill,attr"`
			D    string `xml:"d,attr"`
		} `xml:"path"`
	}
	if err := xml.NewDecoder(bytes.NewReader(svg)).Decode(&doc); err != nil {
		t.Fatalf("SVG does not parse: %v\n%s", err, svg)
	}
	if doc.Path.Fill != "#181717" || !strings.HasPrefix(doc.Path.D, "M12") {
		t.Errorf("path = %+v", doc.Path)
	}
	if _, ok := d.Icon("no-such-icon"); ok {
		t.Error("an unknown slug has an icon")
	}
}

func TestLicences(t *testing.T) {
	ls := Licences()
	if len(ls) != 2 {
		t.Fatalf("%d licences", len(ls))
	}
	if !strings.Contains(ls[0].Text, "MIT License") || !strings.Contains(ls[0].Text, "2factorauth") {
		t.Errorf("directory licence = %.80q", ls[0].Text)
	}
	if !strings.Contains(ls[1].Text, "CC0 1.0 Universal") {
		t.Errorf("icons licence = %.80q", ls[1].Text)
	}
}

func TestPhoneOnly(t *testing.T) {
	cases := []struct {
		methods           []Method
		phoneOnly, strong bool
	}{
		{nil, false, false},
		{[]Method{MethodSMS}, true, false},
		{[]Method{MethodSMS, MethodCall}, true, false},
		{[]Method{MethodSMS, MethodEmail}, false, false},
		{[]Method{MethodSMS, MethodTOTP}, false, true},
		{[]Method{MethodSecurityKey}, false, true},
	}
	for _, c := range cases {
		s := Service{Methods: c.methods}
		if s.PhoneOnly() != c.phoneOnly || s.OffersStrong() != c.strong {
			t.Errorf("%v: PhoneOnly %v OffersStrong %v", c.methods, s.PhoneOnly(), s.OffersStrong())
		}
	}
}

// reportCPU reports the process's CPU time per operation (cpu-ms/op)
// since start, when the platform can tell it.
func reportCPU(b *testing.B, start time.Duration) {
	if end, ok := cpuTime(); ok && b.N > 0 {
		b.ReportMetric(float64(end-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

// heapAfter returns the live heap after fn, collected.
func heapAfter(fn func()) uint64 {
	var m runtime.MemStats
	runtime.GC()
	fn()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// accounts500 are 500 accounts as a vault might hold them: known services
// in English and Japanese, domains, e-mail names and unknown issuers.
func accounts500() [][2]string {
	base := [][2]string{
		{"GitHub", "alice"}, {"メルカリ", "090"}, {"Amazon", "alice@example.com"}, {"楽天", "alice"},
		{"Acme Intranet", "bob"}, {"", "alice@gmail.com"}, {"", "https://www.dropbox.com"},
		{"Yahoo! JAPAN", "alice"}, {"みずほ銀行", "123"}, {"三井住友カード", "alice"},
	}
	out := make([][2]string, 500)
	for i := range out {
		out[i] = base[i%len(base)]
	}
	return out
}

// BenchmarkMatch500 is matching 500 accounts on an indexed directory (the
// cost at every start-up after the first use); heap-MB is the memory the
// indexed directory keeps.
func BenchmarkMatch500(b *testing.B) {
	accts := accounts500()
	var d *Directory
	live := heapAfter(func() {})
	live = heapAfter(func() { d = New(); d.Len() }) - live
	start, _ := cpuTime()
	for b.Loop() {
		for _, a := range accts {
			d.Match(a[0], a[1])
		}
	}
	reportCPU(b, start)
	b.ReportMetric(float64(live)/(1<<20), "heap-MB")
	runtime.KeepAlive(d)
}

// BenchmarkFirstMatch500 is the first use: parsing and indexing the
// directory, then matching 500 accounts.
func BenchmarkFirstMatch500(b *testing.B) {
	accts := accounts500()
	start, _ := cpuTime()
	for b.Loop() {
		d := New()
		for _, a := range accts {
			d.Match(a[0], a[1])
		}
	}
	reportCPU(b, start)
}

// BenchmarkIcons is indexing the icons and cutting one out.
func BenchmarkIcons(b *testing.B) {
	var d *Directory
	live := heapAfter(func() {})
	live = heapAfter(func() { d = New(); d.Icon("github") }) - live
	start, _ := cpuTime()
	for b.Loop() {
		d := New()
		d.Icon("github")
	}
	reportCPU(b, start)
	b.ReportMetric(float64(live)/(1<<20), "heap-MB")
	runtime.KeepAlive(d)
}
