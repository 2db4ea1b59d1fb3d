// Package recovery keeps, per account, what a service's support will ask
// before giving back an account whose every login factor is lost, and turns
// it into a ready-to-send recovery request in Japanese or English.
//
// When the password, the authenticator, the phone and the backup codes are
// all gone, support is the last way in, and support decides by comparing
// what the person states with what the account holds: user number, public
// name, when and from which provider the account was registered, the codes
// printed at sign-up, the 2FA methods set up, and, for shops, the address on
// file and the last digits of the card. Nobody remembers these years later;
// this package keeps them while they are at hand.
//
// Info is stored in the encrypted vault with the account. Request formats a
// letter from it, listing only the details that are filled in.
package recovery

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Sentinel errors returned by Info.Validate, for translation. Messages add
// the field's JSON name in lower case.
var (
	// ErrCardDigits means CardLast4 is not exactly four digits. The field
	// refuses more so that a full card number is never stored by mistake.
	ErrCardDigits = errors.New("recovery: card field takes the last 4 digits only")
	// ErrBadURL means SupportURL is not an http or https address.
	ErrBadURL = errors.New("recovery: support url must be an http or https address")
	// ErrTooLong means a field is longer than MaxFieldLen (MaxNotesLen for
	// Notes and Address), or a list has more than MaxListLen entries.
	ErrTooLong = errors.New("recovery: field too long")
)

// Limits on the fields of Info.
const (
	MaxFieldLen = 500  // characters in a one-line field
	MaxNotesLen = 5000 // characters in Notes or Address
	MaxListLen  = 50   // entries in a list field
)

// 2FA methods with a known name, for Info.TwoFactorMethods. Other values are
// allowed and shown as written.
const (
	MethodTOTP        = "totp"         // authenticator app codes
	MethodSMS         = "sms"          // codes by SMS
	MethodVoice       = "voice"        // codes by voice call
	MethodEmail       = "email"        // codes or links by e-mail
	MethodBackupCodes = "backup-codes" // single-use backup codes
	MethodGridCard    = "grid-card"    // a printed grid card (乱数表)
	MethodSecurityKey = "security-key" // a FIDO/U2F key or passkey
	MethodPush        = "push"         // approval in the service's own app
)

// Info is what support may ask to confirm that an account is yours. Every
// field is optional; fill in what you know, even approximately (a
// registration date such as "spring 2016" is better than none).
//
// There is deliberately no password field, and none may be added. Support
// never needs the password to verify you, and honest services tell you
// never to send it. A recovery request travels by e-mail or web form, where
// a password does not belong. And keeping a copy here, beside everything
// else an attacker would need to take the account over, would turn this
// safety net into the best target on the machine. If the password is lost,
// the service resets it; that is what this information is for.
//
// Likewise Info holds no TOTP secret, backup code or grid card: those live
// in their own, separately protected parts of the vault and are never put
// into a recovery request.
type Info struct {
	// UserName is the user name chosen at registration, when it differs
	// from the login ID the account is filed under (some services keep a
	// registration name and a separate login-only name).
	UserName string `json:"user_name,omitempty"`
	// UserNumber is the service's number for the account (ユーザーNo.,
	// member number, customer number).
	UserNumber string `json:"user_number,omitempty"`
	// PublicName is the name others see (公開名, display name, nickname).
	PublicName string `json:"public_name,omitempty"`
	// RegisteredName is the real name on file.
	RegisteredName string `json:"registered_name,omitempty"`
	// LoginEmail is the e-mail address used to log in or registered.
	LoginEmail string `json:"login_email,omitempty"`
	// Address is the postal address on file.
	Address string `json:"address,omitempty"`
	// CardLast4 is the last 4 digits of the payment card on file; never
	// more (Validate refuses more).
	CardLast4 string `json:"card_last4,omitempty"`
	// Registered is when the account was created, as precisely as known:
	// "2016-04-12", "April 2016", "2016年春".
	Registered string `json:"registered,omitempty"`
	// AccountCode is the account-specific code some services issue at
	// registration (アカウント固有のコード).
	AccountCode string `json:"account_code,omitempty"`
	// OwnerCode is the account owner code (アカウント所有者コード).
	OwnerCode string `json:"owner_code,omitempty"`
	// InvitationKeys are invitation or referral keys used with the account.
	InvitationKeys []string `json:"invitation_keys,omitempty"`
	// RegisterProviders are the internet providers or lines (and the
	// company or school, if any) used when registering.
	RegisterProviders []string `json:"register_providers,omitempty"`
	// LoginProviders are the providers or lines used to log in since.
	LoginProviders []string `json:"login_providers,omitempty"`
	// TwoFactorMethods are the 2FA methods registered: the Method*
	// constants, or free text.
	TwoFactorMethods []string `json:"two_factor_methods,omitempty"`
	// SupportPhone is the support line, as written by the service,
	// including any menu choice ("0120-000-000, then 7").
	SupportPhone string `json:"support_phone,omitempty"`
	// SupportHours are the support line's opening hours.
	SupportHours string `json:"support_hours,omitempty"`
	// SupportURL is the support or recovery form's address.
	SupportURL string `json:"support_url,omitempty"`
	// Notes is anything else worth telling support: when the account was
	// last used, what happened, profile details.
	Notes string `json:"notes,omitempty"`
}

