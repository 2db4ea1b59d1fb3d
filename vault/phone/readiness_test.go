package phone

import (
	"reflect"
	"testing"
)

func TestReadiness(t *testing.T) {
	type f struct {
		code   FindingCode
		sev    Severity
		number E164
		count  int
	}
	tests := []struct {
		name    string
		account AccountBindings
		want    []f
	}{
		{"seed case: login SMS to one number, nothing else", amazon,
			[]f{{FindingSMSOnly, SeverityHigh, oldMobile, 0}}},
		{"voice only is the same risk", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleVoice}}},
			[]f{{FindingSMSOnly, SeverityHigh, newMobile, 0}}},
		{"backup codes are a second way in", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}}, HasBackupCodes: true, BackupCodesLeft: 8},
			nil},
		{"used-up backup codes are not", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}}, HasBackupCodes: true},
			[]f{{FindingSMSOnly, SeverityHigh, newMobile, 0}, {FindingBackupCodesUsedUp, SeverityMedium, "", 0}}},
		{"authenticator in Mamori", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}}, HasTOTP: true},
			nil},
		{"second number", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}, {Number: spare, Role: RoleBackup}}},
			nil},
		{"the same number twice is still one", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}, {Number: newMobile, Role: RoleVoice}}},
			[]f{{FindingSMSOnly, SeverityHigh, newMobile, 0}}},
		{"a recovery contact is no way in", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}, {Number: spare, Role: RoleRecoveryContact}}},
			[]f{{FindingSMSOnly, SeverityHigh, newMobile, 0}}},
		{"a device", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}}, Devices: []string{"app"}},
			nil},
		{"two devices needed, one number", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}}, NeedsTwoDevices: true, HasBackupCodes: true, BackupCodesLeft: 10},
			[]f{{FindingOneDevice, SeverityHigh, "", 1}}},
		{"two devices needed, authenticator only", AccountBindings{HasTOTP: true, NeedsTwoDevices: true},
			[]f{{FindingOneDevice, SeverityHigh, "", 1}}},
		{"two devices needed, none", AccountBindings{NeedsTwoDevices: true},
			[]f{{FindingOneDevice, SeverityHigh, "", 0}}},
		{"two devices needed, app and number", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}}, Devices: []string{"app"}, NeedsTwoDevices: true},
			nil},
		{"two devices needed, two numbers", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}, {Number: spare, Role: RoleBackup}}, NeedsTwoDevices: true},
			nil},
		{"SMS to VoIP", AccountBindings{Phones: []Binding{{Number: voip, Role: RoleSMS}}, HasTOTP: true},
			[]f{{FindingVoIPForSMS, SeverityHigh, voip, 0}}},
		{"voice calls to VoIP are fine", AccountBindings{Phones: []Binding{{Number: voip, Role: RoleVoice}}, HasTOTP: true},
			nil},
		{"audit case: a VoIP backup number is flagged and is no second way in", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}, {Number: voip, Role: RoleBackup}}},
			[]f{{FindingVoIPForSMS, SeverityHigh, voip, 0}, {FindingSMSOnly, SeverityHigh, newMobile, 0}}},
		{"a landline backup number is flagged and is no second way in", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}, {Number: home, Role: RoleBackup}}},
			[]f{{FindingSMSUnsuitable, SeverityHigh, home, 0}, {FindingSMSOnly, SeverityHigh, newMobile, 0}}},
		{"a VoIP backup number with an authenticator: flagged only", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}, {Number: voip, Role: RoleBackup}}, HasTOTP: true},
			[]f{{FindingVoIPForSMS, SeverityHigh, voip, 0}}},
		{"a VoIP backup number that also takes voice calls still counts", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}, {Number: voip, Role: RoleBackup}, {Number: voip, Role: RoleVoice}}},
			[]f{{FindingVoIPForSMS, SeverityHigh, voip, 0}}},
		{"a VoIP backup number is no second device", AccountBindings{Phones: []Binding{{Number: newMobile, Role: RoleSMS}, {Number: voip, Role: RoleBackup}}, NeedsTwoDevices: true, HasBackupCodes: true, BackupCodesLeft: 10},
			[]f{{FindingVoIPForSMS, SeverityHigh, voip, 0}, {FindingOneDevice, SeverityHigh, "", 1}}},
		{"a VoIP recovery contact is fine", AccountBindings{Phones: []Binding{{Number: voip, Role: RoleRecoveryContact}}, HasTOTP: true},
			nil},
		{"SMS to a landline", AccountBindings{Phones: []Binding{{Number: home, Role: RoleSMS}}, HasTOTP: true},
			[]f{{FindingSMSUnsuitable, SeverityHigh, home, 0}}},
		{"invalid stored number", AccountBindings{Phones: []Binding{{Number: "+8190", Role: RoleSMS}, {Number: "+8190", Role: RoleVoice}}, HasTOTP: true},
			[]f{{FindingInvalidNumber, SeverityHigh, "+8190", 0}}},
		{"few backup codes", AccountBindings{HasTOTP: true, HasBackupCodes: true, BackupCodesLeft: 2, BackupCodesLow: true},
			[]f{{FindingBackupCodesLow, SeverityLow, "", 2}}},
		{"nothing recorded", AccountBindings{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.account
			a.ID, a.Label = "id", "Label"
			var got []f
			for _, x := range Readiness([]AccountBindings{a}) {
				if x.AccountID != "id" || x.Label != "Label" || x.Message() == "" {
					t.Errorf("finding %+v", x)
				}
				if number := x.Code == FindingVoIPForSMS || x.Code == FindingSMSUnsuitable; number != (x.Role != "") {
					t.Errorf("finding %+v: role %q", x, x.Role)
				}
				got = append(got, f{x.Code, x.Severity, x.Number, x.Count})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadinessOrder(t *testing.T) {
	accounts := []AccountBindings{
		{ID: "1", Label: "C", HasTOTP: true, HasBackupCodes: true, BackupCodesLeft: 1, BackupCodesLow: true},
		{ID: "2", Label: "B", HasTOTP: true, HasBackupCodes: true},
		{ID: "3", Label: "Z", Phones: []Binding{{Number: oldMobile, Role: RoleSMS}}},
		{ID: "4", Label: "A", Phones: []Binding{{Number: voip, Role: RoleSMS}}, HasTOTP: true},
	}
	var got []string
	for _, f := range Readiness(accounts) {
		got = append(got, f.AccountID+":"+string(f.Code))
	}
	want := []string{"4:voip-for-sms", "3:sms-only", "2:backup-codes-used-up", "1:backup-codes-low"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
