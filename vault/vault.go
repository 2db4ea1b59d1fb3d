// Package vault holds Mamori's domain: the data model of a person's accounts and
// the encrypted, versioned store that keeps it.
//
// A Vault is a plain in-memory document. A Store reads and writes it as one
// compressed JSON document encrypted with age to the vault's own X25519 key,
// whose private half lives in the OS keyring (see package keystore). Every
// change goes through Store.Update, which locks the data directory, reads the
// newest generation from disk, applies the change and saves atomically, so two
// processes or windows never overwrite each other's work.
package vault

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/vault/backup"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/recovery"
	"github.com/mamori-app/mamori/vault/trouble"
)

// SchemaVersion is the version of the vault document this build writes. A vault
// with a higher version was written by a newer Mamori and is refused, never
// overwritten.
const SchemaVersion = 1

// Vault is the whole decrypted document: everything Mamori keeps for one person.
type Vault struct {
	// Version is the schema version the document was written with.
	Version int `json:"version"`
	// Generation counts saves; it goes up by one each time the vault is written.
	Generation uint64 `json:"generation"`
	// Saved is when this generation was written.
	Saved time.Time `json:"saved"`
	// Accounts are the accounts with their OTP keys, in the order they were added.
	Accounts []Account `json:"accounts"`
	// GridCards are the printed challenge cards (乱数表) the person holds or shares.
	GridCards []gridcard.Card `json:"grid_cards,omitempty"`
	// PhoneChanges are recorded phone-number changes, with the accounts ticked off.
	PhoneChanges []phone.Change `json:"phone_changes,omitempty"`
	// Devices are the handsets and authenticator apps accounts' codes live on.
	Devices []phone.Device `json:"devices,omitempty"`
	// DeviceChanges are recorded new handsets and app reinstalls.
	DeviceChanges []phone.DeviceChange `json:"device_changes,omitempty"`
	// Deleted maps the ID of each account and grid card removed from the
	// vault to when it was removed (a tombstone), so that an older copy of
	// the vault (a sync engine's conflict copy from another desktop) cannot
	// bring it back. See Remove and Vault.Merge.
	Deleted map[string]time.Time `json:"deleted,omitempty"`
}

// Account is one login the person must not lose: who it is with, the login ID
// and how its codes are made.
type Account struct {
	// ID is a random identifier, stable for the account's lifetime.
	ID string `json:"id"`
	// Issuer is the service, e.g. "GitHub" or "みずほ銀行".
	Issuer string `json:"issuer,omitempty"`
	// Name is the login ID or e-mail address at the issuer.
	Name string `json:"name"`
	// OTP is the account's one-time-password key; the zero Key means the
	// account has none (it signs in by SMS, say) and is kept for its other
	// recovery details.
	OTP otp.Key `json:"otp,omitzero"`
	// Backup holds the account's single-use backup codes.
	Backup backup.Set `json:"backup,omitzero"`
	// Phones are the numbers the account sends codes or calls to, with their roles.
	Phones []phone.Binding `json:"phones,omitempty"`
	// Devices are the IDs of Vault.Devices that hold or confirm this account's codes.
	Devices []string `json:"devices,omitempty"`
	// NeedsTwoDevices says the service wants two registered devices.
	NeedsTwoDevices bool `json:"needs_two_devices,omitempty"`
	// Recovery is what the service's support asks when everything else is lost.
	Recovery recovery.Info `json:"recovery,omitzero"`
	// Created is when the account was added.
	Created time.Time `json:"created"`
	// Updated is when the account last changed (a HOTP counter step counts).
	Updated time.Time `json:"updated"`
	// ClockOffset shifts the time this account's TOTP and Steam codes are
	// made for, in seconds (see trouble.Shift): for a device clock that
	// cannot be fixed, or a service whose clock runs early or late. 0 for
	// almost every account. Use Account.Code, which applies it.
	ClockOffset int `json:"clock_offset,omitempty"`
	// Lockout is the lock after wrong passwords recorded for the account,
	// with when it should lift; nil when none is recorded.
	Lockout *trouble.Lockout `json:"lockout,omitempty"`
	// LockoutDuration is how long the service's lock usually lasts; 0 means
	// trouble.DefaultLockoutDuration (one hour). In JSON, nanoseconds.
	LockoutDuration time.Duration `json:"lockout_duration,omitempty"`
	// ErrorNotes are the person's notes on the error codes the service
	// shows, by code.
	ErrorNotes []trouble.ErrorNote `json:"error_notes,omitempty"`
	// Events is the account's history: lockouts recorded and cleared,
	// breach checklist steps ticked off. Oldest first, at most
	// trouble.MaxEvents.
	Events []trouble.Event `json:"events,omitempty"`
	// Pinned puts the account first in lists and in the app's system tray menu.
	Pinned bool `json:"pinned,omitempty"`
	// Tags are the person's own labels for grouping and finding accounts
	// ("work", "銀行"), as NormalizeTags leaves them.
	Tags []string `json:"tags,omitempty"`
	// Service is the online service the person confirmed or chose for the
	// account: its main domain in the service directory (package
	// vault/service), "none" when they said it is with no known service,
	// empty when they have not said (the directory's matcher decides).
	Service string `json:"service,omitempty"`
}

