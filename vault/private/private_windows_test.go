package private

import (
	"testing"

	"golang.org/x/sys/windows"
)

// TestOwnerOnlyACL checks the access list Restrict sets, as built, since Wine
// cannot show it once set: one entry, allowing the current user everything.
func TestOwnerOnlyACL(t *testing.T) {
	me, err := currentUser()
	if err != nil {
		t.Fatal(err)
	}
	for _, inherit := range []uint32{windows.NO_INHERITANCE, windows.SUB_CONTAINERS_AND_OBJECTS_INHERIT} {
		acl, err := ownerOnly(me, inherit)
		if err != nil {
			t.Fatal(err)
		}
		if acl.AceCount != 1 {
			t.Fatalf("%d entries, want 1", acl.AceCount)
		}
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(acl, 0, &ace); err != nil {
			t.Fatal(err)
		}
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE || ace.Mask&windows.GENERIC_ALL == 0 {
			t.Errorf("entry type %d mask %#x: not 'allow everything'", ace.Header.AceType, ace.Mask)
		}
		if others, err := othersIn(acl, me); err != nil || len(others) > 0 {
			t.Errorf("others in the list: %v, %v", others, err)
		}
		everyone, _ := windows.StringToSid("S-1-1-0")
		if others, _ := othersIn(acl, everyone); len(others) != 1 {
			t.Errorf("othersIn does not see the user as another when asked about Everyone: %v", others)
		}
	}
}
