package assets

import "strings"

// firstAppleLanguage reads the first entry of the property list `defaults`
// prints for AppleLanguages: `(\n    "ja-JP",\n    "en-US"\n)`.
func firstAppleLanguage(plist string) string {
	for _, line := range strings.Split(plist, "\n") {
		line = strings.Trim(strings.TrimSpace(line), `",`)
		if line != "" && line != "(" && line != ")" {
			return line
		}
	}
	return ""
}
