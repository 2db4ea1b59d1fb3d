package ui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/mamori-app/mamori/assets"
	"github.com/mamori-app/mamori/screen"
	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/importer"
	"github.com/mamori-app/mamori/vault/otp"
)

// Choices of the add dialog, as otp spells them.
var (
	typeChoices      = []otp.Type{otp.TOTP, otp.HOTP, otp.Steam}
	algorithmChoices = []otp.Algorithm{otp.SHA1, otp.SHA256, otp.SHA512}
	digitsChoices    = []string{"6", "7", "8"}
)

// addForm is the add dialog's fields.
type addForm struct {
	uri, issuer, name, secret, period *formEntry
	typ, alg, digits                  *widget.Select
	problem                           *widget.Label
	scan                              screenScanner // what "Scan the screen" uses
}

// screenScanner captures the screen for the add dialog; tests give a fake.
type screenScanner struct {
	capture func(context.Context) (image.Image, error)
	// settle is how long the hidden window is given to leave the screen
	// (the window manager and a compositor redraw what was under it).
	settle time.Duration
}

// Screen scanning limits: the wait for the hidden window to disappear, and
// for the capture (a Wayland desktop may ask the user first).
const (
	screenSettle  = 400 * time.Millisecond
	screenTimeout = 90 * time.Second
)

// osScreen captures the screens of this session.
func osScreen() screenScanner {
	return screenScanner{
		capture: func(ctx context.Context) (image.Image, error) { return screen.Capture(ctx, screen.FromOS()) },
		settle:  screenSettle,
	}
}

// account makes the account the form describes, or says what is wrong with
// it (a translated message). A pasted URI wins over the fields.
func (f *addForm) account(v *view) (vault.Account, string) {
	if u := strings.TrimSpace(f.uri.Text); u != "" {
		parsed, err := otp.ParseURI(u)
		if err != nil {
			return vault.Account{}, v.msg.T("ui.add.bad_uri", map[string]any{"Reason": usecase.KeyReason(err).Text(v.msg)})
		}
		a, err := vault.NewAccount(parsed.Issuer, parsed.Name, parsed.Key, v.now())
		if errors.Is(err, vault.ErrLabelRequired) {
			return vault.Account{}, v.msg.T("ui.add.uri_no_label")
		}
		if err != nil {
			return vault.Account{}, v.msg.T("ui.add.bad_account", map[string]any{"Reason": accountReason(v.msg, err)})
		}
		return a, ""
	}
	issuer, name := strings.TrimSpace(f.issuer.Text), strings.TrimSpace(f.name.Text)
	if issuer == "" && name == "" {
		return vault.Account{}, v.msg.T("ui.add.need_label")
	}
	period := 30
	if p := strings.TrimSpace(f.period.Text); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return vault.Account{}, v.msg.T("ui.add.bad_secret", map[string]any{"Reason": usecase.KeyReason(otp.ErrBadPeriod).Text(v.msg)})
		}
		period = n
	}
	typ := typeChoices[max(f.typ.SelectedIndex(), 0)]
	alg := algorithmChoices[max(f.alg.SelectedIndex(), 0)]
	digits, _ := strconv.Atoi(f.digits.Selected)
	if typ == otp.Steam {
		digits, alg, period = 5, otp.SHA1, 30
	}
	key, err := otp.NewKey(typ, f.secret.Text, alg, digits, period, 0)
	if err != nil {
		return vault.Account{}, v.msg.T("ui.add.bad_secret", map[string]any{"Reason": usecase.KeyReason(err).Text(v.msg)})
	}
	a, err := vault.NewAccount(issuer, name, key, v.now())
	if err != nil {
		return vault.Account{}, v.msg.T("ui.add.bad_account", map[string]any{"Reason": accountReason(v.msg, err)})
	}
	return a, ""
}

