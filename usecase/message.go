package usecase

import "time"

// Message is what a front-end shows for an error, a finding or a state:
// the ID of a text in assets' translations and the data its template
// fills in. Both front-ends translate the same Message, so a rule about
// what to say is written once, here.
type Message struct {
	// ID is the translation key, e.g. "error.not_found".
	ID string
	// Data fills the text's template; values are plain data (numbers,
	// names the person typed), never an identifier to be shown as it is.
	Data map[string]any
	// Hint, when set, is a second message saying what to do next.
	Hint *Message
	// Detail, when set, is the error's own English text for support: only
	// for system failures, shown labelled as a technical detail.
	Detail string
}

// explainer turns the errors of one area (accounts, phones, grid cards…)
// into messages; ok is false for an error it does not know.
type explainer func(err error) (m Message, ok bool)

// explainers are the areas' explainers, most specific first. Each area
// keeps its own in its own file.
var explainers = []explainer{ExplainStore, explainPhone, explainGrid, explainTrouble, explainService, explainSync, explainAccount, explainBackup, explainKit}

// Explain returns the message for err: the first area's explainer that
// knows it, else a generic failure with err's text as the detail.
func Explain(err error) Message {
	if m, ok := ExplainKnown(err); ok {
		return m
	}
	return Message{ID: "msg.generic", Detail: err.Error()}
}

// ExplainKnown is Explain for the errors an area knows; ok is false for
// any other, which a front-end then words in its own context ("could not
// save: …").
func ExplainKnown(err error) (m Message, ok bool) {
	if err == nil {
		return Message{}, false
	}
	for _, e := range explainers {
		if m, ok := e(err); ok {
			return m, true
		}
	}
	return Message{}, false
}

// when and day are how a message shows a moment: the local date and time
// to the minute, or the local date.
func when(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

func day(t time.Time) string { return t.Local().Format("2006-01-02") }
