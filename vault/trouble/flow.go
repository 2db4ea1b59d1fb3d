package trouble

import (
	"fmt"
	"strings"
	"time"

	"github.com/mamori-app/mamori/gridcard"
	"github.com/mamori-app/mamori/vault/backup"
	"github.com/mamori-app/mamori/vault/otp"
	"github.com/mamori-app/mamori/vault/phone"
	"github.com/mamori-app/mamori/vault/recovery"
)

// Account is what a flow needs to know about one account and its vault.
// The caller fills it in (package vault does, with Vault.TroubleAccount);
// Flow reads it and changes nothing.
type Account struct {
	// ID and Label identify the account ("Amazon: taro@example.com").
	ID    string
	Label string
	// LoginID is the login ID Mamori keeps for the account; the
	// wrong-credentials flow checks it with CheckInput.
	LoginID string
	// OTP is the account's key; the zero Key when it has none.
	OTP otp.Key
	// ClockOffset is the account's clock offset in seconds (see Shift).
	ClockOffset int
	// Backup is the account's backup codes.
	Backup backup.Set
	// Phones are the account's phone bindings.
	Phones []phone.Binding
	// PhoneChanges are the vault's recorded number changes; the flows show
	// those that concern this account.
	PhoneChanges []phone.Change
	// Recovery is what support will ask.
	Recovery recovery.Info
	// GridCards are the vault's grid cards (no cells: only their shape).
	GridCards []GridCard
	// Lockout is the lockout recorded, if any.
	Lockout *Lockout
	// LockoutDuration is the account's usual lockout (0: one hour).
	LockoutDuration time.Duration
	// Events are the account's history (breach checklist ticks).
	Events []Event
	// ErrorNotes are the person's notes on the service's error codes.
	ErrorNotes []ErrorNote
	// Reported is what the person saw, for the flows that use it.
	Reported Reported
}

// Reported is what the person saw, typed in for one flow and never kept.
type Reported struct {
	// ErrorCode is the code the site shows (error-code flow).
	ErrorCode string
	// BackupCode is a backup code the service refused (code-rejected
	// flow): Flow says whether it was used, void or unknown.
	BackupCode string
}

// GridCard is the shape of one of the vault's grid cards, without its
// cells.
type GridCard struct {
	Name    string
	Profile gridcard.Profile
}

// Checklist is a flow rendered for one account in one language.
type Checklist struct {
	Symptom Symptom `json:"symptom"`
	Lang    string  `json:"lang"`
	// Label is the account's label.
	Label string `json:"label"`
	// Title names the symptom; Intro says what the flow is for.
	Title string `json:"title"`
	Intro string `json:"intro"`
	// Steps are what to check or do, in order.
	Steps []Step `json:"steps"`
	// Codes are the previous, current and next codes of a time-based
	// account (code-rejected), at the account's clock offset.
	Codes *CodeWindow `json:"codes,omitempty"`
	// Request is a recovery request ready to send (lost-everything).
	Request string `json:"request,omitempty"`
}

// Step is one line of a checklist.
type Step struct {
	// Number counts the steps shown, from 1.
	Number int `json:"number"`
	// ID is stable whatever the language (for ticking, and for tests).
	ID string `json:"id"`
	// Text says what to check or do.
	Text string `json:"text"`
	// Facts are what Mamori knows about the account that bears on the step.
	Facts []string `json:"facts,omitempty"`
	// Tickable says the step can be ticked off (Tick); Done is when it was,
	// since the checklist was last reset.
	Tickable bool       `json:"tickable,omitempty"`
	Done     *time.Time `json:"done,omitempty"`
}

// Flow builds the checklist for symptom s and account acct in lang ("ja"
// or "en"; see Lang) at now. Dates are shown in now's location. The texts
// come from assets/guides; a missing one is ErrMissingText.
func Flow(s Symptom, acct Account, lang string, now time.Time) (Checklist, error) {
	g, err := defaultGuides()
	if err != nil {
		return Checklist{}, err
	}
	return g.flow(s, acct, lang, now)
}

// flowCtx is one rendering of a flow.
type flowCtx struct {
	g    *guides
	lang string
	acct *Account
	now  time.Time
	out  *Checklist
	err  error
}

