package usecase

import "testing"

func TestPercent(t *testing.T) {
	for _, tc := range []struct {
		p    float64
		want string
	}{
		{0, "0%"},
		{-1, "0%"},
		{0.000001, "0.0001%"},
		{0.0015, "0.150%"},
		{0.035, "3.5%"},
		{1, "100.0%"},
	} {
		if got := Percent(tc.p); got != tc.want {
			t.Errorf("Percent(%g) = %q, want %q", tc.p, got, tc.want)
		}
	}
}
