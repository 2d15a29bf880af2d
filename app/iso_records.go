package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"hoso/calendar"
	"hoso/iso"
	"hoso/print"
	"hoso/store"
)

// The register of records (danh mục hồ sơ, ISO 9001 clause 7.5.3): which
// records each process produces, where they are kept and for how long, and
// the leader's decisions that records past their retention may be
// disposed of. Nothing is deleted from the signed log (see iso/doc.go).
const (
	isoRegisterProjID = "iso.register"
	isoDisposalProjID = "iso.disposal"
	// disposalListCap bounds the dossiers one due list returns per line.
	disposalListCap = 2000
)

// registerRecord is an office's register, folded from its events.
type registerRecord struct {
	Register *iso.Register `json:"register"`
	Version  int           `json:"version"`
	// Conflicts counts registers recorded on another desk from a version
	// this one had already passed: kept (the later wins) but shown.
	Conflicts int       `json:"conflicts"`
	By        string    `json:"by"`
	At        time.Time `json:"at"`
}

// registerSet is the body of iso.KindRegisterSet: the register and the
// version its writer saw, so that two desks' concurrent edits show.
type registerSet struct {
	Register iso.Register `json:"register"`
	Base     int          `json:"base"`
}

var isoRegisterProjection = ownedProjection[registerRecord]{jsonProjection[registerRecord]{
	name:   isoRegisterProjID,
	prefix: iso.RegisterPrefix,
	apply: func(s *registerRecord, e *store.Event) {
		var b registerSet
		if e.Kind != iso.KindRegisterSet || subjectOffice(e.Subject, iso.RegisterPrefix) != e.Owner || !decodeBody(e, &b) || b.Register.Validate() != nil {
			return
		}
		if b.Base != s.Version {
			s.Conflicts++
		}
		r := b.Register
		s.Register, s.Version, s.By, s.At = &r, s.Version+1, e.Actor, e.HLC.Time()
	},
}}

// disposalRecord is one disposal decision as folded.
type disposalRecord struct {
	Decision *iso.DisposalApproved `json:"decision"`
}

var isoDisposalProjection = ownedProjection[disposalRecord]{jsonProjection[disposalRecord]{
	name:   isoDisposalProjID,
	prefix: iso.DisposalPrefix,
	apply: func(s *disposalRecord, e *store.Event) {
		var d iso.DisposalApproved
		// A decision is taken once: a second event under its subject
		// (a replay, a forged copy) changes nothing.
		if s.Decision == nil && e.Kind == iso.KindDisposalApproved && subjectOffice(e.Subject, iso.DisposalPrefix) == e.Owner && decodeBody(e, &d) && d.Office == e.Owner {
			s.Decision = &d
		}
	},
	// "office": <office> 0 <approved at, RFC 3339 UTC>, to list an
	// office's decisions in order.
	index: func(subject string, s *disposalRecord) []store.IndexEntry {
		if s.Decision == nil {
			return nil
		}
		key := append([]byte(s.Decision.Office), 0)
		key = append(key, s.Decision.ApprovedAt.UTC().Format(time.RFC3339Nano)...)
		return []store.IndexEntry{{Index: disposalIndex, Key: key}}
	},
}}

// disposalIndex lists an office's disposal decisions by date.
const disposalIndex = "office"

// RegisterRequest names the office whose register is read; empty is the
// caller's.
type RegisterRequest struct {
	Office string `json:"office"`
}

// RegisterReply is an office's register of records: its own, or the
// default when it has recorded none (Custom false).
type RegisterReply struct {
	Office   string       `json:"office"`
	Register iso.Register `json:"register"`
	Custom   bool         `json:"custom"`
	Version  int          `json:"version"`
	// Conflicts counts edits made on two desks from the same version.
	Conflicts int       `json:"conflicts"`
	By        string    `json:"by,omitempty"`
	At        time.Time `json:"at,omitzero"`
}

// Register returns an office's register of records.
func (s *Iso) Register(ctx context.Context, req RegisterRequest) (RegisterReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return RegisterReply{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return RegisterReply{}, err
	}
	return readRegister(d.Store, office)
}

