package conflict

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
)

var t0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

func account(t *testing.T, uri string) vault.Account {
	t.Helper()
	p, err := otp.ParseURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	a, err := vault.NewAccount(p.Issuer, p.Name, p.Key, t0)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// base is the vault both desktops started from: A (TOTP), B (HOTP at
// counter 5, with backup codes) and C.
func base(t *testing.T) *vault.Vault {
	t.Helper()
	v := vault.New()
	v.Generation = 7
	for _, a := range []vault.Account{
		account(t, "otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&issuer=A"),
		account(t, "otpauth://hotp/B:b?secret=GEZDGNBVGY3TQOJQ&issuer=B&counter=5"),
		account(t, "otpauth://totp/C:c?secret=MFRGGZDFMZTWQ2LK&issuer=C"),
	} {
		v.Add(a)
	}
	if err := v.Accounts[1].Backup.Replace([]string{"1111-1111", "2222-2222", "3333-3333"}, t0); err != nil {
		t.Fatal(err)
	}
	return v
}

// copyOf is a deep copy, as another desktop's file would be.
func copyOf(t *testing.T, v *vault.Vault) *vault.Vault {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out := vault.New()
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatal(err)
	}
	return out
}

func labels(v *vault.Vault) []string {
	var out []string
	for _, a := range v.Accounts {
		out = append(out, a.Label())
	}
	slices.Sort(out)
	return out
}

func TestMergeKeepsWhatEachDesktopDid(t *testing.T) {
	orig := base(t)
	here, there := copyOf(t, orig), copyOf(t, orig)
	a, b, c := orig.Accounts[0].ID, orig.Accounts[1].ID, orig.Accounts[2].ID

	// Here: A deleted, a backup code of B used, C renamed; one save.
	here.Remove(a, t0.Add(time.Hour))
	if err := here.Account(b).Backup.Use("1111-1111", t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	here.Account(b).Updated = t0.Add(2 * time.Hour)
	here.Account(c).Name = "c-renamed"
	here.Account(c).Updated = t0.Add(3 * time.Hour)
	here.Generation = 8
	// There: B's HOTP counter moved on to 9 (later than the code was used),
	// D added; two saves.
	here2 := there.Account(b)
	here2.OTP.Counter = 9
	here2.Updated = t0.Add(4 * time.Hour)
	there.Add(account(t, "otpauth://totp/D:d?secret=ORSXG5A&issuer=D"))
	there.Generation = 9

	r := Merge(here, there)

	if got, want := labels(here), []string{"B: b", "C: c-renamed", "D: d"}; !slices.Equal(got, want) {
		t.Errorf("accounts after the merge %q, want %q (A stays deleted, C keeps its new name, D arrives)", got, want)
	}
	merged := here.Account(b)
	if merged.OTP.Counter != 9 {
		t.Errorf("B's counter %d, want 9", merged.OTP.Counter)
	}
	if merged.Backup.Remaining() != 2 {
		t.Errorf("B has %d unused codes, want 2: the code used here must stay used", merged.Backup.Remaining())
	}
	if here.Generation < 9 {
		t.Errorf("generation %d, want at least the copy's 9", here.Generation)
	}
	if _, ok := here.Deleted[a]; !ok {
		t.Error("A's tombstone is gone")
	}
	if !r.Changed() || !slices.Equal(r.Added, []string{"D: d"}) {
		t.Errorf("report %+v: want D added", r)
	}
}

func TestMergeDeletionFromTheOtherDesktop(t *testing.T) {
	orig := base(t)
	here, there := copyOf(t, orig), copyOf(t, orig)
	a, c := orig.Accounts[0].ID, orig.Accounts[2].ID
	there.Remove(a, t0.Add(time.Hour))
	there.Remove(c, t0.Add(time.Hour))
	// Here, C was edited after it was deleted there: the edit wins.
	here.Account(c).Name = "kept"
	here.Account(c).Updated = t0.Add(2 * time.Hour)

	r := Merge(here, there)
	if got, want := labels(here), []string{"B: b", "C: kept"}; !slices.Equal(got, want) {
		t.Errorf("accounts %q, want %q", got, want)
	}
	if !slices.Equal(r.Removed, []string{"A: a"}) {
		t.Errorf("removed %q, want A", r.Removed)
	}
	// Merging the same copy again changes nothing.
	if r := Merge(here, there); r.Changed() {
		t.Errorf("a second merge of the same copy changed %+v", r)
	}
}
