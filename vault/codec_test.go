package vault

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
)

// fuzzIdentity is a fixed key so that fuzzed vault files can be seeded with
// real encrypted vaults. It protects nothing.
const fuzzIdentity = "AGE-SECRET-KEY-1VAM6XY5P087XQXXA58GNCPPT34UCF8YJ5HRQ42HY9YJ7FRECUWUS4NTHDL"

// FuzzDecode feeds arbitrary bytes to the vault.age decoder: it must never
// panic, and whatever it accepts must encode and decode to the same vault.
func FuzzDecode(f *testing.F) {
	id, err := age.ParseX25519Identity(fuzzIdentity)
	if err != nil {
		f.Fatal(err)
	}
	v := New()
	key, _ := otp.NewKey(otp.TOTP, testSecret, otp.SHA256, 8, 60, 0)
	a, _ := NewAccount("みずほ銀行", "taro", key, time.Unix(1700000000, 0))
	v.Add(a)
	good, err := encode(v, id)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("age-encryption.org/v1\n-> X25519 abc\n--- 00\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		v, _, err := decode(raw, id)
		if err != nil {
			return
		}
		again, err := encode(v, id)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := decode(again, id); err != nil {
			t.Fatalf("a decoded vault did not survive a round trip: %v", err)
		}
	})
}

// FuzzDecodeJSON feeds arbitrary documents to the JSON layer of the decoder.
func FuzzDecodeJSON(f *testing.F) {
	f.Add([]byte(`{"version":1,"generation":3,"accounts":[{"id":"a","name":"n","otp":{"type":"totp","secret":"JBSWY3DP","algorithm":"SHA1","digits":6,"period":30}}]}`))
	f.Add([]byte(`{"version":2}`))
	f.Add([]byte(`{"version":0}`))
	f.Add([]byte(`{"accounts":null,"version":1}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		v, err := decodeJSON(doc)
		if err != nil {
			return
		}
		if v.Version < 1 || v.Version > SchemaVersion || v.Accounts == nil {
			t.Fatalf("accepted a document with version %d, accounts %v", v.Version, v.Accounts)
		}
	})
}

func TestDecodeJSONVersions(t *testing.T) {
	tests := []struct {
		doc  string
		want error // nil: accepted; errAny: rejected, not ErrNewerVersion
	}{
		{`{"version":1,"accounts":[]}`, nil},
		{`{"version":1}`, nil},
		{`{"version":2,"accounts":"whatever"}`, ErrNewerVersion},
		{`{"version":99}`, ErrNewerVersion},
		{`{"version":0}`, errAny},
		{`{"accounts":[]}`, errAny},
		{`{"version":1,"accounts":{}}`, errAny},
		{`{"version":null,"accounts":[]}`, errAny},
		{`{"version":"2","accounts":[]}`, errAny},
		{`{"accounts":[],"version":3}`, ErrNewerVersion},
		{`not json`, errAny},
	}
	for _, tt := range tests {
		_, err := decodeJSON([]byte(tt.doc))
		switch {
		case tt.want == nil && err != nil:
			t.Errorf("%s: %v, want accepted", tt.doc, err)
		case tt.want == errAny && (err == nil || errors.Is(err, ErrNewerVersion)):
			t.Errorf("%s: %v, want a decoding error", tt.doc, err)
		case tt.want == ErrNewerVersion && !errors.Is(err, ErrNewerVersion):
			t.Errorf("%s: %v, want ErrNewerVersion", tt.doc, err)
		}
	}
}

var errAny = errors.New("any error")

// TestDecodeMakesRoomForTheAccountsOnce: the decoded slice has room for
// exactly the document's accounts, so it was allocated once, and the room a
// document can ask for is bounded by its size.
func TestDecodeMakesRoomForTheAccountsOnce(t *testing.T) {
	v := testVault(t, [2]string{"A", "a"}, [2]string{"B", "b"}, [2]string{"C", "c"}, [2]string{"D", "d"}, [2]string{"E", "e"})
	v.Accounts[0].Recovery.Notes = `a note that says "updated": in the text`
	doc, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Accounts) != 5 || cap(got.Accounts) != 5 {
		t.Errorf("decoded %d accounts into room for %d, want 5 and 5", len(got.Accounts), cap(got.Accounts))
	}
	tests := []struct {
		doc  string
		want int
	}{
		{`{"version":1}`, 0},
		{`{"version":1,"accounts":[{"id":"a","name":"","created":"1970-01-01T00:00:00Z","updated":"1970-01-01T00:00:00Z"}]}`, 1},
		{`{"version":1,"x":{"updated":1,"updated":2,"updated":3,"updated":4,"updated":5,"updated":6,"updated":7,"updated":8,"updated":9}}`, 1},
	}
	for _, tt := range tests {
		if got := accountsHint([]byte(tt.doc)); got != tt.want {
			t.Errorf("accountsHint(%s) = %d, want %d", tt.doc, got, tt.want)
		}
	}
}

// bigStore returns a store holding n accounts, written in one save.
func bigStore(b *testing.B, n int) *Store {
	b.Helper()
	s := NewStore(Options{Dir: b.TempDir()}, &keystore.Memory{})
	key, err := otp.NewKey(otp.TOTP, testSecret, otp.SHA1, 6, 30, 0)
	if err != nil {
		b.Fatal(err)
	}
	_, err = s.Update(func(v *Vault) error {
		for i := 0; i < n; i++ {
			a, err := NewAccount(fmt.Sprintf("Issuer %d", i), fmt.Sprintf("user%d@example.com", i), key, time.Now())
			if err != nil {
				return err
			}
			v.Accounts = append(v.Accounts, a)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkOpen10k measures Load (read, decrypt, decompress, decode) of a
// 10,000-account vault with the key already unlocked.
func BenchmarkOpen10k(b *testing.B) {
	s := bigStore(b, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSave10k measures one Update of a 10,000-account vault: lock, load,
// encode, encrypt, keep the backup, write atomically with fsync.
func BenchmarkSave10k(b *testing.B) {
	s := bigStore(b, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Update(func(v *Vault) error { v.Accounts[0].Updated = time.Now(); return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzProofField feeds arbitrary gzip extra fields to the proof's parser:
// it never panics, and a proof it returns is always 32 bytes.
func FuzzProofField(f *testing.F) {
	f.Add([]byte{})
	f.Add(append([]byte{'M', 'P', 32, 0}, make([]byte, 32)...))
	f.Add(append([]byte{'A', 'B', 2, 0, 1, 2, 'M', 'P', 32, 0}, make([]byte, 32)...))
	f.Add([]byte{'M', 'P', 255, 255})
	f.Add([]byte{'M', 'P', 3, 0, 1, 2, 3})
	f.Add([]byte{'M'})
	f.Fuzz(func(t *testing.T, extra []byte) {
		mac, err := proofField(extra)
		if err == nil && mac != nil && len(mac) != 32 {
			t.Fatalf("proof of %d bytes accepted", len(mac))
		}
	})
}
