// Package kit makes and reads recovery kits: everything in a vault, or a
// chosen part of it, as one age-encrypted file that outlives Mamori.
//
// A kit is encrypted to age recipients (X25519 "age1…" keys, or SSH keys for
// compatibility) or to a passphrase (age's scrypt recipient), optionally
// armored as PEM text. Decrypted with the standard age tool, it is a readable,
// versioned JSON document:
//
//	{
//	  "format": "mamori-recovery-kit",
//	  "version": 1,
//	  "created": "2026-11-22T00:00:00Z",
//	  "about": "…what this file is and how to use it…",
//	  "vault": { …the vault document: accounts with their OTP keys, backup
//	             codes and their used state, phone numbers, recovery details,
//	             grid cards… }
//	}
//
// so a person holding a kit can always get their secrets back, with or
// without Mamori.
package kit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"filippo.io/age/armor"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
)

// FormatName is the "format" field of every kit.
const FormatName = "mamori-recovery-kit"

// Version is the kit format version this build writes and reads.
const Version = 1

// about is written into every kit for whoever opens it without Mamori.
const about = "Mamori recovery kit. \"vault\" holds your accounts: each account's otp.secret is its " +
	"authenticator key (Base32; otp.type, algorithm, digits and period say how codes are made), " +
	"backup holds its backup codes (used ones carry the time they were used), phones the numbers it " +
	"sends codes to, recovery what its support will ask. grid_cards are your printed challenge cards. " +
	"Import it with: mamori kit import FILE. Keep this file as safe as the accounts themselves."

// Kit is the decrypted content of a recovery kit.
type Kit struct {
	Format  string       `json:"format"`
	Version int          `json:"version"`
	Created time.Time    `json:"created"`
	About   string       `json:"about"`
	Vault   *vault.Vault `json:"vault"`
}

// Errors for the ways a kit fails to open; callers translate them with errors.Is.
var (
	// ErrNoRecipient means an export was asked for with neither recipients nor a passphrase.
	ErrNoRecipient = errors.New("a kit needs at least one recipient or a passphrase")
	// ErrWrongKey means none of the given identities can open the kit.
	ErrWrongKey = errors.New("none of the given keys opens this kit")
	// ErrWrongPassphrase means the passphrase does not open the kit.
	ErrWrongPassphrase = errors.New("wrong passphrase for this kit")
	// ErrNeedPassphrase means the kit is passphrase-protected and no passphrase was given.
	ErrNeedPassphrase = errors.New("this kit is protected by a passphrase")
	// ErrNeedIdentity means the kit is encrypted to keys and no identity was given.
	ErrNeedIdentity = errors.New("this kit is encrypted to a key; give its identity file")
	// ErrDamaged means the kit is truncated, tampered with or not an age file.
	ErrDamaged = errors.New("the kit is damaged or not an age file")
	// ErrNotKit means the file decrypts but is not a Mamori recovery kit.
	ErrNotKit = errors.New("the file is not a Mamori recovery kit")
	// ErrNewerVersion means the kit was written by a newer Mamori.
	ErrNewerVersion = errors.New("the kit was written by a newer version of Mamori")
	// ErrUnknownAccount means a subset named an account the vault does not have.
	ErrUnknownAccount = errors.New("no such account in the vault")
	// ErrTooCostly means a passphrase kit asks for more scrypt work than
	// Mamori allows; see *CostError.
	ErrTooCostly = errors.New("the kit asks for more passphrase work than Mamori allows")
)

// MaxScryptWorkFactor is the highest scrypt work factor (log2 N) Open
// accepts unless told otherwise: Mamori writes kits at age's default (18);
// 20 leaves room for a person who chose a slower one and keeps a hostile
// kit under about a second and 256 MiB of memory.
const MaxScryptWorkFactor = 20

// CostError is returned, wrapping ErrTooCostly, when a kit's scrypt work
// factor is above the cap. It is checked before any scrypt work is done.
type CostError struct {
	// Asked is the work factor the kit names; Max the highest allowed.
	Asked, Max int
}

