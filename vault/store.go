package vault

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"filippo.io/age"
	"github.com/gofrs/flock"

	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/private"
)

// Errors a Store returns; callers translate them with errors.Is.
var (
	// ErrNewerVersion means the vault was written by a newer Mamori. It is never overwritten.
	ErrNewerVersion = errors.New("the vault was written by a newer version of Mamori")
	// ErrDamaged means vault.age could not be decrypted or decoded (truncated or tampered).
	ErrDamaged = errors.New("the vault file is damaged")
	// ErrKeyMissing means a vault exists but its key is not where the vault says it is.
	ErrKeyMissing = errors.New("the vault's key is missing")
	// ErrWrongPassphrase means the passphrase did not unlock the key.
	ErrWrongPassphrase = errors.New("wrong passphrase")
	// ErrPassphraseRequired means a passphrase is needed but none could be asked for.
	ErrPassphraseRequired = errors.New("a passphrase is required")
	// ErrNoVault means the operation needs a vault and the data directory has none yet.
	ErrNoVault = errors.New("there is no vault yet")
	// ErrNothingToRestore means RestoreBackup found a vault that opens normally.
	ErrNothingToRestore = errors.New("the vault opens normally; there is nothing to restore")
	// ErrUnchanged is returned by an Update function that found nothing to
	// change: Update then writes nothing and returns the vault as it was.
	ErrUnchanged = errors.New("nothing to change")
)

// KeyMissingError is returned, wrapping ErrKeyMissing, when a vault exists
// but its key cannot be found where key.json says it is. Mamori never creates
// a new vault over it.
type KeyMissingError struct {
	// Backend is where the key should have been: keystore.System or
	// keystore.File; empty when key.json itself is missing.
	Backend keystore.Mode
	// Detail says what exactly is missing.
	Detail string
}

func (e *KeyMissingError) Error() string {
	return fmt.Sprintf("%v: %s; Mamori will not create a new vault over the existing one", ErrKeyMissing, e.Detail)
}

// Unwrap lets errors.Is find ErrKeyMissing.
func (e *KeyMissingError) Unwrap() error { return ErrKeyMissing }

// Reason says why a Store asks for a passphrase.
type Reason int

const (
	// ReasonUnlock: the vault's key is protected by the app passphrase.
	ReasonUnlock Reason = iota
	// ReasonNewFileKey: there is no usable keyring, so a new vault's key will be
	// kept in the data directory, protected by a passphrase chosen now.
	ReasonNewFileKey
)

// PassphraseRequest is what a Store tells the person it asks for a passphrase.
type PassphraseRequest struct {
	Reason Reason
	// Attempt counts from 1; after a wrong passphrase it goes up.
	Attempt int
	// NoKeyring, when not nil, is why the OS keyring could not be used.
	NoKeyring error
}

// PassphraseFunc asks for a passphrase. Returning an error aborts the operation.
type PassphraseFunc func(PassphraseRequest) (string, error)

// Options configure a Store.
type Options struct {
	// Dir is the data directory; see DefaultDir.
	Dir string
	// Keyring chooses where a new vault's key goes (Auto tries the OS keyring first).
	Keyring keystore.Mode
	// Passphrase is called when a passphrase is needed; nil means none can be asked.
	Passphrase PassphraseFunc
	// ScryptWorkFactor sets the cost of passphrase wrapping (log2 N); 0 means age's default.
	ScryptWorkFactor int
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Step, when not nil, is called after every step of a save or a key
	// change that changes the disk, with its name: a test hook, so that a
	// test can kill the process at each one. Programs leave it nil.
	Step func(name string)
	// LocalDir is where this machine remembers the newest generation of
	// each vault it opened, outside the data folder; "" means
	// DefaultLocalDir.
	LocalDir string
}

// Info describes a vault without decrypting it.
type Info struct {
	Dir        string
	Exists     bool
	Backend    keystore.Mode // System or File
	Passphrase bool          // the key is passphrase-protected
}

// DamagedError is returned, wrapping ErrDamaged, when vault.age cannot be
// read. It says whether the previous generation is there to restore.
type DamagedError struct {
	// Path is the damaged file.
	Path string
	// Backup describes vault.age.bak when it exists and opens; nil otherwise.
	Backup *BackupInfo
	// Err is what went wrong while reading.
	Err error
}

// BackupInfo describes the previous generation kept beside the vault.
type BackupInfo struct {
	Path       string
	Generation uint64
	Saved      time.Time
	Accounts   int
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("%v: %s: %v", ErrDamaged, e.Path, e.Err)
}

