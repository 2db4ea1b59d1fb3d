package ui

import (
	"bytes"
	"text/template"
)

// texts holds every string the window shows, keyed the way the translation
// files in assets/translations are (flat keys, Go template placeholders such
// as {{.Count}}, the syntax Fyne's lang package uses), so that they can move
// there unchanged when the app is translated.
var texts = map[string]string{
	"ui.title":            "Mamori",
	"ui.search":           "Search accounts",
	"ui.reload":           "Reload the vault",
	"ui.loading":          "Opening the vault…",
	"ui.count":            "{{.Count}} accounts",
	"ui.count.one":        "1 account",
	"ui.count.filtered":   "{{.Shown}} of {{.Count}} accounts",
	"ui.copy":             "Copy",
	"ui.copied":           "Copied the code for {{.Label}}.",
	"ui.copy.failed":      "There is no code to copy for {{.Label}}.",
	"ui.seconds":          "{{.Seconds}} s",
	"ui.hotp.show":        "Show next code",
	"ui.hotp.hidden":      "••• •••",
	"ui.hotp.shown":       "Code no. {{.Counter}}; the next press shows a new one.",
	"ui.hotp.failed":      "Could not save the counter, so no code is shown: {{.Error}}",
	"ui.no_otp":           "no authenticator",
	"ui.code.error":       "no code",
	"ui.no_match":         "No account matches “{{.Query}}”.",
	"ui.empty.title":      "No accounts yet",
	"ui.empty.body":       "Add an account from a terminal, with the otpauth:// link or QR code the service showed you when you turned on two-step verification:",
	"ui.empty.example":    "mamori add --uri 'otpauth://totp/Example:alice@example.com?secret=…&issuer=Example'\nmamori import codes.txt",
	"ui.empty.after":      "Then press Reload. The vault is kept in {{.Dir}}.",
	"ui.retry":            "Try again",
	"ui.restore":          "Restore the previous copy",
	"ui.restore.confirm":  "Replace the damaged vault with the copy saved on {{.Saved}} (generation {{.Generation}}, accounts: {{.Accounts}})? The damaged file is kept beside it.",
	"ui.restore.title":    "Restore the vault",
	"ui.restore.done":     "The previous copy of the vault was restored.",
	"ui.error.title":      "The vault could not be opened",
	"ui.error.detail":     "Details: {{.Error}}",
	"ui.error.newer":      "This vault was written by a newer version of Mamori. Update Mamori to open it; the vault has not been changed.",
	"ui.error.damaged":    "The vault file is damaged (cut short or changed outside Mamori). Nothing has been overwritten.",
	"ui.error.backup":     "A previous copy from {{.Saved}} (accounts: {{.Accounts}}) opens correctly.",
	"ui.error.no_backup":  "There is no usable previous copy. Restore the data directory from a backup, or import a recovery kit.",
	"ui.error.key":        "The vault exists but its key is missing. Mamori will not create a new, empty vault over it. If the key was in the system keyring, check that the right keyring is unlocked.",
	"ui.error.wrong_pass": "Wrong passphrase.",
	"ui.error.need_pass":  "A passphrase is needed to open the vault.",
	"ui.error.cancelled":  "Unlocking was cancelled.",
	"ui.error.keyring":    "The system keyring did not answer. Unlock it (or start it) and try again.",
	"ui.error.other":      "Something went wrong while opening the vault.",
	"ui.pass.title":       "Unlock Mamori",
	"ui.pass.unlock":      "The vault is protected by a passphrase.",
	"ui.pass.retry":       "That passphrase was wrong; try again (attempt {{.Attempt}}).",
	"ui.pass.new":         "There is no usable system keyring, so the vault's key will be kept in the data directory, protected by a passphrase you choose now.",
	"ui.pass.why":         "Why: {{.Reason}}",
	"ui.pass.label":       "Passphrase",
	"ui.pass.confirm":     "Repeat it",
	"ui.pass.mismatch":    "The two passphrases differ.",
	"ui.pass.empty":       "Enter a passphrase.",
	"ui.pass.ok":          "Unlock",
	"ui.cancel":           "Cancel",
}

// tr returns the text for key, filled in from data when given; an unknown key
// is returned as it is, so a missing text shows up instead of vanishing.
func tr(key string, data ...map[string]any) string {
	text, ok := texts[key]
	if !ok {
		return key
	}
	if len(data) == 0 || data[0] == nil {
		return text
	}
	t, err := template.New(key).Option("missingkey=zero").Parse(text)
	if err != nil {
		return text
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data[0]); err != nil {
		return text
	}
	return b.String()
}
