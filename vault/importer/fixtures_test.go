package importer

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	xpbkdf2 "golang.org/x/crypto/pbkdf2"
	"golang.org/x/crypto/scrypt"
)

// The encrypted Aegis and 2FAS fixtures are made by the encryptors below,
// written from the formats' descriptions independently of the decryptors
// under test (PBKDF2 even comes from a different implementation,
// x/crypto's instead of the standard library's). The files are committed;
// tests read them, and never make them with the code under test.
// generate_test.go (build tag "fixtures") rewrites them; see
// testdata/README.md.
//
// The Ente fixtures come from libsodium itself (testdata/gen/ente.py), the
// Google Authenticator ones from testdata/gen/migration.py and the QR
// images from qrencode and ImageMagick (testdata/gen/make-images.sh).

// fixturePassword opens every encrypted fixture.
const fixturePassword = "correct horse battery staple"

// aegisEncrypt builds an encrypted Aegis vault around db.
func aegisEncrypt(t testing.TB, db []byte, password string, n, r, p int, biometric bool) []byte {
	t.Helper()
	master := randomBytes(t, 32)
	salt := randomBytes(t, 32)
	kek, err := scrypt.Key([]byte(password), salt, n, r, p, 32)
	if err != nil {
		t.Fatal(err)
	}
	slotNonce := randomBytes(t, 12)
	wrapped := gcmSeal(t, kek, slotNonce, master)
	slots := []map[string]any{}
	if biometric {
		bioNonce := randomBytes(t, 12)
		bio := gcmSeal(t, randomBytes(t, 32), bioNonce, master)
		slots = append(slots, map[string]any{
			"type": 2, "uuid": "4e1c1d7e-8f6a-4b0e-9d3c-2a1b0c9d8e7f", "key": hex.EncodeToString(bio[:32]),
			"key_params": map[string]string{"nonce": hex.EncodeToString(bioNonce), "tag": hex.EncodeToString(bio[32:])},
		})
	}
	keyParams := map[string]string{"nonce": hex.EncodeToString(slotNonce), "tag": hex.EncodeToString(wrapped[32:])}
	slots = append(slots, map[string]any{
		"type": 1, "uuid": "a8325752-c1be-458a-9b3e-5e0a8154d9ec", "key": hex.EncodeToString(wrapped[:32]),
		"key_params": keyParams, "n": n, "r": r, "p": p, "salt": hex.EncodeToString(salt), "repaired": true,
	})
	nonce := randomBytes(t, 12)
	sealed := gcmSeal(t, master, nonce, db)
	ct, tag := sealed[:len(sealed)-16], sealed[len(sealed)-16:]
	// A struct, not a map, keeps Aegis's order of keys: version, header, db.
	type header struct {
		Slots  []map[string]any  `json:"slots"`
		Params map[string]string `json:"params"`
	}
	out, err := json.MarshalIndent(struct {
		Version int    `json:"version"`
		Header  header `json:"header"`
		DB      string `json:"db"`
	}{1, header{slots, map[string]string{"nonce": hex.EncodeToString(nonce), "tag": hex.EncodeToString(tag)}},
		base64.StdEncoding.EncodeToString(ct)}, "", "    ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// twoFASReference stands for the fixed text 2FAS encrypts as its
// password check; the decoder only checks that it authenticates, so any
// text will do.
const twoFASReference = "mamori test reference text"

// twoFASEncrypt builds an encrypted 2FAS backup around services (a JSON
// list), with the password-check reference if withReference.
func twoFASEncrypt(t testing.TB, services []byte, password string, withReference bool) []byte {
	t.Helper()
	salt := randomBytes(t, 256)
	key := xpbkdf2.Key([]byte(password), salt, 10000, 32, sha256.New)
	part := func(plain []byte) string {
		iv := randomBytes(t, 12)
		return base64.StdEncoding.EncodeToString(gcmSeal(t, key, iv, plain)) + ":" +
			base64.StdEncoding.EncodeToString(salt) + ":" + base64.StdEncoding.EncodeToString(iv)
	}
	f := map[string]any{
		"services": []any{}, "groups": []any{}, "updatedAt": 1708958781890, "schemaVersion": 4,
		"appVersionCode": 5000017, "appVersionName": "5.3.5", "appOrigin": "android",
		"servicesEncrypted": part(services),
	}
	if withReference {
		f["reference"] = part([]byte(twoFASReference))
	}
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func gcmSeal(t testing.TB, key, nonce, plain []byte) []byte {
	t.Helper()
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		t.Fatal(err)
	}
	return aead.Seal(nil, nonce, plain, nil)
}

func randomBytes(t testing.TB, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
