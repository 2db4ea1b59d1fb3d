package kit

import (
	"bytes"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/oracletest"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
)

const testWorkFactor = 10

func sampleVault(t *testing.T) *vault.Vault {
	t.Helper()
	v := vault.New()
	key, err := otp.NewKey(otp.TOTP, "JBSWY3DPEHPK3PXP", otp.SHA1, 6, 30, 0)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, l := range [][2]string{{"GitHub", "octo"}, {"みずほ銀行", "太郎"}} {
		a, err := vault.NewAccount(l[0], l[1], key, at)
		if err != nil {
			t.Fatal(err)
		}
		a.OTP.Secret = strings.Repeat("A", 16) + strings.ToUpper(l[1][:1]) + "Q"
		if l[0] == "みずほ銀行" {
			a.OTP.Secret = "MFRGGZDFMZTWQ2LK"
		}
		v.Add(a)
	}
	if err := v.Accounts[0].Backup.Replace([]string{"aaaa-1111", "bbbb-2222", "cccc-3333"}, at); err != nil {
		t.Fatal(err)
	}
	card, err := gridcard.Generate(gridcard.Profiles()[0], nil, gridcard.GenerateOptions{Now: at})
	if err != nil {
		t.Fatal(err)
	}
	card.Name = "母の銀行カード"
	v.GridCards = append(v.GridCards, card)
	return v
}

func export(t *testing.T, v *vault.Vault, opts ExportOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(&buf, v, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mustTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		oracletest.SkipOnWindows(t, name)
		t.Fatalf("%s is needed as a test oracle (make test installs it): %v", name, err)
	}
	return p
}

// The standard age tool opens what Mamori writes, and what it finds is the
// documented JSON.
func TestAgeDecryptsKits(t *testing.T) {
	ageBin, keygen := mustTool(t, "age"), mustTool(t, "age-keygen")
	dir := t.TempDir()
	idFile := filepath.Join(dir, "key.txt")
	if out, err := exec.Command(keygen, "-o", idFile).CombinedOutput(); err != nil {
		t.Fatalf("age-keygen: %v\n%s", err, out)
	}
	pub, err := exec.Command(keygen, "-y", idFile).Output()
	if err != nil {
		t.Fatal(err)
	}
	recips, err := ParseRecipients([]string{string(pub)})
	if err != nil {
		t.Fatal(err)
	}
	v := sampleVault(t)
	for _, armored := range []bool{false, true} {
		kitFile := filepath.Join(dir, "kit.age")
		if err := os.WriteFile(kitFile, export(t, v, ExportOptions{Recipients: recips, Armor: armored}), 0o600); err != nil {
			t.Fatal(err)
		}
		plain, err := exec.Command(ageBin, "-d", "-i", idFile, kitFile).Output()
		if err != nil {
			t.Fatalf("age -d (armor %v): %v", armored, err)
		}
		var doc struct {
			Format  string `json:"format"`
			Version int    `json:"version"`
			Vault   struct {
				Accounts []struct {
					Issuer string `json:"issuer"`
					OTP    struct {
						Secret string `json:"secret"`
					} `json:"otp"`
				} `json:"accounts"`
				GridCards []struct {
					Cells [][]string `json:"cells"`
				} `json:"grid_cards"`
			} `json:"vault"`
		}
		if err := json.Unmarshal(plain, &doc); err != nil {
			t.Fatalf("the kit's plaintext is not JSON: %v", err)
		}
		if doc.Format != FormatName || doc.Version != Version || len(doc.Vault.Accounts) != 2 ||
			doc.Vault.Accounts[1].Issuer != "みずほ銀行" || doc.Vault.Accounts[1].OTP.Secret != "MFRGGZDFMZTWQ2LK" ||
			len(doc.Vault.GridCards) != 1 || doc.Vault.GridCards[0].Cells[0][0] != v.GridCards[0].Cells[0][0] {
			t.Fatalf("age -d found an unexpected document: %s", plain)
		}
	}
}

