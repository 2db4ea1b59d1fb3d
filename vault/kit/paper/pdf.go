package paper

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"strings"
	"time"

	"github.com/boombuler/barcode/qr"
	"github.com/signintech/gopdf"
)

// Fonts holds the TrueType font the kit is printed with. Regular must
// cover Japanese (BIZ UDGothic, assets.FontRegular, does), and should have
// fixed-width Latin letters so the text for typing lines up.
type Fonts struct {
	Regular []byte
}

// Options describe a paper kit.
type Options struct {
	// Lang is "ja" to put the Japanese instructions first; anything else
	// puts English first. Both are always printed.
	Lang string
	// Title heads the first page; empty means "Mamori recovery kit".
	Title string
	// Date is printed on every page and in the PDF's metadata; zero means now.
	Date time.Time
	// Fonts are the fonts to print with; Regular is required.
	Fonts Fonts
}

var (
	// ErrNoFont means Options.Fonts.Regular is empty.
	ErrNoFont = errors.New("paper kit: no font given")
	// ErrNotArmored means the kit given to PDF is not armored age text.
	ErrNotArmored = errors.New("paper kit: the kit is not armored age text")
)

// Page geometry, in millimetres (A4 portrait).
const (
	pageW, pageH   = 210.0, 297.0
	margin         = 15.0
	qrCols, qrRows = 2, 3
	qrSide         = 72.0
	qrLabelH       = 6.0
	textLineH      = 4.4
	textSize       = 9.0
)

// The instructions, written for a person holding the paper years from now.
var (
	instructionsEN = []string{
		"This is a Mamori recovery kit: your authenticator accounts, encrypted with age. It is useless without the passphrase or key that encrypted it, which is never printed here. Keep the passphrase somewhere else.",
		"To restore: photograph or scan every page with QR codes, then run: mamori kit import page1.png page2.png … (each code says which of how many it is, so order does not matter and a missing page is named).",
		"If the codes cannot be read: type the text lines, without the line number and the 4-character checksum, into a file, exactly as printed, then run: mamori kit import FILE. The checksum lets you find a mistyped line. The standard age tool also opens it: age -d FILE.",
		"Keep this paper as safe as your accounts: anyone with it and your passphrase can read every secret. Print a new kit when your accounts change, and destroy old ones.",
	}
	instructionsJA = []string{
		"これは Mamori のリカバリーキットです。認証アカウントが age で暗号化されています。暗号化したパスフレーズまたは鍵がなければ読めません。パスフレーズはここには印刷されていないので、別の場所に保管してください。",
		"復元するには：QR コードのあるページをすべて撮影またはスキャンし、mamori kit import page1.png page2.png … を実行します（各コードに「何枚中の何枚目」が入っているので順不同で、足りないページは番号で知らせます）。",
		"QR コードが読めないときは：各行の文字を、行番号と 4 文字のチェックサムを除いて印刷どおりにファイルへ入力し、mamori kit import ファイル名 を実行します。チェックサムで打ち間違えた行が分かります。標準の age コマンド（age -d ファイル名）でも開けます。",
		"この紙はアカウントと同じくらい大切に保管してください。この紙とパスフレーズがあれば、誰でもすべての秘密を読めます。アカウントが変わったら新しいキットを印刷し、古いものは破棄してください。",
	}
)

// PDF writes armored, an armored age kit (vault/kit's Export with Armor),
// as a paper kit to w: pages of numbered QR codes, pages of the text for
// typing with per-line checksums, and instructions in Japanese and
// English. The document's metadata names no secret.
func PDF(w io.Writer, armored []byte, opts Options) error {
	if len(opts.Fonts.Regular) == 0 {
		return ErrNoFont
	}
	text := strings.TrimSpace(string(armored))
	if !strings.HasPrefix(text, "-----BEGIN AGE ENCRYPTED FILE-----") || !strings.HasSuffix(text, "-----END AGE ENCRYPTED FILE-----") {
		return ErrNotArmored
	}
	text += "\n"
	if opts.Title == "" {
		opts.Title = "Mamori recovery kit / Mamori リカバリーキット"
	}
	if opts.Date.IsZero() {
		opts.Date = time.Now()
	}
	d := &doc{opts: opts}
	d.pdf.Start(gopdf.Config{Unit: gopdf.UnitMM, PageSize: *gopdf.PageSizeA4})
	d.pdf.SetInfo(gopdf.PdfInfo{Title: "Mamori recovery kit", Creator: "Mamori", Producer: "Mamori", CreationDate: opts.Date})
	if err := d.pdf.AddTTFFontData("regular", opts.Fonts.Regular); err != nil {
		return fmt.Errorf("paper kit: font: %w", err)
	}
	chunks := Chunks([]byte(text))
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if err := d.instructions(len(chunks), len(lines)); err != nil {
		return err
	}
	if err := d.codes(chunks); err != nil {
		return err
	}
	if err := d.lines(lines); err != nil {
		return err
	}
	if _, err := d.pdf.WriteTo(w); err != nil {
		return fmt.Errorf("writing PDF: %w", err)
	}
	return nil
}

type doc struct {
	pdf   gopdf.GoPdf
	opts  Options
	pages int
}

