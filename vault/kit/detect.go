package kit

import "bytes"

// ageHeader starts every binary age file; armorHeader every armored one.
var (
	ageHeader   = []byte("age-encryption.org/v1\n")
	armorHeader = []byte("-----BEGIN AGE ENCRYPTED FILE-----")
)

// LooksLikeKit reports whether data is shaped like an age file, binary or
// armored, as every recovery kit is. It only looks at the first bytes: the
// file may still be someone else's age file, or damaged, which Open tells.
func LooksLikeKit(data []byte) bool {
	if bytes.HasPrefix(data, ageHeader) {
		return true
	}
	data = bytes.TrimPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("\uFEFF"))
	return bytes.HasPrefix(data, armorHeader)
}
