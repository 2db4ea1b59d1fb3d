package importer

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestCutOffLinks checks that a list whose links were cut off, or whose
// HOTP link lost its counter, is refused naming the line, rather than
// imported with default digits, period or counter.
func TestCutOffLinks(t *testing.T) {
	const good = "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\n"
	tests := []struct {
		name, last string
		want       error
		detail     string // in the error's text
	}{
		{"hotp without counter", "otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&issuer=Bank", ErrNoCounter, ""},
		{"hotp with empty counter", "otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&counter=", ErrCutOff, "counter"},
		{"HOTP upper case without counter", "otpauth://HOTP/Bank:bob?secret=JBSWY3DPEHPK3PXP", ErrNoCounter, ""},
		{"cut inside digits name", "otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&dig", ErrCutOff, "digits"},
		{"cut after digits name", "otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&digits", ErrCutOff, "digits"},
		{"cut after digits=", "otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&digits=", ErrCutOff, "digits"},
		{"cut inside period", "otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&digits=8&per", ErrCutOff, "period"},
		{"cut inside algorithm", "otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&algo", ErrCutOff, "algorithm"},
		{"cut after secret=", "otpauth://totp/X:y?issuer=X&secret=", ErrCutOff, "secret"},
	}
	for _, tt := range tests {
		for _, end := range []string{"", "\n"} {
			t.Run(fmt.Sprintf("%s/%q", tt.name, end), func(t *testing.T) {
				res, err := Parse([]byte(good+tt.last+end), Options{})
				if !errors.Is(err, tt.want) {
					t.Fatalf("err = %v, want %v", err, tt.want)
				}
				var ee *EntryError
				if !errors.As(err, &ee) || ee.Line != 2 {
					t.Fatalf("err %v does not name line 2", err)
				}
				if !strings.Contains(err.Error(), tt.detail) {
					t.Errorf("err %q does not name %q", err, tt.detail)
				}
				if len(res.Accounts) != 0 {
					t.Errorf("%d accounts imported from a broken file", len(res.Accounts))
				}
			})
		}
	}
}

// TestWholeLinks checks that whole links that merely look like the cut
// ones are read: an empty issuer at the end, unknown parameters, an HOTP
// link with its counter.
func TestWholeLinks(t *testing.T) {
	for _, s := range []string{
		"otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&issuer=",
		"otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&image=https%3A%2F%2Fexample.com%2Fa.png",
		"otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&digits=8&period=60",
		"otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&",
		"otpauth://hotp/X:y?counter=0&secret=JBSWY3DPEHPK3PXP",
		"otpauth://hotp/X:y?secret=JBSWY3DPEHPK3PXP&Counter=10300",
	} {
		if _, err := Parse([]byte(s), Options{}); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
}

// TestLinkFieldCounter checks the HOTP rule where a password manager's
// field holds the link.
func TestLinkFieldCounter(t *testing.T) {
	if _, err := otpField("otpauth://hotp/X:y?secret=JBSWY3DPEHPK3PXP", "", ""); !errors.Is(err, ErrNoCounter) {
		t.Errorf("err = %v, want ErrNoCounter", err)
	}
}

// TestEnteTrash checks that Ente Auth codes in its trash are skipped and
// counted, and the others imported.
func TestEnteTrash(t *testing.T) {
	in := "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&codeDisplay=%7B%22pinned%22%3Afalse%2C%22trashed%22%3Afalse%7D\n" +
		"otpauth://totp/Old:bob?secret=MFRGGZDFMZTWQ2LK&issuer=Old&codeDisplay=%7B%22pinned%22%3Afalse%2C%22trashed%22%3Atrue%2C%22tags%22%3A%5B%5D%7D\n" +
		"otpauth://totp/Older:carol?secret=GEZDGNBVGY3TQOJQ&issuer=Older&codeDisplay=%7B%22trashed%22%3Atrue%7D\n"
	res, err := Parse([]byte(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Accounts) != 1 || res.Accounts[0].Issuer != "GitHub" {
		t.Errorf("accounts = %+v, want GitHub only", res.Accounts)
	}
	if res.Trashed != 2 || len(res.Skipped) != 2 {
		t.Fatalf("trashed %d, skipped %+v; want 2", res.Trashed, res.Skipped)
	}
	for i, s := range res.Skipped {
		if !errors.Is(s.Reason, ErrInTrash) || s.Position.Line != i+2 {
			t.Errorf("skip %d = %+v", i, s)
		}
	}
	if res.Skipped[0].Label != "Old: bob" {
		t.Errorf("label %q", res.Skipped[0].Label)
	}

	// All in the trash: nothing to import, and the count says why.
	res, err = Parse([]byte(strings.SplitN(in, "\n", 2)[1]), Options{})
	if !errors.Is(err, ErrNoAccounts) || res.Trashed != 2 {
		t.Errorf("err %v, trashed %d; want ErrNoAccounts and 2", err, res.Trashed)
	}
}

// TestKeePassTrashCounted checks that the recycle bin is counted too.
func TestKeePassTrashCounted(t *testing.T) {
	res, err := Parse(readFixture(t, "keepassxc.xml"), Options{})
	if err != nil || res.Trashed != 1 {
		t.Errorf("trashed %d, err %v; want 1", res.Trashed, err)
	}
}

// TestTooManyEntries checks the cap on entries: exactly at a (lowered)
// cap the file is read, one more is refused with ErrTooManyEntries; and
// the real cap of 100,000 holds.
func TestTooManyEntries(t *testing.T) {
	list := func(n int) []byte {
		var b strings.Builder
		b.WriteString("otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP\n")
		for range n - 1 {
			b.WriteString("otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP\n") // duplicates: skipped, counted
		}
		return []byte(b.String())
	}
	res, err := Parse(list(50), Options{maxEntries: 50})
	if err != nil || len(res.Accounts) != 1 || len(res.Skipped) != 49 {
		t.Fatalf("at the cap: %d accounts, %d skipped, %v", len(res.Accounts), len(res.Skipped), err)
	}
	res, err = Parse(list(51), Options{maxEntries: 50})
	if !errors.Is(err, ErrTooManyEntries) || len(res.Accounts) != 0 {
		t.Fatalf("over the cap: err %v, %d accounts", err, len(res.Accounts))
	}
	// A JSON list longer than the cap is refused before any entry is
	// read: the broken first entry is not even reported.
	jl := `[{"secret":"!!","type":"TOTP","label":"x","thumbnail":"x"}` + strings.Repeat(`,{"secret":"JBSWY3DPEHPK3PXP","type":"TOTP","label":"x","thumbnail":"x"}`, 50) + `]`
	res, err = Parse([]byte(jl), Options{maxEntries: 50})
	var ee *EntryError
	if !errors.Is(err, ErrTooManyEntries) || errors.As(err, &ee) || len(res.Accounts) != 0 {
		t.Fatalf("json list over the cap: %v", err)
	}
	_, err = Parse(list(MaxEntries+1), Options{})
	if !errors.Is(err, ErrTooManyEntries) || !strings.Contains(err.Error(), "100000") {
		t.Fatalf("over the real cap: %v", err)
	}
}
