// Package export gives a person's authenticator keys back in the forms
// other authenticator apps read, so that nobody is locked into Mamori:
//
//   - an otpauth:// URI list, one URI a line (URIs, WriteURIList), which
//     most apps and password managers import, and which Mamori's own
//     importer reads back;
//   - one account's otpauth:// URI as a QR code (QR, AccountQR), to move
//     that account to a phone by scanning the screen or the image;
//   - a Google Authenticator "Transfer accounts" QR set (Migration): the
//     otpauth-migration://offline?data=… URIs that Google Authenticator,
//     and many apps copying its format, import by scanning.
//
// Every one of these is the secret itself in plain text: whoever sees the
// list, the image or the screen can make the codes. The package only
// encodes; warning the person, refusing to print to a terminal and writing
// files readable by their owner only is the caller's job.
//
// An account that a format cannot carry is never changed to fit: it is
// left out and reported in Report.Skipped with an error wrapping ErrNoOTP
// or ErrUnsupported (or the otp package's sentinel for a damaged key), so
// the caller can say which accounts must be moved another way. What does
// go out is exact: importing it again (see package importer) gives back
// the same issuer, name and key. Only Mamori's own per-account details
// (backup codes, phones, a clock offset, …) stay behind, as no
// authenticator format has a place for them; a recovery kit (package kit)
// carries everything.
package export
