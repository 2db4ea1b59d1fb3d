// Package service knows online services: which second steps each offers
// (authenticator app, SMS, call, e-mail, security key, its own app or
// token), where its 2FA and recovery help pages are, and its brand icon.
// It works offline, from data embedded in the binary: the 2factorauth
// directory (MIT licence) and the Simple Icons that match its services
// (CC0); [Licences] returns both notices. scripts/services.sh regenerates
// the data; data/README.md says from what and when.
//
// A [Directory] parses its data on first use, so a program that never asks
// (mamori code) never pays for it. [Directory.Match] matches an account to
// its service by issuer, login domain and name; it prefers no answer to a
// doubtful one.
package service

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Method is a second step a service offers, as the directory names it.
type Method string

// The methods the directory records.
const (
	// MethodTOTP: codes from an authenticator app (TOTP).
	MethodTOTP Method = "totp"
	// MethodSMS: codes by text message.
	MethodSMS Method = "sms"
	// MethodCall: codes by a voice call.
	MethodCall Method = "call"
	// MethodEmail: codes or links by e-mail.
	MethodEmail Method = "email"
	// MethodSecurityKey: security keys and passkeys (U2F, WebAuthn).
	MethodSecurityKey Method = "u2f"
	// MethodOwnApp: the service's own app (or a named third-party one).
	MethodOwnApp Method = "custom-software"
	// MethodOwnToken: the service's own hardware token.
	MethodOwnToken Method = "custom-hardware"
)

// Methods lists every method in the order front-ends show them.
var methodOrder = []Method{MethodTOTP, MethodSecurityKey, MethodOwnApp, MethodOwnToken, MethodSMS, MethodCall, MethodEmail}

// AllMethods returns every method, in the order front-ends show them.
func AllMethods() []Method { return slices.Clone(methodOrder) }

// None is the account's service choice meaning "this account is with no
// service Mamori knows": the matcher's guess is not shown.
const None = "none"

// Service is one online service of the directory.
type Service struct {
	// Name is the directory's display name, e.g. "Amazon" or "Mercari [JP]".
	Name string `json:"name"`
	// Domain is the service's main domain. It identifies the service: an
	// account's confirmed service (vault.Account.Service) holds it.
	Domain string `json:"domain"`
	// Domains are other domains the service answers on.
	Domains []string `json:"domains,omitempty"`
	// Methods are the second steps it offers, in the order front-ends show
	// them; empty when the directory records none.
	Methods []Method `json:"methods"`
	// Docs is the URL of its 2FA help, where second steps (and the phone
	// number) are set up and changed; may be empty.
	Docs string `json:"docs,omitempty"`
	// Recovery is the URL of its account-recovery help; may be empty.
	Recovery string `json:"recovery,omitempty"`
	// Software and Hardware name its own apps and tokens, when the
	// directory does.
	Software []string `json:"custom_software,omitempty"`
	Hardware []string `json:"custom_hardware,omitempty"`
	// Icon is the slug of its Simple Icons brand icon; empty for none.
	Icon string `json:"icon,omitempty"`
}

// Offers reports whether the service offers m.
func (s Service) Offers(m Method) bool { return slices.Contains(s.Methods, m) }

// OffersStrong reports whether the service offers an authenticator app or a
// security key: a second step that no longer hangs on a phone number.
func (s Service) OffersStrong() bool {
	return s.Offers(MethodTOTP) || s.Offers(MethodSecurityKey)
}

// PhoneOnly reports whether every second step the service offers goes to a
// phone number (SMS or a call), and it offers at least one.
func (s Service) PhoneOnly() bool {
	if len(s.Methods) == 0 {
		return false
	}
	for _, m := range s.Methods {
		if m != MethodSMS && m != MethodCall {
			return false
		}
	}
	return true
}

// directoryTSV holds the services, one a line (written by internal/gen):
// name, main domain, other domains (separated by spaces), methods (spaces),
// docs URL, recovery URL, own apps ("|"), own tokens ("|"), icon slug, all
// separated by tabs. Parsing cuts it into substrings that stay in the
// binary's read-only data.
//
//go:embed data/directory.tsv
var directoryTSV string

// Directory is the embedded directory of services and their icons. The
// zero value is not usable; call [New]. Its data is parsed and indexed on
// first use, once, and is safe for concurrent use from then on.
type Directory struct {
	raw string

	once     sync.Once
	services []Service // by domain
	err      error
	byDomain index    // every domain a service answers on
	byName   index    // key(name)
	byBase   index    // key(name without " [JP]"-style region)
	byAlias  index    // key(alias) from the reviewed Japanese table
	nameKeys []string // key(name) of each service
	aliases  []alias  // the Japanese table, for Find and Suggest

	icons iconSet
}

