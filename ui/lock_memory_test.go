package ui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/mamori-app/mamori/vault/otp"
)

// TestLockDropsTheVault locks a window that has shown an account's page,
// copied its code and opened the edit form, then walks everything
// the view still reaches (its fields, the widgets on screen, the store, the
// app) for the account's secret, its name and the copied code: none is left.
// What the garbage collector frees is then returned to the system (see
// view.forgetVault), so a core dump or memory reader finds it no more.
// Closures are opaque to this walk; what they capture is reached through
// the fields that hold the same values.
func TestLockDropsTheVault(t *testing.T) {
	const secret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU" // "TestSecretTestSecret"
	store := newStore(t, nil)
	addAccounts(t, store, testAccount{"Lockbox Bank", "hanako@example.jp", otp.TOTP, 6, secret})
	v, w := open(t, store)
	v.copyTop()
	code := v.copiedCode
	if code == "" {
		t.Fatal("nothing was copied")
	}
	id := v.accounts[0].ID
	v.openAccount(id)
	if len(v.pages) == 0 {
		t.Fatal("the account's page did not open")
	}
	v.showEdit(id)
	if v.editForm == nil {
		t.Fatal("the edit form did not open")
	}
	v.lock()
	if v.vault != nil {
		t.Error("the locked view still holds the vault")
	}
	needles := []string{secret, "Lockbox Bank", "hanako@example.jp", code}
	for _, path := range reachable(reflect.ValueOf(v), needles) {
		t.Errorf("after locking, %s", path)
	}
	if hasText(w, "Lockbox Bank") {
		t.Errorf("the locked window still shows the account: %q", textsOf(w))
	}
}

// reachable walks everything reachable from root through pointers,
// structs, slices, arrays, maps and interfaces, exported or not, and
// reports each string or byte slice containing one of needles, with the
// path to it.
func reachable(root reflect.Value, needles []string) []string {
	type seenKey struct {
		p unsafe.Pointer
		t reflect.Type
	}
	seen := map[seenKey]bool{}
	var found []string
	check := func(path, s string) {
		for _, n := range needles {
			if strings.Contains(s, n) || strings.Contains(strings.ReplaceAll(s, " ", ""), n) {
				found = append(found, fmt.Sprintf("%s holds %q", path, n))
			}
		}
	}
	var walk func(val reflect.Value, path string, depth int)
	walk = func(val reflect.Value, path string, depth int) {
		if !val.IsValid() || depth > 200 {
			return
		}
		switch val.Kind() {
		case reflect.String:
			check(path, val.String())
		case reflect.Pointer:
			if val.IsNil() {
				return
			}
			k := seenKey{val.UnsafePointer(), val.Type()}
			if seen[k] {
				return
			}
			seen[k] = true
			walk(val.Elem(), path, depth+1)
		case reflect.Interface:
			if !val.IsNil() {
				walk(val.Elem(), path, depth+1)
			}
		case reflect.Struct:
			for i := 0; i < val.NumField(); i++ {
				walk(val.Field(i), path+"."+val.Type().Field(i).Name, depth+1)
			}
		case reflect.Slice:
			if val.IsNil() {
				return
			}
			k := seenKey{val.UnsafePointer(), val.Type()}
			if seen[k] {
				return
			}
			seen[k] = true
			if val.Type().Elem().Kind() == reflect.Uint8 {
				check(path, string(val.Bytes()))
				return
			}
			fallthrough
		case reflect.Array:
			for i := 0; i < val.Len(); i++ {
				walk(val.Index(i), fmt.Sprintf("%s[%d]", path, i), depth+1)
			}
		case reflect.Map:
			if val.IsNil() {
				return
			}
			k := seenKey{val.UnsafePointer(), val.Type()}
			if seen[k] {
				return
			}
			seen[k] = true
			it := val.MapRange()
			for it.Next() {
				walk(it.Key(), path+"{key}", depth+1)
				walk(it.Value(), fmt.Sprintf("%s[%v]", path, it.Key()), depth+1)
			}
		}
	}
	walk(root, "view", 0)
	return found
}
