// Package migration is the schema of Google Authenticator's "Transfer
// accounts" export, in one place for package export, which writes it, and
// package importer, which reads it.
//
// Each QR code of an export holds
//
//	otpauth-migration://offline?data=BASE64
//
// where BASE64 is the standard Base64 of a protobuf MigrationPayload
// (percent-encoded in the URI):
//
//	message MigrationPayload {
//	  repeated OtpParameters otp_parameters = 1;
//	  int32 version = 2;      // 1
//	  int32 batch_size = 3;   // how many QR codes the export has
//	  int32 batch_index = 4;  // which one this is, from 0
//	  int32 batch_id = 5;     // the same in every QR code of one export
//	}
//	message OtpParameters {
//	  bytes secret = 1;        // raw key bytes, not Base32
//	  string name = 2;         // the otpauth label, often "Issuer:account"
//	  string issuer = 3;
//	  Algorithm algorithm = 4; // 0 unspecified (SHA1), 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
//	  DigitCount digits = 5;   // 0 unspecified (6), 1 six, 2 eight
//	  OtpType type = 6;        // 0 unspecified (TOTP), 1 HOTP, 2 TOTP
//	  int64 counter = 7;       // HOTP only
//	}
//
// The schema is small and stable, so it is written here with protowire
// rather than generated code. There is no period field: every TOTP key in
// it is a 30-second one.
package migration

import (
	"encoding/base32"
	"errors"
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/mamori-app/mamori/vault/otp"
)

// Protobuf field numbers.
const (
	fieldPayloadParams     = 1
	fieldPayloadVersion    = 2
	fieldPayloadBatchSize  = 3
	fieldPayloadBatchIndex = 4
	fieldPayloadBatchID    = 5

	fieldParamSecret    = 1
	fieldParamName      = 2
	fieldParamIssuer    = 3
	fieldParamAlgorithm = 4
	fieldParamDigits    = 5
	fieldParamType      = 6
	fieldParamCounter   = 7
)

// Prefix starts every otpauth-migration URI; the Base64 data follows it.
const Prefix = "otpauth-migration://offline?data="

// Version is the payload version Google Authenticator writes.
const Version = 1

// Period is the only TOTP period the format can carry.
const Period = 30

// Algorithm is the OtpParameters algorithm enum.
type Algorithm uint64

// Algorithm values.
const (
	AlgorithmUnspecified Algorithm = 0
	AlgorithmSHA1        Algorithm = 1
	AlgorithmSHA256      Algorithm = 2
	AlgorithmSHA512      Algorithm = 3
	AlgorithmMD5         Algorithm = 4
)

// DigitCount is the OtpParameters digits enum.
type DigitCount uint64

// DigitCount values.
const (
	DigitsUnspecified DigitCount = 0
	DigitsSix         DigitCount = 1
	DigitsEight       DigitCount = 2
)

// Type is the OtpParameters type enum.
type Type uint64

// Type values.
const (
	TypeUnspecified Type = 0
	TypeHOTP        Type = 1
	TypeTOTP        Type = 2
)

// Payload is a MigrationPayload.
type Payload struct {
	Params     []Parameters
	Version    int32
	BatchSize  int32
	BatchIndex int32
	BatchID    int32
}

// Parameters is an OtpParameters message: one account.
type Parameters struct {
	Secret    []byte
	Name      string
	Issuer    string
	Algorithm Algorithm
	Digits    DigitCount
	Type      Type
	Counter   uint64 // written only for TypeHOTP

	// Err is set by Decode when this message could not be decoded; the
	// other fields are then zero. Encode ignores it.
	Err error
}

// Encode encodes p. Secret and name are always written, issuer only when
// it is not empty, counter only for HOTP; the enums and the batch fields
// always (negative batch fields are written as protobuf int32s are, ten
// bytes long).
func Encode(p Payload) []byte {
	var b []byte
	for _, mp := range p.Params {
		b = protowire.AppendTag(b, fieldPayloadParams, protowire.BytesType)
		b = protowire.AppendBytes(b, EncodeParameters(mp))
	}
	for _, f := range []struct {
		num protowire.Number
		v   int32
	}{{fieldPayloadVersion, p.Version}, {fieldPayloadBatchSize, p.BatchSize}, {fieldPayloadBatchIndex, p.BatchIndex}, {fieldPayloadBatchID, p.BatchID}} {
		b = protowire.AppendTag(b, f.num, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(int64(f.v)))
	}
	return b
}

