package importer

import (
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/mamori-app/mamori/vault/otp"
)

// Google Authenticator's "Transfer accounts" QR codes hold
//
//	otpauth-migration://offline?data=BASE64
//
// where BASE64 (standard alphabet, usually percent-encoded in the URI) is a
// protobuf MigrationPayload:
//
//	message MigrationPayload {
//	  repeated OtpParameters otp_parameters = 1;
//	  int32 version = 2;
//	  int32 batch_size = 3;   // how many QR codes the export has
//	  int32 batch_index = 4;  // which one this is, from 0
//	  int32 batch_id = 5;     // the same in every QR code of one export
//	}
//	message OtpParameters {
//	  bytes secret = 1;       // raw key bytes, not Base32
//	  string name = 2;        // often "Issuer:account"
//	  string issuer = 3;
//	  Algorithm algorithm = 4; // 0 unspecified (SHA1), 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
//	  DigitCount digits = 5;   // 0 unspecified (6), 1 six, 2 eight
//	  OtpType type = 6;        // 0 unspecified (TOTP), 1 HOTP, 2 TOTP
//	  int64 counter = 7;
//	}
//
// The schema is small and stable, so it is decoded here with protowire
// rather than generated code.

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

// maxBatchSize bounds batch_size: an export holds at most a few hundred
// accounts, ten per QR code.
const maxBatchSize = 1000

// batch is what is known of one multi-QR export.
type batch struct {
	size    int
	indexes map[int]bool
}

// migrationPayload is a decoded MigrationPayload.
type migrationPayload struct {
	params     [][]byte // undecoded OtpParameters
	batchSize  int64
	batchIndex int64
	batchID    int64
}

// migrationParams is a decoded OtpParameters.
type migrationParams struct {
	secret       []byte
	name, issuer string
	algorithm    uint64
	digits       uint64
	typ          uint64
	counter      uint64
}

// migration reads one otpauth-migration URI found at pos. Each account in
// it is at pos with Entry set to its place in the URI.
func (p *parser) migration(pos Position, s string) {
	data, err := migrationData(s)
	if err != nil {
		p.fail(pos, "", err)
		return
	}
	pl, err := decodePayload(data)
	if err != nil {
		p.fail(pos, "", err)
		return
	}
	if err := p.noteBatch(pl); err != nil {
		p.fail(pos, "", err)
		return
	}
	for i, raw := range pl.params {
		epos := pos
		epos.Entry = i + 1
		mp, err := decodeParams(raw)
		if err != nil {
			p.fail(epos, "", err)
			continue
		}
		issuer, name := splitMigrationLabel(mp.issuer, mp.name)
		lbl := label(issuer, name)
		if mp.algorithm == 4 {
			p.skip(epos, lbl, fmt.Errorf("%w: the key uses md5 (%w)", ErrUnsupported, otp.ErrBadAlgorithm))
			continue
		}
		key, err := mp.key()
		if err != nil {
			p.fail(epos, lbl, err)
			continue
		}
		p.add(epos, otp.Account{Issuer: issuer, Name: name, Key: key})
	}
}

// migrationData extracts and decodes the data parameter. It is liberal
// about how the Base64 was escaped: percent-encoded or not, "+" turned
// into a space by an over-eager decoder, the URL-safe alphabet, padding or
// none, white space from a line wrap.
func migrationData(s string) ([]byte, error) {
	_, rawQuery, ok := strings.Cut(s, "?")
	if !ok {
		return nil, malformed("otpauth-migration uri has no data parameter")
	}
	rawQuery, _, _ = strings.Cut(rawQuery, "#")
	var data string
	found := false
	for _, kv := range strings.Split(rawQuery, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if !strings.EqualFold(k, "data") {
			continue
		}
		if found {
			return nil, malformed("otpauth-migration uri has more than one data parameter")
		}
		found = true
		// PathUnescape, unlike QueryUnescape, leaves "+" alone: in
		// unescaped Base64 it is a digit, not a space.
		u, err := url.PathUnescape(v)
		if err != nil {
			return nil, malformed("bad percent-encoding in the data parameter")
		}
		data = u
	}
	if !found || data == "" {
		return nil, malformed("otpauth-migration uri has no data parameter")
	}
	data = strings.Map(func(r rune) rune {
		switch r {
		case ' ':
			return '+'
		case '-':
			return '+'
		case '_':
			return '/'
		case '\t', '\r', '\n':
			return -1
		}
		return r
	}, data)
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(data, "="))
	if err != nil {
		return nil, malformed("the data parameter is not valid base64")
	}
	return b, nil
}

// decodePayload decodes a MigrationPayload. Unknown fields are skipped, as
// protobuf requires; a known field with the wrong wire type, or a
// truncated message, is an error.
func decodePayload(b []byte) (migrationPayload, error) {
	var pl migrationPayload
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return migrationPayload{}, malformed("export data is not a valid protobuf message")
		}
		b = b[n:]
		switch {
		case num == fieldPayloadParams && typ == protowire.BytesType:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return migrationPayload{}, malformed("export data is truncated")
			}
			pl.params = append(pl.params, v)
			b = b[n:]
		case (num == fieldPayloadBatchSize || num == fieldPayloadBatchIndex || num == fieldPayloadBatchID ||
			num == fieldPayloadVersion) && typ == protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return migrationPayload{}, malformed("export data is truncated")
			}
			b = b[n:]
			switch num {
			case fieldPayloadBatchSize:
				pl.batchSize = int64(int32(v))
			case fieldPayloadBatchIndex:
				pl.batchIndex = int64(int32(v))
			case fieldPayloadBatchID:
				pl.batchID = int64(int32(v))
			}
		case num >= fieldPayloadParams && num <= fieldPayloadBatchID:
			return migrationPayload{}, malformed("export data field %d has the wrong type", num)
		default:
			n := protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return migrationPayload{}, malformed("export data is not a valid protobuf message")
			}
			b = b[n:]
		}
	}
	return pl, nil
}

