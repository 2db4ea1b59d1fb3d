package vault

import (
	"encoding/base32"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
)

func testVault(t *testing.T, labels ...[2]string) *Vault {
	t.Helper()
	v := New()
	for i, l := range labels {
		key, err := otp.NewKey(otp.TOTP, base32.StdEncoding.EncodeToString([]byte(fmt.Sprintf("secret-%04d", i))), otp.SHA1, 6, 30, 0)
		if err != nil {
			t.Fatal(err)
		}
		a, err := NewAccount(l[0], l[1], key, time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		v.Add(a)
	}
	return v
}

func TestFind(t *testing.T) {
	v := testVault(t,
		[2]string{"GitHub", "octo"},
		[2]string{"Google", "taro@gmail.com"},
		[2]string{"Google", "hanako@gmail.com"},
		[2]string{"みずほ銀行", "taro"},
		[2]string{"Amazon", "amazon-user"},
		[2]string{"", "ローカル"},
	)
	tests := []struct {
		query string
		want  string // label, or "" for ambiguous, "-" for not found
	}{
		{"github", "GitHub: octo"},
		{"ＧＩＴＨＵＢ", "GitHub: octo"},
		{"  GitHub ", "GitHub: octo"},
		{"みずほ", "みずほ銀行: taro"},
		{"ﾐｽﾞﾎ", "みずほ銀行: taro"}, // half-width katakana, folded to hiragana
		{"ミズホ", "みずほ銀行: taro"},
		{"ろーかる", "ローカル"},
		{"taro@gmail", "Google: taro@gmail.com"},
		{"google:hanako@gmail.com", "Google: hanako@gmail.com"},
		{"Google: hanako@gmail.com", "Google: hanako@gmail.com"},
		{"google", ""},
		{"taro", "みずほ銀行: taro"},           // exact name match beats the partial taro@gmail.com
		{"amazon", "Amazon: amazon-user"}, // exact issuer beats the partial name
		{"ローカル", "ローカル"},
		{"nothing", "-"},
		{"", "-"},
	}
	for _, tt := range tests {
		a, err := v.Find(tt.query)
		var amb *AmbiguousError
		switch {
		case tt.want == "-":
			if !errors.Is(err, ErrNotFound) {
				t.Errorf("Find(%q) = %v, %v; want ErrNotFound", tt.query, a, err)
			}
		case tt.want == "":
			if !errors.As(err, &amb) || len(amb.Candidates) != 2 {
				t.Errorf("Find(%q) = %v, %v; want ambiguous between 2", tt.query, a, err)
			}
		case err != nil || a.Label() != tt.want:
			t.Errorf("Find(%q) = %v, %v; want %s", tt.query, a, err, tt.want)
		}
	}
}

func TestAddRejectsDuplicatesAndRemove(t *testing.T) {
	v := testVault(t, [2]string{"GitHub", "octo"})
	dup := v.Accounts[0]
	dup.ID = "other"
	dup.Issuer = "Another label"
	if v.Add(dup) {
		t.Fatal("a duplicate account was added")
	}
	id := v.Accounts[0].ID
	if v.Account(id) == nil || !v.Remove(id, time.Now()) || v.Remove(id, time.Now()) || len(v.Accounts) != 0 {
		t.Fatal("Account/Remove did not find, remove once and then report absence")
	}
}

func TestAddAll(t *testing.T) {
	key := func(s string) otp.Key {
		k, err := otp.NewKey(otp.TOTP, base32.StdEncoding.EncodeToString([]byte(s)), otp.SHA1, 6, 30, 0)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	acct := func(issuer, secret string) Account {
		a, err := NewAccount(issuer, "me", key(secret), time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	tests := []struct {
		name        string
		have, add   []Account
		wantInVault []int
		wantLabels  []string
	}{
		{"empty vault takes all", nil, []Account{acct("A", "secret-a"), acct("B", "secret-b")}, nil, []string{"A: me", "B: me"}},
		{"nothing to add", []Account{acct("A", "secret-a")}, nil, nil, []string{"A: me"}},
		{"key already in vault", []Account{acct("A", "secret-a")}, []Account{acct("Other", "secret-a"), acct("B", "secret-b")}, []int{0}, []string{"A: me", "B: me"}},
		{"twice in the list", nil, []Account{acct("A", "secret-a"), acct("B", "secret-b"), acct("A2", "secret-a")}, []int{2}, []string{"A: me", "B: me"}},
		{"all in vault", []Account{acct("A", "secret-a"), acct("B", "secret-b")}, []Account{acct("B", "secret-b"), acct("A", "secret-a")}, []int{0, 1}, []string{"A: me", "B: me"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := New()
			for _, a := range tt.have {
				v.Add(a)
			}
			got := v.AddAll(tt.add)
			if fmt.Sprint(got) != fmt.Sprint(tt.wantInVault) {
				t.Errorf("AddAll() = %v; want %v", got, tt.wantInVault)
			}
			var labels []string
			for _, a := range v.Accounts {
				labels = append(labels, a.Label())
			}
			if fmt.Sprint(labels) != fmt.Sprint(tt.wantLabels) {
				t.Errorf("vault holds %v; want %v", labels, tt.wantLabels)
			}
		})
	}
}

func TestNewAccountValidates(t *testing.T) {
	if _, err := NewAccount("x", "y", otp.Key{Type: otp.TOTP, Secret: "!!", Digits: 6, Period: 30, Algorithm: otp.SHA1}, time.Now()); err == nil {
		t.Error("an invalid key was accepted")
	}
	key, _ := otp.NewKey(otp.TOTP, testSecret, "", 0, 0, 0)
	if _, err := NewAccount(" ", "", key, time.Now()); err == nil {
		t.Error("an account with neither issuer nor name was accepted")
	}
}

func TestAccountWithoutOTPAndRichFieldsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := newTestStore(t, dir, &keystore.Memory{}, keystore.Auto, nil)
	num, err := phone.Parse("090-1234-5678", "JP")
	if err != nil {
		t.Fatal(err)
	}
	card, err := gridcard.Generate(gridcard.Profiles()[0], nil, gridcard.GenerateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	card.Name = "母の銀行"
	_, err = s.Update(func(v *Vault) error {
		a, err := NewAccount("Amazon", "taro@example.com", otp.Key{}, time.Now())
		if err != nil {
			return err
		}
		a.Phones = []phone.Binding{{Number: num.E164, Role: phone.RoleSMS}}
		if err := a.Backup.Replace([]string{"1234 5678", "2345 6789", "3456 7890"}, time.Now()); err != nil {
			return err
		}
		a.Recovery.UserNumber = "12345"
		v.Add(a)
		v.GridCards = append(v.GridCards, card)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	v, err := newTestStore(t, dir, s.keyring, keystore.Auto, nil).Load()
	if err != nil {
		t.Fatal(err)
	}
	a := v.Accounts[0]
	if a.HasOTP() || a.Backup.Remaining() != 3 || len(a.Phones) != 1 || a.Recovery.UserNumber != "12345" {
		t.Fatalf("account did not survive the round trip: %+v", a)
	}
	b := v.Bindings()[0]
	if b.HasTOTP || !b.HasBackupCodes || b.BackupCodesLeft != 3 || b.Phones[0].Number != num.E164 {
		t.Fatalf("Bindings = %+v", b)
	}
	got, err := v.GridCard("母")
	if err != nil || got.ID != card.ID || got.Cells[0][0] != card.Cells[0][0] {
		t.Fatalf("GridCard = %v, %v", got, err)
	}
	if _, err := v.GridCard("父"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GridCard of an unknown card = %v", err)
	}
}

func TestPinnedRoundTripsAndComesFirst(t *testing.T) {
	dir := t.TempDir()
	s := newTestStore(t, dir, &keystore.Memory{}, keystore.Auto, nil)
	_, err := s.Update(func(v *Vault) error {
		for i, issuer := range []string{"A", "B", "C", "D"} {
			a, err := NewAccount(issuer, "taro", otp.Key{}, time.Unix(0, 0))
			if err != nil {
				return err
			}
			a.Pinned = i%2 == 1
			v.Add(a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	v, err := newTestStore(t, dir, s.keyring, keystore.Auto, nil).Load()
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range v.Accounts {
		if a.Pinned != (i%2 == 1) {
			t.Fatalf("account %d Pinned = %v after the round trip", i, a.Pinned)
		}
	}
	var got string
	for _, a := range PinnedFirst(v.Accounts) {
		got += a.Issuer
	}
	if got != "BDAC" {
		t.Fatalf("PinnedFirst order = %q, want BDAC", got)
	}
	if v.Accounts[0].Issuer != "A" {
		t.Fatal("PinnedFirst changed its argument")
	}
}

func TestBindingsCarryTheHandsetAnAppRunsOn(t *testing.T) {
	iphone := phone.Device{ID: "iphone", Name: "iPhone 13", Kind: phone.DeviceHandset}
	app := phone.Device{ID: "ga", Name: "Google Authenticator", Kind: phone.DeviceAuthenticator, Host: "iphone"}
	v := &Vault{Devices: []phone.Device{iphone, app}, Accounts: []Account{
		{ID: "github", Issuer: "GitHub", Devices: []string{"ga"}},
		{ID: "bank", Issuer: "Bank", Devices: []string{"iphone"}},
	}}
	b := v.Bindings()
	if !reflect.DeepEqual(b[0].Hosts, map[string]string{"ga": "iphone"}) || !b[0].UsesDevice("iphone") || !reflect.DeepEqual(b[0].Devices, []string{"ga"}) {
		t.Errorf("GitHub: %+v", b[0])
	}
	if b[1].Hosts != nil {
		t.Errorf("Bank: %+v", b[1])
	}
}

// TestIndexAgreesWithTheVault: the Index answers what the vault's own
// scans answer, through adds, duplicate keys, duplicate IDs and a Replace
// that changes an account's key.
func TestIndexAgreesWithTheVault(t *testing.T) {
	key := func(s string) otp.Key {
		k, err := otp.NewKey(otp.TOTP, base32.StdEncoding.EncodeToString([]byte(s)), otp.SHA1, 6, 30, 0)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	v := testVault(t, [2]string{"A", "a"}, [2]string{"B", "b"})
	noOTP, err := NewAccount("Bank", "taro", otp.Key{}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	v.Accounts = append(v.Accounts, noOTP)
	x := v.Index()
	a0 := v.Accounts[0]
	oldKey, newKey := a0.OTP, key("a fresh secret")

	steps := []struct {
		name string
		do   func() bool
		want bool
	}{
		{"a new key is added", func() bool { c := a0; c.ID, c.OTP = "c", key("secret-c"); return x.Add(c) }, true},
		{"the same key again is not", func() bool { c := a0; c.ID, c.OTP = "c2", key("secret-c"); return x.Add(c) }, false},
		{"a vault key under another ID is not", func() bool { c := a0; c.ID = "d"; return x.Add(c) }, false},
		{"a second account without a key is", func() bool { c := noOTP; c.ID = "e"; return x.Add(c) }, true},
		{"replace an unknown ID", func() bool { c := a0; c.ID = "nobody"; return x.Replace(c) }, false},
		{"replace the first account's key", func() bool { c := a0; c.OTP = newKey; return x.Replace(c) }, true},
		{"its old key is free again", func() bool { c := a0; c.ID = "f"; c.OTP = oldKey; return x.Add(c) }, true},
		{"its new key is taken", func() bool { c := a0; c.ID = "g"; c.OTP = newKey; return x.Add(c) }, false},
	}
	for _, s := range steps {
		if got := s.do(); got != s.want {
			t.Fatalf("%s: got %v, want %v", s.name, got, s.want)
		}
		for i := range v.Accounts {
			a := &v.Accounts[i]
			if x.Account(a.ID) != v.Account(a.ID) {
				t.Fatalf("%s: Index.Account(%q) is not Vault.Account", s.name, a.ID)
			}
			if x.HasKey(a.OTP) != v.HasKey(a.OTP) {
				t.Fatalf("%s: Index.HasKey and Vault.HasKey disagree on %s", s.name, a.Label())
			}
		}
		for _, k := range []otp.Key{oldKey, newKey, key("never"), {}} {
			if x.HasKey(k) != v.HasKey(k) {
				t.Fatalf("%s: Index.HasKey and Vault.HasKey disagree on %q", s.name, k.Secret)
			}
		}
		if x.Account("nobody") != nil {
			t.Fatalf("%s: an unknown ID was found", s.name)
		}
	}
	if len(v.Accounts) != 6 {
		t.Fatalf("the vault holds %d accounts, want 6", len(v.Accounts))
	}
}

// benchAccounts returns n accounts with distinct keys.
func benchAccounts(b *testing.B, n int) []Account {
	b.Helper()
	accts := make([]Account, n)
	for i := range accts {
		key, err := otp.NewKey(otp.TOTP, base32.StdEncoding.EncodeToString([]byte(fmt.Sprintf("bench-secret-%07d", i))), otp.SHA1, 6, 30, 0)
		if err != nil {
			b.Fatal(err)
		}
		if accts[i], err = NewAccount(fmt.Sprintf("Issuer %d", i), "me", key, time.Unix(0, 0)); err != nil {
			b.Fatal(err)
		}
	}
	return accts
}

// BenchmarkAddAll measures adding n new accounts to a vault that holds n
// others: an import of n URIs, less parsing and saving. It should grow
// linearly with n.
func BenchmarkAddAll(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprint(n/1000, "k"), func(b *testing.B) {
			all := benchAccounts(b, 2*n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				v := New()
				v.Accounts = append(v.Accounts, all[:n]...)
				if skipped := v.AddAll(all[n:]); len(skipped) != 0 {
					b.Fatalf("%d skipped", len(skipped))
				}
			}
		})
	}
}
