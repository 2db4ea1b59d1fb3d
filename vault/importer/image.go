package importer

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // registers the GIF decoder
	_ "image/jpeg"
	_ "image/png"
	"sort"
	"strings"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode"
)

var (
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
	jpegMagic = []byte("\xff\xd8\xff")
)

// maxPixels caps the images Parse decodes: a 50-megapixel photo is fine, a
// small file that claims to be 100000×100000 pixels (a decompression bomb)
// is refused before any memory is allocated for it.
const maxPixels = 50_000_000

// downscaleAbove is the size past which a large photo is also tried at
// half size: the QR detector looks for finder patterns at a fixed scale of
// blocks, and a code that fills a phone photo is sometimes found only when
// smaller.
const downscaleAbove = 1600

// image reads the QR codes in a PNG, JPEG or GIF image: a code on its own,
// a phone photo, or a screenshot with other content around it (an app's
// export screen, a web page). Every code is read like a line of a list:
// otpauth:// and otpauth-migration:// codes give accounts, any other code
// is skipped with ErrNotAnAccount. Codes are numbered in reading order.
func (p *parser) image(data []byte) error {
	texts, err := ScanQR(data)
	if err != nil {
		return err
	}
	for i, t := range texts {
		p.uri(Position{Code: i + 1}, strings.TrimSpace(t), true)
	}
	return nil
}

// ScanImages reads the QR codes of several images, in order, into one text
// of one code a line, for Parse: the batches of a Google Authenticator
// export photographed or captured one QR code at a time are then parsed
// together, as if they were one picture. Every image must hold at least one
// code; on error, bad is the index of the image at fault and err wraps
// ErrUnknownFormat (not a QR code image) or one of ScanQR's errors.
func ScanImages(images [][]byte) (text []byte, bad int, err error) {
	var codes []string
	for i, data := range images {
		if Detect(data) != FormatQRImage {
			return nil, i, fmt.Errorf("%w: not an image", ErrUnknownFormat)
		}
		texts, err := ScanQR(data)
		if err != nil {
			return nil, i, err
		}
		codes = append(codes, texts...)
	}
	return []byte(strings.Join(codes, "\n") + "\n"), 0, nil
}

// ScanQR returns the text of every QR code in a PNG, JPEG or GIF image, in
// reading order, whatever the codes hold: for callers reading codes that
// are not accounts (a paper recovery kit). It applies the same limits as
// Parse: an image over the pixel limit is an error wrapping ErrTooLarge,
// one without a readable code wraps ErrNoQRCode, and one that is not an
// image wraps ErrMalformed.
func ScanQR(data []byte) ([]string, error) {
	cfg, kind, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, malformed("cannot read the image")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, malformed("the %s image is empty", kind)
	}
	if cfg.Width > maxPixels/cfg.Height {
		return nil, fmt.Errorf("%w: the image is %d×%d pixels (limit %d megapixels)", ErrTooLarge, cfg.Width, cfg.Height, maxPixels/1_000_000)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, malformed("cannot decode the %s image", kind)
	}
	texts, crowded := scanQR(img)
	if len(texts) == 0 {
		if crowded {
			return nil, fmt.Errorf("%w: too many shapes that look like qr codes; crop the image to the codes to import", ErrNoQRCode)
		}
		return nil, ErrNoQRCode
	}
	return texts, nil
}

// The QR detectors look at every triple of finder-pattern candidates (the
// three squares in a code's corners), and the multi-code detector tries
// to decode every triple that forms a plausible square: time grows with
// the cube of the candidates. A screenshot of an export has a few codes;
// a picture tiled with a hundred codes (or a fuzzer's) would take minutes.
// These budgets stop a detector that has found more candidates than that,
// so the worst case is a fraction of a second.
const (
	maxMultiCandidates  = 60  // about 20 codes
	maxSingleCandidates = 300 // the single-code search does no decoding per triple
)

// errCrowded is panicked from the candidate callback to stop a detector
// over budget; the detector has no other way to be stopped.
type errCrowded struct{}

// scanQR returns the text of every QR code found in img, in reading order.
// It tries, until one finds something: every code at full size, one code
// at full size (the single-code detector is more tolerant of perspective),
// the same on the inverted image (light modules on a dark background, as
// in a dark-mode screenshot), and then on a half-size copy of a large
// image. crowded reports that a detector gave up over its budget.
func scanQR(img image.Image) (texts []string, crowded bool) {
	lum, w, h := luminance(img)
	texts, crowded = scanLuminance(lum, w, h)
	if len(texts) == 0 && (w > downscaleAbove || h > downscaleAbove) {
		small, sw, sh := halve(lum, w, h)
		var c bool
		texts, c = scanLuminance(small, sw, sh)
		crowded = crowded || c
	}
	return texts, crowded
}

// scanLuminance runs the detectors over one grey-scale picture.
func scanLuminance(lum []byte, w, h int) (texts []string, crowded bool) {
	src, err := gozxing.NewPlanarYUVLuminanceSource(lum, w, h, 0, 0, w, h, false)
	if err != nil {
		return nil, false
	}
	for _, s := range []gozxing.LuminanceSource{src, gozxing.NewInvertedLuminanceSource(src)} {
		found, c := decodeQR(s, true)
		crowded = crowded || c
		if len(found) > 0 {
			return found, crowded
		}
		found, c = decodeQR(s, false)
		crowded = crowded || c
		if len(found) > 0 {
			return found, crowded
		}
	}
	return nil, crowded
}