// New returns the directory embedded in the binary. Nothing is parsed until
// a method needs it.
func New() *Directory {
	return &Directory{raw: directoryTSV, icons: iconSet{raw: iconsTSV}}
}

// load parses and indexes the data, once.
func (d *Directory) load() error {
	d.once.Do(func() { d.err = d.index() })
	return d.err
}

func (d *Directory) index() error {
	n := strings.Count(d.raw, "\n")
	d.services = make([]Service, 0, n)
	d.byDomain = make(index, n+n/2)
	d.byName = make(index, n)
	d.byBase = index{}
	d.byAlias = make(index, len(japaneseNames))
	methods := map[string][]Method{} // the few sets of methods, shared
	d.nameKeys = make([]string, 0, n)
	d.aliases = make([]alias, 0, len(japaneseNames))
	var f [9]string
	for rest, line := d.raw, 1; rest != ""; line++ {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		for k := range f {
			var ok bool
			f[k], l, ok = strings.Cut(l, "\t")
			if ok != (k < len(f)-1) {
				return fmt.Errorf("read the service directory: line %d: not %d fields", line, len(f))
			}
		}
		if f[0] == "" || f[1] == "" {
			return fmt.Errorf("read the service directory: line %d: no name or domain", line)
		}
		s := Service{Name: f[0], Domain: f[1], Domains: fieldList(f[2], " "), Docs: f[4], Recovery: f[5],
			Software: fieldList(f[6], "|"), Hardware: fieldList(f[7], "|"), Icon: f[8]}
		ms, seen := methods[f[3]]
		if !seen {
			listed := fieldList(f[3], " ")
			for _, m := range methodOrder {
				if slices.Contains(listed, string(m)) {
					ms = append(ms, m)
				}
			}
			methods[f[3]] = slices.Clip(ms)
		}
		s.Methods = ms
		i := len(d.services)
		d.services = append(d.services, s)
		d.byDomain.add(s.Domain, i)
		for _, h := range s.Domains {
			d.byDomain.add(h, i)
		}
		d.nameKeys = append(d.nameKeys, key(s.Name))
		if d.nameKeys[i] != "" {
			d.byName.add(d.nameKeys[i], i)
		}
		if base := stripRegion(s.Name); base != s.Name {
			d.byBase.add(key(base), i)
		}
	}
	for _, jn := range japaneseNames {
		name, domain := jn.name, jn.domain
		i, ok := d.byDomain.one(domain)
		if !ok || d.services[i].Domain != domain {
			return fmt.Errorf("the Japanese name %q stands for %s, which is not in the directory", name, domain)
		}
		k := key(name)
		if other, named := d.byName[k]; named && other != int32(i) {
			return fmt.Errorf("the Japanese name %q stands for %s, but is the name of another service", name, domain)
		}
		d.byAlias.add(k, i)
		d.aliases = append(d.aliases, alias{k, i})
	}
	sort.Slice(d.aliases, func(a, b int) bool { return d.aliases[a].key < d.aliases[b].key })
	return nil
}

// alias is one name of the Japanese table, folded, and its service.
type alias struct {
	key string
	i   int
}

// fieldList splits a list field; empty is nil.
func fieldList(s, sep string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, sep)
}

// index maps a key to the service it names, or to -1 when it names
// several.
type index map[string]int32

func (x index) add(k string, i int) {
	if old, ok := x[k]; ok && old != int32(i) {
		x[k] = -1
		return
	}
	x[k] = int32(i)
}

// one returns the service k names; ok is false for none or several.
func (x index) one(k string) (int, bool) {
	i, ok := x[k]
	return int(i), ok && i >= 0
}

// stripRegion drops a trailing region tag: "Mercari [JP]" → "Mercari".
func stripRegion(name string) string {
	if i := strings.LastIndex(name, " ["); i > 0 && strings.HasSuffix(name, "]") {
		return name[:i]
	}
	return name
}

// All returns every service, ordered by name (case folded).
func (d *Directory) All() ([]Service, error) {
	if err := d.load(); err != nil {
		return nil, err
	}
	out := slices.Clone(d.services)
	sort.SliceStable(out, func(i, j int) bool { return key(out[i].Name) < key(out[j].Name) })
	return out, nil
}

// Len is the number of services in the directory.
func (d *Directory) Len() int {
	if d.load() != nil {
		return 0
	}
	return len(d.services)
}

// ByDomain returns the service whose main domain is domain (the service's
// identifier, as an account's confirmed choice holds it).
func (d *Directory) ByDomain(domain string) (Service, bool) {
	if d.load() != nil {
		return Service{}, false
	}
	domain = strings.ToLower(domain)
	if i, ok := d.byDomain.one(domain); ok && d.services[i].Domain == domain {
		return d.services[i], true
	}
	return Service{}, false
}
