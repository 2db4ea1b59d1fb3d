package otp

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/oracletest"
)

func b32of(s string) string { return b32.EncodeToString([]byte(s)) }

// RFC 4226 Appendix D.
func TestHOTPRFC4226(t *testing.T) {
	k := Key{Type: HOTP, Secret: b32of("12345678901234567890"), Algorithm: SHA1, Digits: 6}
	want := []string{"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"}
	for c, w := range want {
		got, err := k.HOTP(uint64(c))
		if err != nil || got != w {
			t.Errorf("HOTP(%d) = %q, %v; want %q", c, got, err, w)
		}
	}
}

// RFC 6238 Appendix B. The seeds differ in length per algorithm.
func TestTOTPRFC6238(t *testing.T) {
	seeds := map[Algorithm]string{
		SHA1:   "12345678901234567890",
		SHA256: "12345678901234567890123456789012",
		SHA512: "1234567890123456789012345678901234567890123456789012345678901234",
	}
	tests := []struct {
		unix int64
		alg  Algorithm
		want string
	}{
		{59, SHA1, "94287082"}, {59, SHA256, "46119246"}, {59, SHA512, "90693936"},
		{1111111109, SHA1, "07081804"}, {1111111109, SHA256, "68084774"}, {1111111109, SHA512, "25091201"},
		{1111111111, SHA1, "14050471"}, {1111111111, SHA256, "67062674"}, {1111111111, SHA512, "99943326"},
		{1234567890, SHA1, "89005924"}, {1234567890, SHA256, "91819424"}, {1234567890, SHA512, "93441116"},
		{2000000000, SHA1, "69279037"}, {2000000000, SHA256, "90698825"}, {2000000000, SHA512, "38618901"},
		{20000000000, SHA1, "65353130"}, {20000000000, SHA256, "77737706"}, {20000000000, SHA512, "47863826"},
	}
	for _, tt := range tests {
		k, err := NewKey(TOTP, b32of(seeds[tt.alg]), tt.alg, 8, 30, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, err := k.Code(time.Unix(tt.unix, 0))
		if err != nil || got != tt.want {
			t.Errorf("%s at %d = %q, %v; want %q", tt.alg, tt.unix, got, err, tt.want)
		}
	}
}

func randomSecret(t testing.TB, r *mrand.Rand) string {
	t.Helper()
	b := make([]byte, 1+r.IntN(64))
	rand.Read(b)
	return b32.EncodeToString(b)
}

func oathtool(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("oathtool", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("oathtool %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestOathtool compares against OATH Toolkit's oathtool as an independent
// oracle. It fails rather than skips without oathtool: the Makefile
// installs it.
func TestOathtool(t *testing.T) {
	if _, err := exec.LookPath("oathtool"); err != nil {
		oracletest.SkipOnWindows(t, "oathtool")
		t.Fatalf("oathtool is required for this test (apt-get install oathtool): %v", err)
	}
	r := mrand.New(mrand.NewPCG(1, 2))
	times := []int64{0, 1, 29, 59, 1111111109, 1234567890, 2000000000, 20000000000}
	if testing.Short() {
		times = []int64{0, 1111111109, 20000000000}
	}
	for _, alg := range []Algorithm{SHA1, SHA256, SHA512} {
		for _, digits := range []int{6, 7, 8} {
			for _, period := range []int{15, 30, 60} {
				secret := randomSecret(t, r)
				k, err := NewKey(TOTP, secret, alg, digits, period, 0)
				if err != nil {
					t.Fatal(err)
				}
				ts := append(times, r.Int64N(1<<34))
				for _, u := range ts {
					want := oathtool(t, "--totp="+strings.ToLower(string(alg)), "-b",
						"-d", strconv.Itoa(digits), "-s", fmt.Sprintf("%ds", period),
						"-N", fmt.Sprintf("@%d", u), secret)
					got, err := k.Code(time.Unix(u, 0))
					if err != nil || got != want {
						t.Errorf("%s d=%d p=%d t=%d len=%d: got %q, %v; oathtool %q", alg, digits, period, u, len(secret), got, err, want)
					}
				}
			}
		}
	}
	// oathtool's HOTP mode is SHA1 only.
	for _, digits := range []int{6, 7, 8} {
		secret := randomSecret(t, r)
		k, err := NewKey(HOTP, secret, SHA1, digits, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []uint64{0, 1, 2, 9, 1 << 32, 1<<63 + 5, 1<<64 - 1, r.Uint64()} {
			want := oathtool(t, "-b", "-d", strconv.Itoa(digits), "-c", strconv.FormatUint(c, 10), secret)
			got, err := k.HOTP(c)
			if err != nil || got != want {
				t.Errorf("hotp d=%d c=%d: got %q, %v; oathtool %q", digits, c, got, err, want)
			}
		}
	}
}

// steamRef is an independent Steam Guard implementation: RFC 4226 dynamic
// truncation, then five base-26 digits, least significant first.
func steamRef(secret string, unix int64) string {
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	if err != nil {
		panic(err)
	}
	m := hmac.New(sha1.New, key)
	binary.Write(m, binary.BigEndian, uint64(unix/30))
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:]) & 0x7fffffff
	const alphabet = "23456789BCDFGHJKMNPQRTVWXY"
	var out []byte
	for range 5 {
		out = append(out, alphabet[v%26])
		v /= 26
	}
	return string(out)
}

func TestSteam(t *testing.T) {
	// Fixed vectors computed with Python's hmac module.
	fixed := []struct {
		secret string
		unix   int64
		want   string
	}{
		{"QLT6VMY6SVFX4BT4RPMISAIYOL6HIHCA", 0, "F6XWT"},
		{"QLT6VMY6SVFX4BT4RPMISAIYOL6HIHCA", 59, "GK24T"},
		{"QLT6VMY6SVFX4BT4RPMISAIYOL6HIHCA", 1111111109, "86CN8"},
		{"QLT6VMY6SVFX4BT4RPMISAIYOL6HIHCA", 2000000000, "R6WQ7"},
		{"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 1234567890, "VHHQY"},
		{"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 20000000000, "R5DMB"},
	}
	for _, f := range fixed {
		k, err := NewKey(Steam, f.secret, "", 0, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := k.Code(time.Unix(f.unix, 0)); err != nil || got != f.want {
			t.Errorf("steam %d = %q, %v; want %q", f.unix, got, err, f.want)
		}
	}
	r := mrand.New(mrand.NewPCG(3, 4))
	for range 200 {
		secret := randomSecret(t, r)
		k, err := NewKey(Steam, secret, SHA1, 5, 30, 0)
		if err != nil {
			t.Fatal(err)
		}
		u := r.Int64N(1 << 35)
		got, err := k.Code(time.Unix(u, 0))
		if err != nil {
			t.Fatal(err)
		}
		if want := steamRef(secret, u); got != want {
			t.Errorf("steam t=%d: got %q, want %q", u, got, want)
		}
		if len(got) != 5 || strings.Trim(got, "23456789BCDFGHJKMNPQRTVWXY") != "" {
			t.Errorf("steam code %q: bad length or charset", got)
		}
		if h, _ := k.HOTP(uint64(u / 30)); h != got {
			t.Errorf("HOTP(t/30) = %q, Code(t) = %q", h, got)
		}
	}
}

func TestNewKeyDefaults(t *testing.T) {
	tests := []struct {
		name           string
		typ            Type
		alg            Algorithm
		digits, period int
		counter        uint64
		want           Key
	}{
		{"totp defaults", "TOTP", "", 0, 0, 7, Key{Type: TOTP, Algorithm: SHA1, Digits: 6, Period: 30}},
		{"totp liberal alg", TOTP, "hmac-sha-256", 8, 60, 0, Key{Type: TOTP, Algorithm: SHA256, Digits: 8, Period: 60}},
		{"hotp drops period", HOTP, "sha512", 10, 30, 42, Key{Type: HOTP, Algorithm: SHA512, Digits: 10, Counter: 42}},
		{"steam defaults", Steam, "", 0, 0, 0, Key{Type: Steam, Algorithm: SHA1, Digits: 5, Period: 30}},
		{"steam explicit", "Steam", "SHA1", 5, 30, 0, Key{Type: Steam, Algorithm: SHA1, Digits: 5, Period: 30}},
	}
	for _, tt := range tests {
		got, err := NewKey(tt.typ, "jbsw y3dp-ehpk 3pxp", tt.alg, tt.digits, tt.period, tt.counter)
		tt.want.Secret = "JBSWY3DPEHPK3PXP"
		if err != nil || got != tt.want {
			t.Errorf("%s: got %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
}

func TestNewKeyErrors(t *testing.T) {
	const s = "JBSWY3DPEHPK3PXP"
	tests := []struct {
		name           string
		typ            Type
		secret         string
		alg            Algorithm
		digits, period int
		want           error
	}{
		{"empty type", "", s, "", 0, 0, ErrUnknownType},
		{"bad type", "motp", s, "", 0, 0, ErrUnknownType},
		{"no secret", TOTP, " - ", "", 0, 0, ErrMissingSecret},
		{"bad secret", TOTP, "JBSWY3DPEHPK3PX1", "", 0, 0, ErrBadSecret},
		{"md5", TOTP, s, "MD5", 0, 0, ErrBadAlgorithm},
		{"5 digits totp", TOTP, s, "", 5, 0, ErrBadDigits},
		{"11 digits", HOTP, s, "", 11, 0, ErrBadDigits},
		{"negative digits", TOTP, s, "", -6, 0, ErrBadDigits},
		{"negative period", TOTP, s, "", 6, -30, ErrBadPeriod},
		{"period too long", TOTP, s, "", 6, 86401, ErrBadPeriod},
		{"steam sha256", Steam, s, SHA256, 0, 0, ErrBadAlgorithm},
		{"steam 6 digits", Steam, s, "", 6, 0, ErrBadDigits},
		{"steam 60 s", Steam, s, "", 0, 60, ErrBadPeriod},
	}
	for _, tt := range tests {
		_, err := NewKey(tt.typ, tt.secret, tt.alg, tt.digits, tt.period, 0)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	good := Key{Type: TOTP, Secret: "JBSWY3DPEHPK3PXP", Algorithm: SHA1, Digits: 6, Period: 30}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(*Key)
		want error
	}{
		{"lower-case secret", func(k *Key) { k.Secret = "jbswy3dpehpk3pxp" }, ErrBadSecret},
		{"padded secret", func(k *Key) { k.Secret = "JBSWY3DPEHPK3PXP====" }, ErrBadSecret},
		{"spaced secret", func(k *Key) { k.Secret = "JBSW Y3DP" }, ErrBadSecret},
		{"newline secret", func(k *Key) { k.Secret = "JBSWY3DP\nEHPK3PXP" }, ErrBadSecret},
		{"bad length", func(k *Key) { k.Secret = "JBSWY3DPE" }, ErrBadSecret},
		{"empty secret", func(k *Key) { k.Secret = "" }, ErrMissingSecret},
		{"long secret", func(k *Key) { k.Secret = strings.Repeat("A", 1032) }, ErrBadSecret},
		{"lower-case alg", func(k *Key) { k.Algorithm = "sha1" }, ErrBadAlgorithm},
		{"no alg", func(k *Key) { k.Algorithm = "" }, ErrBadAlgorithm},
		{"zero digits", func(k *Key) { k.Digits = 0 }, ErrBadDigits},
		{"zero period", func(k *Key) { k.Period = 0 }, ErrBadPeriod},
		{"totp counter", func(k *Key) { k.Counter = 1 }, ErrBadCounter},
		{"hotp period", func(k *Key) { k.Type = HOTP }, ErrBadPeriod},
		{"steam digits", func(k *Key) { k.Type = Steam }, ErrBadDigits},
		{"bad type", func(k *Key) { k.Type = "TOTP" }, ErrUnknownType},
	}
	for _, tt := range tests {
		k := good
		tt.edit(&k)
		err := k.Validate()
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
		if _, cerr := k.Code(time.Unix(1e9, 0)); !errors.Is(cerr, tt.want) {
			t.Errorf("%s: Code error %v, want %v", tt.name, cerr, tt.want)
		}
	}
	if err := (Key{Type: HOTP, Secret: "GE", Algorithm: SHA512, Digits: 10, Counter: 1<<64 - 1}).Validate(); err != nil {
		t.Errorf("minimal hotp: %v", err)
	}
}

func TestCodeErrors(t *testing.T) {
	h, _ := NewKey(HOTP, "JBSWY3DPEHPK3PXP", "", 0, 0, 0)
	if _, err := h.Code(time.Now()); !errors.Is(err, ErrNotTimeBased) {
		t.Errorf("hotp Code: %v", err)
	}
	k, _ := NewKey(TOTP, "JBSWY3DPEHPK3PXP", "", 0, 0, 0)
	if _, err := k.Code(time.Unix(-1, 0)); !errors.Is(err, ErrBadTime) {
		t.Errorf("1969 Code: %v", err)
	}
	if _, err := k.Code(time.Unix(0, 0)); err != nil {
		t.Errorf("epoch Code: %v", err)
	}
	// 9- and 10-digit codes keep their leading zeros.
	k10, _ := NewKey(HOTP, b32of("12345678901234567890"), "", 10, 0, 0)
	for c := range uint64(50) {
		if code, err := k10.HOTP(c); err != nil || len(code) != 10 {
			t.Fatalf("10 digits: %q, %v", code, err)
		}
	}
}

func TestRemaining(t *testing.T) {
	k, _ := NewKey(TOTP, "JBSWY3DPEHPK3PXP", "", 0, 30, 0)
	tests := []struct {
		t    time.Time
		want time.Duration
	}{
		{time.Unix(0, 0), 30 * time.Second},
		{time.Unix(29, 0), time.Second},
		{time.Unix(29, 999999999), time.Nanosecond},
		{time.Unix(30, 0), 30 * time.Second},
		{time.Unix(1111111109, 500e6), 500 * time.Millisecond},
		{time.Unix(20000000000, 0), 10 * time.Second},
		{time.Unix(-1, 0), 0},
	}
	for _, tt := range tests {
		if got := k.Remaining(tt.t); got != tt.want {
			t.Errorf("Remaining(%d) = %v, want %v", tt.t.Unix(), got, tt.want)
		}
	}
	// The code changes exactly when Remaining runs out.
	now := time.Unix(1700000000, 123)
	c1, _ := k.Code(now)
	end := now.Add(k.Remaining(now))
	c2, _ := k.Code(end.Add(-time.Nanosecond))
	c3, _ := k.Code(end)
	if c1 != c2 || c2 == c3 {
		t.Errorf("codes %s %s %s around the boundary", c1, c2, c3)
	}
	h, _ := NewKey(HOTP, "JBSWY3DPEHPK3PXP", "", 0, 0, 0)
	if got := h.Remaining(now); got != 0 {
		t.Errorf("hotp Remaining = %v", got)
	}
}

func TestKeyJSON(t *testing.T) {
	k, _ := NewKey(TOTP, "JBSWY3DPEHPK3PXP", "", 0, 0, 0)
	b, _ := json.Marshal(k)
	if want := `{"type":"totp","secret":"JBSWY3DPEHPK3PXP","algorithm":"SHA1","digits":6,"period":30}`; string(b) != want {
		t.Errorf("json %s, want %s", b, want)
	}
	h, _ := NewKey(HOTP, "JBSWY3DPEHPK3PXP", "", 8, 0, 5)
	b, _ = json.Marshal(h)
	if want := `{"type":"hotp","secret":"JBSWY3DPEHPK3PXP","algorithm":"SHA1","digits":8,"counter":5}`; string(b) != want {
		t.Errorf("json %s, want %s", b, want)
	}
}

func TestParseAlgorithm(t *testing.T) {
	ok := map[string]Algorithm{
		"SHA1": SHA1, "sha1": SHA1, "Sha-1": SHA1, "HmacSHA1": SHA1,
		"sha256": SHA256, "SHA-256": SHA256, "hmac-sha-256": SHA256, "HMAC_SHA256": SHA256,
		"sha512": SHA512, "SHA-512": SHA512, " HmacSHA512 ": SHA512,
	}
	for in, want := range ok {
		if got, err := ParseAlgorithm(in); err != nil || got != want {
			t.Errorf("ParseAlgorithm(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "md5", "sha384", "sha3-256", "sha", "ＳＨＡ１"} {
		if _, err := ParseAlgorithm(in); !errors.Is(err, ErrBadAlgorithm) {
			t.Errorf("ParseAlgorithm(%q): %v", in, err)
		}
	}
}

func TestParseType(t *testing.T) {
	for in, want := range map[string]Type{"totp": TOTP, "TOTP": TOTP, "Hotp": HOTP, "STEAM": Steam} {
		if got, err := ParseType(in); err != nil || got != want {
			t.Errorf("ParseType(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "motp", "totp2", "ｔｏｔｐ"} {
		if _, err := ParseType(in); !errors.Is(err, ErrUnknownType) {
			t.Errorf("ParseType(%q): %v", in, err)
		}
	}
}
