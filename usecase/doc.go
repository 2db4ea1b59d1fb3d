// Package usecase holds every change a person can make to their vault, each as
// one named, documented operation that the command line and the app both
// call: the front-ends parse input, call an operation and render its result
// or error; the steps and the rules live here (or in the domain packages)
// and nowhere else.
//
// An operation finds what it needs (an account by ID or by a query, a card
// by name), applies the domain's rules, stamps Account.Updated when it
// changes an account, writes nothing when nothing changed, and returns a
// result for the front-end to show. Its errors are the domain's sentinel
// and typed errors; [Explain] turns any of them into a [Message], the one
// mapping both front-ends translate.
package usecase
