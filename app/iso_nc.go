package app

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"hoso/calendar"
	"hoso/dossier"
	"hoso/iso"
	"hoso/report"
	"hoso/store"
)

const (
	isoNCProjID = "isonc"
	// isoIndexOffice lists an office's quality records: key office + 0.
	isoIndexOffice = "office"
	// isoScanBatch bounds the events one append of the automatic scan
	// writes, so a first scan over a year of dossiers is a few
	// transactions, none of them huge: each below a desk's limit (15% of
	// its 2 MB memtable, ~300 KB; 259 of these events did not fit).
	isoScanBatch = 64
)

// isoNCProjection folds a nonconformity (iso.NC). Only the owning office's
// events apply: a nonconformity is its office's record, and a peer cannot
// raise or close one in another office's name.
var isoNCProjection = ownedProjection[iso.NC]{jsonProjection[iso.NC]{
	name:   isoNCProjID,
	prefix: iso.NCPrefix,
	apply: func(s *iso.NC, e *store.Event) {
		if subjectOffice(e.Subject, iso.NCPrefix) == e.Owner {
			s.Apply(e.Kind, e.Body)
		}
	},
	index: func(subject string, s *iso.NC) []store.IndexEntry {
		if s.Raises == 0 {
			return nil
		}
		return []store.IndexEntry{{Index: isoIndexOffice, Key: officeKey(subjectOffice(subject, iso.NCPrefix))}}
	},
}}

// officeKey is the key of an office in an isoIndexOffice index.
func officeKey(office string) []byte { return append([]byte(office), 0) }

// NCItem is a nonconformity as the log lists it.
type NCItem struct {
	iso.NC
	State iso.NCState `json:"state"`
	Open  bool        `json:"open"`
}

func ncItem(n iso.NC) NCItem { return NCItem{NC: n, State: n.State(), Open: n.Open()} }

// officeNCs reads every nonconformity of an office.
func officeNCs(st *store.Store, office string) ([]iso.NC, error) {
	hits, err := st.Scan(isoNCProjID, isoIndexOffice, store.ScanOptions{Prefix: officeKey(office)})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "listing the nonconformities")
	}
	out := make([]iso.NC, 0, len(hits))
	for _, h := range hits {
		var n iso.NC
		if ok, err := readState(st, isoNCProjID, h.Subject, &n); err != nil {
			return nil, err
		} else if ok && n.Raises > 0 {
			out = append(out, n)
		}
	}
	return out, nil
}

// getNC reads one nonconformity of an office.
func getNC(st *store.Store, office, id string) (iso.NC, error) {
	var n iso.NC
	ok, err := readState(st, isoNCProjID, iso.NCSubject(office, id), &n)
	if err != nil {
		return n, err
	}
	if !ok || n.Raises == 0 {
		return n, &Error{Code: CodeNotFound, Field: "id", Message: "no nonconformity " + id, Params: map[string]string{"id": id}}
	}
	return n, nil
}

// ncRefused turns an iso refusal or field problem into an *Error.
func ncRefused(err error) error {
	var r *iso.NCRefusal
	if errors.As(err, &r) {
		return &Error{Code: CodeRefused, Message: r.Message, Params: map[string]string{"rule": r.Rule}, Err: err}
	}
	var f *iso.FieldErr
	if errors.As(err, &f) {
		return FieldError(f.Field, "%s", f.Message)
	}
	return err
}

// ncScanVersion changes when the automatic rules change, so that every
// dossier is judged again under the new ones.
const ncScanVersion = "iso.nc.rules/1"

// ncScanMemo names the local (never synced) note of what a dossier looked
// like when the rules last judged it.
func ncScanMemo(subject string) string {
	return store.LocalISOScan(strings.TrimPrefix(subject, dossierPrefix))
}