// t renders a text, remembering the first error.
func (c *flowCtx) t(key string, data map[string]any) string {
	s, err := c.g.text(c.lang, key, data)
	if err != nil && c.err == nil {
		c.err = err
	}
	return s
}

func (g *guides) flow(s Symptom, acct Account, lang string, now time.Time) (Checklist, error) {
	steps, ok := g.flows[s]
	if !ok {
		return Checklist{}, fmt.Errorf("%w: %q", ErrUnknownSymptom, s)
	}
	lang = Lang(lang)
	out := Checklist{Symptom: s, Lang: lang, Label: acct.Label, Steps: []Step{}}
	c := &flowCtx{g: g, lang: lang, acct: &acct, now: now, out: &out}
	out.Title = c.t(string(s)+".title", nil)
	out.Intro = c.t(string(s)+".intro", nil)
	ticks := BreachTicks(acct.Events)
	for _, st := range steps {
		if st.When != "" {
			name, negate := strings.CutPrefix(st.When, "!")
			if conditions[name](&acct) == negate {
				continue
			}
		}
		step := Step{Number: len(out.Steps) + 1, ID: st.ID, Tickable: st.Tick}
		step.Text = c.t(string(s)+".step."+st.ID, nil)
		if st.Facts != "" {
			step.Facts = factLists[st.Facts](c)
		}
		if st.Tick {
			if t, ok := ticks[st.ID]; ok {
				step.Done = &t
			}
		}
		out.Steps = append(out.Steps, step)
	}
	if c.err != nil {
		return Checklist{}, c.err
	}
	return out, nil
}

// conditions decide whether a step applies to an account.
var conditions = map[string]func(*Account) bool{
	"time_based":    func(a *Account) bool { return a.OTP.Type == otp.TOTP || a.OTP.Type == otp.Steam },
	"counter_based": func(a *Account) bool { return a.OTP.Type == otp.HOTP },
	"has_backup":    func(a *Account) bool { return !a.Backup.IsZero() || a.Reported.BackupCode != "" },
	"has_grid":      func(a *Account) bool { return len(a.GridCards) > 0 || hasMethod(a.Recovery, recovery.MethodGridCard) },
	"has_phones":    func(a *Account) bool { return len(a.Phones) > 0 },
	"locked":        func(a *Account) bool { return a.Lockout != nil },
}

func hasMethod(i recovery.Info, m string) bool {
	for _, x := range i.TwoFactorMethods {
		if strings.EqualFold(strings.TrimSpace(x), m) {
			return true
		}
	}
	return false
}

// factLists are the lines about the account that steps show.
var factLists map[string]func(*flowCtx) []string

func init() {
	// Set in init: the functions refer to Flow's machinery, which refers
	// back to this map.
	factLists = map[string]func(*flowCtx) []string{
		"login_id":         (*flowCtx).factLoginID,
		"names":            (*flowCtx).factNames,
		"lockout":          (*flowCtx).factLockout,
		"lockout_duration": (*flowCtx).factLockoutDuration,
		"methods":          (*flowCtx).factMethods,
		"codes":            (*flowCtx).factCodes,
		"clock":            (*flowCtx).factClock,
		"backup":           (*flowCtx).factBackup,
		"grid":             (*flowCtx).factGrid,
		"phones":           (*flowCtx).factPhones,
		"phone_changes":    (*flowCtx).factPhoneChanges,
		"fallbacks":        (*flowCtx).factFallbacks,
		"support":          (*flowCtx).factSupport,
		"ready":            (*flowCtx).factReady,
		"providers":        (*flowCtx).factProviders,
		"request":          (*flowCtx).factRequest,
		"backup_sheet":     (*flowCtx).factBackupSheet,
		"card":             (*flowCtx).factCard,
		"contact":          (*flowCtx).factContact,
		"error_notes":      (*flowCtx).factErrorNotes,
	}
}

// Formatting helpers.

func (c *flowCtx) when(t time.Time) string { return t.In(c.now.Location()).Format("2006-01-02 15:04") }

func (c *flowCtx) day(t time.Time) string { return t.In(c.now.Location()).Format("2006-01-02") }

func (c *flowCtx) list(items []string) string {
	return strings.Join(items, c.t("common.list_sep", nil))
}

