package vault

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"filippo.io/age"

	"github.com/mamori-app/mamori/vault/keystore"
)

// A passphrase change makes a new vault key, re-encrypts vault.age and its
// backup to it and retires the old key, so that an old key.age (or keyring
// entry) and the old passphrase open nothing saved after the change. The
// steps (rotate) are ordered so that a process killed at any moment leaves
// a vault that opens with the old or the new passphrase:
//
//  1. key.json names a new key as "next", which is then stored beside the
//     old one (key.next.age, or a keyring entry of its own);
//  2. the backup is re-encrypted to vault.age.bak.next;
//  3. vault.age is re-encrypted, as the next generation: from here on the
//     change is done;
//  4. vault.age.bak.next replaces the backup, key.next.age replaces key.age
//     and key.json names the new key alone, the old keyring entry listed to
//     be retired; then that entry is deleted.
//
// An interrupted change is finished or undone (settle) by the next process
// that takes the lock, with whichever key opens vault.age.

// Files of a passphrase change under way.
const (
	nextKeyFile    = "key.next.age"
	nextBackupFile = "vault.age.bak.next"
)

// rotate replaces the vault's key, id, with a new one wrapped with pass
// (kept bare in the keyring when pass is empty). Call it holding the lock,
// with ki settled.
func (s *Store) rotate(ki keyInfo, id *age.X25519Identity, pass string) error {
	raw, err := s.readVaultFile(vaultFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var v *Vault
	if raw != nil {
		var proved bool
		if v, proved, err = decode(raw, id); err != nil {
			return s.wrapDecodeError(err)
		}
		if err := s.admit(ki.ID, v, proved); err != nil {
			return err
		}
	}
	nid, err := age.GenerateX25519Identity()
	if err != nil {
		return fmt.Errorf("generating the vault key: %w", err)
	}
	next := keySlot{ID: newID(), Backend: ki.Backend, Passphrase: pass != "", Recipient: nid.Recipient().String()}
	stored := nid.String()
	if pass != "" {
		if stored, err = keystore.Wrap(nid, pass, s.opts.ScryptWorkFactor); err != nil {
			return err
		}
	}
	// key.json names the next key before it is stored, so that a keyring
	// entry is never left behind unnamed (settle retires it).
	ki.Next = &next
	if err := s.writeKeyInfo(ki); err != nil {
		return err
	}
	s.step("rotate: key.json names the next key")
	if err := s.writeSlot(next, nextKeyFile, stored); err != nil {
		return err
	}
	s.step("rotate: new key stored")
	if err := s.resealBackup(ki, id, nid); err != nil {
		return err
	}
	if v != nil {
		v.Version = SchemaVersion
		v.Generation++
		v.Saved = s.opts.Now().UTC().Truncate(time.Second)
		enc, err := encode(v, nid)
		if err != nil {
			return err
		}
		if err := s.write(s.path(vaultFile), enc); err != nil {
			return fmt.Errorf("saving vault: %w", err)
		}
		s.step("rotate: vault re-encrypted")
	}
	return s.finish(ki, nid)
}

// resealBackup re-encrypts vault.age.bak, when it opens with the old key
// and may be used, to the new key as vault.age.bak.next.
func (s *Store) resealBackup(ki keyInfo, old, next *age.X25519Identity) error {
	bak, err := s.readVaultFile(backupFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	doc, mac, err := open(bak, old)
	if err != nil {
		return nil // a damaged backup stays as it is
	}
	m, err := s.recall(ki.ID)
	if err != nil {
		return err
	}
	if mac == nil && m.Proof || mac != nil && !bytes.Equal(mac, proof(old, doc)) {
		return nil // nor is a forged one given a proof
	}
	enc, err := seal(doc, next)
	if err != nil {
		return err
	}
	if err := s.write(s.path(nextBackupFile), enc); err != nil {
		return fmt.Errorf("re-encrypting the backup: %w", err)
	}
	s.step("rotate: backup re-encrypted")
	return nil
}

// finish completes a change whose vault.age is encrypted to ki.Next (newID):
// the new backup and key file take the old ones' places, key.json names the
// new key alone and the old keyring entry is deleted.
func (s *Store) finish(ki keyInfo, newID *age.X25519Identity) error {
	if s.exists(nextBackupFile) {
		if err := renameSynced(s.path(nextBackupFile), s.path(backupFile)); err != nil {
			return fmt.Errorf("keeping the re-encrypted backup: %w", err)
		}
		s.step("rotate: backup replaced")
	}
	if ki.Backend == keystore.File && s.exists(nextKeyFile) {
		if err := renameSynced(s.path(nextKeyFile), s.path(keyFile)); err != nil {
			return fmt.Errorf("storing the vault key: %w", err)
		}
		s.step("rotate: key file replaced")
	}
	old := ki.keySlot
	ki.keySlot, ki.Next = *ki.Next, nil
	if old.Backend == keystore.System {
		ki.Retire = append(ki.Retire, old)
	}
	if err := s.writeKeyInfo(ki); err != nil {
		return err
	}
	s.step("rotate: key.json names the new key")
	s.mu.Lock()
	s.id = newID
	s.mu.Unlock()
	// What this machine remembers of the old key's vault goes up too: the
	// old key, key.json and vault put back together are a rollback.
	if raw, err := s.readVaultFile(vaultFile); err == nil {
		if v, proved, err := decode(raw, newID); err == nil {
			if err := s.remember(ki.ID, v.Generation, proved, false); err != nil {
				return err
			}
			if err := s.remember(old.ID, v.Generation, proved, false); err != nil {
				return err
			}
		}
	}
	_, err := s.retire(ki)
	return err
}

// retire deletes the keyring entries ki lists as retired, then key.json's
// list of them.
func (s *Store) retire(ki keyInfo) (keyInfo, error) {
	if len(ki.Retire) == 0 {
		return ki, nil
	}
	for _, r := range ki.Retire {
		if r.Backend != keystore.System || r.ID == ki.ID {
			continue
		}
		if err := s.keyring.Delete(r.entryName()); err != nil {
			return ki, fmt.Errorf("deleting the old vault key: %w", err)
		}
		s.step("rotate: old key deleted")
	}
	ki.Retire = nil
	if err := s.writeKeyInfo(ki); err != nil {
		return ki, err
	}
	s.step("rotate: done")
	return ki, nil
}

// settle finishes or undoes a passphrase change a killed process left
// under way, and deletes retired keys and leftover files; call it holding
// the lock. A change is finished when vault.age is already encrypted to
// the new key, else undone; either way, the passphrase asked for is the
// one that opens vault.age.
func (s *Store) settle(ki keyInfo) (keyInfo, error) {
	if ki.Next == nil {
		for _, f := range []string{nextBackupFile, nextKeyFile} {
			if err := os.Remove(s.path(f)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return ki, fmt.Errorf("removing what an interrupted passphrase change left: %w", err)
			}
		}
		return s.retire(ki)
	}
	raw, err := s.readVaultFile(vaultFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return ki, err
	}
	id, err := s.unlockEither(ki, raw)
	if err != nil {
		return ki, err
	}
	if id.Recipient().String() == ki.Next.Recipient {
		if err := s.finish(ki, id); err != nil {
			return ki, err
		}
		return s.readKeyInfo()
	}
	// Undo: vault.age is still encrypted to the old key.
	next := *ki.Next
	ki.Next = nil
	if next.Backend == keystore.System {
		ki.Retire = append(ki.Retire, next)
	}
	if err := s.writeKeyInfo(ki); err != nil {
		return ki, err
	}
	s.step("rotate: undone")
	s.mu.Lock()
	s.id = id
	s.mu.Unlock()
	return s.settle(ki)
}

// unlockEither returns whichever of ki's two keys (the current one and
// ki.Next) vault.age is encrypted to, asking for a passphrase if that key
// is wrapped: the old or the new passphrase, whichever opens it. With no
// vault.age, the first key that unlocks is returned.
func (s *Store) unlockEither(ki keyInfo, raw []byte) (*age.X25519Identity, error) {
	type cand struct {
		slot   keySlot
		stored string
	}
	var cands []cand
	for _, c := range []struct {
		slot keySlot
		file string
	}{{ki.keySlot, keyFile}, {*ki.Next, nextKeyFile}} {
		stored, err := s.readSlot(c.slot, c.file)
		if errors.Is(err, ErrKeyMissing) {
			continue // a key file already renamed, or never written
		}
		if err != nil {
			return nil, err
		}
		cands = append(cands, cand{c.slot, stored})
	}
	known := func(id *age.X25519Identity) bool {
		r := id.Recipient().String()
		return r == ki.Recipient || r == ki.Next.Recipient
	}
	opens := func(id *age.X25519Identity) bool {
		if raw == nil {
			return true
		}
		_, err := age.Decrypt(bytes.NewReader(raw), id)
		return err == nil
	}
	var found []*age.X25519Identity
	wrapped := false
	for _, c := range cands {
		if keystore.Wrapped(c.stored) {
			wrapped = true
			continue
		}
		if c.slot.Passphrase || c.slot.Backend == keystore.File {
			return nil, ErrKeyNotProtected
		}
		id, err := keystore.Unwrap(c.stored, "")
		if err != nil {
			return nil, err
		}
		if known(id) {
			if opens(id) {
				return id, nil
			}
			found = append(found, id)
		}
	}
	if !wrapped {
		if len(found) > 0 {
			return found[0], nil // vault.age opens with neither: report it as damaged later
		}
		return nil, &KeyMissingError{Backend: ki.Backend, Detail: "neither the old nor the new key of an interrupted passphrase change is there"}
	}
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		pass, err := s.ask(PassphraseRequest{Reason: ReasonUnlock, Attempt: attempt})
		if err != nil {
			return nil, err
		}
		for _, c := range cands {
			if !keystore.Wrapped(c.stored) {
				continue
			}
			id, err := keystore.Unwrap(c.stored, pass)
			if errors.Is(err, keystore.ErrWrongPassphrase) {
				continue
			}
			if err != nil {
				return nil, err
			}
			if known(id) && opens(id) {
				return id, nil
			}
		}
	}
	return nil, ErrWrongPassphrase
}
