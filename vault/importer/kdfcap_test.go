package importer

import (
	"errors"
	"strconv"
	"testing"
)

// hostileKDF lists crafted files, one for each cap on a key-derivation
// parameter an import format reads from the file. Every one must be
// refused with ErrTooCostly before the password is asked for: the key is
// derived only after the password is known, so no work has been done.
// The formats' own files add rows (see the *_test.go of each format).
var hostileKDF = []struct {
	name string
	data string
}{
	{"aegis scrypt n 2^20", aegisSlotJSON(1<<20, 8, 1)},
	{"aegis scrypt r 64", aegisSlotJSON(1<<10, 64, 1)},
	{"aegis scrypt p 1000", aegisSlotJSON(1<<10, 8, 1000)},
	{"aegis scrypt 512 mib", aegisSlotJSON(1<<18, 16, 1)},
	{"aegis scrypt work", aegisSlotJSON(1<<18, 8, 16)},
	{"ente 4 gib", enteJSON(4<<30, 1, 16, 24, 40)},
	{"ente ops 1000", enteJSON(64<<20, 1000, 16, 24, 40)},
	{"ente 1 gib × 100", enteJSON(1<<30, 100, 16, 24, 40)},
	{"bitwarden pbkdf2 10^9", bitwardenKDFJSON(0, 1_000_000_000, 0, 0)},
	{"bitwarden argon2 passes", bitwardenKDFJSON(1, 1000, 64, 4)},
	{"bitwarden argon2 64 gib", bitwardenKDFJSON(1, 3, 64<<10, 4)},
	{"bitwarden argon2 lanes", bitwardenKDFJSON(1, 3, 64, 255)},
}

// bitwardenKDFJSON is a password-protected Bitwarden export header with
// the given key derivation.
func bitwardenKDFJSON(typ, iterations, memory, lanes int) string {
	return `{"encrypted":true,"passwordProtected":true,"salt":"c2FsdA==","kdfType":` + strconv.Itoa(typ) +
		`,"kdfIterations":` + strconv.Itoa(iterations) + `,"kdfMemory":` + strconv.Itoa(memory) + `,"kdfParallelism":` + strconv.Itoa(lanes) +
		`,"encKeyValidation_DO_NOT_EDIT":"2.AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",` +
		`"data":"2.AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}`
}

func TestHostileKDF(t *testing.T) {
	for _, tt := range hostileKDF {
		t.Run(tt.name, func(t *testing.T) {
			asked := false
			_, err := Parse([]byte(tt.data), Options{Passphrase: func() (string, error) {
				asked = true
				return fixturePassword, nil
			}})
			if !errors.Is(err, ErrTooCostly) {
				t.Errorf("err = %v, want ErrTooCostly", err)
			}
			if asked {
				t.Error("the password was asked for: the cap is checked too late")
			}
		})
	}
}