// duration writes d for a person: seconds under a minute, else hours and
// minutes, rounded up to the minute.
func (c *flowCtx) duration(d time.Duration) string {
	if d < time.Minute {
		return c.t("common.dur.seconds", map[string]any{"S": int((d + time.Second - 1) / time.Second)})
	}
	m := int((d + time.Minute - 1) / time.Minute)
	switch h, m := m/60, m%60; {
	case h == 0:
		return c.t("common.dur.minutes", map[string]any{"M": m})
	case m == 0:
		return c.t("common.dur.hours", map[string]any{"H": h})
	default:
		return c.t("common.dur.hours_minutes", map[string]any{"H": h, "M": m})
	}
}

func showNumber(e phone.E164) string {
	n, err := e.Number()
	if err != nil {
		return string(e)
	}
	return n.Display(phone.DefaultRegion)
}

func (c *flowCtx) role(r phone.Role) string {
	if !r.Valid() {
		return string(r)
	}
	return c.t("common.role."+string(r), nil)
}

func signed(n int) string {
	if n > 0 {
		return fmt.Sprintf("+%d", n)
	}
	return fmt.Sprint(n)
}

// Fact lists.

func (c *flowCtx) factLoginID() []string {
	id := c.acct.LoginID
	if strings.TrimSpace(id) == "" {
		return []string{c.t("common.fact.login_id_none", nil)}
	}
	var warn []Finding
	for _, f := range CheckInput(id) {
		if f.Level == Warning {
			warn = append(warn, f)
		}
	}
	if len(warn) == 0 {
		return []string{c.t("common.fact.login_id_clean", map[string]any{"ID": id})}
	}
	out := []string{c.t("common.fact.login_id_suspicious", map[string]any{"Count": len(warn)})}
	for _, f := range warn {
		s, err := c.g.describe(f, c.lang)
		if err != nil && c.err == nil {
			c.err = err
		}
		out = append(out, s)
	}
	return out
}

func (c *flowCtx) factNames() []string {
	r := c.acct.Recovery
	var out []string
	if r.UserName != "" {
		out = append(out, c.t("common.fact.user_name", map[string]any{"Name": r.UserName}))
	}
	if r.PublicName != "" {
		out = append(out, c.t("common.fact.public_name", map[string]any{"Name": r.PublicName}))
	}
	if r.LoginEmail != "" {
		out = append(out, c.t("common.fact.login_email", map[string]any{"Email": r.LoginEmail}))
	}
	if len(out) == 0 {
		out = append(out, c.t("common.fact.names_none", nil))
	}
	return out
}

func (c *flowCtx) factLockout() []string {
	l := c.acct.Lockout
	if l == nil {
		return []string{c.t("common.fact.lockout_none", nil)}
	}
	var out []string
	if l.Lifted(c.now) {
		out = append(out, c.t("common.fact.lockout_lifted", map[string]any{"Since": c.when(l.Since), "Until": c.when(l.Until)}))
	} else {
		out = append(out, c.t("common.fact.lockout_active", map[string]any{
			"Since": c.when(l.Since), "Until": c.when(l.Until), "Left": c.duration(l.Remaining(c.now)),
		}))
	}
	if l.Note != "" {
		out = append(out, c.t("common.fact.lockout_note", map[string]any{"Note": l.Note}))
	}
	return out
}

func (c *flowCtx) factLockoutDuration() []string {
	d := c.acct.LockoutDuration
	if d == 0 {
		return []string{c.t("common.fact.lockout_duration_default", map[string]any{"Duration": c.duration(DefaultLockoutDuration)})}
	}
	return []string{c.t("common.fact.lockout_duration_custom", map[string]any{"Duration": c.duration(d)})}
}

func (c *flowCtx) factMethods() []string {
	a := c.acct
	var out []string
	switch a.OTP.Type {
	case otp.TOTP:
		out = append(out, c.t("common.fact.method_totp", map[string]any{"Period": a.OTP.Period, "Digits": a.OTP.Digits}))
	case otp.Steam:
		out = append(out, c.t("common.fact.method_steam", nil))
	case otp.HOTP:
		out = append(out, c.t("common.fact.method_hotp", map[string]any{"Counter": a.OTP.Counter}))
	}
	if a.Backup.Total() > 0 {
		out = append(out, c.t("common.fact.method_backup", map[string]any{"Left": a.Backup.Remaining(), "Total": a.Backup.Total()}))
	}
	if len(a.GridCards) > 0 {
		out = append(out, c.t("common.fact.method_grid", map[string]any{"Count": len(a.GridCards)}))
	}
	for _, b := range a.Phones {
		if b.Role == phone.RoleSMS || b.Role == phone.RoleVoice {
			out = append(out, c.t("common.fact.method_phone", map[string]any{"Number": showNumber(b.Number), "Role": c.role(b.Role)}))
		}
	}
	if len(out) == 0 {
		out = append(out, c.t("common.fact.methods_none", nil))
	}
	return out
}

