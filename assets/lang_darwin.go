package assets

import (
	"context"
	"os/exec"
	"strings"
	"time"
)

// systemLanguage is the first of the person's preferred languages on macOS
// (System Settings → General → Language & Region), such as "ja-JP", read with
// `defaults read -g AppleLanguages`, else the region's locale (AppleLocale,
// such as "ja_JP"); "" when neither can be read. Not tested here: macOS
// cannot be built or run on the Linux machines Mamori is tested on.
func systemLanguage() string {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "defaults", "read", "-g", "AppleLanguages").Output(); err == nil {
		if lang := firstAppleLanguage(string(out)); lang != "" {
			return lang
		}
	}
	if out, err := exec.CommandContext(ctx, "defaults", "read", "-g", "AppleLocale").Output(); err == nil {
		return strings.TrimSpace(string(out))
	}
	return ""
}
