// Package backup keeps an account's single-use backup codes (also called
// recovery codes): the short list a service shows once when two-step
// verification is turned on, for the day the phone or authenticator is gone.
//
// It has two halves. ParseSheet reads a sheet the way a person pastes it,
// from a downloaded file, a web page, a PDF or a photo's OCR, and returns the
// codes in it. Set stores the codes of one account and enforces the rule every
// service applies: a code works once. It records when each code was used,
// hands out the next unused one, warns when few are left, and keeps the codes
// of a regenerated sheet as void history.
//
// # Reading sheets
//
// A sheet is rarely just codes. ParseSheet understands
//
//   - numbering: "1.", "1)", "(1)", "#1", "No.1", "①";
//   - bullets and brackets: "・", "*", "-", "「1234-5678」", "[1234 5678]";
//   - codes grouped with a space or a hyphen ("1234 5678", "a1b2c-3d4e5");
//   - full-width digits, letters, hyphens and spaces from a Japanese input
//     method ("１２３４－５６７８"), folded with Unicode NFKC;
//   - several codes on one line, in columns or after each other; when every
//     code is numbered 1 to N, the codes keep that order (Google's two
//     columns print "1." beside "6."), otherwise reading order;
//   - headers, prose, e-mail addresses, links and dates, which are skipped.
//
// It first works out what the codes of the sheet look like (their length once
// spaces and hyphens are removed, and their alphabet: digits, hexadecimal or
// letters and digits), then reads every line with that knowledge. Text that
// looks like part of a code but does not fit, and codes that appear twice, are
// returned as problems in a *SheetError, together with the codes that were
// understood, so that a screen can show both and the person can fix the sheet.
//
// # Comparing codes
//
// A code keeps the form the service printed (its display form, such as
// "1234 5678"), but is compared in canonical form: spaces and hyphens removed,
// full-width characters folded, and letters lower-cased unless the sheet mixes
// upper and lower case (then case matters). "１２３４－５６７８", "1234 5678"
// and "12345678" are therefore the same code.
//
// # Single use
//
//	var s backup.Set
//	if err := s.Replace(codes, time.Now()); err != nil { ... }
//	c, ok := s.NextUnused()      // the code to copy
//	err := s.Use(c.Code, time.Now())
//	err = s.Use(c.Code, time.Now()) // *UsedError, errors.Is(err, ErrAlreadyUsed)
//	next, n, err := s.UseNext(time.Now()) // the next code, marked used in one step
//
// Use and Replace either succeed or change nothing. Every error wraps one of
// the exported sentinel errors, so a user interface can translate it, and no
// error message contains a code: a mistyped code is one character away from
// a live one.
package backup
