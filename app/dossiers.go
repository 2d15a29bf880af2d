package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"hoso/calendar"
	"hoso/catalog"
	"hoso/dossier"
	"hoso/print"
	"hoso/store"
)

// Dossiers receives and processes dossiers.
type Dossiers struct {
	core *Core
	cal  *Calendar
	now  func() time.Time
	// receiveMu makes a desk's numbering (code, book) and its write one
	// step; the store serialises writes but the numbers are read first.
	receiveMu sync.Mutex
	// countLimit is where a count that reads each match stops: countCap,
	// lowered by tests so that going past it takes hundreds of dossiers
	// rather than a thousand.
	countLimit int
}

// NewDossiers returns the Dossiers service.
func NewDossiers(core *Core, cal *Calendar, now func() time.Time) *Dossiers {
	if now == nil {
		now = time.Now
	}
	return &Dossiers{core: core, cal: cal, now: now, countLimit: countCap}
}

// actorOf is the caller as the dossier rules see it; the operator holds
// every role, acting for the node's office.
func actorOf(st *store.Store, c Caller) dossier.Actor {
	a := dossier.Actor{UserID: c.Actor(), Office: callerOffice(st, c)}
	roles := c.Roles
	if c.Operator {
		roles = Roles
	}
	for _, r := range roles {
		a.Roles = append(a.Roles, string(r))
	}
	return a
}

// ruleError gives a dossier rule error its code.
func ruleError(err error) error {
	var re *dossier.RuleError
	if errors.As(err, &re) {
		e := &Error{Code: CodeRefused, Message: re.Message, Params: map[string]string{"rule": re.Code}, Err: err}
		for k, v := range re.Params {
			e.Params[k] = v
		}
		if f := re.Params["field"]; f != "" {
			e.Field = f
		}
		return e
	}
	return AsError(err)
}

// receptionProcedure is the version in force here of the procedure a
// dossier is received under, refused (field "procedure") when there is
// none or it is no longer in use. Dossiers.Receive and Fees.Quote share it,
// so that a fee quoted while the clerk types is the one reception records.
func receptionProcedure(st *store.Store, code string) (ProcedureReply, error) {
	proc, err := getProcedure(st, strings.TrimSpace(code), 0)
	if err != nil {
		return ProcedureReply{}, &Error{Code: CodeInvalidInput, Field: "procedure", Message: "no procedure " + code, Err: err}
	}
	if !proc.Procedure.Active {
		return ProcedureReply{}, FieldError("procedure", "procedure %s is not in use", proc.Procedure.Code)
	}
	return proc, nil
}

// receptionChannel is the channel a dossier reached the desk by: empty is
// in person, anything else must be a channel (field "channel").
func receptionChannel(c dossier.Channel) (dossier.Channel, error) {
	if c == "" {
		return dossier.ChannelInPerson, nil
	}
	if !c.Valid() {
		return "", FieldError("channel", "%q is not in_person, post or online", c)
	}
	return c, nil
}

// ReceiveRequest is a dossier at the desk.
type ReceiveRequest struct {
	// Procedure is the procedure's code.
	Procedure string                     `json:"procedure"`
	Applicant dossier.Applicant          `json:"applicant"`
	Channel   dossier.Channel            `json:"channel"`
	Documents []dossier.ReceivedDocument `json:"documents"`
	Sets      int                        `json:"sets"`
	// ReceivedAt is when the dossier arrived; empty means now. An earlier
	// time (a dossier received by post, entered later) may be at most
	// seven days back.
	ReceivedAt string `json:"receivedAt"`
	// Note is the reason the clerk gives when papers are missing, printed
	// on Form 02; unused when the dossier is received.
	Note string `json:"note"`
	// Contact is the phone the applicant may call, printed on Form 02;
	// empty means the office's, decided when the form is printed.
	Contact string `json:"contact"`
	// Extended is the reason an extended time limit applies (e.g. "cần
	// xác minh"); empty means the procedure's normal limit. When set, the
	// procedure's extended limit (ExtendedTimeLimitWD) counts the due date
	// and the receipt prints it with the reason; a procedure without one
	// refuses it (field "extended").
	Extended string `json:"extended"`
	// Fee is what the procedure's fee rule is computed from: the pages
	// and copies of a per-page fee, the exemption claimed (Fees: the
	// quote is recorded and printed on the receipt).
	Fee catalog.FeeInput `json:"fee"`
}

