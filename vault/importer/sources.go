package importer

// Source is an app people move to Mamori from, with the formats its
// exports come in, so that a front-end can list, per app, where its export
// is found. The texts are the front-ends': "import.source."+ID+".name" is
// the app's name and "import.source."+ID+".where" where its export is and
// how to make it, in the person's language.
type Source struct {
	// ID is a stable identifier, also the translation key's middle part.
	ID string
	// Formats are the formats of its exports Parse reads; none when the
	// app has no export Mamori reads (the text says what to do instead).
	Formats []Format
}

// Sources lists the apps people move from, the most common first.
func Sources() []Source {
	return []Source{
		{"google_authenticator", []Format{FormatQRImage, FormatGoogleMigration}},
		{"microsoft_authenticator", nil},
		{"authy", nil},
		{"aegis", []Format{FormatAegis}},
		{"twofas", []Format{FormatTwoFAS}},
		{"ente_auth", []Format{FormatEnteEncrypted, FormatOTPAuth}},
		{"bitwarden", []Format{FormatBitwarden, FormatBitwardenCSV}},
		{"onepassword", []Format{FormatOnePUX, FormatOnePasswordCSV}},
		{"lastpass_authenticator", []Format{FormatLastPass}},
		{"proton_authenticator", []Format{FormatProton}},
		{"keepassxc", []Format{FormatKeePassCSV, FormatKeePassXML}},
		{"andotp", []Format{FormatAndOTP}},
		{"authenticator_pro", []Format{FormatAuthPro}},
		{"freeotp_plus", []Format{FormatFreeOTPPlus}},
		{"freeotp", []Format{FormatFreeOTP}},
		{"steam_desktop_authenticator", []Format{FormatSteam}},
		{"raivo", []Format{FormatRaivo}},
		{"authenticator_plus", []Format{FormatAuthPlus}},
		{"totp_authenticator", []Format{FormatTOTPAuth}},
	}
}