// Unwrap lets errors.Is find ErrDamaged and the cause.
func (e *DamagedError) Unwrap() []error { return []error{ErrDamaged, e.Err} }

// Names of the files in the data directory.
const (
	vaultFile   = "vault.age"
	backupFile  = "vault.age.bak"
	lockFile    = "vault.lock"
	keyInfoFile = "key.json"
	keyFile     = "key.age"
)

// Limits that keep a hostile or broken file from exhausting memory.
const (
	maxVaultFile = 256 << 20 // encrypted size
	maxVaultJSON = 64 << 20  // decompressed size: hundreds of times a large vault
	maxKeyFile   = 16 << 10
)

// lockTimeout is how long Update waits for another process to finish saving.
const lockTimeout = 60 * time.Second

// keyInfo is key.json: where the vault's key is and which key it is. It holds
// nothing secret.
type keyInfo struct {
	Version int `json:"version"`
	keySlot
	// Next, while a passphrase change is under way, is the new key the
	// vault is being re-encrypted to (see rotate).
	Next *keySlot `json:"next,omitempty"`
	// Retire lists keys of the OS keyring that no vault is encrypted to
	// any more, still to be deleted.
	Retire []keySlot `json:"retire,omitempty"`
}

// keySlot is one key: its ID, where it is kept and whether a passphrase
// wraps it. A key in a file is in key.age, or in key.next.age while it
// is the next key of a passphrase change.
type keySlot struct {
	ID         string        `json:"id"`
	Backend    keystore.Mode `json:"backend"`
	Passphrase bool          `json:"passphrase"`
	Recipient  string        `json:"recipient"`
}

// entryName is the key's name in the OS keyring.
func (k keySlot) entryName() string { return "vault-" + k.ID }

// Store reads and writes one vault in a data directory. A Store caches the
// unlocked key, so a person is asked for a passphrase at most once per Store
// (until Lock). It is safe for use by several goroutines, and several
// processes may share a data directory.
type Store struct {
	opts    Options
	keyring keystore.Keyring

	mu sync.Mutex
	id *age.X25519Identity // the unlocked key, once known

	askMu sync.Mutex // guards opts.Passphrase
}

// DefaultDir is $MAMORI_HOME when set, else the "mamori" folder in the user's
// configuration directory (os.UserConfigDir), or the folder the vault was
// moved to from there (Store.MoveTo, PointDefaultDir).
func DefaultDir(getenv func(string) string) (string, error) {
	if d := getenv("MAMORI_HOME"); d != "" {
		abs, err := filepath.Abs(d)
		if err != nil {
			return "", fmt.Errorf("resolving MAMORI_HOME: %w", err)
		}
		return abs, nil
	}
	cfg, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the configuration directory: %w", err)
	}
	home := filepath.Join(cfg, "mamori")
	if moved, ok := pointedDir(home); ok {
		return moved, nil
	}
	return home, nil
}

// NewStore returns a Store for opts.Dir; it does no I/O. keyring is the OS
// keyring to use; nil means the real one (keystore.OS).
func NewStore(opts Options, keyring keystore.Keyring) *Store {
	if keyring == nil {
		keyring = keystore.OS{}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Store{opts: opts, keyring: keyring}
}

// Dir is the data directory the Store works in.
func (s *Store) Dir() string { return s.opts.Dir }

func (s *Store) path(name string) string { return filepath.Join(s.opts.Dir, name) }

// write is writeAtomic, calling the Step hook at each step.
func (s *Store) write(path string, data []byte) error {
	return writeAtomicSteps(path, data, s.opts.Step)
}

// step calls the Step hook, if any.
func (s *Store) step(name string) {
	if s.opts.Step != nil {
		s.opts.Step(name)
	}
}

// Info describes the vault in the data directory without unlocking it.
func (s *Store) Info() (Info, error) {
	info := Info{Dir: s.opts.Dir}
	if _, err := os.Stat(s.path(vaultFile)); err == nil {
		info.Exists = true
	} else if !errors.Is(err, fs.ErrNotExist) {
		return info, fmt.Errorf("reading vault: %w", err)
	}
	ki, err := s.readKeyInfo()
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return info, nil
	case err != nil:
		return info, err
	}
	info.Backend, info.Passphrase = ki.Backend, ki.Passphrase
	return info, nil
}