// Mamori opens what the standard age tool writes.
func TestOpenKitsEncryptedByAge(t *testing.T) {
	ageBin, keygen := mustTool(t, "age"), mustTool(t, "age-keygen")
	dir := t.TempDir()
	idFile := filepath.Join(dir, "key.txt")
	if out, err := exec.Command(keygen, "-o", idFile).CombinedOutput(); err != nil {
		t.Fatalf("age-keygen: %v\n%s", err, out)
	}
	pub, _ := exec.Command(keygen, "-y", idFile).Output()
	doc, err := json.Marshal(Kit{Format: FormatName, Version: 1, Vault: sampleVault(t)})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(ageBin, "-a", "-r", strings.TrimSpace(string(pub)))
	cmd.Stdin = bytes.NewReader(doc)
	enc, err := cmd.Output()
	if err != nil {
		t.Fatalf("age -r: %v", err)
	}
	idData, _ := os.ReadFile(idFile)
	ids, err := ParseIdentities(idData)
	if err != nil {
		t.Fatal(err)
	}
	k, err := Open(bytes.NewReader(enc), OpenOptions{Identities: ids})
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Vault.Accounts) != 2 || k.Vault.GridCards[0].Name != "母の銀行カード" {
		t.Fatalf("opened kit = %+v", k.Vault)
	}
}

func TestOpenErrors(t *testing.T) {
	v := sampleVault(t)
	id, _ := age.GenerateX25519Identity()
	other, _ := age.GenerateX25519Identity()
	toKey := export(t, v, ExportOptions{Recipients: []age.Recipient{id.Recipient()}})
	toPass := export(t, v, ExportOptions{Passphrase: "いい天気", ScryptWorkFactor: testWorkFactor, Armor: true})
	pass := func(p string) func() (string, error) { return func() (string, error) { return p, nil } }

	notKit := func(doc string) []byte {
		var buf bytes.Buffer
		w, _ := age.Encrypt(&buf, id.Recipient())
		w.Write([]byte(doc))
		w.Close()
		return buf.Bytes()
	}
	tests := []struct {
		name string
		raw  []byte
		opts OpenOptions
		want error
	}{
		{"right key", toKey, OpenOptions{Identities: []age.Identity{id}}, nil},
		{"right passphrase", toPass, OpenOptions{Passphrase: pass("いい天気")}, nil},
		{"wrong key", toKey, OpenOptions{Identities: []age.Identity{other}}, ErrWrongKey},
		{"no key", toKey, OpenOptions{Passphrase: pass("x")}, ErrNeedIdentity},
		{"wrong passphrase", toPass, OpenOptions{Passphrase: pass("悪い天気")}, ErrWrongPassphrase},
		{"no passphrase", toPass, OpenOptions{Identities: []age.Identity{id}}, ErrNeedPassphrase},
		{"truncated", toKey[:len(toKey)-10], OpenOptions{Identities: []age.Identity{id}}, ErrDamaged},
		{"truncated header", toKey[:30], OpenOptions{Identities: []age.Identity{id}}, ErrDamaged},
		{"tampered", flip(toKey, len(toKey)-5), OpenOptions{Identities: []age.Identity{id}}, ErrDamaged},
		{"tampered armor", []byte(strings.Replace(string(toPass), "A", "B", 1)), OpenOptions{Passphrase: pass("いい天気")}, errAny},
		{"empty", nil, OpenOptions{Identities: []age.Identity{id}}, ErrDamaged},
		{"not a kit", notKit(`{"hello":"world"}`), OpenOptions{Identities: []age.Identity{id}}, ErrNotKit},
		{"not json", notKit(`otpauth://totp/x?secret=AAAA`), OpenOptions{Identities: []age.Identity{id}}, ErrNotKit},
		{"newer kit", notKit(`{"format":"mamori-recovery-kit","version":2,"vault":{"version":1}}`), OpenOptions{Identities: []age.Identity{id}}, ErrNewerVersion},
		{"newer vault", notKit(`{"format":"mamori-recovery-kit","version":1,"vault":{"version":9}}`), OpenOptions{Identities: []age.Identity{id}}, ErrNewerVersion},
		{"bad account", notKit(`{"format":"mamori-recovery-kit","version":1,"vault":{"version":1,"accounts":[{"id":"a","name":"x","otp":{"type":"totp","secret":"!!","algorithm":"SHA1","digits":6,"period":30}}]}}`), OpenOptions{Identities: []age.Identity{id}}, ErrNotKit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := Open(bytes.NewReader(tt.raw), tt.opts)
			switch {
			case tt.want == nil && err != nil:
				t.Fatalf("Open = %v", err)
			case tt.want == nil && len(k.Vault.Accounts) != 2:
				t.Fatalf("Open read %d accounts", len(k.Vault.Accounts))
			case tt.want == errAny && err == nil:
				t.Fatal("Open accepted a damaged kit")
			case tt.want != nil && tt.want != errAny && !errors.Is(err, tt.want):
				t.Fatalf("Open = %v, want %v", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "JBSWY3DP") {
				t.Fatalf("error leaks a secret: %v", err)
			}
		})
	}
}

