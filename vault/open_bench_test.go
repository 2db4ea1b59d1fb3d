package vault

import (
	"encoding/base32"
	"fmt"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault/keystore"
	"github.com/mamori-app/mamori/vault/otp"
)

// BenchmarkOpen measures Load (read, decrypt, decompress, decode) of a vault
// of 10,000 and 50,000 accounts with distinct keys, the key unlocked. It
// reports the CPU time per open beside the wall time. It uses only what the store has had from the start, so scripts/bench.sh can
// run the same file on an older commit beside this one.
func BenchmarkOpen(b *testing.B) {
	for _, n := range []int{10000, 50000} {
		b.Run(fmt.Sprint(n/1000, "k"), func(b *testing.B) {
			s := NewStore(Options{Dir: b.TempDir()}, &keystore.Memory{})
			_, err := s.Update(func(v *Vault) error {
				for i := 0; i < n; i++ {
					key, err := otp.NewKey(otp.TOTP, base32.StdEncoding.EncodeToString([]byte(fmt.Sprintf("mamori-bench-%07d", i))), otp.SHA1, 6, 30, 0)
					if err != nil {
						return err
					}
					a, err := NewAccount(fmt.Sprintf("Service %d", i), fmt.Sprintf("user%d@example.com", i), key, time.Unix(1700000000, 0))
					if err != nil {
						return err
					}
					v.Accounts = append(v.Accounts, a)
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			cpu := cpuTime()
			for i := 0; i < b.N; i++ {
				v, err := s.Load()
				if err != nil {
					b.Fatal(err)
				}
				if len(v.Accounts) != n {
					b.Fatalf("%d accounts", len(v.Accounts))
				}
			}
			if cpu := cpuTime() - cpu; cpu > 0 {
				b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
			}
		})
	}
}