// EncodeParameters encodes one OtpParameters message, as Encode does.
func EncodeParameters(mp Parameters) []byte {
	var b []byte
	b = protowire.AppendTag(b, fieldParamSecret, protowire.BytesType)
	b = protowire.AppendBytes(b, mp.Secret)
	b = protowire.AppendTag(b, fieldParamName, protowire.BytesType)
	b = protowire.AppendString(b, mp.Name)
	if mp.Issuer != "" {
		b = protowire.AppendTag(b, fieldParamIssuer, protowire.BytesType)
		b = protowire.AppendString(b, mp.Issuer)
	}
	for _, f := range []struct {
		num protowire.Number
		v   uint64
	}{{fieldParamAlgorithm, uint64(mp.Algorithm)}, {fieldParamDigits, uint64(mp.Digits)}, {fieldParamType, uint64(mp.Type)}} {
		b = protowire.AppendTag(b, f.num, protowire.VarintType)
		b = protowire.AppendVarint(b, f.v)
	}
	if mp.Type == TypeHOTP {
		b = protowire.AppendTag(b, fieldParamCounter, protowire.VarintType)
		b = protowire.AppendVarint(b, mp.Counter)
	}
	return b
}

// Decode decodes a MigrationPayload. Unknown fields are skipped, as
// protobuf requires; a known field with the wrong wire type, or a
// truncated message, is an error. An OtpParameters message that cannot be
// decoded does not fail the payload: it is in Params with Err set, so that
// the accounts around it can still be read. Decoded secrets share b's
// memory.
func Decode(b []byte) (Payload, error) {
	var pl Payload
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return Payload{}, errors.New("export data is not a valid protobuf message")
		}
		b = b[n:]
		switch {
		case num == fieldPayloadParams && typ == protowire.BytesType:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return Payload{}, errors.New("export data is truncated")
			}
			mp, err := decodeParameters(v)
			if err != nil {
				mp = Parameters{Err: err}
			}
			pl.Params = append(pl.Params, mp)
			b = b[n:]
		case num > fieldPayloadParams && num <= fieldPayloadBatchID && typ == protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return Payload{}, errors.New("export data is truncated")
			}
			b = b[n:]
			switch num {
			case fieldPayloadVersion:
				pl.Version = int32(v)
			case fieldPayloadBatchSize:
				pl.BatchSize = int32(v)
			case fieldPayloadBatchIndex:
				pl.BatchIndex = int32(v)
			case fieldPayloadBatchID:
				pl.BatchID = int32(v)
			}
		case num >= fieldPayloadParams && num <= fieldPayloadBatchID:
			return Payload{}, fmt.Errorf("export data field %d has the wrong type", num)
		default:
			n := protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return Payload{}, errors.New("export data is not a valid protobuf message")
			}
			b = b[n:]
		}
	}
	return pl, nil
}

// decodeParameters decodes one OtpParameters message.
func decodeParameters(b []byte) (Parameters, error) {
	var mp Parameters
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return Parameters{}, errors.New("account data is not a valid protobuf message")
		}
		b = b[n:]
		switch {
		case num >= fieldParamSecret && num <= fieldParamIssuer && typ == protowire.BytesType:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return Parameters{}, errors.New("account data is truncated")
			}
			b = b[n:]
			switch num {
			case fieldParamSecret:
				mp.Secret = v
			case fieldParamName:
				mp.Name = string(v)
			case fieldParamIssuer:
				mp.Issuer = string(v)
			}
		case num >= fieldParamAlgorithm && num <= fieldParamCounter && typ == protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return Parameters{}, errors.New("account data is truncated")
			}
			b = b[n:]
			switch num {
			case fieldParamAlgorithm:
				mp.Algorithm = Algorithm(v)
			case fieldParamDigits:
				mp.Digits = DigitCount(v)
			case fieldParamType:
				mp.Type = Type(v)
			case fieldParamCounter:
				mp.Counter = v
			}
		case num >= fieldParamSecret && num <= fieldParamCounter:
			return Parameters{}, fmt.Errorf("account data field %d has the wrong type", num)
		default:
			n := protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return Parameters{}, errors.New("account data is not a valid protobuf message")
			}
			b = b[n:]
		}
	}
	return mp, nil
}

