package vault

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Limits on an account's tags.
const (
	// MaxTagLength is the longest tag, in characters.
	MaxTagLength = 40
	// MaxTags is the most tags one account may have.
	MaxTags = 20
)

// Errors of SetDetails for input a person can get wrong.
var (
	// ErrNameRequired means an edited account was left without a name.
	ErrNameRequired = errors.New("an account needs a name")
	// ErrTagTooLong means a tag is longer than MaxTagLength characters.
	ErrTagTooLong = errors.New("a tag is too long")
	// ErrTooManyTags means an account was given more than MaxTags tags.
	ErrTooManyTags = errors.New("too many tags")
)

// ParseTags reads tags as a person types them: separated by commas (also
// full-width "，" and "、") or white space (also the ideographic space), and
// returns them normalised (see NormalizeTags).
func ParseTags(s string) []string {
	s = norm.NFKC.String(s)
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '、' || unicode.IsSpace(r)
	})
	return NormalizeTags(fields)
}

// NormalizeTags returns tags trimmed and in Unicode NFKC (full-width Latin
// letters become half-width, half-width katakana full-width), without empty
// ones, without duplicates (a tag that differs from an earlier one only in
// case is the same tag; the first spelling is kept), sorted. It returns nil
// for no tags. The slice given is not changed.
func NormalizeTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.TrimSpace(norm.NFKC.String(t))
		k := tagKey(t)
		if t == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	slices.SortStableFunc(out, func(a, b string) int { return strings.Compare(tagKey(a), tagKey(b)) })
	return out
}

// tagKey is what makes two tags the same: case folded.
func tagKey(t string) string { return cases.Fold().String(t) }

// HasTag reports whether the account has tag, ignoring case and width.
func (a Account) HasTag(tag string) bool {
	k := tagKey(strings.TrimSpace(norm.NFKC.String(tag)))
	for _, t := range a.Tags {
		if tagKey(t) == k {
			return true
		}
	}
	return false
}

// Details are the parts of an account a person edits directly.
type Details struct {
	Issuer, Name string
	Tags         []string
	Pinned       bool
}

// Details returns the account's editable parts.
func (a Account) Details() Details {
	return Details{Issuer: a.Issuer, Name: a.Name, Tags: slices.Clone(a.Tags), Pinned: a.Pinned}
}

// SetDetails checks d and, when it is valid, puts it in the account:
// issuer and name trimmed, tags normalised. It reports whether anything
// changed, and then sets Updated to now. A name left empty is
// ErrNameRequired (an account added with an issuer alone may keep having no
// name); tags are checked as SetTags checks them. On error the account is
// left as it was.
func (a *Account) SetDetails(d Details, now time.Time) (bool, error) {
	issuer, name := strings.TrimSpace(d.Issuer), strings.TrimSpace(d.Name)
	if name == "" && (a.Name != "" || issuer == "") {
		return false, ErrNameRequired
	}
	tags, err := checkTags(d.Tags)
	if err != nil {
		return false, err
	}
	if issuer == a.Issuer && name == a.Name && slices.Equal(tags, a.Tags) && d.Pinned == a.Pinned {
		return false, nil
	}
	a.Issuer, a.Name, a.Tags, a.Pinned = issuer, name, tags, d.Pinned
	a.Updated = now.UTC()
	return true, nil
}

// SetTags gives the account tags, normalised (see NormalizeTags), and
// reports whether they changed, setting Updated to now then. A tag over
// MaxTagLength characters is ErrTagTooLong, more than MaxTags tags
// ErrTooManyTags; the account is left as it was then.
func (a *Account) SetTags(tags []string, now time.Time) (bool, error) {
	tags, err := checkTags(tags)
	if err != nil || slices.Equal(tags, a.Tags) {
		return false, err
	}
	a.Tags = tags
	a.Updated = now.UTC()
	return true, nil
}

// TagTooLongError is ErrTagTooLong naming the tag, for the message.
type TagTooLongError struct {
	Tag string
}

func (e *TagTooLongError) Error() string {
	return fmt.Sprintf("%v: %d characters, at most %d", ErrTagTooLong, utf8.RuneCountInString(e.Tag), MaxTagLength)
}

