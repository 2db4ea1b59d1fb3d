package importer

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20"
	"golang.org/x/crypto/chacha20poly1305"
)

// Ente Auth's encrypted export is
//
//	{"version": 1,
//	 "kdfParams": {"memLimit": BYTES, "opsLimit": N, "salt": BASE64},
//	 "encryptedData": BASE64, "encryptionNonce": BASE64}
//
// The key is libsodium's crypto_pwhash with Argon2id: Argon2id(password,
// salt, time=opsLimit, memory=memLimit/1024 KiB, one lane, 32 bytes). The
// plain text, otpauth:// URIs one a line, is encrypted with libsodium's
// crypto_secretstream_xchacha20poly1305 as a single message tagged FINAL;
// encryptionNonce is the stream's 24-byte header.

// Limits on the KDF parameters of a file. Ente asks libsodium for its
// "sensitive" setting (1 GiB, 4 passes) and halves the memory and doubles
// the passes on a phone that cannot spare it; anything past these bounds
// would make an import take minutes or exhaust memory.
const (
	enteMaxMemLimit = 1 << 30 // bytes
	enteMinMemLimit = 8 << 10 // libsodium's crypto_pwhash_MEMLIMIT_MIN
	enteMaxOpsLimit = 256
	enteMaxWork     = 4 << 10 // memLimit in MiB × opsLimit: 1 GiB × 4, 256 MiB × 16

	enteSaltBytes = 16 // crypto_pwhash_SALTBYTES
)

type enteFile struct {
	Version   flexInt `json:"version"`
	KDFParams *struct {
		MemLimit flexInt `json:"memLimit"`
		OpsLimit flexInt `json:"opsLimit"`
		Salt     string  `json:"salt"`
	} `json:"kdfParams"`
	EncryptedData   string `json:"encryptedData"`
	EncryptionNonce string `json:"encryptionNonce"`
}

// ente reads an Ente Auth encrypted export.
func (p *parser) ente(data []byte) error {
	p.res.Encrypted = true
	var f enteFile
	if err := decodeJSON(data, &f); err != nil {
		return err
	}
	if f.Version.set && f.Version.v != 1 {
		return malformed("ente export version %d is not supported (want 1)", f.Version.v)
	}
	kp := f.KDFParams
	if kp == nil {
		return malformed("ente export has no kdfParams")
	}
	mem, ops := kp.MemLimit.v, kp.OpsLimit.v
	switch {
	case mem < enteMinMemLimit:
		return malformed("ente memLimit must be at least 8 KiB")
	case ops < 1:
		return malformed("ente opsLimit must be at least 1")
	case mem > enteMaxMemLimit || mem > p.opts.kdfLimit():
		return tooCostly("ente memLimit is past %d mib", min(enteMaxMemLimit, p.opts.kdfLimit())>>20)
	case ops > enteMaxOpsLimit:
		return tooCostly("ente opsLimit is past %d", enteMaxOpsLimit)
	case (mem>>20)*ops > enteMaxWork:
		return tooCostly("ente memLimit × opsLimit is past what ente auth uses (1 gib × 4)")
	}
	salt, err := decodeBase64(kp.Salt)
	if err != nil || len(salt) != enteSaltBytes {
		return malformed("ente salt is not 16 bytes of base64")
	}
	header, err := decodeBase64(f.EncryptionNonce)
	if err != nil || len(header) != secretstreamHeaderBytes {
		return malformed("ente encryptionNonce is not 24 bytes of base64")
	}
	ct, err := decodeBase64(f.EncryptedData)
	if err != nil {
		return malformed("ente encryptedData is not valid base64")
	}
	if len(ct) < secretstreamABytes {
		return fmt.Errorf("%w: encryptedData is %d bytes long", ErrCorrupt, len(ct))
	}
	pw, err := p.passphrase()
	if err != nil {
		return err
	}
	key := argon2.IDKey([]byte(pw), salt, uint32(ops), uint32(mem/1024), 1, 32)
	plain, tag, err := secretstreamPull(key, header, ct)
	if err != nil {
		// One authenticated message: nothing tells a wrong password from
		// a damaged file.
		return fmt.Errorf("%w (or the export is damaged)", ErrWrongPassword)
	}
	if tag != secretstreamTagFinal {
		return fmt.Errorf("%w: the encrypted stream does not end where the file does", ErrCorrupt)
	}
	return p.text(bytes.TrimPrefix(plain, utf8BOM), Position{})
}

// libsodium crypto_secretstream_xchacha20poly1305 constants.
const (
	secretstreamHeaderBytes = 24 // crypto_secretstream_xchacha20poly1305_HEADERBYTES
	secretstreamABytes      = 17 // one tag byte + 16 bytes of Poly1305 MAC
	secretstreamTagFinal    = 3  // crypto_secretstream_xchacha20poly1305_TAG_FINAL
)

var errSecretstreamAuth = errors.New("secretstream message does not authenticate")

// secretstreamPull decrypts the first message of a libsodium secretstream
// (crypto_secretstream_xchacha20poly1305_init_pull then _pull, with no
// additional data) and returns it with its tag.
//
// init_pull derives the stream key k = HChaCha20(key, header[0:16]) and
// the 12-byte ChaCha20 nonce counter‖inonce, with the 32-bit counter 1
// (little-endian) and inonce = header[16:24].
//
// A message is c[0] ‖ c[1:n-16] ‖ mac: the tag byte encrypted as the first
// byte of a 64-byte block at ChaCha20 block counter 1, the message
// encrypted from block 2, and a Poly1305 MAC keyed with block 0 over the
// additional data, padding, the whole 64-byte block as encrypted, the
// message ciphertext, padding and both lengths. That is exactly the IETF
// ChaCha20-Poly1305 AEAD (RFC 8439) of the plaintext tag‖0⁶³‖message, so
// the ciphertext that AEAD would have produced is rebuilt (the 63 bytes
// after the tag are block 1 of the key stream) and opened with
// chacha20poly1305, which checks the MAC in constant time before
// anything is decrypted.
//
// Only the first message is read: the state update that follows it
// (inonce ^= mac, counter++, rekey) matters only for a second one, and an
// Ente export has just one.
func secretstreamPull(key, header, in []byte) ([]byte, byte, error) {
	if len(key) != chacha20.KeySize || len(header) != secretstreamHeaderBytes || len(in) < secretstreamABytes {
		return nil, 0, errSecretstreamAuth
	}
	k, err := chacha20.HChaCha20(key, header[:16])
	if err != nil {
		return nil, 0, err
	}
	var nonce [chacha20.NonceSize]byte
	binary.LittleEndian.PutUint32(nonce[:4], 1)
	copy(nonce[4:], header[16:])

	ks, err := chacha20.NewUnauthenticatedCipher(k, nonce[:])
	if err != nil {
		return nil, 0, err
	}
	ks.SetCounter(1)
	var block [64]byte
	ks.XORKeyStream(block[:], block[:])
	block[0] = in[0]

	sealed := make([]byte, 0, len(block)+len(in)-1)
	sealed = append(sealed, block[:]...)
	sealed = append(sealed, in[1:]...)
	aead, err := chacha20poly1305.New(k)
	if err != nil {
		return nil, 0, err
	}
	plain, err := aead.Open(sealed[:0], nonce[:], sealed, nil)
	if err != nil {
		return nil, 0, errSecretstreamAuth
	}
	return plain[len(block):], plain[0], nil
}