// newPage starts a page with the title line and date at the top.
func (d *doc) newPage(heading string) (y float64, err error) {
	d.pdf.AddPage()
	d.pages++
	if err := d.text(margin, margin, 8, fmt.Sprintf("%s — %s — p. %d", d.opts.Title, d.opts.Date.Format("2006-01-02"), d.pages)); err != nil {
		return 0, err
	}
	if err := d.text(margin, margin+7, 13, heading); err != nil {
		return 0, err
	}
	return margin + 16, nil
}

// text draws s with its top-left corner at (x, y).
func (d *doc) text(x, y, size float64, s string) error {
	if err := d.pdf.SetFont("regular", "", size); err != nil {
		return fmt.Errorf("paper kit: font: %w", err)
	}
	d.pdf.SetXY(x, y+size*0.3528)
	if err := d.pdf.Text(s); err != nil {
		return fmt.Errorf("paper kit: font: %w", err)
	}
	return nil
}

// paragraph wraps s to the text width and returns the y below it.
func (d *doc) paragraph(y, size float64, s string, words bool) (float64, error) {
	if err := d.pdf.SetFont("regular", "", size); err != nil {
		return 0, fmt.Errorf("paper kit: font: %w", err)
	}
	width := pageW - 2*margin
	var lines []string
	var err error
	if words {
		lines, err = d.pdf.SplitTextWithWordWrap(s, width)
	} else {
		lines, err = d.pdf.SplitText(s, width)
	}
	if err != nil {
		return 0, fmt.Errorf("paper kit: %w", err)
	}
	for _, l := range lines {
		if err := d.text(margin, y, size, strings.TrimSpace(l)); err != nil {
			return 0, err
		}
		y += size * 0.3528 * 1.45
	}
	return y + 2, nil
}

func (d *doc) instructions(codes, lines int) error {
	y, err := d.newPage(d.opts.Title)
	if err != nil {
		return err
	}
	type block struct {
		heading string
		paras   []string
		words   bool
	}
	en := block{"How to restore", append(instructionsEN, fmt.Sprintf("This kit: %d QR codes, %d lines of text.", codes, lines)), true}
	ja := block{"復元のしかた", append(instructionsJA, fmt.Sprintf("このキット：QR コード %d 個、テキスト %d 行。", codes, lines)), false}
	blocks := []block{en, ja}
	if d.opts.Lang == "ja" {
		blocks = []block{ja, en}
	}
	for _, b := range blocks {
		y += 2
		if err := d.text(margin, y, 12, b.heading); err != nil {
			return err
		}
		y += 8
		for _, p := range b.paras {
			if y, err = d.paragraph(y, 10, p, b.words); err != nil {
				return err
			}
		}
		y += 4
	}
	return nil
}

// codes draws the QR codes, qrCols×qrRows a page.
func (d *doc) codes(chunks []string) error {
	per := qrCols * qrRows
	cellW := (pageW - 2*margin) / qrCols
	for i, c := range chunks {
		if i%per == 0 {
			if _, err := d.newPage("QR codes / QR コード"); err != nil {
				return err
			}
		}
		k := i % per
		x := margin + float64(k%qrCols)*cellW + (cellW-qrSide)/2
		y := margin + 18 + float64(k/qrCols)*(qrSide+qrLabelH+8)
		if err := d.qr(c, x, y, qrSide); err != nil {
			return err
		}
		if err := d.text(x, y+qrSide+1, 10, fmt.Sprintf("%d / %d", i+1, len(chunks))); err != nil {
			return err
		}
	}
	return nil
}

// qr draws text as a QR code in a side×side square at (x, y), the quiet
// zone included, one filled rectangle per run of dark modules.
func (d *doc) qr(text string, x, y, side float64) error {
	code, err := qr.Encode(text, qr.M, qr.Unicode)
	if err != nil {
		return fmt.Errorf("paper kit: qr code: %w", err)
	}
	n := code.Bounds().Dx()
	unit := side / float64(n+8)
	ox, oy := x+4*unit, y+4*unit
	d.pdf.SetFillColor(0, 0, 0)
	dark := func(cx, cy int) bool {
		return color.GrayModel.Convert(code.At(cx, cy)).(color.Gray).Y < 128
	}
	for row := 0; row < n; row++ {
		for col := 0; col < n; {
			if !dark(col, row) {
				col++
				continue
			}
			start := col
			for col < n && dark(col, row) {
				col++
			}
			// A hair of overlap keeps renderers from leaving seams.
			d.pdf.RectFromUpperLeftWithStyle(ox+float64(start)*unit, oy+float64(row)*unit, float64(col-start)*unit, unit+0.02, "F")
		}
	}
	return nil
}

// lines prints the armored text for typing: number, line, checksum.
func (d *doc) lines(lines []string) error {
	var y float64
	var err error
	for i, l := range lines {
		if y == 0 || y+textLineH > pageH-margin {
			if y, err = d.newPage("Text for typing / 入力用テキスト  (line · text · checksum)"); err != nil {
				return err
			}
		}
		if err := d.text(margin, y, textSize, fmt.Sprintf("%3d", i+1)); err != nil {
			return err
		}
		if err := d.text(margin+10, y, textSize, l); err != nil {
			return err
		}
		if err := d.text(margin+10+110+5, y, textSize, LineChecksum(l)); err != nil {
			return err
		}
		y += textLineH
	}
	return nil
}
