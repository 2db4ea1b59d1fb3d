package keystore

import (
	"errors"
	"fmt"
	"sync"
	"time"

	keyring "github.com/zalando/go-keyring"
)

// Service is the service name Mamori's entries carry in the OS keyring.
const Service = "mamori"

// OS is the operating system's keyring, reached through go-keyring. A call
// that does not answer within Timeout (a locked collection waiting for a
// prompt nobody can see, a stuck D-Bus) fails instead of hanging.
type OS struct {
	// Timeout bounds each call; zero means 10 seconds.
	Timeout time.Duration
}

// ErrUnavailable means the OS keyring could not be reached or used.
var ErrUnavailable = errors.New("the OS keyring is not available")

// Get returns the secret stored under name.
func (k OS) Get(name string) (string, error) {
	var s string
	err := k.call("reading", func() error {
		var err error
		s, err = keyring.Get(Service, name)
		return err
	})
	return s, err
}

// Set stores secret under name.
func (k OS) Set(name, secret string) error {
	return k.call("writing", func() error { return keyring.Set(Service, name, secret) })
}

// Delete removes the entry under name; a missing entry is not an error.
func (k OS) Delete(name string) error {
	err := k.call("deleting", func() error { return keyring.Delete(Service, name) })
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

func (k OS) call(what string, fn func() error) error {
	timeout := k.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		switch {
		case err == nil:
			return nil
		case errors.Is(err, keyring.ErrNotFound):
			return ErrNotFound
		}
		return fmt.Errorf("%s the OS keyring: %w: %v", what, ErrUnavailable, err)
	case <-time.After(timeout):
		return fmt.Errorf("%s the OS keyring: %w: no answer within %v (is the keyring locked?)", what, ErrUnavailable, timeout)
	}
}

// Memory is an in-memory Keyring for tests.
type Memory struct {
	mu      sync.Mutex
	Entries map[string]string
	// Err, when set, is returned by every call, as an unreachable keyring would.
	Err error
}

// Get returns the secret stored under name.
func (m *Memory) Get(name string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Err != nil {
		return "", m.Err
	}
	s, ok := m.Entries[name]
	if !ok {
		return "", ErrNotFound
	}
	return s, nil
}

// Set stores secret under name.
func (m *Memory) Set(name, secret string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Err != nil {
		return m.Err
	}
	if m.Entries == nil {
		m.Entries = map[string]string{}
	}
	m.Entries[name] = secret
	return nil
}

// Delete removes the entry under name.
func (m *Memory) Delete(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Err != nil {
		return m.Err
	}
	delete(m.Entries, name)
	return nil
}
