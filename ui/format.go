package ui

import (
	"math"
	"strings"
	"time"
)

// groupCode splits a code in two groups for reading aloud and typing:
// "123456" → "123 456", "12345678" → "1234 5678", "1234567" → "123 4567".
// Codes of five characters or fewer (Steam) are short enough to stay whole.
func groupCode(code string) string {
	r := []rune(code)
	if len(r) <= 5 {
		return code
	}
	half := len(r) / 2
	return string(r[:half]) + " " + string(r[half:])
}

// hiddenCode is a placeholder as wide as a grouped code of n digits.
func hiddenCode(n int) string {
	if n <= 0 {
		n = 6
	}
	return groupCode(strings.Repeat("•", n))
}

// secondsLeft rounds a remaining validity up to whole seconds, as a countdown
// shows it: 29.2 s left is "30", 0.4 s left is "1".
func secondsLeft(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int(math.Ceil(d.Seconds()))
}
