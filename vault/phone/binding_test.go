package phone

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseRole(t *testing.T) {
	for in, want := range map[string]Role{"sms": RoleSMS, "SMS": RoleSMS, " voice ": RoleVoice, "backup": RoleBackup, "recovery-contact": RoleRecoveryContact, "recovery_contact": RoleRecoveryContact} {
		if got, err := ParseRole(in); err != nil || got != want {
			t.Errorf("ParseRole(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "email", "totp"} {
		if _, err := ParseRole(in); !errors.Is(err, ErrUnknownRole) {
			t.Errorf("ParseRole(%q) = %v", in, err)
		}
	}
}

func TestBindUnbindMove(t *testing.T) {
	var bs []Binding
	bs, added := Bind(bs, Binding{Number: oldMobile, Role: RoleSMS, Since: changed})
	if !added {
		t.Fatal("first bind not added")
	}
	if _, added := Bind(bs, Binding{Number: oldMobile, Role: RoleSMS}); added {
		t.Fatal("same binding added twice")
	}
	bs, _ = Bind(bs, Binding{Number: oldMobile, Role: RoleRecoveryContact})
	bs, _ = Bind(bs, Binding{Number: newMobile, Role: RoleSMS})
	bs, _ = Bind(bs, Binding{Number: home, Role: RoleVoice})

	moved, n := Move(bs, oldMobile, newMobile, at(day))
	want := []Binding{
		{Number: newMobile, Role: RoleSMS}, // already there: kept as it was
		{Number: home, Role: RoleVoice},
		{Number: newMobile, Role: RoleRecoveryContact, Since: at(day)},
	}
	if n != 2 || !reflect.DeepEqual(moved, want) {
		t.Fatalf("Move = %d %+v", n, moved)
	}
	if len(bs) != 4 {
		t.Fatal("Move changed its input")
	}
	left, removed := Unbind(bs, oldMobile, RoleSMS)
	if removed != 1 || len(left) != 3 {
		t.Fatalf("Unbind one role: %d %+v", removed, left)
	}
	left, removed = Unbind(bs, oldMobile, "")
	if removed != 2 || len(left) != 2 {
		t.Fatalf("Unbind all roles: %d %+v", removed, left)
	}
}