// ErrLabelRequired means an account was given neither a name nor an issuer,
// so a person could not tell it apart from the others.
var ErrLabelRequired = errors.New("an account needs a name or an issuer")

// ErrNotFound means no account (or grid card) matched a query.
var ErrNotFound = errors.New("nothing matches")

// ErrAmbiguous means a query matched more than one account or grid card.
var ErrAmbiguous = errors.New("the query matches more than one")

// AmbiguousError means a query matched more than one account; Candidates lists them.
type AmbiguousError struct {
	Query      string
	Candidates []Account
}

func (e *AmbiguousError) Error() string {
	names := make([]string, len(e.Candidates))
	for i, a := range e.Candidates {
		names[i] = a.Label()
	}
	return fmt.Sprintf("%q matches %d accounts: %s", e.Query, len(e.Candidates), strings.Join(names, ", "))
}

// Unwrap lets errors.Is find ErrAmbiguous.
func (e *AmbiguousError) Unwrap() error { return ErrAmbiguous }

// New returns an empty vault of the current schema version.
func New() *Vault {
	return &Vault{Version: SchemaVersion, Accounts: []Account{}}
}

// Label is how an account is shown to a person: "Issuer: Name", or just the name.
func (a Account) Label() string {
	if a.Issuer == "" {
		return a.Name
	}
	return a.Issuer + ": " + a.Name
}

// HasOTP reports whether the account has a one-time-password key.
func (a Account) HasOTP() bool { return a.OTP.Type != "" }

// NewAccount returns an account with a fresh random ID, created now. key may
// be the zero Key for an account without an authenticator.
func NewAccount(issuer, name string, key otp.Key, now time.Time) (Account, error) {
	if key.Type != "" {
		if err := key.Validate(); err != nil {
			return Account{}, err
		}
	}
	name = strings.TrimSpace(name)
	issuer = strings.TrimSpace(issuer)
	if name == "" && issuer == "" {
		return Account{}, ErrLabelRequired
	}
	return Account{ID: newID(), Issuer: issuer, Name: name, OTP: key, Created: now.UTC(), Updated: now.UTC()}, nil
}

func newID() string {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b)
}

// Add appends a to the vault. An account whose OTP key is already in the
// vault (same type, secret, algorithm, digits and period, whatever its label)
// is a duplicate: Add returns false and leaves the vault as it was. Add looks
// through every account; to add many, use AddAll or an Index.
//
// Adding an account back (an undone deletion) lifts its tombstone.
func (v *Vault) Add(a Account) bool {
	if a.HasOTP() && v.HasKey(a.OTP) {
		return false
	}
	v.Accounts = append(v.Accounts, a)
	delete(v.Deleted, a.ID)
	return true
}

// AddAll adds each of accts in turn, as Add does, and returns the indexes
// (into accts) of those it left out because their key was already in the
// vault, or earlier in accts. Nothing was added when the two lengths match.
// It takes time linear in the vault and accts together.
func (v *Vault) AddAll(accts []Account) (inVault []int) {
	x := v.Index()
	v.Accounts = slices.Grow(v.Accounts, len(accts))
	for i, a := range accts {
		if !x.Add(a) {
			inVault = append(inVault, i)
		}
	}
	return inVault
}

