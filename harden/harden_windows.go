package harden

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows"
)

// othersMayOnly is what the process's own user (other than administrators
// and SYSTEM) may still do to it: wait for it, ask its name, end it.
const othersMayOnly = windows.SYNCHRONIZE | windows.PROCESS_QUERY_LIMITED_INFORMATION | windows.PROCESS_TERMINATE

func process() error {
	// No "this program has stopped working" dialog from Windows Error
	// Reporting, and no dialogs for missing disks.
	windows.SetErrorMode(windows.SEM_FAILCRITICALERRORS | windows.SEM_NOGPFAULTERRORBOX | windows.SEM_NOOPENFILEERRORBOX)
	return restrictProcessAccess()
}

// restrictProcessAccess replaces the process's access list with one that
// lets the user only wait for, query and end it, lets SYSTEM do anything,
// and gives the owner nothing beyond reading the list (OWNER RIGHTS), so a
// same-user program cannot first grant itself more.
func restrictProcessAccess() error {
	var errs []error
	user, err := currentUser()
	if err != nil {
		return fmt.Errorf("restrict access to the process: %w", err)
	}
	system, err := windows.CreateWellKnownSid(windows.WinLocalSystemSid)
	if err != nil {
		return fmt.Errorf("restrict access to the process: %w", err)
	}
	owner, err := windows.CreateWellKnownSid(windows.WinCreatorOwnerRightsSid)
	if err != nil {
		return fmt.Errorf("restrict access to the process: %w", err)
	}
	entry := func(sid *windows.SID, mask windows.ACCESS_MASK) windows.EXPLICIT_ACCESS {
		return windows.EXPLICIT_ACCESS{
			AccessPermissions: mask,
			AccessMode:        windows.SET_ACCESS,
			Inheritance:       windows.NO_INHERITANCE,
			Trustee: windows.TRUSTEE{
				TrusteeForm:  windows.TRUSTEE_IS_SID,
				TrusteeType:  windows.TRUSTEE_IS_USER,
				TrusteeValue: windows.TrusteeValueFromSID(sid),
			},
		}
	}
	acl, err := windows.ACLFromEntries([]windows.EXPLICIT_ACCESS{
		entry(user, othersMayOnly),
		entry(system, windows.PROCESS_ALL_ACCESS),
		entry(owner, windows.READ_CONTROL),
	}, nil)
	if err != nil {
		return fmt.Errorf("restrict access to the process: %w", err)
	}
	err = windows.SetSecurityInfo(windows.CurrentProcess(), windows.SE_KERNEL_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, acl, nil)
	if err != nil {
		errs = append(errs, fmt.Errorf("restrict access to the process: %w", err))
	}
	return errors.Join(errs...)
}

// currentUser is the SID of the user the process runs as.
func currentUser() (*windows.SID, error) {
	tok := windows.GetCurrentProcessToken()
	u, err := tok.GetTokenUser()
	if err != nil {
		return nil, fmt.Errorf("read the process's user: %w", err)
	}
	return u.User.Sid, nil
}
