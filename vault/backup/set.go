package backup

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// DefaultLowThreshold is how few unused codes make a set "low" unless the
// set says otherwise: with 3 codes left it is time to generate a new sheet.
const DefaultLowThreshold = 3

// Code is one backup code of a set.
type Code struct {
	// Code is the display form, as the service printed it (see Display).
	Code string `json:"code"`
	// Used is when the code was used, nil while it is still valid.
	Used *time.Time `json:"used,omitempty"`
}

// Compact is the code without the spaces its sheet grouped it with, for
// pasting into a login form that may limit its length ("0761 6392" becomes
// "07616392"). Hyphens are kept: services that print them, such as GitHub,
// accept them.
func (c Code) Compact() string { return strings.ReplaceAll(c.Code, " ", "") }

// IsUsed reports whether the code has been used.
func (c Code) IsUsed() bool { return c.Used != nil }

// Generation is one sheet of codes, as the service issued it. A service
// issues a new generation when the person asks for new codes, and the old
// generation stops working at that moment.
type Generation struct {
	// ID is random and identifies the generation for its whole life.
	ID string `json:"id"`
	// Number counts the generations of one account: 1 for the first sheet
	// recorded, 2 for the next, and so on.
	Number int `json:"number"`
	// Issued is when the sheet was recorded in Mamori.
	Issued time.Time `json:"issued"`
	// Voided is when a newer sheet replaced this one; nil for the current
	// generation.
	Voided *time.Time `json:"voided,omitempty"`
	// CaseSensitive says whether the service tells upper from lower case in
	// these codes. It is set when the sheet mixes both and its codes are not
	// all hexadecimal; otherwise a code is matched whatever its case.
	CaseSensitive bool `json:"case_sensitive,omitempty"`
	// Codes are in the order of the sheet.
	Codes []Code `json:"codes"`
}

// Remaining is the number of codes not yet used.
func (g Generation) Remaining() int {
	n := 0
	for _, c := range g.Codes {
		if !c.IsUsed() {
			n++
		}
	}
	return n
}

// Find returns the 1-based position in the sheet of code, typed in any of
// its forms (see Set.Use), or 0 when the sheet does not hold it.
func (g Generation) Find(code string) int { return g.index(code) + 1 }

// index returns the position of the code whose canonical form is that of
// code, or -1.
func (g Generation) index(code string) int {
	k := Canonical(code, g.CaseSensitive)
	for i, c := range g.Codes {
		if Canonical(c.Code, g.CaseSensitive) == k {
			return i
		}
	}
	return -1
}

// Set is the backup codes of one account: the current generation, and the
// generations it replaced, kept as void history so that a code from an old
// sheet is recognised as void rather than unknown.
//
// The zero Set has no codes; Replace gives it its first generation. Set is
// stored in the vault as JSON. Its methods either succeed or leave the set
// exactly as it was. A Set copied by value shares its codes with the
// original; use Clone before changing a copy.
type Set struct {
	// Current is the sheet in use, nil until the first Replace.
	Current *Generation `json:"current,omitempty"`
	// History holds the replaced generations, oldest first, all void.
	History []Generation `json:"history,omitempty"`
	// LowThreshold is how few unused codes make the set low (see Low); 0
	// means DefaultLowThreshold. Change it with SetLowThreshold.
	LowThreshold int `json:"low_threshold,omitempty"`
}

// UsedError is returned by Set.Use for a code that was used before. It
// wraps ErrAlreadyUsed.
type UsedError struct {
	// Number is the code's 1-based position in its sheet.
	Number int
	// When is when it was used.
	When time.Time
}

// Error says which code (by position, never by value) was used and when.
func (e *UsedError) Error() string {
	return fmt.Sprintf("%v: code %d was used on %s", ErrAlreadyUsed, e.Number, e.When.Format(time.RFC3339))
}

// Unwrap returns ErrAlreadyUsed.
func (e *UsedError) Unwrap() error { return ErrAlreadyUsed }

// VoidError is returned by Set.Use for a code of a replaced sheet. It wraps
// ErrVoid.
type VoidError struct {
	// Generation is the Number of the sheet the code belongs to.
	Generation int
	// Voided is when that sheet was replaced.
	Voided time.Time
	// Used is when the code was used, if it was used before the sheet was
	// replaced.
	Used *time.Time
}

// Error says which sheet the code belongs to and when it was replaced.
func (e *VoidError) Error() string {
	return fmt.Sprintf("%v: it belongs to sheet %d, replaced on %s", ErrVoid, e.Generation, e.Voided.Format(time.RFC3339))
}

// Unwrap returns ErrVoid.
func (e *VoidError) Unwrap() error { return ErrVoid }

