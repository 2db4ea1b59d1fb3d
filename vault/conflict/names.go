package conflict

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Engine names the sync engine whose naming a conflict copy follows.
type Engine string

// The engines whose conflict copies Find recognises.
const (
	Syncthing   Engine = "syncthing"
	Dropbox     Engine = "dropbox"
	OneDrive    Engine = "onedrive"
	Nextcloud   Engine = "nextcloud"
	GoogleDrive Engine = "googledrive"
)

// Copy is one conflict copy of a file.
type Copy struct {
	// Path is the copy's path.
	Path string
	// Engine is whose naming it follows.
	Engine Engine
}

// pattern recognises one engine's conflict copies of a file whose name,
// without its extension, is quoted in stem, and whose extension (with its
// dot, or empty) is quoted in ext.
type pattern struct {
	engine Engine
	expr   func(stem, ext string) string
}

// patterns are the engines' naming rules, as each documents or writes them:
//   - Syncthing: "vault.sync-conflict-20261207-123456-ABCDEFG.age" (date,
//     time and the first 7 characters of the changing device's ID);
//   - Dropbox: "vault (Taro's conflicted copy 2026-12-07).age", in the
//     client's language ("vault (Taro の競合コピー 2026-12-07).age"), and
//     "(… conflicted copy … (1))" for a second one the same day;
//   - Nextcloud: "vault (conflicted copy 2026-12-07 123456).age", and older
//     clients' "vault_conflict-20261207-123456.age";
//   - Google Drive: "vault (1).age";
//   - OneDrive: "vault-HOSTNAME.age" (the computer's name appended), tried
//     last because it is the loosest.
var patterns = []pattern{
	{Syncthing, func(s, e string) string { return s + `\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}` + e }},
	{Nextcloud, func(s, e string) string { return s + ` \(conflicted copy \d{4}-\d{2}-\d{2} \d{6}\)` + e }},
	{Nextcloud, func(s, e string) string { return s + `_conflict-\d{8}-\d{6}` + e }},
	{Dropbox, func(s, e string) string {
		return s + ` \([^()]*(conflicted copy|競合コピー)[^()]*(\(\d+\))?\)` + e
	}},
	{GoogleDrive, func(s, e string) string { return s + ` \(\d+\)` + e }},
	{OneDrive, func(s, e string) string { return s + `-[A-Za-z0-9][A-Za-z0-9_-]{0,62}` + e }},
}

// Recognise reports whose conflict copy of the file named base (such as
// "vault.age") the file named name is, if it is one.
func Recognise(base, name string) (Engine, bool) {
	return compile(base).recognise(name)
}

// matcher holds the patterns compiled for one file name.
type matcher struct {
	engines []Engine
	exprs   []*regexp.Regexp
}

func compile(base string) matcher {
	ext := filepath.Ext(base)
	stem := regexp.QuoteMeta(strings.TrimSuffix(base, ext))
	qext := regexp.QuoteMeta(ext)
	var m matcher
	for _, p := range patterns {
		m.engines = append(m.engines, p.engine)
		m.exprs = append(m.exprs, regexp.MustCompile(`^`+p.expr(stem, qext)+`$`))
	}
	return m
}

func (m matcher) recognise(name string) (Engine, bool) {
	for i, re := range m.exprs {
		if re.MatchString(name) {
			return m.engines[i], true
		}
	}
	return "", false
}

// Find lists the conflict copies of dir/base, oldest name first (the order
// of their names, which is the order of their dates for the engines that
// put one in it). Only regular files count; a folder or a link does not.
// A folder that does not exist yet holds none.
func Find(dir, base string) ([]Copy, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	m := compile(base)
	var out []Copy
	for _, e := range entries {
		if !e.Type().IsRegular() || e.Name() == base {
			continue
		}
		if engine, ok := m.recognise(e.Name()); ok {
			out = append(out, Copy{Path: filepath.Join(dir, e.Name()), Engine: engine})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}
