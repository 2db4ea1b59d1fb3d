package assets

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// KeysUsedIn lists the translation keys a package's source asks for: every
// string literal in the non-test Go files of dir that looks like a key with
// the given prefix ("cli." or "ui."), mapped to where it stands. The CLI's
// and the app's tests compare it with the catalogues, so that no text is
// missing and no key is left behind.
func KeysUsedIn(dir, prefix string) (map[string]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	keyRE := regexp.MustCompile(`^` + regexp.QuoteMeta(prefix) + `[a-z_.]*[a-z_]$`)
	used := map[string]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && keyRE.MatchString(s) {
					used[s] = fset.Position(lit.Pos()).String()
				}
			}
			return true
		})
	}
	return used, nil
}
