package conflict

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestRecognise(t *testing.T) {
	tests := []struct {
		name string
		want Engine // "" for not a conflict copy
	}{
		{"vault.sync-conflict-20261207-123456-ABCDEF7.age", Syncthing},
		{"vault (Taro's conflicted copy 2026-12-07).age", Dropbox},
		{"vault (Taro's conflicted copy 2026-12-07 (1)).age", Dropbox},
		{"vault (Taro の競合コピー 2026-12-07).age", Dropbox},
		{"vault (conflicted copy 2026-12-07 123456).age", Nextcloud},
		{"vault_conflict-20261207-123456.age", Nextcloud},
		{"vault (1).age", GoogleDrive},
		{"vault (12).age", GoogleDrive},
		{"vault-DESKTOP-7Q2K9.age", OneDrive},
		{"vault-taro-pc.age", OneDrive},

		{"vault.age", ""},
		{"vault.age.bak", ""},
		{"vault.age.damaged-20261207T101010Z", ""},
		{"vault.age.damaged-20261207T101010Z-2", ""},
		{"key.json", ""},
		{"vault.lock", ""},
		{"vault.sync-conflict-20261207-123456-ABCDEF7.json", ""},    // another file's copy
		{"vault.sync-conflict-2026127-123456-ABCDEF7.age", ""},      // a date cut short
		{"vault.sync-conflict-20261207-123456-ABCDEF7.age.tmp", ""}, // still being written
		{".syncthing.vault.age.tmp", ""},                            // Syncthing's temporary file
		{"vault (copy).age", ""},                                    // a person's own copy
		{"vault (1).age.part", ""},                                  // a download in progress
		{"myvault (1).age", ""},                                     // another file
		{"vault-.age", ""},                                          // no host name
		{"vault-a.b.age", ""},                                       // dots are not in host names
		{"vault (Taro's conflicted copy 2026-12-07).age.bak", ""},   // not the vault
		{"vault.sync-conflict-20261207-123456-abcdef7.age", ""},     // device IDs are upper case
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Recognise("vault.age", tt.name)
			if ok != (tt.want != "") || got != tt.want {
				t.Errorf("Recognise(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
			}
		})
	}
}

func TestFindListsOnlyRegularConflictCopies(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"vault.age", "vault.age.bak", "vault (1).age", "vault.sync-conflict-20261207-123456-ABCDEF7.age", "key.json"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "vault (2).age"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "vault.age"), filepath.Join(dir, "vault (3).age")); err != nil {
		t.Fatal(err)
	}
	got, err := Find(dir, "vault.age")
	if err != nil {
		t.Fatal(err)
	}
	want := []Copy{
		{filepath.Join(dir, "vault (1).age"), GoogleDrive},
		{filepath.Join(dir, "vault.sync-conflict-20261207-123456-ABCDEF7.age"), Syncthing},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Find = %+v\nwant %+v", got, want)
	}
}
