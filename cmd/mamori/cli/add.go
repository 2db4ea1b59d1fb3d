package cli

import (
	"bufio"
	"errors"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/otp"
)

func (a *app) addCommand() *cobra.Command {
	var (
		uri, secret, issuer, typ, alg string
		digits, period                int
		counter                       uint64
		noOTP                         bool
	)
	cmd := &cobra.Command{
		Use:   "add NAME --secret SECRET [flags] | add NAME --no-otp [--issuer I] | add --uri URI",
		Short: "Add one account, from an otpauth:// URI or from its settings",
		Long: `Add one account to the vault.

  mamori add --uri 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'
  mamori add alice --secret 'JBSW Y3DP EHPK 3PXP' --issuer GitHub
  mamori add alice --secret - --issuer GitHub < secret.txt

The secret is Base32 as services show it; spaces, hyphens, lower case and
full-width characters are accepted. "--secret -" reads it from the first line
of standard input, which keeps it out of the process list and shell history.
An account with the same issuer, name and secret as one in the vault is an
error. Invalid settings (type, algorithm, digits, period, counter) are usage
errors (exit status 2); an invalid URI or secret is a failure (exit status 1).

An account without an authenticator (its codes come by SMS, say) is added
with --no-otp instead of a secret, to keep its phone numbers, backup codes
and recovery details:

  mamori add taro@example.com --issuer Amazon --no-otp

"mamori code" fails for such an account, saying why.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var name string
			var key otp.Key
			var err error
			fromURI := false
			if noOTP {
				for _, f := range []string{"uri", "secret", "type", "algorithm", "digits", "period", "counter"} {
					if cmd.Flags().Changed(f) {
						return usageErr("cli.error.no_otp_exclusive", data{"Flag": "--" + f})
					}
				}
				if len(args) == 0 {
					return usageErr("cli.error.add_needs_name", nil)
				}
				name = args[0]
			} else if cmd.Flags().Changed("uri") {
				for _, f := range []string{"secret", "issuer", "type", "algorithm", "digits", "period", "counter"} {
					if cmd.Flags().Changed(f) {
						return usageErr("cli.error.uri_exclusive", data{"Flag": "--" + f})
					}
				}
				if len(args) > 0 {
					return usageErr("cli.error.uri_exclusive", data{"Flag": "NAME"})
				}
				parsed, err := otp.ParseURI(uri)
				if err != nil {
					return a.invalidURI(err)
				}
				issuer, name, key, fromURI = parsed.Issuer, parsed.Name, parsed.Key, true
			} else {
				if len(args) == 0 {
					return usageErr("cli.error.add_needs_name", nil)
				}
				if !cmd.Flags().Changed("secret") {
					return usageErr("cli.error.add_needs_secret", nil).withHint("cli.hint.add_no_otp", nil)
				}
				if secret == "-" {
					if secret, err = a.readSecretLine(a.env.Stdin); err != nil {
						return err
					}
				}
				if key, err = a.keyFromFlags(cmd, typ, secret, alg, digits, period, counter); err != nil {
					return err
				}
				name = args[0]
			}
			svc, err := a.service()
			if err != nil {
				return err
			}
			acct, _, err := svc.AddAccount(issuer, name, key)
			if errors.Is(err, vault.ErrLabelRequired) && fromURI {
				return a.invalidURI(err)
			}
			if err != nil {
				return err
			}
			a.note("cli.note.added", data{"Label": acct.Label()})
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&uri, "uri", "", "an otpauth:// URI, as a QR code or an export holds it")
	f.StringVar(&secret, "secret", "", `the Base32 secret ("-" reads it from standard input)`)
	f.StringVar(&issuer, "issuer", "", "the service, e.g. GitHub")
	f.StringVar(&typ, "type", "totp", "totp, hotp or steam")
	f.StringVar(&alg, "algorithm", "SHA1", "SHA1, SHA256 or SHA512")
	f.IntVar(&digits, "digits", 0, "digits in a code: 6 to 10 (default 6; 5 for steam)")
	f.IntVar(&period, "period", 0, "seconds each TOTP code lasts (default 30)")
	f.Uint64Var(&counter, "counter", 0, "the next HOTP counter value")
	f.BoolVar(&noOTP, "no-otp", false, "the account has no authenticator key (codes by SMS, say)")
	return cmd
}

// keyFromFlags builds an OTP key from add's flags. A bad setting is a usage
// error; a bad secret is a failure. Neither message repeats the secret.
func (a *app) keyFromFlags(cmd *cobra.Command, typ, secret, alg string, digits, period int, counter uint64) (otp.Key, error) {
	bad := func(err error) error {
		return usageErr("cli.error.bad_setting", data{"Reason": a.reason(err)}).wrap(err)
	}
	t, err := otp.ParseType(typ)
	if err != nil {
		return otp.Key{}, bad(err)
	}
	al, err := otp.ParseAlgorithm(alg)
	if err != nil {
		return otp.Key{}, bad(err)
	}
	if cmd.Flags().Changed("digits") && digits <= 0 {
		return otp.Key{}, bad(otp.ErrBadDigits)
	}
	if cmd.Flags().Changed("period") {
		if t == otp.HOTP {
			return otp.Key{}, usageErr("cli.error.flag_not_for_type", data{"Flag": "--period", "Type": string(t)})
		}
		if period <= 0 {
			return otp.Key{}, bad(otp.ErrBadPeriod)
		}
	}
	if cmd.Flags().Changed("counter") && t != otp.HOTP {
		return otp.Key{}, usageErr("cli.error.flag_not_for_type", data{"Flag": "--counter", "Type": string(t)})
	}
	key, err := otp.NewKey(t, secret, al, digits, period, counter)
	if err != nil {
		if errors.Is(err, otp.ErrBadSecret) || errors.Is(err, otp.ErrMissingSecret) {
			return otp.Key{}, failure("cli.error.bad_secret", data{"Reason": a.reason(err)}).wrap(err)
		}
		if _, ok := usecase.OTPReason(err); ok {
			return otp.Key{}, bad(err)
		}
		return otp.Key{}, err
	}
	return key, nil
}

// invalidURI explains why an otpauth URI was refused, without repeating it
// (it holds the secret).
func (a *app) invalidURI(err error) error {
	reason := a.reason(err)
	if errors.Is(err, vault.ErrLabelRequired) {
		reason = a.msg.T("cli.otp.no_label")
	}
	return failure("cli.error.invalid_uri", data{"Reason": reason}).wrap(err)
}

// readSecretLine reads the first line of r, for "--secret -".
func (a *app) readSecretLine(r io.Reader) (string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 64*1024)
	if sc.Scan() {
		return strings.TrimSpace(sc.Text()), nil
	}
	if err := sc.Err(); err != nil {
		return "", failure("cli.error.read_stdin", data{"Detail": err.Error()}).wrap(err)
	}
	return "", failure("cli.error.bad_secret", data{"Reason": a.reason(otp.ErrMissingSecret)}).wrap(otp.ErrMissingSecret)
}
