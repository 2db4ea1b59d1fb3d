package usecase

import "github.com/mamori-app/mamori/vault/passphrase"

// PassphraseVerdict is Mamori's passphrase rule (package passphrase) on a
// passphrase being chosen, in words both front-ends show alike.
type PassphraseVerdict struct {
	// OK is true when the passphrase may be used.
	OK bool
	// Says is the verdict: why it is refused (or that it is strong
	// enough), then how long guessing it would take. The first message's
	// Hint, on a refusal, says how to make a strong one.
	Says []Message
}

// CheckPassphrase applies the one rule for a chosen passphrase (the app
// passphrase, the key file's, a recovery kit's) to p, for a file
// protected at scrypt work factor workFactor (0: age's default).
func CheckPassphrase(p string, workFactor int) PassphraseVerdict {
	v := passphrase.Check(p, workFactor)
	first := Message{ID: "passphrase.ok"}
	if !v.OK {
		first = Message{ID: reasonID(v.Reasons[0]), Hint: &Message{ID: "passphrase.advice"}}
	}
	out := PassphraseVerdict{OK: v.OK, Says: []Message{first}}
	if p != "" {
		out.Says = append(out.Says, Message{ID: "passphrase.guess_time",
			Data: map[string]any{"N": v.Crack.N, "Unit": unitName(v.Crack.Unit)}})
	}
	return out
}

// reasonID is the translation key of a refusal's reason.
func reasonID(r passphrase.Reason) string {
	switch r {
	case passphrase.Empty:
		return "passphrase.refused.empty"
	case passphrase.CommonPassword:
		return "passphrase.refused.common_password"
	case passphrase.CommonWord:
		return "passphrase.refused.common_word"
	case passphrase.Name:
		return "passphrase.refused.name"
	case passphrase.Date:
		return "passphrase.refused.date"
	case passphrase.Year:
		return "passphrase.refused.year"
	case passphrase.Repeat:
		return "passphrase.refused.repeat"
	case passphrase.Sequence:
		return "passphrase.refused.sequence"
	case passphrase.Keyboard:
		return "passphrase.refused.keyboard"
	}
	return "passphrase.refused.too_short"
}

// unitName is how the guess_time text names an estimate's unit.
func unitName(u passphrase.Unit) string {
	switch u {
	case passphrase.Seconds:
		return "seconds"
	case passphrase.Minutes:
		return "minutes"
	case passphrase.Hours:
		return "hours"
	case passphrase.Days:
		return "days"
	case passphrase.Months:
		return "months"
	case passphrase.Years:
		return "years"
	case passphrase.Centuries:
		return "centuries"
	}
	return "instantly"
}
