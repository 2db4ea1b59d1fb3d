package export

import (
	"bufio"
	"fmt"
	"io"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
)

// Header is the comment WriteURIList starts a list with. Importers of
// otpauth lists (Mamori's among them) skip lines starting with "#"; it is
// there for the person who finds the file later.
const Header = "# Mamori otpauth:// export. PLAIN TEXT WITH SECRETS: anyone who reads this\n" +
	"# file can generate your one-time codes. Import it, then delete it.\n"

// Skip is an account left out of an export, and why.
type Skip struct {
	// Index is the account's place in the slice given to the export, from 0.
	Index int
	// Label is how the account is shown ("Issuer: Name", see vault.Account.Label).
	Label string
	// Err says why: it wraps ErrNoOTP, ErrUnsupported, ErrTooLarge, or an
	// otp sentinel when the stored key is damaged.
	Err error
}

// Report says what became of the accounts given to an export.
type Report struct {
	// Exported are the indexes of the accounts that went out, in the
	// order they were given.
	Exported []int
	// Skipped are the accounts left out, in the order they were given.
	Skipped []Skip
}

// otpAccount is the otp.Account of a, or an error wrapping ErrNoOTP or the
// otp sentinel of a damaged key.
func otpAccount(a vault.Account) (otp.Account, error) {
	if !a.HasOTP() {
		return otp.Account{}, fmt.Errorf("%w: %s", ErrNoOTP, "it signs in another way")
	}
	if err := a.OTP.Validate(); err != nil {
		return otp.Account{}, err
	}
	return otp.Account{Issuer: a.Issuer, Name: a.Name, Key: a.OTP}, nil
}

// URIs returns the canonical otpauth:// URI (otp.Account.URI) of each
// account that has a valid key, in the order given, and a Report naming
// the accounts left out. Every key type goes out, Steam as
// otpauth://steam/…, which apps without Steam support refuse rather than
// showing wrong codes.
//
// Exported[i] is the index in accts of uris[i].
func URIs(accts []vault.Account) (uris []string, rep Report) {
	for i, a := range accts {
		x, err := otpAccount(a)
		if err != nil {
			rep.Skipped = append(rep.Skipped, Skip{Index: i, Label: a.Label(), Err: err})
			continue
		}
		uris = append(uris, x.URI())
		rep.Exported = append(rep.Exported, i)
	}
	return uris, rep
}

// WriteURIList writes Header and then the URIs of accts, one a line, to w.
// When no account can be exported it writes nothing and returns the Report
// with an error wrapping ErrNothingToExport.
func WriteURIList(w io.Writer, accts []vault.Account) (Report, error) {
	uris, rep := URIs(accts)
	if len(uris) == 0 {
		return rep, fmt.Errorf("%w: %d account(s) given, %d skipped", ErrNothingToExport, len(accts), len(rep.Skipped))
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(Header)
	for _, u := range uris {
		bw.WriteString(u)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return rep, fmt.Errorf("export: write uri list: %w", err)
	}
	return rep, nil
}
