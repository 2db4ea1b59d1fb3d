package usecase

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/otp"
)

// Text is m in c's language: the text of m.ID filled with m.Data, where a
// value that is itself a Message is put in as its own text first, and a
// []Message as their texts joined with the language's list separator.
func (m Message) Text(c *assets.Catalog) string {
	if len(m.Data) == 0 {
		return c.T(m.ID)
	}
	return c.T(m.ID, m.TextData(c))
}

// TextData is m.Data with the messages in it put in as their texts, for a
// front-end that fills a text of its own with them.
func (m Message) TextData(c *assets.Catalog) map[string]any {
	d := make(map[string]any, len(m.Data))
	for k, x := range m.Data {
		switch x := x.(type) {
		case Message:
			d[k] = x.Text(c)
		case []Message:
			parts := make([]string, len(x))
			for i, p := range x {
				parts[i] = p.Text(c)
			}
			d[k] = strings.Join(parts, c.T("msg.list_separator"))
		default:
			d[k] = x
		}
	}
	return d
}

// otpReasons are the otp package's errors with the reasons a person reads,
// most specific first.
var otpReasons = []struct {
	err error
	id  string
}{
	{otp.ErrNotOTPAuth, "msg.otp.not_otpauth"},
	{otp.ErrMalformedURI, "msg.otp.malformed"},
	{otp.ErrUnknownType, "msg.otp.unknown_type"},
	{otp.ErrMissingSecret, "msg.otp.missing_secret"},
	{otp.ErrBadSecret, "msg.otp.bad_secret"},
	{otp.ErrBadAlgorithm, "msg.otp.bad_algorithm"},
	{otp.ErrBadDigits, "msg.otp.bad_digits"},
	{otp.ErrBadPeriod, "msg.otp.bad_period"},
	{otp.ErrBadCounter, "msg.otp.bad_counter"},
	{otp.ErrNotTimeBased, "msg.otp.not_time_based"},
	{otp.ErrBadTime, "msg.otp.bad_time"},
}

// OTPReason is why the otp package refused a key, URI or time, as a
// person reads it; ok is false when err is none of its errors. The otp
// package's errors never hold the secret, and the reason never repeats
// what was typed.
func OTPReason(err error) (m Message, ok bool) {
	for _, r := range otpReasons {
		if errors.Is(err, r.err) {
			return Message{ID: r.id}, true
		}
	}
	return Message{}, false
}

// KeyReason is OTPReason for anything that should have been an
// authenticator key: a reason the otp package does not know is said as
// "could not be read as a key", never as Go's text, which might quote
// what was typed.
func KeyReason(err error) Message {
	if m, ok := OTPReason(err); ok {
		return m
	}
	return Message{ID: "msg.otp.other"}
}

// FormatName is an import format's name for a person.
func FormatName(f importer.Format) Message {
	switch f {
	case importer.FormatOTPAuth:
		return Message{ID: "msg.format.otpauth"}
	case importer.FormatGoogleMigration:
		return Message{ID: "msg.format.google_migration"}
	case importer.FormatQRImage:
		return Message{ID: "msg.format.qr_image"}
	case importer.FormatAegis:
		return Message{ID: "msg.format.aegis"}
	case importer.FormatTwoFAS:
		return Message{ID: "msg.format.twofas"}
	case importer.FormatEnteEncrypted:
		return Message{ID: "msg.format.ente_encrypted"}
	case importer.FormatBitwarden:
		return Message{ID: "msg.format.bitwarden"}
	case importer.FormatProton:
		return Message{ID: "msg.format.proton"}
	case importer.FormatKeePassCSV:
		return Message{ID: "msg.format.keepassxc_csv"}
	case importer.FormatKeePassXML:
		return Message{ID: "msg.format.keepassxc_xml"}
	case importer.FormatUnknown:
		return Message{ID: "msg.format.unknown"}
	}
	// The formats added since have their names in importer.json.
	return Message{ID: "import.format." + f.Key()}
}

// Percent writes a probability for a person: "0%", "0.0012%", "0.150%",
// "3.5%".
func Percent(p float64) string {
	switch {
	case p <= 0:
		return "0%"
	case p < 0.0001:
		return fmt.Sprintf("%.2g%%", 100*p)
	case p < 0.01:
		return fmt.Sprintf("%.3f%%", 100*p)
	}
	return fmt.Sprintf("%.1f%%", 100*p)
}
