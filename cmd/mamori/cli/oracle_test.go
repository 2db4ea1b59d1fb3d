package cli

import (
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/oracletest"
)

// oathtool runs the OATH Toolkit's oathtool, the reference the CLI's codes are
// checked against. It is installed by "make test"; without it the test fails.
func oathtool(t *testing.T, args ...string) string {
	t.Helper()
	path, err := exec.LookPath("oathtool")
	if err != nil {
		oracletest.SkipOnWindows(t, "oathtool")
		t.Fatalf("oathtool is needed as the oracle for codes (Debian/Ubuntu: apt-get install oathtool): %v", err)
	}
	out, err := exec.Command(path, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("oathtool %q: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func randomSecret(t *testing.T, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

func TestCodesMatchOathtool(t *testing.T) {
	h := newHarness(t)
	type acct struct {
		name, alg, secret string
		digits, period    int
	}
	var accts []acct
	for _, alg := range []struct {
		name string
		size int
	}{{"SHA1", 20}, {"SHA256", 32}, {"SHA512", 64}} {
		for _, digits := range []int{6, 7, 8} {
			for _, period := range []int{30, 60} {
				a := acct{fmt.Sprintf("%s-%d-%d", strings.ToLower(alg.name), digits, period), alg.name, randomSecret(t, alg.size), digits, period}
				h.addSecret(a.secret)
				// Lower-case algorithm names and a spaced secret are accepted too.
				spaced := strings.ToLower(a.secret[:8]) + " " + a.secret[8:]
				h.ok("", "add", a.name, "--issuer", "Oracle", "--secret", spaced, "--algorithm", strings.ToLower(a.alg),
					"--digits", strconv.Itoa(digits), "--period", strconv.Itoa(period))
				accts = append(accts, a)
			}
		}
	}
	times := []int64{0, 59, 1111111109, 1234567890, 2000000000, 20000000000, time.Now().Unix()}
	for _, a := range accts {
		for _, ts := range times {
			want := oathtool(t, "--totp="+a.alg, "--digits="+strconv.Itoa(a.digits), "--time-step-size="+strconv.Itoa(a.period)+"s",
				"--now=@"+strconv.FormatInt(ts, 10), "--base32", a.secret)
			at := strconv.FormatInt(ts, 10)
			if ts%2 == 1 {
				at = time.Unix(ts, 0).In(time.FixedZone("JST", 9*3600)).Format(time.RFC3339)
			}
			r := h.ok("", "code", "oracle:"+a.name, "--at", at)
			if got := strings.TrimSuffix(r.stdout, "\n"); got != want {
				t.Errorf("%s at %s: mamori %q, oathtool %q", a.name, at, got, want)
			}
		}
	}

	// HOTP: each code uses the next counter, as oathtool --hotp -c N says.
	secret := h.addSecret(randomSecret(t, 20))
	h.ok("", "add", "hotp-7", "--issuer", "Oracle", "--secret", secret, "--type", "hotp", "--digits", "7", "--counter", "41")
	for c := 41; c < 45; c++ {
		want := oathtool(t, "--hotp", "--digits=7", "--counter="+strconv.Itoa(c), "--base32", secret)
		if got := strings.TrimSpace(h.ok("", "code", "hotp-7").stdout); got != want {
			t.Errorf("hotp counter %d: mamori %q, oathtool %q", c, got, want)
		}
	}
}
