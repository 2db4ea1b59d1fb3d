package usecase

import (
	"strings"

	"github.com/mamori-app/mamori/vault/service"
)

// MethodNames says what second steps s offers, for both front-ends: one
// message listing them in order ("authenticator app, SMS, its own app
// (Name)"), or "no second step recorded".
func MethodNames(s service.Service) Message {
	names := make([]Message, 0, len(s.Methods))
	for _, m := range s.Methods {
		var n Message
		switch m {
		case service.MethodTOTP:
			n = Message{ID: "msg.service.method.totp"}
		case service.MethodSMS:
			n = Message{ID: "msg.service.method.sms"}
		case service.MethodCall:
			n = Message{ID: "msg.service.method.call"}
		case service.MethodEmail:
			n = Message{ID: "msg.service.method.email"}
		case service.MethodSecurityKey:
			n = Message{ID: "msg.service.method.security_key"}
		case service.MethodOwnApp:
			n = named("msg.service.method.own_app", "msg.service.method.own_app_named", s.Software)
		case service.MethodOwnToken:
			n = named("msg.service.method.own_token", "msg.service.method.own_token_named", s.Hardware)
		default:
			continue // a method this build does not know is not shown raw
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return Message{ID: "msg.service.method.none"}
	}
	return Message{ID: "msg.service.methods", Data: map[string]any{"Methods": names}}
}

// named is plain when there are no names, else withNames filled with them.
func named(plain, withNames string, names []string) Message {
	if len(names) == 0 {
		return Message{ID: plain}
	}
	return Message{ID: withNames, Data: map[string]any{"Names": strings.Join(names, ", ")}}
}
