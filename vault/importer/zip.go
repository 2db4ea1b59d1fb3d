package importer

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"
)

// ZIP archives: 1Password's 1PUX, Raivo's and Authenticator Plus's
// exports. Only the central directory is read to recognise one; a member
// is decompressed with a cap, so a small hostile archive cannot expand
// into gigabytes.

// zipMagic starts every ZIP archive that is not empty.
var zipMagic = []byte("PK\x03\x04")

// maxZipMember caps the decompressed size of the one member read out of
// an archive: no more than Parse takes as a file.
const maxZipMember = DefaultMaxSize

// maxZipMembers caps the members an archive may list.
const maxZipMembers = 10_000

// openZip reads the central directory of a ZIP archive.
func openZip(data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, malformed("not a readable zip archive")
	}
	if len(zr.File) > maxZipMembers {
		return nil, malformed("the zip archive lists more than %d files", maxZipMembers)
	}
	return zr, nil
}

// zipMember returns the member of zr named name (in any folder, ASCII
// case ignored), or nil.
func zipMember(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(path.Base(f.Name), name) {
			return f
		}
	}
	return nil
}

// zipNames returns the base names of zr's members, for detection.
func zipNames(data []byte) []string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(zr.File) > maxZipMembers {
		return nil
	}
	names := make([]string, 0, len(zr.File))
	for _, f := range zr.File {
		names = append(names, strings.ToLower(path.Base(f.Name)))
	}
	return names
}

// readZipMember decompresses f, refusing more than maxZipMember bytes and
// encrypted members.
func readZipMember(f *zip.File) ([]byte, error) {
	if f.Flags&1 != 0 {
		return nil, fmt.Errorf("%w: the zip archive is password-protected", ErrUnsupportedEncryption)
	}
	if f.UncompressedSize64 > maxZipMember {
		return nil, fmt.Errorf("%w: %s unpacks to %d bytes (limit %d)", ErrTooLarge, path.Base(f.Name), f.UncompressedSize64, maxZipMember)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, malformed("%s cannot be unpacked", path.Base(f.Name))
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxZipMember+1))
	if err != nil {
		return nil, malformed("%s cannot be unpacked", path.Base(f.Name))
	}
	if len(b) > maxZipMember {
		return nil, fmt.Errorf("%w: %s unpacks to more than %d bytes", ErrTooLarge, path.Base(f.Name), maxZipMember)
	}
	return b, nil
}

// detectZip recognises a ZIP export by the names of its members.
func detectZip(data []byte) Format {
	for _, n := range zipNames(data) {
		switch n {
		case "export.data":
			return FormatOnePUX
		case raivoMember:
			return FormatRaivo
		case "accounts.txt":
			return FormatAuthPlus
		}
	}
	return FormatUnknown
}
