// Command gen writes the compact directory and icon set that package
// service embeds, from the 2factorauth directory's entries.json and an
// unpacked simple-icons npm package. scripts/services.sh runs it; see
// vault/service/data/README.md.
//
//	go run ./vault/service/internal/gen -entries DIR/entries.json -icons PKG -out vault/service/data
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/unicode/norm"
)

// entry is one service of entries.json, with only the fields Mamori uses.
type entry struct {
	Name     string   `json:"name"`
	Domain   string   `json:"domain"`
	Domains  []string `json:"domains"`
	Methods  []string `json:"methods"`
	Docs     string   `json:"docs"`
	Recovery string   `json:"recovery"`
	Software []string `json:"custom_software"`
	Hardware []string `json:"custom_hardware"`
}

// compact is one service as package service reads it (data/directory.tsv).
type compact struct {
	Name, Domain, Docs, Recovery, Icon   string
	Domains, Methods, Software, Hardware []string
}

// icon is one entry of simple-icons' data/simple-icons.json.
type icon struct {
	Title   string `json:"title"`
	Slug    string `json:"slug"`
	Hex     string `json:"hex"`
	License *struct {
		Type string `json:"type"`
	} `json:"license"`
	Aliases struct {
		Aka []string          `json:"aka"`
		Loc map[string]string `json:"loc"`
	} `json:"aliases"`
}

// genericRest are what may follow an icon's title in a service's name for
// the service to take the icon of its domain's brand: "Playstation
// Network", "Google Cloud Platform", "WordPress.com", "X (Twitter)". A
// name that goes on otherwise ("Boost Mobile", "Coop Genossenschaft",
// "Bitcoin.de") is another company's.
var genericRest = map[string]bool{
	"": true, "network": true, "cloud": true, "cloudplatform": true, "account": true, "business": true,
	"games": true, "twitter": true, "com": true, "org": true, "net": true, "io": true,
	"fi": true, "fiber": true, "fit": true,
}

// notTheBrand are services whose domain's name is an icon's slug but not
// its brand (files.com is not Google's Files app).
var notTheBrand = map[string]bool{"files.com": true}

var (
	regionSuffix = regexp.MustCompile(`\s*\[[A-Z]{2,3}\]$`)
	pathRE       = regexp.MustCompile(`^<svg role="img" viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg"><title>[^<]*</title><path d="([^"]+)"/></svg>\s*$`)
	hexRE        = regexp.MustCompile(`^[0-9A-F]{6}$`)
	slugRE       = regexp.MustCompile(`^[a-z0-9_]+$`)
)