var errAny = errors.New("any error")

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 1
	return c
}

func TestExportOptions(t *testing.T) {
	v := sampleVault(t)
	id, _ := age.GenerateX25519Identity()
	if err := Export(&bytes.Buffer{}, v, ExportOptions{}); !errors.Is(err, ErrNoRecipient) {
		t.Fatalf("no recipient = %v", err)
	}
	if err := Export(&bytes.Buffer{}, v, ExportOptions{Passphrase: "x", Recipients: []age.Recipient{id.Recipient()}}); err == nil {
		t.Fatal("a passphrase with recipients was accepted")
	}
	if err := Export(&bytes.Buffer{}, v, ExportOptions{Recipients: []age.Recipient{id.Recipient()}, AccountIDs: []string{"nope"}}); !errors.Is(err, ErrUnknownAccount) {
		t.Fatalf("unknown subset = %v", err)
	}
	raw := export(t, v, ExportOptions{Recipients: []age.Recipient{id.Recipient()}, AccountIDs: []string{v.Accounts[1].ID}})
	k, err := Open(bytes.NewReader(raw), OpenOptions{Identities: []age.Identity{id}})
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Vault.Accounts) != 1 || k.Vault.Accounts[0].Issuer != "みずほ銀行" || len(k.Vault.GridCards) != 0 {
		t.Fatalf("subset kit holds %+v", k.Vault)
	}
	if _, err := ParseRecipients([]string{id.String()}); err == nil || strings.Contains(err.Error(), "AGE-SECRET") {
		t.Fatalf("a private key as recipient = %v (must fail without echoing it)", err)
	}
}

func TestSSHRecipient(t *testing.T) {
	keygen := mustTool(t, "ssh-keygen")
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "id_ed25519")
	if out, err := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-f", keyFile).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	pub, _ := os.ReadFile(keyFile + ".pub")
	priv, _ := os.ReadFile(keyFile)
	recips, err := ParseRecipients([]string{string(pub)})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := ParseIdentities(priv)
	if err != nil {
		t.Fatal(err)
	}
	raw := export(t, sampleVault(t), ExportOptions{Recipients: recips})
	if _, err := Open(bytes.NewReader(raw), OpenOptions{Identities: ids}); err != nil {
		t.Fatal(err)
	}
}

