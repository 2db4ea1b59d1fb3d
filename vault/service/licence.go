package service

import _ "embed"

//go:embed data/LICENSE-2fa-directory.md
var directoryLicence string

//go:embed data/LICENSE-simple-icons.md
var iconsLicence string

// Licence is the notice of one data set embedded in Mamori.
type Licence struct {
	// Name names the data set, e.g. "2factorauth directory".
	Name string
	// URL is where the data set comes from.
	URL string
	// Licence names the licence, e.g. "MIT".
	Licence string
	// Text is the licence's full text, as the data set ships it.
	Text string
}

// Licences returns the notices of the data this package embeds, for an
// About or licences view to list: the 2factorauth directory (MIT) and
// Simple Icons (CC0 1.0).
func Licences() []Licence {
	return []Licence{
		{Name: "2factorauth directory", URL: "https://github.com/2factorauth/twofactorauth", Licence: "MIT", Text: directoryLicence},
		{Name: "Simple Icons", URL: "https://github.com/simple-icons/simple-icons", Licence: "CC0-1.0", Text: iconsLicence},
	}
}
