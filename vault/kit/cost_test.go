package kit

import (
	"bytes"
	"errors"
	"regexp"
	"testing"

	"filippo.io/age"
)

// craftedKit is a small passphrase-protected age file whose scrypt stanza
// names work factor logN. The header MAC no longer matches once logN is
// changed, but a kit asking too much must be refused before that is known.
func craftedKit(t *testing.T, logN string) []byte {
	t.Helper()
	r, err := age.NewScryptRecipient("pass")
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(testWorkFactor)
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`{"format":"x"}`))
	w.Close()
	re := regexp.MustCompile(`(?m)^(-> scrypt \S+) 10$`)
	if !re.Match(buf.Bytes()) {
		t.Fatalf("no scrypt stanza in %q", buf.Bytes())
	}
	return re.ReplaceAll(buf.Bytes(), []byte("${1} "+logN))
}

func TestOpenRefusesCostlyKits(t *testing.T) {
	for _, c := range []struct {
		name  string
		logN  string
		max   int
		asked int
	}{
		{"work factor 22 against the default cap", "22", 0, 22},
		{"work factor 30 against the default cap", "30", 0, 30},
		{"work factor 10 against a cap of 8", "10", 8, 10},
	} {
		t.Run(c.name, func(t *testing.T) {
			raw := craftedKit(t, c.logN)
			if len(raw) > 400 {
				t.Fatalf("crafted kit is %d bytes, want a small one", len(raw))
			}
			asked := false
			_, err := Open(bytes.NewReader(raw), OpenOptions{
				MaxScryptWorkFactor: c.max,
				Passphrase:          func() (string, error) { asked = true; return "pass", nil },
			})
			var ce *CostError
			if !errors.As(err, &ce) || !errors.Is(err, ErrTooCostly) {
				t.Fatalf("Open = %v, want a *CostError", err)
			}
			want := c.max
			if want == 0 {
				want = MaxScryptWorkFactor
			}
			if ce.Asked != c.asked || ce.Max != want {
				t.Fatalf("CostError = %+v, want asked %d, max %d", ce, c.asked, want)
			}
			if asked {
				t.Fatal("the passphrase was asked for (and scrypt would have run) before the cost was checked")
			}
		})
	}
	// Under the cap the crafted kit (logN unchanged) is only a wrong document.
	_, err := Open(bytes.NewReader(craftedKit(t, "10")), OpenOptions{Passphrase: func() (string, error) { return "pass", nil }})
	if errors.Is(err, ErrTooCostly) {
		t.Fatalf("work factor 10 refused as too costly: %v", err)
	}
}
