package importer

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/mamori-app/mamori/vault/otp"
)

// An otpauth:// link read from an export is checked for the damage a file
// cut off in the middle (a copy that stopped, a paste that lost its end)
// leaves behind, before otp.ParseURI fills the gaps with defaults:
//
//   - an HOTP link without a counter is an error, as Aegis makes it: the
//     counter is the key's state, and guessing 0 for a key at 10,300 gives
//     codes the server never accepts;
//   - a link whose last parameter is cut (…&dig, …&digits, …&digits=) is
//     an error naming the parameter, not a 6-digit, 30-second key.
//
// Ente Auth writes what its app shows beside the key in a codeDisplay
// parameter (JSON: {"pinned":…,"trashed":…,…}); a link marked trashed is
// skipped like KeePass's recycle bin.

// linkParams are the parameters whose loss changes the key.
var linkParams = []string{"secret", "issuer", "algorithm", "digits", "period", "counter"}

// CutOffError is the error for an otpauth:// link that ends inside a
// parameter. It wraps ErrCutOff.
type CutOffError struct {
	// Param is the parameter the link ends in: secret, issuer,
	// algorithm, digits, period or counter.
	Param string
	// Empty is set when the name is whole but the value is missing
	// ("digits="); otherwise the link ends inside or after the name.
	Empty bool
}

func (e *CutOffError) Error() string {
	if e.Empty {
		return fmt.Sprintf("%v: its %s parameter has no value", ErrCutOff, e.Param)
	}
	return fmt.Sprintf("%v: it ends inside the %s parameter", ErrCutOff, e.Param)
}

func (e *CutOffError) Unwrap() error { return ErrCutOff }

// checkLink returns an error wrapping ErrCutOff or ErrNoCounter when s, an
// otpauth:// link, was cut off or is HOTP without a counter.
func checkLink(s string) error {
	s = strings.TrimSpace(s)
	if !hasPrefixFold(s, "otpauth://") {
		return nil
	}
	rest, _, _ := strings.Cut(s[len("otpauth://"):], "#")
	path, rawQuery, hasQuery := strings.Cut(rest, "?")
	typ, _, _ := strings.Cut(path, "/")
	if !hasQuery {
		return nil // no secret: otp.ParseURI says so
	}
	kvs := strings.Split(rawQuery, "&")
	last := kvs[len(kvs)-1]
	name, val, hasEq := strings.Cut(last, "=")
	name = strings.ToLower(name)
	if name != "" {
		for _, p := range linkParams {
			switch {
			case !hasEq && strings.HasPrefix(p, name):
				return &CutOffError{Param: p}
			case hasEq && val == "" && name == p && p != "issuer":
				return &CutOffError{Param: p, Empty: true}
			}
		}
	}
	if strings.EqualFold(typ, "hotp") {
		for _, kv := range kvs {
			k, v, _ := strings.Cut(kv, "=")
			if strings.EqualFold(k, "counter") && v != "" {
				return nil
			}
		}
		return fmt.Errorf("%w: hotp", ErrNoCounter)
	}
	return nil
}

// parseLink reads one otpauth:// link of an export: checkLink, then
// otp.ParseURI.
func parseLink(s string) (otp.Account, error) {
	if err := checkLink(s); err != nil {
		return otp.Account{}, err
	}
	return otp.ParseURI(s)
}

// linkTrashed reports whether an otpauth:// link carries Ente Auth's
// codeDisplay parameter with "trashed": true.
func linkTrashed(s string) bool {
	_, rawQuery, ok := strings.Cut(s, "?")
	if !ok {
		return false
	}
	rawQuery, _, _ = strings.Cut(rawQuery, "#")
	for kv := range strings.SplitSeq(rawQuery, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if !strings.EqualFold(k, "codeDisplay") {
			continue
		}
		js, err := url.QueryUnescape(v)
		if err != nil {
			return false
		}
		var d struct {
			Trashed bool `json:"trashed"`
		}
		return json.Unmarshal([]byte(js), &d) == nil && d.Trashed
	}
	return false
}
