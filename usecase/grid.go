package usecase

import (
	"errors"
	"strings"
	"time"

	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/vault"
)

// This file is the operations on grid cards: save a new card, enter (or
// re-enter) one from paper, answer a challenge and record what it revealed,
// delete a card.

// ErrCardNeedsName is returned when a card would have an empty name.
var ErrCardNeedsName = errors.New("a grid card needs a name")

// CardNotFoundError is returned when no grid card matches a query. It
// wraps vault.ErrNotFound.
type CardNotFoundError struct{ Query string }

func (e *CardNotFoundError) Error() string { return "no grid card matches the query" }
func (e *CardNotFoundError) Unwrap() error { return vault.ErrNotFound }

// AmbiguousCardError is returned when a query matches several grid cards.
// It wraps vault.ErrAmbiguous.
type AmbiguousCardError struct {
	Query string
	Names []string // the names of the cards it matches
}

func (e *AmbiguousCardError) Error() string { return "the query matches several grid cards" }
func (e *AmbiguousCardError) Unwrap() error { return vault.ErrAmbiguous }

// CardExistsError is returned when a new card would take the name of
// another.
type CardExistsError struct{ Name string }

func (e *CardExistsError) Error() string { return "a grid card with that name exists" }

// FindCard finds the grid card query names: by ID, whole name, or a part
// of its name only one card has (vault.Vault.GridCard). No match is a
// *CardNotFoundError, several an *AmbiguousCardError.
func FindCard(v *vault.Vault, query string) (*gridcard.Card, error) {
	c, err := v.GridCard(query)
	switch {
	case errors.Is(err, vault.ErrAmbiguous):
		q := vault.Fold(query)
		var names []string
		for _, c := range v.GridCards {
			if strings.Contains(vault.Fold(c.Name), q) {
				names = append(names, c.Name)
			}
		}
		return nil, &AmbiguousCardError{Query: query, Names: names}
	case errors.Is(err, vault.ErrNotFound):
		return nil, &CardNotFoundError{Query: query}
	}
	return c, err
}

// cardNamed returns the card whose name is name, compared the way the
// vault compares names, or nil.
func cardNamed(v *vault.Vault, name string) *gridcard.Card {
	for i := range v.GridCards {
		if vault.Fold(v.GridCards[i].Name) == vault.Fold(name) {
			return &v.GridCards[i]
		}
	}
	return nil
}

// AddCard saves card (generated, or read from paper) as a new card called
// name, created now. A name another card has is a *CardExistsError.
func (s *Service) AddCard(name string, card gridcard.Card) (gridcard.Card, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return gridcard.Card{}, ErrCardNeedsName
	}
	card.Name, card.Label = name, strings.TrimSpace(card.Label)
	card.Created = s.now().UTC().Truncate(time.Second)
	_, err := s.change(func(v *vault.Vault) error {
		if cardNamed(v, name) != nil {
			return &CardExistsError{Name: name}
		}
		v.GridCards = append(v.GridCards, card)
		return nil
	})
	if err != nil {
		return gridcard.Card{}, err
	}
	return card, nil
}

// EnterCard is what EnterCard saves: the cells read from paper and the
// card's printed details.
type EnterCard struct {
	Name string
	// Cells is the card as gridcard.ParseCard read it.
	Cells gridcard.Card
	// Label and Serial are the card's title and serial number; nil keeps
	// those of the card entered before (none for a new card).
	Label, Serial *string
}

// EnterCardResult is what EnterCard saved.
type EnterCardResult struct {
	Card gridcard.Card
	// Replaced says a card of that name existed: its cells were replaced,
	// keeping its identity and the log of challenges answered from it.
	Replaced bool
}