func TestMerge(t *testing.T) {
	base := sampleVault(t)
	kitCopy := func() *vault.Vault {
		b, _ := json.Marshal(base)
		var v vault.Vault
		json.Unmarshal(b, &v)
		return &v
	}
	dst, src := kitCopy(), kitCopy()
	later := base.Accounts[0].Updated.Add(time.Hour)

	// The vault used a backup code and advanced nothing else; the kit (older
	// in that respect) renamed the account later: the rename wins, the used
	// code stays used.
	if err := dst.Accounts[0].Backup.Use("aaaa-1111", later); err != nil {
		t.Fatal(err)
	}
	src.Accounts[0].Name = "octocat"
	src.Accounts[0].Updated = later.Add(time.Minute)
	// Both changed the second account; the vault's change is newer: conflict.
	dst.Accounts[1].Name = "花子"
	dst.Accounts[1].Updated = later.Add(2 * time.Hour)
	src.Accounts[1].Name = "次郎"
	src.Accounts[1].Updated = later
	// A new account in the kit, and a duplicate of an existing key under a new ID.
	fresh, _ := vault.NewAccount("Google", "taro@gmail.com", base.Accounts[1].OTP, later)
	fresh.OTP.Secret = "ONSWG4TFORZQ"
	dup := base.Accounts[0]
	dup.ID = "another-id"
	src.Accounts = append(src.Accounts, fresh, dup)
	// The family answered challenges on the shared card on both machines.
	cells, err := gridcard.ParseChallenge(base.GridCards[0].Profile, "A1 B2 C3")
	if err != nil {
		t.Fatal(err)
	}
	dst.GridCards[0].Record(later, cells)
	src.GridCards[0].Record(later.Add(time.Minute), cells)

	r := Merge(dst, src)
	if len(r.Added) != 1 || len(r.Updated) != 1 || len(r.Conflicts) != 1 || len(r.Duplicates) != 1 || r.GridCardsMerged != 1 {
		t.Fatalf("report = %+v", r)
	}
	if dst.Accounts[0].Name != "octocat" || dst.Accounts[0].Backup.Remaining() != 2 {
		t.Fatalf("updated account lost the used code or the rename: %+v", dst.Accounts[0])
	}
	if dst.Accounts[1].Name != "花子" {
		t.Fatal("a conflict overwrote the vault's newer copy")
	}
	if len(dst.Accounts) != 3 || len(dst.GridCards[0].Exposure.Events) != 2 {
		t.Fatalf("%d accounts, %d card events", len(dst.Accounts), len(dst.GridCards[0].Exposure.Events))
	}
	if again := Merge(dst, src); again.Changed() {
		t.Fatalf("merging the same kit twice changed the vault: %+v", again)
	}
}

func TestMergeKeepsHOTPCounterForward(t *testing.T) {
	key, _ := otp.NewKey(otp.HOTP, "JBSWY3DPEHPK3PXP", otp.SHA1, 6, 0, 10)
	a, _ := vault.NewAccount("Bank", "taro", key, time.Unix(1000, 0))
	dst, src := vault.New(), vault.New()
	dst.Add(a)
	b := a
	b.OTP.Counter = 3 // an old kit, but edited later
	b.Name = "taro2"
	b.Updated = a.Updated.Add(time.Hour)
	src.Add(b)
	Merge(dst, src)
	if dst.Accounts[0].OTP.Counter != 10 || dst.Accounts[0].Name != "taro2" {
		t.Fatalf("after merge: counter %d name %q; want 10 and taro2", dst.Accounts[0].OTP.Counter, dst.Accounts[0].Name)
	}
}

// fuzzIdentity is the key FuzzOpen opens kits with; the kits among its
// seeds in testdata/fuzz/FuzzOpen are encrypted to it, or to
// fuzzPassphrase, so the fuzzer starts from inputs that decrypt and reach
// the decoder (see fixtures_test.go for how they are made).
const (
	fuzzIdentity   = "AGE-SECRET-KEY-1VAM6XY5P087XQXXA58GNCPPT34UCF8YJ5HRQ42HY9YJ7FRECUWUS4NTHDL"
	fuzzPassphrase = "x"
	// fuzzMaxWorkFactor bounds the scrypt cost a fuzzed kit may demand.
	fuzzMaxWorkFactor = 12
)