func (e *CostError) Error() string {
	return fmt.Sprintf("%v: scrypt work factor %d, at most %d", ErrTooCostly, e.Asked, e.Max)
}

// Unwrap lets errors.Is find ErrTooCostly.
func (e *CostError) Unwrap() error { return ErrTooCostly }

// maxKit bounds what Open reads and decompresses.
const maxKit = 256 << 20

// ExportOptions choose who can open a kit and what goes in it.
type ExportOptions struct {
	// Recipients can open the kit with their identities.
	Recipients []age.Recipient
	// Passphrase, when set, encrypts the kit with age's scrypt recipient.
	// age allows a passphrase only on its own, so it excludes Recipients.
	Passphrase string
	// ScryptWorkFactor is scrypt's log2(N); 0 keeps age's default.
	ScryptWorkFactor int
	// Armor writes PEM text instead of binary.
	Armor bool
	// AccountIDs limits the kit to these accounts, the devices they are
	// bound to and the phone-number and device changes that concern them
	// (and nothing else but grid cards listed in GridCardIDs); nil means the
	// whole vault.
	AccountIDs []string
	// GridCardIDs limits the grid cards in a subset kit.
	GridCardIDs []string
	// Now is the kit's creation time; zero means time.Now.
	Now time.Time
}

// Export writes v, or the part opts chooses, as an encrypted kit to w.
func Export(w io.Writer, v *vault.Vault, opts ExportOptions) error {
	content, err := subset(v, opts)
	if err != nil {
		return err
	}
	var recipients []age.Recipient
	switch {
	case opts.Passphrase != "" && len(opts.Recipients) > 0:
		return errors.New("exporting kit: a passphrase cannot be combined with recipients")
	case opts.Passphrase != "":
		r, err := age.NewScryptRecipient(opts.Passphrase)
		if err != nil {
			return fmt.Errorf("exporting kit: %w", err)
		}
		if opts.ScryptWorkFactor > 0 {
			r.SetWorkFactor(opts.ScryptWorkFactor)
		}
		recipients = []age.Recipient{r}
	case len(opts.Recipients) > 0:
		recipients = opts.Recipients
	default:
		return ErrNoRecipient
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	doc, err := json.MarshalIndent(Kit{Format: FormatName, Version: Version, Created: now.UTC().Truncate(time.Second), About: about, Vault: content}, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding kit: %w", err)
	}
	out := w
	var aw io.WriteCloser
	if opts.Armor {
		aw = armor.NewWriter(w)
		out = aw
	}
	ew, err := age.Encrypt(out, recipients...)
	if err != nil {
		return fmt.Errorf("encrypting kit: %w", err)
	}
	if _, err := ew.Write(append(doc, '\n')); err != nil {
		return fmt.Errorf("writing kit: %w", err)
	}
	if err := ew.Close(); err != nil {
		return fmt.Errorf("writing kit: %w", err)
	}
	if aw != nil {
		if err := aw.Close(); err != nil {
			return fmt.Errorf("writing kit: %w", err)
		}
	}
	return nil
}

// subset returns a copy of v holding only what opts asks for: the chosen
// accounts and grid cards, the devices those accounts are bound to, and the
// phone-number and device changes that concern them (with only their own
// accounts ticked off), so a subset kit is whole in itself.
func subset(v *vault.Vault, opts ExportOptions) (*vault.Vault, error) {
	if opts.AccountIDs == nil && opts.GridCardIDs == nil {
		return v, nil
	}
	out := vault.New()
	out.Version, out.Generation, out.Saved = v.Version, v.Generation, v.Saved
	chosen := map[string]bool{}
	numbers := map[phone.E164]bool{}
	devices := map[string]bool{}
	for _, id := range opts.AccountIDs {
		a := v.Account(id)
		if a == nil {
			return nil, fmt.Errorf("%w: %s", ErrUnknownAccount, id)
		}
		if chosen[a.ID] {
			continue
		}
		chosen[a.ID] = true
		out.Accounts = append(out.Accounts, *a)
		for _, b := range a.Phones {
			numbers[b.Number] = true
		}
		for _, d := range a.Devices {
			devices[d] = true
		}
	}
	for _, c := range v.PhoneChanges {
		if numbers[c.Old] || (c.New != "" && numbers[c.New]) {
			c.Done = doneFor(c.Done, chosen)
			out.PhoneChanges = append(out.PhoneChanges, c)
		}
	}
	for _, c := range v.DeviceChanges {
		if devices[c.Old] || (c.New != "" && devices[c.New]) {
			devices[c.Old] = true
			if c.New != "" {
				devices[c.New] = true
			}
			c.Done = doneFor(c.Done, chosen)
			out.DeviceChanges = append(out.DeviceChanges, c)
		}
	}
	for _, d := range v.Devices {
		if devices[d.ID] {
			out.Devices = append(out.Devices, d)
		}
	}
	for _, id := range opts.GridCardIDs {
		found := false
		for _, c := range v.GridCards {
			if c.ID == id {
				out.GridCards = append(out.GridCards, c)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("%w: grid card %s", ErrUnknownAccount, id)
		}
	}
	return out, nil
}

// doneFor returns the entries of done for the chosen accounts, nil if none.
func doneFor(done map[string]time.Time, chosen map[string]bool) map[string]time.Time {
	var out map[string]time.Time
	for id, at := range done {
		if chosen[id] {
			if out == nil {
				out = map[string]time.Time{}
			}
			out[id] = at
		}
	}
	return out
}

// ParseRecipients reads recipients, one per string: age X25519 ("age1…"),
// age post-quantum hybrid ("age1pq1…"), or an SSH public key line
// ("ssh-ed25519 …", "ssh-rsa …") for compatibility.
func ParseRecipients(specs []string) ([]age.Recipient, error) {
	var out []age.Recipient
	for i, s := range specs {
		s = strings.TrimSpace(s)
		var (
			r   age.Recipient
			err error
		)
		if strings.HasPrefix(s, "ssh-") {
			r, err = agessh.ParseRecipient(s)
		} else {
			var rs []age.Recipient
			rs, err = age.ParseRecipients(strings.NewReader(s))
			if err == nil {
				r = rs[0]
			}
		}
		if err != nil {
			// Neither the value nor age's message about it is repeated: it
			// may be a private key given by mistake.
			return nil, fmt.Errorf("recipient %d is not an age or SSH public key", i+1)
		}
		out = append(out, r)
	}
	return out, nil
}

// ParseIdentities reads an identity file: age identities ("AGE-SECRET-KEY-1…"
// lines, as age-keygen writes) or an unencrypted SSH private key.
func ParseIdentities(data []byte) ([]age.Identity, error) {
	if bytes.Contains(data, []byte("PRIVATE KEY-----")) {
		id, err := agessh.ParseIdentity(data)
		if err != nil {
			return nil, fmt.Errorf("reading SSH identity: %v", err)
		}
		return []age.Identity{id}, nil
	}
	ids, err := age.ParseIdentities(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("reading identity file: %v", err)
	}
	return ids, nil
}

// OpenOptions say how to open a kit.
type OpenOptions struct {
	// Identities open a kit encrypted to recipients.
	Identities []age.Identity
	// Passphrase is called when the kit is passphrase-protected.
	Passphrase func() (string, error)
	// MaxScryptWorkFactor bounds the scrypt cost a kit may demand; 0 means
	// the package's MaxScryptWorkFactor.
	MaxScryptWorkFactor int
}

// Open decrypts and decodes a kit, armored or binary.
func Open(r io.Reader, opts OpenOptions) (*Kit, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxKit+1))
	if err != nil {
		return nil, fmt.Errorf("reading kit: %w", err)
	}
	if len(raw) > maxKit {
		return nil, fmt.Errorf("%w: larger than %d MiB", ErrDamaged, maxKit>>20)
	}
	var src io.Reader = bytes.NewReader(raw)
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("-----BEGIN AGE ENCRYPTED FILE-----")) {
		src = armor.NewReader(bytes.NewReader(bytes.TrimSpace(raw)))
	}
	body, err := io.ReadAll(src)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	scrypt, logN, err := passphraseProtected(body)
	if err != nil {
		return nil, err
	}
	maxLogN := opts.MaxScryptWorkFactor
	if maxLogN <= 0 {
		maxLogN = MaxScryptWorkFactor
	}
	if scrypt && logN > maxLogN {
		return nil, &CostError{Asked: logN, Max: maxLogN}
	}
	ids := opts.Identities
	if scrypt {
		if opts.Passphrase == nil {
			return nil, ErrNeedPassphrase
		}
		pass, err := opts.Passphrase()
		if err != nil {
			return nil, err
		}
		sid, err := age.NewScryptIdentity(pass)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrWrongPassphrase, err)
		}
		sid.SetMaxWorkFactor(maxLogN)
		ids = []age.Identity{sid}
	} else if len(ids) == 0 {
		return nil, ErrNeedIdentity
	}
	dr, err := age.Decrypt(bytes.NewReader(body), ids...)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		switch {
		case errors.As(err, &noMatch) && scrypt:
			return nil, ErrWrongPassphrase
		case errors.As(err, &noMatch):
			return nil, ErrWrongKey
		}
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	doc, err := io.ReadAll(io.LimitReader(dr, maxKit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return decode(doc)
}

// passphraseProtected reads the age header's stanzas: a kit is either
// passphrase-protected (one scrypt stanza) or encrypted to keys.
func passphraseProtected(body []byte) (scrypt bool, logN int, err error) {
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	if !sc.Scan() || sc.Text() != "age-encryption.org/v1" {
		return false, 0, fmt.Errorf("%w: no age header", ErrDamaged)
	}
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "---") {
			return false, 0, nil
		}
		if strings.HasPrefix(line, "-> scrypt ") {
			// "-> scrypt SALT LOGN": age itself refuses a malformed stanza.
			f := strings.Fields(line)
			if len(f) == 4 {
				if n, err := strconv.Atoi(f[3]); err == nil {
					logN = n
				}
			}
			return true, logN, nil
		}
	}
	return false, 0, fmt.Errorf("%w: the age header is cut short", ErrDamaged)
}

