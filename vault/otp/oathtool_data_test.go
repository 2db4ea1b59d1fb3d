package otp

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestOathtoolAnswers checks Mamori's codes against oathtool's answers
// recorded in testdata/oathtool.tsv by scripts/oracle-data.sh, so that a
// test that cannot start oathtool (Windows, under Wine) still has the
// oracle. Where oathtool can run (Linux, where make test installs it), every
// row is asked of oathtool again, and a row that no longer matches the tool
// fails the test: the data cannot silently go stale.
func TestOathtoolAnswers(t *testing.T) {
	f, err := os.Open("testdata/oathtool.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tool, err := exec.LookPath("oathtool")
	if err != nil && runtime.GOOS != "windows" {
		t.Fatalf("oathtool is needed to check the recorded answers still match it (apt-get install oathtool): %v", err)
	}
	rows := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows++
		c := strings.Split(line, "\t")
		if len(c) != 7 {
			t.Fatalf("testdata/oathtool.tsv: %q: want 7 columns", line)
		}
		kind, alg, secret, want := c[0], Algorithm(c[1]), c[5], c[6]
		digits, err1 := strconv.Atoi(c[2])
		period, err2 := strconv.Atoi(c[3])
		moment, err3 := strconv.ParseUint(c[4], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("testdata/oathtool.tsv: %q: bad number", line)
		}
		var got string
		var args []string
		switch kind {
		case "totp":
			k, err := NewKey(TOTP, secret, alg, digits, period, 0)
			if err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			got, err = k.Code(time.Unix(int64(moment), 0))
			if err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			args = []string{"--totp=" + strings.ToLower(string(alg)), "-b", "-d", c[2], "-s", c[3] + "s", "-N", "@" + c[4], secret}
		case "hotp":
			k, err := NewKey(HOTP, secret, SHA1, digits, 0, 0)
			if err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			if got, err = k.HOTP(moment); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			args = []string{"-b", "-d", c[2], "-c", c[4], secret}
		default:
			t.Fatalf("testdata/oathtool.tsv: %q: unknown kind %q", line, kind)
		}
		if got != want {
			t.Errorf("%s %s d=%d p=%d at %d: Mamori %s, oathtool recorded %s", kind, alg, digits, period, moment, got, want)
		}
		if tool != "" {
			out, err := exec.Command(tool, args...).Output()
			if now := strings.TrimSpace(string(out)); err != nil || now != want {
				t.Fatalf("oathtool %s now answers %q (%v), the file says %s: run scripts/oracle-data.sh", strings.Join(args, " "), now, err, want)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if rows < 200 {
		t.Fatalf("testdata/oathtool.tsv has %d answers, want the 237 scripts/oracle-data.sh writes", rows)
	}
}