// FuzzOpen: arbitrary bytes never panic Open, with a key or a passphrase;
// Open returns a kit or an error, never both nor neither, and a kit it
// returns is a Mamori kit of a version this build reads, with a vault.
func FuzzOpen(f *testing.F) {
	id, err := age.ParseX25519Identity(fuzzIdentity)
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("age-encryption.org/v1\n-> scrypt AAAA 10\nAAAA\n--- AAAA\n"))
	f.Add([]byte("-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		k, err := Open(bytes.NewReader(raw), OpenOptions{Identities: []age.Identity{id}, MaxScryptWorkFactor: fuzzMaxWorkFactor,
			Passphrase: func() (string, error) { return fuzzPassphrase, nil }})
		if (err != nil) == (k != nil) {
			t.Fatalf("Open returned kit %v and error %v", k != nil, err)
		}
		if err != nil {
			return
		}
		if k.Format != FormatName || k.Version < 1 || k.Version > Version || k.Vault == nil || k.Vault.Accounts == nil {
			t.Fatalf("Open accepted format %q version %d (vault %v)", k.Format, k.Version, k.Vault != nil)
		}
	})
}

// The named seeds of FuzzOpen decrypt, so the fuzzer starts past age: the
// kit-… ones open, the doc-… ones fail in the decoder, not in age.
func TestFuzzOpenSeedsReachTheDecoder(t *testing.T) {
	id, err := age.ParseX25519Identity(fuzzIdentity)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzOpen", "*-*"))
	kits, docs := 0, 0
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		quoted, ok := strings.CutPrefix(strings.TrimSpace(string(text)), "go test fuzz v1\n[]byte(")
		raw, err := strconv.Unquote(strings.TrimSuffix(quoted, ")"))
		if !ok || err != nil {
			t.Fatalf("%s is not a []byte fuzz seed: %v", file, err)
		}
		k, err := Open(strings.NewReader(raw), OpenOptions{Identities: []age.Identity{id}, MaxScryptWorkFactor: fuzzMaxWorkFactor,
			Passphrase: func() (string, error) { return fuzzPassphrase, nil }})
		switch name := filepath.Base(file); {
		case strings.HasPrefix(name, "kit-"):
			kits++
			if err != nil || k.Format != FormatName {
				t.Errorf("%s: %v", name, err)
			}
		case strings.HasPrefix(name, "doc-"):
			docs++
			if !errors.Is(err, ErrNotKit) && !errors.Is(err, ErrNewerVersion) {
				t.Errorf("%s: got %v, want a decoder error", name, err)
			}
		}
	}
	if kits < 5 || docs < 5 {
		t.Fatalf("found %d kit and %d doc seeds; regenerate them (fixtures_test.go)", kits, docs)
	}
}

// phoneVault is sampleVault with phone numbers, a number change, devices
// and a device change: account 0 on +81 90 1234 5678 and the iPhone,
// account 1 on +81 80 5555 6666 and the Pixel; the first number moves to
// +81 70 1111 2222 and the iPhone is replaced by the Pixel 9.
func phoneVault(t *testing.T) *vault.Vault {
	t.Helper()
	v := sampleVault(t)
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	a0, a1 := &v.Accounts[0], &v.Accounts[1]
	a0.Phones = []phone.Binding{{Number: "+819012345678", Role: phone.Role("sms"), Since: at}}
	a1.Phones = []phone.Binding{{Number: "+818055556666", Role: phone.Role("sms"), Since: at}}
	var devs []phone.Device
	for _, name := range []string{"iPhone", "Pixel", "Pixel 9"} {
		d, err := phone.NewDevice(name, phone.DeviceHandset, at)
		if err != nil {
			t.Fatal(err)
		}
		devs = append(devs, d)
	}
	v.Devices = devs
	a0.Devices, a1.Devices = []string{devs[0].ID}, []string{devs[1].ID}
	moved, err := phone.NewChange("+819012345678", "+817011112222", at)
	if err != nil {
		t.Fatal(err)
	}
	moved.Done = map[string]time.Time{a0.ID: at, "gone-account": at}
	dropped, err := phone.NewChange("+818055556666", "", at)
	if err != nil {
		t.Fatal(err)
	}
	v.PhoneChanges = []phone.Change{moved, dropped}
	dc, err := phone.NewDeviceChange(phone.EventNewHandset, devs[0].ID, devs[2].ID, at)
	if err != nil {
		t.Fatal(err)
	}
	dc.Done = map[string]time.Time{a0.ID: at}
	v.DeviceChanges = []phone.DeviceChange{dc}
	return v
}