// decodeParams decodes one OtpParameters message.
func decodeParams(b []byte) (migrationParams, error) {
	var mp migrationParams
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return migrationParams{}, malformed("account data is not a valid protobuf message")
		}
		b = b[n:]
		switch {
		case (num == fieldParamSecret || num == fieldParamName || num == fieldParamIssuer) && typ == protowire.BytesType:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return migrationParams{}, malformed("account data is truncated")
			}
			b = b[n:]
			switch num {
			case fieldParamSecret:
				mp.secret = v
			case fieldParamName:
				mp.name = string(v)
			case fieldParamIssuer:
				mp.issuer = string(v)
			}
		case num >= fieldParamAlgorithm && num <= fieldParamCounter && typ == protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return migrationParams{}, malformed("account data is truncated")
			}
			b = b[n:]
			switch num {
			case fieldParamAlgorithm:
				mp.algorithm = v
			case fieldParamDigits:
				mp.digits = v
			case fieldParamType:
				mp.typ = v
			case fieldParamCounter:
				mp.counter = v
			}
		case num >= fieldParamSecret && num <= fieldParamCounter:
			return migrationParams{}, malformed("account data field %d has the wrong type", num)
		default:
			n := protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return migrationParams{}, malformed("account data is not a valid protobuf message")
			}
			b = b[n:]
		}
	}
	return mp, nil
}

// key turns the decoded parameters into a validated key.
func (mp migrationParams) key() (otp.Key, error) {
	if len(mp.secret) == 0 {
		return otp.Key{}, fmt.Errorf("%w: the secret is empty", otp.ErrMissingSecret)
	}
	var alg otp.Algorithm
	switch mp.algorithm {
	case 0, 1:
		alg = otp.SHA1
	case 2:
		alg = otp.SHA256
	case 3:
		alg = otp.SHA512
	default:
		return otp.Key{}, fmt.Errorf("%w: unknown algorithm number %d", otp.ErrBadAlgorithm, mp.algorithm)
	}
	var digits int
	switch d := mp.digits; {
	case d == 0 || d == 1:
		digits = 6
	case d == 2:
		digits = 8
	case d >= 6 && d <= 10:
		// Not the enum, but some re-implementations write the count.
		digits = int(d)
	default:
		return otp.Key{}, fmt.Errorf("%w: unknown digit count number %d", otp.ErrBadDigits, d)
	}
	var typ otp.Type
	switch mp.typ {
	case 0, 2:
		typ = otp.TOTP
	case 1:
		typ = otp.HOTP
		if int64(mp.counter) < 0 {
			return otp.Key{}, fmt.Errorf("%w: negative counter", otp.ErrBadCounter)
		}
	default:
		return otp.Key{}, fmt.Errorf("%w: unknown type number %d", otp.ErrUnknownType, mp.typ)
	}
	secret := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(mp.secret)
	return otp.NewKey(typ, secret, alg, digits, 0, mp.counter)
}

// splitMigrationLabel recovers issuer and account name. Google
// Authenticator stores the otpauth label in name, so it is often
// "Issuer:account": the prefix becomes the issuer when issuer is empty, and
// is dropped when it repeats the issuer.
func splitMigrationLabel(issuer, name string) (string, string) {
	issuer = strings.TrimSpace(issuer)
	before, after, ok := strings.Cut(name, ":")
	switch {
	case !ok:
	case issuer == "":
		issuer, name = before, after
	case strings.TrimSpace(before) == issuer:
		name = after
	}
	return issuer, name
}

// noteBatch records which QR code of a multi-code export pl is.
func (p *parser) noteBatch(pl migrationPayload) error {
	if pl.batchSize <= 1 {
		return nil
	}
	if pl.batchSize > maxBatchSize {
		return malformed("export claims %d qr codes", pl.batchSize)
	}
	if pl.batchIndex < 0 || pl.batchIndex >= pl.batchSize {
		return malformed("qr code number %d of %d", pl.batchIndex+1, pl.batchSize)
	}
	if p.batches == nil {
		p.batches = make(map[int32]*batch)
	}
	id := int32(pl.batchID)
	b := p.batches[id]
	if b == nil {
		b = &batch{size: int(pl.batchSize), indexes: make(map[int]bool)}
		p.batches[id] = b
	}
	if b.size != int(pl.batchSize) {
		return malformed("qr codes of one export disagree on how many there are (%d and %d)", b.size, pl.batchSize)
	}
	b.indexes[int(pl.batchIndex)] = true
	return nil
}

// finishBatches warns about multi-code exports with codes missing.
func (p *parser) finishBatches() {
	ids := make([]int32, 0, len(p.batches))
	for id := range p.batches {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		b := p.batches[id]
		var missing []string
		for i := 0; i < b.size; i++ {
			if !b.indexes[i] {
				missing = append(missing, strconv.Itoa(i+1))
			}
		}
		if len(missing) > 0 {
			p.res.Warnings = append(p.res.Warnings, Warning{Err: fmt.Errorf("%w: %d of %d given; missing number %s",
				ErrIncompleteBatch, b.size-len(missing), b.size, strings.Join(missing, ", "))})
		}
	}
}
