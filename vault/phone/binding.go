package phone

import (
	"fmt"
	"strings"
	"time"
)

// Role is what an account uses a phone number for.
type Role string

// Roles. A number may have several roles for one account.
const (
	// RoleSMS: the service sends login or verification codes by SMS. The
	// case this package exists for: lose the line and you may lose the
	// account.
	RoleSMS Role = "sms"
	// RoleVoice: the service reads codes out in a voice call.
	RoleVoice Role = "voice"
	// RoleBackup: a second number registered as a fallback, to which codes
	// go when the main one fails.
	RoleBackup Role = "backup"
	// RoleRecoveryContact: the number support uses to confirm it is you, or
	// to which a reset link is sent; no codes in daily use.
	RoleRecoveryContact Role = "recovery-contact"
)

// Roles lists every role, in the order a form should offer them.
var Roles = []Role{RoleSMS, RoleVoice, RoleBackup, RoleRecoveryContact}

// ParseRole returns the role named s (any case, "_" for "-"), such as the
// value of a --role flag. An unknown name returns ErrUnknownRole.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-"))
	if !r.Valid() {
		return "", fmt.Errorf("%w: %q (use sms, voice, backup or recovery-contact)", ErrUnknownRole, s)
	}
	return r, nil
}

// Valid reports whether r is one of the defined roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// receivesCodes reports whether codes are delivered to the number in this
// role, so that losing the line means losing a way in.
func (r Role) receivesCodes() bool {
	return r == RoleSMS || r == RoleVoice || r == RoleBackup
}

// textsCodes reports whether codes usually come to the number in this role
// by SMS: the SMS number, and the backup number to which they go when the
// main one fails. Only a voice-only role is fine on a number that cannot
// take SMS.
func (r Role) textsCodes() bool {
	return r == RoleSMS || r == RoleBackup
}

// Binding records that an account uses a phone number in a role.
type Binding struct {
	// Number is the number in E.164 form.
	Number E164 `json:"number"`
	// Role is what the account uses it for.
	Role Role `json:"role"`
	// Since is when the binding was recorded (or, if known, when the
	// number was registered with the service).
	Since time.Time `json:"since,omitzero"`
}

// waysIn reports whether the binding is a way to get a code: a role that
// receives codes, except a backup number that cannot take SMS (a VoIP
// number, a landline or a special range), which is flagged by Readiness
// instead of being trusted as a fallback. A number that no longer parses
// is taken at its role.
func (b Binding) waysIn() bool {
	if !b.Role.receivesCodes() {
		return false
	}
	if b.Role != RoleBackup {
		return true
	}
	n, err := b.Number.Number()
	return err != nil || !(n.VoIP() || n.SMSUnsuitable())
}

// Bind returns bs with b added, unless bs already binds the same number in
// the same role; added reports which. Use it for "phone bind", so binding
// twice is harmless.
func Bind(bs []Binding, b Binding) (out []Binding, added bool) {
	for _, x := range bs {
		if x.Number == b.Number && x.Role == b.Role {
			return bs, false
		}
	}
	return append(bs, b), true
}

// Unbind returns bs without the bindings of number (in role, or in every
// role if role is ""), and how many were removed.
func Unbind(bs []Binding, number E164, role Role) (out []Binding, removed int) {
	out = make([]Binding, 0, len(bs))
	for _, b := range bs {
		if b.Number == number && (role == "" || b.Role == role) {
			removed++
			continue
		}
		out = append(out, b)
	}
	return out, removed
}

// Move returns bs with every binding of old moved to new, keeping its role,
// as after updating an account to a new number; since is the new bindings'
// Since. Where the account already binds new in that role, the old binding
// is simply dropped. moved counts the old bindings handled.
func Move(bs []Binding, old, new E164, since time.Time) (out []Binding, moved int) {
	out, _ = Unbind(bs, old, "")
	for _, b := range bs {
		if b.Number != old {
			continue
		}
		moved++
		out, _ = Bind(out, Binding{Number: new, Role: b.Role, Since: since.UTC()})
	}
	return out, moved
}