// ReceiveReply is a receipt, or the list of what is missing (then no
// dossier is received: DOMAIN §3, Form 02 lists everything at once, and
// Intake names the attempt recorded).
type ReceiveReply struct {
	Received bool             `json:"received"`
	Missing  []string         `json:"missing"`
	Code     string           `json:"code"`
	Dossier  *dossier.Dossier `json:"dossier,omitempty"`
	// Intake is the ID of the intake attempt recorded when papers are
	// missing (Print.Form prints its Form 02), else "".
	Intake string `json:"intake"`
}

// Receive checks a dossier's completeness against its procedure and, when
// complete, receives it: a code no other desk can issue, a tracking-book
// entry in the book of the procedure's sector and the due date from the
// calendar. When papers are missing it receives nothing and records the
// intake attempt (intake.go). Either way the applicant must pass the
// dossier package's rules (dossier.ValidateApplicant), or nothing is
// recorded.
func (s *Dossiers) Receive(ctx context.Context, req ReceiveRequest) (ReceiveReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return ReceiveReply{}, err
	}
	c := CallerFrom(ctx)
	proc, err := receptionProcedure(d.Store, req.Procedure)
	if err != nil {
		return ReceiveReply{}, err
	}
	now := s.now()
	at := now
	if req.ReceivedAt != "" {
		at, err = time.Parse(time.RFC3339, req.ReceivedAt)
		if err != nil {
			return ReceiveReply{}, FieldError("receivedAt", "receivedAt must be an RFC 3339 time")
		}
		if at.After(now.Add(time.Minute)) || (!c.Operator && now.Sub(at) > 7*24*time.Hour) {
			return ReceiveReply{}, FieldError("receivedAt", "the reception time must be within the last seven days")
		}
	}
	at = at.In(calendar.Zone)
	if req.Sets <= 0 {
		req.Sets = 1
	}
	if req.Channel, err = receptionChannel(req.Channel); err != nil {
		return ReceiveReply{}, err
	}
	req.Applicant = normaliseApplicant(req.Applicant)
	if err := dossier.ValidateApplicant(req.Applicant); err != nil {
		return ReceiveReply{}, ruleError(err)
	}
	extension, err := extensionOf(proc.Procedure, req.Extended)
	if err != nil {
		return ReceiveReply{}, err
	}
	feeQuote, err := feeQuoteOf(proc.Procedure, req.Channel, req.Fee)
	if err != nil {
		return ReceiveReply{}, err
	}
	formSet := print.SetFor(at)
	ref := dossier.ProcedureRef{
		Code: proc.Procedure.Code, Name: proc.Procedure.Name, Version: proc.Version, TimeLimitWD: proc.Procedure.TimeLimitWD, Steps: proc.Procedure.Steps,
		SupplementLimitWD: proc.Procedure.SupplementLimitWD, RescheduleNoticeWD: proc.Procedure.RescheduleNoticeWD,
	}
	actor := actorOf(d.Store, c)
	if err := receivedFiles(d.Store, actor.Office, req.Applicant, req.Documents); err != nil {
		return ReceiveReply{}, err
	}
	desk := deskIndex(d.Store)
	if missing := missingDocuments(proc.Procedure, req.Documents); len(missing) > 0 {
		id, err := recordIntake(d.Store, actor, desk, IntakeAttempt{
			Procedure: ref, Applicant: req.Applicant, Channel: req.Channel, Documents: req.Documents,
			Missing: missing, Note: req.Note, Contact: strings.TrimSpace(req.Contact), At: at, FormSet: formSet,
		})
		if err != nil {
			return ReceiveReply{}, err
		}
		return ReceiveReply{Received: false, Missing: missing, Intake: id}, nil
	}
	cal, err := s.cal.calendarFor(d.Store)
	if err != nil {
		return ReceiveReply{}, err
	}
	rules := cal.DueRulesAt(at)
	limit := ref.TimeLimitWD
	if extension != nil {
		limit = extension.LimitWD
	}
	due, err := cal.DueDate(at, limit, rules)
	if err != nil {
		return ReceiveReply{}, calendarError("receivedAt", err)
	}
	countFrom, err := cal.ReceptionDay(at, rules)
	if err != nil {
		return ReceiveReply{}, calendarError("receivedAt", err)
	}
	step, err := dossier.PlanStep(ref, dossier.KindReceived, at, cal, rules)
	if err != nil {
		return ReceiveReply{}, calendarError("receivedAt", err)
	}
	office, err := getOffice(d.Store, actor.Office)
	if err != nil {
		return ReceiveReply{}, Errorf(CodeInvalidInput, "this desk's office %s is not set up", actor.Office)
	}

	s.receiveMu.Lock()
	defer s.receiveMu.Unlock()
	day := calendar.DateOf(at)
	code, err := nextCode(d.Store, office.AgencyID, day, desk)
	if err != nil {
		return ReceiveReply{}, err
	}
	book, err := nextBook(d.Store, day.Year, desk, bookFor(d.Store, actor.Office, proc.Procedure.Sector))
	if err != nil {
		return ReceiveReply{}, err
	}
	body := &dossier.Received{
		Code: code, Agency: office.AgencyID, Procedure: ref, Applicant: req.Applicant, Channel: req.Channel,
		Documents: req.Documents, Sets: req.Sets, ReceivedAt: at, CountFrom: &countFrom, Due: due,
		Book: book, Desk: desk, Step: step, FormSet: formSet, Extension: extension,
		Rules: dossierRules(s.cal, d.Store, at, ref, formSet), FeeQuote: feeQuote,
	}
	raw, err := dossier.Encode(body)
	if err != nil {
		return ReceiveReply{}, Wrap(CodeInternal, err, "encoding the dossier")
	}
	if err := dossier.Check(dossier.Dossier{}, dossier.Action{Kind: dossier.KindReceived, Body: raw}, actor, now, cal); err != nil {
		return ReceiveReply{}, ruleError(err)
	}
	draft := store.Draft{Actor: actor.UserID, Owner: actor.Office, Kind: string(dossier.KindReceived), Subject: dossierPrefix + code, Body: raw}
	if _, err := d.Store.Append(draft); err != nil {
		return ReceiveReply{}, appendErr(err, "receiving the dossier")
	}
	got, err := getDossier(d.Store, code)
	if err != nil {
		return ReceiveReply{}, err
	}
	return ReceiveReply{Received: true, Code: code, Missing: []string{}, Dossier: &got}, nil
}

