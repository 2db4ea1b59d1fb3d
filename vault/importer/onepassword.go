package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// A 1Password export in its own format (File ▸ Export, 1PUX) is a ZIP
// holding export.attributes, files/ and export.data, a JSON document:
//
//	{"accounts": [{"attrs": {…}, "vaults": [{"attrs": {"name": "Personal", …},
//	  "items": [{"uuid": "…", "state": "active", "categoryUuid": "001",
//	             "overview": {"title": "GitHub", "subtitle": "alice", …},
//	             "details": {"loginFields": [{"designation": "username", "value": "alice", …}, …],
//	                         "sections": [{"fields": [{"title": "one-time password",
//	                                                    "value": {"totp": "otpauth://totp/…"}, …}]}]}}]}]}]}
//
// Every field whose value is {"totp": …} is a one-time password: an
// otpauth:// URI, or a bare secret. Items without one are passwords only.
// Archived items are skipped like a recycle bin's (ErrInTrash).

type onePUXData struct {
	Accounts []struct {
		Vaults []struct {
			Items []json.RawMessage `json:"items"`
		} `json:"vaults"`
	} `json:"accounts"`
}

type onePUXItem struct {
	State    string `json:"state"`
	Overview struct {
		Title    flexString `json:"title"`
		Subtitle flexString `json:"subtitle"`
	} `json:"overview"`
	Details struct {
		LoginFields []struct {
			Designation string     `json:"designation"`
			Value       flexString `json:"value"`
		} `json:"loginFields"`
		Sections []struct {
			Fields []struct {
				Value map[string]json.RawMessage `json:"value"`
			} `json:"fields"`
		} `json:"sections"`
	} `json:"details"`
}

// onePUX reads a 1Password 1PUX export.
func (p *parser) onePUX(data []byte) error {
	zr, err := openZip(data)
	if err != nil {
		return err
	}
	f := zipMember(zr, "export.data")
	if f == nil {
		return malformed("the 1pux archive has no export.data")
	}
	b, err := readZipMember(f)
	if err != nil {
		return err
	}
	var d onePUXData
	if err := decodeJSON(b, &d); err != nil {
		var ee *EntryError
		if errors.As(err, &ee) && ee.Line > 0 {
			return fmt.Errorf("%w (line %d of export.data)", ee.Err, ee.Line)
		}
		return err
	}
	total := 0
	for _, acct := range d.Accounts {
		for _, v := range acct.Vaults {
			total += len(v.Items)
		}
	}
	if err := p.checkCount(total); err != nil {
		return err
	}
	n := 0
	for _, acct := range d.Accounts {
		for _, v := range acct.Vaults {
			for _, raw := range v.Items {
				if p.full() {
					return nil
				}
				n++
				p.onePUXItem(Position{Entry: n}, raw)
			}
		}
	}
	return nil
}

// onePUXItem reads the one-time passwords of one item.
func (p *parser) onePUXItem(pos Position, raw json.RawMessage) {
	var it onePUXItem
	if err := decodeEntry(raw, &it); err != nil {
		p.fail(pos, "", err)
		return
	}
	issuer, name := string(it.Overview.Title), ""
	for _, lf := range it.Details.LoginFields {
		if lf.Designation == "username" {
			name = string(lf.Value)
		}
	}
	if strings.TrimSpace(name) == "" {
		name = string(it.Overview.Subtitle)
	}
	for _, s := range it.Details.Sections {
		for _, f := range s.Fields {
			raw, ok := f.Value["totp"]
			if !ok {
				continue
			}
			var totp flexString
			if err := json.Unmarshal(raw, &totp); err != nil {
				p.fail(pos, label(issuer, name), malformed("totp should be a string"))
				continue
			}
			if strings.TrimSpace(string(totp)) == "" {
				continue
			}
			if strings.EqualFold(it.State, "archived") || strings.EqualFold(it.State, "deleted") {
				p.skip(pos, label(issuer, name), ErrInTrash)
				continue
			}
			a, err := otpField(string(totp), issuer, name)
			if err != nil {
				p.fail(pos, label(issuer, name), err)
				continue
			}
			p.add(pos, a)
		}
	}
}
