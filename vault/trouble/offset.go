package trouble

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// ParseOffset reads an account's clock offset as a person types it: whole
// seconds with an optional sign, full-width too, with or without a unit
// ("30", "+30", "-15", "－１５", "30s", "30 秒"). Anything else, or an
// offset beyond MaxClockOffset, is ErrBadOffset.
func ParseOffset(s string) (int, error) {
	t := strings.TrimSpace(norm.NFKC.String(s))
	for _, unit := range []string{"秒", "s", "sec"} {
		if u, ok := strings.CutSuffix(strings.ToLower(t), unit); ok {
			t = strings.TrimSpace(u)
			break
		}
	}
	t = strings.Replace(t, "−", "-", 1) // minus sign
	n, err := strconv.Atoi(strings.TrimPrefix(t, "+"))
	if err != nil || strings.HasPrefix(t, "+-") || strings.HasPrefix(t, "+ ") {
		return 0, fmt.Errorf("%w: %q is not a whole number of seconds", ErrBadOffset, clip(s))
	}
	if err := ValidateOffset(n); err != nil {
		return 0, err
	}
	return n, nil
}
