package service

import (
	"net"
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/net/publicsuffix"

	"github.com/mamori-app/mamori/vault"
)

// minKey is the shortest folded name the matcher trusts ("au" is a
// service; one letter is not a name).
const minKey = 2

// key folds a name for matching: vault.Fold (NFKC, so full and half width
// are one; case; katakana as hiragana), then letters and digits only, so
// "Yahoo! JAPAN", "yahoo japan" and "ＹＡＨＯＯ　ＪＡＰＡＮ" are one key.
func key(s string) string {
	if k, ok := asciiKey(s); ok {
		return k
	}
	f := vault.Fold(s)
	var b strings.Builder
	b.Grow(len(f))
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// asciiKey is key for a string of ASCII letters, digits, spaces and
// punctuation, without the cost of Unicode normalisation; ok is false
// for anything else.
func asciiKey(s string) (string, bool) {
	lower, clean := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return "", false
		case c >= 'A' && c <= 'Z':
			lower = false
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		default:
			clean = false
		}
	}
	if lower && clean {
		return s, true
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+('a'-'A'))
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b = append(b, c)
		}
	}
	return string(b), true
}

// freemail are mail providers whose addresses say nothing of the service an
// account is with: "alice@gmail.com" may log in anywhere.
var freemail = [...]string{
	"gmail.com", "googlemail.com", "outlook.com", "outlook.jp", "hotmail.com", "hotmail.co.jp",
	"live.com", "live.jp", "msn.com", "icloud.com", "me.com", "mac.com", "yahoo.com", "yahoo.co.jp",
	"ymail.com", "aol.com", "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net",
	"mail.com", "zoho.com", "fastmail.com", "tutanota.com", "yandex.com", "yandex.ru", "qq.com",
	"163.com", "naver.com", "docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp",
	"i.softbank.jp", "ymobile.ne.jp", "nifty.com", "ocn.ne.jp", "biglobe.ne.jp", "so-net.ne.jp",
	"excite.co.jp", "rakuten.jp", "infoseek.jp",
}

// hostOf returns the host a string names when it looks like one: a URL
// ("https://id.example.com/login"), an e-mail address (its domain, unless
// the address is at a mail provider and emails is false… see Match) or a
// bare domain ("example.co.jp"). ok is false for anything else.
func hostOf(s string) (host string, email, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, " \t") || !strings.ContainsAny(s, ".．。｡") {
		return "", false, false // no dot: no domain (and no cost)
	}
	s = strings.ToLower(vault.Fold(s))
	switch {
	case strings.Contains(s, "://"):
		u, err := url.Parse(s)
		if err != nil {
			return "", false, false
		}
		s = u.Hostname()
	case strings.Count(s, "@") == 1:
		s = s[strings.IndexByte(s, '@')+1:]
		email = true
	default:
		if i := strings.IndexAny(s, "/:?#"); i >= 0 {
			s = s[:i]
		}
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "www."), ".")
	if net.ParseIP(s) != nil || !strings.Contains(s, ".") {
		return "", false, false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || strings.Trim(label, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return "", false, false
		}
	}
	if _, icann := publicsuffix.PublicSuffix(s); !icann {
		return "", false, false
	}
	return s, email, true
}

// byHost finds the service a host belongs to: the most specific domain of
// the directory the host is, or is under ("signin.aws.amazon.com" is
// Amazon Web Services, "www.amazon.co.jp" Amazon). ok is false for no
// service or for two.
func (d *Directory) byHost(host string) (int, bool) {
	top, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return 0, false
	}
	for h := host; ; {
		if _, known := d.byDomain[h]; known {
			return d.byDomain.one(h)
		}
		if h == top {
			return 0, false
		}
		h = h[strings.IndexByte(h, '.')+1:]
	}
}

// byLabel finds the service a label (an issuer, or a name used as one)
// names: exactly its name, a reviewed Japanese name, its name without a
// region tag ("Mercari" for "Mercari [JP]"), or a domain. decided is true
// when the label said something: a match, or a name two services share
// (then ok is false, and no weaker clue may overrule it).
func (d *Directory) byLabel(label string) (i int, ok, decided bool) {
	if h, email, isHost := hostOf(label); isHost && !email {
		i, ok = d.byHost(h)
		return i, ok, ok
	}
	k := key(label)
	if len([]rune(k)) < minKey {
		return 0, false, false
	}
	for _, idx := range []index{d.byName, d.byAlias, d.byBase} {
		if _, known := idx[k]; known {
			i, ok = idx.one(k)
			return i, ok, true
		}
	}
	return 0, false, false
}

