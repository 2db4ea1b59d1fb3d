package vault

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"github.com/mamori-app/mamori/vault/keystore"
)

// gzipBomb is a vault.age encrypted to r whose content decompresses to
// size bytes of a JSON string: small on disk, huge once read.
func gzipBomb(t *testing.T, r age.Recipient, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		t.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	zw.Write([]byte(`{"version":1,"x":"`))
	chunk := bytes.Repeat([]byte("A"), 1<<20)
	for n := 0; n < size; n += len(chunk) {
		zw.Write(chunk)
	}
	zw.Write([]byte(`"}`))
	zw.Close()
	w.Close()
	return buf.Bytes()
}

func TestDecompressionIsCapped(t *testing.T) {
	dir := t.TempDir()
	kr := &keystore.Memory{}
	s := newTestStore(t, dir, kr, keystore.System, nil)
	addAccount(t, s, "GitHub", "octo")
	ki, err := s.readKeyInfo()
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.ParseX25519Recipient(ki.Recipient)
	if err != nil {
		t.Fatal(err)
	}
	bomb := gzipBomb(t, r, 100<<20)
	if len(bomb) > 1<<20 {
		t.Fatalf("the bomb is %d bytes on disk", len(bomb))
	}
	if err := os.WriteFile(filepath.Join(dir, vaultFile), bomb, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = newTestStore(t, dir, kr, keystore.System, nil).Load()
	if !errors.Is(err, ErrDamaged) || !errors.Is(err, errTooLarge) {
		t.Fatalf("Load of a 100 MiB gzip bomb = %v, want ErrDamaged for a document over the cap", err)
	}
}
