package recovery

import (
	"embed"
	"strings"
	"text/template"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// templates are parsed once; a broken template is a build defect, caught by
// the tests.
var templates = map[string]*template.Template{
	"ja": mustTemplate("ja"),
	"en": mustTemplate("en"),
}

// methodNames translates the Method* constants; other methods are shown as
// written.
var methodNames = map[string]map[string]string{
	"ja": {
		MethodTOTP: "認証アプリ（TOTP）", MethodSMS: "SMS", MethodVoice: "音声通話", MethodEmail: "メール",
		MethodBackupCodes: "バックアップコード", MethodGridCard: "乱数表", MethodSecurityKey: "セキュリティキー",
		MethodPush: "アプリでの承認",
	},
	"en": {
		MethodTOTP: "authenticator app (TOTP)", MethodSMS: "SMS", MethodVoice: "voice call", MethodEmail: "e-mail",
		MethodBackupCodes: "backup codes", MethodGridCard: "grid card", MethodSecurityKey: "security key",
		MethodPush: "approval in the service's app",
	},
}

var separators = map[string]string{"ja": "、", "en": ", "}

func mustTemplate(lang string) *template.Template {
	sep := separators[lang]
	funcs := template.FuncMap{
		"join": func(l []string) string { return strings.Join(l, sep) },
		// inline keeps a one-line value on the bullet's line and puts a
		// multi-line one below it, indented.
		"inline": func(s string) string {
			if !strings.Contains(s, "\n") {
				return s
			}
			return "\n" + indent(s, "    ")
		},
		"indented": func(s string) string { return indent(s, "  ") },
	}
	name := "request." + lang + ".tmpl"
	return template.Must(template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/"+name))
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// letter is what the templates see.
type letter struct {
	Info
	Label     string
	Methods   []string
	Empty     bool
	HasOnFile bool
	HasUsage  bool
}

// Request returns a recovery request, ready to paste into a service's
// contact form or an e-mail to its support, asking to restore access to the
// account called label (such as "Amazon: taro@example.com"). lang "ja"
// gives natural, polite Japanese (丁寧語); any other value, English.
//
// The text lists only the details that are filled in, grouped as support
// reads them: the account (user name, number, public name, registration
// date, account and owner codes, invitation keys), the details on file
// (name, login e-mail, address, last 4 card digits), and how the account
// was used (providers to register and to log in, 2FA methods), then the
// notes. It says that the password is deliberately left out. The support
// phone, hours and URL are for the person to reach support and are not
// repeated in the letter.
//
// Request sees only Info, which has no field for a password, a TOTP secret
// or a backup code, so none can ever end up in the text.
func Request(info Info, label, lang string) string {
	if strings.HasPrefix(strings.ToLower(lang), "ja") {
		lang = "ja"
	} else {
		lang = "en"
	}
	i := info.Clean()
	l := letter{
		Info:      i,
		Label:     line(label),
		Empty:     i.isEmpty(),
		HasOnFile: i.RegisteredName != "" || i.LoginEmail != "" || i.Address != "" || i.CardLast4 != "",
		HasUsage:  len(i.RegisterProviders) > 0 || len(i.LoginProviders) > 0 || len(i.TwoFactorMethods) > 0,
	}
	if l.Label == "" {
		l.Label = "-"
	}
	for _, m := range i.TwoFactorMethods {
		if n, ok := methodNames[lang][strings.ToLower(m)]; ok {
			m = n
		}
		l.Methods = append(l.Methods, m)
	}
	var b strings.Builder
	if err := templates[lang].Execute(&b, l); err != nil {
		// The templates only read fields of letter; an error is a defect
		// caught by the tests, never an input problem.
		panic("recovery: template: " + err.Error())
	}
	out := strings.Split(b.String(), "\n")
	for i, l := range out {
		out[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(out, "\n")
}