// Match returns the service an account is with, from its issuer and name,
// or ok false when it cannot tell for sure. A wrong match is worse than
// none, so only exact clues count, and clues that disagree give nothing:
//
//   - the issuer, as a name (case, width and kana folded, punctuation and
//     spaces ignored), a reviewed Japanese name, the name without a region
//     tag, or a domain;
//   - a domain in the name: a URL or a bare domain, or an e-mail address's
//     domain when there is no issuer and it is not a mail provider's;
//   - with no issuer, the name itself as a label.
//
// A name two services share, or an issuer and a domain that name two
// services, match nothing.
func (d *Directory) Match(issuer, name string) (Service, bool) {
	if d.load() != nil {
		return Service{}, false
	}
	i, ok := d.match(issuer, name)
	if !ok {
		return Service{}, false
	}
	return d.services[i], true
}

func (d *Directory) match(issuer, name string) (int, bool) {
	issuer = strings.TrimSpace(issuer)
	fromIssuer, okIssuer, decided := 0, false, false
	if issuer != "" {
		fromIssuer, okIssuer, decided = d.byLabel(issuer)
		if decided && !okIssuer {
			return 0, false
		}
	}
	fromHost, okHost := 0, false
	if h, email, isHost := hostOf(name); isHost && (!email || (issuer == "" && !slices.Contains(freemail[:], h))) {
		fromHost, okHost = d.byHost(h)
	}
	switch {
	case okIssuer && okHost && fromIssuer != fromHost:
		return 0, false
	case okIssuer:
		return fromIssuer, true
	case okHost:
		return fromHost, true
	case issuer == "":
		if _, _, isHost := hostOf(name); isHost {
			return 0, false
		}
		i, ok, _ := d.byLabel(name)
		return i, ok
	}
	return 0, false
}

// ForAccount returns the service to show for an account: the person's
// choice when they made one (None: no service), else the matcher's.
// confirmed says the person chose it.
func (d *Directory) ForAccount(choice, issuer, name string) (s Service, confirmed, ok bool) {
	switch choice {
	case None:
		return Service{}, true, false
	case "":
		s, ok = d.Match(issuer, name)
		return s, false, ok
	}
	s, ok = d.ByDomain(choice)
	return s, true, ok
}

// maxFound caps what Find and Suggest return.
const maxFound = 50

// Find returns the services a query (typed by a person) names: the one it
// names exactly (name, Japanese name, domain, URL or e-mail domain) if
// there is one, else those whose name or Japanese name contains it,
// those starting with it first, at most 50. A query of fewer than two
// letters finds nothing.
func (d *Directory) Find(query string) ([]Service, error) {
	if err := d.load(); err != nil {
		return nil, err
	}
	if h, _, isHost := hostOf(query); isHost {
		if i, ok := d.byHost(h); ok {
			return []Service{d.services[i]}, nil
		}
	}
	k := key(query)
	if len([]rune(k)) < minKey {
		return nil, nil
	}
	for _, idx := range []index{d.byName, d.byAlias, d.byBase} {
		if i, ok := idx.one(k); ok {
			return d.list([]int{i}), nil
		}
	}
	return d.containing(k, false), nil
}

// Suggest returns the services whose name (or Japanese name) starts with
// what a person has typed so far as an issuer, exact names first, then by
// name; at most max (and at most 50).
func (d *Directory) Suggest(typed string, max int) []Service {
	if d.load() != nil {
		return nil
	}
	k := key(typed)
	if len([]rune(k)) < minKey {
		return nil
	}
	out := d.containing(k, true)
	if max < len(out) {
		out = out[:max]
	}
	return out
}

// containing lists the services whose name key (or Japanese name) has k as
// a prefix, or (prefixOnly false) anywhere, best first.
func (d *Directory) containing(k string, prefixOnly bool) []Service {
	type hit struct {
		i    int
		rank int // 0 exact, 1 prefix, 2 inside
	}
	best := map[int]int{}
	consider := func(i int, nk string) {
		r := -1
		switch {
		case nk == k:
			r = 0
		case strings.HasPrefix(nk, k):
			r = 1
		case !prefixOnly && strings.Contains(nk, k):
			r = 2
		}
		if old, seen := best[i]; r >= 0 && (!seen || r < old) {
			best[i] = r
		}
	}
	for i, nk := range d.nameKeys {
		consider(i, nk)
	}
	for _, a := range d.aliases {
		consider(a.i, a.key)
	}
	hits := make([]hit, 0, len(best))
	for i, r := range best {
		hits = append(hits, hit{i, r})
	}
	sort.Slice(hits, func(a, b int) bool {
		if hits[a].rank != hits[b].rank {
			return hits[a].rank < hits[b].rank
		}
		return key(d.services[hits[a].i].Name) < key(d.services[hits[b].i].Name)
	})
	if len(hits) > maxFound {
		hits = hits[:maxFound]
	}
	is := make([]int, len(hits))
	for j, h := range hits {
		is[j] = h.i
	}
	return d.list(is)
}

func (d *Directory) list(is []int) []Service {
	out := make([]Service, len(is))
	for j, i := range is {
		out[j] = d.services[i]
	}
	return slices.Clip(out)
}