// IsZero reports whether the set has never held codes and has default
// settings, so that a vault can omit it (json "omitzero").
func (s Set) IsZero() bool {
	return s.Current == nil && len(s.History) == 0 && s.LowThreshold == 0
}

// Clone returns a deep copy of s.
func (s Set) Clone() Set {
	c := Set{LowThreshold: s.LowThreshold}
	if s.Current != nil {
		g := s.Current.clone()
		c.Current = &g
	}
	for _, g := range s.History {
		c.History = append(c.History, g.clone())
	}
	return c
}

func (g Generation) clone() Generation {
	c := g
	c.Voided = cloneTime(g.Voided)
	c.Codes = make([]Code, len(g.Codes))
	for i, k := range g.Codes {
		c.Codes[i] = Code{Code: k.Code, Used: cloneTime(k.Used)}
	}
	return c
}

func cloneTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := *t
	return &u
}

// Replace records a new sheet of codes, typically from ParseSheet. The
// current generation, if any, becomes void history (its codes are kept, with
// when they were used) and the new codes become the current generation,
// all unused, issued at now.
//
// Each code is stored in display form (see Display) and must be MinCodeLen to
// MaxCodeLen ASCII letters and digits once spaces and hyphens are removed
// (ErrInvalidCode). The list must not be empty (ErrNoCodes), hold more than
// MaxCodes codes (ErrTooLarge), contain a code twice (ErrDuplicateCode), or
// contain a code already recorded, current or void (ErrKnownCode: pasting an
// old sheet again must not revive its codes). On error nothing changes.
func (s *Set) Replace(codes []string, now time.Time) error {
	if len(codes) == 0 {
		return fmt.Errorf("%w: the new sheet is empty", ErrNoCodes)
	}
	if len(codes) > MaxCodes {
		return fmt.Errorf("%w: %d codes (limit %d)", ErrTooLarge, len(codes), MaxCodes)
	}
	display := make([]string, len(codes))
	for i, c := range codes {
		display[i] = Display(c)
		if !validCanonical(Canonical(display[i], true)) {
			return fmt.Errorf("%w: code %d must be %d to %d letters and digits", ErrInvalidCode, i+1, MinCodeLen, MaxCodeLen)
		}
	}
	g := Generation{
		ID:            newID(),
		Number:        1,
		Issued:        now.UTC(),
		CaseSensitive: caseSensitive(display),
		Codes:         make([]Code, len(display)),
	}
	seen := make(map[string]int, len(display))
	for i, c := range display {
		k := Canonical(c, g.CaseSensitive)
		if j, dup := seen[k]; dup {
			return fmt.Errorf("%w: codes %d and %d are the same", ErrDuplicateCode, j+1, i+1)
		}
		seen[k] = i
		g.Codes[i] = Code{Code: c}
	}
	for _, old := range s.generations() {
		for i, c := range display {
			if old.index(c) >= 0 {
				return fmt.Errorf("%w: code %d of the new sheet is in sheet %d", ErrKnownCode, i+1, old.Number)
			}
		}
		if old.Number >= g.Number {
			g.Number = old.Number + 1
		}
	}
	if s.Current != nil {
		old := *s.Current
		t := now.UTC()
		old.Voided = &t
		s.History = append(s.History, old)
	}
	s.Current = &g
	return nil
}

// generations returns the current generation, then the history newest first.
func (s Set) generations() []Generation {
	var gs []Generation
	if s.Current != nil {
		gs = append(gs, *s.Current)
	}
	for i := len(s.History) - 1; i >= 0; i-- {
		gs = append(gs, s.History[i])
	}
	return gs
}

// Use marks code used at now. The code may be typed in any of its forms
// (spaces, hyphens, full width, and any case unless the set is
// case-sensitive).
//
// A code used before returns a *UsedError (ErrAlreadyUsed) saying when; a
// code from a replaced sheet returns a *VoidError (ErrVoid); a code that is
// not the account's returns ErrUnknownCode, and any code given to a set
// without a current sheet returns ErrNoCodes. In all these cases nothing
// changes.
func (s *Set) Use(code string, now time.Time) error {
	if s.Current != nil {
		if i := s.Current.index(code); i >= 0 {
			c := &s.Current.Codes[i]
			if c.Used != nil {
				return &UsedError{Number: i + 1, When: *c.Used}
			}
			t := now.UTC()
			c.Used = &t
			return nil
		}
	}
	for i := len(s.History) - 1; i >= 0; i-- {
		g := s.History[i]
		if j := g.index(code); j >= 0 {
			e := &VoidError{Generation: g.Number, Used: cloneTime(g.Codes[j].Used)}
			if g.Voided != nil {
				e.Voided = *g.Voided
			}
			return e
		}
	}
	if s.Current == nil {
		return fmt.Errorf("%w: the account has no backup codes yet", ErrNoCodes)
	}
	return fmt.Errorf("%w: not one of the account's %d codes", ErrUnknownCode, len(s.Current.Codes))
}