// SetPassphraseFunc replaces the function that asks for a passphrase, so an
// app can ask in its own window instead of the terminal.
func (s *Store) SetPassphraseFunc(f PassphraseFunc) {
	s.askMu.Lock()
	s.opts.Passphrase = f
	s.askMu.Unlock()
}

// Lock forgets the unlocked key; the next operation unlocks it again.
func (s *Store) Lock() {
	s.mu.Lock()
	s.id = nil
	s.mu.Unlock()
}

// Load returns the newest saved vault, unlocking the key if needed. With no
// vault in the directory yet it returns an empty vault and asks for nothing.
func (s *Store) Load() (*Vault, error) {
	if err := s.checkFolder(); err != nil {
		return nil, err
	}
	if err := s.settleIfNeeded(); err != nil {
		return nil, err
	}
	raw, err := s.readCurrent()
	if errors.Is(err, errMissingWithBackup) {
		return nil, s.damaged(err)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return New(), nil
	}
	if err != nil {
		return nil, err
	}
	ki, err := s.readKeyInfo()
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &KeyMissingError{Detail: keyInfoFile + " is missing"}
	}
	if err != nil {
		return nil, err
	}
	id, err := s.unlock(ki)
	if err != nil {
		return nil, err
	}
	v, proved, err := decode(raw, id)
	if err != nil {
		return nil, s.wrapDecodeError(err)
	}
	if err := s.admit(ki.ID, v, proved); err != nil {
		return nil, err
	}
	return v, nil
}

// Update locks the data directory, loads the newest vault (creating the vault
// and its key if there is none), calls fn and, if fn succeeds, saves the result
// as the next generation, keeping the one before as vault.age.bak. If fn or the
// save fails, nothing on disk changes and the error is returned. If fn returns
// ErrUnchanged, nothing is written and the vault is returned as it was read.
//
// With no vault yet, fn runs on an empty vault before a key is made, so a
// change that fails creates no key and asks for no passphrase.
func (s *Store) Update(fn func(*Vault) error) (*Vault, error) {
	var out *Vault
	err := s.locked(func() error {
		raw, err := s.readVaultFile(vaultFile)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		fresh := raw == nil && !s.exists(backupFile)
		if raw == nil && !fresh {
			return s.damaged(errors.New("the file is missing but its backup is there"))
		}
		v := New()
		if fresh {
			if err := fn(v); err != nil {
				if errors.Is(err, ErrUnchanged) {
					out = v
					return nil
				}
				return err
			}
		}
		ki, err := s.readKeyInfo()
		switch {
		case errors.Is(err, fs.ErrNotExist) && fresh:
			ki, err = s.createKey()
		case errors.Is(err, fs.ErrNotExist):
			err = &KeyMissingError{Detail: keyInfoFile + " is missing"}
		case err == nil:
			ki, err = s.settle(ki)
		}
		if err != nil {
			return err
		}
		id, err := s.unlock(ki)
		if errors.Is(err, ErrKeyMissing) && fresh {
			// Nothing is encrypted to the lost key: start again with a new one.
			if ki, err = s.createKey(); err == nil {
				id, err = s.unlock(ki)
			}
		}
		if err != nil {
			return err
		}
		if raw != nil {
			var proved bool
			if v, proved, err = decode(raw, id); err != nil {
				return s.wrapDecodeError(err)
			}
			if err := s.admit(ki.ID, v, proved); err != nil {
				return err
			}
			if err := fn(v); err != nil {
				if errors.Is(err, ErrUnchanged) {
					out = v
					return nil
				}
				return err
			}
		}
		v.Version = SchemaVersion
		v.Generation++
		v.Saved = s.opts.Now().UTC().Truncate(time.Second)
		enc, err := encode(v, id)
		if err != nil {
			return err
		}
		if raw != nil {
			if err := s.write(s.path(backupFile), raw); err != nil {
				return fmt.Errorf("keeping the previous generation: %w", err)
			}
		}
		if err := s.write(s.path(vaultFile), enc); err != nil {
			return fmt.Errorf("saving vault: %w", err)
		}
		out = v
		return s.remember(ki.ID, v.Generation, true, false)
	})
	return out, err
}

