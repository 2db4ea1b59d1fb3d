package service

import (
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/phone"
)

// Readiness findings that come from what an account's service offers. They
// join package phone's (phone.Readiness) in the readiness lists of both
// front-ends.
const (
	// FindingSwitchFromSMS: the account still gets its codes by SMS or
	// call (a number bound for it, no authenticator key in Mamori) while
	// its service offers an authenticator app or a security key. Switch,
	// then keep the backup codes.
	FindingSwitchFromSMS phone.FindingCode = "sms-switchable"
	// FindingPhoneOnlyService: the account's service offers no second step
	// but SMS or a call. Keep the number alive and hold backup codes.
	FindingPhoneOnlyService phone.FindingCode = "service-phone-only"
)

// AccountService returns the service to show for an account: the person's
// confirmed choice, else the matcher's (see ForAccount).
func (d *Directory) AccountService(a vault.Account) (s Service, confirmed, ok bool) {
	return d.ForAccount(a.Service, a.Issuer, a.Name)
}

// Readiness checks each account against what its service offers:
//
//   - sms-switchable (medium): an SMS or voice number is bound, the
//     account has no authenticator key in Mamori, and the service offers
//     an authenticator app or a security key; Number is the first such
//     number;
//   - service-phone-only (medium without unused backup codes, low with
//     some): the service offers only SMS or a call, so the number must
//     be kept alive; Number is the first number bound for codes, if any.
//
// Accounts matched to no service get no finding here.
func (d *Directory) Readiness(v *vault.Vault) []phone.Finding {
	var out []phone.Finding
	for _, a := range v.Accounts {
		s, _, ok := d.AccountService(a)
		if !ok {
			continue
		}
		var number phone.E164
		for _, b := range a.Phones {
			if b.Role == phone.RoleSMS || b.Role == phone.RoleVoice {
				number = b.Number
				break
			}
		}
		f := phone.Finding{AccountID: a.ID, Label: a.Label(), Number: number}
		switch {
		case s.PhoneOnly():
			f.Code, f.Severity = FindingPhoneOnlyService, phone.SeverityMedium
			if a.Backup.Remaining() > 0 {
				f.Severity = phone.SeverityLow
			}
			out = append(out, f)
		case number != "" && !a.HasOTP() && s.OffersStrong():
			f.Code, f.Severity = FindingSwitchFromSMS, phone.SeverityMedium
			out = append(out, f)
		}
	}
	return out
}
