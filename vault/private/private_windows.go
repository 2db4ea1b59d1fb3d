package private

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

// restrict replaces path's access-control list with one that grants the
// current user full control and no one else anything, and stops it from
// inheriting entries from its folder (PROTECTED_DACL). A folder's entry is
// inherited by what is later created in it.
func restrict(path string) error {
	sid, err := currentUser()
	if err != nil {
		return err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	inherit := uint32(windows.NO_INHERITANCE)
	if fi.IsDir() {
		inherit = windows.SUB_CONTAINERS_AND_OBJECTS_INHERIT
	}
	acl, err := ownerOnly(sid, inherit)
	if err != nil {
		return err
	}
	return windows.SetNamedSecurityInfo(path, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION,
		nil, nil, acl, nil)
}

// check reads path's access-control list back: private means every entry
// that allows anything, inherited or not, allows the current user alone.
func check(path string) error {
	sid, err := currentUser()
	if err != nil {
		return err
	}
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return fmt.Errorf("reading the access list of %s: %w", path, err)
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return fmt.Errorf("reading the access list of %s: %w", path, err)
	}
	if dacl == nil {
		return fmt.Errorf("%s has no access list: everyone may open it", path)
	}
	others, err := othersIn(dacl, sid)
	if err != nil {
		return fmt.Errorf("reading the access list of %s: %w", path, err)
	}
	if len(others) > 0 {
		return fmt.Errorf("%s is open to others: %s", path, strings.Join(others, ", "))
	}
	return nil
}

// currentUser is the security identifier of the user the process runs as.
func currentUser() (*windows.SID, error) {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, fmt.Errorf("finding the current user: %w", err)
	}
	return u.User.Sid, nil
}

// ownerOnly is an access list granting sid full control and no one else
// anything; inherit says whether what a folder holds inherits the entry.
func ownerOnly(sid *windows.SID, inherit uint32) (*windows.ACL, error) {
	acl, err := windows.ACLFromEntries([]windows.EXPLICIT_ACCESS{{
		AccessPermissions: windows.GENERIC_ALL,
		AccessMode:        windows.SET_ACCESS,
		Inheritance:       inherit,
		Trustee: windows.TRUSTEE{
			TrusteeForm:  windows.TRUSTEE_IS_SID,
			TrusteeType:  windows.TRUSTEE_IS_USER,
			TrusteeValue: windows.TrusteeValueFromSID(sid),
		},
	}}, nil)
	if err != nil {
		return nil, fmt.Errorf("building the access list: %w", err)
	}
	return acl, nil
}

// othersIn lists the identifiers, other than sid, that an entry of dacl
// allows anything.
func othersIn(dacl *windows.ACL, sid *windows.SID) ([]string, error) {
	var others []string
	for i := range uint32(dacl.AceCount) {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			return nil, fmt.Errorf("entry %d: %w", i, err)
		}
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE {
			continue // a deny entry takes nothing away from privacy
		}
		if who := (*windows.SID)(unsafe.Pointer(&ace.SidStart)); !who.Equals(sid) {
			others = append(others, who.String())
		}
	}
	return others, nil
}

// verifiable says why Check cannot see what Restrict did: Wine 8 accepts an
// access list for a file and reports success, but keeps none; it shows
// SYSTEM, the user and Everyone, made up from the Unix mode, whatever was
// set. Wine is recognised by the wine_get_version export of its ntdll.
func verifiable() error {
	if windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil {
		return errors.New("under Wine, which keeps no access lists for files (Wine 8: SetNamedSecurityInfo succeeds, and the list read back is made up from the Unix mode)")
	}
	return nil
}
