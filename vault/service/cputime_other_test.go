//go:build !linux && !darwin

package service

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