// importReason is the translated reason, in msg's language, an image or
// file gave no account.
func importReason(msg *assets.Catalog, err error) string {
	switch {
	case errors.Is(err, importer.ErrNoQRCode):
		return msg.T("ui.import.no_qr")
	case errors.Is(err, importer.ErrNotAnAccount), errors.Is(err, importer.ErrNoAccounts):
		return msg.T("ui.import.no_account")
	case errors.Is(err, importer.ErrTooLarge):
		return msg.T("ui.import.too_large")
	case errors.Is(err, importer.ErrEmpty), errors.Is(err, importer.ErrUnknownFormat):
		return msg.T("ui.import.unknown")
	case errors.Is(err, importer.ErrMalformed):
		return msg.T("ui.import.malformed")
	case errors.Is(err, importer.ErrNoLabel), errors.Is(err, vault.ErrLabelRequired):
		return msg.T("ui.import.no_label")
	case errors.Is(err, importer.ErrUnsupported):
		return msg.T("ui.import.unsupported")
	case errors.Is(err, importer.ErrIncompleteBatch):
		return msg.T("ui.import.incomplete_batch")
	}
	return usecase.KeyReason(err).Text(msg)
}

// showAdd opens the add dialog: paste an otpauth:// link, open a QR image,
// or enter the details by hand. Everything is checked on submit.
func (v *view) showAdd() {
	f := &addForm{
		uri:    v.newEntry(),
		issuer: v.newEntry(),
		name:   v.newEntry(),
		secret: v.newPasswordEntry(),
		period: v.newEntry(),
		scan:   osScreen(),
	}
	f.uri.SetPlaceHolder("otpauth://totp/…")
	f.issuer.SetPlaceHolder(v.msg.T("ui.add.issuer.hint"))
	f.name.SetPlaceHolder(v.msg.T("ui.add.name.hint"))
	f.secret.SetPlaceHolder(v.msg.T("ui.add.secret.hint"))
	f.period.SetText("30")
	var types []string
	for _, t := range typeChoices {
		types = append(types, strings.ToUpper(string(t)))
	}
	f.typ = widget.NewSelect(types, nil)
	f.typ.SetSelectedIndex(0)
	var algs []string
	for _, a := range algorithmChoices {
		algs = append(algs, string(a))
	}
	f.alg = widget.NewSelect(algs, nil)
	f.alg.SetSelectedIndex(0)
	f.digits = widget.NewSelect(digitsChoices, nil)
	f.digits.SetSelectedIndex(0)
	f.problem = wrapped(v.msg, "")
	f.problem.Importance = widget.DangerImportance
	f.problem.Hide()

	var d *dialog.ConfirmDialog
	openQR := widget.NewButton(v.msg.T("ui.add.qr"), func() { v.openQRImage(d) })
	scan := widget.NewButton(v.msg.T("ui.scan.button"), func() { v.scanScreen(d, f.scan) })
	details := widget.NewForm(
		widget.NewFormItem(v.msg.T("ui.add.issuer"), f.issuer),
		widget.NewFormItem("", v.issuerSuggestions(f.issuer)),
		widget.NewFormItem(v.msg.T("ui.add.name"), f.name),
		widget.NewFormItem(v.msg.T("ui.add.secret"), f.secret),
		widget.NewFormItem(v.msg.T("ui.add.type"), f.typ),
		widget.NewFormItem(v.msg.T("ui.add.algorithm"), f.alg),
		widget.NewFormItem(v.msg.T("ui.add.digits"), f.digits),
		widget.NewFormItem(v.msg.T("ui.add.period"), f.period),
	)
	content := container.NewVBox(
		widget.NewLabel(v.msg.T("ui.add.uri")), f.uri,
		container.NewGridWithColumns(2, openQR, scan),
		widget.NewSeparator(),
		widget.NewLabel(v.msg.T("ui.add.manual")), details,
		f.problem,
	)
	d = dialog.NewCustomConfirm(v.msg.T("ui.add.title"), v.msg.T("ui.add.ok"), v.msg.T("ui.cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		acct, problem := f.account(v)
		if problem != "" {
			f.problem.SetText(problem)
			f.problem.Show()
			d.Show()
			return
		}
		v.addAccounts([]vault.Account{acct}, func(err error) {
			f.problem.SetText(v.addError(err))
			f.problem.Show()
			d.Show()
		})
	}, v.win)
	f.uri.OnSubmitted = func(string) { d.Confirm() }
	v.addDialog, v.addForm = d, f
	d.Resize(fyne.NewSize(480, d.MinSize().Height))
	d.Show()
	v.win.Canvas().Focus(f.uri)
}