// Unwrap makes errors.Is(err, ErrTagTooLong) true.
func (e *TagTooLongError) Unwrap() error { return ErrTagTooLong }

// checkTags normalises tags and checks them against the limits.
func checkTags(tags []string) ([]string, error) {
	tags = NormalizeTags(tags)
	if len(tags) > MaxTags {
		return nil, fmt.Errorf("%w: %d, at most %d", ErrTooManyTags, len(tags), MaxTags)
	}
	for _, t := range tags {
		if n := utf8.RuneCountInString(t); n > MaxTagLength {
			return nil, &TagTooLongError{Tag: t}
		}
	}
	return tags, nil
}

// SearchKey is the folded text (see Fold) a search looks in: the issuer,
// the name and the tags. Compute it once per account and match queries
// against it with MatchWords.
func (a Account) SearchKey() string {
	var b strings.Builder
	b.WriteString(Fold(a.Issuer))
	b.WriteByte(0)
	b.WriteString(Fold(a.Name))
	for _, t := range a.Tags {
		b.WriteByte(0)
		b.WriteString(Fold(t))
	}
	return b.String()
}

// QueryWords folds a search query and splits it into words at white space.
func QueryWords(query string) []string {
	return strings.Fields(Fold(query))
}

// MatchWords reports whether key (an Account.SearchKey) holds every word;
// no words match everything.
func MatchWords(key string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(key, w) {
			return false
		}
	}
	return true
}

// Order is how a list of accounts is sorted.
type Order string

// The orders of Arrange.
const (
	// OrderVault keeps the vault's order: the order accounts were added in.
	OrderVault Order = "vault"
	// OrderIssuer sorts by issuer A→Z, then by name.
	OrderIssuer Order = "issuer"
	// OrderNewest puts the most recently added accounts first.
	OrderNewest Order = "newest"
)

// Orders are the orders Arrange knows, the default first.
var Orders = []Order{OrderVault, OrderIssuer, OrderNewest}

// Group is the heading an account is listed under by Arrange: "" for
// pinned accounts and, when untagged, for the rest; else its first tag.
func (a Account) Group() string {
	if a.Pinned || len(a.Tags) == 0 {
		return ""
	}
	return a.Tags[0]
}

// Arrange returns the accounts in the order a list shows them: pinned
// accounts first; then, grouped by their first tag (A→Z), the tagged ones;
// then the untagged ones. Within each group, accounts follow order (an
// unknown order is OrderVault). The slice given is not changed.
func Arrange(accts []Account, order Order) []Account {
	type item struct {
		a          Account
		group      string // folded group, for sorting
		issuer     string // folded issuer and name, for OrderIssuer
		name       string
		pos        int
		rank       int // 0 pinned, 1 tagged, 2 untagged
		createdUTC time.Time
	}
	items := make([]item, len(accts))
	for i, a := range accts {
		it := item{a: a, pos: i, createdUTC: a.Created}
		switch {
		case a.Pinned:
			it.rank = 0
		case len(a.Tags) > 0:
			it.rank, it.group = 1, Fold(a.Tags[0])
		default:
			it.rank = 2
		}
		if order == OrderIssuer {
			it.issuer, it.name = Fold(a.Issuer), Fold(a.Name)
			if it.issuer == "" {
				it.issuer = it.name
			}
		}
		items[i] = it
	}
	slices.SortStableFunc(items, func(x, y item) int {
		if c := x.rank - y.rank; c != 0 {
			return c
		}
		if c := strings.Compare(x.group, y.group); c != 0 {
			return c
		}
		switch order {
		case OrderIssuer:
			if c := strings.Compare(x.issuer, y.issuer); c != 0 {
				return c
			}
			if c := strings.Compare(x.name, y.name); c != 0 {
				return c
			}
		case OrderNewest:
			if c := y.createdUTC.Compare(x.createdUTC); c != 0 {
				return c
			}
			return y.pos - x.pos // added in the same instant: the later one first
		}
		return x.pos - y.pos
	})
	out := make([]Account, len(items))
	for i, it := range items {
		out[i] = it.a
	}
	return out
}
