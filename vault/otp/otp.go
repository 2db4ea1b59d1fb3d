package otp

import (
	"fmt"
	"strings"
	"time"

	potp "github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
)

// Type is the kind of one-time password a Key generates.
type Type string

const (
	// TOTP is a time-based one-time password (RFC 6238): a new numeric code
	// every Period seconds.
	TOTP Type = "totp"
	// HOTP is a counter-based one-time password (RFC 4226): a new numeric
	// code each time the counter is advanced.
	HOTP Type = "hotp"
	// Steam is Steam Guard's variant of TOTP: SHA1, 30 seconds, and 5
	// characters from the alphabet "23456789BCDFGHJKMNPQRTVWXY".
	Steam Type = "steam"
)

// Algorithm is the HMAC hash function a Key uses.
type Algorithm string

const (
	// SHA1 is HMAC-SHA-1, the default and by far the most common.
	SHA1 Algorithm = "SHA1"
	// SHA256 is HMAC-SHA-256.
	SHA256 Algorithm = "SHA256"
	// SHA512 is HMAC-SHA-512.
	SHA512 Algorithm = "SHA512"
)

// Defaults and limits.
const (
	defaultDigits      = 6
	steamDigits        = 5
	minDigits          = 6
	maxDigits          = 10
	defaultPeriod      = 30
	maxPeriod          = 24 * 60 * 60 // one day, in seconds
	steamPeriod        = defaultPeriod
	maxSecretBase32Len = 1024 // 640 bytes of key, ten times a SHA-512 block
)

// Key is everything needed to generate one account's codes. It is stored in
// the vault as JSON; the JSON field names are part of the vault format.
//
// A Key is a plain value: build one with NewKey or ParseURI, which normalise
// and validate, rather than with a composite literal. Key methods validate
// the Key again before use, so a corrupted vault entry yields an error, not a
// wrong code.
type Key struct {
	// Type is TOTP, HOTP or Steam.
	Type Type `json:"type"`
	// Secret is the shared key in normalised Base32: upper case A–Z and
	// 2–7, no padding, no spaces.
	Secret string `json:"secret"`
	// Algorithm is SHA1, SHA256 or SHA512; always SHA1 for Steam.
	Algorithm Algorithm `json:"algorithm"`
	// Digits is the code length: 6 to 10 for TOTP and HOTP, 5 for Steam.
	Digits int `json:"digits"`
	// Period is the code lifetime in seconds (1 to 86400) for TOTP and
	// Steam (always 30 for Steam), and 0 for HOTP.
	Period int `json:"period,omitempty"`
	// Counter is the next HOTP counter to use; 0 for TOTP and Steam.
	Counter uint64 `json:"counter,omitempty"`
}

// ParseType parses "totp", "hotp" or "steam", in any case.
func ParseType(s string) (Type, error) {
	switch t := Type(asciiLower(strings.TrimSpace(s))); t {
	case TOTP, HOTP, Steam:
		return t, nil
	}
	return "", fmt.Errorf("%w: %q (want totp, hotp or steam)", ErrUnknownType, clip(s))
}

// ParseAlgorithm parses an HMAC algorithm name liberally: any case, with or
// without a hyphen, underscore or space, and with or without an "Hmac"
// prefix, so "sha1", "SHA-256", "HmacSHA512" and "hmac-sha-256" are all
// accepted. MD5 and anything else is rejected with ErrBadAlgorithm.
func ParseAlgorithm(s string) (Algorithm, error) {
	n := strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == '_' || r == ' ':
			return -1
		case 'A' <= r && r <= 'Z':
			return r + ('a' - 'A')
		}
		return r
	}, s)
	n = strings.TrimPrefix(n, "hmac")
	switch n {
	case "sha1":
		return SHA1, nil
	case "sha256":
		return SHA256, nil
	case "sha512":
		return SHA512, nil
	}
	return "", fmt.Errorf("%w: %q (want SHA1, SHA256 or SHA512)", ErrBadAlgorithm, clip(s))
}

// NewKey builds a Key from loosely typed input, such as a form the user
// filled in by hand, and validates it.
//
// typ and alg are parsed liberally (see ParseType and ParseAlgorithm) and
// secret is normalised with NormalizeSecret. Zero values take defaults: alg
// SHA1, digits 6 (5 for Steam), period 30. period is ignored for HOTP and
// counter is ignored for TOTP and Steam, so a form may pass whatever its
// fields hold. Steam keys always use SHA1, 5 characters and 30 seconds; any
// other explicit value is an error rather than being silently replaced.
func NewKey(typ Type, secret string, alg Algorithm, digits, period int, counter uint64) (Key, error) {
	t, err := ParseType(string(typ))
	if err != nil {
		return Key{}, err
	}
	s, err := NormalizeSecret(secret)
	if err != nil {
		return Key{}, err
	}
	k := Key{Type: t, Secret: s, Algorithm: SHA1, Digits: digits, Period: period, Counter: counter}
	if alg != "" {
		if k.Algorithm, err = ParseAlgorithm(string(alg)); err != nil {
			return Key{}, err
		}
	}
	if k.Digits == 0 {
		k.Digits = defaultDigits
		if t == Steam {
			k.Digits = steamDigits
		}
	}
	if t == HOTP {
		k.Period = 0
	} else {
		k.Counter = 0
		if k.Period == 0 {
			k.Period = defaultPeriod
		}
	}
	if err := k.Validate(); err != nil {
		return Key{}, err
	}
	return k, nil
}

