package trouble

import (
	"fmt"
	"time"
)

// EventKind says what happened to an account.
type EventKind string

// Kinds of events.
const (
	// EventLockout: a lockout was recorded; Detail is its end (RFC 3339).
	EventLockout EventKind = "lockout"
	// EventLockoutCleared: the person cleared the recorded lockout.
	EventLockoutCleared EventKind = "lockout-cleared"
	// EventBreachTick: a step of the breach checklist was done; Detail is
	// the step's ID.
	EventBreachTick EventKind = "breach-tick"
	// EventBreachReset: the breach checklist was started afresh (a new
	// incident); earlier ticks no longer count.
	EventBreachReset EventKind = "breach-reset"
)

// MaxEvents is how many events an account keeps; the oldest go first.
const MaxEvents = 200

// maxDetailLen bounds an event's detail, in characters.
const maxDetailLen = 200

// Event is one dated entry in an account's history. Details never hold a
// secret: a step ID or a time, nothing typed into a login form.
type Event struct {
	// At is when it happened.
	At time.Time `json:"at"`
	// Kind says what happened.
	Kind EventKind `json:"kind"`
	// Detail depends on Kind.
	Detail string `json:"detail,omitempty"`
}

// AddEvent appends an event at now to events, dropping the oldest beyond
// MaxEvents. A detail longer than 200 characters is ErrTooLong.
func AddEvent(events []Event, kind EventKind, detail string, now time.Time) ([]Event, error) {
	if n := len([]rune(detail)); n > maxDetailLen {
		return events, fmt.Errorf("%w: event detail of %d characters", ErrTooLong, n)
	}
	out := append(append([]Event(nil), events...), Event{At: now.UTC(), Kind: kind, Detail: detail})
	if len(out) > MaxEvents {
		out = out[len(out)-MaxEvents:]
	}
	return out, nil
}

// BreachTicks returns, for each breach checklist step ticked since the last
// EventBreachReset, when it was last ticked.
func BreachTicks(events []Event) map[string]time.Time {
	ticks := map[string]time.Time{}
	for _, e := range events {
		switch e.Kind {
		case EventBreachReset:
			clear(ticks)
		case EventBreachTick:
			if t, ok := ticks[e.Detail]; !ok || e.At.After(t) {
				ticks[e.Detail] = e.At
			}
		}
	}
	return ticks
}

// Tick records that the breach checklist step with the given ID was done
// at now. The step must be tickable in the breach flow (ErrNotTickable);
// TickableSteps lists them.
func Tick(events []Event, stepID string, now time.Time) ([]Event, error) {
	steps, err := TickableSteps()
	if err != nil {
		return events, err
	}
	for _, s := range steps {
		if s == stepID {
			return AddEvent(events, EventBreachTick, stepID, now)
		}
	}
	return events, fmt.Errorf("%w: %q", ErrNotTickable, clip(stepID))
}

// TickableSteps lists the IDs of the breach checklist's steps that can be
// ticked, in order.
func TickableSteps() ([]string, error) {
	g, err := defaultGuides()
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, s := range g.flows[Breached] {
		if s.Tick {
			ids = append(ids, s.ID)
		}
	}
	return ids, nil
}