// extensionOf returns the extended time limit a reception asks for with
// its reason, nil when reason is blank (the normal limit), or a field error
// "extended" when the procedure has no extended limit.
func extensionOf(p catalog.Procedure, reason string) (*dossier.Extension, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, nil
	}
	if p.ExtendedTimeLimitWD == nil {
		return nil, FieldError("extended", "procedure %s has no extended time limit", p.Code)
	}
	return &dossier.Extension{LimitWD: *p.ExtendedTimeLimitWD, Reason: reason}, nil
}

// normaliseApplicant trims the identifiers a clerk may paste with spaces
// around them, drops the spaces and dots typed inside a personal number or
// a phone (compactNumber), and drops a representative with nothing filled
// in (a form that sends its empty fields).
func normaliseApplicant(a dossier.Applicant) dossier.Applicant {
	a.CitizenID, a.OrgID, a.Phone = compactNumber(a.CitizenID), strings.TrimSpace(a.OrgID), compactNumber(a.Phone)
	if r := a.Representative; r != nil {
		c := *r
		c.CitizenID = compactNumber(c.CitizenID)
		if strings.TrimSpace(c.FullName) == "" && c.CitizenID == "" && strings.TrimSpace(c.Relation) == "" {
			a.Representative = nil
		} else {
			a.Representative = &c
		}
	}
	return a
}

// missingDocuments lists the required papers of a procedure not received.
func missingDocuments(p catalog.Procedure, got []dossier.ReceivedDocument) []string {
	have := map[string]int{}
	for _, g := range got {
		have[fold(g.Name)] += g.Count
	}
	var missing []string
	for _, doc := range p.Documents {
		if doc.Required && have[fold(doc.Name)] < max(doc.Count, 1) {
			missing = append(missing, doc.Name)
		}
	}
	return missing
}

// deskIndex is this desk's index in its office (0 unless set).
func deskIndex(st *store.Store) int {
	b, err := st.Local(store.LocalDeskIndex)
	if err != nil {
		return 0
	}
	n, err := strconv.Atoi(string(b))
	if err != nil || n < 0 || n > 9 {
		return 0
	}
	return n
}