// HasKey reports whether an account already holds key (the HOTP counter aside).
func (v *Vault) HasKey(key otp.Key) bool {
	id := keyIDOf(key)
	for i := range v.Accounts {
		if keyIDOf(v.Accounts[i].OTP) == id {
			return true
		}
	}
	return false
}

// keyID is what makes two OTP keys the same key for Add: everything but
// the HOTP counter, which is state.
type keyID struct {
	typ       otp.Type
	secret    string
	algorithm otp.Algorithm
	digits    int
	period    int
}

func keyIDOf(k otp.Key) keyID {
	return keyID{k.Type, k.Secret, k.Algorithm, k.Digits, k.Period}
}

// Index finds a vault's accounts by ID and by OTP key in constant time, for
// operations that add or merge many accounts at once (an import, a recovery
// kit), which would take time quadratic in the vault's size with Add and
// Account. It is built once, in time linear in the vault, and stays right
// while accounts are added through it and no account's ID or key is changed
// or removed by other means.
type Index struct {
	v    *Vault
	byID map[string]int
	keys map[keyID]int // how many accounts hold each key
}

// Index indexes the vault's accounts by ID and by OTP key.
func (v *Vault) Index() *Index {
	x := &Index{v: v, byID: make(map[string]int, len(v.Accounts)), keys: make(map[keyID]int, len(v.Accounts))}
	for i := range v.Accounts {
		x.note(i)
	}
	return x
}

func (x *Index) note(i int) {
	a := &x.v.Accounts[i]
	if _, ok := x.byID[a.ID]; !ok {
		x.byID[a.ID] = i
	}
	x.keys[keyIDOf(a.OTP)]++
}

// Add is Vault.Add in constant time: it appends a unless its OTP key is in
// the vault already (lifting a's tombstone), and reports whether it did.
func (x *Index) Add(a Account) bool {
	if a.HasOTP() && x.HasKey(a.OTP) {
		return false
	}
	x.v.Accounts = append(x.v.Accounts, a)
	delete(x.v.Deleted, a.ID)
	x.note(len(x.v.Accounts) - 1)
	return true
}

// HasKey is Vault.HasKey in constant time.
func (x *Index) HasKey(key otp.Key) bool {
	return x.keys[keyIDOf(key)] > 0
}

// Replace puts a in the place of the account with a's ID, which may hold
// another key, and reports whether there was one to replace.
func (x *Index) Replace(a Account) bool {
	cur := x.Account(a.ID)
	if cur == nil {
		return false
	}
	old := keyIDOf(cur.OTP)
	if x.keys[old]--; x.keys[old] <= 0 {
		delete(x.keys, old)
	}
	x.keys[keyIDOf(a.OTP)]++
	*cur = a
	return true
}

// Account is Vault.Account in constant time: the account with the given
// ID, or nil. The pointer is good until the next Add.
func (x *Index) Account(id string) *Account {
	if i, ok := x.byID[id]; ok {
		return &x.v.Accounts[i]
	}
	return nil
}

// Account returns the account with the given ID, or nil.
func (v *Vault) Account(id string) *Account {
	for i := range v.Accounts {
		if v.Accounts[i].ID == id {
			return &v.Accounts[i]
		}
	}
	return nil
}

// Remove deletes the account with the given ID, leaving a tombstone dated
// at (see Vault.Deleted), and reports whether it existed.
func (v *Vault) Remove(id string, at time.Time) bool {
	for i := range v.Accounts {
		if v.Accounts[i].ID == id {
			v.Accounts = append(v.Accounts[:i], v.Accounts[i+1:]...)
			v.markDeleted(id, at)
			return true
		}
	}
	return false
}

