package cli

import (
	"strings"

	"github.com/mamori-app/mamori/usecase"
)

// passphraseVerdict is Mamori's one passphrase rule (usecase.CheckPassphrase)
// on a passphrase being chosen: whether it may be used, and why not (or how
// strong it is) in the person's language, on one line.
func (a *app) passphraseVerdict(p string) (ok bool, says string) {
	v := usecase.CheckPassphrase(p, a.env.scryptWorkFactor)
	parts := make([]string, 0, len(v.Says))
	for _, m := range v.Says {
		parts = append(parts, a.msg.T(m.ID, m.Data))
	}
	return v.OK, strings.Join(parts, " ")
}

// checkEnvPassphrase applies the rule to a new passphrase taken from the
// environment variable env: a refusal names the variable and says why.
func (a *app) checkEnvPassphrase(env, p string) *cliError {
	ok, why := a.passphraseVerdict(p)
	if ok {
		return nil
	}
	return failure("cli.error.weak_passphrase", data{"Reason": why}).
		withHint("cli.hint.weak_passphrase_env", data{"Env": env, "Advice": a.msg.T("passphrase.advice")})
}

// typedPassphraseRefused applies the rule to a new passphrase typed at the
// terminal; when it is refused it says why, with advice, and reports true.
func (a *app) typedPassphraseRefused(p string) bool {
	ok, why := a.passphraseVerdict(p)
	if !ok {
		a.note("cli.prompt.weak_passphrase", data{"Reason": why})
		a.note("passphrase.advice", nil)
	}
	return !ok
}