// decode checks and parses a decrypted kit document.
func decode(doc []byte) (*Kit, error) {
	var k Kit
	if err := json.Unmarshal(doc, &k); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotKit, err)
	}
	switch {
	case k.Format != FormatName:
		return nil, ErrNotKit
	case k.Version > Version:
		return nil, fmt.Errorf("%w (kit version %d; this build reads up to %d)", ErrNewerVersion, k.Version, Version)
	case k.Version < 1 || k.Vault == nil:
		return nil, fmt.Errorf("%w: no version or no vault", ErrNotKit)
	case k.Vault.Version > vault.SchemaVersion:
		return nil, fmt.Errorf("%w (vault schema %d)", ErrNewerVersion, k.Vault.Version)
	}
	if k.Vault.Accounts == nil {
		k.Vault.Accounts = []vault.Account{}
	}
	for i, a := range k.Vault.Accounts {
		if a.ID == "" {
			return nil, fmt.Errorf("%w: account %d has no id", ErrNotKit, i+1)
		}
		if a.HasOTP() {
			if err := a.OTP.Validate(); err != nil {
				return nil, fmt.Errorf("%w: account %d (%s): %v", ErrNotKit, i+1, a.Label(), err)
			}
		}
	}
	for i, c := range k.Vault.GridCards {
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("%w: grid card %d: %v", ErrNotKit, i+1, err)
		}
	}
	return &k, nil
}