// scanNCs runs the automatic rules over the dossiers the office received
// and raises the nonconformities whose cause has not been raised yet. It
// is idempotent: a cause's subject is derived from it (iso.AutoNCID), so
// a second scan, here or on another desk, finds it raised; two desks that
// raise it before they sync write the same subject and the fold keeps
// one. It returns how many it raised.
//
// The log is read often and an office holds years of dossiers, so a
// dossier is decoded only when it may raise something new: its folded
// state changed since the rules last judged it (a hash of its bytes), or
// it then had a step open with a due date, which time alone can make late.
// What the rules last saw is kept as a local note per dossier
// (ncScanMemo), written once the nonconformities are stored.
func scanNCs(st *store.Store, office string, now time.Time) (int, error) {
	hits, err := st.Scan(dossierProjID, indexFact, store.ScanOptions{Prefix: officeKey(office)})
	if err != nil {
		return 0, Wrap(CodeInternal, err, "reading the office's dossiers")
	}
	scale, err := ratingScale(st)
	if err != nil {
		return 0, err
	}
	satisfied := func(v string) bool {
		for _, s := range scale {
			if s.Value == v {
				return s.Satisfied
			}
		}
		return true
	}
	raisedSubjects, err := st.Scan(isoNCProjID, isoIndexOffice, store.ScanOptions{Prefix: officeKey(office)})
	if err != nil {
		return 0, Wrap(CodeInternal, err, "listing the nonconformities")
	}
	known := make(map[string]bool, len(raisedSubjects))
	for _, h := range raisedSubjects {
		known[h.Subject] = true
	}
	raised := func(cause string) bool { return known[iso.NCSubject(office, iso.AutoNCID(cause))] }
	base := sha256.New()
	base.Write([]byte(ncScanVersion))
	for _, v := range scale {
		fmt.Fprintf(base, "|%s=%t", v.Value, v.Satisfied)
	}
	type memo struct {
		name  string
		value []byte
	}
	var memos []memo
	var drafts []store.Draft
	count := 0
	flush := func() error {
		if len(drafts) == 0 {
			return nil
		}
		if _, err := st.AppendBatch(drafts); err != nil {
			return appendErr(err, "raising the nonconformities")
		}
		count += len(drafts)
		drafts = drafts[:0]
		return nil
	}
	prefix := base.Sum(nil)
	for _, h := range hits {
		b, err := st.State(dossierProjID, h.Subject)
		if errors.Is(err, store.ErrNotFound) {
			continue
		} else if err != nil {
			return count, Wrap(CodeInternal, err, "reading "+h.Subject)
		}
		sum := sha256.Sum256(append(slices.Clip(prefix), b...))
		name := ncScanMemo(h.Subject)
		if old, err := st.Local(name); err == nil && len(old) == 9 && bytes.Equal(old[:8], sum[:8]) && old[8] == 0 {
			continue
		}
		var d dossier.Dossier
		if err := json.Unmarshal(b, &d); err != nil {
			return count, Wrap(CodeInternal, err, "decoding "+h.Subject)
		}
		if d.Office != office {
			continue
		}
		for _, n := range iso.Unraised(iso.AutoNCs(d, now, satisfied), raised) {
			drafts = append(drafts, store.Draft{Owner: office, Kind: iso.KindNCRaised, Subject: iso.NCSubject(office, n.ID), Body: mustJSON(n)})
			known[iso.NCSubject(office, n.ID)] = true
		}
		timed := byte(0)
		for _, s := range d.Steps {
			if s.Done.IsZero() && !s.Due.IsZero() {
				timed = 1
			}
		}
		memos = append(memos, memo{name, append(sum[:8:8], timed)})
		if len(drafts) >= isoScanBatch {
			if err := flush(); err != nil {
				return count, err
			}
		}
	}
	if err := flush(); err != nil {
		return count, err
	}
	for _, m := range memos {
		if err := st.SetLocal(m.name, m.value); err != nil {
			return count, Wrap(CodeInternal, err, "noting the dossiers judged")
		}
	}
	return count, nil
}

// isoOffice resolves the office a quality request reads: the caller's when
// empty, else one at or below the caller's office (a district reads its
// communes' logs, never a sibling's).
func isoOffice(st *store.Store, cl Caller, office string) (string, error) {
	own := callerOffice(st, cl)
	office = strings.TrimSpace(office)
	if office == "" || office == own {
		return own, nil
	}
	below := false
	if err := upTree(st, office, func(code string) (bool, error) {
		below = code == own
		return below, nil
	}); err != nil {
		return "", err
	}
	if !below && !cl.Operator {
		return "", &Error{Code: CodeForbidden, Field: "office", Message: "office " + office + " is not at or below yours", Params: map[string]string{"code": office}}
	}
	return office, nil
}