// AlgorithmOf is the enum value for alg, and false for an algorithm the
// format has no value for.
func AlgorithmOf(alg otp.Algorithm) (Algorithm, bool) {
	switch alg {
	case otp.SHA1:
		return AlgorithmSHA1, true
	case otp.SHA256:
		return AlgorithmSHA256, true
	case otp.SHA512:
		return AlgorithmSHA512, true
	}
	return 0, false
}

// OTP is the algorithm a is, unspecified read as SHA1. MD5, which package
// otp does not support, and unknown values are errors wrapping
// otp.ErrBadAlgorithm.
func (a Algorithm) OTP() (otp.Algorithm, error) {
	switch a {
	case AlgorithmUnspecified, AlgorithmSHA1:
		return otp.SHA1, nil
	case AlgorithmSHA256:
		return otp.SHA256, nil
	case AlgorithmSHA512:
		return otp.SHA512, nil
	case AlgorithmMD5:
		return "", fmt.Errorf("%w: md5", otp.ErrBadAlgorithm)
	}
	return "", fmt.Errorf("%w: unknown algorithm number %d", otp.ErrBadAlgorithm, uint64(a))
}

// DigitsOf is the enum value for a digit count, and false for a count
// other than 6 or 8.
func DigitsOf(digits int) (DigitCount, bool) {
	switch digits {
	case 6:
		return DigitsSix, true
	case 8:
		return DigitsEight, true
	}
	return 0, false
}

// Count is the number of digits d stands for, unspecified read as 6. A
// value from 6 to 10 is taken as the count itself, as some
// re-implementations write it; others are errors wrapping otp.ErrBadDigits.
func (d DigitCount) Count() (int, error) {
	switch {
	case d == DigitsUnspecified || d == DigitsSix:
		return 6, nil
	case d == DigitsEight:
		return 8, nil
	case d >= 6 && d <= 10:
		return int(d), nil
	}
	return 0, fmt.Errorf("%w: unknown digit count number %d", otp.ErrBadDigits, uint64(d))
}

// TypeOf is the enum value for typ, and false for a type the format has no
// value for (Steam).
func TypeOf(typ otp.Type) (Type, bool) {
	switch typ {
	case otp.TOTP:
		return TypeTOTP, true
	case otp.HOTP:
		return TypeHOTP, true
	}
	return 0, false
}

// OTP is the type t is, unspecified read as TOTP; unknown values are
// errors wrapping otp.ErrUnknownType.
func (t Type) OTP() (otp.Type, error) {
	switch t {
	case TypeUnspecified, TypeTOTP:
		return otp.TOTP, nil
	case TypeHOTP:
		return otp.HOTP, nil
	}
	return "", fmt.Errorf("%w: unknown type number %d", otp.ErrUnknownType, uint64(t))
}

// Key turns the parameters into a validated key, reading the enums
// liberally (see Algorithm.OTP, DigitCount.Count and Type.OTP); TOTP keys
// get the format's 30-second period.
func (mp Parameters) Key() (otp.Key, error) {
	if len(mp.Secret) == 0 {
		return otp.Key{}, fmt.Errorf("%w: the secret is empty", otp.ErrMissingSecret)
	}
	alg, err := mp.Algorithm.OTP()
	if err != nil {
		return otp.Key{}, err
	}
	digits, err := mp.Digits.Count()
	if err != nil {
		return otp.Key{}, err
	}
	typ, err := mp.Type.OTP()
	if err != nil {
		return otp.Key{}, err
	}
	if typ == otp.HOTP && int64(mp.Counter) < 0 {
		return otp.Key{}, fmt.Errorf("%w: negative counter", otp.ErrBadCounter)
	}
	secret := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(mp.Secret)
	return otp.NewKey(typ, secret, alg, digits, 0, mp.Counter)
}
