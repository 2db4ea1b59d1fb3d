package importer

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/mamori-app/mamori/vault/otp"
)

// otpField reads a field that password managers fill with whatever the
// user pasted for two-factor codes (Bitwarden's login.totp, KeePassXC's
// otp attribute and TOTP column, Proton's uri):
//
//   - an otpauth:// URI;
//   - steam://SECRET, Bitwarden's and Proton's form for Steam Guard;
//   - key=SECRET&step=30&size=6&otpHashMode=sha256, the KeeOTP form that
//     KeePassXC also reads;
//   - a bare Base32 secret, meaning TOTP, SHA1, 6 digits, 30 seconds.
//
// issuer and name fill in what a URI leaves empty (the entry's title and
// user name). Errors never contain the field's content.
func otpField(s, issuer, name string) (otp.Account, error) {
	s = strings.TrimSpace(s)
	var a otp.Account
	switch {
	case hasPrefixFold(s, "otpauth-migration:"):
		return otp.Account{}, fmt.Errorf("%w: a google authenticator export cannot be a single entry", otp.ErrNotOTPAuth)
	case hasPrefixFold(s, "otpauth:"):
		var err error
		if a, err = parseLink(s); err != nil {
			return otp.Account{}, err
		}
	case hasPrefixFold(s, "steam://"):
		k, err := otp.NewKey(otp.Steam, s[len("steam://"):], "", 0, 0, 0)
		if err != nil {
			return otp.Account{}, err
		}
		a.Key = k
		if strings.TrimSpace(issuer) == "" {
			issuer = "Steam"
		}
	case strings.Contains(s, "key="):
		k, err := keeOTP(s)
		if err != nil {
			return otp.Account{}, err
		}
		a.Key = k
	default:
		k, err := otp.NewKey(otp.TOTP, s, "", 0, 0, 0)
		if err != nil {
			return otp.Account{}, err
		}
		a.Key = k
	}
	if strings.TrimSpace(a.Issuer) == "" {
		a.Issuer = issuer
	}
	if strings.TrimSpace(a.Name) == "" {
		a.Name = name
	}
	return a, nil
}

// keeOTP parses KeeOTP's "key=SECRET&step=30&size=6&otpHashMode=sha1"
// (type=hotp with counter= for HOTP).
func keeOTP(s string) (otp.Key, error) {
	q, err := url.ParseQuery(s)
	if err != nil {
		return otp.Key{}, fmt.Errorf("%w: bad key=… settings", otp.ErrMalformedURI)
	}
	num := func(name string, sentinel error) (int, error) {
		v := q.Get(name)
		if v == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%w: %s is not a number", sentinel, name)
		}
		return n, nil
	}
	typ := otp.TOTP
	if strings.EqualFold(q.Get("type"), "hotp") {
		typ = otp.HOTP
	}
	step, err := num("step", otp.ErrBadPeriod)
	if err != nil {
		return otp.Key{}, err
	}
	size, err := num("size", otp.ErrBadDigits)
	if err != nil {
		return otp.Key{}, err
	}
	counter, err := num("counter", otp.ErrBadCounter)
	if err != nil {
		return otp.Key{}, err
	}
	return otp.NewKey(typ, q.Get("key"), otp.Algorithm(q.Get("otpHashMode")), size, step, uint64(counter))
}

// keyFields builds a key from the separate fields of an app's own export
// (Aegis, 2FAS). typ is the app's type name in any case; "" means TOTP.
// Zero numbers mean the usual defaults. Steam keys ignore the algorithm,
// digits and period the app recorded (some write SHA1/6/30, some 5),
// since Steam Guard has only one setting.
func keyFields(typ, secret, alg string, digits, period int, counter int64) (otp.Key, error) {
	t := otp.TOTP
	if typ != "" {
		var err error
		if t, err = otp.ParseType(typ); err != nil {
			return otp.Key{}, err
		}
	}
	if counter < 0 {
		return otp.Key{}, fmt.Errorf("%w: negative counter", otp.ErrBadCounter)
	}
	if t == otp.Steam {
		return otp.NewKey(t, secret, "", 0, 0, 0)
	}
	return otp.NewKey(t, secret, otp.Algorithm(alg), digits, period, uint64(counter))
}
