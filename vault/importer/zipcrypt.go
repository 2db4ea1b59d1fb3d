package importer

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/aes"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"path"
)

// Password-protected ZIP members, as Raivo and Authenticator Plus export
// them. archive/zip reads the directory but not encrypted data, so the
// two schemes in use are undone here (APPNOTE.TXT §6.1, and WinZip's AE-x
// specification):
//
//   - traditional PKWARE encryption ("ZipCrypto"): a 12-byte header, then
//     the data, both under a stream cipher of three 32-bit keys updated
//     with CRC-32; the header's last byte is a one-byte password check;
//   - WinZip AES (method 99, extra field 0x9901 giving the key size and the
//     real method): salt (8, 12 or 16 bytes) ‖ 2-byte password verifier ‖
//     AES-CTR data ‖ 10-byte HMAC-SHA1, with keys from
//     PBKDF2-HMAC-SHA1(password, salt, 1000 iterations); the counter is
//     little-endian and starts at 1.
//
// Both key derivations are fixed by the format.

// zipAESExtra is the extra field ID of WinZip AES.
const zipAESExtra = 0x9901

// readZipEncrypted decrypts and decompresses an encrypted member with
// password, capped at maxZipMember bytes.
func readZipEncrypted(f *zip.File, password string) ([]byte, error) {
	if f.UncompressedSize64 > maxZipMember {
		return nil, fmt.Errorf("%w: %s unpacks to %d bytes (limit %d)", ErrTooLarge, path.Base(f.Name), f.UncompressedSize64, maxZipMember)
	}
	r, err := f.OpenRaw()
	if err != nil {
		return nil, malformed("%s cannot be read from the zip archive", path.Base(f.Name))
	}
	raw, err := io.ReadAll(io.LimitReader(r, maxZipMember+1024))
	if err != nil {
		return nil, malformed("%s cannot be read from the zip archive", path.Base(f.Name))
	}
	var method uint16
	var data []byte
	if f.Method == 99 {
		if method, data, err = zipAESDecrypt(f, raw, password); err != nil {
			return nil, err
		}
	} else {
		method = f.Method
		if data, err = zipCryptoDecrypt(f, raw, password); err != nil {
			return nil, err
		}
	}
	var out []byte
	switch method {
	case zip.Store:
		out = data
	case zip.Deflate:
		fr := flate.NewReader(bytes.NewReader(data))
		out, err = io.ReadAll(io.LimitReader(fr, maxZipMember+1))
		fr.Close()
		if err != nil {
			return nil, fmt.Errorf("%w (or the archive is damaged)", ErrWrongPassword)
		}
	default:
		return nil, malformed("%s is compressed with method %d, which cannot be unpacked", path.Base(f.Name), method)
	}
	if len(out) > maxZipMember {
		return nil, fmt.Errorf("%w: %s unpacks to more than %d bytes", ErrTooLarge, path.Base(f.Name), maxZipMember)
	}
	if f.Method != 99 && crc32.ChecksumIEEE(out) != f.CRC32 {
		// ZipCrypto's check byte lets one wrong password in 256 through.
		return nil, fmt.Errorf("%w (or the archive is damaged)", ErrWrongPassword)
	}
	return out, nil
}

// zipCryptoDecrypt undoes traditional PKWARE encryption.
func zipCryptoDecrypt(f *zip.File, raw []byte, password string) ([]byte, error) {
	if len(raw) < 12 {
		return nil, fmt.Errorf("%w: %s is shorter than its encryption header", ErrCorrupt, path.Base(f.Name))
	}
	k := [3]uint32{0x12345678, 0x23456789, 0x34567890}
	update := func(c byte) {
		k[0] = crc32.IEEETable[byte(k[0])^c] ^ (k[0] >> 8)
		k[1] = (k[1]+(k[0]&0xff))*134775813 + 1
		k[2] = crc32.IEEETable[byte(k[2])^byte(k[1]>>24)] ^ (k[2] >> 8)
	}
	for i := 0; i < len(password); i++ {
		update(password[i])
	}
	out := make([]byte, len(raw))
	for i, c := range raw {
		t := uint16(k[2] | 2)
		p := c ^ byte((uint32(t)*uint32(t^1))>>8)
		update(p)
		out[i] = p
	}
	// The check byte is the high byte of the CRC, or of the modification
	// time when the sizes follow the data (flag bit 3).
	check := byte(f.CRC32 >> 24)
	if f.Flags&0x8 != 0 {
		check = byte(f.ModifiedTime >> 8)
	}
	if out[11] != check {
		return nil, fmt.Errorf("%w", ErrWrongPassword)
	}
	return out[12:], nil
}

// zipAESDecrypt undoes WinZip AES encryption, returning the real
// compression method and the compressed data.
func zipAESDecrypt(f *zip.File, raw []byte, password string) (uint16, []byte, error) {
	strength, method, ok := zipAESParams(f.Extra)
	if !ok {
		return 0, nil, malformed("%s has no valid winzip aes extra field", path.Base(f.Name))
	}
	keyLen := map[byte]int{1: 16, 2: 24, 3: 32}[strength]
	saltLen := keyLen / 2
	if len(raw) < saltLen+2+10 {
		return 0, nil, fmt.Errorf("%w: %s is shorter than its encryption header", ErrCorrupt, path.Base(f.Name))
	}
	salt, verifier := raw[:saltLen], raw[saltLen:saltLen+2]
	data, mac := raw[saltLen+2:len(raw)-10], raw[len(raw)-10:]
	dk, err := pbkdf2.Key(sha1.New, password, salt, 1000, 2*keyLen+2)
	if err != nil {
		return 0, nil, fmt.Errorf("importer: deriving the zip key: %w", err)
	}
	if subtle.ConstantTimeCompare(dk[2*keyLen:], verifier) != 1 {
		return 0, nil, ErrWrongPassword
	}
	h := hmac.New(sha1.New, dk[keyLen:2*keyLen])
	h.Write(data)
	if !hmac.Equal(h.Sum(nil)[:10], mac) {
		return 0, nil, fmt.Errorf("%w: %s does not match its authentication code", ErrCorrupt, path.Base(f.Name))
	}
	block, err := aes.NewCipher(dk[:keyLen])
	if err != nil {
		return 0, nil, err
	}
	out := make([]byte, len(data))
	var ctr, ks [aes.BlockSize]byte
	for i := 0; i < len(data); i += aes.BlockSize {
		binary.LittleEndian.PutUint64(ctr[:8], uint64(i/aes.BlockSize)+1)
		block.Encrypt(ks[:], ctr[:])
		end := min(i+aes.BlockSize, len(data))
		subtle.XORBytes(out[i:end], data[i:end], ks[:end-i])
	}
	return method, out, nil
}

// zipAESParams reads the WinZip AES extra field: key strength (1, 2, 3)
// and the real compression method.
func zipAESParams(extra []byte) (byte, uint16, bool) {
	for len(extra) >= 4 {
		id, size := binary.LittleEndian.Uint16(extra), int(binary.LittleEndian.Uint16(extra[2:]))
		if len(extra) < 4+size {
			return 0, 0, false
		}
		if id == zipAESExtra && size == 7 {
			body := extra[4:11]
			strength := body[4]
			if string(body[2:4]) != "AE" || strength < 1 || strength > 3 {
				return 0, 0, false
			}
			return strength, binary.LittleEndian.Uint16(body[5:]), true
		}
		extra = extra[4+size:]
	}
	return 0, 0, false
}
