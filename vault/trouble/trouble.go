// Package trouble is Mamori's "I can't log in" assistant: it turns what
// Mamori knows about an account into a short checklist for the symptom the
// person reports, and holds the small tools those checklists use.
//
//   - CheckInput finds what the eye misses in an ID or password: full-width
//     characters, stray spaces (U+3000 and NBSP too), zero-width and control
//     characters, look-alikes (Cyrillic а for Latin a, ロ for 口, ー for -),
//     and notes on case. It never keeps the text.
//   - Lockout records when a service locked an account after wrong
//     passwords and says when the lock should lift (one hour unless the
//     account says otherwise).
//   - CheckClock compares this computer's clock with an NTP server, but
//     only the one the caller names: no server is ever contacted by
//     default, because the server learns the computer's IP address and that
//     it checked. An account's ClockOffset shifts the time its codes are
//     made for (Shift, Codes).
//   - Flow builds the checklist of a Symptom for an Account in Japanese or
//     English from the guide texts in assets/guides, which are data, not
//     code: flows.json orders the steps, <lang>/*.json hold the words.
//   - Events keep an account's history (lockouts, ticked breach steps), and
//     ErrorNotes its person's notes on error codes, beside the codes known
//     in advance (rate limit, redirect failure, server error).
//
// The package does not depend on the vault: the caller copies what a flow
// needs into an Account. It has no user interface.
package trouble

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors, for callers to translate.
var (
	// ErrUnknownSymptom means a symptom name is not one of Symptoms.
	ErrUnknownSymptom = errors.New("trouble: unknown symptom")
	// ErrMissingText means a guide lacks a text a flow needs: a defect in
	// assets/guides that the tests catch.
	ErrMissingText = errors.New("trouble: guide text missing")
	// ErrBadGuide means a guide file cannot be read or names an unknown
	// condition or fact list.
	ErrBadGuide = errors.New("trouble: guide data is not valid")
	// ErrNoServer means CheckClock was called without a server: none is
	// ever chosen for the caller.
	ErrNoServer = errors.New("trouble: no time server given")
	// ErrClockCheck means the time server did not answer, or its answer
	// cannot be trusted.
	ErrClockCheck = errors.New("trouble: clock check failed")
	// ErrBadOffset means a clock offset is beyond MaxClockOffset.
	ErrBadOffset = errors.New("trouble: clock offset out of range")
	// ErrBadDuration means a lockout duration is not positive or beyond
	// MaxLockoutDuration.
	ErrBadDuration = errors.New("trouble: lockout duration out of range")
	// ErrBadTime means a lockout would end before it starts.
	ErrBadTime = errors.New("trouble: lockout ends before it starts")
	// ErrEmptyCode means an error note has no code once normalised.
	ErrEmptyCode = errors.New("trouble: empty error code")
	// ErrEmptyNote means an error note has no text.
	ErrEmptyNote = errors.New("trouble: empty error note")
	// ErrTooLong means an error code, note or event detail is too long.
	ErrTooLong = errors.New("trouble: text too long")
	// ErrNoSuchNote means no error note has the given code.
	ErrNoSuchNote = errors.New("trouble: no note for that error code")
	// ErrNotTickable means a breach checklist step cannot be ticked: it
	// does not exist or is advice only.
	ErrNotTickable = errors.New("trouble: no such step to tick")
)

// Symptom is what the person reports.
type Symptom string

// The symptoms a flow exists for.
const (
	// WrongCredentials: the site says the ID or password is wrong.
	WrongCredentials Symptom = "wrong-credentials"
	// Locked: the account is locked after wrong passwords.
	Locked Symptom = "locked"
	// CodeRejected: a one-time code (authenticator, backup code, grid card,
	// SMS) is refused.
	CodeRejected Symptom = "code-rejected"
	// SMSOldNumber: the login code goes by SMS to a number the person no
	// longer has.
	SMSOldNumber Symptom = "sms-old-number"
	// LostEverything: every way in is lost; only support can help.
	LostEverything Symptom = "lost-everything"
	// Breached: the service was breached, or someone else logged in.
	Breached Symptom = "breached"
	// ErrorCode: the site shows an error code.
	ErrorCode Symptom = "error-code"
)

// Symptoms lists every symptom, in the order a person meets them.
var Symptoms = []Symptom{WrongCredentials, Locked, CodeRejected, SMSOldNumber, LostEverything, Breached, ErrorCode}

// ParseSymptom reads a symptom name in any case, with "_" or "-".
func ParseSymptom(s string) (Symptom, error) {
	n := Symptom(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-"))
	for _, sym := range Symptoms {
		if sym == n {
			return sym, nil
		}
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownSymptom, clip(s))
}

// Languages the guides are written in.
const (
	English  = "en"
	Japanese = "ja"
)

// Languages lists the languages every guide exists in.
var Languages = []string{English, Japanese}

// Lang maps a language tag to a guide language: Japanese for anything
// starting with "ja", English otherwise.
func Lang(tag string) string {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(tag)), "ja") {
		return Japanese
	}
	return English
}

// clip shortens text quoted in an error message.
func clip(s string) string {
	const max = 32
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}
