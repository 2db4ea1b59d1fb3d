package harden

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

func process() error {
	var errs []error
	if err := noCoreFiles(); err != nil {
		errs = append(errs, err)
	}
	if err := unix.PtraceDenyAttach(); err != nil {
		errs = append(errs, fmt.Errorf("refuse debuggers: %w", err))
	}
	return errors.Join(errs...)
}
