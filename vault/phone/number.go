package phone

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/unicode/norm"
)

// DefaultRegion is the region assumed for numbers written without a
// country code, such as 090-1234-5678.
const DefaultRegion = "JP"

// maxInput bounds the text Parse looks at; no phone number is this long.
const maxInput = 64

// E164 is a phone number in E.164 form: "+" and up to 15 digits, such as
// "+819012345678". It is the only form stored in the vault; a Number is
// derived from it when needed.
type E164 string

// String returns the number as stored.
func (e E164) String() string { return string(e) }

// Number parses e back into a Number, with its type and display forms. A
// stored E164 that no longer parses (damaged, or a range that was
// withdrawn) returns ErrInvalid.
func (e E164) Number() (Number, error) {
	if !strings.HasPrefix(string(e), "+") {
		return Number{}, fmt.Errorf("%w: stored number lacks a country code", ErrInvalid)
	}
	return Parse(string(e), "")
}

// Valid reports whether e is a valid number in canonical E.164 form.
func (e E164) Valid() bool {
	n, err := e.Number()
	return err == nil && n.E164 == e
}

// Kind is the type of a line, as the numbering plan tells it.
type Kind string

// Kinds of numbers. In Japan, 070/080/090 are mobile, 050 VoIP, 0120/0800
// toll free, 0570 a company's access number, and area codes such as 03
// fixed lines.
const (
	// KindMobile is a mobile line: it receives SMS.
	KindMobile Kind = "mobile"
	// KindFixed is a landline: no SMS.
	KindFixed Kind = "fixed"
	// KindFixedOrMobile is a number whose plan does not tell landlines
	// from mobiles (United States, Canada, …); taken as able to get SMS.
	KindFixedOrMobile Kind = "fixed-or-mobile"
	// KindVoIP is an internet telephony number (050 in Japan): SMS often
	// never arrives.
	KindVoIP Kind = "voip"
	// KindTollFree is a free-call number (0120, 0800).
	KindTollFree Kind = "toll-free"
	// KindPremium is a premium-rate number.
	KindPremium Kind = "premium-rate"
	// KindSharedCost is a shared-cost number.
	KindSharedCost Kind = "shared-cost"
	// KindPersonal is a personal number that forwards to another line.
	KindPersonal Kind = "personal"
	// KindPager is a pager number (020 in Japan).
	KindPager Kind = "pager"
	// KindUAN is a company's universal access number (0570 in Japan).
	KindUAN Kind = "uan"
	// KindVoicemail is a voicemail access number.
	KindVoicemail Kind = "voicemail"
	// KindUnknown is a valid number of a type the data does not give.
	KindUnknown Kind = "unknown"
)

// Number is a parsed, valid phone number.
type Number struct {
	// E164 is the canonical form, such as "+819012345678".
	E164 E164 `json:"e164"`
	// Region is the ISO 3166 region the number belongs to, such as "JP".
	Region string `json:"region"`
	// Kind is the type of line.
	Kind Kind `json:"kind"`
	// National is the number as dialled inside its country, such as
	// "090-1234-5678".
	National string `json:"national"`
	// International is the number as dialled from abroad, such as
	// "+81 90-1234-5678".
	International string `json:"international"`
}

// VoIP reports whether the number is an internet telephony number (050 in
// Japan). Many VoIP services cannot receive SMS, and services that send
// login codes often refuse them.
func (n Number) VoIP() bool { return n.Kind == KindVoIP }

// SMSUnsuitable reports whether SMS codes sent to this number are likely
// never to arrive: VoIP numbers, fixed lines, and the special ranges (toll
// free, premium rate, shared cost, UAN, pagers, voicemail). Mobile numbers,
// numbers the plan cannot tell from mobile, and personal numbers are
// suitable.
func (n Number) SMSUnsuitable() bool {
	switch n.Kind {
	case KindMobile, KindFixedOrMobile, KindPersonal, KindUnknown:
		return false
	}
	return true
}

// Display returns the form to show to a person: the national form for a
// number of region, the international form otherwise. Pass DefaultRegion,
// or the user's own region.
func (n Number) Display(region string) string {
	if strings.EqualFold(region, n.Region) {
		return n.National
	}
	return n.International
}