func readRegister(st *store.Store, office string) (RegisterReply, error) {
	var rec registerRecord
	if _, err := readState(st, isoRegisterProjID, iso.RegisterSubject(office), &rec); err != nil {
		return RegisterReply{}, err
	}
	out := RegisterReply{Office: office, Register: iso.DefaultRegister(), Version: rec.Version, Conflicts: rec.Conflicts, By: rec.By, At: rec.At}
	if rec.Register != nil {
		out.Register, out.Custom = *rec.Register, true
	}
	return out, nil
}

// SetRegisterRequest is the caller's office's new register and the
// version of the register it was edited from.
type SetRegisterRequest struct {
	Register iso.Register `json:"register"`
	Base     int          `json:"base"`
}

// SetRegister records the register of the caller's office. A line out of
// range is refused with its field ("register.classes[2].retentionYears");
// an edit from a version another edit has passed on this desk is refused
// as a conflict (on two offline desks both are kept and the register
// shows the conflict).
func (s *Iso) SetRegister(ctx context.Context, req SetRegisterRequest) (RegisterReply, error) {
	if err := req.Register.Validate(); err != nil {
		var re *iso.RegisterError
		if errors.As(err, &re) {
			field := "register." + re.Field
			if re.Index >= 0 {
				field = "register.classes[" + strconv.Itoa(re.Index) + "]." + re.Field
			}
			return RegisterReply{}, FieldError(field, "%s", re.Message)
		}
		return RegisterReply{}, FieldError("register", "%s", err.Error())
	}
	d, err := s.core.Deps()
	if err != nil {
		return RegisterReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, err := readRegister(d.Store, office)
	if err != nil {
		return RegisterReply{}, err
	}
	if req.Base != cur.Version {
		return RegisterReply{}, &Error{Code: CodeConflict, Field: "base", Message: "the register was changed since it was opened: open it again",
			Params: map[string]string{"version": strconv.Itoa(cur.Version)}}
	}
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindRegisterSet, Subject: iso.RegisterSubject(office),
		Body: mustJSON(registerSet(req))}
	if _, err := d.Store.Append(draft); err != nil {
		return RegisterReply{}, appendErr(err, "saving the register of records")
	}
	return readRegister(d.Store, office)
}

// DisposalDueRequest asks which records of an office are past their
// retention on a day (YYYY-MM-DD; empty is today).
type DisposalDueRequest struct {
	Office string `json:"office"`
	AsOf   string `json:"asOf"`
}

// DueRecord is a dossier past its retention.
type DueRecord struct {
	Code      string    `json:"code"`
	Procedure string    `json:"procedure"`
	Closed    time.Time `json:"closed"`
	DueFrom   string    `json:"dueFrom"`
}

// DueClass is one line of the register with its dossiers past retention.
type DueClass struct {
	Class iso.RecordClass `json:"class"`
	// Records are listed oldest first, at most disposalListCap; Total
	// counts them all.
	Records []DueRecord `json:"records"`
	Total   int         `json:"total"`
}

// DisposalDueReply lists, line by line, the dossiers past their retention
// that no disposal decision covers yet.
type DisposalDueReply struct {
	Office  string     `json:"office"`
	AsOf    string     `json:"asOf"`
	Classes []DueClass `json:"classes"`
}

