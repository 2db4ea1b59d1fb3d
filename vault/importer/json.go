package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
)

// detectJSON recognises the JSON exports by their top-level keys. It reads
// the keys with a streaming decoder, so a truncated or damaged file is
// still recognised by the keys before the damage, and Parse can then say
// on which line the damage is.
func detectJSON(text []byte) Format {
	keys := topLevelKeys(text)
	has := func(k string) bool { return keys[k] }
	switch {
	case has("header") && has("db"):
		return FormatAegis
	case isAuthProJSON(keys):
		return FormatAuthPro
	case has("tokens") && has("tokenOrder"):
		return FormatFreeOTPPlus
	case isSteamJSON(keys):
		return FormatSteam
	case isLastPassJSON(keys):
		return FormatLastPass
	case has("servicesEncrypted") || has("services") && (has("schemaVersion") || has("appOrigin")):
		return FormatTwoFAS
	case has("kdfParams") || has("encryptedData") && has("encryptionNonce"):
		return FormatEnteEncrypted
	case has("items") && (has("folders") || has("encrypted") || has("collections")),
		has("encrypted") && (has("encKeyValidation_DO_NOT_EDIT") || has("passwordProtected")):
		return FormatBitwarden
	case has("entries") && has("version"):
		return FormatProton
	case has("services"):
		return FormatTwoFAS
	case has("items"):
		return FormatBitwarden
	case has("tokens"):
		return FormatFreeOTPPlus
	case has("header"), has("db"):
		return FormatAegis
	}
	return FormatUnknown
}

// topLevelKeys returns the keys of the JSON object text starts with, as
// far as it can be read.
func topLevelKeys(text []byte) map[string]bool {
	keys := make(map[string]bool)
	d := json.NewDecoder(bytes.NewReader(text))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return keys
	}
	depth := 1 // of the object or array being read
	wantKey := true
	for len(keys) < 64 {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
			continue
		case json.Delim('}'), json.Delim(']'):
			if depth--; depth == 0 {
				return keys
			}
		}
		if depth != 1 {
			continue
		}
		if wantKey {
			if k, ok := tok.(string); ok {
				keys[k] = true
			}
		}
		// At the top level, keys and values alternate; a nested value
		// counts as the value once its closing bracket is read.
		wantKey = !wantKey
	}
	return keys
}

// decodeJSON unmarshals a whole file into v. A syntax or type error
// becomes an *EntryError naming the line, wrapping ErrMalformed. Its text
// never quotes the file: not a string value, not a number.
func decodeJSON(data []byte, v any) error {
	line, err := jsonError(data, json.Unmarshal(data, v))
	if err == nil {
		return nil
	}
	return &EntryError{Position: Position{Line: line}, Err: err}
}

// decodeEntry unmarshals one entry of a list into v; the caller names the
// entry.
func decodeEntry(raw json.RawMessage, v any) error {
	_, err := jsonError(raw, json.Unmarshal(raw, v))
	return err
}

// jsonError turns an error of json.Unmarshal into one that wraps
// ErrMalformed and says what was wrong without quoting data, and the line
// it was found on (0 if unknown).
func jsonError(data []byte, err error) (int, error) {
	if err == nil {
		return 0, nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return lineAt(data, se.Offset), malformed("invalid json")
	case errors.As(err, &te):
		what := "a value"
		if te.Field != "" {
			what = te.Field
		}
		want := "a number"
		if te.Type != nil {
			want = jsonKind(te.Type.Kind().String())
		}
		if te.Offset <= 0 {
			return 0, malformed("%s should be %s", what, want)
		}
		return lineAt(data, te.Offset), malformed("%s should be %s, not %s", what, want, jsonValueKind(te.Value))
	}
	return 0, malformed("invalid json")
}

// jsonKind names a Go kind the way a JSON file would.
func jsonKind(k string) string {
	switch k {
	case "string":
		return "a string"
	case "slice", "array":
		return "a list"
	case "struct", "map":
		return "an object"
	case "bool":
		return "true or false"
	}
	return "a number"
}

// jsonValueKind names the kind of a JSON value from json's description of
// it ("number 1.5", "string"), dropping the value itself.
func jsonValueKind(s string) string {
	w, _, _ := strings.Cut(s, " ")
	switch w {
	case "number":
		return "a number"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "array":
		return "a list"
	case "object":
		return "an object"
	}
	return "something else"
}

// lineAt returns the 1-based line of byte offset off.
func lineAt(data []byte, off int64) int {
	if off < 0 {
		off = 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// flexInt is a JSON integer that may also be written as a string ("6") or
// be null, as exporters differ. Anything else is an error.
type flexInt struct {
	v   int64
	set bool
}

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	if s == "null" {
		*f = flexInt{}
		return nil
	}
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimSpace(s[1 : len(s)-1])
		if s == "" {
			*f = flexInt{}
			return nil
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		// 30.0 is an integer too.
		fl, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || fl != float64(int64(fl)) {
			return &json.UnmarshalTypeError{Value: "value", Type: reflect.TypeFor[int64]()}
		}
		n = int64(fl)
	}
	*f = flexInt{v: n, set: true}
	return nil
}

// flexString is a JSON string that may also be null or a number (some
// exports write a numeric account name as a number).
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	case len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9'):
		*f = flexString(b)
	default:
		return &json.UnmarshalTypeError{Value: "value", Type: reflect.TypeFor[string]()}
	}
	return nil
}

// intField returns the value of an optional integer field that must fit
// an int and not be negative; unset gives 0.
func intField(name string, f flexInt) (int, error) {
	if !f.set {
		return 0, nil
	}
	if f.v < 0 || f.v > 1<<31-1 {
		return 0, malformed("%s is out of range", name)
	}
	return int(f.v), nil
}
