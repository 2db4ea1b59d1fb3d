package migration

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/mamori-app/mamori/vault/otp"
)

func TestRoundTrip(t *testing.T) {
	secret := []byte("12345678901234567890")
	tests := []struct {
		name string
		p    Payload
	}{
		{"empty", Payload{}},
		{"no params", Payload{Version: Version, BatchSize: 1}},
		{"totp", Payload{Version: Version, BatchSize: 1, BatchID: 42, Params: []Parameters{
			{Secret: secret, Name: "Example:alice", Issuer: "Example", Algorithm: AlgorithmSHA1, Digits: DigitsSix, Type: TypeTOTP},
		}}},
		{"hotp with counter", Payload{Version: Version, Params: []Parameters{
			{Secret: secret, Name: "bob", Algorithm: AlgorithmSHA256, Digits: DigitsEight, Type: TypeHOTP, Counter: 7},
		}}},
		{"hotp counter at max", Payload{Params: []Parameters{
			{Secret: secret, Name: "x", Algorithm: AlgorithmSHA512, Digits: DigitsSix, Type: TypeHOTP, Counter: math.MaxInt64},
		}}},
		{"several, batch", Payload{Version: Version, BatchSize: 3, BatchIndex: 2, BatchID: math.MaxInt32, Params: []Parameters{
			{Secret: secret, Name: "a", Algorithm: AlgorithmSHA1, Digits: DigitsSix, Type: TypeTOTP},
			{Secret: []byte{0}, Name: "日本:太郎", Issuer: "日本", Algorithm: AlgorithmMD5, Digits: DigitsEight, Type: TypeTOTP},
			{Secret: secret, Name: "", Algorithm: AlgorithmUnspecified, Digits: DigitsUnspecified, Type: TypeUnspecified},
		}}},
		{"negative batch fields", Payload{BatchSize: -1, BatchIndex: -2, BatchID: math.MinInt32}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode(Encode(tc.p))
			if err != nil {
				t.Fatal(err)
			}
			want := tc.p
			for i := range want.Params {
				if want.Params[i].Type != TypeHOTP {
					want.Params[i].Counter = 0 // only written for HOTP
				}
			}
			if len(want.Params) == 0 {
				want.Params = nil
			}
			for i := range got.Params {
				if len(got.Params[i].Secret) == 0 {
					got.Params[i].Secret = nil
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	good := Encode(Payload{Params: []Parameters{{Secret: []byte("k"), Name: "n", Type: TypeTOTP}}})
	tests := []struct {
		name      string
		data      []byte
		wantErr   bool // the whole payload fails
		wantParam bool // the one account fails
	}{
		{"good", good, false, false},
		{"truncated", good[:len(good)-3], true, false},
		{"bad tag", []byte{0xff}, true, false},
		{"wrong type", protowire.AppendVarint(protowire.AppendTag(nil, fieldPayloadParams, protowire.VarintType), 1), true, false},
		{"unknown field skipped", protowire.AppendVarint(protowire.AppendTag(append([]byte{}, good...), 99, protowire.VarintType), 1), false, false},
		{"bad account", protowire.AppendBytes(protowire.AppendTag(nil, fieldPayloadParams, protowire.BytesType),
			protowire.AppendVarint(protowire.AppendTag(nil, fieldParamSecret, protowire.VarintType), 1)), false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pl, err := Decode(tc.data)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if len(pl.Params) != 1 || (pl.Params[0].Err != nil) != tc.wantParam {
				t.Fatalf("params %+v, want one with error %v", pl.Params, tc.wantParam)
			}
		})
	}
}

func TestEnums(t *testing.T) {
	for _, alg := range []otp.Algorithm{otp.SHA1, otp.SHA256, otp.SHA512} {
		a, ok := AlgorithmOf(alg)
		if back, err := a.OTP(); !ok || err != nil || back != alg {
			t.Errorf("algorithm %s: %d %v, back %s %v", alg, a, ok, back, err)
		}
	}
	for _, d := range []int{6, 8} {
		c, ok := DigitsOf(d)
		if back, err := c.Count(); !ok || err != nil || back != d {
			t.Errorf("digits %d: %d %v, back %d %v", d, c, ok, back, err)
		}
	}
	if _, ok := DigitsOf(7); ok {
		t.Error("7 digits have an enum value")
	}
	for _, typ := range []otp.Type{otp.TOTP, otp.HOTP} {
		v, ok := TypeOf(typ)
		if back, err := v.OTP(); !ok || err != nil || back != typ {
			t.Errorf("type %s: %d %v, back %s %v", typ, v, ok, back, err)
		}
	}
	if _, ok := TypeOf(otp.Steam); ok {
		t.Error("steam has a type value")
	}

	// Liberal reading: unset means the default.
	if a, _ := AlgorithmUnspecified.OTP(); a != otp.SHA1 {
		t.Errorf("unset algorithm read as %s", a)
	}
	if d, _ := DigitsUnspecified.Count(); d != 6 {
		t.Errorf("unset digits read as %d", d)
	}
	if d, _ := DigitCount(10).Count(); d != 10 {
		t.Errorf("digits 10 read as %d", d)
	}
	if typ, _ := TypeUnspecified.OTP(); typ != otp.TOTP {
		t.Errorf("unset type read as %s", typ)
	}
	for _, err := range []error{
		func() error { _, err := AlgorithmMD5.OTP(); return err }(),
		func() error { _, err := Algorithm(9).OTP(); return err }(),
	} {
		if !errors.Is(err, otp.ErrBadAlgorithm) {
			t.Errorf("algorithm error %v", err)
		}
	}
	if _, err := DigitCount(3).Count(); !errors.Is(err, otp.ErrBadDigits) {
		t.Errorf("digits error %v", err)
	}
	if _, err := Type(3).OTP(); !errors.Is(err, otp.ErrUnknownType) {
		t.Errorf("type error %v", err)
	}
}

func TestKey(t *testing.T) {
	k, err := Parameters{Secret: []byte("12345678901234567890"), Type: TypeHOTP, Counter: 5}.Key()
	if err != nil || k.Type != otp.HOTP || k.Algorithm != otp.SHA1 || k.Digits != 6 || k.Counter != 5 {
		t.Fatalf("key %+v, %v", k, err)
	}
	if _, err := (Parameters{Type: TypeTOTP}).Key(); !errors.Is(err, otp.ErrMissingSecret) {
		t.Errorf("empty secret: %v", err)
	}
	if _, err := (Parameters{Secret: []byte("k"), Type: TypeHOTP, Counter: math.MaxUint64}).Key(); !errors.Is(err, otp.ErrBadCounter) {
		t.Errorf("negative counter: %v", err)
	}
}