// DisposalDue lists the dossiers of an office past their retention under
// its register: a dossier is closed when its result reached the desk or
// it was withdrawn or stopped; one still open is never due.
func (s *Iso) DisposalDue(ctx context.Context, req DisposalDueRequest) (DisposalDueReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return DisposalDueReply{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return DisposalDueReply{}, err
	}
	asOf, day, err := s.dayOrToday(req.AsOf, "asOf")
	if err != nil {
		return DisposalDueReply{}, err
	}
	reg, err := readRegister(d.Store, office)
	if err != nil {
		return DisposalDueReply{}, err
	}
	decided, err := disposedCodes(d.Store, office)
	if err != nil {
		return DisposalDueReply{}, err
	}
	sec, err := sectors(d.Store)
	if err != nil {
		return DisposalDueReply{}, err
	}
	facts, err := scanFacts(d.Store, office)
	if err != nil {
		return DisposalDueReply{}, err
	}
	byClass := map[string]*DueClass{}
	for _, f := range facts.facts {
		closed := max(f.Resolved, f.Closed)
		if closed == 0 || decided[f.Code] {
			continue
		}
		c, ok := reg.Register.ClassOf(f.Procedure, sec[f.Procedure])
		if !ok {
			continue
		}
		at := time.Unix(closed, 0).In(calendar.Zone)
		if !iso.Due(at, c.RetentionYears, asOf, calendar.Zone) {
			continue
		}
		dc := byClass[c.ID]
		if dc == nil {
			dc = &DueClass{Class: c, Records: []DueRecord{}}
			byClass[c.ID] = dc
		}
		dc.Total++
		dc.Records = append(dc.Records, DueRecord{Code: f.Code, Procedure: f.Procedure, Closed: at,
			DueFrom: iso.DueFrom(at, c.RetentionYears, calendar.Zone).Format(time.DateOnly)})
	}
	out := DisposalDueReply{Office: office, AsOf: day, Classes: []DueClass{}}
	for _, c := range reg.Register.Classes {
		if dc := byClass[c.ID]; dc != nil {
			slices.SortFunc(dc.Records, func(a, b DueRecord) int { return a.Closed.Compare(b.Closed) })
			dc.Records = dc.Records[:min(len(dc.Records), disposalListCap)]
			out.Classes = append(out.Classes, *dc)
		}
	}
	return out, nil
}

// dayOrToday parses a day YYYY-MM-DD (empty: today in Vietnam) and
// returns its end, the instant records are judged at, and the day.
func (s *Iso) dayOrToday(v, field string) (time.Time, string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		v = s.now().In(calendar.Zone).Format(time.DateOnly)
	}
	t, err := time.ParseInLocation(time.DateOnly, v, calendar.Zone)
	if err != nil {
		return time.Time{}, "", FieldError(field, "%q is not a date: write 2026-12-31", v)
	}
	return t.AddDate(0, 0, 1).Add(-time.Nanosecond), v, nil
}

// disposedCodes returns the dossiers already covered by a disposal
// decision of the office.
func disposedCodes(st *store.Store, office string) (map[string]bool, error) {
	decs, err := disposalsOf(st, office)
	out := map[string]bool{}
	for _, dec := range decs {
		for _, c := range dec.Codes {
			out[c] = true
		}
	}
	return out, err
}

// disposalsOf reads an office's disposal decisions, oldest first.
func disposalsOf(st *store.Store, office string) ([]iso.DisposalApproved, error) {
	hits, err := st.Scan(isoDisposalProjID, disposalIndex, store.ScanOptions{Prefix: append([]byte(office), 0)})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "listing the disposal decisions")
	}
	out := make([]iso.DisposalApproved, 0, len(hits))
	for _, h := range hits {
		var r disposalRecord
		if ok, err := readState(st, isoDisposalProjID, h.Subject, &r); err != nil {
			return nil, err
		} else if ok && r.Decision != nil {
			out = append(out, *r.Decision)
		}
	}
	return out, nil
}

// ApproveDisposalRequest is a leader's decision that dossiers of one line
// of the register, past their retention, may be disposed of.
type ApproveDisposalRequest struct {
	Class  string   `json:"class"`
	Codes  []string `json:"codes"`
	AsOf   string   `json:"asOf"`
	Reason string   `json:"reason"`
}

// DisposalsReply lists an office's disposal decisions, oldest first.
type DisposalsReply struct {
	Office    string                 `json:"office"`
	Decisions []iso.DisposalApproved `json:"decisions"`
}