func main() {
	entries := flag.String("entries", "", "the directory's entries.json")
	icons := flag.String("icons", "", "an unpacked simple-icons npm package (the folder holding package.json)")
	out := flag.String("out", "", "folder to write directory.tsv and icons.tsv to")
	flag.Parse()
	if *entries == "" || *icons == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*entries, *icons, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// key folds a name for comparing brand titles: NFKD, lower case, letters
// and digits only ("Yahoo!" and "yahoo" are one key).
func key(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func run(entriesPath, iconsDir, outDir string) error {
	raw, err := os.ReadFile(entriesPath)
	if err != nil {
		return err
	}
	var es []entry
	if err := json.Unmarshal(raw, &es); err != nil {
		return fmt.Errorf("read %s: %w", entriesPath, err)
	}
	entriesSize := len(raw)
	raw, err = os.ReadFile(filepath.Join(iconsDir, "data", "simple-icons.json"))
	if err != nil {
		return err
	}
	var is []icon
	if err := json.Unmarshal(raw, &is); err != nil {
		return fmt.Errorf("read simple-icons.json: %w", err)
	}

	// Icons by title key. Only icons under the package's own CC0 are
	// taken: an icon with a license field of another type is under its
	// brand's licence, which Mamori does not carry.
	byKey := map[string][]int{}
	skippedLicence := 0
	for i, ic := range is {
		if !slugRE.MatchString(ic.Slug) || !hexRE.MatchString(ic.Hex) {
			return fmt.Errorf("simple-icons: odd slug or colour %q %q", ic.Slug, ic.Hex)
		}
		if ic.License != nil && ic.License.Type != "CC0-1.0" {
			skippedLicence++
			continue
		}
		names := append([]string{ic.Title}, ic.Aliases.Aka...)
		for _, n := range ic.Aliases.Loc {
			names = append(names, n)
		}
		seen := map[string]bool{}
		for _, n := range names {
			if k := key(n); k != "" && !seen[k] {
				seen[k] = true
				byKey[k] = append(byKey[k], i)
			}
		}
	}
	iconFor := func(name string) (int, bool) {
		for _, n := range []string{name, regionSuffix.ReplaceAllString(name, "")} {
			if c := byKey[key(n)]; len(c) == 1 {
				return c[0], true
			} else if len(c) > 1 {
				return 0, false // two icons for one name: none rather than a wrong one
			}
		}
		return 0, false
	}

	// iconByDomain is the icon whose slug is the service's registered
	// domain name ("playstation" for playstation.com) when the service's
	// name starts with the icon's title ("Playstation Network" and
	// "PlayStation", "X (Twitter)" and "X").
	bySlug := map[string]int{}
	for i, ic := range is {
		if ic.License == nil || ic.License.Type == "CC0-1.0" {
			bySlug[ic.Slug] = i
		}
	}
	iconByDomain := func(e entry) (int, bool) {
		top, err := publicsuffix.EffectiveTLDPlusOne(e.Domain)
		if err != nil {
			return 0, false
		}
		label, _, _ := strings.Cut(top, ".")
		i, ok := bySlug[label]
		if !ok || notTheBrand[e.Domain] {
			return 0, false
		}
		rest, ok := strings.CutPrefix(key(regionSuffix.ReplaceAllString(e.Name, "")), key(is[i].Title))
		return i, ok && genericRest[rest]
	}

	out := make([]compact, 0, len(es))
	used := map[int]bool{}
	domains := map[string]bool{}
	for _, e := range es {
		if e.Name == "" || e.Domain == "" {
			return fmt.Errorf("entry without a name or domain: %+v", e)
		}
		if domains[e.Domain] {
			return fmt.Errorf("two entries for the domain %s", e.Domain)
		}
		domains[e.Domain] = true
		c := compact{Name: e.Name, Domain: e.Domain, Domains: e.Domains, Methods: e.Methods,
			Docs: e.Docs, Recovery: e.Recovery, Software: e.Software, Hardware: e.Hardware}
		if i, ok := iconFor(e.Name); ok {
			c.Icon = is[i].Slug
			used[i] = true
		} else if i, ok := iconByDomain(e); ok {
			c.Icon = is[i].Slug
			used[i] = true
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Domain < out[j].Domain })

	// directory.tsv: one service a line, its fields separated by tabs
	// and lists by spaces (domains, methods) or "|" (app and token names).
	var dir bytes.Buffer
	for _, c := range out {
		for _, x := range append([]string{c.Name, c.Domain, c.Docs, c.Recovery, c.Icon}, append(c.Software, c.Hardware...)...) {
			if strings.ContainsAny(x, "\t\n|") {
				return fmt.Errorf("%s: a tab, newline or | in %q", c.Domain, x)
			}
		}
		for _, x := range append(append([]string{}, c.Domains...), c.Methods...) {
			if x == "" || strings.ContainsAny(x, " \t\n|") {
				return fmt.Errorf("%s: an empty list item or a space in %q", c.Domain, x)
			}
		}
		fields := []string{c.Name, c.Domain, strings.Join(c.Domains, " "), strings.Join(c.Methods, " "),
			c.Docs, c.Recovery, strings.Join(c.Software, "|"), strings.Join(c.Hardware, "|"), c.Icon}
		dir.WriteString(strings.Join(fields, "\t"))
		dir.WriteByte('\n')
	}

	// icons.tsv: slug, brand colour, title and the SVG path, one icon a
	// line; the SVG wrapper is the same for every icon and is rebuilt in Go.
	slugs := make([]int, 0, len(used))
	for i := range used {
		slugs = append(slugs, i)
	}
	sort.Slice(slugs, func(a, b int) bool { return is[slugs[a]].Slug < is[slugs[b]].Slug })
	var tsv bytes.Buffer
	w := bufio.NewWriter(&tsv)
	var allSVG, usedSVG int64
	for i, ic := range is {
		fi, err := os.Stat(filepath.Join(iconsDir, "icons", ic.Slug+".svg"))
		if err != nil {
			return err
		}
		allSVG += fi.Size()
		if used[i] {
			usedSVG += fi.Size()
		}
	}
	for _, i := range slugs {
		ic := is[i]
		svg, err := os.ReadFile(filepath.Join(iconsDir, "icons", ic.Slug+".svg"))
		if err != nil {
			return err
		}
		m := pathRE.FindSubmatch(svg)
		if m == nil {
			return fmt.Errorf("icons/%s.svg: not one path in a 24×24 box", ic.Slug)
		}
		title := strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' {
				return ' '
			}
			return r
		}, ic.Title)
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", ic.Slug, ic.Hex, title, m[1])
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if len(used) == 0 {
		return errors.New("no icon matched a service: wrong folder?")
	}
	if err := os.WriteFile(filepath.Join(outDir, "directory.tsv"), dir.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outDir, "icons.tsv"), tsv.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("services: %d (entries.json %d bytes, directory.tsv %d bytes)\n", len(out), entriesSize, dir.Len())
	fmt.Printf("icons: %d of %d matched a service (%d skipped: not CC0); SVG files: all %d bytes, matched %d bytes; icons.tsv %d bytes\n",
		len(used), len(is), skippedLicence, allSVG, usedSVG, tsv.Len())
	return nil
}
