package usecase

import (
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/service"
)

// Finding is a readiness finding with what a person reads for it.
type Finding struct {
	phone.Finding
	Message Message
}

// Findings pairs each finding (of phone.Readiness, or Readiness with the
// services' findings) with its message.
func Findings(fs []phone.Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = Finding{Finding: f, Message: FindingMessage(f)}
	}
	return out
}

// FindingMessage is what a person reads for a readiness finding: the one
// text both front-ends show, with the number as the person reads it.
func FindingMessage(f phone.Finding) Message {
	d := map[string]any{"Number": f.Number.Display(phone.DefaultRegion), "Count": f.Count}
	var id string
	switch f.Code {
	case phone.FindingSMSOnly:
		id = "readiness.sms_only"
	case phone.FindingOneDevice:
		id = "readiness.one_device"
	case phone.FindingVoIPForSMS:
		id = "readiness.voip_for_sms"
		if f.Role == phone.RoleBackup {
			id = "readiness.voip_backup"
		}
	case phone.FindingSMSUnsuitable:
		id = "readiness.sms_unsuitable"
		if f.Role == phone.RoleBackup {
			id = "readiness.sms_unsuitable_backup"
		}
	case phone.FindingInvalidNumber:
		id = "readiness.invalid_number"
	case phone.FindingBackupCodesUsedUp:
		id = "readiness.backup_used_up"
	case phone.FindingBackupCodesLow:
		id = "readiness.backup_low"
	case service.FindingSwitchFromSMS:
		id = "readiness.sms_switchable"
	case service.FindingPhoneOnlyService:
		id = "readiness.service_phone_only"
	default:
		// A finding this version does not know: its own English text is
		// all there is, shown as a detail.
		return Message{ID: "readiness.unknown", Detail: f.Message()}
	}
	return Message{ID: id, Data: d}
}
