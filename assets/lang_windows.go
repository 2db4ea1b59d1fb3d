package assets

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// systemLanguage is the user's locale name on Windows, such as "ja-JP", from
// GetUserDefaultLocaleName; "" when it cannot be read.
func systemLanguage() string {
	proc := windows.NewLazySystemDLL("kernel32.dll").NewProc("GetUserDefaultLocaleName")
	if proc.Find() != nil {
		return ""
	}
	const localeNameMaxLength = 85 // LOCALE_NAME_MAX_LENGTH
	var buf [localeNameMaxLength]uint16
	n, _, _ := proc.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
	if n == 0 {
		return ""
	}
	return windows.UTF16ToString(buf[:])
}