// nextCode returns the next code this desk issues today: one past the
// highest it issued (codes are never reused).
func nextCode(st *store.Store, agency string, day calendar.Date, desk int) (string, error) {
	prefix := fmt.Sprintf("%s-%02d%02d%02d-%d", agency, day.Year%100, int(day.Month), day.Day, desk)
	hits, err := st.Scan(dossierProjID, dossier.IndexCode, store.ScanOptions{Prefix: []byte(prefix), Reverse: true, Limit: 1})
	if err != nil {
		return "", Wrap(CodeInternal, err, "numbering the dossier")
	}
	n := 1
	if len(hits) == 1 {
		c, err := dossier.ParseCode(strings.TrimSuffix(string(hits[0].Key), "\x00"))
		if err == nil {
			n = c.N() + 1
		}
	}
	code, err := dossier.NewCode(agency, day, desk, n)
	if err != nil {
		return "", ruleError(err)
	}
	return code, nil
}

// nextBook returns the next entry of this desk's book for the year: the
// sector book of that id, or the general book when book is "".
func nextBook(st *store.Store, year, desk int, book string) (dossier.Book, error) {
	volume := dossier.BookVolume(year, desk, book)
	hits, err := st.Scan(dossierProjID, indexBook, store.ScanOptions{Prefix: []byte(volume + "\x00"), Reverse: true, Limit: 1})
	if err != nil {
		return dossier.Book{}, Wrap(CodeInternal, err, "numbering the book")
	}
	n := 1
	if len(hits) == 1 {
		if v, err := strconv.Atoi(string(hits[0].Key[len(volume)+1:])); err == nil {
			n = v + 1
		}
	}
	b, err := dossier.NewBook(year, desk, book, n)
	if err != nil {
		return dossier.Book{}, ruleError(err)
	}
	return b, nil
}

func getDossier(st *store.Store, code string) (dossier.Dossier, error) {
	var d dossier.Dossier
	ok, err := readState(st, dossierProjID, dossierPrefix+code, &d)
	if err != nil {
		return d, err
	}
	if !ok || d.Status == "" {
		return d, &Error{Code: CodeNotFound, Field: "code", Message: "no dossier " + code, Params: map[string]string{"code": code}}
	}
	return d, nil
}

// DossierRequest names a dossier by its code.
type DossierRequest struct {
	Code string `json:"code"`
}

// DossierReply is a dossier and the actions this user may take on it now.
type DossierReply struct {
	Dossier dossier.Dossier `json:"dossier"`
	Allowed []dossier.Kind  `json:"allowed"`
	Overdue bool            `json:"overdue"`
	DueSoon bool            `json:"dueSoon"`
	// Appraisals are the officer's conclusions, oldest first, for the
	// timeline and the sign form.
	Appraisals []AppraisalNote `json:"appraisals"`
}

// Get returns a dossier with what the caller may do with it now.
func (s *Dossiers) Get(ctx context.Context, req DossierRequest) (DossierReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return DossierReply{}, err
	}
	code := strings.TrimSpace(req.Code)
	out, err := s.reply(d.Store, CallerFrom(ctx), code)
	if err != nil {
		return out, err
	}
	// Reading a dossier one does not hold is logged (access_log.go).
	if err := logDossierRead(ctx, d.Store, s.now(), out.Dossier, nil, "Dossiers.Get", ""); err != nil {
		return DossierReply{}, err
	}
	return out, nil
}

func (s *Dossiers) reply(st *store.Store, c Caller, code string) (DossierReply, error) {
	ds, err := getDossier(st, code)
	if err != nil {
		return DossierReply{}, err
	}
	cal, err := s.cal.calendarFor(st)
	if err != nil {
		return DossierReply{}, err
	}
	now := s.now()
	standing := newStandings(st, cal, now).of(ds)
	out := DossierReply{Dossier: ds, Allowed: []dossier.Kind{}, Overdue: standing.Overdue, DueSoon: standing.DueSoon}
	if out.Appraisals, err = appraisalNotes(st, code); err != nil {
		return DossierReply{}, err
	}
	for _, a := range dossier.AllowedActions(ds, actorOf(st, c), now, cal) {
		out.Allowed = append(out.Allowed, a.Kind)
	}
	return out, nil
}

// ActRequest is one action on a dossier: its kind ("dossier.assigned", …)
// and body (the dossier package's body for that kind).
type ActRequest struct {
	Code   string          `json:"code"`
	Action string          `json:"action"`
	Body   json.RawMessage `json:"body"`
	// Quiet asks for no reply: the action is checked and recorded as
	// always, but the dossier is not read back (the reply holds its code
	// alone). A script recording many actions (the demo's year) saves
	// half its time.
	Quiet bool `json:"quiet,omitempty"`
}