// Parse reads a phone number as a person types or pastes it and returns it
// with its E.164 form. Numbers without a country code are read in
// defaultRegion ("" means DefaultRegion, Japan). "090-1234-5678",
// "+81 90 1234 5678", "(090) 1234-5678", "tel:+81-90-1234-5678" and
// full-width "０９０－１２３４－５６７８" are all "+819012345678".
//
// Before parsing, the text is folded with Unicode NFKC and every kind of
// dash becomes a hyphen. Only digits, one leading "+", spaces, hyphens,
// dots, slashes and parentheses are accepted: letters (including vanity
// numbers such as 0120-ABC-DEF) and extensions are refused, because codes
// cannot be sent to them and they usually mean a typing mistake. The number
// must be valid for its region according to libphonenumber's data: the
// right length, in a range in use. Every refusal wraps ErrInvalid.
func Parse(input, defaultRegion string) (Number, error) {
	if defaultRegion == "" {
		defaultRegion = DefaultRegion
	}
	defaultRegion = strings.ToUpper(defaultRegion)
	if phonenumbers.GetCountryCodeForRegion(defaultRegion) == 0 {
		if len(defaultRegion) > 3 {
			defaultRegion = defaultRegion[:3] + "…"
		}
		return Number{}, fmt.Errorf("%w: unknown region %q", ErrInvalid, defaultRegion)
	}
	s, err := clean(input)
	if err != nil {
		return Number{}, err
	}
	pn, err := parse(s, defaultRegion)
	switch {
	case errors.Is(err, phonenumbers.ErrInvalidCountryCode):
		return Number{}, fmt.Errorf("%w: unknown country code", ErrInvalid)
	case errors.Is(err, phonenumbers.ErrTooShortNSN), errors.Is(err, phonenumbers.ErrTooShortAfterIDD):
		return Number{}, fmt.Errorf("%w: too short", ErrInvalid)
	case errors.Is(err, phonenumbers.ErrNumTooLong):
		return Number{}, fmt.Errorf("%w: too long", ErrInvalid)
	case err != nil:
		return Number{}, fmt.Errorf("%w: not a phone number", ErrInvalid)
	}
	if pn.GetExtension() != "" {
		return Number{}, fmt.Errorf("%w: has an extension", ErrInvalid)
	}
	switch phonenumbers.IsPossibleNumberWithReason(pn) {
	case phonenumbers.INVALID_COUNTRY_CODE:
		return Number{}, fmt.Errorf("%w: unknown country code", ErrInvalid)
	case phonenumbers.TOO_SHORT:
		return Number{}, fmt.Errorf("%w: too short", ErrInvalid)
	case phonenumbers.TOO_LONG:
		return Number{}, fmt.Errorf("%w: too long", ErrInvalid)
	case phonenumbers.INVALID_LENGTH:
		return Number{}, fmt.Errorf("%w: wrong number of digits", ErrInvalid)
	}
	if !phonenumbers.IsValidNumber(pn) {
		return Number{}, fmt.Errorf("%w: no such number range", ErrInvalid)
	}
	n := Number{
		E164:          E164(phonenumbers.Format(pn, phonenumbers.E164)),
		Region:        phonenumbers.GetRegionCodeForNumber(pn),
		Kind:          kindOf(phonenumbers.GetNumberType(pn)),
		National:      phonenumbers.Format(pn, phonenumbers.NATIONAL),
		International: phonenumbers.Format(pn, phonenumbers.INTERNATIONAL),
	}
	return n, nil
}

// parse calls libphonenumber, turning a panic on hostile input into an
// error: the library is large and its parser is not written for fuzzing.
func parse(s, region string) (pn *phonenumbers.PhoneNumber, err error) {
	defer func() {
		if recover() != nil {
			pn, err = nil, fmt.Errorf("%w: not a phone number", ErrInvalid)
		}
	}()
	return phonenumbers.Parse(s, region)
}

// clean folds input and checks that it holds only what a phone number is
// written with.
func clean(input string) (string, error) {
	if len(input) > 4*maxInput {
		return "", fmt.Errorf("%w: too long", ErrInvalid)
	}
	s := norm.NFKC.String(input)
	s = strings.TrimSpace(s)
	if len(s) >= 4 && strings.EqualFold(s[:4], "tel:") {
		s = s[4:]
	}
	var b strings.Builder
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
			b.WriteRune(r)
		case r == '+':
			if strings.TrimSpace(b.String()) != "" {
				return "", fmt.Errorf("%w: \"+\" may only come first", ErrInvalid)
			}
			b.WriteRune(r)
		case isDash(r):
			b.WriteByte('-')
		case unicode.IsSpace(r) || r == '.' || r == '/' || r == '(' || r == ')':
			b.WriteRune(r)
		case r == '\u200B' || r == '\uFEFF' || r == '\u00AD' || r == '\u2060':
			// invisible characters dragged along by copy and paste
		default:
			return "", fmt.Errorf("%w: contains characters other than digits", ErrInvalid)
		}
	}
	if digits == 0 {
		return "", fmt.Errorf("%w: no digits", ErrInvalid)
	}
	if b.Len() > maxInput {
		return "", fmt.Errorf("%w: too long", ErrInvalid)
	}
	return b.String(), nil
}

// isDash reports whether r is a hyphen or dash, including those Japanese
// input methods produce ("－", "ー", "‐").
func isDash(r rune) bool {
	switch r {
	case '-', '\u2212', '\u30FC', '\uFF70', '\uFE63':
		return true
	}
	return unicode.Is(unicode.Pd, r)
}

func kindOf(t phonenumbers.PhoneNumberType) Kind {
	switch t {
	case phonenumbers.MOBILE:
		return KindMobile
	case phonenumbers.FIXED_LINE:
		return KindFixed
	case phonenumbers.FIXED_LINE_OR_MOBILE:
		return KindFixedOrMobile
	case phonenumbers.VOIP:
		return KindVoIP
	case phonenumbers.TOLL_FREE:
		return KindTollFree
	case phonenumbers.PREMIUM_RATE:
		return KindPremium
	case phonenumbers.SHARED_COST:
		return KindSharedCost
	case phonenumbers.PERSONAL_NUMBER:
		return KindPersonal
	case phonenumbers.PAGER:
		return KindPager
	case phonenumbers.UAN:
		return KindUAN
	case phonenumbers.VOICEMAIL:
		return KindVoicemail
	}
	return KindUnknown
}