// NCListRequest filters the nonconformity log of an office (empty: the
// caller's): State "open" or "closed" (closed includes those found not to
// be one), Source, and Period (a label, 2026Q4, 2026-11 or 2026, in the
// office's report window) on the day each was raised.
type NCListRequest struct {
	Office string       `json:"office"`
	State  string       `json:"state"`
	Source iso.NCSource `json:"source"`
	Period string       `json:"period"`
}

// NCListReply is an office's nonconformity log, newest first, with how
// many the automatic scan raised for this call.
type NCListReply struct {
	Office string   `json:"office"`
	Raised int      `json:"raised"`
	Items  []NCItem `json:"items"`
}

// Nonconformities lists an office's nonconformities. For the caller's own
// office it first runs the automatic rules over its dossiers and raises
// what they find that was not raised yet.
func (i *Iso) Nonconformities(ctx context.Context, req NCListRequest) (NCListReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return NCListReply{}, err
	}
	cl := CallerFrom(ctx)
	office, err := isoOffice(d.Store, cl, req.Office)
	if err != nil {
		return NCListReply{}, err
	}
	if req.State != "" && req.State != "open" && req.State != "closed" {
		return NCListReply{}, FieldError("state", "the state must be open or closed")
	}
	if req.Source != "" && !req.Source.Valid() {
		return NCListReply{}, FieldError("source", "no source %q", req.Source)
	}
	var from, to time.Time
	if p := strings.TrimSpace(req.Period); p != "" {
		rules, err := reportRules(d.Store, office)
		if err != nil {
			return NCListReply{}, err
		}
		period, err := report.ParsePeriod(p, rules.Normalized().Window)
		if err != nil {
			return NCListReply{}, FieldError("period", "%q is not a period: write a quarter 2026Q4, a month 2026-11 or a year 2026", p)
		}
		from, to = period.Start, period.End
	}
	out := NCListReply{Office: office, Items: []NCItem{}}
	if office == callerOffice(d.Store, cl) {
		i.mu.Lock()
		out.Raised, err = scanNCs(d.Store, office, i.now())
		if err == nil {
			// Late complaints raise theirs the same way (complaints_write.go).
			var n int
			n, err = scanComplaintNCs(d.Store, office, i.now())
			out.Raised += n
		}
		i.mu.Unlock()
		if err != nil {
			return NCListReply{}, err
		}
	}
	ncs, err := officeNCs(d.Store, office)
	if err != nil {
		return NCListReply{}, err
	}
	for _, n := range ncs {
		switch {
		case req.State == "open" && !n.Open(), req.State == "closed" && n.Open():
			continue
		case req.Source != "" && n.Source != req.Source:
			continue
		case !from.IsZero() && (n.RaisedAt.Before(from) || !n.RaisedAt.Before(to)):
			continue
		}
		out.Items = append(out.Items, ncItem(n))
	}
	slices.SortStableFunc(out.Items, func(a, b NCItem) int {
		if c := b.RaisedAt.Compare(a.RaisedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// NCRequest names a nonconformity of an office (empty: the caller's).
type NCRequest struct {
	Office string `json:"office"`
	ID     string `json:"id"`
}

// NCReply is one nonconformity with its corrective actions.
type NCReply struct {
	NCItem
	ActionItems []ActionItem `json:"actionItems"`
}

// Nonconformity returns one nonconformity with its corrective actions.
func (i *Iso) Nonconformity(ctx context.Context, req NCRequest) (NCReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return NCReply{}, err
	}
	office, err := isoOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return NCReply{}, err
	}
	return ncReply(d.Store, office, strings.TrimSpace(req.ID), i.now())
}

func ncReply(st *store.Store, office, id string, now time.Time) (NCReply, error) {
	n, err := getNC(st, office, id)
	if err != nil {
		return NCReply{}, err
	}
	out := NCReply{NCItem: ncItem(n), ActionItems: []ActionItem{}}
	for _, a := range n.Actions {
		act, err := getAction(st, office, a)
		if err != nil {
			return NCReply{}, err
		}
		out.ActionItems = append(out.ActionItems, actionItem(act, now))
	}
	return out, nil
}

// RaiseNCRequest raises a nonconformity by hand for the caller's office:
// its source (audit, complaint, inspection or manual), what it is and,
// optionally, the dossier and process concerned and the ISO clause.
type RaiseNCRequest struct {
	Source      iso.NCSource `json:"source"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Dossier     string       `json:"dossier"`
	Process     string       `json:"process"`
	Clause      string       `json:"clause"`
}

// RaiseNonconformity raises a nonconformity by hand. Anyone of the office
// may: the clerk who hears a complaint at the desk as well as the leader.
// A dossier the office cannot see is refused as if it did not exist.
func (i *Iso) RaiseNonconformity(ctx context.Context, req RaiseNCRequest) (NCReply, error) {
	switch {
	case req.Source == "" || !req.Source.Valid():
		return NCReply{}, FieldError("source", "choose audit, complaint, inspection or manual")
	case req.Source.Auto():
		return NCReply{}, FieldError("source", "%s is raised by the rules, not by hand", req.Source)
	case strings.TrimSpace(req.Title) == "":
		return NCReply{}, FieldError("title", "say what the nonconformity is")
	case len(req.Title) > 300 || len(req.Description) > 4000:
		return NCReply{}, FieldError("title", "the text is too long")
	}
	d, err := i.core.Deps()
	if err != nil {
		return NCReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	now := i.now()
	n := iso.NCRaised{
		Office: office, Source: req.Source, Title: strings.TrimSpace(req.Title), Description: strings.TrimSpace(req.Description),
		Process: strings.TrimSpace(req.Process), Clause: strings.TrimSpace(req.Clause), RaisedBy: cl.Actor(), RaisedAt: now,
	}
	if code := strings.TrimSpace(req.Dossier); code != "" {
		ds, err := visibleDossier(d.Store, office, code, "dossier")
		if err != nil {
			return NCReply{}, err
		}
		n.Dossier = ds.Code
		if n.Process == "" {
			n.Process = ds.Procedure.Code
		}
	}
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return NCReply{}, Wrap(CodeInternal, err, "drawing a nonconformity id")
	}
	n.ID = fmt.Sprintf("%s-%s", now.In(calendar.Zone).Format("060102"), hex.EncodeToString(b[:]))
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindNCRaised, Subject: iso.NCSubject(office, n.ID), Body: mustJSON(n)}
	if _, err := d.Store.Append(draft); err != nil {
		return NCReply{}, appendErr(err, "raising the nonconformity")
	}
	return ncReply(d.Store, office, n.ID, now)
}

// ReviewNCRequest reviews a nonconformity of the caller's office:
// accepted with a severity, or rejected (not a nonconformity) with the
// reason.
type ReviewNCRequest struct {
	ID       string       `json:"id"`
	Verdict  iso.Verdict  `json:"verdict"`
	Severity iso.Severity `json:"severity"`
	Reason   string       `json:"reason"`
}

// ReviewNonconformity records a review. A review made on another desk
// at the same time that disagrees is kept too, and the log shows the
// conflict until someone reviews it again.
func (i *Iso) ReviewNonconformity(ctx context.Context, req ReviewNCRequest) (NCReply, error) {
	r := iso.NCReviewed{Verdict: req.Verdict, Severity: req.Severity, Reason: strings.TrimSpace(req.Reason)}
	if err := iso.ValidateReview(r); err != nil {
		return NCReply{}, ncRefused(err)
	}
	d, err := i.core.Deps()
	if err != nil {
		return NCReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	i.mu.Lock()
	defer i.mu.Unlock()
	n, err := getNC(d.Store, office, strings.TrimSpace(req.ID))
	if err != nil {
		return NCReply{}, err
	}
	if err := n.CanReview(); err != nil {
		return NCReply{}, ncRefused(err)
	}
	now := i.now()
	r.By, r.At, r.Seen = cl.Actor(), now, n.Reviews
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindNCReviewed, Subject: iso.NCSubject(office, n.ID), Body: mustJSON(r)}
	if _, err := d.Store.Append(draft); err != nil {
		return NCReply{}, appendErr(err, "reviewing the nonconformity")
	}
	return ncReply(d.Store, office, n.ID, now)
}
