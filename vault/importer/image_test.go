package importer

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"strings"
	"sync"
	"testing"
)

// TestImageGrid reads six different codes laid out in two rows, as on a
// printed sheet, in reading order.
func TestImageGrid(t *testing.T) {
	res, err := Parse(readFixture(t, "grid.png"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range res.Accounts {
		names = append(names, a.Name)
	}
	if got := strings.Join(names, " "); got != "account1 account2 account3 account4 account5 account6" {
		t.Errorf("accounts in order %q", got)
	}
	for i, pos := range res.From {
		if pos != (Position{Code: i + 1}) {
			t.Errorf("account %d from %v", i, pos)
		}
	}
	checkAccounts(t, res)
}

// TestImageCrowded checks that a picture tiled with a hundred codes is
// refused with a reason rather than keeping the detectors busy for
// minutes (their work grows with the cube of the candidate squares).
func TestImageCrowded(t *testing.T) {
	q, err := png.Decode(bytes.NewReader(readFixture(t, "qr-utf8.png")))
	if err != nil {
		t.Fatal(err)
	}
	qb := q.Bounds()
	const n = 12
	img := image.NewGray(image.Rect(0, 0, qb.Dx()*n, qb.Dy()*n))
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			draw.Draw(img, qb.Add(image.Pt(i*qb.Dx(), j*qb.Dy())), q, qb.Min, draw.Src)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	_, err = Parse(buf.Bytes(), Options{})
	if !errors.Is(err, ErrNoQRCode) || !strings.Contains(err.Error(), "too many") {
		t.Errorf("err = %v", err)
	}
}

// TestParseConcurrent runs Parse on every fixture at once, for the race
// detector: the QR decoder and the parsers must share no state.
func TestParseConcurrent(t *testing.T) {
	files := []string{"qr-otpauth.png", "screenshot.jpg", "grid.png", "aegis-plain.json", "google-migration.txt",
		"keepassxc.xml", "ente-encrypted-cheap.json", "2fas-plain.2fas"}
	var wg sync.WaitGroup
	errs := make(chan error, 2*len(files))
	for round := 0; round < 2; round++ {
		for _, f := range files {
			data := readFixture(t, f)
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := Parse(data, Options{Passphrase: func() (string, error) { return fixturePassword, nil }})
				if err != nil || len(res.Accounts) == 0 {
					errs <- fmt.Errorf("%s: %d accounts, %v", f, len(res.Accounts), err)
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestScanImages(t *testing.T) {
	one, two := readFixture(t, "qr-migration-1.png"), readFixture(t, "qr-migration-2.png")
	for _, tc := range []struct {
		name    string
		images  [][]byte
		bad     int
		wantErr error
	}{
		{"both batches", [][]byte{one, two}, 0, nil},
		{"a text file among them", [][]byte{one, readFixture(t, "otpauth.txt")}, 1, ErrUnknownFormat},
		{"a picture without a code", [][]byte{readFixture(t, "no-qr.png"), two}, 0, ErrNoQRCode},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, bad, err := ScanImages(tc.images)
			if !errors.Is(err, tc.wantErr) || bad != tc.bad {
				t.Fatalf("ScanImages = bad %d, %v; want %d, %v", bad, err, tc.bad, tc.wantErr)
			}
			if err != nil {
				return
			}
			// Together the two batches make a whole export: no warning
			// that codes are missing, and more accounts than either alone.
			res, err := Parse(text, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Warnings) != 0 {
				t.Errorf("warnings %v", res.Warnings)
			}
			alone, err := Parse(one, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Accounts) <= len(alone.Accounts) {
				t.Errorf("%d accounts from both, %d from the first alone", len(res.Accounts), len(alone.Accounts))
			}
		})
	}
}
