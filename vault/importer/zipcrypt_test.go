package importer

import (
	"errors"
	"testing"
)

// TestEncryptedZips: wrong passwords and damage in both ZIP encryptions.
// The fixtures come from Info-ZIP's zip -P and from gen/aeszip.py,
// checked with libarchive.
func TestEncryptedZips(t *testing.T) {
	pw := func(s string) func() (string, error) { return func() (string, error) { return s, nil } }
	for _, file := range []string{"raivo.zip", "raivo-aes.zip", "authplus.zip", "authplus-stream.zip", "authplus-aes.zip"} {
		data := readFixture(t, file)
		t.Run(file, func(t *testing.T) {
			if _, err := Parse(data, Options{Passphrase: pw("not it")}); !errors.Is(err, ErrWrongPassword) {
				t.Errorf("wrong password: %v", err)
			}
			if _, err := Parse(data, Options{}); !errors.Is(err, ErrPassphraseRequired) {
				t.Errorf("no password: %v", err)
			}
			// Flip a byte of the encrypted data (after the local header's
			// name and the encryption header): ZipCrypto's CRC or AES's
			// MAC must catch it.
			bad := append([]byte{}, data...)
			bad[30+len("raivo-otp-export.json")+40] ^= 0x55
			_, err := Parse(bad, Options{Passphrase: pw(fixturePassword)})
			if err == nil {
				t.Error("a damaged archive was read")
			}
		})
	}
}
