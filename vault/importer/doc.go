// Package importer reads the accounts out of other authenticators'
// exports, so that moving to Mamori never means typing secrets by hand.
// It has no user interface and no storage: it turns the bytes of a file
// into otp.Account values, and the caller (the CLI's "mamori import", the
// app's import dialog) decides what to do with them.
//
// # Use
//
//	res, err := importer.Parse(data, importer.Options{
//		Passphrase: func() (string, error) { return os.Getenv("MAMORI_IMPORT_PASSPHRASE"), nil },
//	})
//	switch {
//	case errors.Is(err, importer.ErrWrongPassword):
//		// ask again and call Parse again
//	case err != nil:
//		return err // names the line or entry; see below
//	}
//	for i, a := range res.Accounts {
//		fmt.Println(res.From[i], a.Issuer, a.Name) // "line 3 GitHub alice"
//	}
//	for _, s := range res.Skipped {
//		fmt.Println(s.Entry, s.Label, s.Reason) // "entry 7 Steam: bob importer: duplicate…"
//	}
//
// Parse detects the format (Detect tells it without parsing) unless
// Options.Format says which one it is.
//
// # Formats
//
//   - otpauth:// URI lists, one a line, with blank lines and "#" comments
//     (what many apps export, Ente Auth's plain export among them);
//   - Google Authenticator's otpauth-migration://offline?data=… URIs, one a
//     line, several QR codes of one export merged (a missing one is
//     reported in Result.Warnings);
//   - PNG, JPEG or GIF images holding QR codes of either, alone or in a
//     screenshot or photo with other content around them;
//   - Aegis vault exports, plain or password-encrypted (scrypt key slots,
//     AES-256-GCM);
//   - 2FAS backups (.2fas), plain or password-encrypted (PBKDF2-SHA256,
//     AES-256-GCM);
//   - Ente Auth's encrypted export (Argon2id, libsodium secretstream
//     XChaCha20-Poly1305);
//   - Bitwarden JSON exports, plain or password-protected (PBKDF2-SHA256
//     or Argon2id, AES-256-CBC with HMAC-SHA256; an account-restricted
//     export needs the Bitwarden account's key and is refused);
//   - Proton Authenticator JSON exports, and KeePassXC CSV and KeePass XML
//     exports;
//   - andOTP backups, plain or encrypted (PBKDF2-SHA1 and AES-GCM, or the
//     old SHA-256 key; the old one is told by its .aes name);
//   - Authenticator Pro (Stratum) backups, plain or encrypted (Argon2id and
//     AES-GCM, or the legacy PBKDF2-SHA1 and AES-CBC);
//   - FreeOTP 2 backups (a Java-serialised map, PBKDF2-wrapped master key,
//     AES-GCM-sealed tokens) and FreeOTP+ JSON exports;
//   - Bitwarden CSV, 1Password 1PUX and CSV, LastPass Authenticator JSON;
//   - Steam Desktop Authenticator .maFile files;
//   - TOTP Authenticator's encrypted backup (AES-CBC, SHA-256 key);
//   - Raivo OTP's and Authenticator Plus's ZIP archives, password-protected
//     (ZipCrypto or WinZip AES) or not.
//
// Files it recognises but cannot import (Google Authenticator's own
// database, other SQLite databases, KeePass databases, unknown ZIPs,
// Java-serialised data, encrypted maFiles…) give an *UnreadableError
// naming the kind; Sources lists, per app, the formats its exports come
// in, for front-ends that say where each app keeps its export.
//
// Each format's layout is described beside the code that reads it.
//
// # All or nothing
//
// A file is read whole before anything is returned. If any entry is
// broken (a secret that is not Base32, 4-digit codes, an unknown
// algorithm) Parse returns no accounts and an error naming every broken
// line or entry, so the user can fix the file and try again rather than
// end up with half an import. The error is an *EntryError, or EntryErrors
// for several, each wrapping a sentinel of this package or of package
// otp:
//
//	var ee *importer.EntryError
//	if errors.As(err, &ee) {
//		fmt.Printf("%s: %v\n", ee.Position, ee.Err) // "line 2: otp: invalid secret: …"
//	}
//
// Some entries are left out on purpose, and listed in Result.Skipped with
// the reason: the same secret and parameters twice in one file
// (ErrDuplicate; the first is kept), tokens Mamori cannot generate such as
// Yandex or MD5 (ErrUnsupported), QR codes in a screenshot that are not
// accounts (ErrNotAnAccount), KeePass entries in the recycle bin
// (ErrInTrash), and Ente Auth codes in its trash (ErrInTrash; counted in
// Result.Trashed). Duplicates of accounts already in the vault are the
// caller's business: this package does not see the vault.
//
// # Encrypted exports
//
// Options.Passphrase is called once, after the file's structure has been
// checked, so a broken file fails without asking for a password. A wrong
// password gives ErrWrongPassword; a file that was truncated or changed
// after it was encrypted gives ErrCorrupt where the format can tell the
// two apart (Aegis's key slots and 2FAS's reference value can; Ente's
// single message cannot, and its ErrWrongPassword says "or the export is
// damaged"). Key-derivation parameters read from a file are bounded
// before the password is asked for (ErrTooCostly), and a file holds at
// most MaxEntries entries (ErrTooManyEntries), so a hostile file cannot
// make an import use gigabytes of memory or run for minutes.
//
// # Cut-off files
//
// An otpauth:// link that ends inside a parameter (a file cut off in the
// middle) is an error naming its line and the parameter (*CutOffError),
// and an HOTP link or entry without its counter is one too
// (ErrNoCounter), rather than keys read with default digits, period or
// counter.
//
// # Secrets
//
// Error messages and Skip reasons never contain a secret, a password, or
// bytes of the file; they name the place and the kind of problem. Labels
// (issuer and account name) are not secret and do appear. Issuers and
// names from JSON, CSV and XML exports are tidied as they are read:
// invalid UTF-8 and control characters become U+FFFD and spaces.
package importer
