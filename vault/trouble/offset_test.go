package trouble

import (
	"errors"
	"testing"
)

func TestParseOffset(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"30", 30, true},
		{" +30 ", 30, true},
		{"-15", -15, true},
		{"－１５", -15, true},
		{"＋９０", 90, true},
		{"−20", -20, true},
		{"30s", 30, true},
		{"30 秒", 30, true},
		{"45 sec", 45, true},
		{"0", 0, true},
		{"86400", MaxClockOffset, true},
		{"-86400", -MaxClockOffset, true},
		{"86401", 0, false},
		{"", 0, false},
		{"ー", 0, false},
		{"1.5", 0, false},
		{"+-3", 0, false},
		{"abc", 0, false},
		{"30m", 0, false},
	} {
		got, err := ParseOffset(tc.in)
		if tc.ok && (err != nil || got != tc.want) {
			t.Errorf("ParseOffset(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
		if !tc.ok && !errors.Is(err, ErrBadOffset) {
			t.Errorf("ParseOffset(%q) = %d, %v; want ErrBadOffset", tc.in, got, err)
		}
	}
}