// SetPassphrase protects the vault with pass, or removes the protection
// when pass is empty, which only a key in the OS keyring allows: a key file
// in the data directory must stay wrapped. The current passphrase, if any,
// is asked for first. It makes a new vault key, re-encrypts the vault and
// its backup to it and retires the old key (see rotate), so that the old
// key and passphrase open nothing saved from now on.
func (s *Store) SetPassphrase(pass string) error {
	return s.locked(func() error {
		ki, err := s.readKeyInfo()
		if errors.Is(err, fs.ErrNotExist) {
			return ErrNoVault
		}
		if err != nil {
			return err
		}
		if ki, err = s.settle(ki); err != nil {
			return err
		}
		id, err := s.unlock(ki)
		if err != nil {
			return err
		}
		if pass == "" && ki.Backend == keystore.File {
			return ErrFileKeyNeedsPassphrase
		}
		return s.rotate(ki, id, pass)
	})
}

// ErrKeyNotProtected means the stored key is not wrapped with a passphrase
// although key.json says it is, or it is kept in a file, which always is:
// someone may have replaced it. Mamori refuses to use it.
var ErrKeyNotProtected = errors.New("the vault's key is not protected by a passphrase, though it should be")

// ErrFileKeyNeedsPassphrase means the passphrase of a key kept in a file cannot
// be removed: without it the key would lie on disk in the clear.
var ErrFileKeyNeedsPassphrase = errors.New("a vault key kept in a file must stay protected by a passphrase")

