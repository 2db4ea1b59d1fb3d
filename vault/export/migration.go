package export

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"math"
	"net/url"
	"strings"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/otp/migration"
)

// Google Authenticator's "Transfer accounts" export is a set of QR codes,
// each an otpauth-migration URI; package migration has the schema.

// MigrationPrefix starts every URI Migration returns.
const MigrationPrefix = migration.Prefix

// Batch sizes: how many accounts one migration QR code holds at most.
const (
	// DefaultBatchSize is what Google Authenticator itself puts in one code.
	DefaultBatchSize = 10
	// MaxBatchSize bounds MigrationOptions.BatchSize.
	MaxBatchSize = 100
)

// batchBudget is how long a URI may grow while accounts are added to its
// batch. The batch fields are written last, after the accounts, and are
// measured at their widest; filling them in changes only the last few
// Base64 characters, and so the URI's length by less than the margin.
const batchBudget = MaxQRText - 64

// Widest values of the batch fields, for measuring (see batchBudget).
const (
	widestBatchCount = 1<<21 - 1 // a 3-byte varint
	widestBatchID    = math.MaxInt32
)

// MigrationOptions tune Migration.
type MigrationOptions struct {
	// BatchSize is the most accounts one QR code holds, 1 to MaxBatchSize;
	// 0 means DefaultBatchSize. A code holds fewer when its accounts'
	// names are long: every URI stays within MaxQRText bytes.
	BatchSize int
	// BatchID identifies the export in each of its codes, so that an app
	// scanning them knows they belong together; 0 picks a random one.
	// It must not be negative.
	BatchID int32
}

// Migration encodes accts as a Google Authenticator migration export: the
// otpauth-migration:// URIs of its QR codes, in order, each to be shown or
// printed as one QR code (see QR). Every account goes in unless the format
// cannot carry its key exactly; those are left out and named in the
// Report, with an error wrapping
//
//   - ErrNoOTP: the account has no key;
//   - ErrUnsupported: a Steam key, digits other than 6 or 8, a TOTP period
//     other than 30 seconds, or a HOTP counter above 2^63-1;
//   - ErrTooLarge: the account alone does not fit in one QR code;
//   - an otp sentinel: the stored key is damaged.
//
// The name field holds the otpauth label "Issuer:Name", as Google
// Authenticator writes it, so that importers which ignore the issuer field
// still show it; importers that split the label (package importer, and
// Google Authenticator itself) get Issuer and Name back unchanged.
//
// No account that can be exported is an error wrapping ErrNothingToExport
// (with the Report still filled in), and bad options one wrapping
// ErrBadOptions.
func Migration(accts []vault.Account, opts MigrationOptions) ([]string, Report, error) {
	size := opts.BatchSize
	if size == 0 {
		size = DefaultBatchSize
	}
	if size < 1 || size > MaxBatchSize {
		return nil, Report{}, fmt.Errorf("%w: batch size %d (must be 1 to %d)", ErrBadOptions, opts.BatchSize, MaxBatchSize)
	}
	if opts.BatchID < 0 {
		return nil, Report{}, fmt.Errorf("%w: negative batch id", ErrBadOptions)
	}
	id := opts.BatchID
	if id == 0 {
		id = randomBatchID()
	}

	var rep Report
	var batches [][]migration.Parameters
	var cur []migration.Parameters
	for i, a := range accts {
		p, err := migrationParams(a)
		if err == nil && len(migrationURI([]migration.Parameters{p}, widestBatchCount, widestBatchCount, widestBatchID)) > batchBudget {
			err = fmt.Errorf("%w: the account's names and key are too long", ErrTooLarge)
		}
		if err != nil {
			rep.Skipped = append(rep.Skipped, Skip{Index: i, Label: a.Label(), Err: err})
			continue
		}
		next := append(cur[:len(cur):len(cur)], p)
		if len(cur) == size || len(migrationURI(next, widestBatchCount, widestBatchCount, widestBatchID)) > batchBudget {
			batches = append(batches, cur)
			next = []migration.Parameters{p}
		}
		cur = next
		rep.Exported = append(rep.Exported, i)
	}
	if len(cur) > 0 {
		batches = append(batches, cur)
	}
	if len(batches) == 0 {
		return nil, rep, fmt.Errorf("%w: %d account(s) given, %d skipped", ErrNothingToExport, len(accts), len(rep.Skipped))
	}
	uris := make([]string, len(batches))
	for i, b := range batches {
		uris[i] = migrationURI(b, int32(len(batches)), int32(i), id)
	}
	return uris, rep, nil
}

// randomBatchID returns a random positive int32.
func randomBatchID() int32 {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	id := int32(binary.BigEndian.Uint32(b[:]) & math.MaxInt32)
	if id == 0 {
		id = 1
	}
	return id
}

// migrationURI encodes one MigrationPayload and wraps it in a URI.
func migrationURI(params []migration.Parameters, count, index, id int32) string {
	b := migration.Encode(migration.Payload{Params: params, Version: migration.Version, BatchSize: count, BatchIndex: index, BatchID: id})
	return MigrationPrefix + url.QueryEscape(base64.StdEncoding.EncodeToString(b))
}

// migrationParams is a's key as an OtpParameters message, or says why the
// format cannot carry it.
func migrationParams(a vault.Account) (migration.Parameters, error) {
	x, err := otpAccount(a)
	if err != nil {
		return migration.Parameters{}, err
	}
	k := x.Key
	typ, ok := migration.TypeOf(k.Type)
	switch {
	case !ok:
		return migration.Parameters{}, fmt.Errorf("%w: a %s key", ErrUnsupported, k.Type)
	case k.Type == otp.TOTP && k.Period != migration.Period:
		return migration.Parameters{}, fmt.Errorf("%w: a %d-second period (only %d-second keys can be written)", ErrUnsupported, k.Period, migration.Period)
	case k.Type == otp.HOTP && k.Counter > math.MaxInt64:
		return migration.Parameters{}, fmt.Errorf("%w: the counter is above 2^63-1", ErrUnsupported)
	}
	alg, _ := migration.AlgorithmOf(k.Algorithm) // Validate allows only these
	digits, ok := migration.DigitsOf(k.Digits)
	if !ok {
		return migration.Parameters{}, fmt.Errorf("%w: %d digits (only 6 or 8 can be written)", ErrUnsupported, k.Digits)
	}
	secret, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(k.Secret)
	if err != nil {
		// Validate accepted it, so this is a damaged vault entry.
		return migration.Parameters{}, fmt.Errorf("%w: not base32", otp.ErrBadSecret)
	}
	return migration.Parameters{
		Secret: secret, Name: migrationName(x.Issuer, x.Name), Issuer: x.Issuer,
		Algorithm: alg, Digits: digits, Type: typ, Counter: k.Counter,
	}, nil
}

// migrationName is the name field for issuer and name: the otpauth label
// "Issuer:Name", which importers split at the first colon when its prefix
// is the issuer. The label would be ambiguous in two cases, which are
// written so that splitting still gives issuer and name back: an issuer
// with a colon of its own (the name alone is written, as the issuer
// field carries the issuer), and no issuer but a name with a colon (":Name",
// an empty issuer prefix, as otp.Account.URI does).
func migrationName(issuer, name string) string {
	switch {
	case strings.Contains(issuer, ":"):
		return name
	case issuer != "":
		return issuer + ":" + name
	case strings.Contains(name, ":"):
		return ":" + name
	}
	return name
}
