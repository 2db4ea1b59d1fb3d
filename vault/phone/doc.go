// Package phone keeps track of the phone numbers and devices an account's
// codes go to, and warns before a change of number or handset locks the
// person out.
//
// The failure it exists for: a service keeps sending its login SMS to a
// number the person gave up, and changing the number on file requires that
// very SMS. Nobody notices until the old line is gone, and then only support
// can help, after days or months. The cure is cheap if applied in time:
// before the old line stops, log in to every account still bound to it and
// move it to the new number. This package computes that list.
//
// # Numbers
//
// Parse turns what a person types (national or international format,
// full-width digits, any dashes) into a Number with its E.164 form, the only
// form stored, using Google's libphonenumber data. Invalid numbers are
// refused. Numbers that cannot receive SMS codes reliably are flagged: VoIP
// numbers (in Japan, 050) and landlines.
//
// # Bindings, changes and risk
//
// A Binding says that an account uses a number in a Role: SMS codes, voice
// calls, a backup number, or a recovery contact. A Change records that a
// number is being replaced: the old and new numbers, the date, and how long
// the old line still works. Risk takes every account's bindings and every
// change and returns the checklist: each account still bound to a number
// that is gone or going, most urgent first. Ticking an account off
// (Change.MarkDone) removes it from the list.
//
// Devices work the same way. A Device is a handset or an authenticator app;
// a DeviceChange records a new handset or a reinstalled app, and DeviceRisk
// lists the accounts whose codes lived on the old one.
//
// Readiness looks for single points of failure before anything changes:
// accounts that depend on one phone with nothing to fall back on, services
// that want two registered devices but have one, SMS codes sent to numbers
// that cannot receive them, and backup codes running out.
//
// # Independence
//
// The package does not know the vault. Its inputs are AccountBindings
// values, which the caller fills from its accounts, and its outputs carry
// account IDs. All values are plain data with JSON tags, stored in the
// vault. Every error wraps one of the exported sentinel errors, for
// translation; no error message contains a phone number.
package phone