// addError is what a person reads about accounts that were not added.
func (v *view) addError(err error) string { return v.explain(err, "ui.add.failed") }

// openQRImage asks for an image file and adds the accounts its QR code holds.
func (v *view) openQRImage(parent dialog.Dialog) {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			// A file that vanished or may not be read: a system failure,
			// with its detail for support.
			v.showFailure(v.msg.T("ui.add.read_failed"), err)
			return
		}
		if parent != nil {
			parent.Hide()
		}
		v.addFromImage(data)
	}, v.win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".gif", ".PNG", ".JPG", ".JPEG", ".GIF"}))
	fd.Show()
}

// addFromImage adds the accounts in the QR code of an image file's bytes.
func (v *view) addFromImage(data []byte) {
	accts, err := v.accountsInImage(data)
	if err != nil {
		v.showProblem(v.msg.T("ui.import.failed", map[string]any{"Reason": importReason(v.msg, err)}))
		return
	}
	v.addAccountsOrSay(accts)
}

// accountsInImage reads the accounts in the QR codes of an image's bytes.
func (v *view) accountsInImage(data []byte) ([]vault.Account, error) {
	res, err := importer.Parse(data, importer.Options{Format: importer.FormatQRImage})
	if err != nil {
		return nil, err
	}
	var accts []vault.Account
	for _, p := range res.Accounts {
		a, err := vault.NewAccount(p.Issuer, p.Name, p.Key, v.now())
		if err != nil {
			return nil, err
		}
		accts = append(accts, a)
	}
	return accts, nil
}

// addAccountsOrSay adds accts and explains in a dialog when none was added.
func (v *view) addAccountsOrSay(accts []vault.Account) {
	v.addAccounts(accts, func(err error) {
		v.showProblem(v.addError(err))
	})
}

// scanScreen reads the QR codes on the screen: Mamori's window is hidden for
// the moment of the capture, so the code it would cover (or a code on the
// add dialog itself) is not what gets read. On X11 the picture never leaves
// memory; the desktop portal (Wayland) hands it over as a file, which
// package screen removes at once. The accounts found are shown for
// confirmation before they are added.
func (v *view) scanScreen(parent dialog.Dialog, s screenScanner) {
	if parent != nil {
		parent.Hide()
	}
	v.win.Hide()
	v.async(func() {
		time.Sleep(s.settle)
		ctx, cancel := context.WithTimeout(context.Background(), screenTimeout)
		img, err := s.capture(ctx)
		cancel()
		var accts []vault.Account
		problem := ""
		switch {
		case errors.Is(err, screen.ErrCancelled):
		case err != nil:
			problem = v.msg.T("ui.scan.unavailable")
		default:
			accts, problem = v.accountsOnScreen(img)
		}
		fyne.Do(func() {
			v.win.Show()
			v.win.RequestFocus()
			if problem == "" && err == nil {
				v.confirmScanned(accts)
				return
			}
			// Back to the add dialog, to try again or add another way,
			// with the reason on top of it.
			if parent != nil {
				parent.Show()
			}
			if problem != "" {
				v.showProblem(problem)
			} else {
				v.flash(v.msg.T("ui.scan.cancelled"))
			}
		})
	})
}

// accountsOnScreen reads the accounts in a screen capture with the same QR
// reader as image files, or says (translated) why there are none. The PNG
// the capture is handed over as is made in memory only.
func (v *view) accountsOnScreen(img image.Image) ([]vault.Account, string) {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return nil, v.msg.T("ui.scan.unavailable")
	}
	accts, err := v.accountsInImage(buf.Bytes())
	switch {
	case errors.Is(err, importer.ErrNoQRCode):
		return nil, v.msg.T("ui.scan.no_qr")
	case err != nil:
		return nil, v.msg.T("ui.import.failed", map[string]any{"Reason": importReason(v.msg, err)})
	}
	return accts, ""
}

