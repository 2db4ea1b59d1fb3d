package importer

import (
	"errors"
	"slices"
	"testing"
)

// TestUnreadable checks that files people hold but Mamori cannot import
// are named, and still count as an unknown format for callers that do
// not know the kinds.
func TestUnreadable(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		file    string
		want    Unreadable
		members []string
	}{
		// Made with Python's sqlite3 with the schema of Google
		// Authenticator's "databases" file.
		{"google authenticator db", readFixture(t, "google-authenticator.db"), "databases", UnreadableGoogleAuthDB, nil},
		{"other sqlite", readFixture(t, "other.sqlite"), "", UnreadableSQLite, nil},
		// Made with Python's zipfile, and with zip -P.
		{"unknown zip", readFixture(t, "unknown.zip"), "", UnreadableZip, []string{"photos/holiday.jpg", "notes.txt"}},
		{"password-protected zip", readFixture(t, "locked.zip"), "", UnreadableEncryptedZip, []string{"secret.txt"}},
		// Made by Java's ObjectOutputStream.
		{"java-serialised map", readFixture(t, "other.ser"), "", UnreadableJava, nil},
		{"kdbx", []byte{0x03, 0xD9, 0xA2, 0x9A, 0x67, 0xFB, 0x4B, 0xB5, 0, 0, 4, 0}, "Passwords.kdbx", UnreadableKeePassDB, nil},
		{"pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), "", UnreadablePDF, nil},
		{"sda manifest", []byte(`{"encrypted":false,"first_run":false,"entries":[{"encryption_iv":null,"encryption_salt":null,"filename":"76561197960287930.maFile","steamid":76561197960287930}],"periodic_checking":false}`), "manifest.json", UnreadableSDAManifest, nil},
		{"encrypted mafile", []byte("q83vASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4k=\n"), "76561197960287930.maFile", UnreadableSDAEncrypted, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.data, Options{Name: tt.file})
			var ue *UnreadableError
			if !errors.As(err, &ue) {
				t.Fatalf("err = %v, want an UnreadableError", err)
			}
			if ue.Kind != tt.want || !slices.Equal(ue.Members, tt.members) {
				t.Errorf("kind %q members %q, want %q %q", ue.Kind, ue.Members, tt.want, tt.members)
			}
			if !errors.Is(err, ErrUnknownFormat) {
				t.Errorf("err %v does not wrap ErrUnknownFormat", err)
			}
		})
	}
	// A text file is not recognised as anything.
	var ue *UnreadableError
	if _, err := Parse([]byte("hello\n"), Options{}); !errors.Is(err, ErrUnknownFormat) || errors.As(err, &ue) {
		t.Errorf("plain text: %v", err)
	}
}
