package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// A Bitwarden JSON export is
//
//	{"encrypted": false, "folders": […],
//	 "items": [{"type": 1, "name": "GitHub",
//	            "login": {"username": "alice", "totp": "otpauth://totp/…"}}, …]}
//
// login.totp holds whatever the user entered: an otpauth:// URI, a bare
// Base32 secret, or steam://SECRET. Items without a totp (most of them:
// passwords, cards, notes) are not accounts and are passed over silently.
// The item's name stands in for an issuer, and login.username for an
// account name, where the totp value has none.
//
// A password-protected export ("encrypted": true, "passwordProtected":
// true) holds such an export encrypted; see bitwarden_encrypted.go. The
// account-restricted one ("encrypted": true alone) is refused with
// ErrUnsupportedEncryption.

type bitwardenFile struct {
	Encrypted bool              `json:"encrypted"`
	Items     []json.RawMessage `json:"items"`
}

type bitwardenItem struct {
	Name  flexString `json:"name"`
	Login *struct {
		Username flexString `json:"username"`
		TOTP     flexString `json:"totp"`
	} `json:"login"`
}

// bitwarden reads a Bitwarden JSON export.
func (p *parser) bitwarden(data []byte) error {
	var f bitwardenFile
	if err := decodeJSON(data, &f); err != nil {
		return err
	}
	if f.Encrypted {
		p.res.Encrypted = true
		var prot bitwardenProtection
		if err := decodeJSON(data, &prot); err != nil {
			return err
		}
		if !prot.PasswordProtected {
			return fmt.Errorf("%w: a bitwarden account-restricted export opens only in the bitwarden account that made it", ErrUnsupportedEncryption)
		}
		plain, err := p.bitwardenDecrypt(&prot)
		if err != nil {
			return err
		}
		var inner bitwardenFile
		if err := decodeJSON(bytes.TrimPrefix(plain, utf8BOM), &inner); err != nil {
			// Line numbers of decrypted content mean nothing to the user.
			return fmt.Errorf("%w (in the decrypted export)", errors.Unwrap(err))
		}
		if inner.Encrypted {
			return malformed("the decrypted bitwarden export is encrypted again")
		}
		f = inner
	}
	p.bitwardenItems(f.Items)
	return nil
}

// bitwardenItems reads the items of an unencrypted export.
func (p *parser) bitwardenItems(items []json.RawMessage) {
	for i, raw := range items {
		pos := Position{Entry: i + 1}
		var it bitwardenItem
		if err := decodeEntry(raw, &it); err != nil {
			p.fail(pos, "", err)
			continue
		}
		if it.Login == nil || strings.TrimSpace(string(it.Login.TOTP)) == "" {
			continue
		}
		issuer, name := string(it.Name), string(it.Login.Username)
		a, err := otpField(string(it.Login.TOTP), issuer, name)
		if err != nil {
			p.fail(pos, label(issuer, name), err)
			continue
		}
		p.add(pos, a)
	}
}

// A Proton Authenticator export is
//
//	{"version": 1, "entries": [{"id": "…", "content": {"uri": "otpauth://totp/…",
//	  "entry_type": "Totp", "name": "alice"}, "note": null}, …]}
//
// content.uri is an otpauth:// URI (or steam://SECRET for Steam entries);
// content.name stands in for an account name the URI lacks.

type protonFile struct {
	Version flexInt           `json:"version"`
	Entries []json.RawMessage `json:"entries"`
}

type protonEntry struct {
	Content *struct {
		URI       flexString `json:"uri"`
		EntryType string     `json:"entry_type"`
		Name      flexString `json:"name"`
	} `json:"content"`
}

// proton reads a Proton Authenticator export.
func (p *parser) proton(data []byte) error {
	var f protonFile
	if err := decodeJSON(data, &f); err != nil {
		return err
	}
	if f.Entries == nil {
		return malformed("proton export has no entries list")
	}
	if err := p.checkCount(len(f.Entries)); err != nil {
		return err
	}
	for i, raw := range f.Entries {
		pos := Position{Entry: i + 1}
		var e protonEntry
		if err := decodeEntry(raw, &e); err != nil {
			p.fail(pos, "", err)
			continue
		}
		if e.Content == nil || strings.TrimSpace(string(e.Content.URI)) == "" {
			p.fail(pos, "", malformed("entry has no uri"))
			continue
		}
		uri := string(e.Content.URI)
		if strings.EqualFold(e.Content.EntryType, "steam") && !strings.Contains(uri, "://") {
			uri = "steam://" + uri
		}
		a, err := otpField(uri, "", string(e.Content.Name))
		if err != nil {
			p.fail(pos, string(e.Content.Name), err)
			continue
		}
		p.add(pos, a)
	}
	return nil
}