// Act records one action on a dossier, after checking it against the
// caller's roles, the dossier's state and the legal times. The dates the
// law fixes at the moment of the action (a task's due date, the restarted
// clock after a supplement, each step's allotted time) are computed here
// and written into the event, so a later calendar edit never moves them.
func (s *Dossiers) Act(ctx context.Context, req ActRequest) (DossierReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return DossierReply{}, err
	}
	kind := dossier.Kind(req.Action)
	if kind == dossier.KindReceived || !kind.Valid() {
		return DossierReply{}, FieldError("action", "unknown action %q", req.Action)
	}
	if len(req.Body) == 0 || string(req.Body) == "null" {
		req.Body = json.RawMessage(`{}`)
	}
	// Clients send the fields; the body's version is this program's.
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(req.Body, &fields); err != nil {
		return DossierReply{}, FieldError("body", "the body must be a JSON object")
	}
	if v, ok := fields["v"]; !ok || string(v) == "0" {
		fields["v"] = json.RawMessage(strconv.Itoa(dossier.Version))
		req.Body, _ = json.Marshal(fields)
	}
	body, err := dossier.Decode(kind, req.Body)
	if err != nil {
		return DossierReply{}, &Error{Code: CodeInvalidInput, Field: "body", Message: err.Error()}
	}
	if err := actFiles(d.Store, body); err != nil {
		return DossierReply{}, err
	}
	c := CallerFrom(ctx)
	code := strings.TrimSpace(req.Code)
	ds, err := getDossier(d.Store, code)
	if err != nil {
		return DossierReply{}, err
	}
	cal, err := s.cal.calendarFor(d.Store)
	if err != nil {
		return DossierReply{}, err
	}
	now := s.now()
	scale, err := ratingScale(d.Store)
	if err != nil {
		return DossierReply{}, err
	}
	target, err := dossier.Stamp(body, ds, now, cal, scale)
	if err != nil {
		return DossierReply{}, stampError(err)
	}
	raw, err := dossier.Encode(body)
	if err != nil {
		return DossierReply{}, Wrap(CodeInternal, err, "encoding the action")
	}
	actor := actorOf(d.Store, c)
	if err := dossier.Check(ds, dossier.Action{Kind: kind, Body: raw}, actor, now, cal); err != nil {
		return DossierReply{}, ruleError(err)
	}
	audience := append([]string{}, ds.Offices...)
	if target != "" {
		audience = append(audience, target)
	}
	draft := store.Draft{Actor: actor.UserID, Owner: actor.Office, Audience: audience, Kind: string(kind), Subject: dossierPrefix + code, Body: raw}
	if _, err := d.Store.Append(draft); err != nil {
		return DossierReply{}, appendErr(err, "recording the action")
	}
	if req.Quiet {
		return DossierReply{Dossier: dossier.Dossier{Code: code}}, nil
	}
	return s.reply(d.Store, c, code)
}

// stampError answers a body dossier.Stamp could not date as invalid input
// on the body's field, with the calendar's problems as details.
func stampError(err error) error {
	var se *dossier.StampError
	if !errors.As(err, &se) {
		return AsError(err)
	}
	return calendarError(se.Field, se.Err)
}

// HistoryRequest names a dossier.
type HistoryRequest = DossierRequest

// History returns a dossier's signed events, for the timeline and audits.
func (s *Dossiers) History(ctx context.Context, req HistoryRequest) (store.SubjectHistory, error) {
	d, err := s.core.Deps()
	if err != nil {
		return store.SubjectHistory{}, err
	}
	h, err := d.Store.History(dossierPrefix + strings.TrimSpace(req.Code))
	if errors.Is(err, store.ErrNotFound) {
		return h, &Error{Code: CodeNotFound, Field: "code", Message: "no dossier " + req.Code}
	}
	if err != nil {
		return h, Wrap(CodeInternal, err, "reading the history")
	}
	// Reading a dossier one does not hold is logged (access_log.go).
	if ds, err := getDossier(d.Store, strings.TrimSpace(req.Code)); err == nil {
		if err := logDossierRead(ctx, d.Store, s.now(), ds, nil, "Dossiers.History", ""); err != nil {
			return store.SubjectHistory{}, err
		}
	}
	return h, nil
}
