//go:build linux || darwin

package service

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used (user and system): on a
// loaded machine it measures the work better than the wall clock does.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