func (c *flowCtx) factCodes() []string {
	w, err := Codes(c.acct.OTP, c.now, c.acct.ClockOffset)
	if err != nil {
		return []string{c.t("common.fact.codes_unavailable", nil)}
	}
	c.out.Codes = &w
	prev := w.Previous
	if prev == "" {
		prev = "-"
	}
	out := []string{c.t("common.fact.codes", map[string]any{
		"Previous": prev, "Current": w.Current, "Next": w.Next, "Left": c.duration(w.Left),
	})}
	if w.Offset != 0 {
		out = append(out, c.t("common.fact.codes_offset", map[string]any{"Seconds": signed(w.Offset)}))
	}
	return out
}

func (c *flowCtx) factClock() []string {
	out := []string{c.t("common.fact.local_time", map[string]any{"Time": c.now.Format("2006-01-02 15:04:05 MST")})}
	if c.acct.ClockOffset == 0 {
		return append(out, c.t("common.fact.offset_none", nil))
	}
	return append(out, c.t("common.fact.offset_set", map[string]any{"Seconds": signed(c.acct.ClockOffset)}))
}

func (c *flowCtx) factBackup() []string {
	s := c.acct.Backup
	var out []string
	if s.Current == nil {
		out = append(out, c.t("common.fact.backup_none", nil))
	} else {
		out = append(out, c.t("common.fact.backup_left", map[string]any{"Left": s.Remaining(), "Total": s.Total(), "Issued": c.day(s.Current.Issued)}))
	}
	code := c.acct.Reported.BackupCode
	if code == "" {
		if s.Current != nil {
			out = append(out, c.t("common.fact.backup_code_ask", nil))
		}
		return out
	}
	st := CheckBackupCode(s, code)
	switch st.State {
	case CodeUnused:
		out = append(out, c.t("common.fact.backup_code_unused", map[string]any{"Number": st.Number}))
	case CodeUsed:
		out = append(out, c.t("common.fact.backup_code_used", map[string]any{"Number": st.Number, "When": c.when(*st.Used)}))
	case CodeVoid:
		d := map[string]any{"Generation": st.Generation, "Voided": c.day(*st.Voided)}
		if st.Used != nil {
			d["Used"] = c.when(*st.Used)
			out = append(out, c.t("common.fact.backup_code_void_used", d))
		} else {
			out = append(out, c.t("common.fact.backup_code_void", d))
		}
	case CodeUnknown:
		out = append(out, c.t("common.fact.backup_code_unknown", nil))
	case CodeNoSheet:
		out = append(out, c.t("common.fact.backup_code_unchecked", nil))
	}
	return out
}

func (c *flowCtx) factGrid() []string {
	if len(c.acct.GridCards) == 0 {
		return []string{c.t("common.fact.grid_none", nil)}
	}
	var out []string
	for _, g := range c.acct.GridCards {
		p := g.Profile
		cell := gridcard.Cell{Row: min(1, p.Rows-1), Col: min(2, p.Cols-1)}
		key := "common.fact.grid_card_insensitive"
		if p.CaseSensitive() {
			key = "common.fact.grid_card_sensitive"
		}
		out = append(out, c.t(key, map[string]any{
			"Name": g.Name, "Width": p.CellWidth, "Asked": p.Asked,
			"Example": p.CellName(cell), "Col": p.ColLabel(cell.Col), "Row": p.RowLabel(cell.Row),
		}))
	}
	return out
}

func (c *flowCtx) factPhones() []string {
	if len(c.acct.Phones) == 0 {
		return []string{c.t("common.fact.phones_none", nil)}
	}
	var out []string
	for _, b := range c.acct.Phones {
		d := map[string]any{"Number": showNumber(b.Number), "Role": c.role(b.Role)}
		if b.Since.IsZero() {
			out = append(out, c.t("common.fact.phone", d))
			continue
		}
		d["Since"] = c.day(b.Since)
		out = append(out, c.t("common.fact.phone_since", d))
	}
	return out
}