// confirmScanned shows the accounts read from the screen and adds them if
// the user agrees: a screen may show codes the user did not mean to add.
func (v *view) confirmScanned(accts []vault.Account) {
	labels := make([]string, len(accts))
	for i, a := range accts {
		labels[i] = "• " + a.Label()
	}
	list := wrapped(v.msg, strings.Join(labels, "\n"))
	content := container.NewBorder(
		wrapped(v.msg, v.msg.T("ui.scan.found", map[string]any{"Count": len(accts)})), nil, nil, nil,
		container.NewVScroll(list))
	d := dialog.NewCustomConfirm(v.msg.T("ui.scan.title"), v.msg.T("ui.add.ok"), v.msg.T("ui.cancel"), content,
		func(ok bool) {
			if ok {
				v.addAccountsOrSay(accts)
			}
		}, v.win)
	d.Resize(fyne.NewSize(440, min(d.MinSize().Height+float32(len(accts))*24, 420)))
	d.Show()
}

// addAccounts saves accts in the vault, skipping those already there when
// there are several, and shows the result; failed is called, on the UI
// thread, when nothing was added.
func (v *view) addAccounts(accts []vault.Account, failed func(error)) {
	var r usecase.Imported
	v.run(func(s *usecase.Service) (*vault.Vault, error) {
		if len(accts) == 1 {
			a := accts[0]
			_, vlt, err := s.AddAccount(a.Issuer, a.Name, a.OTP)
			return vlt, err
		}
		var err error
		r, err = s.AddAccounts(accts)
		if err == nil && len(r.InVault) == len(accts) {
			err = usecase.ErrDuplicate
		}
		return r.Vault, err
	}, func(err error) {
		if err != nil {
			failed(err)
			return
		}
		added := len(accts) - len(r.InVault)
		if added == 1 && len(accts) == 1 {
			v.flash(v.msg.T("ui.add.done", map[string]any{"Label": accts[0].Label()}))
		} else {
			v.flash(v.msg.T("ui.add.done.many", map[string]any{"Count": added, "Skipped": len(r.InVault)}))
		}
	})
}

// showProblem shows msg in a dialog over the window.
func (v *view) showProblem(msg string) {
	d := dialog.NewCustom(v.msg.T("ui.problem"), v.msg.T("ui.close"), wrapped(v.msg, msg), v.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
}

// deleteAccount removes an account at once and offers to undo it for a few
// seconds; the removed account is kept in memory until then.
func (v *view) deleteAccount(id string) {
	var d usecase.Deleted
	v.run(func(s *usecase.Service) (*vault.Vault, error) {
		var err error
		d, err = s.DeleteAccount(id)
		return d.Vault, err
	}, func(err error) {
		switch {
		case errors.Is(err, vault.ErrNotFound):
			v.showProblem(v.explain(err, "ui.delete.failed"))
			return
		case err != nil:
			v.showProblem(v.msg.T("ui.delete.failed", map[string]any{"Error": err.Error()}))
			return
		}
		delete(v.hotp, id)
		v.undo = &undo{deleted: d, until: v.now().Add(undoFor)}
		v.flash(v.msg.T("ui.delete.done", map[string]any{"Label": d.Account.Label()}))
		v.showUndo()
	})
}

// undoDelete puts the last deleted account back where it was.
func (v *view) undoDelete() {
	u := v.undo
	if u == nil {
		return
	}
	v.undo = nil
	v.showUndo()
	v.run(func(s *usecase.Service) (*vault.Vault, error) {
		return s.RestoreAccount(u.deleted)
	}, func(err error) {
		switch {
		case errors.Is(err, usecase.ErrDuplicate):
			v.showProblem(v.addError(err))
			return
		case err != nil:
			v.showProblem(v.msg.T("ui.undo.failed", map[string]any{"Error": err.Error()}))
			return
		}
		v.flash(v.msg.T("ui.undo.done", map[string]any{"Label": u.deleted.Account.Label()}))
	})
}

// showUndo shows the Undo button while a deletion can still be undone.
func (v *view) showUndo() {
	if v.undo != nil && v.now().Before(v.undo.until) {
		v.undoBtn.Show()
	} else {
		v.undo = nil
		v.undoBtn.Hide()
	}
	v.bottom.Refresh()
}