// A whole kit carries phone changes, devices and device changes as they
// are; a subset kit the devices and changes of its own accounts, and an
// import of it into an empty vault leaves no account pointing at a device
// it lacks.
func TestKitCarriesPhonesAndDevices(t *testing.T) {
	v := phoneVault(t)
	id, _ := age.GenerateX25519Identity()
	open := func(opts ExportOptions) *vault.Vault {
		t.Helper()
		opts.Recipients = []age.Recipient{id.Recipient()}
		k, err := Open(bytes.NewReader(export(t, v, opts)), OpenOptions{Identities: []age.Identity{id}})
		if err != nil {
			t.Fatal(err)
		}
		return k.Vault
	}
	asJSON := func(x any) string {
		b, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	whole := open(ExportOptions{})
	for what, pair := range map[string][2]any{
		"phone changes":  {whole.PhoneChanges, v.PhoneChanges},
		"devices":        {whole.Devices, v.Devices},
		"device changes": {whole.DeviceChanges, v.DeviceChanges},
		"accounts":       {whole.Accounts, v.Accounts},
	} {
		if got, want := asJSON(pair[0]), asJSON(pair[1]); got != want {
			t.Errorf("whole kit %s = %s, want %s", what, got, want)
		}
	}

	a0, a1 := v.Accounts[0].ID, v.Accounts[1].ID
	for name, tc := range map[string]struct {
		opts                         ExportOptions
		phoneChanges, devices        []string // Old numbers; device names
		deviceChanges                int
		done0, deviceDone0, gridCard bool
	}{
		"first account": {opts: ExportOptions{AccountIDs: []string{a0}}, phoneChanges: []string{"+819012345678"},
			devices: []string{"iPhone", "Pixel 9"}, deviceChanges: 1, done0: true, deviceDone0: true},
		"second account": {opts: ExportOptions{AccountIDs: []string{a1, a1}}, phoneChanges: []string{"+818055556666"},
			devices: []string{"Pixel"}},
		"grid card only": {opts: ExportOptions{GridCardIDs: []string{v.GridCards[0].ID}}, gridCard: true},
		"both accounts": {opts: ExportOptions{AccountIDs: []string{a1, a0}}, phoneChanges: []string{"+819012345678", "+818055556666"},
			devices: []string{"iPhone", "Pixel", "Pixel 9"}, deviceChanges: 1, done0: true, deviceDone0: true},
	} {
		got := open(tc.opts)
		var olds, names []string
		for _, c := range got.PhoneChanges {
			olds = append(olds, string(c.Old))
			for acct := range c.Done {
				if acct != a0 || !tc.done0 {
					t.Errorf("%s: phone change %s carries the tick of account %s", name, c.Old, acct)
				}
			}
		}
		for _, d := range got.Devices {
			names = append(names, d.Name)
		}
		if strings.Join(olds, " ") != strings.Join(tc.phoneChanges, " ") || strings.Join(names, " ") != strings.Join(tc.devices, " ") ||
			len(got.DeviceChanges) != tc.deviceChanges || (len(got.GridCards) == 1) != tc.gridCard {
			t.Errorf("%s: phone changes %v, devices %v, %d device change(s), %d grid card(s)", name, olds, names, len(got.DeviceChanges), len(got.GridCards))
		}
		if tc.deviceChanges > 0 {
			if _, ok := got.DeviceChanges[0].Done[a0]; ok != tc.deviceDone0 || len(got.DeviceChanges[0].Done) != 1 {
				t.Errorf("%s: device change ticks %v", name, got.DeviceChanges[0].Done)
			}
		}
		if len(tc.phoneChanges) > 0 && len(got.PhoneChanges) > 0 && tc.phoneChanges[0] == "+819012345678" && len(got.PhoneChanges[0].Done) != 1 {
			t.Errorf("%s: phone change ticks %v, want only the chosen account's", name, got.PhoneChanges[0].Done)
		}

		// Restored into an empty vault: every device an account names is there.
		dst := vault.New()
		rep := Merge(dst, got)
		if rep.Devices != len(tc.devices) || rep.PhoneChanges != len(tc.phoneChanges) || rep.DeviceChanges != tc.deviceChanges {
			t.Errorf("%s: merge report %+v", name, rep)
		}
		for _, a := range dst.Accounts {
			for _, d := range a.Devices {
				if !slices.ContainsFunc(dst.Devices, func(x phone.Device) bool { return x.ID == d }) {
					t.Errorf("%s: account %s names device %s, which the kit lacks", name, a.Label(), d)
				}
			}
		}
	}
}

// TestMergeReplacedKeyFreesTheOldOne: when the kit's newer copy of an
// account holds another key, the old key is no longer in the vault, so a
// later kit account holding it is added, and one holding the new key is a
// duplicate.
func TestMergeReplacedKeyFreesTheOldOne(t *testing.T) {
	oldKey, _ := otp.NewKey(otp.TOTP, "JBSWY3DPEHPK3PXP", otp.SHA1, 6, 30, 0)
	newKey, _ := otp.NewKey(otp.TOTP, "ONSWG4TFORZQ", otp.SHA1, 6, 30, 0)
	a, _ := vault.NewAccount("GitHub", "octo", oldKey, time.Unix(1000, 0))
	dst, src := vault.New(), vault.New()
	dst.Add(a)
	rekeyed := a
	rekeyed.OTP = newKey
	rekeyed.Updated = a.Updated.Add(time.Hour)
	withOld, _ := vault.NewAccount("GitHub", "old key", oldKey, time.Unix(2000, 0))
	withNew, _ := vault.NewAccount("GitHub", "new key", newKey, time.Unix(2000, 0))
	src.Accounts = []vault.Account{rekeyed, withOld, withNew}
	r := Merge(dst, src)
	if fmt.Sprint(r.Updated, r.Added, r.Duplicates) != "[GitHub: octo] [GitHub: old key] [GitHub: new key]" {
		t.Fatalf("updated %v, added %v, duplicates %v", r.Updated, r.Added, r.Duplicates)
	}
}

// BenchmarkMerge measures merging a kit of n accounts new to a vault of n
// others. It should grow linearly with n.
func BenchmarkMerge(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprint(n/1000, "k"), func(b *testing.B) {
			all := make([]vault.Account, 2*n)
			for i := range all {
				key, err := otp.NewKey(otp.TOTP, base32.StdEncoding.EncodeToString([]byte(fmt.Sprintf("bench-secret-%07d", i))), otp.SHA1, 6, 30, 0)
				if err != nil {
					b.Fatal(err)
				}
				if all[i], err = vault.NewAccount(fmt.Sprintf("Issuer %d", i), "me", key, time.Unix(0, 0)); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				dst, src := vault.New(), vault.New()
				dst.Accounts = append(dst.Accounts, all[:n]...)
				src.Accounts = all[n:]
				if r := Merge(dst, src); len(r.Added) != n {
					b.Fatalf("%d added", len(r.Added))
				}
			}
		})
	}
}
