// Package gridcard models grid cards (乱数表): the printed tables of short
// codes that banks and sites ask about at login ("enter the characters in
// cells A1, C3 and J5").
//
// The package is the domain layer only: it has no user interface and no
// storage. The vault keeps a [Card] as a JSON value inside its encrypted
// document; the CLI and the app call the functions here to enter, generate,
// answer, print and share cards.
//
// The pieces, in the order a card goes through them:
//
//   - A [Profile] describes the shape of a card: rows × columns, how each
//     axis is labelled, how many characters a cell holds, which characters
//     may appear, whether case matters, and how many cells a challenge asks.
//     [Profiles] lists the built-in ones and [ProfileByName] finds one.
//   - A [Card] is a profile filled with cells. [ParseCard] reads a card a
//     person types or pastes from paper; [Generate] makes a new one from a
//     cryptographic random source.
//   - [EntropyBits] says how hard one challenge is to guess and
//     [MinEntropyOK] whether that is at least as hard as a 6-digit code.
//   - [ParseChallenge] turns a challenge as a site shows it ("A1 C3 J5",
//     "[a1][c3][j5]", "Ａ１、Ｃ３") into [Cell] values, [CheckChallenge]
//     refuses challenges that look like a card-harvesting scam, and
//     [Card.Answer] reads the cells' contents in order.
//   - An [Exposure] log records every challenge answered from a card, can be
//     merged across everyone who shares the card, and [NextChallengeRisk]
//     says how likely someone who saw those answers could answer the next
//     challenge.
//
// Printing lives in the sub-package gridcard/cardprint, so that code which
// only stores or answers cards does not link a PDF library.
//
// Every error this package returns wraps one of the exported Err… sentinel
// values, so a caller can translate it with [errors.Is] and show details
// from the typed errors ([*ChallengeError], [*CardInputError],
// [*HarvestError]) with [errors.As].
package gridcard
