package phone_test

import (
	"fmt"
	"time"

	"github.com/mamori-app/mamori/vault/phone"
)

func ExampleParse() {
	for _, in := range []string{"０９０－１２３４－５６７８", "+81 50 1234 5678", "090-1234-567"} {
		n, err := phone.Parse(in, "JP")
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(n.E164, n.National, n.Kind, "SMS unsuitable:", n.SMSUnsuitable())
	}
	// Output:
	// +819012345678 090-1234-5678 mobile SMS unsuitable: false
	// +815012345678 050-1234-5678 voip SMS unsuitable: true
	// phone: invalid number: no such number range
}

func ExampleRisk() {
	old, _ := phone.Parse("080-1234-5607", "")
	new, _ := phone.Parse("090-8765-4321", "")
	accounts := []phone.AccountBindings{
		{ID: "a1", Label: "Amazon", Phones: []phone.Binding{{Number: old.E164, Role: phone.RoleSMS}}},
		{ID: "a2", Label: "GitHub", Phones: []phone.Binding{{Number: old.E164, Role: phone.RoleRecoveryContact}}, HasTOTP: true},
	}
	switchDay := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	c, _ := phone.NewChange(old.E164, new.E164, switchDay)
	until := switchDay.AddDate(0, 0, 14)
	c.OldUsableUntil = &until

	for _, it := range phone.Risk(accounts, []phone.Change{c}, switchDay) {
		fmt.Println(it.Label, it.Roles, it.Urgency, it.Deadline.Format("2006-01-02"), "no fallback:", it.NoFallback)
	}
	c.MarkDone("a1", switchDay) // number updated at Amazon
	fmt.Println(len(phone.Risk(accounts, []phone.Change{c}, switchDay)), "left")
	// Output:
	// Amazon [sms] going 2025-04-15 no fallback: true
	// GitHub [recovery-contact] going 2025-04-15 no fallback: false
	// 1 left
}
