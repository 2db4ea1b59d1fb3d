// Package passphrase is Mamori's one rule for a passphrase a person
// chooses: the app passphrase, the key file's passphrase and a recovery
// kit's. A passphrase is refused when an attacker who has the encrypted
// file would likely guess it in fewer than [MinGuesses] tries, as estimated
// by zxcvbn (github.com/trustelem/zxcvbn, a faithful port of Dropbox's
// zxcvbn 4.4.2): common passwords, words and names, dates, repeats,
// sequences and keyboard patterns count for what a cracker's lists and
// rules make of them, not for their length.
//
// zxcvbn's lists and patterns are Latin, and the Go port indexes bytes
// where it should index characters, so it misreads repeats and words in
// kana or kanji. Text outside ASCII is therefore estimated here, run by
// run, the way zxcvbn treats any character it has no list for (ten guesses
// a character), after a short list of common Japanese passwords and with
// repeats found; zxcvbn sees each such run as one neutral placeholder. A
// phrase of ten or more Japanese characters passes; a common word, or one
// repeated, does not.
package passphrase

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
	"golang.org/x/text/unicode/norm"
)

// MinGuesses is how many guesses, by zxcvbn's estimate, a passphrase must
// need: zxcvbn's top score ("very unguessable"). At Mamori's scrypt cost
// that is months of a thousand computers' time (see [Estimate]).
const MinGuesses = 1e10

// maxRunes is how much of a passphrase is estimated: zxcvbn's work grows
// with the square of the length, and what comes after this many characters
// only adds to the estimate.
const maxRunes = 100

// Reason is why a passphrase is refused, most telling first in a [Verdict].
type Reason int

// The reasons a passphrase is refused.
const (
	// Empty: nothing was typed.
	Empty Reason = iota + 1
	// TooShort: no pattern, just too few characters to resist guessing.
	TooShort
	// CommonPassword: it is, or contains, one of the passwords people use
	// most (zxcvbn's list of 30,000, and common Japanese ones).
	CommonPassword
	// CommonWord: it is made of common words (English Wikipedia, films
	// and TV), perhaps reversed or with letters swapped for digits.
	CommonWord
	// Name: it is made of common first names or surnames.
	Name
	// Date: it contains a date.
	Date
	// Year: it contains a recent year.
	Year
	// Repeat: it repeats characters or a group of them ("aaa", "abcabc").
	Repeat
	// Sequence: it contains a run such as "abcd", "1234" or "9876".
	Sequence
	// Keyboard: it follows keys next to each other ("qwerty", "zxcvbn").
	Keyboard
)

// Verdict is what the rule says of one passphrase.
type Verdict struct {
	// OK is true when the passphrase may be used.
	OK bool
	// Reasons says why it is refused, most telling first; empty when OK.
	Reasons []Reason
	// Guesses is zxcvbn's estimate of the guesses needed to find it.
	Guesses float64
	// Crack is how long guessing it would take at the scrypt cost asked.
	Crack Estimate
}

// Unit is the unit of an [Estimate].
type Unit int

// The units of an estimate, from "at once" to "centuries".
const (
	Instantly Unit = iota
	Seconds
	Minutes
	Hours
	Days
	Months
	Years
	Centuries
)

// Estimate is a time to guess rounded for people: N of Unit ("about 3
// days"); N is 0 for Instantly.
type Estimate struct {
	N    int
	Unit Unit
}

// Attacker is who the estimate has in mind: this many computer cores, each
// spending about a second on one guess at scrypt work factor 18 (age's
// default, and Mamori's) and twice as long for each step above.
const (
	AttackerCores       = 1000
	referenceWorkFactor = 18
)

// japanese are common Japanese passwords and words people choose, in kana
// and kanji (the Latin-letter ones, such as "sakura", are in zxcvbn's own
// lists). Matching is after NFKC, so half-width katakana is covered.
var japanese = []string{
	"パスワード", "ぱすわーど", "あいうえお", "かきくけこ", "いろはにほへと",
	"ありがとう", "こんにちは", "おはよう", "さくら", "桜", "まもり", "守り",
	"だいすき", "大好き", "あいしてる", "愛してる", "ひみつ", "秘密",
	"ねこ", "猫", "いぬ", "犬", "東京", "日本", "にほん", "にっぽん",
	"ドラえもん", "ピカチュウ", "ポケモン", "ワンピース", "ナルト",
}

// Check applies the rule to p, for a file protected at scrypt work factor
// workFactor (0 means age's default, 18).
func Check(p string, workFactor int) Verdict {
	if p == "" {
		return Verdict{Reasons: []Reason{Empty}}
	}
	p = norm.NFKC.String(p)
	if utf8.RuneCountInString(p) > maxRunes {
		p = string([]rune(p)[:maxRunes])
	}
	masked, runs := maskNonASCII(p)
	r := zxcvbn.PasswordStrength(masked, nil)
	guesses := r.Guesses
	seen := map[Reason]bool{}
	var reasons []Reason
	add := func(why Reason) {
		if why != 0 && !seen[why] {
			seen[why] = true
			reasons = append(reasons, why)
		}
	}
	for _, m := range r.Sequence {
		add(reasonOf(m.Pattern, m.DictionaryName, m.RegexName))
	}
	for _, run := range runs {
		g, why := runGuesses(run)
		// zxcvbn counted the run's placeholder as one unknown character.
		guesses *= g / bruteforcePerRune
		for _, w := range why {
			add(w)
		}
	}
	v := Verdict{Guesses: guesses, Crack: estimate(guesses, workFactor)}
	if guesses >= MinGuesses {
		v.OK = true
		return v
	}
	v.Reasons = reasons
	if len(v.Reasons) == 0 {
		v.Reasons = []Reason{TooShort}
	}
	return v
}

