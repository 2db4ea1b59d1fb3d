package importer

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/otp/migration"
)

// Google Authenticator's "Transfer accounts" QR codes are
// otpauth-migration URIs; package migration has their schema. Reading them
// is liberal: see migrationData and migration.Parameters.Key.

// maxBatchSize bounds batch_size: an export holds at most a few hundred
// accounts, ten per QR code.
const maxBatchSize = 1000

// batch is what is known of one multi-QR export.
type batch struct {
	size    int
	indexes map[int]bool
}

// migration reads one otpauth-migration URI found at pos. Each account in
// it is at pos with Entry set to its place in the URI.
func (p *parser) migration(pos Position, s string) {
	data, err := migrationData(s)
	if err != nil {
		p.fail(pos, "", err)
		return
	}
	pl, err := migration.Decode(data)
	if err != nil {
		p.fail(pos, "", malformed("%w", err))
		return
	}
	if err := p.noteBatch(pl); err != nil {
		p.fail(pos, "", err)
		return
	}
	for i, mp := range pl.Params {
		epos := pos
		epos.Entry = i + 1
		if mp.Err != nil {
			p.fail(epos, "", malformed("%w", mp.Err))
			continue
		}
		issuer, name := splitMigrationLabel(mp.Issuer, mp.Name)
		lbl := label(issuer, name)
		if mp.Algorithm == migration.AlgorithmMD5 {
			p.skip(epos, lbl, fmt.Errorf("%w: the key uses md5 (%w)", ErrUnsupported, otp.ErrBadAlgorithm))
			continue
		}
		key, err := mp.Key()
		if err != nil {
			p.fail(epos, lbl, err)
			continue
		}
		p.add(epos, otp.Account{Issuer: issuer, Name: name, Key: key})
	}
}

// migrationData extracts and decodes the data parameter. It is liberal
// about how the Base64 was escaped: percent-encoded or not, "+" turned
// into a space by an over-eager decoder, the URL-safe alphabet, padding or
// none, white space from a line wrap.
func migrationData(s string) ([]byte, error) {
	_, rawQuery, ok := strings.Cut(s, "?")
	if !ok {
		return nil, malformed("otpauth-migration uri has no data parameter")
	}
	rawQuery, _, _ = strings.Cut(rawQuery, "#")
	var data string
	found := false
	for _, kv := range strings.Split(rawQuery, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if !strings.EqualFold(k, "data") {
			continue
		}
		if found {
			return nil, malformed("otpauth-migration uri has more than one data parameter")
		}
		found = true
		// PathUnescape, unlike QueryUnescape, leaves "+" alone: in
		// unescaped Base64 it is a digit, not a space.
		u, err := url.PathUnescape(v)
		if err != nil {
			return nil, malformed("bad percent-encoding in the data parameter")
		}
		data = u
	}
	if !found || data == "" {
		return nil, malformed("otpauth-migration uri has no data parameter")
	}
	data = strings.Map(func(r rune) rune {
		switch r {
		case ' ':
			return '+'
		case '-':
			return '+'
		case '_':
			return '/'
		case '\t', '\r', '\n':
			return -1
		}
		return r
	}, data)
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(data, "="))
	if err != nil {
		return nil, malformed("the data parameter is not valid base64")
	}
	return b, nil
}

// splitMigrationLabel recovers issuer and account name. Google
// Authenticator stores the otpauth label in name, so it is often
// "Issuer:account": the prefix becomes the issuer when issuer is empty, and
// is dropped when it repeats the issuer.
func splitMigrationLabel(issuer, name string) (string, string) {
	issuer = strings.TrimSpace(issuer)
	before, after, ok := strings.Cut(name, ":")
	switch {
	case !ok:
	case issuer == "":
		issuer, name = before, after
	case strings.TrimSpace(before) == issuer:
		name = after
	}
	return issuer, name
}

// noteBatch records which QR code of a multi-code export pl is.
func (p *parser) noteBatch(pl migration.Payload) error {
	size, index := int64(pl.BatchSize), int64(pl.BatchIndex)
	if size <= 1 {
		return nil
	}
	if size > maxBatchSize {
		return malformed("export claims %d qr codes", size)
	}
	if index < 0 || index >= size {
		return malformed("qr code number %d of %d", index+1, size)
	}
	if p.batches == nil {
		p.batches = make(map[int32]*batch)
	}
	id := pl.BatchID
	b := p.batches[id]
	if b == nil {
		b = &batch{size: int(size), indexes: make(map[int]bool)}
		p.batches[id] = b
	}
	if b.size != int(size) {
		return malformed("qr codes of one export disagree on how many there are (%d and %d)", b.size, size)
	}
	b.indexes[int(index)] = true
	return nil
}

// finishBatches warns about multi-code exports with codes missing.
func (p *parser) finishBatches() {
	ids := make([]int32, 0, len(p.batches))
	for id := range p.batches {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		b := p.batches[id]
		var missing []string
		for i := 0; i < b.size; i++ {
			if !b.indexes[i] {
				missing = append(missing, strconv.Itoa(i+1))
			}
		}
		if len(missing) > 0 {
			p.res.Warnings = append(p.res.Warnings, Warning{Err: fmt.Errorf("%w: %d of %d given; missing number %s",
				ErrIncompleteBatch, b.size-len(missing), b.size, strings.Join(missing, ", "))})
		}
	}
}