// RestoreBackup replaces a damaged vault.age with the previous generation,
// after checking that the backup opens. The damaged file is kept beside it as
// vault.age.damaged-TIME. A vault that opens normally is left alone.
func (s *Store) RestoreBackup() (*Vault, error) {
	var out *Vault
	err := s.locked(func() error {
		ki, err := s.readKeyInfo()
		if err != nil {
			return fmt.Errorf("reading key information: %w", err)
		}
		if ki, err = s.settle(ki); err != nil {
			return err
		}
		id, err := s.unlock(ki)
		if err != nil {
			return err
		}
		m, err := s.recall(ki.ID)
		if err != nil {
			return err
		}
		raw, err := s.readVaultFile(vaultFile)
		if err == nil {
			if _, proved, derr := decode(raw, id); derr == nil && (proved || !m.Proof) {
				return ErrNothingToRestore
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		bak, err := s.readVaultFile(backupFile)
		if err != nil {
			return fmt.Errorf("reading the backup: %w", err)
		}
		bv, proved, err := decode(bak, id)
		if err == nil && !proved && m.Proof {
			err = fmt.Errorf("%w: it carries no proof", ErrForged)
		}
		if err != nil {
			return fmt.Errorf("the backup is damaged too: %w", err)
		}
		if raw != nil {
			aside, err := s.freeName(vaultFile + ".damaged-" + s.opts.Now().UTC().Format("20060102T150405Z"))
			if err != nil {
				return fmt.Errorf("moving the damaged vault aside: %w", err)
			}
			if err := os.Rename(s.path(vaultFile), aside); err != nil {
				return fmt.Errorf("moving the damaged vault aside: %w", err)
			}
		}
		if err := s.write(s.path(vaultFile), bak); err != nil {
			return fmt.Errorf("restoring the backup: %w", err)
		}
		out = bv
		// Restoring is a person's choice: the older generation is accepted.
		return s.remember(ki.ID, bv.Generation, proved, true)
	})
	return out, err
}

// settleIfNeeded settles, under the lock, a passphrase change a killed
// process left under way (see settle); it does nothing, and takes no lock,
// when there is none.
func (s *Store) settleIfNeeded() error {
	ki, err := s.readKeyInfo()
	if err != nil || ki.Next == nil && len(ki.Retire) == 0 && !s.exists(nextKeyFile) && !s.exists(nextBackupFile) {
		return nil // Load reports a key.json it cannot read
	}
	return s.locked(func() error {
		ki, err := s.readKeyInfo()
		if err != nil {
			return err
		}
		_, err = s.settle(ki)
		return err
	})
}

// freeName is the path of name in the data directory, or of name-2, name-3
// and so on when it is taken, so that a file set aside never replaces an
// earlier one. Call it holding the lock.
func (s *Store) freeName(name string) (string, error) {
	for i := 1; ; i++ {
		p := s.path(name)
		if i > 1 {
			p = s.path(fmt.Sprintf("%s-%d", name, i))
		}
		_, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
		if err != nil {
			return "", err
		}
	}
}

// locked runs fn holding the data directory's lock, which every writer takes.
func (s *Store) locked(fn func() error) error {
	if err := private.MkdirAll(s.opts.Dir); err != nil {
		return fmt.Errorf("creating data directory: %w", err)
	}
	if err := s.checkFolder(); err != nil {
		return err
	}
	l := flock.New(s.path(lockFile), flock.SetPermissions(0o600), flock.SetFlag(lockFlags))
	ctx, cancel := context.WithTimeout(context.Background(), lockTimeout)
	defer cancel()
	ok, err := l.TryLockContext(ctx, 20*time.Millisecond)
	if err != nil {
		if err := lockOpenError(s.path(lockFile), err); errors.Is(err, ErrUnsafeFolder) {
			return err
		}
	}
	if err != nil || !ok {
		return fmt.Errorf("waiting for another Mamori to finish saving: %w", errOr(err, ctx.Err()))
	}
	defer l.Unlock() //nolint:errcheck // closing the descriptor releases the lock anyway
	removeStaleTemps(s.opts.Dir)
	return fn()
}

func errOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func (s *Store) exists(name string) bool {
	_, err := os.Stat(s.path(name))
	return err == nil
}

func (s *Store) readVaultFile(name string) ([]byte, error) {
	f, err := openShared(s.path(name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxVaultFile+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(raw) > maxVaultFile {
		return nil, fmt.Errorf("reading %s: larger than %d MiB, not a Mamori vault", name, maxVaultFile>>20)
	}
	return raw, nil
}

// damaged builds a DamagedError for vault.age, describing the backup if it opens.
func (s *Store) damaged(cause error) error {
	e := &DamagedError{Path: s.path(vaultFile), Err: cause}
	s.mu.Lock()
	id := s.id
	s.mu.Unlock()
	if id == nil {
		if ki, err := s.readKeyInfo(); err == nil {
			id, _ = s.unlock(ki)
		}
	}
	if id != nil {
		if bak, err := s.readVaultFile(backupFile); err == nil {
			if bv, _, err := decode(bak, id); err == nil {
				e.Backup = &BackupInfo{Path: s.path(backupFile), Generation: bv.Generation, Saved: bv.Saved, Accounts: len(bv.Accounts)}
			}
		}
	}
	return e
}

func (s *Store) wrapDecodeError(err error) error {
	if errors.Is(err, ErrNewerVersion) {
		return err
	}
	if errors.Is(err, ErrForged) {
		err = fmt.Errorf("%w: its proof does not match", ErrForged)
	}
	return s.damaged(err)
}

func (s *Store) readKeyInfo() (keyInfo, error) {
	var ki keyInfo
	b, err := readSmall(s.path(keyInfoFile), maxKeyFile)
	if err != nil {
		return ki, err
	}
	if err := json.Unmarshal(b, &ki); err != nil {
		return ki, fmt.Errorf("reading %s: %w", keyInfoFile, err)
	}
	if ki.Version > 1 {
		return ki, fmt.Errorf("%w (%s version %d)", ErrNewerVersion, keyInfoFile, ki.Version)
	}
	if ki.ID == "" || (ki.Backend != keystore.System && ki.Backend != keystore.File) {
		return ki, fmt.Errorf("reading %s: missing key id or unknown backend %q", keyInfoFile, ki.Backend)
	}
	return ki, nil
}

func (s *Store) writeKeyInfo(ki keyInfo) error {
	b, err := json.MarshalIndent(ki, "", "  ")
	if err != nil {
		return err
	}
	if err := s.write(s.path(keyInfoFile), append(b, '\n')); err != nil {
		return fmt.Errorf("writing %s: %w", keyInfoFile, err)
	}
	return nil
}

// readKey returns the stored (possibly wrapped) key from its backend.
func (s *Store) readKey(ki keyInfo) (string, error) { return s.readSlot(ki.keySlot, keyFile) }

// readSlot returns the stored key of slot: from the OS keyring, or from
// file in the data directory.
func (s *Store) readSlot(ki keySlot, file string) (string, error) {
	switch ki.Backend {
	case keystore.System:
		stored, err := s.keyring.Get(ki.entryName())
		if errors.Is(err, keystore.ErrNotFound) {
			return "", &KeyMissingError{Backend: keystore.System,
				Detail: fmt.Sprintf("the OS keyring has no entry %q for service %q", ki.entryName(), keystore.Service)}
		}
		if err != nil {
			return "", fmt.Errorf("reading the vault key: %w", err)
		}
		return stored, nil
	default:
		f, err := openShared(s.path(file))
		if errors.Is(err, fs.ErrNotExist) {
			return "", &KeyMissingError{Backend: keystore.File, Detail: s.path(file) + " is missing"}
		}
		if err != nil {
			return "", fmt.Errorf("reading the vault key: %w", err)
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxKeyFile))
		if err != nil {
			return "", fmt.Errorf("reading the vault key: %w", err)
		}
		return string(b), nil
	}
}

func (s *Store) writeKey(ki keyInfo, stored string) error {
	return s.writeSlot(ki.keySlot, keyFile, stored)
}

// writeSlot stores the key of slot: in the OS keyring, or in file in the
// data directory.
func (s *Store) writeSlot(ki keySlot, file, stored string) error {
	if ki.Backend == keystore.System {
		if err := s.keyring.Set(ki.entryName(), stored); err != nil {
			return fmt.Errorf("storing the vault key: %w", err)
		}
		return nil
	}
	if err := s.write(s.path(file), []byte(stored)); err != nil {
		return fmt.Errorf("storing the vault key: %w", err)
	}
	return nil
}

// unlock returns the vault's identity, asking for the passphrase if the key
// is wrapped. A wrong passphrase is asked again for as long as the
// PassphraseFunc keeps answering (at most maxAttempts times).
func (s *Store) unlock(ki keyInfo) (*age.X25519Identity, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.id != nil && s.id.Recipient().String() == ki.Recipient {
		return s.id, nil
	}
	stored, err := s.readKey(ki)
	if err != nil {
		return nil, err
	}
	var id *age.X25519Identity
	if !keystore.Wrapped(stored) {
		if ki.Passphrase || ki.Backend == keystore.File {
			// Only someone replacing the key writes a bare key where a
			// wrapped one belongs: asking nothing would accept their key.
			return nil, ErrKeyNotProtected
		}
		if id, err = keystore.Unwrap(stored, ""); err != nil {
			return nil, err
		}
	} else {
		for attempt := 1; ; attempt++ {
			if attempt > maxAttempts {
				return nil, ErrWrongPassphrase
			}
			pass, err := s.ask(PassphraseRequest{Reason: ReasonUnlock, Attempt: attempt})
			if err != nil {
				return nil, err
			}
			id, err = keystore.Unwrap(stored, pass)
			if errors.Is(err, keystore.ErrWrongPassphrase) {
				continue
			}
			if err != nil {
				return nil, err
			}
			break
		}
	}
	if id.Recipient().String() != ki.Recipient {
		return nil, &KeyMissingError{Backend: ki.Backend, Detail: "the stored key is not the one this vault was made with"}
	}
	s.id = id
	return id, nil
}

// maxAttempts bounds passphrase retries so a PassphraseFunc that always
// answers cannot loop forever.
const maxAttempts = 5

func (s *Store) ask(req PassphraseRequest) (string, error) {
	s.askMu.Lock()
	f := s.opts.Passphrase
	s.askMu.Unlock()
	if f == nil {
		return "", ErrPassphraseRequired
	}
	pass, err := f(req)
	if err != nil {
		return "", err
	}
	if pass == "" {
		return "", ErrPassphraseRequired
	}
	return pass, nil
}

// createKey makes the key of a new vault and stores it: in the OS keyring when
// it works (and the options allow), else wrapped with a passphrase in a file.
func (s *Store) createKey() (keyInfo, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return keyInfo{}, fmt.Errorf("generating the vault key: %w", err)
	}
	ki := keyInfo{Version: 1, keySlot: keySlot{ID: newID(), Recipient: id.Recipient().String()}}
	var noKeyring error
	if s.opts.Keyring != keystore.File {
		err := s.keyring.Set(ki.entryName(), id.String())
		switch {
		case err == nil:
			ki.Backend = keystore.System
		case s.opts.Keyring == keystore.System:
			return keyInfo{}, fmt.Errorf("storing the vault key: %w", err)
		default:
			noKeyring = err
		}
	}
	if ki.Backend == "" {
		pass, err := s.ask(PassphraseRequest{Reason: ReasonNewFileKey, Attempt: 1, NoKeyring: noKeyring})
		if err != nil {
			if noKeyring != nil {
				return keyInfo{}, fmt.Errorf("%w (no usable OS keyring: %v)", err, noKeyring)
			}
			return keyInfo{}, err
		}
		wrapped, err := keystore.Wrap(id, pass, s.opts.ScryptWorkFactor)
		if err != nil {
			return keyInfo{}, err
		}
		ki.Backend, ki.Passphrase = keystore.File, true
		if err := s.writeKey(ki, wrapped); err != nil {
			return keyInfo{}, err
		}
	}
	if err := s.writeKeyInfo(ki); err != nil {
		return keyInfo{}, err
	}
	s.mu.Lock()
	s.id = id
	s.mu.Unlock()
	return ki, nil
}
