// Package paper prints an armored recovery kit as a paper kit, and puts it
// back together from what is scanned or typed.
//
// A paper kit is a PDF: the armored kit ("-----BEGIN AGE ENCRYPTED
// FILE-----" text) cut into chunks, each printed as a numbered QR code
// whose text starts with a header
//
//	MAMORI-KIT 2/5 1a2b3c4d:
//
// (chunk 2 of 5, then the CRC-32 of the chunk's text in hex), so a reader
// can tell the order, whether every chunk is there, and whether one was
// misread; then the same armored text, line by line, for typing, each
// line with a short checksum (the first four hex digits of its CRC-32);
// and instructions in Japanese and English. The passphrase or key that
// opens the kit is never printed on it.
//
// [Assemble] checks scanned chunks and returns the armored kit, which
// vault/kit's Open reads.
package paper

import (
	"errors"
	"fmt"
	"hash/crc32"
	"sort"
	"strconv"
	"strings"
)

// Prefix starts the text of every QR code of a paper kit.
const Prefix = "MAMORI-KIT "

// ChunkSize is the most armored-kit bytes one QR code carries: with its
// header and error correction level M that is a version 13 code, 69
// modules a side, which prints at about 0.9 mm a module and scans from a
// phone photo.
const ChunkSize = 350

// maxChunks bounds the chunks Assemble accepts: far more than any vault.
const maxChunks = 10000

// Errors for the ways the chunks of a paper kit fail to fit together;
// callers tell them apart with errors.Is.
var (
	// ErrNoChunks means no chunk of a paper kit was given.
	ErrNoChunks = errors.New("no paper kit QR codes were found")
	// ErrNotChunk means a code is not a chunk of a Mamori paper kit.
	ErrNotChunk = errors.New("not a Mamori paper kit QR code")
	// ErrCorruptChunk means a chunk's text does not match its checksum.
	ErrCorruptChunk = errors.New("a paper kit QR code was misread or altered")
	// ErrDuplicateChunk means two different codes carry the same chunk number.
	ErrDuplicateChunk = errors.New("two different paper kit QR codes carry the same number")
	// ErrMixedKits means the chunks come from kits of different lengths.
	ErrMixedKits = errors.New("the QR codes come from different paper kits")
	// ErrMissingChunks means some chunks were not given; the error names them.
	ErrMissingChunks = errors.New("paper kit QR codes are missing")
)

// MissingError lists the chunk numbers that were not given. It wraps
// ErrMissingChunks.
type MissingError struct {
	Missing []int // 1-based, ascending
	Total   int
}

func (e *MissingError) Error() string {
	runs, more := e.Summary(MaxListed)
	s := strings.Join(runs, ", ")
	if more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return fmt.Sprintf("%v: %s of %d", ErrMissingChunks, s, e.Total)
}

// MaxListed is how many numbers or runs of numbers a message lists before
// it says how many more there are.
const MaxListed = 8

// Summary shortens the missing numbers for a message: consecutive numbers
// become one run ("3-9"), and after max runs the rest are only counted.
// more is how many missing codes the runs shown leave out.
func (e *MissingError) Summary(max int) (runs []string, more int) {
	return summarise(e.Missing, max)
}

// summarise is Summary for an ascending list of numbers.
func summarise(nums []int, max int) (runs []string, more int) {
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		if len(runs) == max {
			more += j - i + 1
		} else if j > i {
			runs = append(runs, strconv.Itoa(nums[i])+"-"+strconv.Itoa(nums[j]))
		} else {
			runs = append(runs, strconv.Itoa(nums[i]))
		}
		i = j + 1
	}
	return runs, more
}

func (e *MissingError) Unwrap() error { return ErrMissingChunks }

// checksum is the CRC-32 (IEEE) of s.
func checksum(s string) uint32 { return crc32.ChecksumIEEE([]byte(s)) }

// LineChecksum is the short checksum printed beside a line for typing:
// the first four hex digits of its CRC-32.
func LineChecksum(line string) string {
	return fmt.Sprintf("%08x", checksum(line))[:4]
}

// Chunks cuts armored into the texts of the QR codes of a paper kit.
func Chunks(armored []byte) []string {
	text := string(armored)
	n := (len(text) + ChunkSize - 1) / ChunkSize
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		part := text[i*ChunkSize : min((i+1)*ChunkSize, len(text))]
		out = append(out, fmt.Sprintf("%s%d/%d %08x:%s", Prefix, i+1, n, checksum(part), part))
	}
	return out
}

// chunk is one parsed QR code.
type chunk struct {
	index, total int
	body         string
}

// parseChunk reads one code's text.
func parseChunk(s string) (chunk, error) {
	rest, ok := strings.CutPrefix(s, Prefix)
	if !ok {
		return chunk{}, ErrNotChunk
	}
	head, body, ok := strings.Cut(rest, ":")
	if !ok {
		return chunk{}, fmt.Errorf("%w: no ':' after the header", ErrNotChunk)
	}
	pos, sum, ok := strings.Cut(head, " ")
	if !ok {
		return chunk{}, fmt.Errorf("%w: no checksum in the header", ErrNotChunk)
	}
	is, ts, ok := strings.Cut(pos, "/")
	if !ok {
		return chunk{}, fmt.Errorf("%w: no i/N in the header", ErrNotChunk)
	}
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ts)
	want, err3 := strconv.ParseUint(sum, 16, 32)
	if err1 != nil || err2 != nil || err3 != nil || len(sum) != 8 || n < 1 || n > maxChunks || i < 1 || i > n {
		return chunk{}, fmt.Errorf("%w: bad header %q", ErrNotChunk, Prefix+head)
	}
	if checksum(body) != uint32(want) {
		return chunk{}, fmt.Errorf("%w: code %d of %d", ErrCorruptChunk, i, n)
	}
	if body == "" {
		// Chunks never writes an empty chunk, and a kit of none is no kit.
		return chunk{}, fmt.Errorf("%w: code %d of %d carries no text", ErrNotChunk, i, n)
	}
	return chunk{index: i, total: n, body: body}, nil
}

// Assemble checks the texts of scanned paper-kit QR codes, in any order,
// and returns the armored kit they hold. The same code given twice (a page
// scanned twice) is fine; anything else that does not fit is an error
// wrapping one of the Err… values above, and missing codes a *MissingError
// naming them.
func Assemble(chunks []string) ([]byte, error) {
	if len(chunks) == 0 {
		return nil, ErrNoChunks
	}
	total := 0
	got := map[int]string{}
	for _, s := range chunks {
		c, err := parseChunk(strings.TrimRight(s, "\x00"))
		if err != nil {
			return nil, err
		}
		if total == 0 {
			total = c.total
		} else if c.total != total {
			return nil, fmt.Errorf("%w: codes numbered of %d and of %d", ErrMixedKits, total, c.total)
		}
		if prev, ok := got[c.index]; ok && prev != c.body {
			return nil, fmt.Errorf("%w: %d of %d", ErrDuplicateChunk, c.index, total)
		}
		got[c.index] = c.body
	}
	var missing []int
	for i := 1; i <= total; i++ {
		if _, ok := got[i]; !ok {
			missing = append(missing, i)
		}
	}
	if len(missing) > 0 {
		sort.Ints(missing)
		return nil, &MissingError{Missing: missing, Total: total}
	}
	var b strings.Builder
	for i := 1; i <= total; i++ {
		b.WriteString(got[i])
	}
	return []byte(b.String()), nil
}