// changes returns the recorded number changes that concern the account: of
// a number it is (or was, until ticked off) bound to, or to one.
func (c *flowCtx) changes() []phone.Change {
	bound := map[phone.E164]bool{}
	for _, b := range c.acct.Phones {
		bound[b.Number] = true
	}
	var out []phone.Change
	for _, ch := range c.acct.PhoneChanges {
		if bound[ch.Old] || (ch.New != "" && bound[ch.New]) || ch.IsDone(c.acct.ID) {
			out = append(out, ch)
		}
	}
	return out
}

func (c *flowCtx) factPhoneChanges() []string {
	chs := c.changes()
	if len(chs) == 0 {
		return []string{c.t("common.fact.changes_none", nil)}
	}
	bound := map[phone.E164]bool{}
	for _, b := range c.acct.Phones {
		bound[b.Number] = true
	}
	var out []string
	for _, ch := range chs {
		u, deadline := ch.OldState(c.now)
		var state string
		switch {
		case u == phone.UrgencyGoing && deadline != nil:
			state = c.t("common.state.going", map[string]any{"Deadline": c.when(*deadline)})
		case u == phone.UrgencyGone:
			state = c.t("common.state.gone", nil)
		default:
			state = c.t("common.state.open", nil)
		}
		newNumber := c.t("common.no_new_number", nil)
		if ch.New != "" {
			newNumber = showNumber(ch.New)
		}
		out = append(out, c.t("common.fact.change", map[string]any{
			"Old": showNumber(ch.Old), "New": newNumber, "Date": c.day(ch.Date), "State": state,
		}))
		switch {
		case bound[ch.Old]:
			out = append(out, c.t("common.fact.change_pending", map[string]any{"Old": showNumber(ch.Old)}))
		case ch.IsDone(c.acct.ID):
			out = append(out, c.t("common.fact.change_done", map[string]any{"When": c.day(ch.Done[c.acct.ID])}))
		}
	}
	return out
}

func (c *flowCtx) factFallbacks() []string {
	a := c.acct
	var out []string
	if a.OTP.Type != "" {
		out = append(out, c.t("common.fact.fallback_otp", nil))
	}
	if n := a.Backup.Remaining(); n > 0 {
		out = append(out, c.t("common.fact.fallback_backup", map[string]any{"Left": n}))
	}
	gone := map[phone.E164]bool{}
	for _, ch := range c.changes() {
		if u, _ := ch.OldState(c.now); u == phone.UrgencyGone {
			gone[ch.Old] = true
		}
	}
	numbers := map[phone.E164]bool{}
	for _, b := range a.Phones {
		if !gone[b.Number] && b.Role != phone.RoleRecoveryContact {
			numbers[b.Number] = true
		}
	}
	if len(numbers) > 0 {
		var list []string
		for _, b := range a.Phones {
			if numbers[b.Number] {
				list = append(list, showNumber(b.Number))
				delete(numbers, b.Number)
			}
		}
		out = append(out, c.t("common.fact.fallback_phones", map[string]any{"Numbers": c.list(list)}))
	}
	if len(out) == 0 {
		out = append(out, c.t("common.fact.fallback_none", nil))
	}
	return out
}

func (c *flowCtx) factSupport() []string {
	r := c.acct.Recovery
	var out []string
	switch {
	case r.SupportPhone != "" && r.SupportHours != "":
		out = append(out, c.t("common.fact.support_phone_hours", map[string]any{"Phone": r.SupportPhone, "Hours": r.SupportHours}))
	case r.SupportPhone != "":
		out = append(out, c.t("common.fact.support_phone", map[string]any{"Phone": r.SupportPhone}))
	}
	if r.SupportURL != "" {
		out = append(out, c.t("common.fact.support_url", map[string]any{"URL": r.SupportURL}))
	}
	if len(out) == 0 {
		out = append(out, c.t("common.fact.support_unknown", nil))
	}
	return out
}

