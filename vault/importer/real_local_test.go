package importer

import (
	"os"
	"testing"
)

func TestRealLocal(t *testing.T) {
	for f, pw := range map[string]string{"/tmp/realsamples/aegis_encrypted.json": "test", "/tmp/realsamples/2fas_encrypted.2fas": "example.com"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Skip(err)
		}
		r, err := Parse(b, Options{Passphrase: func() (string, error) { return pw, nil }})
		t.Logf("%s: %s err=%v", f, r.Format, err)
		for i, a := range r.Accounts {
			t.Logf("  %s %+v", r.From[i], a)
		}
		for _, s := range r.Skipped {
			t.Logf("  skip %s %s %v", s.Entry, s.Label, s.Reason)
		}
		_, err = Parse(b, Options{Passphrase: func() (string, error) { return "wrong", nil }})
		t.Logf("wrong: %v", err)
	}
}