// Validate reports whether k is a complete, canonical key: a known type, a
// normalised non-empty Base32 secret, a known algorithm (exactly SHA1,
// SHA256 or SHA512), digits 6 to 10 (5 for Steam), period 1 to 86400 seconds
// for TOTP (30 for Steam, 0 for HOTP), and no counter unless HOTP.
func (k Key) Validate() error {
	switch k.Type {
	case TOTP, HOTP, Steam:
	default:
		return fmt.Errorf("%w: %q (want totp, hotp or steam)", ErrUnknownType, clip(string(k.Type)))
	}
	if err := checkSecret(k.Secret); err != nil {
		return err
	}
	switch k.Algorithm {
	case SHA1, SHA256, SHA512:
	default:
		return fmt.Errorf("%w: %q (want SHA1, SHA256 or SHA512)", ErrBadAlgorithm, clip(string(k.Algorithm)))
	}
	if k.Type == Steam {
		if k.Algorithm != SHA1 {
			return fmt.Errorf("%w: %s (steam uses SHA1)", ErrBadAlgorithm, k.Algorithm)
		}
		if k.Digits != steamDigits {
			return fmt.Errorf("%w: digits=%d (steam uses 5)", ErrBadDigits, k.Digits)
		}
		if k.Period != steamPeriod {
			return fmt.Errorf("%w: period=%d (steam uses 30)", ErrBadPeriod, k.Period)
		}
	} else if k.Digits < minDigits || k.Digits > maxDigits {
		return fmt.Errorf("%w: digits=%d (must be 6 to 10)", ErrBadDigits, k.Digits)
	}
	switch k.Type {
	case TOTP:
		if k.Period < 1 || k.Period > maxPeriod {
			return fmt.Errorf("%w: period=%d (must be 1 to 86400 seconds)", ErrBadPeriod, k.Period)
		}
	case HOTP:
		if k.Period != 0 {
			return fmt.Errorf("%w: period=%d (hotp keys have no period)", ErrBadPeriod, k.Period)
		}
	}
	if k.Type != HOTP && k.Counter != 0 {
		return fmt.Errorf("%w: counter=%d (only hotp keys have a counter)", ErrBadCounter, k.Counter)
	}
	return nil
}

// Code returns the TOTP or Steam code valid at time t. It returns
// ErrNotTimeBased for an HOTP key and ErrBadTime for times before 1970.
//
// The code is HOTP(floor(t.Unix() / Period)), so a code for time t stays
// valid until t + k.Remaining(t).
func (k Key) Code(t time.Time) (string, error) {
	if err := k.Validate(); err != nil {
		return "", err
	}
	if k.Type == HOTP {
		return "", fmt.Errorf("%w: hotp codes come from the counter", ErrNotTimeBased)
	}
	u := t.Unix()
	if u < 0 {
		return "", fmt.Errorf("%w: %s", ErrBadTime, t.UTC().Format(time.RFC3339))
	}
	return k.generate(uint64(u) / uint64(k.Period))
}

// HOTP returns the code for the given counter value (RFC 4226), using k's
// algorithm and digits. It works for every type: for a TOTP or Steam key it
// is the code of time step counter, with Steam's alphabet for Steam keys.
//
// HOTP does not advance k.Counter; the caller stores counter+1 (before
// showing the code) so that a code is never shown twice.
func (k Key) HOTP(counter uint64) (string, error) {
	if err := k.Validate(); err != nil {
		return "", err
	}
	return k.generate(counter)
}

// Remaining returns how long the code for time t stays valid: a duration in
// (0, Period seconds]. It returns 0 for HOTP keys, invalid keys and times
// before 1970.
func (k Key) Remaining(t time.Time) time.Duration {
	if k.Type == HOTP || k.Validate() != nil {
		return 0
	}
	u := t.Unix()
	if u < 0 {
		return 0
	}
	p := int64(k.Period)
	elapsed := time.Duration(u%p)*time.Second + time.Duration(t.Nanosecond())
	return time.Duration(p)*time.Second - elapsed
}

// generate computes the code for counter c. k must be valid.
func (k Key) generate(c uint64) (string, error) {
	opts := hotp.ValidateOpts{Digits: potp.Digits(k.Digits), Algorithm: potp.AlgorithmSHA1}
	switch k.Algorithm {
	case SHA256:
		opts.Algorithm = potp.AlgorithmSHA256
	case SHA512:
		opts.Algorithm = potp.AlgorithmSHA512
	}
	if k.Type == Steam {
		opts.Encoder = potp.EncoderSteam
	}
	code, err := hotp.GenerateCodeCustom(k.Secret, c, opts)
	if err != nil {
		// Unreachable for a valid key; never echo the secret.
		return "", fmt.Errorf("%w: cannot decode base32", ErrBadSecret)
	}
	return code, nil
}

// asciiLower lower-cases ASCII letters only, so that look-alike non-ASCII
// letters (such as the Kelvin sign) never match a keyword.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

// clip shortens user input quoted in error messages.
func clip(s string) string {
	const max = 32
	if len(s) <= max {
		return s
	}
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}
