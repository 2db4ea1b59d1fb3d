package importer

import "bytes"

// Authenticator Plus's export is a ZIP archive protected by the app's
// master password, holding Accounts.txt: otpauth:// URIs, one a line, read
// as an otpauth list (its line numbers are those of Accounts.txt).

// authPlusMember is the name of the list in the archive.
const authPlusMember = "Accounts.txt"

// authPlus reads Authenticator Plus's export.
func (p *parser) authPlus(data []byte) error {
	b, err := p.zipMember(data, authPlusMember)
	if err != nil {
		return err
	}
	return p.text(bytes.TrimPrefix(b, utf8BOM), Position{})
}
