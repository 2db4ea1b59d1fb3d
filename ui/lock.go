package ui

import "runtime/debug"

// forgetVault drops what the window still holds of the vault once it is
// locked, beyond the vault itself (lock drops that): the list's rows, which
// keep the accounts they last showed, the group headings, the last add and
// edit forms, the accounts' service matches (keyed by issuer and name). Go
// cannot wipe its strings in place, so the freed memory is then handed back
// to the system, which gives the pages back zeroed: a core file or a memory
// reader no longer finds the secrets there.
func (v *view) forgetVault() {
	old := v.list
	v.list = newAccountList(v)
	v.list.Resize(old.Size())
	v.headings, v.groups, v.groupOf = nil, nil, nil
	v.addDialog, v.addForm, v.editForm = nil, nil, nil
	if v.services != nil {
		// Each account's service match is keyed by its issuer and name.
		v.services.matches = map[string]accountMatch{}
	}
	v.copiedCode = ""
	debug.FreeOSMemory()
}