// ApproveDisposal records the decision. Every code must be a dossier of
// the caller's office in that line and past its retention on AsOf, and
// not already decided: otherwise nothing is recorded and the first code
// refused is named.
func (s *Iso) ApproveDisposal(ctx context.Context, req ApproveDisposalRequest) (DisposalsReply, error) {
	if len(req.Codes) == 0 {
		return DisposalsReply{}, FieldError("codes", "choose the records to dispose of")
	}
	d, err := s.core.Deps()
	if err != nil {
		return DisposalsReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	if _, day, err := s.dayOrToday(req.AsOf, "asOf"); err != nil {
		return DisposalsReply{}, err
	} else if day > s.now().In(calendar.Zone).Format(time.DateOnly) {
		return DisposalsReply{}, FieldError("asOf", "a disposal is decided on records past their retention today, not on %s", day)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	due, err := s.DisposalDue(ctx, DisposalDueRequest{Office: office, AsOf: req.AsOf})
	if err != nil {
		return DisposalsReply{}, err
	}
	var class *DueClass
	for i := range due.Classes {
		if due.Classes[i].Class.ID == req.Class {
			class = &due.Classes[i]
		}
	}
	if class == nil {
		return DisposalsReply{}, FieldError("class", "no record of line %q is past its retention", req.Class)
	}
	listed := map[string]bool{}
	for _, r := range class.Records {
		listed[r.Code] = true
	}
	seen := map[string]bool{}
	for _, c := range req.Codes {
		if !listed[c] || seen[c] {
			return DisposalsReply{}, &Error{Code: CodeInvalidInput, Field: "codes", Message: c + " is not a record of this line past its retention, or is listed twice",
				Params: map[string]string{"code": c}}
		}
		seen[c] = true
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	dec := iso.DisposalApproved{
		ID: s.now().In(calendar.Zone).Format("060102") + "-" + hex.EncodeToString(b[:]), Office: office,
		Class: class.Class.ID, Retention: class.Class.RetentionYears, AsOf: due.AsOf,
		Codes: slices.Sorted(slices.Values(req.Codes)), Reason: strings.TrimSpace(req.Reason),
		ApprovedBy: cl.Actor(), ApprovedAt: s.now().UTC(),
	}
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindDisposalApproved, Subject: iso.DisposalSubject(office, dec.ID), Body: mustJSON(dec)}
	if _, err := d.Store.Append(draft); err != nil {
		return DisposalsReply{}, appendErr(err, "recording the disposal decision")
	}
	list, err := disposalsOf(d.Store, office)
	return DisposalsReply{Office: office, Decisions: list}, err
}

// Disposals lists an office's disposal decisions.
func (s *Iso) Disposals(ctx context.Context, req RegisterRequest) (DisposalsReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return DisposalsReply{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return DisposalsReply{}, err
	}
	list, err := disposalsOf(d.Store, office)
	if err != nil {
		return DisposalsReply{}, err
	}
	return DisposalsReply{Office: office, Decisions: list}, nil
}

// PrintRegister prints an office's register of records as recorded, with
// the print QR naming its subject and the hash of its events, so
// Records.Verify tells whether the copy is still the register in force.
// The default register, never recorded, has no record to verify: it is
// refused until a leader records the office's own.
func (s *Iso) PrintRegister(ctx context.Context, req RegisterRequest) (FormReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return FormReply{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return FormReply{}, err
	}
	reg, err := readRegister(d.Store, office)
	if err != nil {
		return FormReply{}, err
	}
	if !reg.Custom {
		return FormReply{}, &Error{Code: CodeInvalidInput, Field: "register", Params: map[string]string{"rule": "register_not_recorded"},
			Message: "the office has not recorded its register yet: a leader saves it, then it prints"}
	}
	subject := iso.RegisterSubject(office)
	verify, err := subjectVerify(d.Store, office, subject)
	if err != nil {
		return FormReply{}, err
	}
	return s.printLogged(d.Store, CallerFrom(ctx), store.LocalPrintLog(subject), verify, "danh-muc-ho-so-"+office+".pdf",
		func(r *print.Renderer, w io.Writer, reprint int) error {
			return r.IsoRegister(w, print.IsoRegister{Office: printOffice(d.Store, office, s.now()), Register: reg.Register, Version: reg.Version,
				RecordedBy: reg.By, RecordedAt: reg.At, PrintedAt: s.now(), Reprint: reprint, Verify: verify})
		})
}