// Find returns the one account that query names. Matching ignores case and
// character width (ＧｉｔＨｕｂ finds GitHub) and works for Japanese. An exact
// match of the issuer, the name or "issuer:name" wins over partial matches;
// otherwise the query must be part of exactly one account's issuer or name.
// No match is ErrNotFound; several are an *AmbiguousError.
func (v *Vault) Find(query string) (*Account, error) {
	pick, err := match(query, len(v.Accounts), func(i int, q string) (exact, partial bool) {
		a := v.Accounts[i]
		is, nm := Fold(a.Issuer), Fold(a.Name)
		exact = q == is || q == nm || q == is+":"+nm || q == Fold(a.Label()) || q == a.ID
		partial = strings.Contains(is, q) || strings.Contains(nm, q) || strings.Contains(is+":"+nm, q)
		return exact, partial
	})
	if err != nil || len(pick) == 1 {
		return pickOne(v.Accounts, pick), err
	}
	cands := make([]Account, len(pick))
	for i, j := range pick {
		cands[i] = v.Accounts[j]
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].Label() < cands[j].Label() })
	return nil, &AmbiguousError{Query: query, Candidates: cands}
}

// match folds query and returns the indices of the items it names: the exact
// matches if there are any, else the partial ones. No match is ErrNotFound.
func match(query string, n int, test func(i int, q string) (exact, partial bool)) ([]int, error) {
	q := Fold(query)
	if q == "" {
		return nil, fmt.Errorf("%w: empty query", ErrNotFound)
	}
	var exact, partial []int
	for i := 0; i < n; i++ {
		switch e, p := test(i, q); {
		case e:
			exact = append(exact, i)
		case p:
			partial = append(partial, i)
		}
	}
	if len(exact) == 0 {
		exact = partial
	}
	if len(exact) == 0 {
		return nil, fmt.Errorf("%w %q", ErrNotFound, query)
	}
	return exact, nil
}

// pickOne returns &items[pick[0]] when pick holds exactly one index, else nil.
func pickOne[T any](items []T, pick []int) *T {
	if len(pick) != 1 {
		return nil
	}
	return &items[pick[0]]
}

// Fold makes a string comparable for search: NFKC (full-width Latin to
// half-width, half-width katakana to full-width), case folded, katakana to
// hiragana (ミズホ finds みずほ), surrounding space trimmed.
func Fold(s string) string {
	s = cases.Fold().String(norm.NFKC.String(s))
	s = strings.Map(func(r rune) rune {
		if r >= 'ァ' && r <= 'ヶ' {
			return r - ('ァ' - 'ぁ')
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// Bindings describes every account for the phone and device risk checks of
// package phone, with the handset each of its authenticator apps runs on.
func (v *Vault) Bindings() []phone.AccountBindings {
	out := make([]phone.AccountBindings, len(v.Accounts))
	for i, a := range v.Accounts {
		out[i] = phone.AccountBindings{
			ID:              a.ID,
			Label:           a.Label(),
			Phones:          a.Phones,
			Devices:         a.Devices,
			Hosts:           phone.HostsOf(v.Devices, a.Devices),
			HasBackupCodes:  a.Backup.Total() > 0,
			BackupCodesLeft: a.Backup.Remaining(),
			BackupCodesLow:  a.Backup.Low(),
			HasTOTP:         a.HasOTP(),
			NeedsTwoDevices: a.NeedsTwoDevices,
		}
	}
	return out
}

// GridCard returns the one grid card whose name matches query, folded like
// Find (exact name first, then part of a name).
func (v *Vault) GridCard(query string) (*gridcard.Card, error) {
	pick, err := match(query, len(v.GridCards), func(i int, q string) (exact, partial bool) {
		n := Fold(v.GridCards[i].Name)
		return n == q || v.GridCards[i].ID == query, strings.Contains(n, q)
	})
	if err != nil || len(pick) == 1 {
		return pickOne(v.GridCards, pick), err
	}
	names := make([]string, len(pick))
	for i, j := range pick {
		names[i] = v.GridCards[j].Name
	}
	return nil, fmt.Errorf("%w: %q matches %d grid cards: %s", ErrAmbiguous, query, len(pick), strings.Join(names, ", "))
}

// PinnedFirst returns the accounts with the pinned ones first, each group
// keeping its order. The slice given is not changed.
func PinnedFirst(accts []Account) []Account {
	out := make([]Account, 0, len(accts))
	for _, a := range accts {
		if a.Pinned {
			out = append(out, a)
		}
	}
	for _, a := range accts {
		if !a.Pinned {
			out = append(out, a)
		}
	}
	return out
}