// EnterCard saves a card entered from paper under its name: a new card,
// or, when a card has that name, its new cells, keeping its identity,
// creation time and exposure log.
func (s *Service) EnterCard(e EnterCard) (EnterCardResult, error) {
	name := strings.TrimSpace(e.Name)
	if name == "" {
		return EnterCardResult{}, ErrCardNeedsName
	}
	var res EnterCardResult
	_, err := s.change(func(v *vault.Vault) error {
		card := e.Cells
		card.Name, card.Created = name, s.now().UTC().Truncate(time.Second)
		card.Label, card.Serial = "", ""
		old := cardNamed(v, name)
		if old != nil {
			res.Replaced = true
			card.ID, card.Name, card.Created, card.Generated, card.Exposure = old.ID, old.Name, old.Created, old.Generated, old.Exposure
			card.Label, card.Serial = old.Label, old.Serial
		}
		if e.Label != nil {
			card.Label = strings.TrimSpace(*e.Label)
		}
		if e.Serial != nil {
			card.Serial = strings.TrimSpace(*e.Serial)
		}
		if old != nil {
			*old = card
		} else {
			v.GridCards = append(v.GridCards, card)
		}
		res.Card = card
		return nil
	})
	if err != nil {
		return EnterCardResult{}, err
	}
	return res, nil
}

// Answer answers challenge from card at now with the phishing guard: a
// challenge asking for too much of the card is refused, and so, unless
// allowRapid, is a third different challenge within gridcard.RapidWindow.
// It changes nothing; screens use it to show the answer as the person
// types, and AnswerChallenge to use it.
func Answer(card gridcard.Card, challenge string, allowRapid bool, now time.Time) (gridcard.Answered, error) {
	guardAt := now.UTC().Truncate(time.Second)
	if allowRapid {
		guardAt = time.Time{}
	}
	a, err := card.AnswerChallenge(challenge, guardAt)
	var ce *gridcard.ChallengeError
	if errors.As(err, &ce) {
		err = &CardError{Profile: card.Profile, Err: err}
	}
	return a, err
}

// AnswerOptions change how AnswerChallenge answers.
type AnswerOptions struct {
	// AllowRapid answers despite several different challenges in a few
	// minutes, once the person has checked the site is the real one.
	AllowRapid bool
	// NoRecord answers without logging the challenge: nothing is written.
	NoRecord bool
}

// AnswerResult is the answer to a challenge.
type AnswerResult struct {
	gridcard.Answered
	// Card is the card as saved, with the challenge in its exposure log
	// (unless NoRecord).
	Card gridcard.Card
	// Report is the card's exposure after the answer.
	Report gridcard.ExposureReport
}

// AnswerChallenge answers challenge from the grid card ref names (Answer's
// guard applies) and, in the same change, records in the card's exposure
// log which cells it revealed.
func (s *Service) AnswerChallenge(ref, challenge string, opt AnswerOptions) (AnswerResult, error) {
	now := s.now().UTC().Truncate(time.Second)
	var res AnswerResult
	answer := func(v *vault.Vault) error {
		c, err := FindCard(v, ref)
		if err != nil {
			return err
		}
		if res.Answered, err = Answer(*c, challenge, opt.AllowRapid, now); err != nil {
			return err
		}
		if !opt.NoRecord {
			c.Record(now, res.Cells)
		}
		res.Card = *c
		return nil
	}
	var err error
	if opt.NoRecord {
		var v *vault.Vault
		if v, err = s.store.Load(); err == nil {
			err = answer(v)
		}
	} else {
		_, err = s.change(answer)
	}
	if err != nil {
		return AnswerResult{}, err
	}
	res.Report = res.Card.Exposure.Report(res.Card.Profile)
	return res, nil
}

// DeleteCard removes the grid card ref names, with its exposure log,
// leaving a tombstone so that a synced copy does not bring it back, and
// returns it.
func (s *Service) DeleteCard(ref string) (gridcard.Card, error) {
	var gone gridcard.Card
	_, err := s.change(func(v *vault.Vault) error {
		c, err := FindCard(v, ref)
		if err != nil {
			return err
		}
		gone = *c
		v.RemoveGridCard(gone.ID, s.now())
		return nil
	})
	if err != nil {
		return gridcard.Card{}, err
	}
	return gone, nil
}