// IsZero reports whether nothing but white space is filled in, so that a
// vault can omit empty recovery details (json "omitzero").
func (i Info) IsZero() bool {
	c := i.Clean()
	return c.isEmpty() && c.SupportPhone == "" && c.SupportHours == "" && c.SupportURL == ""
}

// isEmpty reports whether a cleaned Info has nothing to tell support.
func (i Info) isEmpty() bool {
	return i.UserName == "" && i.UserNumber == "" && i.PublicName == "" && i.RegisteredName == "" &&
		i.LoginEmail == "" && i.Address == "" && i.CardLast4 == "" && i.Registered == "" &&
		i.AccountCode == "" && i.OwnerCode == "" && len(i.InvitationKeys) == 0 &&
		len(i.RegisterProviders) == 0 && len(i.LoginProviders) == 0 && len(i.TwoFactorMethods) == 0 && i.Notes == ""
}

// Clean returns i tidied for storage: surrounding white space trimmed,
// control characters removed (line breaks are kept in Address and Notes),
// empty list entries and duplicates dropped, and CardLast4 folded to
// half-width digits. Call it before Validate and before storing.
func (i Info) Clean() Info {
	c := Info{
		UserName:          line(i.UserName),
		UserNumber:        line(i.UserNumber),
		PublicName:        line(i.PublicName),
		RegisteredName:    line(i.RegisteredName),
		LoginEmail:        line(i.LoginEmail),
		Address:           block(i.Address),
		CardLast4:         line(norm.NFKC.String(i.CardLast4)),
		Registered:        line(i.Registered),
		AccountCode:       line(i.AccountCode),
		OwnerCode:         line(i.OwnerCode),
		InvitationKeys:    list(i.InvitationKeys),
		RegisterProviders: list(i.RegisterProviders),
		LoginProviders:    list(i.LoginProviders),
		TwoFactorMethods:  list(i.TwoFactorMethods),
		SupportPhone:      line(i.SupportPhone),
		SupportHours:      line(i.SupportHours),
		SupportURL:        line(i.SupportURL),
		Notes:             block(i.Notes),
	}
	return c
}

// Validate checks a cleaned Info: CardLast4 empty or exactly 4 digits
// (ErrCardDigits), SupportURL empty or http(s) (ErrBadURL), and every field
// and list within the limits (ErrTooLong).
func (i Info) Validate() error {
	if i.CardLast4 != "" {
		d := norm.NFKC.String(i.CardLast4)
		if len(d) != 4 || strings.Trim(d, "0123456789") != "" {
			return fmt.Errorf("%w: card_last4", ErrCardDigits)
		}
	}
	if i.SupportURL != "" {
		u, err := url.Parse(i.SupportURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%w: support_url", ErrBadURL)
		}
	}
	for name, v := range map[string]string{
		"user_name": i.UserName, "user_number": i.UserNumber, "public_name": i.PublicName,
		"registered_name": i.RegisteredName, "login_email": i.LoginEmail, "registered": i.Registered,
		"account_code": i.AccountCode, "owner_code": i.OwnerCode, "support_phone": i.SupportPhone,
		"support_hours": i.SupportHours, "support_url": i.SupportURL,
	} {
		if utf8.RuneCountInString(v) > MaxFieldLen {
			return fmt.Errorf("%w: %s", ErrTooLong, name)
		}
	}
	for name, v := range map[string]string{"address": i.Address, "notes": i.Notes} {
		if utf8.RuneCountInString(v) > MaxNotesLen {
			return fmt.Errorf("%w: %s", ErrTooLong, name)
		}
	}
	for name, l := range map[string][]string{
		"invitation_keys": i.InvitationKeys, "register_providers": i.RegisterProviders,
		"login_providers": i.LoginProviders, "two_factor_methods": i.TwoFactorMethods,
	} {
		if len(l) > MaxListLen {
			return fmt.Errorf("%w: %s", ErrTooLong, name)
		}
		for _, v := range l {
			if utf8.RuneCountInString(v) > MaxFieldLen {
				return fmt.Errorf("%w: %s", ErrTooLong, name)
			}
		}
	}
	return nil
}

// line makes s a single trimmed line: control characters and line breaks
// become spaces, runs of spaces collapse.
func line(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// block trims each line of s, drops control characters other than line
// breaks, and removes leading and trailing blank lines.
func block(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		lines = append(lines, line(l))
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// list cleans each entry and drops empty ones and repeats.
func list(l []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range l {
		v = line(v)
		if v == "" || seen[v] {
			continue
		}
		seen[v] = true
		out = append(out, v)
	}
	return out
}
