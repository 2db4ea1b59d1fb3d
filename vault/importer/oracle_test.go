package importer

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/oracletest"
	"github.com/mamori-app/mamori/vault/otp"
)

// TestCodesAgainstOathtool reads the fixtures of the formats added for
// issue 17 and checks every TOTP code, and every SHA-1 HOTP code, against
// OATH Toolkit's oathtool, so a secret decoded wrongly (FreeOTP+'s signed
// bytes, a maFile's Base64) cannot pass. It fails rather than skips
// without oathtool: the Makefile installs it. (oathtool has no Steam
// alphabet and its HOTP is SHA-1 only; those keys are checked against the
// fixtures' expected secrets in TestParseFixtures.)
func TestCodesAgainstOathtool(t *testing.T) {
	if _, err := exec.LookPath("oathtool"); err != nil {
		oracletest.SkipOnWindows(t, "oathtool")
		t.Fatalf("oathtool is required for this test (apt-get install oathtool): %v", err)
	}
	const at = 1700000000
	checked := 0
	for _, file := range []string{"andotp.json", "andotp.json.aes", "authpro.json", "authpro.authpro", "authpro-legacy.authpro",
		"freeotp-plus.json", "lastpass.json", "bitwarden.csv", "1password.csv", "1password.1pux", "totp-authenticator.encrypt", "raivo-aes.zip", "authplus.zip", "freeotp-backup.xml"} {
		res, err := Parse(readFixture(t, file), Options{Passphrase: func() (string, error) { return fixturePassword, nil }})
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, a := range res.Accounts {
			k := a.Key
			var args []string
			var got string
			switch {
			case k.Type == otp.TOTP:
				args = []string{"--totp=" + strings.ToLower(string(k.Algorithm)), "-b", "-d", strconv.Itoa(k.Digits),
					"-s", fmt.Sprintf("%ds", k.Period), "-N", fmt.Sprintf("@%d", at), k.Secret}
				got, err = k.Code(time.Unix(at, 0))
			case k.Type == otp.HOTP && k.Algorithm == otp.SHA1:
				args = []string{"-b", "-d", strconv.Itoa(k.Digits), "-c", strconv.FormatUint(k.Counter, 10), k.Secret}
				got, err = k.HOTP(k.Counter)
			default:
				continue
			}
			out, oerr := exec.Command("oathtool", args...).CombinedOutput()
			if oerr != nil {
				t.Fatalf("oathtool: %v: %s", oerr, out)
			}
			if want := strings.TrimSpace(string(out)); err != nil || got != want {
				t.Errorf("%s %s: code %q, %v; oathtool %q", file, a.Issuer, got, err, want)
			}
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("only %d codes checked", checked)
	}
}