// decodeQR finds every QR code in src (multi) or the most prominent one.
func decodeQR(src gozxing.LuminanceSource, multi bool) (texts []string, crowded bool) {
	limit := maxSingleCandidates
	if multi {
		limit = maxMultiCandidates
	}
	candidates := 0
	hints := map[gozxing.DecodeHintType]any{
		gozxing.DecodeHintType_TRY_HARDER: true,
		// Read 8-bit text as UTF-8: the default guess may take raw
		// UTF-8 issuers for Shift_JIS.
		gozxing.DecodeHintType_CHARACTER_SET: "UTF-8",
		gozxing.DecodeHintType_NEED_RESULT_POINT_CALLBACK: gozxing.ResultPointCallback(func(gozxing.ResultPoint) {
			if candidates++; candidates > limit {
				panic(errCrowded{})
			}
		}),
	}
	defer func() {
		// errCrowded stops a detector over budget. Anything else is a bug
		// in the decoder, a port of ZXing: a crafted image must not take
		// the program down with it, so it counts as "no code found".
		if r := recover(); r != nil {
			_, crowded = r.(errCrowded)
			texts = nil
		}
	}()
	bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(src))
	if err != nil {
		return nil, false
	}
	if multi {
		results, err := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, hints)
		if err != nil {
			return nil, false
		}
		return ordered(results), false
	}
	r, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
	if err != nil || r == nil {
		return nil, false
	}
	return ordered([]*gozxing.Result{r}), false
}

// ordered sorts results top to bottom, then left to right (codes whose
// tops are within a quarter of a code's height count as one row), and
// drops repeats.
func ordered(results []*gozxing.Result) []string {
	type found struct {
		text string
		x, y float64
		size float64
	}
	var fs []found
	seen := make(map[string]bool)
	for _, r := range results {
		if r == nil || seen[r.GetText()] {
			continue
		}
		seen[r.GetText()] = true
		f := found{text: r.GetText()}
		pts := r.GetResultPoints()
		if len(pts) > 0 {
			minX, minY, maxY := pts[0].GetX(), pts[0].GetY(), pts[0].GetY()
			for _, pt := range pts[1:] {
				minX = min(minX, pt.GetX())
				minY = min(minY, pt.GetY())
				maxY = max(maxY, pt.GetY())
			}
			f.x, f.y, f.size = minX, minY, maxY-minY
		}
		fs = append(fs, f)
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		tol := max(a.size, b.size) / 4
		if a.y < b.y-tol || a.y > b.y+tol {
			return a.y < b.y
		}
		return a.x < b.x
	})
	texts := make([]string, len(fs))
	for i, f := range fs {
		texts[i] = f.text
	}
	return texts
}

// luminance converts img to one byte of brightness a pixel, with
// transparent pixels shown on white (as a viewer would show them). The
// common decoded types are read directly; others go through color.Model.
func luminance(img image.Image) ([]byte, int, int) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	out := make([]byte, w*h)
	switch m := img.(type) {
	case *image.Gray:
		for y := 0; y < h; y++ {
			copy(out[y*w:(y+1)*w], m.Pix[y*m.Stride:y*m.Stride+w])
		}
	case *image.NRGBA:
		for y := 0; y < h; y++ {
			row := m.Pix[y*m.Stride:]
			for x := 0; x < w; x++ {
				px := row[4*x : 4*x+4]
				out[y*w+x] = grey(color.NRGBA{px[0], px[1], px[2], px[3]})
			}
		}
	case *image.RGBA:
		for y := 0; y < h; y++ {
			row := m.Pix[y*m.Stride:]
			for x := 0; x < w; x++ {
				px := row[4*x : 4*x+4]
				out[y*w+x] = grey(color.RGBA{px[0], px[1], px[2], px[3]})
			}
		}
	case *image.YCbCr:
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				out[y*w+x] = m.Y[m.YOffset(b.Min.X+x, b.Min.Y+y)]
			}
		}
	default:
		i := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				out[i] = grey(img.At(x, y))
				i++
			}
		}
	}
	return out, w, h
}

// grey is the brightness of c over a white background.
func grey(c color.Color) byte {
	r, g, bl, a := c.RGBA()
	// Premultiplied: add white for the transparent part.
	white := 0xffff - a
	y := (299*(r+white) + 587*(g+white) + 114*(bl+white)) / 1000
	return byte(y >> 8)
}

// halve scales a grey picture to half size by averaging 2×2 blocks.
func halve(lum []byte, w, h int) ([]byte, int, int) {
	sw, sh := w/2, h/2
	out := make([]byte, sw*sh)
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			i := 2*y*w + 2*x
			s := int(lum[i]) + int(lum[i+1]) + int(lum[i+w]) + int(lum[i+w+1])
			out[y*sw+x] = byte(s / 4)
		}
	}
	return out, sw, sh
}
