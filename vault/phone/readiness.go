package phone

import (
	"fmt"
	"sort"
)

// FindingCode names a kind of readiness finding. It is stable: user
// interfaces translate it, and scripts read it from JSON.
type FindingCode string

// Finding codes.
const (
	// FindingSMSOnly: the account's only way to get a code is one phone
	// number (SMS or voice). No authenticator secret, no unused backup code,
	// no second number or device. Losing or changing that number locks the
	// account, as in the case that started Mamori.
	FindingSMSOnly FindingCode = "sms-only"
	// FindingOneDevice: the service requires two registered devices (a
	// primary and a backup), and fewer are recorded.
	FindingOneDevice FindingCode = "one-device"
	// FindingVoIPForSMS: SMS codes go to a VoIP number (050 in Japan),
	// which may never receive them.
	FindingVoIPForSMS FindingCode = "voip-for-sms"
	// FindingSMSUnsuitable: SMS codes go to a landline or a special range
	// (toll free, shared cost, …) that cannot receive SMS.
	FindingSMSUnsuitable FindingCode = "sms-unsuitable"
	// FindingInvalidNumber: a bound number does not parse as a valid
	// number (damaged entry, or a range withdrawn since).
	FindingInvalidNumber FindingCode = "invalid-number"
	// FindingBackupCodesUsedUp: every backup code is used.
	FindingBackupCodesUsedUp FindingCode = "backup-codes-used-up"
	// FindingBackupCodesLow: few unused backup codes are left (the
	// account's threshold is reached).
	FindingBackupCodesLow FindingCode = "backup-codes-low"
)

// Severity ranks findings.
type Severity string

// Severities.
const (
	// SeverityHigh: one lost phone or one change away from a lockout.
	SeverityHigh Severity = "high"
	// SeverityMedium: a safety net is gone.
	SeverityMedium Severity = "medium"
	// SeverityLow: a safety net is thinning.
	SeverityLow Severity = "low"
)

func (s Severity) rank() int {
	switch s {
	case SeverityHigh:
		return 0
	case SeverityMedium:
		return 1
	}
	return 2
}

// Finding is one weakness of one account found by Readiness.
type Finding struct {
	// Code says what the weakness is; translate it for the user.
	Code FindingCode `json:"code"`
	// Severity says how bad it is.
	Severity Severity `json:"severity"`
	// AccountID and Label identify the account.
	AccountID string `json:"account_id"`
	Label     string `json:"label"`
	// Number is the number concerned, for findings about one number.
	Number E164 `json:"number,omitempty"`
	// Role is the number's role, for voip-for-sms and sms-unsuitable: the
	// SMS number or the backup number.
	Role Role `json:"role,omitempty"`
	// Count is the number of unused backup codes (backup-codes-low) or
	// registered devices (one-device).
	Count int `json:"count,omitempty"`
}

// Message describes the finding in English, for logs and the command line;
// user interfaces should translate Code instead.
func (f Finding) Message() string {
	switch f.Code {
	case FindingSMSOnly:
		return fmt.Sprintf("%s: codes go only to one phone number, with no backup codes, authenticator or second number", f.Label)
	case FindingOneDevice:
		return fmt.Sprintf("%s: the service needs two registered devices, %d recorded", f.Label, f.Count)
	case FindingVoIPForSMS:
		if f.Role == RoleBackup {
			return fmt.Sprintf("%s: the backup number is a VoIP number, which may not receive SMS codes", f.Label)
		}
		return fmt.Sprintf("%s: SMS codes go to a VoIP number, which may not receive them", f.Label)
	case FindingSMSUnsuitable:
		if f.Role == RoleBackup {
			return fmt.Sprintf("%s: the backup number cannot receive SMS codes", f.Label)
		}
		return fmt.Sprintf("%s: SMS codes go to a number that cannot receive SMS", f.Label)
	case FindingInvalidNumber:
		return fmt.Sprintf("%s: a bound phone number is not valid", f.Label)
	case FindingBackupCodesUsedUp:
		return fmt.Sprintf("%s: every backup code is used", f.Label)
	case FindingBackupCodesLow:
		return fmt.Sprintf("%s: only %d backup code(s) left", f.Label, f.Count)
	}
	return fmt.Sprintf("%s: %s", f.Label, f.Code)
}

// Readiness checks every account for single points of failure and returns
// the findings, most severe first, then by label:
//
//   - sms-only (high): the account receives codes on exactly one number
//     (roles sms, voice or backup) and has no authenticator secret in
//     Mamori, no unused backup code and no device. A backup number that
//     cannot take SMS (VoIP, landline, special range) is no second way in:
//     it is flagged below and left out of this count;
//   - one-device (high): NeedsTwoDevices, but fewer than two numbers and
//     devices are registered (an authenticator app and the handset it
//     runs on count as one; an authenticator secret in Mamori counts as one
//     device when no device is listed);
//   - voip-for-sms and sms-unsuitable (high): an SMS or backup binding
//     (the roles whose codes usually come by SMS) to a VoIP number, or to a
//     landline or special range; voice calls to such numbers are fine;
//   - invalid-number (high): a bound number that does not parse;
//   - backup-codes-used-up (medium) and backup-codes-low (low): from
//     HasBackupCodes, BackupCodesLeft and BackupCodesLow.
//
// An account with no phone, no backup codes and no devices gets no finding:
// it has nothing that could fail here.
func Readiness(accounts []AccountBindings) []Finding {
	var fs []Finding
	for _, a := range accounts {
		add := func(code FindingCode, sev Severity, number E164, role Role, count int) {
			fs = append(fs, Finding{Code: code, Severity: sev, AccountID: a.ID, Label: a.Label, Number: number, Role: role, Count: count})
		}
		var codeNumbers []E164
		reported := map[E164]bool{}
		for _, b := range a.Phones {
			if b.waysIn() && !containsNumber(codeNumbers, b.Number) {
				codeNumbers = append(codeNumbers, b.Number)
			}
			n, err := b.Number.Number()
			switch {
			case err != nil:
				if !reported[b.Number] {
					add(FindingInvalidNumber, SeverityHigh, b.Number, "", 0)
					reported[b.Number] = true
				}
			case b.Role.textsCodes() && n.VoIP():
				add(FindingVoIPForSMS, SeverityHigh, b.Number, b.Role, 0)
			case b.Role.textsCodes() && n.SMSUnsuitable():
				add(FindingSMSUnsuitable, SeverityHigh, b.Number, b.Role, 0)
			}
		}
		devices := a.physicalDevices()
		if len(codeNumbers) == 1 && !a.HasTOTP && a.BackupCodesLeft == 0 && devices == 0 {
			add(FindingSMSOnly, SeverityHigh, codeNumbers[0], "", 0)
		}
		if a.NeedsTwoDevices {
			registered := len(codeNumbers) + devices
			if devices == 0 && a.HasTOTP {
				registered++
			}
			if registered < 2 {
				add(FindingOneDevice, SeverityHigh, "", "", registered)
			}
		}
		switch {
		case a.HasBackupCodes && a.BackupCodesLeft == 0:
			add(FindingBackupCodesUsedUp, SeverityMedium, "", "", 0)
		case a.HasBackupCodes && a.BackupCodesLow:
			add(FindingBackupCodesLow, SeverityLow, "", "", a.BackupCodesLeft)
		}
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Severity.rank() != b.Severity.rank() {
			return a.Severity.rank() < b.Severity.rank()
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.AccountID < b.AccountID
	})
	return fs
}

func containsNumber(ns []E164, n E164) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}
