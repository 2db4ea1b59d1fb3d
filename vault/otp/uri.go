package otp

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what ParseURI accepts. They keep URI() of every parsed Account
// within maxURILength even with every byte percent-encoded.
const (
	maxURILength   = 8 << 10 // bytes
	maxLabelLength = 512     // bytes, for each of issuer and name
)

// Account is what an otpauth:// URI carries: who the key is for, and the
// key. Issuer is the service ("GitHub", "みずほ銀行") and Name the account
// at that service (usually a user name or e-mail address); either may be
// empty.
type Account struct {
	Issuer string
	Name   string
	Key    Key
}

// uriParams are the query parameters ParseURI understands. Others are
// ignored.
var uriParams = map[string]bool{
	"secret": true, "issuer": true, "algorithm": true, "digits": true,
	"period": true, "counter": true, "encoder": true,
}

// ParseURI parses a key URI as shown in QR codes:
//
//	otpauth://TYPE/LABEL?secret=SECRET&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
//	otpauth://hotp/LABEL?secret=SECRET&counter=0
//
// It is strict about everything that decides which codes are generated:
//
//   - the scheme must be otpauth (any case) and the URI at most 8 KiB;
//   - TYPE must be totp, hotp or steam (any case); totp with encoder=steam
//     is Steam, and any other encoder is rejected;
//   - secret is required and must be Base32 after NormalizeSecret;
//   - algorithm, if given, must be SHA1, SHA256 or SHA512 (any case, see
//     ParseAlgorithm);
//   - digits, if given, must be 6 to 10, or 5 for Steam;
//   - period, if given, must be 1 to 86400 seconds, or 30 for Steam;
//   - counter, for hotp, must be a decimal integer from 0 to 2^64-1. It
//     defaults to 0 when absent, as many exporters omit it for new keys;
//   - each of these parameters may appear at most once.
//
// Omitted parameters take the usual defaults (SHA1, 6 digits, 30 seconds);
// an empty value (digits=) counts as omitted. period is ignored for hotp
// and counter for totp and steam.
//
// It is liberal where real exports vary: parameter names in any case,
// unknown parameters (image=, color=, …) ignored, "+" or "%20" for a space,
// UTF-8 percent-encoding (Japanese issuers), a LABEL of "Issuer:Name",
// "Issuer: Name", "Issuer%3AName" or just "Name". The issuer parameter wins
// over the label's prefix when both are present. Issuer and name are
// trimmed of surrounding white space and must not contain control
// characters or be longer than 512 bytes.
func ParseURI(s string) (Account, error) {
	s = strings.TrimSpace(s)
	if len(s) > maxURILength {
		return Account{}, fmt.Errorf("%w: %d bytes long (limit %d)", ErrMalformedURI, len(s), maxURILength)
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || !strings.EqualFold(scheme, "otpauth") {
		if strings.EqualFold(scheme, "otpauth-migration") {
			return Account{}, fmt.Errorf("%w: otpauth-migration (google authenticator export) is a different format", ErrNotOTPAuth)
		}
		return Account{}, fmt.Errorf("%w: want otpauth://", ErrNotOTPAuth)
	}
	if !utf8.ValidString(rest) {
		return Account{}, fmt.Errorf("%w: not valid utf-8", ErrMalformedURI)
	}
	rest, _, _ = strings.Cut(rest, "#") // a fragment is never meaningful
	path, rawQuery, _ := strings.Cut(rest, "?")
	rawType, rawLabel, _ := strings.Cut(path, "/")

	typ, err := ParseType(rawType)
	if err != nil {
		return Account{}, err
	}

	params := make(map[string]string)
	for _, kv := range strings.Split(rawQuery, "&") {
		rawKey, rawVal, _ := strings.Cut(kv, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil {
			continue // cannot be a parameter we know
		}
		key = asciiLower(key)
		if !uriParams[key] {
			continue
		}
		val, err := url.QueryUnescape(rawVal)
		if err != nil {
			return Account{}, fmt.Errorf("%w: bad percent-encoding in %s", ErrMalformedURI, key)
		}
		if _, dup := params[key]; dup {
			return Account{}, fmt.Errorf("%w: %s given more than once", ErrMalformedURI, key)
		}
		params[key] = val
	}

	if enc := params["encoder"]; enc != "" {
		switch {
		case !strings.EqualFold(enc, "steam"):
			return Account{}, fmt.Errorf("%w: encoder=%q (only steam is known)", ErrUnknownType, clip(enc))
		case typ == HOTP:
			return Account{}, fmt.Errorf("%w: encoder=steam on an hotp uri", ErrUnknownType)
		}
		typ = Steam
	}

	secret, ok := params["secret"]
	if !ok || secret == "" {
		return Account{}, fmt.Errorf("%w: no secret parameter", ErrMissingSecret)
	}

	var alg Algorithm
	if v := params["algorithm"]; v != "" {
		if alg, err = ParseAlgorithm(v); err != nil {
			return Account{}, err
		}
	}
	var digits, period int
	if v := params["digits"]; v != "" {
		n, err := strconv.ParseUint(v, 10, 8)
		if err != nil || !isDecimal(v) || n == 0 {
			return Account{}, fmt.Errorf("%w: digits=%q (must be 6 to 10, or 5 for steam)", ErrBadDigits, clip(v))
		}
		digits = int(n)
	}
	var counter uint64
	if typ == HOTP {
		if v := params["counter"]; v != "" {
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil || !isDecimal(v) {
				return Account{}, fmt.Errorf("%w: counter=%q (must be an integer from 0 to 18446744073709551615)", ErrBadCounter, clip(v))
			}
			counter = n
		}
	} else if v := params["period"]; v != "" {
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil || !isDecimal(v) || n == 0 || n > maxPeriod {
			return Account{}, fmt.Errorf("%w: period=%q (must be 1 to 86400 seconds)", ErrBadPeriod, clip(v))
		}
		period = int(n)
	}

	key, err := NewKey(typ, secret, alg, digits, period, counter)
	if err != nil {
		return Account{}, err
	}

	label, err := url.QueryUnescape(rawLabel)
	if err != nil {
		return Account{}, fmt.Errorf("%w: bad percent-encoding in label", ErrMalformedURI)
	}
	issuer := trimSpace(params["issuer"])
	var name string
	if issuer != "" {
		// The label's prefix is normally the issuer again; the parameter
		// wins when they differ. Match the whole issuer first so that an
		// issuer containing ':' is not split.
		l := strings.TrimLeftFunc(label, unicode.IsSpace)
		if after, ok := strings.CutPrefix(l, issuer+":"); ok {
			name = after
		} else if _, after, ok := strings.Cut(label, ":"); ok {
			name = after
		} else {
			name = label
		}
	} else if before, after, ok := strings.Cut(label, ":"); ok {
		issuer, name = before, after
	} else {
		name = label
	}
	a := Account{Issuer: trimSpace(issuer), Name: trimSpace(name), Key: key}
	if err := checkText("issuer", a.Issuer); err != nil {
		return Account{}, err
	}
	if err := checkText("name", a.Name); err != nil {
		return Account{}, err
	}
	return a, nil
}

// URI returns the canonical otpauth:// URI for a, suitable for a QR code.
// Every parameter is written out explicitly, in a fixed order, with
// everything but unreserved ASCII percent-encoded:
//
//	otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Co&algorithm=SHA1&digits=6&period=30
//
// Steam keys are written as otpauth://steam/…, which apps without Steam
// support refuse rather than showing wrong codes. ParseURI(a.URI()) returns
// a again for every Account that ParseURI returns; the URI of an invalid
// Account is not meaningful.
func (a Account) URI() string {
	var b strings.Builder
	b.WriteString("otpauth://")
	b.WriteString(string(a.Key.Type))
	b.WriteByte('/')
	if a.Issuer != "" {
		b.WriteString(escape(a.Issuer))
		b.WriteByte(':')
	} else if strings.Contains(a.Name, ":") {
		// An empty issuer prefix keeps the name's own colon from being
		// read as the separator.
		b.WriteByte(':')
	}
	b.WriteString(escape(a.Name))
	b.WriteString("?secret=")
	b.WriteString(escape(a.Key.Secret))
	if a.Issuer != "" {
		b.WriteString("&issuer=")
		b.WriteString(escape(a.Issuer))
	}
	b.WriteString("&algorithm=")
	b.WriteString(escape(string(a.Key.Algorithm)))
	b.WriteString("&digits=")
	b.WriteString(strconv.Itoa(a.Key.Digits))
	if a.Key.Type == HOTP {
		b.WriteString("&counter=")
		b.WriteString(strconv.FormatUint(a.Key.Counter, 10))
	} else {
		b.WriteString("&period=")
		b.WriteString(strconv.Itoa(a.Key.Period))
	}
	return b.String()
}

// escape percent-encodes every byte except RFC 3986 unreserved characters.
// The result is valid both in a path and in a query.
func escape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// isDecimal reports whether s is non-empty and all ASCII digits
// (strconv.ParseUint alone would also accept "0x1F" with base 0, or "1_0").
func isDecimal(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// trimSpace trims Unicode white space, including U+3000.
func trimSpace(s string) string {
	return strings.TrimFunc(s, unicode.IsSpace)
}

// checkText validates a decoded issuer or name.
func checkText(field, s string) error {
	if len(s) > maxLabelLength {
		return fmt.Errorf("%w: %s is %d bytes long (limit %d)", ErrMalformedURI, field, len(s), maxLabelLength)
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("%w: %s is not valid utf-8", ErrMalformedURI, field)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Errorf("%w: control character in %s", ErrMalformedURI, field)
		}
	}
	return nil
}