// readyFields are the details support most often checks, in the order
// they are usually asked.
var readyFields = []struct {
	label string
	get   func(recovery.Info) bool
}{
	{"registered_name", func(i recovery.Info) bool { return i.RegisteredName != "" }},
	{"login_email", func(i recovery.Info) bool { return i.LoginEmail != "" }},
	{"address", func(i recovery.Info) bool { return i.Address != "" }},
	{"card_last4", func(i recovery.Info) bool { return i.CardLast4 != "" }},
	{"user_number", func(i recovery.Info) bool { return i.UserNumber != "" }},
	{"registered", func(i recovery.Info) bool { return i.Registered != "" }},
}

func (c *flowCtx) factReady() []string {
	var have, miss []string
	for _, f := range readyFields {
		l := c.t("common.label."+f.label, nil)
		if f.get(c.acct.Recovery) {
			have = append(have, l)
		} else {
			miss = append(miss, l)
		}
	}
	var out []string
	if len(have) > 0 {
		out = append(out, c.t("common.fact.ready_have", map[string]any{"List": c.list(have)}))
	}
	if len(miss) > 0 {
		out = append(out, c.t("common.fact.ready_missing", map[string]any{"List": c.list(miss)}))
	}
	return out
}

func (c *flowCtx) factProviders() []string {
	r := c.acct.Recovery
	l := append(append([]string(nil), r.RegisterProviders...), r.LoginProviders...)
	if len(l) == 0 {
		return []string{c.t("common.fact.providers_none", nil)}
	}
	return []string{c.t("common.fact.providers", map[string]any{"List": c.list(l)})}
}

func (c *flowCtx) factRequest() []string {
	c.out.Request = recovery.Request(c.acct.Recovery, c.acct.Label, c.lang)
	if c.acct.Recovery.IsZero() {
		return []string{c.t("common.fact.recovery_none", nil), c.t("common.fact.request_below", nil)}
	}
	return []string{c.t("common.fact.request_below", nil)}
}

func (c *flowCtx) factBackupSheet() []string {
	s := c.acct.Backup
	if s.Current == nil {
		return []string{c.t("common.fact.backup_sheet_none", nil)}
	}
	return []string{c.t("common.fact.backup_sheet", map[string]any{"Issued": c.day(s.Current.Issued), "Left": s.Remaining(), "Total": s.Total()})}
}

func (c *flowCtx) factCard() []string {
	if l := c.acct.Recovery.CardLast4; l != "" {
		return []string{c.t("common.fact.card", map[string]any{"Last4": l})}
	}
	return []string{c.t("common.fact.card_none", nil)}
}

func (c *flowCtx) factContact() []string {
	var out []string
	if e := c.acct.Recovery.LoginEmail; e != "" {
		out = append(out, c.t("common.fact.contact_email", map[string]any{"Email": e}))
	}
	for _, b := range c.acct.Phones {
		out = append(out, c.t("common.fact.contact_phone", map[string]any{"Number": showNumber(b.Number), "Role": c.role(b.Role)}))
	}
	if c.acct.Recovery.Address != "" {
		out = append(out, c.t("common.fact.contact_address", nil))
	}
	if len(out) == 0 {
		out = append(out, c.t("common.fact.contact_none", nil))
	}
	return out
}

func (c *flowCtx) factErrorNotes() []string {
	all, err := c.g.knownErrors(c.acct.ErrorNotes, c.lang)
	if err != nil {
		if c.err == nil {
			c.err = err
		}
		return nil
	}
	var out []string
	if code := c.acct.Reported.ErrorCode; code != "" {
		n := NormalizeErrorCode(code)
		for _, a := range all {
			if a.Code != n {
				continue
			}
			if a.Own {
				out = append(out, c.t("common.fact.note_own", map[string]any{"Code": a.Code, "Text": a.Text, "Added": c.day(a.Added)}))
			} else {
				out = append(out, c.t("common.fact.note_known", map[string]any{"Code": a.Code, "Text": a.Text}))
			}
		}
		if len(out) == 0 {
			out = append(out, c.t("common.fact.note_unknown", map[string]any{"Code": n}))
		}
		return out
	}
	var known []string
	for _, a := range all {
		if a.Own {
			out = append(out, c.t("common.fact.note_own", map[string]any{"Code": a.Code, "Text": a.Text, "Added": c.day(a.Added)}))
		} else {
			known = append(known, a.Code)
		}
	}
	out = append(out, c.t("common.fact.known_codes", map[string]any{"List": c.list(known)}))
	return out
}