// bruteforcePerRune is what zxcvbn counts for a character it recognises in
// no pattern.
const bruteforcePerRune = 10

// maskNonASCII replaces each run of characters outside ASCII with one
// control character, the same for the same run and never two in a row, so
// that zxcvbn sees the ASCII around it (and a repeat of the whole) rightly;
// it returns the masked text and the distinct runs.
func maskNonASCII(p string) (string, []string) {
	var b strings.Builder
	var runs []string
	marker := map[string]byte{}
	rs := []rune(p)
	for i := 0; i < len(rs); {
		if rs[i] < utf8.RuneSelf {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && rs[j] >= utf8.RuneSelf {
			j++
		}
		run := string(rs[i:j])
		m, ok := marker[run]
		if !ok && len(marker) < 15 {
			// \x01, \x03 …: no two markers are neighbours in any
			// keyboard or sequence zxcvbn knows.
			m = byte(1 + 2*len(marker))
			marker[run] = m
			runs = append(runs, run)
		} else if !ok {
			// More distinct runs than markers: the rest count as plain
			// characters, which only lowers the estimate.
			m = 0x1f
		}
		b.WriteByte(m)
		i = j
	}
	return b.String(), runs
}

// runGuesses estimates the guesses for one run of non-ASCII text: a run
// that repeats a shorter one costs that one's guesses times the count;
// otherwise each common Japanese password in it costs the size of the list,
// and every other character ten guesses.
func runGuesses(run string) (float64, []Reason) {
	rs := []rune(run)
	for n := 1; n <= len(rs)/2; n++ {
		if len(rs)%n != 0 || strings.Repeat(string(rs[:n]), len(rs)/n) != run {
			continue
		}
		g, why := runGuesses(string(rs[:n]))
		return g * float64(len(rs)/n), append([]Reason{Repeat}, why...)
	}
	guesses := 1.0
	var why []Reason
	for i := 0; i < len(rs); {
		word := 0
		for _, w := range japanese {
			if n := utf8.RuneCountInString(w); n > word && i+n <= len(rs) && string(rs[i:i+n]) == w {
				word = n
			}
		}
		if word > 0 {
			guesses *= float64(len(japanese))
			if len(why) == 0 {
				why = append(why, CommonPassword)
			}
			i += word
			continue
		}
		guesses *= bruteforcePerRune
		i++
	}
	return guesses, why
}

// reasonOf names what one of zxcvbn's matches found; 0 for plain
// characters (bruteforce).
func reasonOf(pattern, dict, regex string) Reason {
	switch pattern {
	case "dictionary":
		switch dict {
		case "passwords", "user_inputs":
			return CommonPassword
		case "surnames", "male_names", "female_names":
			return Name
		}
		return CommonWord
	case "spatial":
		return Keyboard
	case "repeat":
		return Repeat
	case "sequence":
		return Sequence
	case "regex":
		if strings.Contains(regex, "year") {
			return Year
		}
		return Sequence
	case "date":
		return Date
	}
	return 0
}

// estimate turns a number of guesses into the time the attacker needs on
// average (half the guesses) at workFactor.
func estimate(guesses float64, workFactor int) Estimate {
	if workFactor <= 0 {
		workFactor = referenceWorkFactor
	}
	perGuess := math.Pow(2, float64(workFactor-referenceWorkFactor)) // seconds on one core
	secs := guesses / 2 * perGuess / AttackerCores
	const (
		minute  = 60
		hour    = 60 * minute
		day     = 24 * hour
		month   = 30 * day
		year    = 365 * day
		century = 100 * year
	)
	switch {
	case secs < 1:
		return Estimate{Unit: Instantly}
	case secs < minute:
		return Estimate{N: round(secs), Unit: Seconds}
	case secs < hour:
		return Estimate{N: round(secs / minute), Unit: Minutes}
	case secs < day:
		return Estimate{N: round(secs / hour), Unit: Hours}
	case secs < month:
		return Estimate{N: round(secs / day), Unit: Days}
	case secs < year:
		return Estimate{N: round(secs / month), Unit: Months}
	case secs < century:
		return Estimate{N: round(secs / year), Unit: Years}
	}
	c := secs / century
	if c > 1e6 {
		c = 1e6 // "more than a million centuries" is all anyone needs to know
	}
	return Estimate{N: round(c), Unit: Centuries}
}

func round(x float64) int { return max(1, int(math.Round(x))) }
