package usecase

import "fmt"

// Percent writes a probability for a person, the same in both front-ends
// and every language: "0%", "0.0012%", "0.150%", "3.5%".
func Percent(p float64) string {
	switch {
	case p <= 0:
		return "0%"
	case p < 0.0001:
		return fmt.Sprintf("%.2g%%", 100*p)
	case p < 0.01:
		return fmt.Sprintf("%.3f%%", 100*p)
	}
	return fmt.Sprintf("%.1f%%", 100*p)
}