// NextUnused returns the first unused code of the current sheet, the one to
// copy when a service asks for a backup code. ok is false when none is left.
func (s Set) NextUnused() (c Code, ok bool) {
	if s.Current == nil {
		return Code{}, false
	}
	for _, c := range s.Current.Codes {
		if !c.IsUsed() {
			return c, true
		}
	}
	return Code{}, false
}

// UseNext marks the next unused code of the current sheet used at now and
// returns it with its 1-based position in the sheet: the one action of a
// person who copies a code to log in with. A set without a current sheet
// returns ErrNoCodes, a sheet whose codes are all used ErrNoneLeft; then
// nothing changes.
func (s *Set) UseNext(now time.Time) (c Code, number int, err error) {
	if s.Current == nil {
		return Code{}, 0, fmt.Errorf("%w: the account has no backup codes yet", ErrNoCodes)
	}
	for i := range s.Current.Codes {
		k := &s.Current.Codes[i]
		if k.Used == nil {
			t := now.UTC()
			k.Used = &t
			return Code{Code: k.Code, Used: cloneTime(k.Used)}, i + 1, nil
		}
	}
	return Code{}, 0, fmt.Errorf("%w: all %d codes are used", ErrNoneLeft, len(s.Current.Codes))
}

// Remaining is the number of unused codes in the current sheet.
func (s Set) Remaining() int {
	if s.Current == nil {
		return 0
	}
	return s.Current.Remaining()
}

// Total is the number of codes in the current sheet, used or not.
func (s Set) Total() int {
	if s.Current == nil {
		return 0
	}
	return len(s.Current.Codes)
}

// Threshold is the number of unused codes at or below which the set is low:
// LowThreshold, or DefaultLowThreshold when that is 0.
func (s Set) Threshold() int {
	if s.LowThreshold == 0 {
		return DefaultLowThreshold
	}
	return s.LowThreshold
}

// Low reports whether the set has a current sheet with Threshold or fewer
// unused codes: time to generate a new sheet while a code is still there to
// log in with. A set without codes is not low; it is empty, which a
// readiness report treats separately.
func (s Set) Low() bool {
	return s.Current != nil && s.Remaining() <= s.Threshold()
}

// SetLowThreshold sets how few unused codes make the set low; 0 restores
// DefaultLowThreshold. n must be 0 to MaxCodes (ErrBadThreshold).
func (s *Set) SetLowThreshold(n int) error {
	if n < 0 || n > MaxCodes {
		return fmt.Errorf("%w: %d (allowed 0 to %d)", ErrBadThreshold, n, MaxCodes)
	}
	s.LowThreshold = n
	return nil
}

// Validate checks a set read from storage: every code of every generation is
// a valid code, no sheet holds a code twice, generation numbers increase,
// history is void and the threshold is in range. Errors wrap ErrDamaged.
func (s Set) Validate() error {
	if s.LowThreshold < 0 || s.LowThreshold > MaxCodes {
		return fmt.Errorf("%w: threshold %d", ErrDamaged, s.LowThreshold)
	}
	last := 0
	gs := append([]Generation(nil), s.History...)
	if s.Current != nil {
		gs = append(gs, *s.Current)
	}
	for i, g := range gs {
		current := s.Current != nil && i == len(gs)-1
		switch {
		case g.Number <= last:
			return fmt.Errorf("%w: sheet number %d after %d", ErrDamaged, g.Number, last)
		case current && g.Voided != nil:
			return fmt.Errorf("%w: the current sheet is marked void", ErrDamaged)
		case !current && g.Voided == nil:
			return fmt.Errorf("%w: replaced sheet %d is not marked void", ErrDamaged, g.Number)
		case len(g.Codes) == 0 || len(g.Codes) > MaxCodes:
			return fmt.Errorf("%w: sheet %d has %d codes", ErrDamaged, g.Number, len(g.Codes))
		}
		last = g.Number
		seen := make(map[string]bool, len(g.Codes))
		for j, c := range g.Codes {
			k := Canonical(c.Code, g.CaseSensitive)
			if !validCanonical(Canonical(c.Code, true)) || seen[k] {
				return fmt.Errorf("%w: sheet %d, code %d", ErrDamaged, g.Number, j+1)
			}
			seen[k] = true
		}
	}
	return nil
}

func newID() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b)
}
