package usecase

import "github.com/mamori-app/mamori/vault/phone"

// RoleName names what a number is to an account (SMS codes, voice calls,
// a backup number, a recovery contact), the same in both front-ends.
func RoleName(r phone.Role) Message {
	switch r {
	case phone.RoleSMS:
		return Message{ID: "msg.role.sms"}
	case phone.RoleVoice:
		return Message{ID: "msg.role.voice"}
	case phone.RoleBackup:
		return Message{ID: "msg.role.backup"}
	case phone.RoleRecoveryContact:
		return Message{ID: "msg.role.recovery_contact"}
	}
	return Message{ID: "msg.role.other"}
}

// DeviceKindName names a kind of device (a handset, an authenticator app).
func DeviceKindName(k phone.DeviceKind) Message {
	switch k {
	case phone.DeviceHandset:
		return Message{ID: "msg.device.handset"}
	case phone.DeviceAuthenticator:
		return Message{ID: "msg.device.authenticator"}
	}
	return Message{ID: "msg.device.other"}
}
